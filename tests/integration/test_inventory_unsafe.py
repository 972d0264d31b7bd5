# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The heroku inventory plugin never templates Heroku data, on every ansible-core the collection claims.

meta/runtime.yml says ``requires_ansible: >=2.16.0``. On ansible-core 2.16 to 2.18 a host variable that is not
marked unsafe is templated wherever it is used, so an app attribute holding ``{{ lookup('pipe', ...) }}`` would
run a command on the controller; 2.19 treats inventory data as untrusted by itself. The plugin marks every value
it reads from Heroku unsafe (``wrap_var`` in ``_add_app``); this module proves it with one real ``ansible-playbook``
run per release line, each from a venv of its own.

The venvs of the other lines live in ``.cache/ansible-cores/<line>/`` (git-ignored). A fresh machine builds
the missing ones once, in parallel, when the first test of this module needs them (about 15-40 s); later runs
reuse them after checking that they import. The line of the ansible-core that runs pytest (2.19 in .venv; another
in noxfile.py's ansible-core sessions) is that interpreter's own.
"""

import concurrent.futures
import fcntl
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml
from ansible.inventory.group import to_safe_group_name
from ansible.release import __version__ as ansible_version

import playbook_harness
from sim_api import API_KEY, api

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_DIR = REPO_ROOT / ".cache" / "collections"  # as in conftest.py
ANSIBLE_HOME = REPO_ROOT / ".cache" / "ansible-home"
CORES_DIR = REPO_ROOT / ".cache" / "ansible-cores"
PIP_TIMEOUT = 900  # seconds for one venv build; a cold pip cache on a slow mirror can take a while

# The ansible-core release lines meta/runtime.yml claims (requires_ansible >= 2.16) that run on Python 3.11, and
# the line running pytest. Each line but the running one gets a venv, with the newest patch release pip resolves
# for this Python; noxfile.py's ansible-core sessions run this module on 2.20 and later too.
CLAIMED_LINES = ("2.16", "2.17", "2.18", "2.19")
CURRENT_LINE = ".".join(ansible_version.split(".")[:2])
OLD_LINES = tuple(line for line in CLAIMED_LINES if line != CURRENT_LINE)

APP = "evil-app"
# What an attacker can put into Heroku data that the inventory turns into host variables: the email of the
# app's owner (an app transferred to an account whose email holds a template) and the name of its team.
# The pipe lookup leaves a marker file behind if it ever runs: without the unsafe mark, 2.16-2.18 run it while
# the inventory is parsed (compose, groups and keyed_groups template the variables they read, lookups included),
# so even `ansible-inventory --graph` would, and again in every task that uses the variable. {{ 7 * 6 }} shows
# templating as 42 in the values, the composed variables and the group names.
OWNER_TEMPLATE = "{{{{ lookup('pipe', 'touch {marker}') }}}}owner-{{{{ 7 * 6 }}}}@evil.example"
TEAM = "evil-{{ 7 * 6 }}"

INVENTORY = {
    "plugin": "herokuops.platform.heroku",
    "compose": {"owner_copy": "heroku_owner", "team_copy": "heroku_team"},
    # True only if the value was templated.
    "groups": {"owner_templated": "heroku_owner is search('owner-42@')", "team_templated": "heroku_team == 'evil-42'"},
    "keyed_groups": [{"key": "heroku_owner", "prefix": "owner"}, {"key": "heroku_team", "prefix": "team_key"}],
}

PLAYBOOK = [{
    "name": "Heroku data used every way a playbook uses host variables",
    "hosts": APP,
    "gather_facts": False,
    "tasks": [
        {"name": "owner", "ansible.builtin.debug": {"var": "heroku_owner"}},
        {"name": "team", "ansible.builtin.debug": {"var": "heroku_team"}},
        {"name": "report", "ansible.builtin.debug": {"msg": {
            "owner": "{{ heroku_owner }}",
            "team": "{{ heroku_team }}",
            "owner_copy": "{{ owner_copy | default('UNSET') }}",
            "team_copy": "{{ team_copy | default('UNSET') }}",
            "via_hostvars": "{{ hostvars[inventory_hostname]['heroku_owner'] }}",
            "group_names": "{{ group_names }}",
        }}},
        # Module arguments: the playbook pattern the plugin documents (REGION: "{{ heroku_region }}").
        {"name": "config", "herokuops.platform.heroku_config": {
            "app": "{{ inventory_hostname }}",
            "config": {"OWNER": "{{ heroku_owner }}", "TEAM": "{{ heroku_team }}"}}},
    ],
}]


# ---- the venvs of the older release lines ----------------------------------------------------------------

def _installed_version(python, line):
    """The ansible-core version of a venv if it imports ansible and requests and is on ``line``, else None."""
    if not Path(python).exists():
        return None
    proc = subprocess.run(
        [str(python), "-c", "import requests, jinja2, yaml; from ansible.release import __version__; print(__version__)"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=120, check=False)
    version = proc.stdout.strip()
    return version if proc.returncode == 0 and version.startswith(line + ".") else None


def _build_core(line):
    """``(bin directory, ansible-core version)`` of the venv for ``line``, built if missing or broken.

    Raises ``pytest.skip.Exception`` if pip finds no release of the line for this Python.
    """
    venv = CORES_DIR / line
    python = venv / "bin" / "python"
    CORES_DIR.mkdir(parents=True, exist_ok=True)
    # Two pytest processes (xdist workers, or two checkouts' runs) must not build the same venv at once.
    with open(CORES_DIR / (line + ".lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        version = _installed_version(python, line)
        if version:
            return venv / "bin", version
        shutil.rmtree(venv, ignore_errors=True)
        # No pip in the venv (ensurepip costs seconds): the .venv's pip installs into it with --python.
        # requests at the .venv's version, so pip's cache serves it.
        steps = [
            [sys.executable, "-m", "venv", "--without-pip", str(venv)],
            [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--disable-pip-version-check",
             "--no-input", "ansible-core==%s.*" % line, "requests==%s" % requests.__version__],
        ]
        for step in steps:
            proc = subprocess.run(step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  timeout=PIP_TIMEOUT, stdin=subprocess.DEVNULL, check=False)
            if proc.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                output = proc.stdout[-4000:]
                if "No matching distribution found for ansible-core" in output:
                    pytest.skip("ansible-core %s cannot be installed on Python %d.%d: %s" % (
                        line, sys.version_info[0], sys.version_info[1], output.strip().splitlines()[-1]))
                pytest.fail("building the ansible-core %s venv in %s failed: %s\n%s" % (
                    line, venv, " ".join(step), output), pytrace=False)
        version = _installed_version(python, line)
        if not version:
            pytest.fail("the ansible-core %s venv in %s was built but does not import ansible and requests"
                        % (line, venv), pytrace=False)
        return venv / "bin", version


@pytest.fixture(scope="session")
def ansible_cores(request):
    """``{line: (bin directory, version) or the exception that skips or fails its tests}``.

    Builds every missing venv the selected tests of this module need, in parallel, on first use.
    """
    wanted = sorted({item.callspec.params["line"] for item in request.session.items
                     if getattr(item, "callspec", None) is not None and item.callspec.params.get("line") in OLD_LINES
                     and item.module.__name__ == __name__})
    cores = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(wanted))) as pool:
        futures = {line: pool.submit(_build_core, line) for line in wanted}
        for line, future in futures.items():
            try:
                cores[line] = future.result()
            except BaseException as exc:  # pytest's skip and fail outcomes are BaseExceptions
                cores[line] = exc
    cores[CURRENT_LINE] = (Path(sys.executable).parent, _installed_version(sys.executable, CURRENT_LINE))
    return cores


# ---- the test ------------------------------------------------------------------------------------------

def seed_crafted_app(sim, marker):
    """An app whose owner email and team name hold templates, put into the simulator's world as Heroku would show them.

    Returns the owner email.
    """
    owner = OWNER_TEMPLATE.format(marker=marker)
    world = sim.world
    with sim.lock:
        team_id = "8d3c2f0e-6f4b-4a7e-9c1d-2b5e7a9f0c11"
        world.s["teams"][team_id] = {"id": team_id, "name": TEAM, "created_at": "2026-01-01T00:00:00Z",
                                     "updated_at": "2026-01-01T00:00:00Z", "default": False,
                                     "members": {world.account["email"]: "admin"}}
    sim.seed_app(APP, team=TEAM)
    with sim.lock:
        world.app(APP)["owner_id"] = world.user_by_email(owner, create=True)["id"]
    # What GET /apps now says about the app: the attacker's text, verbatim.
    status, apps = api(sim, "GET", "/apps")
    assert status == 200 and [(a["owner"]["email"], a["team"]["name"]) for a in apps] == [(owner, TEAM)]
    return owner


@pytest.mark.parametrize("line", OLD_LINES + (CURRENT_LINE,))
def test_heroku_data_is_never_templated(sim, tmp_path, ansible_cores, line):
    core = ansible_cores[line]
    if isinstance(core, BaseException):
        raise core
    bin_dir, version = core
    assert version, "ansible-core %s.x does not import in %s" % (line, bin_dir)

    marker = tmp_path / "templated-by-ansible"
    owner = seed_crafted_app(sim, marker)
    sim.clear_requests()

    inventory = tmp_path / "crafted.heroku.yml"
    inventory.write_text(yaml.safe_dump(INVENTORY), encoding="utf-8")
    playbook = tmp_path / "playbook.yml"
    playbook.write_text(yaml.safe_dump(PLAYBOOK), encoding="utf-8")
    results = tmp_path / "results.json"
    env = playbook_harness.playbook_env(sim.url, API_KEY, COLLECTIONS_DIR, ANSIBLE_HOME)
    home = tmp_path / "home"
    home.mkdir()
    env.update({"HOME": str(home), "HEROKUOPS_TEST_RESULTS_FILE": str(results),
                # An inventory source that fails must fail the run, not leave an empty inventory behind a warning.
                "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1", "ANSIBLE_DEPRECATION_WARNINGS": "0"})
    # The modules run under the same venv's Python (it has requests); the inventory plugin runs in the controller.
    command = [str(bin_dir / "ansible-playbook"), "-i", str(inventory), str(playbook),
               "-e", "ansible_python_interpreter=%s" % (bin_dir / "python")]
    proc = subprocess.run(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)
    output = "ansible-core %s\n%s" % (version, proc.stdout)

    assert not marker.exists(), "ansible-core %s ran the pipe lookup held in the owner email\n%s" % (version, output)
    assert proc.returncode == 0, output
    records = {r["name"]: r for r in json.loads(results.read_text(encoding="utf-8"))}
    assert [r["status"] for r in records.values()] == ["ok", "ok", "ok", "changed"], output

    # debug var= shows the text itself.
    assert records["owner"]["result"]["heroku_owner"] == owner, output
    assert records["team"]["result"]["heroku_team"] == TEAM, output
    assert '"heroku_owner": "%s"' % owner in proc.stdout and '"heroku_team": "%s"' % TEAM in proc.stdout, output

    # "{{ var }}" in a task, compose, hostvars: the text itself, never 42 or the lookup's output.
    report = records["report"]["result"]["msg"]
    assert report["owner"] == report["owner_copy"] == report["via_hostvars"] == owner, output
    assert report["team"] == report["team_copy"] == TEAM, output

    # keyed_groups name their groups after the text (sanitised as Ansible does); the groups: conditions that are
    # true only for the templated values are false; the default team group is named after the text too.
    expected_groups = {to_safe_group_name(name, force=True, silent=True)
                       for name in ("owner_" + owner, "team_key_" + TEAM, "team_" + TEAM)}
    expected_groups |= {"region_us", "stack_heroku_24"}
    assert set(report["group_names"]) == expected_groups, output

    # Module arguments: Heroku receives the text.
    status, config = api(sim, "GET", "/apps/%s/config-vars" % APP)
    assert status == 200 and config["OWNER"] == owner and config["TEAM"] == TEAM, output
    assert not marker.exists(), output
