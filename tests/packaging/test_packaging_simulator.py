"""The simulator as a user's CI gets it: ``pip install ./simulator`` into a fresh virtual environment.

Every other test imports the simulator from the checkout (.venv holds an editable install), which would hide a
module the package leaves out. Here it is installed as the README says, then the README's recipe runs: start it,
point ansible-playbook at it through HEROKU_API_URL and HEROKU_API_KEY, stop it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from packaging_helpers import REPO_ROOT

import playbook_harness

SOURCE = REPO_ROOT / "simulator" / "heroku_simulator"
API_KEY = "test-key"
INSTALL_TIMEOUT = 600  # seconds: pip may fetch the build backend and cryptography


@pytest.fixture(scope="module")
def simulator_python(tmp_path_factory) -> Path:
    """The Python of a new virtual environment into which pip installed ./simulator (not editable)."""
    scratch = tmp_path_factory.mktemp("simulator-venv")
    # From a copy as a fresh clone has it: setuptools builds in the source's build/, whose leftovers from an
    # earlier build would be packaged too, hiding a module pyproject.toml leaves out.
    source = scratch / "simulator"
    shutil.copytree(REPO_ROOT / "simulator", source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    venv = scratch / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(source)], env=env,
                          cwd=str(venv), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=INSTALL_TIMEOUT, check=False)
    if proc.returncode != 0:
        pytest.fail("pip install ./simulator failed (rc=%s):\n%s" % (proc.returncode, proc.stdout[-3000:]))
    return python


def test_the_readme_says_what_this_test_runs():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install ./simulator\n" in readme
    assert re.search(r"^python -m heroku_simulator --port (\d+) --api-key %s &\n"
                     r"HEROKU_API_URL=http://127\.0\.0\.1:\1 HEROKU_API_KEY=%s ansible-playbook site\.yml$"
                     % (API_KEY, API_KEY), readme, re.MULTILINE), "the README's recipe changed: change this test with it"


def test_the_installed_package_holds_every_module_of_the_source(simulator_python):
    proc = subprocess.run(
        [str(simulator_python), "-c", "import pathlib, heroku_simulator; root = pathlib.Path(heroku_simulator.__file__).parent; "
         "print(root); print('\\n'.join(sorted(str(p.relative_to(root)) for p in root.rglob('*.py'))))"],
        cwd="/", stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stdout
    root, *installed = proc.stdout.splitlines()
    root = Path(root)
    assert root.is_relative_to(simulator_python.parent.parent), "imported from %s, not from the new environment" % root
    assert installed == sorted(str(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py"))


def test_the_readme_recipe_converges_a_playbook_against_it_and_the_state_outlives_it(simulator_python, tmp_path):
    state = tmp_path / "state.json"
    # --port 0: a free port, which the first line names.
    simulator = subprocess.Popen([str(simulator_python), "-m", "heroku_simulator", "--port", "0", "--api-key", API_KEY,
                                  "--state-file", str(state)], cwd=str(tmp_path), stdout=subprocess.PIPE, text=True)
    try:
        line = simulator.stdout.readline()
        url = re.search(r"listening on (http://127\.0\.0\.1:\d+)$", line.strip())
        assert url, line
        env = playbook_harness.playbook_env(url.group(1), API_KEY, REPO_ROOT / ".cache" / "collections", tmp_path / "ansible-home")
        tasks = [{"name": "app", "herokuops.platform.heroku_app": {"name": "ci-shop", "region": "eu"}},
                 {"name": "config", "herokuops.platform.heroku_config": {"app": "ci-shop", "config": {"MODE": "ci"}}}]
        first = playbook_harness.run_playbook(tmp_path / "first", env, tasks)
        second = playbook_harness.run_playbook(tmp_path / "second", env, tasks)
        assert first.rc == 0 and first.task("app").changed and first.task("config").changed, first
        assert second.rc == 0 and not second.changed_tasks, second
        answer = requests.get(url.group(1) + "/apps/ci-shop/config-vars", timeout=10, headers={
            "Accept": "application/vnd.heroku+json; version=3", "Authorization": "Bearer " + API_KEY})
        assert (answer.status_code, answer.json()) == (200, {"MODE": "ci"})
    finally:
        simulator.send_signal(signal.SIGTERM)
        assert simulator.wait(timeout=30) == 0
    assert '"ci-shop"' in state.read_text(encoding="utf-8")
