"""Run real ansible-playbook processes against the Heroku simulator.

Used through the ``run_playbook`` fixture in conftest.py. Each call writes a
one-play playbook (hosts: localhost, connection: local, gather_facts: false),
runs ansible-playbook from the same venv as pytest, and reads back what the
test-only callback in callback_plugins/record_results.py recorded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Sequence, Union

import yaml

HERE = Path(__file__).resolve().parent
CALLBACK_DIR = HERE / "callback_plugins"
CALLBACK_NAME = "record_results"
PLAYBOOK_TIMEOUT = 300  # seconds; a hung module must fail the test, not CI.


@dataclass
class TaskResult:
    """One task's outcome on localhost: name, status and the module's result dict."""

    name: str
    status: str  # ok | changed | failed | skipped | unreachable
    action: str
    result: dict
    ignore_errors: bool = False

    @property
    def changed(self) -> bool:
        return self.status == "changed" or bool(self.result.get("changed"))

    @property
    def failed(self) -> bool:
        return self.status in ("failed", "unreachable")

    def __getitem__(self, key):
        return self.result[key]

    def get(self, key, default=None):
        return self.result.get(key, default)


@dataclass
class PlaybookResult:
    rc: int
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

    def __str__(self) -> str:
        return f"ansible-playbook rc={self.rc}\n{self.output}"


TasksOrYaml = Union[str, Sequence[Mapping[str, Any]]]


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
) -> PlaybookResult:
    workdir.mkdir(parents=True, exist_ok=True)
    # Number the files so a test that runs several playbooks keeps them all for debugging.
    index = len(list(workdir.glob("playbook-*.yml"))) + 1
    playbook_path = workdir / f"playbook-{index}.yml"
    results_path = workdir / f"results-{index}.json"
    inventory_path = workdir / "inventory.ini"
    playbook_text = yaml.safe_dump(build_playbook(tasks_or_playbook), sort_keys=False)
    playbook_path.write_text(playbook_text, encoding="utf-8")
    # The modules must run under the venv's Python (it has requests), not
    # whatever interpreter discovery would find on the machine.
    inventory_path.write_text(
        f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n", encoding="utf-8")

    run_env = dict(base_env)
    run_env["HEROKUOPS_TEST_RESULTS_FILE"] = str(results_path)
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

    # stderr joins stdout so that a secret printed to either fails a leak check.
    proc = subprocess.run(cmd, cwd=workdir, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=PLAYBOOK_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
    records = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else []
    results = [TaskResult(name=r["name"], status=r["status"], action=r["action"], result=r["result"],
                          ignore_errors=r.get("ignore_errors", False)) for r in records]
    return PlaybookResult(rc=proc.returncode, stdout=proc.stdout,
                          results=results, playbook=playbook_text)


def playbook_env(sim_url: str, api_key: Optional[str], collections_dir: Path, ansible_home: Path) -> dict:
    """The environment every harness run starts from; never the caller's Heroku credentials."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("HEROKU_", "ANSIBLE_")) and k not in ("PYTEST_CURRENT_TEST",)}
    env.update({
        "HEROKU_API_URL": sim_url,
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
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    if api_key is not None:
        env["HEROKU_API_KEY"] = api_key
    return env
