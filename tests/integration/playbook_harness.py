"""Run real ansible-playbook processes against the Heroku simulator.

Used through the ``run_playbook`` fixture in conftest.py. Each call writes a
one-play playbook (hosts: localhost, connection: local, gather_facts: false),
runs ansible-playbook from the same venv as pytest, and reads back what the
test-only callback in callback_plugins/record_results.py recorded: each task's
status, result dict and the simulator requests it sent.

``checkpoints`` maps ids to functions: a task ``checkpoint_task(id)`` in the
playbook pauses it while the test runs that function with the results so far
(e.g. reads the simulator's state between two steps), so that one process can
hold several steps.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional, Sequence, Union

import yaml

HERE = Path(__file__).resolve().parent
CALLBACK_DIR = HERE / "callback_plugins"
CALLBACK_NAME = "record_results"
PLAYBOOK_TIMEOUT = 300  # seconds; a hung module must fail the test, not CI.
CHECKPOINT_PREFIX = "__checkpoint__ "  # as in callback_plugins/record_results.py


@dataclass
class TaskResult:
    """One task's outcome on localhost: name, status, the module's result dict and the simulator requests it sent."""

    name: str
    status: str  # ok | changed | failed | skipped | unreachable
    action: str
    result: dict
    ignore_errors: bool = False
    play: str = ""
    # The simulator's records of the requests this task sent ({"method", "path", "query", "status", "write", ...},
    # as sim.requests has them), in order; None when the simulator could not be read (no simulator in the test).
    # Left out of repr(): they hold the bodies sent, secrets included, while leak checks read what Ansible returned.
    requests_recorded: Optional[list] = field(default=None, repr=False)

    @property
    def changed(self) -> bool:
        return self.status == "changed" or bool(self.result.get("changed"))

    @property
    def failed(self) -> bool:
        return self.status in ("failed", "unreachable")

    @property
    def requests(self) -> list:
        """The simulator's records of the requests this task sent, in order."""
        if self.requests_recorded is None:
            raise AssertionError(f"the requests of task {self.name!r} were not recorded: "
                                 "the callback could not read the simulator's request log")
        return self.requests_recorded

    @property
    def writes(self) -> list:
        """Those of ``requests`` that can change state (``"write": true``)."""
        return [r for r in self.requests if r["write"]]

    @property
    def calls(self) -> list:
        """``(method, path)`` of every request this task sent, in order."""
        return [(r["method"], r["path"]) for r in self.requests]

    def __getitem__(self, key):
        return self.result[key]

    def get(self, key, default=None):
        return self.result.get(key, default)


@dataclass
class PlaybookResult:
    rc: Optional[int]  # None in the results so far that a checkpoint is given
    stdout: str  # stdout and stderr interleaved, as a terminal shows them: leak checks see everything
    stderr: str = ""  # kept for compatibility; always empty because stderr goes into stdout
    results: list = field(default_factory=list)
    playbook: str = ""

    def tasks(self, name: str) -> list:
        return [r for r in self.results if r.name == name]

    def task(self, name: str) -> TaskResult:
        """The last recorded result of the task with this name (KeyError lists the names seen)."""
        found = self.tasks(name)
        if not found:
            seen = ", ".join(repr(r.name) for r in self.results) or "none"
            raise KeyError(f"no task named {name!r} ran; tasks recorded: {seen}\n{self.output}")
        return found[-1]

    @property
    def changed(self) -> bool:
        return any(r.changed for r in self.results)

    @property
    def changed_tasks(self) -> list:
        return [r for r in self.results if r.changed]

    @property
    def failed_tasks(self) -> list:
        return [r for r in self.results if r.failed]

    @property
    def output(self) -> str:
        """stdout and stderr together, for assertion messages and leak checks."""
        return self.stdout + ("\n--- stderr ---\n" + self.stderr if self.stderr else "")

    def output_of(self, name: str) -> str:
        """The part of the output the default callback printed for the task with this name: from its
        ``TASK [name]`` line to the next task's or the recap (the whole of it for each run of that name)."""
        parts, inside = [], False
        for line in self.output.splitlines(keepends=True):
            if line.startswith(("TASK [", "RUNNING HANDLER [", "PLAY [", "PLAY RECAP")):
                inside = line.startswith(f"TASK [{name}]")
            if inside:
                parts.append(line)
        return "".join(parts)

    def __str__(self) -> str:
        return f"ansible-playbook rc={self.rc}\n{self.output}"


TasksOrYaml = Union[str, Sequence[Mapping[str, Any]]]


def checkpoint_task(checkpoint_id: str) -> dict:
    """A task that pauses the playbook while the test runs ``checkpoints[checkpoint_id]``."""
    return {"name": CHECKPOINT_PREFIX + checkpoint_id, "ansible.builtin.debug": {"msg": "checkpoint"}}


def task_result(record: Mapping[str, Any]) -> TaskResult:
    """A TaskResult from one record of the callback's JSON."""
    return TaskResult(name=record["name"], status=record["status"], action=record["action"], result=record["result"],
                      ignore_errors=record.get("ignore_errors", False), play=record.get("play", ""),
                      requests_recorded=record.get("requests"))


def build_playbook(tasks_or_playbook: TasksOrYaml) -> list:
    """Accept a list of task dicts, a YAML list of tasks, or a whole YAML playbook."""
    data = yaml.safe_load(tasks_or_playbook) if isinstance(tasks_or_playbook, str) else list(tasks_or_playbook)
    if not isinstance(data, list):
        raise TypeError("expected a list of tasks or a playbook (a list of plays)")
    if data and all(isinstance(item, Mapping) and "hosts" in item for item in data):
        return data
    return [{
        "name": "herokuops.platform integration test",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "tasks": data,
    }]


def find_ansible_playbook() -> str:
    beside = Path(sys.executable).parent / "ansible-playbook"
    if beside.exists():
        return str(beside)
    found = shutil.which("ansible-playbook")
    if not found:
        raise RuntimeError("ansible-playbook not found beside the test interpreter or on PATH; run scripts/bootstrap")
    return found


def run_playbook(
    workdir: Path,
    base_env: Mapping[str, str],
    tasks_or_playbook: TasksOrYaml,
    check: bool = False,
    diff: bool = False,
    verbosity: int = 0,
    extra_vars: Optional[Mapping[str, Any]] = None,
    env: Optional[Mapping[str, Optional[str]]] = None,
    unset_env: Sequence[str] = (),
    checkpoints: Optional[Mapping[str, Callable[[PlaybookResult], Any]]] = None,
) -> PlaybookResult:
    workdir.mkdir(parents=True, exist_ok=True)
    # Number the files so a test that runs several playbooks keeps them all for debugging.
    index = len(list(workdir.glob("playbook-*.yml"))) + 1
    playbook_path = workdir / f"playbook-{index}.yml"
    results_path = workdir / f"results-{index}.json"
    output_path = workdir / f"output-{index}.txt"
    checkpoint_path = workdir / f"checkpoint-{index}"
    inventory_path = workdir / "inventory.ini"
    playbook_text = yaml.safe_dump(build_playbook(tasks_or_playbook), sort_keys=False)
    playbook_path.write_text(playbook_text, encoding="utf-8")
    # The modules must run under the venv's Python (it has requests), not
    # whatever interpreter discovery would find on the machine.
    inventory_path.write_text(
        f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n", encoding="utf-8")

    run_env = dict(base_env)
    run_env["HEROKUOPS_TEST_RESULTS_FILE"] = str(results_path)
    if checkpoints:
        run_env["HEROKUOPS_TEST_CHECKPOINT_FILE"] = str(checkpoint_path)
    # A HOME of its own: requests reads ~/.netrc, and a developer's real one must
    # neither authenticate a test nor leak into it.
    home = workdir / "home"
    home.mkdir(exist_ok=True)
    run_env["HOME"] = str(home)
    for key, value in (env or {}).items():
        if value is None:
            run_env.pop(key, None)
        else:
            run_env[key] = str(value)
    for key in unset_env:
        run_env.pop(key, None)

    cmd = [find_ansible_playbook(), "-i", str(inventory_path), str(playbook_path)]
    if check:
        cmd.append("--check")
    if diff:
        cmd.append("--diff")
    if verbosity:
        cmd.append("-" + "v" * verbosity)
    if extra_vars:
        cmd += ["--extra-vars", json.dumps(dict(extra_vars))]

    # stderr joins stdout so that a secret printed to either fails a leak check. The output goes to a file, not a
    # pipe: while the test runs a checkpoint's code nobody would read the pipe.
    with open(output_path, "w+", encoding="utf-8") as output:
        proc = subprocess.Popen(cmd, cwd=workdir, env=run_env, stdout=output, stderr=subprocess.STDOUT, text=True,
                                stdin=subprocess.DEVNULL)
        try:
            _serve_checkpoints(proc, checkpoint_path, results_path, checkpoints or {})
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
        output.seek(0)
        stdout = output.read()
    records = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else []
    return PlaybookResult(rc=proc.returncode, stdout=stdout, results=[task_result(r) for r in records],
                          playbook=playbook_text)


def _serve_checkpoints(proc: subprocess.Popen, path: Path, results_path: Path,
                       checkpoints: Mapping[str, Callable[[PlaybookResult], Any]]) -> None:
    """Wait for the playbook to end, running each checkpoint's function when the callback pauses on it, with the
    results recorded so far (a PlaybookResult whose rc is None).

    A function that raises stops the playbook (killed) and its exception fails the test. It must not clear the
    simulator's request log: the callback slices it by position.
    """
    deadline = time.monotonic() + PLAYBOOK_TIMEOUT
    done = Path(str(path) + ".done")
    while True:
        if not checkpoints:
            proc.wait(timeout=max(deadline - time.monotonic(), 1))
            return
        if path.exists():
            checkpoint_id = path.read_text(encoding="utf-8")
            path.unlink()
            if checkpoint_id not in checkpoints:
                raise KeyError(f"the playbook reached checkpoint {checkpoint_id!r}, which the test did not give")
            # The results so far: the callback writes them before it pauses.
            records = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else []
            checkpoints[checkpoint_id](PlaybookResult(rc=None, stdout="", results=[task_result(r) for r in records]))
            tmp = Path(str(done) + ".tmp")
            tmp.write_text("go", encoding="utf-8")
            tmp.replace(done)
            continue
        if proc.poll() is not None:
            return
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(proc.args, PLAYBOOK_TIMEOUT)
        time.sleep(0.01)


def playbook_env(sim_url: str, api_key: Optional[str], collections_dir: Path, ansible_home: Path) -> dict:
    """The environment every harness run starts from; never the caller's Heroku credentials."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HEROKU_", "ANSIBLE_")) and k not in ("PYTEST_CURRENT_TEST",)}
    env.update({
        "HEROKU_API_URL": sim_url,
        # Where the callback reads the simulator's request log, even in a run that unsets HEROKU_API_URL.
        "HEROKUOPS_TEST_SIM_URL": sim_url,
        "ANSIBLE_COLLECTIONS_PATH": str(collections_dir),
        "ANSIBLE_HOME": str(ansible_home),
        "ANSIBLE_LOCAL_TEMP": str(ansible_home / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(ansible_home / "remote-tmp"),  # default: ~/.ansible/tmp
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACK_DIR),
        "ANSIBLE_CALLBACKS_ENABLED": CALLBACK_NAME,
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "ANSIBLE_STDOUT_CALLBACK": "default",
        # Keep the collection the only one in play: no surprise copies from ~/.ansible.
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "0",
        # ansible-core 2.21 and later return a module's invocation only when asked; the tests check its masking.
        "ANSIBLE_INJECT_INVOCATION": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    if api_key is not None:
        env["HEROKU_API_KEY"] = api_key
    return env
