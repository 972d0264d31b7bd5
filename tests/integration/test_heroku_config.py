# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_config and heroku_config_info through real ansible-playbook runs against the simulator."""

from sim_api import api


SECRET = "s3cr3t-Value-that-must-not-leak"
OTHER_SECRET = "another-Hidden-value-9876"


def config(**args):
    return {"name": "config", "herokuops.platform.heroku_config": args}


def releases(sim, app):
    return len(api(sim, "GET", "/apps/%s/releases" % app)[1])


def test_set_in_check_mode_for_real_and_again_with_one_get_and_one_patch(sim, run_playbook):
    sim.seed_app("acme-web", config={"KEEP": "me", "OLD": "x"})
    wanted = dict(app="acme-web", config={"SESSION_SECRET": SECRET, "WEB_CONCURRENCY": 4, "DEBUG": False, "OLD": None})
    release_count = releases(sim, "acme-web")

    sim.clear_requests()
    result = run_playbook([config(**wanted)], check=True, diff=True)
    record = result.task("config")
    assert record.status == "changed" and sim.writes() == []
    assert record["heroku_config"]["added_keys"] == ["DEBUG", "SESSION_SECRET", "WEB_CONCURRENCY"]
    assert record["heroku_config"]["removed_keys"] == ["OLD"]

    sim.clear_requests()
    result = run_playbook([config(**wanted)])
    assert result.task("config").status == "changed"
    assert [(r["method"], r["path"]) for r in sim.requests] == [
        ("GET", "/apps/acme-web/config-vars"), ("PATCH", "/apps/acme-web/config-vars")]
    # Heroku stores strings: the module sends YAML's numbers and booleans as text.
    assert api(sim, "GET", "/apps/acme-web/config-vars")[1] == {
        "KEEP": "me", "SESSION_SECRET": SECRET, "WEB_CONCURRENCY": "4", "DEBUG": "false"}
    assert releases(sim, "acme-web") == release_count + 1

    sim.clear_requests()
    result = run_playbook([config(**wanted)])
    assert result.task("config").status == "ok"
    assert [(r["method"], r["path"]) for r in sim.requests] == [("GET", "/apps/acme-web/config-vars")]
    assert releases(sim, "acme-web") == release_count + 1

    # A changed value is reported as changed, by name only.
    result = run_playbook([config(app="acme-web", config={"WEB_CONCURRENCY": "8"})])
    assert result.task("config")["heroku_config"]["changed_keys"] == ["WEB_CONCURRENCY"]


def test_state_absent_removes_the_keys_given(sim, run_playbook):
    sim.seed_app("acme-web", config={"A": "1", "B": "2", "C": "3"})
    result = run_playbook([config(app="acme-web", state="absent", config={"A": None, "B": "ignored", "Z": None})])
    assert result.task("config").status == "changed"
    assert result.task("config")["heroku_config"]["removed_keys"] == ["A", "B"]
    assert api(sim, "GET", "/apps/acme-web/config-vars")[1] == {"C": "3"}
    sim.clear_requests()
    result = run_playbook([config(app="acme-web", state="absent", config={"A": None, "B": None})])
    assert result.task("config").status == "ok" and sim.writes() == []


def test_purge_removes_unlisted_keys_but_keeps_what_add_ons_provide(sim, run_playbook):
    sim.seed_app("acme-web", config={"NODE_ENV": "production", "STALE": "1", "ALSO_STALE": "2"})
    status, _addon = api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0"})
    assert status in (200, 201)
    assert "DATABASE_URL" in api(sim, "GET", "/apps/acme-web/config-vars")[1]

    sim.clear_requests()
    result = run_playbook([config(app="acme-web", purge=True, config={"NODE_ENV": "production"})], check=True)
    assert result.task("config").status == "changed" and sim.writes() == []

    result = run_playbook([config(app="acme-web", purge=True, config={"NODE_ENV": "production"})])
    record = result.task("config")["heroku_config"]
    assert record["removed_keys"] == ["ALSO_STALE", "STALE"]
    assert record["kept_addon_keys"] == ["DATABASE_URL"]
    assert sorted(api(sim, "GET", "/apps/acme-web/config-vars")[1]) == ["DATABASE_URL", "NODE_ENV"]

    sim.clear_requests()
    result = run_playbook([config(app="acme-web", purge=True, config={"NODE_ENV": "production"})])
    assert result.task("config").status == "ok" and sim.writes() == []

    # Naming an add-on's key with null is how a user removes it on purpose.
    result = run_playbook([config(app="acme-web", purge=True, config={"NODE_ENV": "production", "DATABASE_URL": None})])
    assert result.task("config")["heroku_config"]["removed_keys"] == ["DATABASE_URL"]


def test_values_never_reach_the_output_at_vvvv_with_diff(sim, run_playbook):
    sim.seed_app("acme-web", config={"EXISTING": OTHER_SECRET})
    result = run_playbook([config(app="acme-web", config={"SESSION_SECRET": SECRET, "EXISTING": "rotated-" + SECRET})],
                          diff=True, verbosity=4)
    assert result.rc == 0, result.stdout
    assert result.task("config").status == "changed"
    assert api(sim, "GET", "/apps/acme-web/config-vars")[1]["SESSION_SECRET"] == SECRET
    # The diff still says which keys change.
    assert "SESSION_SECRET" in result.stdout and "EXISTING" in result.stdout
    for secret in (SECRET, OTHER_SECRET, "test-api-key"):
        assert secret not in result.stdout
        assert secret not in repr(result.results)

    # A failure does not leak them either.
    sim.inject_fault(method="PATCH", path=r"/config-vars$", status=422, message="Config var is invalid.")
    result = run_playbook([config(app="acme-web", config={"NEW": SECRET})], diff=True, verbosity=4)
    assert result.task("config").status == "failed"
    assert SECRET not in result.stdout


def test_show_values_reveals_them_when_asked(sim, run_playbook):
    sim.seed_app("acme-web", config={"EXISTING": OTHER_SECRET})
    result = run_playbook([config(app="acme-web", show_values=True, config={"EXISTING": SECRET})], diff=True)
    record = result.task("config")
    assert record["diff"] == {"before": {"config": {"EXISTING": OTHER_SECRET}}, "after": {"config": {"EXISTING": SECRET}}}
    assert record["heroku_config"]["config"]["EXISTING"] == SECRET


def test_missing_app_fails_clearly(sim, run_playbook):
    sim.clear_requests()
    result = run_playbook([config(app="acme-nope", config={"A": "1"})])
    assert result.task("config").status == "failed"
    assert "App acme-nope was not found" in result.task("config")["msg"]
    assert sim.writes() == []


def test_nested_values_fail_before_any_request(sim, run_playbook):
    sim.clear_requests()
    result = run_playbook([config(app="acme-web", config={"A": {"nested": 1}})])
    assert "config.A must be a string" in result.task("config")["msg"]
    assert sim.requests == []


def test_config_info_returns_values_and_changes_nothing(sim, run_playbook):
    sim.seed_app("acme-web", config={"DATABASE_URL": "postgres://u:p@h/db"})
    sim.clear_requests()
    result = run_playbook([{"name": "info", "herokuops.platform.heroku_config_info": {"app": "acme-web"}}], check=True)
    assert result.task("info")["heroku_config_info"] == {"app": "acme-web", "config": {"DATABASE_URL": "postgres://u:p@h/db"}}
    assert result.task("info").status == "ok" and sim.writes() == []
    assert len(sim.requests) == 1
