# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_config and heroku_config_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes, fails_before_any_request, fails_without_writes
from sim_api import api


SECRET = "s3cr3t-Value-that-must-not-leak"
OTHER_SECRET = "another-Hidden-value-9876"


def config(**args):
    return {"name": "config", "herokuops.platform.heroku_config": args}


def releases(sim, app):
    return len(api(sim, "GET", "/apps/%s/releases" % app)[1])


@pytest.mark.both_paths
def test_set_in_check_mode_for_real_and_again_with_one_get_and_one_patch(sim, run_playbook):
    sim.seed_app("acme-web", config={"KEEP": "me", "OLD": "x"})
    wanted = dict(app="acme-web", config={"SESSION_SECRET": SECRET, "WEB_CONCURRENCY": 4, "DEBUG": False, "OLD": None})
    release_count = releases(sim, "acme-web")
    seen = {}

    plan = Playbook(run_playbook)
    steps = plan.converge(
        # Heroku stores strings: the module sends YAML's numbers and booleans as text, and null removes a key.
        config(**wanted), writes=[("PATCH", "/apps/acme-web/config-vars", {
            "SESSION_SECRET": SECRET, "WEB_CONCURRENCY": "4", "DEBUG": "false", "OLD": None})],
        reads=[("GET", "/apps/acme-web/config-vars")],
        after_real=lambda: seen.update(config=api(sim, "GET", "/apps/acme-web/config-vars")[1],
                                       releases=releases(sim, "acme-web")),
        after_again=lambda: seen.update(releases_again=releases(sim, "acme-web")))
    # A changed value is reported as changed, by name only.
    concurrency = plan.task(config(app="acme-web", config={"WEB_CONCURRENCY": "8"}))
    plan.run()

    record = steps.check
    assert record["heroku_config"]["added_keys"] == ["DEBUG", "SESSION_SECRET", "WEB_CONCURRENCY"]
    assert record["heroku_config"]["removed_keys"] == ["OLD"]
    assert steps.real.calls == [("GET", "/apps/acme-web/config-vars"), ("PATCH", "/apps/acme-web/config-vars")]
    # Heroku stores strings: the module sends YAML's numbers and booleans as text.
    assert seen["config"] == {"KEEP": "me", "SESSION_SECRET": SECRET, "WEB_CONCURRENCY": "4", "DEBUG": "false"}
    assert seen["releases"] == release_count + 1
    assert seen["releases_again"] == release_count + 1
    assert concurrency["heroku_config"]["changed_keys"] == ["WEB_CONCURRENCY"]
    assert_writes(concurrency.writes, [("PATCH", "/apps/acme-web/config-vars", {"WEB_CONCURRENCY": "8"})])


def test_state_absent_removes_the_keys_given(sim, run_playbook):
    sim.seed_app("acme-web", config={"A": "1", "B": "2", "C": "3"})
    seen = {}
    plan = Playbook(run_playbook)
    steps = plan.absent(config(app="acme-web", config={"A": None, "B": "ignored", "Z": None}),
                        # Z is not set: nothing to remove.
                        writes=[("PATCH", "/apps/acme-web/config-vars", {"A": None, "B": None})],
                        again_task=config(app="acme-web", state="absent", config={"A": None, "B": None}),
                        after_real=lambda: seen.update(config=api(sim, "GET", "/apps/acme-web/config-vars")[1]))
    plan.run()
    assert steps.real["heroku_config"]["removed_keys"] == ["A", "B"]
    assert seen["config"] == {"C": "3"}


def test_purge_removes_unlisted_keys_but_keeps_what_add_ons_provide(sim, run_playbook):
    sim.seed_app("acme-web", config={"NODE_ENV": "production", "STALE": "1", "ALSO_STALE": "2"})
    status, _addon = api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0"})
    assert status in (200, 201)
    assert "DATABASE_URL" in api(sim, "GET", "/apps/acme-web/config-vars")[1]
    seen = {}

    plan = Playbook(run_playbook)
    steps = plan.converge(config(app="acme-web", purge=True, config={"NODE_ENV": "production"}),
                          writes=[("PATCH", "/apps/acme-web/config-vars", {"STALE": None, "ALSO_STALE": None})],
                          after_real=lambda: seen.update(keys=sorted(api(sim, "GET", "/apps/acme-web/config-vars")[1])))
    # Naming an add-on's key with null is how a user removes it on purpose.
    on_purpose = plan.task(config(app="acme-web", purge=True, config={"NODE_ENV": "production", "DATABASE_URL": None}))
    plan.run()

    record = steps.real["heroku_config"]
    assert record["removed_keys"] == ["ALSO_STALE", "STALE"]
    assert record["kept_addon_keys"] == ["DATABASE_URL"]
    assert seen["keys"] == ["DATABASE_URL", "NODE_ENV"]
    assert on_purpose["heroku_config"]["removed_keys"] == ["DATABASE_URL"]
    assert_writes(on_purpose.writes, [("PATCH", "/apps/acme-web/config-vars", {"DATABASE_URL": None})])


@pytest.mark.both_paths
def test_values_never_reach_the_output_at_vvvv_with_diff(sim, run_playbook):
    sim.seed_app("acme-web", config={"EXISTING": OTHER_SECRET})
    plan = Playbook(run_playbook)
    rotate = plan.task(config(app="acme-web", config={"SESSION_SECRET": SECRET, "EXISTING": "rotated-" + SECRET}),
                       label="rotate")
    # A failure does not leak them either.
    plan.checkpoint(lambda: sim.inject_fault(method="PATCH", path=r"/config-vars$", status=422,
                                             message="Config var is invalid."))
    failing = plan.task(config(app="acme-web", config={"NEW": SECRET}), label="failing", ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)
    assert result.rc == 0, result.stdout
    assert rotate.status == "changed", result.stdout
    assert api(sim, "GET", "/apps/acme-web/config-vars")[1]["SESSION_SECRET"] == SECRET
    # The diff still says which keys change.
    assert "SESSION_SECRET" in result.output_of(rotate.name) and "EXISTING" in result.output_of(rotate.name)
    for secret in (SECRET, OTHER_SECRET, "test-api-key"):
        assert secret not in result.stdout
        assert secret not in repr(result.results)
    assert failing.status == "failed"
    assert_writes(rotate.writes, [("PATCH", "/apps/acme-web/config-vars",
                                   {"SESSION_SECRET": SECRET, "EXISTING": "rotated-" + SECRET})])
    assert_writes(failing.writes, [("PATCH", "/apps/acme-web/config-vars", {"NEW": SECRET})])


def test_show_values_reveals_them_when_asked(sim, run_playbook):
    sim.seed_app("acme-web", config={"EXISTING": OTHER_SECRET})
    result = run_playbook([config(app="acme-web", show_values=True, config={"EXISTING": SECRET})], diff=True)
    record = result.task("config")
    assert record["diff"] == {"before": {"config": {"EXISTING": OTHER_SECRET}}, "after": {"config": {"EXISTING": SECRET}}}
    assert record["heroku_config"]["config"]["EXISTING"] == SECRET
    assert_writes(record.writes, [("PATCH", "/apps/acme-web/config-vars", {"EXISTING": SECRET})])


def test_missing_app_fails_clearly(sim, run_playbook):
    fails_without_writes(run_playbook, [(config(app="acme-nope", config={"A": "1"}), "App acme-nope was not found")])


def test_nested_values_fail_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(config(app="acme-web", config={"A": {"nested": 1}}),
                                             "config.A must be a string")])


def test_config_info_returns_values_and_changes_nothing(sim, run_playbook):
    sim.seed_app("acme-web", config={"DATABASE_URL": "postgres://u:p@h/db"})
    result = run_playbook([{"name": "info", "herokuops.platform.heroku_config_info": {"app": "acme-web"}}], check=True)
    assert result.task("info")["heroku_config_info"] == {"app": "acme-web", "config": {"DATABASE_URL": "postgres://u:p@h/db"}}
    assert result.task("info").status == "ok" and result.task("info").writes == []
    assert len(result.task("info").requests) == 1
