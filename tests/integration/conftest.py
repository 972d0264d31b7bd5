"""Fixtures for integration tests: a live Heroku simulator and a real ansible-playbook.

    def test_creates_app(sim, run_playbook):
        result = run_playbook([{"name": "create", "herokuops.platform.heroku_app": {"name": "demo"}}])
        assert result.rc == 0, result
        assert result.task("create").changed

Mark a test ``both_paths`` only where the path is what is tested: each module's main converge test (check
mode, for real, again), its secrets at -vvvv, and the in-process path's own tests (test_in_process.py). It then
runs twice, in Ansible's worker and as a module run (~0.6 s more per task); every other test runs in process only.

Asynchronous transitions: the simulator starts with none (a transition ends at the next request). A test of a
wait uses ``sim.set_async_reads(2)`` (still under way on the module's first read, done on its second: one
1-second poll) or ``sim.freeze_async(True)``, never a delay in real seconds.

See CONTRIBUTING.md for more.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # works with pytest's prepend and importlib import modes alike
    sys.path.insert(0, str(HERE))

import playbook_harness  # noqa: E402

REPO_ROOT = HERE.parent.parent
COLLECTIONS_DIR = REPO_ROOT / ".cache" / "collections"  # made by tests/conftest.py
ANSIBLE_HOME = REPO_ROOT / ".cache" / "ansible-home"
API_KEY = "test-api-key"


@pytest.fixture
def sim():
    """A fresh simulator on a free loopback port, with API key ``test-api-key``; stopped after the test."""
    if not (REPO_ROOT / "simulator" / "heroku_simulator" / "__init__.py").is_file():
        pytest.skip("the simulator package (simulator/heroku_simulator/__init__.py) is not in this tree yet")
    # Once simulator/ exists, a failed import is a broken install, not a reason to skip.
    import heroku_simulator  # pylint: disable=import-outside-toplevel

    simulator = heroku_simulator.Simulator(api_key=API_KEY).start(port=0)
    try:
        yield simulator
    finally:
        simulator.stop()


# What turns the collection's in-process path off, for the runs that test the module path.
MODULE_PATH_ENV = {"HEROKUOPS_PLATFORM_IN_PROCESS": "false"}


def pytest_configure(config):
    config.addinivalue_line("markers", "both_paths: run the test with the modules running in Ansible's worker (the "
                                       "default) and again as module runs (the fallback path); only where the "
                                       "path is what is tested")


def pytest_generate_tests(metafunc):
    # A test that runs no playbook (an ansible-inventory run) has one path only.
    if metafunc.definition.get_closest_marker("both_paths") and "execution_path" in metafunc.fixturenames:
        metafunc.parametrize("execution_path", ["in_process", "module"], indirect=True)


@pytest.fixture
def execution_path(request):
    """Where the collection's modules run: ``in_process`` (in Ansible's worker, the default) or ``module``."""
    return getattr(request, "param", "in_process")


@pytest.fixture
def run_playbook(sim, tmp_path, execution_path):
    """Call as ``run_playbook(tasks_or_yaml, check=False, diff=False, verbosity=0, extra_vars=None, env=None,
    unset_env=(), checkpoints=None)``.

    ``env`` adds variables to the run; a value of None removes one (e.g. ``{"HEROKU_API_KEY": None}``);
    ``unset_env`` names variables to remove (e.g. ``unset_env=["HEROKU_API_KEY"]``);
    ``checkpoints`` maps the ids of ``playbook_harness.checkpoint_task(id)`` tasks to functions run at that point
    (given the results so far; see converge.Playbook.checkpoint).
    Returns a playbook_harness.PlaybookResult; its ``stdout`` holds stdout and stderr; each task result has the
    simulator requests it sent (``.requests``, ``.writes``).
    """
    base_env = playbook_harness.playbook_env(sim.url, API_KEY, COLLECTIONS_DIR, ANSIBLE_HOME)
    if execution_path == "module":
        base_env.update(MODULE_PATH_ENV)

    def _run(tasks_or_playbook, check=False, diff=False, verbosity=0, extra_vars=None, env=None, unset_env=(),
             checkpoints=None):
        return playbook_harness.run_playbook(
            tmp_path / "ansible", base_env, tasks_or_playbook,
            check=check, diff=diff, verbosity=verbosity, extra_vars=extra_vars, env=env, unset_env=unset_env,
            checkpoints=checkpoints)

    return _run


@pytest.fixture
def run_named(sim, tmp_path):
    """Call as ``run_named(name, extra_vars=None, check=False)``: runs ``ansible-playbook herokuops.platform.<name>`` (a
    playbook of the collection, by its full name as a user runs it) against the simulator; returns a PlaybookResult."""
    workdir = tmp_path / "named"
    workdir.mkdir()
    inventory = workdir / "inventory.ini"
    inventory.write_text(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n",
                         encoding="utf-8")
    runs = []

    def _run(name, extra_vars=None, check=False):
        runs.append(name)
        results_path = workdir / f"results-{len(runs)}.json"
        env = playbook_harness.playbook_env(sim.url, API_KEY, COLLECTIONS_DIR, ANSIBLE_HOME)
        env["HEROKUOPS_TEST_RESULTS_FILE"] = str(results_path)
        env["HOME"] = str(workdir)  # no developer ~/.netrc
        cmd = [playbook_harness.find_ansible_playbook(), "-i", str(inventory), f"herokuops.platform.{name}"]
        if check:
            cmd.append("--check")
        if extra_vars:
            cmd += ["--extra-vars", json.dumps(extra_vars)]
        proc = subprocess.run(cmd, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=playbook_harness.PLAYBOOK_TIMEOUT, stdin=subprocess.DEVNULL,
                              check=False)
        records = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else []
        return playbook_harness.PlaybookResult(rc=proc.returncode, stdout=proc.stdout,
                                               results=[playbook_harness.task_result(r) for r in records])

    return _run
