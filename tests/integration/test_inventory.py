# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The herokuops.platform.heroku inventory plugin through real ansible-inventory and ansible-playbook runs."""

import datetime
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import playbook_harness
from converge import assert_writes
from sim_api import API_KEY, api, calls

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_DIR = REPO_ROOT / ".cache" / "collections"  # as in conftest.py
ANSIBLE_HOME = REPO_ROOT / ".cache" / "ansible-home"
BIN = Path(sys.executable).parent
PLUGIN = "herokuops.platform.heroku"
SHOP_PRODUCTION = ("shop-eu-1", "shop-eu-2", "shop-us-1")


def run(sim, tmp_path, command, env=None):
    """One ansible-inventory or ansible-playbook process, with the harness's environment and a HOME of its own."""
    run_env = playbook_harness.playbook_env(sim.url, API_KEY, COLLECTIONS_DIR, ANSIBLE_HOME)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    run_env["HOME"] = str(home)
    # An inventory source that fails must fail the run, not leave an empty inventory behind a warning.
    run_env["ANSIBLE_INVENTORY_UNPARSED_FAILED"] = "1"
    for key, value in (env or {}).items():
        if value is None:
            run_env.pop(key, None)
        else:
            run_env[key] = str(value)
    proc = subprocess.run(command, cwd=tmp_path, env=run_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=300, stdin=subprocess.DEVNULL, check=False)
    # ansible-core before 2.19 wraps warnings at 80 columns: one space for each run of whitespace, so that a
    # message compares whole on every claimed release.
    proc.stderr = " ".join(proc.stderr.split())
    return proc


def loads(text):
    """ansible-inventory's JSON, with the strings it marks as not-templates (``{"__ansible_unsafe": s}``) plain."""
    return json.loads(text, object_hook=lambda d: d["__ansible_unsafe"] if list(d) == ["__ansible_unsafe"] else d)


def inventory(sim, tmp_path, config, name="estate.heroku.yml", env=None):
    """``(process, data)`` of ``ansible-inventory --list`` over a config file holding ``config``."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict({"plugin": PLUGIN}, **config)), encoding="utf-8")
    proc = run(sim, tmp_path, [str(BIN / "ansible-inventory"), "-i", str(path), "--list"], env=env)
    data = loads(proc.stdout) if proc.returncode == 0 else None
    return proc, data


def reads(sim):
    """The (method, path) of every request the simulator logged, sorted: the inventory has several under way at once
    (its option concurrency), so they arrive in no fixed order."""
    return sorted(calls(sim))


def members(data, group):
    """Every host of a group, its children's included."""
    found = set(data.get(group, {}).get("hosts", []))
    for child in data.get(group, {}).get("children", []):
        found |= members(data, child)
    return found


def seed_estate(sim, count=1500):
    """``count`` apps in two teams and personal ones, two regions, two stacks, and a shop pipeline."""
    for index in range(count - 6):
        if index % 3 == 0:
            sim.seed_app("app-%04d" % index, region="eu", stack="heroku-22")
        else:
            sim.seed_app("app-%04d" % index, team="acme" if index % 3 == 1 else "acme-staging")
    for name in SHOP_PRODUCTION:
        sim.seed_app(name, team="acme", region="eu" if "-eu-" in name else "us")
    sim.seed_app("shop-staging", team="acme-staging")
    sim.seed_app("shop-review-1", team="acme-staging")
    sim.seed_app("blog", team="acme")
    status, pipeline = api(sim, "POST", "/pipelines", {"name": "shop"})
    assert status == 201, pipeline
    stages = [(name, "production") for name in SHOP_PRODUCTION] + [("shop-staging", "staging"), ("shop-review-1", "review")]
    for app, stage in stages:
        status, body = api(sim, "POST", "/pipeline-couplings", {"app": app, "pipeline": pipeline["id"], "stage": stage})
        assert status == 201, body
    sim.clear_requests()
    return pipeline


@pytest.fixture
def estate(sim):
    return seed_estate(sim)


def test_every_app_of_a_big_estate_with_groups_and_host_vars_in_four_requests(sim, tmp_path, estate):
    # compose, groups and keyed_groups cost Ansible's templating ~2 ms per expression and host: tested on a small estate.
    proc, data = inventory(sim, tmp_path, {})
    assert proc.returncode == 0, proc.stderr
    hostvars = data["_meta"]["hostvars"]
    assert len(hostvars) == 1500 and len(members(data, "all")) == 1500

    # Apps: 2 pages of 1,000; couplings and pipelines: 1 page each, read meanwhile. Never a request per app.
    assert reads(sim) == sorted([("GET", "/apps"), ("GET", "/apps"), ("GET", "/pipeline-couplings"), ("GET", "/pipelines")])
    assert [r["status"] for r in sim.requests if r["path"] == "/apps"] == [206, 200]
    assert sorted(r["status"] for r in sim.requests) == [200, 200, 200, 206]

    shop = hostvars["shop-eu-1"]
    assert shop["ansible_connection"] == "local"
    assert shop["heroku_name"] == "shop-eu-1" and shop["heroku_team"] == "acme"
    assert shop["heroku_region"] == "eu" and shop["heroku_stack"] == "heroku-24" and shop["heroku_space"] is None
    assert shop["heroku_web_url"] == "https://shop-eu-1.herokuapp.com/" and shop["heroku_maintenance"] is False
    assert shop["heroku_pipeline"] == "shop" and shop["heroku_pipeline_id"] == estate["id"]
    assert shop["heroku_pipeline_stage"] == "production"
    # The same keys as heroku_app_info's items, prefixed.
    status, app = api(sim, "GET", "/apps/shop-eu-1")
    assert shop["heroku_id"] == app["id"]
    assert {"heroku_" + key for key in ("id", "name", "region", "stack", "build_stack", "team", "owner", "space",
                                        "internal_routing", "locked", "maintenance", "acm", "web_url", "git_url",
                                        "created_at", "updated_at", "released_at")} <= set(shop)
    assert hostvars["blog"]["heroku_pipeline"] is None and hostvars["blog"]["heroku_pipeline_stage"] is None
    assert hostvars["app-0000"]["heroku_team"] is None and hostvars["app-0000"]["heroku_stack"] == "heroku-22"

    assert members(data, "pipeline_shop_production") == set(SHOP_PRODUCTION)
    assert members(data, "pipeline_shop_staging") == {"shop-staging"}
    assert members(data, "pipeline_shop") == set(SHOP_PRODUCTION) | {"shop-staging", "shop-review-1"}
    assert len(members(data, "team_acme")) == 498 + 4 and "shop-eu-1" in members(data, "team_acme")
    assert len(members(data, "team_acme_staging")) == 498 + 2
    assert len(members(data, "region_eu")) == 498 + 2
    assert len(members(data, "stack_heroku_22")) == 498 and len(members(data, "stack_heroku_24")) == 1002
    assert "region_us" in data and "space_" not in "".join(data)


def test_compose_groups_and_keyed_groups(sim, tmp_path):
    seed_estate(sim, count=30)
    proc, data = inventory(sim, tmp_path, {
        "compose": {"app_url": "heroku_web_url", "is_production": "heroku_pipeline_stage == 'production'",
                    "runs_on": "ansible_connection"},
        "groups": {"european": "heroku_region == 'eu'", "shop_live": "is_production"},
        "keyed_groups": [{"key": "heroku_owner", "prefix": "owner"}, {"key": "heroku_build_stack", "prefix": "build"}],
    })
    assert proc.returncode == 0, proc.stderr
    hostvars = data["_meta"]["hostvars"]
    shop = hostvars["shop-eu-1"]
    assert shop["app_url"] == "https://shop-eu-1.herokuapp.com/" and shop["is_production"] is True
    assert shop["runs_on"] == "local" and hostvars["blog"]["is_production"] is False
    assert members(data, "european") == members(data, "region_eu") and "shop-eu-1" in members(data, "european")
    assert members(data, "shop_live") == members(data, "pipeline_shop_production") == set(SHOP_PRODUCTION)
    # Keyed groups are sanitised as Ansible does: acme@herokumanager.com -> acme_herokumanager_com.
    assert members(data, "owner_acme_herokumanager_com") == members(data, "team_acme")
    assert members(data, "build_heroku_22") == members(data, "stack_heroku_22")

    # strict: an expression that cannot be evaluated fails the source instead of being skipped.
    proc, _data = inventory(sim, tmp_path, {"strict": True, "compose": {"x": "heroku_no_such_var.upper()"}})
    assert proc.returncode != 0 and "Could not set x for host" in proc.stderr


def test_teams_filter_and_name_pattern(sim, tmp_path):
    sim.seed_app("shop-web", team="acme")
    sim.seed_app("shop-worker", team="acme-staging")
    sim.seed_app("blog", team="acme")
    sim.seed_app("personal-shop")
    sim.clear_requests()

    proc, data = inventory(sim, tmp_path, {"teams": ["acme"]})
    assert proc.returncode == 0, proc.stderr
    assert set(data["_meta"]["hostvars"]) == {"shop-web", "blog"}
    assert reads(sim) == sorted([("GET", "/teams/acme/apps"), ("GET", "/pipeline-couplings"), ("GET", "/pipelines")])

    sim.clear_requests()
    proc, data = inventory(sim, tmp_path, {"teams": ["acme", "acme-staging"], "name_pattern": "^shop-",
                                           "pipelines": False})
    assert proc.returncode == 0, proc.stderr
    assert set(data["_meta"]["hostvars"]) == {"shop-web", "shop-worker"}
    assert reads(sim) == [("GET", "/teams/acme-staging/apps"), ("GET", "/teams/acme/apps")]

    proc, data = inventory(sim, tmp_path, {"name_pattern": "shop"})
    assert set(data["_meta"]["hostvars"]) == {"shop-web", "shop-worker", "personal-shop"}

    sim.clear_requests()
    proc, _data = inventory(sim, tmp_path, {"name_pattern": "shop-("})
    assert proc.returncode != 0
    assert "name_pattern 'shop-(' is not a valid regular expression" in proc.stderr
    assert sim.requests == []

    proc, _data = inventory(sim, tmp_path, {"teams": ["no-such-team"]})
    assert proc.returncode != 0
    assert "GET /teams/no-such-team/apps failed (404 not_found)" in proc.stderr and "[request-id " in proc.stderr


def test_the_cache_answers_the_second_run_without_a_request(sim, tmp_path):
    sim.seed_app("shop-web", team="acme")
    sim.clear_requests()
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile",
              "cache_connection": str(tmp_path / "inventory-cache"), "cache_timeout": 600}

    proc, first = inventory(sim, tmp_path, config)
    assert proc.returncode == 0, proc.stderr
    assert len(sim.requests) == 3
    cached = "".join(path.read_text() for path in (tmp_path / "inventory-cache").iterdir())
    assert "shop-web" in cached and API_KEY not in cached

    sim.seed_app("blog", team="acme")
    sim.clear_requests()
    proc, second = inventory(sim, tmp_path, config)
    assert proc.returncode == 0, proc.stderr
    assert sim.requests == [] and second == first  # blog is not seen until the cache expires or is flushed

    # ansible-playbook --flush-cache refreshes the cache on every claimed ansible-core (ansible-inventory has the
    # option from 2.19 on only); the next ansible-inventory reads the refreshed cache.
    playbook = tmp_path / "noop.yml"
    playbook.write_text(yaml.safe_dump([{"hosts": "all", "gather_facts": False, "tasks": []}]), encoding="utf-8")
    proc = run(sim, tmp_path, [str(BIN / "ansible-playbook"), "-i", str(tmp_path / "estate.heroku.yml"),
                               "--flush-cache", str(playbook)])
    assert proc.returncode == 0 and len(sim.requests) == 3, proc.stdout + proc.stderr
    proc, third = inventory(sim, tmp_path, config)
    assert set(third["_meta"]["hostvars"]) == {"shop-web", "blog"} and len(sim.requests) == 3


def test_a_missing_api_key_fails_clearly_before_any_request(sim, tmp_path):
    proc, _data = inventory(sim, tmp_path, {}, env={"HEROKU_API_KEY": None})
    assert proc.returncode != 0
    assert "No Heroku API key found. Set the api_key option, or the HEROKU_API_KEY environment variable" in proc.stderr
    assert sim.requests == []

    proc, _data = inventory(sim, tmp_path, {"api_key": "wrong-key"})
    assert proc.returncode != 0
    assert "GET /apps failed (401 unauthorized)" in proc.stderr and "wrong-key" not in proc.stderr + proc.stdout

    # The same fallbacks as the modules: ~/.netrc (what `heroku login` writes), or a lookup in api_key.
    netrc = tmp_path / "home" / ".netrc"
    netrc.write_text("machine 127.0.0.1 login ops@example.com password %s\n" % API_KEY, encoding="utf-8")
    netrc.chmod(0o600)
    proc, data = inventory(sim, tmp_path, {}, env={"HEROKU_API_KEY": None})
    assert proc.returncode == 0, proc.stderr
    netrc.unlink()
    proc, data = inventory(sim, tmp_path, {"api_key": "{{ lookup('ansible.builtin.env', 'MY_HEROKU_KEY') }}"},
                           env={"HEROKU_API_KEY": None, "MY_HEROKU_KEY": API_KEY})
    assert proc.returncode == 0, proc.stderr
    assert API_KEY not in proc.stdout + proc.stderr

    # A file whose name does not end in heroku.yml is not this plugin's.
    proc, _data = inventory(sim, tmp_path, {}, name="estate.yml")
    assert proc.returncode != 0 and "could not be verified by inventory plugin" in proc.stderr


def test_a_playbook_converges_the_production_apps_of_a_pipeline(sim, tmp_path):
    seed_estate(sim, count=20)
    (tmp_path / "estate.heroku.yml").write_text("plugin: %s\n" % PLUGIN, encoding="utf-8")
    playbook = tmp_path / "production.yml"
    config_task = {"herokuops.platform.heroku_config": {
        "app": "{{ inventory_hostname }}", "config": {"LOG_LEVEL": "info", "REGION": "{{ heroku_region }}"}}}
    # The run and the run again, in one process: the second task starts once every host has ended the first.
    playbook.write_text(yaml.safe_dump([{
        "name": "Production apps of the shop pipeline",
        "hosts": "pipeline_shop_production",
        "gather_facts": False,
        # The modules need requests: run them with the controller's Python, as the plugin's notes advise.
        "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
        "tasks": [dict(name="config", **config_task), dict(name="config again", **config_task)],
    }]), encoding="utf-8")
    command = [str(BIN / "ansible-playbook"), "-i", str(tmp_path / "estate.heroku.yml"), "--forks", "5", str(playbook)]

    started = time.monotonic()
    results = tmp_path / "results.json"
    proc = run(sim, tmp_path, command, env={"HEROKUOPS_TEST_RESULTS_FILE": results})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    records = json.loads(results.read_text())
    first = [r for r in records if r["name"] == "config"]
    again = [r for r in records if r["name"] == "config again"]
    assert sorted((r["host"], r["status"]) for r in first) == [(name, "changed") for name in SHOP_PRODUCTION]
    for name in SHOP_PRODUCTION:
        config = api(sim, "GET", "/apps/%s/config-vars" % name)[1]
        assert config["LOG_LEVEL"] == "info" and config["REGION"] == ("eu" if "-eu-" in name else "us")
    assert "LOG_LEVEL" not in api(sim, "GET", "/apps/shop-staging/config-vars")[1]

    assert [r["status"] for r in again] == ["ok"] * 3
    # With several hosts each host's record of a task holds every host's requests of that task: a read each.
    assert [len(r["requests"]) for r in again] == [3] * 3
    assert [r for record in again for r in record["requests"] if r["write"]] == []
    # Nothing else wrote either, the inventory source included: the only writes are the first task's.
    assert_writes(sim.writes(), [("PATCH", "/apps/%s/config-vars" % name,
                                  {"LOG_LEVEL": "info", "REGION": "eu" if "-eu-" in name else "us"})
                                 for name in SHOP_PRODUCTION], in_any_order=True)
    assert time.monotonic() - started < 60


# ---- compliance groups ----------------------------------------------------------------------------------------------

SDK = {"Accept": "application/vnd.heroku+json; version=3.sdk"}
OTEL = {"type": "otlphttp", "endpoint": "https://otel.example.com/v1"}
# Each compliance group of the estate below, and exactly its members; every other app of the estate is a non-member.
COMPLIANCE_MEMBERS = {
    "compliance_no_acm": {"old-free", "shop-api", "fir-metrics", "fir-quiet", "lone-team"},
    "compliance_stack_deprecated": {"old-free", "old-hobby"},
    # With END_OF_LIFE: heroku-22's end a month away, heroku-24's over a year.
    "compliance_stack_end_of_life": {"old-free", "old-hobby"},
    "compliance_no_log_drain": {"old-free", "fir-metrics", "lone-team"},
    "compliance_maintenance": {"old-free", "shop-api"},
    "compliance_no_collaborators": {"old-free", "fir-quiet", "lone-team"},
    "compliance_legacy_dyno_size": {"old-free", "old-hobby"},
    "generation_cedar": {"old-free", "old-hobby", "shop-web", "shop-api", "blog", "lone-team"},
    "generation_fir": {"fir-web", "fir-metrics", "fir-quiet"},
}
COMPLIANCE_APPS = ("old-free", "old-hobby", "shop-web", "shop-api", "blog", "lone-team", "fir-web", "fir-metrics",
                   "fir-quiet")


def seed_compliance_estate(sim):
    """Nine apps, Cedar and Fir, each a member of some compliance groups and not of the others (COMPLIANCE_MEMBERS)."""
    sim.set_stack_state("heroku-22", "deprecated")
    # A free app Heroku scaled to 0 in 2022, left as it was: the member of every group.
    sim.seed_app("old-free", stack="heroku-22", process_types={"web": "npm start"},
                 formation={"web": {"quantity": 0, "size": "Free"}}, maintenance=True)
    sim.seed_app("old-hobby", team="acme", stack="heroku-22", formation={"worker": {"quantity": 1, "size": "Hobby"}},
                 acm=True)
    sim.seed_app("shop-web", team="acme", acm=True, formation={"web": {"quantity": 2, "size": "Standard-2X"}})
    sim.seed_app("shop-api", team="acme", maintenance=True)
    sim.seed_app("blog", acm=True)
    sim.seed_app("lone-team", team="acme-staging")
    for app in ("old-hobby", "shop-web", "shop-api", "blog"):
        assert api(sim, "POST", "/apps/%s/log-drains" % app, {"url": "syslog+tls://logs.example.com:6514"})[0] == 201
        assert api(sim, "POST", "/apps/%s/collaborators" % app, {"user": "bob@example.com", "silent": True})[0] == 201
    # Fir: fir-web ships its logs itself, fir-metrics only metrics, fir-quiet's space ships its apps' logs.
    for space in ("acme-fir", "acme-fir-logged"):
        assert api(sim, "POST", "/spaces", {"name": space, "team": "acme", "generation": "fir"})[0] == 201
    fir = {}
    for app, space in (("fir-web", "acme-fir"), ("fir-metrics", "acme-fir"), ("fir-quiet", "acme-fir-logged")):
        status, fir[app] = api(sim, "POST", "/teams/apps", {"name": app, "team": "acme", "space": space})
        assert status == 201 and fir[app]["generation"]["name"] == "fir", fir[app]
    assert api(sim, "POST", "/apps/fir-web/acm")[0] == 200
    for app in ("fir-web", "fir-metrics"):
        assert api(sim, "POST", "/apps/%s/collaborators" % app, {"user": "carol@example.com", "silent": True})[0] == 201
    space_id = api(sim, "GET", "/spaces/acme-fir-logged")[1]["id"]
    drains = ((fir["fir-web"]["id"], "app", ["logs", "traces"]), (fir["fir-metrics"]["id"], "app", ["metrics"]),
              (space_id, "space", ["logs"]))
    for owner_id, owner_type, signals in drains:
        body = {"owner": {"id": owner_id, "type": owner_type}, "signals": signals, "exporter": OTEL}
        status, body = api(sim, "POST", "/telemetry-drains", body, headers=SDK)
        assert status == 201, body
    sim.clear_requests()


def compliance_reads(sim):
    """The reads of every compliance group after the app list and the pipelines, in the order of ``concurrency: 1``: one
    stack list; the Fir spaces' drains, once a space, by name; then each app's drains, collaborators and formation, by
    id, in the app list's order."""
    apps = [(app["id"], app["name"], app["space"] and app["space"]["name"]) for app in api(sim, "GET", "/apps")[1]]
    spaces = sorted(set(space for _id, _name, space in apps if space))  # the estate's spaces are Fir
    drains = [("GET", "/spaces/%s/telemetry-drains" % space) for space in spaces] + [
        ("GET", "/apps/%s/%s" % (app_id, "telemetry-drains" if space else "log-drains")) for app_id, _name, space in apps]
    return ([("GET", "/stacks")] + drains + [("GET", "/apps/%s/collaborators" % app[0]) for app in apps]
            + [("GET", "/apps/%s/formation" % app[0]) for app in apps])


def graph(text):
    """``{group: hosts}`` from ``ansible-inventory --graph``: a group's own hosts, as ``members`` finds them in --list."""
    found, parents = {}, []
    for line in text.splitlines():
        depth = line.find("|--")
        name = line[depth + 3:] if depth >= 0 else line
        depth = max(depth, -1)
        while parents and parents[-1][0] >= depth:
            parents.pop()
        if name.startswith("@"):
            group = name[1:].rstrip(":")
            found.setdefault(group, set())
            for _depth, parent in parents:  # a host of a child group is one of each ancestor's too
                found.setdefault(parent, set())
            parents.append((depth, group))
        else:
            for _depth, parent in parents:
                found[parent].add(name)
    return found


BASE_READS = [("GET", "/apps"), ("GET", "/pipeline-couplings"), ("GET", "/pipelines")]
FACTS = ("heroku_stack_state", "heroku_log_drain_count", "heroku_collaborators", "heroku_formation")


def end_of_life(**days_from_today):
    """compliance_stack_end_of_life's dates, so many days from today, by stack (heroku_22=30: heroku-22's)."""
    today = datetime.date.today()
    return dict((stack.replace("_", "-"), (today + datetime.timedelta(days=days)).isoformat())
                for stack, days in days_from_today.items())


def test_every_compliance_group_in_list_and_graph_and_through_the_cache(sim, tmp_path):
    seed_compliance_estate(sim)
    cache = tmp_path / "inventory-cache"
    config = {"compliance_groups": ["all"], "compliance_stack_end_of_life": end_of_life(heroku_22=30, heroku_24=400),
              "cache": True, "cache_plugin": "ansible.builtin.jsonfile",
              "cache_connection": str(cache), "cache_timeout": 600}
    proc, data = inventory(sim, tmp_path, config)
    assert proc.returncode == 0, proc.stderr
    # One stack list for the whole estate; a read an app for each of drains, collaborators and formation; a Fir
    # space's drains once. Up to 8 at once (concurrency's default); one after another with concurrency 1, in order.
    assert reads(sim) == sorted(BASE_READS + compliance_reads(sim))
    sim.clear_requests()
    proc, in_turn = inventory(sim, tmp_path, dict(config, cache=False, concurrency=1), name="in-turn.heroku.yml")
    assert proc.returncode == 0, proc.stderr
    assert calls(sim) == BASE_READS + compliance_reads(sim)
    assert in_turn == data
    hostvars = data["_meta"]["hostvars"]
    assert set(hostvars) == set(COMPLIANCE_APPS)
    for group, expected in COMPLIANCE_MEMBERS.items():
        assert members(data, group) == expected, group

    old = hostvars["old-free"]
    assert (old["heroku_stack_state"], old["heroku_log_drain_count"], old["heroku_collaborators"]) == ("deprecated", 0, [])
    assert old["heroku_formation"] == {"web": {"size": "Free", "quantity": 0}}
    shop = hostvars["shop-web"]
    assert (shop["heroku_stack_state"], shop["heroku_log_drain_count"], shop["heroku_collaborators"]) == ("public", 1, ["bob@example.com"])
    assert shop["heroku_formation"]["web"] == {"size": "Standard-2X", "quantity": 2}
    assert (old["heroku_stack_end_of_life"], shop["heroku_stack_end_of_life"]) == (
        config["compliance_stack_end_of_life"]["heroku-22"], config["compliance_stack_end_of_life"]["heroku-24"])
    # A Fir app's logs go through telemetry drains with the logs signal: its own, or its space's.
    assert [hostvars[app]["heroku_log_drain_count"] for app in ("fir-web", "fir-metrics", "fir-quiet")] == [1, 0, 1]
    # Counted, never shown: a drain URL can hold credentials.
    assert "logs.example.com" not in proc.stdout and "otel.example.com" not in proc.stdout

    # The cache holds the facts: --graph from it sends nothing and shows the same groups.
    sim.clear_requests()
    proc = run(sim, tmp_path, [str(BIN / "ansible-inventory"), "-i", str(tmp_path / "estate.heroku.yml"), "--graph"])
    assert proc.returncode == 0, proc.stderr
    assert sim.requests == []
    shown = graph(proc.stdout)
    for group, expected in COMPLIANCE_MEMBERS.items():
        assert shown[group] == expected, group
    assert shown["all"] == set(COMPLIANCE_APPS)

    # A cache made without a group's facts is read again once that group is asked for, then answers alone.
    config = dict(config, cache_connection=str(tmp_path / "other-cache"), compliance_groups=[])
    proc, data = inventory(sim, tmp_path, config)
    assert proc.returncode == 0 and reads(sim) == sorted(BASE_READS), proc.stderr
    cached = "".join(path.read_text() for path in (tmp_path / "other-cache").iterdir())
    assert "old-free" in cached and not [key for key in FACTS + ("compliance_read",) if key in cached]
    sim.clear_requests()
    proc, data = inventory(sim, tmp_path, dict(config, compliance_groups=["stack_deprecated", "maintenance"]))
    assert proc.returncode == 0 and reads(sim) == sorted(BASE_READS + [("GET", "/stacks")]), proc.stderr
    sim.clear_requests()
    proc, data = inventory(sim, tmp_path, dict(config, compliance_groups=["stack_deprecated"]))
    assert proc.returncode == 0 and sim.requests == [], proc.stderr
    assert members(data, "compliance_stack_deprecated") == COMPLIANCE_MEMBERS["compliance_stack_deprecated"]
    assert "compliance_maintenance" not in data


def test_without_compliance_groups_the_same_requests_and_each_group_only_its_reads(sim, tmp_path):
    seed_compliance_estate(sim)
    proc, off = inventory(sim, tmp_path, {})
    assert proc.returncode == 0, proc.stderr
    assert reads(sim) == sorted(BASE_READS)
    assert not [group for group in off if group.startswith(("compliance_", "generation_"))]
    assert not [key for key in FACTS if key in off["_meta"]["hostvars"]["old-free"]]

    # What the app list holds costs nothing more.
    sim.clear_requests()
    proc, cheap = inventory(sim, tmp_path, {"compliance_groups": ["no_acm", "maintenance", "generation"]})
    assert proc.returncode == 0, proc.stderr
    assert reads(sim) == sorted(BASE_READS) and cheap["_meta"] == off["_meta"]
    for group in ("compliance_no_acm", "compliance_maintenance", "generation_cedar", "generation_fir"):
        assert members(cheap, group) == COMPLIANCE_MEMBERS[group], group
    assert "compliance_stack_deprecated" not in cheap and "compliance_no_log_drain" not in cheap

    # So is a stack's end of life: the app list names the stack, the options or Heroku's policy give the date.
    sim.clear_requests()
    proc, near = inventory(sim, tmp_path, {"compliance_groups": ["stack_end_of_life"], "compliance_stack_end_of_life_days": 30,
                                           "compliance_stack_end_of_life": end_of_life(heroku_24=10)})
    assert proc.returncode == 0, proc.stderr
    assert reads(sim) == sorted(BASE_READS)
    stacks = dict((app, hostvars["heroku_stack"]) for app, hostvars in near["_meta"]["hostvars"].items())
    assert members(near, "compliance_stack_end_of_life") == set(app for app in stacks if stacks[app] == "heroku-24")
    assert "old-free" in stacks and stacks["old-free"] == "heroku-22"
    # heroku-22's own date by the policy, April 30 of 2027, 2 days within the horizon (or past): both stacks' apps.
    proc, policy = inventory(sim, tmp_path, {"compliance_groups": ["stack_end_of_life"], "compliance_stack_end_of_life_days":
                                             max(0, (datetime.date(2027, 4, 30) - datetime.date.today()).days + 2),
                                             "compliance_stack_end_of_life": end_of_life(heroku_24=10)})
    assert proc.returncode == 0, proc.stderr
    assert policy["_meta"]["hostvars"]["old-free"]["heroku_stack_end_of_life"] == "2027-04-30"
    assert members(policy, "compliance_stack_end_of_life") == set(stacks)

    # One group of per-app reads: that read only.
    sim.clear_requests()
    proc, legacy = inventory(sim, tmp_path, {"compliance_groups": ["legacy_dyno_size"], "pipelines": False,
                                             "compliance_legacy_dyno_sizes": ["HOBBY", "Standard-2X"]})
    assert proc.returncode == 0, proc.stderr
    assert reads(sim) == sorted([("GET", "/apps")] + [call for call in compliance_reads(sim) if call[1].endswith("/formation")])
    assert members(legacy, "compliance_legacy_dyno_size") == {"old-hobby", "shop-web"}

    # Team app lists hold neither ACM nor generation: one list of the account's apps completes them.
    sim.clear_requests()
    proc, team = inventory(sim, tmp_path, {"teams": ["acme"], "pipelines": False,
                                           "compliance_groups": ["no_acm", "generation"]})
    assert proc.returncode == 0, proc.stderr
    assert calls(sim) == [("GET", "/teams/acme/apps"), ("GET", "/apps")]  # one list, then the other
    assert members(team, "compliance_no_acm") == {"shop-api", "fir-metrics", "fir-quiet"}
    assert members(team, "generation_fir") == COMPLIANCE_MEMBERS["generation_fir"]
    assert members(team, "generation_cedar") == {"old-hobby", "shop-web", "shop-api"}


def test_bad_compliance_options_fail_before_any_request(sim, tmp_path):
    sim.seed_app("blog")
    sim.clear_requests()
    proc, _data = inventory(sim, tmp_path, {"compliance_groups": ["no_acm", "no_acme"]})
    assert proc.returncode != 0
    assert "compliance_groups" in proc.stderr and "no_acme" in proc.stderr and "legacy_dyno_size" in proc.stderr
    proc, _data = inventory(sim, tmp_path, {"compliance_groups": ["legacy_dyno_size"], "compliance_legacy_dyno_sizes": []})
    assert proc.returncode != 0
    assert "compliance_legacy_dyno_sizes is empty: name the retired dyno sizes, such as free, hobby." in proc.stderr
    proc, _data = inventory(sim, tmp_path, {"compliance_groups": ["all"], "compliance_legacy_dyno_sizes": ["free", " hobby"]})
    assert proc.returncode != 0
    assert "compliance_legacy_dyno_sizes[1]=' hobby' is not a dyno size name" in proc.stderr
    proc, _data = inventory(sim, tmp_path, {"compliance_groups": ["stack_end_of_life"],
                                            "compliance_stack_end_of_life": {"heroku-22": "April 2027"}})
    assert proc.returncode != 0
    assert "compliance_stack_end_of_life[heroku-22]='April 2027' is not a date: write it as YYYY-MM-DD" in proc.stderr
    proc, _data = inventory(sim, tmp_path, {"compliance_groups": ["all"], "compliance_stack_end_of_life_days": -1})
    assert proc.returncode != 0 and "compliance_stack_end_of_life_days=-1: give a number of days from 0" in proc.stderr
    for concurrency in (0, 33):
        proc, _data = inventory(sim, tmp_path, {"concurrency": concurrency})
        assert proc.returncode != 0
        assert ("concurrency=%d is out of range: use from 1 to 32 requests at once." % concurrency
                in proc.stderr)
    assert sim.requests == []


def test_a_playbook_limited_to_a_compliance_group_fixes_those_apps_only(sim, tmp_path):
    seed_compliance_estate(sim)
    (tmp_path / "estate.heroku.yml").write_text(yaml.safe_dump({"plugin": PLUGIN, "compliance_groups": ["no_acm"]}),
                                                encoding="utf-8")
    playbook = tmp_path / "acm.yml"
    playbook.write_text(yaml.safe_dump([{
        "hosts": "all", "gather_facts": False,
        "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
        "tasks": [{"name": "ACM on", "herokuops.platform.heroku_app": {"name": "{{ inventory_hostname }}", "acm": True}}],
    }]), encoding="utf-8")
    ids = dict((app["name"], app["id"]) for app in api(sim, "GET", "/apps")[1])
    sim.clear_requests()
    proc = run(sim, tmp_path, [str(BIN / "ansible-playbook"), "-i", str(tmp_path / "estate.heroku.yml"),
                               "-l", "compliance_no_acm", str(playbook)])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert_writes(sim.writes(), [("POST", "/apps/%s/acm" % ids[name], None)
                                 for name in COMPLIANCE_MEMBERS["compliance_no_acm"]], in_any_order=True)
    # Fixed: the group is empty now.
    proc, data = inventory(sim, tmp_path, {"compliance_groups": ["no_acm"]})
    assert proc.returncode == 0 and "compliance_no_acm" not in data, proc.stderr
