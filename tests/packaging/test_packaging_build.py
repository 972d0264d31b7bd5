"""The Galaxy tarball: what `ansible-galaxy collection build` ships, and that the collection
installed from it works by its full name against the Heroku simulator."""

from __future__ import annotations

import json
import re
import tarfile

import yaml

from packaging_helpers import API_KEY, FQCN, REPO_ROOT, base_env

import playbook_harness
from sim_api import api

# Development-only paths that galaxy.yml's build_ignore keeps out of the tarball.
# changelogs/.plugin-cache.yaml is antsibull-changelog's scratch file from `release`; docs/tools holds the docs
# session's programs (docs/docsite, antsibull-docs' configuration, ships).
MUST_NOT_SHIP = ("simulator", ".venv", ".cache", "scripts", "tests/output", ".ci", ".git", ".pytest_cache",
                 "changelogs/.plugin-cache.yaml", "noxfile.py", "antsibull-nox.toml", "docs/tools")
MUST_SHIP = ("plugins/modules/heroku_app.py", "meta/runtime.yml",
             "README.md", "COPYING", "MANIFEST.json", "FILES.json",
             "changelogs/changelog.yaml", "CHANGELOG.md")


def tarball_members(tarball):
    with tarfile.open(tarball, "r:gz") as tar:
        return {m.name.removeprefix("./").rstrip("/"): m for m in tar.getmembers()}


def test_build_is_clean(built):
    assert "[WARNING]" not in built["result"].output and "[ERROR]" not in built["result"].output, built["result"]


def test_tarball_leaves_out_development_files(built):
    names = tarball_members(built["tarball"])
    shipped = sorted(n for n in names for bad in MUST_NOT_SHIP if n == bad or n.startswith(bad + "/"))
    assert not shipped, f"{built['tarball'].name} ships files galaxy.yml's build_ignore should keep out: {shipped[:20]}"
    junk = sorted(n for n in names if "__pycache__" in n.split("/") or n.endswith((".pyc", ".tar.gz")))
    assert not junk, f"{built['tarball'].name} ships build junk: {junk[:20]}"


def test_tarball_ships_the_collection(built):
    names = tarball_members(built["tarball"])
    missing = [n for n in MUST_SHIP if n not in names]
    assert not missing, f"{built['tarball'].name} lacks {missing}"
    # Every plugin and role of the checkout is in it (a too-wide build_ignore pattern would drop one).
    wanted = sorted(p.relative_to(REPO_ROOT).as_posix() for top in ("plugins", "roles", "meta")
                    if (REPO_ROOT / top).is_dir() for p in (REPO_ROOT / top).rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    dropped = [n for n in wanted if n not in names]
    assert not dropped, f"{built['tarball'].name} lacks files of the checkout: {dropped}"


def test_manifest_matches_galaxy_yml(built):
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    with tarfile.open(built["tarball"], "r:gz") as tar:
        manifest = json.load(tar.extractfile("MANIFEST.json"))["collection_info"]
    for key in ("namespace", "name", "version", "license", "repository"):
        assert manifest[key] == galaxy[key], f"MANIFEST.json {key}={manifest[key]!r}, galaxy.yml says {galaxy[key]!r}"
    assert built["tarball"].name == f"{galaxy['namespace']}-{galaxy['name']}-{galaxy['version']}.tar.gz"


def test_install_is_clean(installed):
    out = installed["result"].output
    assert "[WARNING]" not in out and "[ERROR]" not in out, installed["result"]
    assert f"{FQCN}:" in out and "was installed successfully" in out, installed["result"]


def test_installed_collection_manages_an_app_by_full_name(installed, sim, tmp_path):
    """A playbook that can see only the installed copy (ANSIBLE_COLLECTIONS_PATH = the scratch path)
    creates an app through herokuops.platform.heroku_app and its action group's module_defaults."""
    env = playbook_harness.playbook_env(sim.url, None, installed["path"], tmp_path / "ansible-home")
    env.pop("HEROKU_API_URL", None)  # module_defaults below must carry both; meta/runtime.yml's group is shipped
    env["PATH"] = base_env(tmp_path / "env")["PATH"]
    playbook = [{
        "name": "installed collection",
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "module_defaults": {f"group/{FQCN}.heroku": {"api_url": sim.url, "api_key": API_KEY}},
        "tasks": [
            # On the controller the create runs inside Ansible's worker (the installed action plugin)...
            {"name": "create", f"{FQCN}.heroku_app": {"name": "packaged-app", "region": "eu"}},
            # ...and the read as a module, so that -vvvvv names the module file that ran.
            {"name": "read", f"{FQCN}.heroku_app_info": {"name": "packaged-app"},
             "vars": {"herokuops_platform_in_process": False}},
        ],
    }]
    result = playbook_harness.run_playbook(tmp_path / "run", env, playbook, verbosity=5)
    assert result.rc == 0, result
    assert result.task("create").changed, result

    # What ran is the installed copy, not the checkout (tests/conftest.py links the checkout elsewhere).
    loaded = set(re.findall(r"Loading collection herokuops\.platform from (\S+)", result.output))
    assert loaded == {str(installed["collection"])}, f"ansible loaded the collection from {sorted(loaded)}"
    used = set(re.findall(r"Using module file (\S+)", result.output))
    expected = installed["collection"] / "plugins" / "modules"
    assert used and all(u.startswith(str(expected)) for u in used), \
        f"expected module files under {expected}, ansible used {sorted(used)}"

    status, app = api(sim, "GET", "/apps/packaged-app")
    assert status == 200, f"the simulator has no app packaged-app: {status} {app}"
    assert app["region"]["name"] == "eu", app
