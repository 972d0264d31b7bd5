"""Helpers for the packaging checks (tests/packaging): running the collection's tools from the
test venv in an environment that keeps them away from the checkout's symlinked collection and
from the user's home, galaxy.yml's build_ignore, and listing the plugins.

A module of its own (not conftest) so that test files can import it whatever other conftest.py
files pytest has loaded.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from typing import NamedTuple
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
INTEGRATION_DIR = REPO_ROOT / "tests" / "integration"
if str(INTEGRATION_DIR) not in sys.path:
    sys.path.insert(0, str(INTEGRATION_DIR))

VENV_BIN = Path(sys.executable).parent
NAMESPACE, NAME = "herokuops", "platform"
FQCN = f"{NAMESPACE}.{NAME}"
API_KEY = "test-api-key"
TOOL_TIMEOUT = 240  # seconds; a hung tool must fail the test, not CI

# Plugin types whose files hold exactly one plugin named after the file (filter and test files may hold many).
ONE_PLUGIN_PER_FILE = {
    "modules": "module", "inventory": "inventory", "lookup": "lookup", "callback": "callback",
    "connection": "connection", "become": "become", "cache": "cache", "vars": "vars",
    "strategy": "strategy", "cliconf": "cliconf", "httpapi": "httpapi", "netconf": "netconf",
    "shell": "shell", "terminal": "terminal",
}


@dataclass
class ToolResult:
    cmd: list
    rc: int
    output: str  # stdout and stderr interleaved

    def __str__(self) -> str:
        return f"$ {' '.join(map(str, self.cmd))}\nexit {self.rc}\n{self.output}"


def tool(name: str) -> str:
    """A console script from the test venv; fail (not skip) when bootstrap did not install it."""
    path = VENV_BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: tests/requirements.txt pins it; run scripts/bootstrap")
    return str(path)


def run(cmd, env, cwd, timeout=TOOL_TIMEOUT) -> ToolResult:
    proc = subprocess.run([str(c) for c in cmd], cwd=str(cwd), env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=timeout, stdin=subprocess.DEVNULL,
                          check=False)
    return ToolResult(cmd=list(cmd), rc=proc.returncode, output=proc.stdout)


def base_env(workdir: Path, collections_path: Path | None = None) -> dict:
    """The caller's environment without ANSIBLE_*/HEROKU_*/GALAXY_IMPORTER_*, with Ansible's state in workdir."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ANSIBLE_", "HEROKU_", "GALAXY_IMPORTER_")) and k != "PYTEST_CURRENT_TEST"}
    ansible_home = workdir / "ansible-home"
    home = workdir / "home"
    for d in (ansible_home / "tmp", home):
        d.mkdir(parents=True, exist_ok=True)
    env.update({
        "PATH": f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}",
        "HOME": str(home),
        "XDG_CACHE_HOME": str(workdir / "xdg-cache"),
        "ANSIBLE_HOME": str(ansible_home),
        "ANSIBLE_LOCAL_TEMP": str(ansible_home / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(ansible_home / "remote-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "NO_COLOR": "1",
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        # An empty path still means "only this", never the checkout's symlinked copy.
        "ANSIBLE_COLLECTIONS_PATH": str(collections_path or workdir / "no-collections"),
    })
    return env


def galaxy_build_ignore() -> list:
    return list(yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8")).get("build_ignore") or [])


class Plugin(NamedTuple):
    type: str  # as ansible-doc -t names it: module, inventory, ...
    name: str
    short_description: str
    path: Path


def source_plugins() -> list:
    """A Plugin for every plugin in plugins/ that ansible-doc documents, in a stable order."""
    found = []
    for directory, plugin_type in sorted(ONE_PLUGIN_PER_FILE.items()):
        for path in sorted((REPO_ROOT / "plugins" / directory).glob("*.py")):
            if path.name == "__init__.py":
                continue
            found.append(Plugin(plugin_type, path.stem, read_short_description(path), path))
    return found


def read_documentation(path: Path) -> dict:
    """The DOCUMENTATION string as YAML, without importing the plugin; raises ValueError when it does not parse."""
    import ast  # pylint: disable=import-outside-toplevel
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DOCUMENTATION" for t in node.targets):
            try:
                return yaml.safe_load(ast.literal_eval(node.value)) or {}
            except yaml.YAMLError as exc:
                raise ValueError(str(exc)) from exc
    return {}


def read_short_description(path: Path) -> str:
    """short_description from the DOCUMENTATION string, without importing the plugin."""
    try:
        return str(read_documentation(path).get("short_description") or "")
    except ValueError as exc:
        return f"<DOCUMENTATION does not parse: {exc}>"
