"""Fixtures for the packaging checks: the Galaxy tarball, built once per session and installed
into a scratch collections path, and the Heroku simulator.

Every tool runs from the venv that runs pytest (its bin/ goes first on PATH); see packaging_helpers.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # works with pytest's prepend and importlib import modes alike
    sys.path.insert(0, str(HERE))

from packaging_helpers import (  # noqa: E402  pylint: disable=wrong-import-position
    API_KEY, NAME, NAMESPACE, REPO_ROOT, base_env, run, tool)


@pytest.fixture(scope="session")
def packaging_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("packaging")


@pytest.fixture(scope="session")
def built(packaging_dir) -> dict:
    """``ansible-galaxy collection build`` of the checkout: {'tarball': Path, 'result': ToolResult}."""
    out = packaging_dir / "dist"
    out.mkdir()
    env = base_env(packaging_dir / "build-env")
    result = run([tool("ansible-galaxy"), "collection", "build", "--output-path", out, REPO_ROOT],
                 env=env, cwd=packaging_dir)
    tarballs = sorted(out.glob(f"{NAMESPACE}-{NAME}-*.tar.gz"))
    if result.rc != 0 or len(tarballs) != 1:
        pytest.fail(f"ansible-galaxy collection build failed or made {len(tarballs)} tarballs:\n{result}")
    return {"tarball": tarballs[0], "result": result}


@pytest.fixture(scope="session")
def installed(packaging_dir, built) -> dict:
    """The tarball installed by ``ansible-galaxy collection install`` into a scratch collections path:
    {'path': the collections path, 'collection': its ansible_collections/herokuops/platform, 'result': ToolResult}."""
    path = packaging_dir / "installed"
    path.mkdir()
    env = base_env(packaging_dir / "install-env", collections_path=path)
    result = run([tool("ansible-galaxy"), "collection", "install", "--offline", "-p", path, built["tarball"]],
                 env=env, cwd=packaging_dir)
    collection = path / "ansible_collections" / NAMESPACE / NAME
    if result.rc != 0 or not (collection / "MANIFEST.json").is_file():
        pytest.fail(f"ansible-galaxy collection install of {built['tarball'].name} failed:\n{result}")
    return {"path": path, "collection": collection, "result": result}


@pytest.fixture
def sim():
    """A fresh Heroku simulator on a free loopback port (API key ``test-api-key``), stopped after the test."""
    import heroku_simulator  # pylint: disable=import-outside-toplevel

    simulator = heroku_simulator.Simulator(api_key=API_KEY).start(port=0)
    try:
        yield simulator
    finally:
        simulator.stop()
