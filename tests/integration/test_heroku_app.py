# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_app and heroku_app_info through real ansible-playbook runs against the simulator."""

import pytest

from sim_api import api, calls

READS = ("GET", "HEAD")


def app(**args):
    return {"name": "app", "herokuops.platform.heroku_app": args}


def test_create_update_rename_delete_in_check_mode_for_real_and_again(sim, run_playbook):
    wanted = dict(name="acme-web", region="eu", stack="heroku-22", buildpacks=["heroku/nodejs"],
                  features={"preboot": True})

    # Create: check mode sends no write and predicts the app.
    sim.clear_requests()
    result = run_playbook([app(**wanted)], check=True)
    assert result.rc == 0, result.stdout
    assert result.task("app").status == "changed"
    assert result.task("app")["heroku_app"]["name"] == "acme-web"
    assert sim.writes() == []
    assert api(sim, "GET", "/apps/acme-web")[0] == 404

    # For real.
    result = run_playbook([app(**wanted)])
    assert result.rc == 0, result.stdout
    created = result.task("app")["heroku_app"]
    assert result.task("app").status == "changed"
    status, body = api(sim, "GET", "/apps/acme-web")
    assert status == 200 and body["region"]["name"] == "eu" and body["stack"]["name"] == "heroku-22"
    assert created["id"] == body["id"] and created["buildpacks"] == ["heroku/nodejs"]
    assert created["features"]["preboot"] is True

    # Again: no change, and only the reads it needs: the app, its buildpacks, its features.
    sim.clear_requests()
    result = run_playbook([app(**wanted)])
    assert result.task("app").status == "ok"
    assert sorted(calls(sim)) == sorted([
        ("GET", "/apps/acme-web"),
        ("GET", "/apps/%s/buildpack-installations" % created["id"]),
        ("GET", "/apps/%s/features" % created["id"]),
    ])

    # Update: check mode with --diff shows what would change and writes nothing.
    update = {**wanted, "maintenance": True, "buildpacks": ["heroku/nodejs", "heroku/python"], "build_stack": "heroku-24"}
    sim.clear_requests()
    result = run_playbook([app(**update)], check=True, diff=True)
    assert result.task("app").status == "changed"
    assert sim.writes() == []
    assert result.task("app")["diff"]["before"] == {
        "maintenance": False, "buildpacks": ["heroku/nodejs"], "build_stack": "heroku-22"}
    assert result.task("app")["diff"]["after"] == {
        "maintenance": True, "buildpacks": ["heroku/nodejs", "heroku/python"], "build_stack": "heroku-24"}
    assert "+    \"maintenance\": true" in result.stdout or '"maintenance": true' in result.stdout

    # For real: one PATCH of the app for both fields, one PUT of the buildpacks.
    sim.clear_requests()
    result = run_playbook([app(**update)], diff=True)
    assert result.task("app").status == "changed"
    assert sorted((w["method"], w["path"]) for w in sim.writes()) == sorted([
        ("PATCH", "/apps/%s" % created["id"]),
        ("PUT", "/apps/%s/buildpack-installations" % created["id"]),
    ])
    body = api(sim, "GET", "/apps/acme-web")[1]
    assert body["maintenance"] is True and body["build_stack"]["name"] == "heroku-24"
    assert result.task("app")["heroku_app"]["buildpacks"] == ["heroku/nodejs", "heroku/python"]

    sim.clear_requests()
    result = run_playbook([app(**update)])
    assert result.task("app").status == "ok" and sim.writes() == []

    # Rename, then again: the rename is recognised as done.
    sim.clear_requests()
    result = run_playbook([app(name="acme-web", new_name="acme-shop")], check=True)
    assert result.task("app").status == "changed" and sim.writes() == []
    result = run_playbook([app(name="acme-web", new_name="acme-shop")], diff=True)
    assert result.task("app").status == "changed"
    assert result.task("app")["diff"] == {"before": {"name": "acme-web"}, "after": {"name": "acme-shop"}}
    assert api(sim, "GET", "/apps/acme-shop")[0] == 200 and api(sim, "GET", "/apps/acme-web")[0] == 404
    sim.clear_requests()
    result = run_playbook([app(name="acme-web", new_name="acme-shop")])
    assert result.task("app").status == "ok" and sim.writes() == []

    # Delete: check mode, for real, again.
    sim.clear_requests()
    result = run_playbook([app(name="acme-shop", state="absent")], check=True)
    assert result.task("app").status == "changed" and sim.writes() == []
    result = run_playbook([app(name="acme-shop", state="absent")])
    assert result.task("app").status == "changed"
    assert api(sim, "GET", "/apps/acme-shop")[0] == 404
    sim.clear_requests()
    result = run_playbook([app(name="acme-shop", state="absent")])
    assert result.task("app").status == "ok"
    assert calls(sim) == [("GET", "/apps/acme-shop")]


def test_features_and_acm_change_only_what_is_listed(sim, run_playbook):
    sim.seed_app("acme-api")
    result = run_playbook([app(name="acme-api", features={"preboot": True, "log-runtime-metrics": True}, acm=True)])
    assert result.task("app").status == "changed", result.stdout
    app_id = api(sim, "GET", "/apps/acme-api")[1]["id"]
    assert sorted((w["method"], w["path"]) for w in sim.writes()) == sorted([
        ("PATCH", "/apps/%s/features/preboot" % app_id),
        ("PATCH", "/apps/%s/features/log-runtime-metrics" % app_id),
        ("POST", "/apps/%s/acm" % app_id),
    ])
    features = dict((f["name"], f["enabled"]) for f in api(sim, "GET", "/apps/acme-api/features")[1])
    assert features["preboot"] and features["log-runtime-metrics"] and not features["http-session-affinity"]
    assert api(sim, "GET", "/apps/acme-api")[1]["acm"] is True

    sim.clear_requests()
    result = run_playbook([app(name="acme-api", features={"preboot": True}, acm=True)])
    assert result.task("app").status == "ok" and sim.writes() == []


def test_team_app_lock_and_transfer(sim, run_playbook):
    result = run_playbook([app(name="acme-team-web", team="acme", locked=True)])
    assert result.task("app").status == "changed", result.stdout
    body = api(sim, "GET", "/teams/apps/acme-team-web")[1]
    assert body["team"]["name"] == "acme" and body["locked"] is True

    sim.clear_requests()
    result = run_playbook([app(name="acme-team-web", team="acme-staging")], diff=True)
    assert result.task("app").status == "changed", result.stdout
    assert [(w["method"], w["path"]) for w in sim.writes()] == [("PATCH", "/teams/apps/%s" % body["id"])]
    assert api(sim, "GET", "/apps/acme-team-web")[1]["team"]["name"] == "acme-staging"
    assert result.task("app")["diff"] == {"before": {"team": "acme"}, "after": {"team": "acme-staging"}}


@pytest.mark.parametrize("field, value, message", [
    ("region", "us", "Cannot change region of app acme-eu from 'eu' to 'us' in place"),
    ("stack", "heroku-22", "set build_stack to the new stack"),
])
def test_fields_that_cannot_change_in_place_fail_and_write_nothing(sim, run_playbook, field, value, message):
    sim.seed_app("acme-eu", region="eu")
    sim.clear_requests()
    result = run_playbook([app(name="acme-eu", **{field: value})])
    assert result.task("app").status == "failed"
    assert message in result.task("app")["msg"]
    assert sim.writes() == []
    assert api(sim, "GET", "/apps/acme-eu")[1]["region"]["name"] == "eu"


@pytest.mark.parametrize("args, option", [
    (dict(name="Bad_Name"), "name"),
    (dict(name="acme-web", new_name="x"), "new_name"),
    (dict(name="acme-web", region="mars"), "region"),
    (dict(name="acme-web", space="acme-space"), "space requires team"),
    (dict(name="acme-web", features="preboot"), "features"),
])
def test_bad_input_fails_before_any_request(sim, run_playbook, args, option):
    sim.clear_requests()
    result = run_playbook([app(**args)])
    assert result.task("app").status == "failed"
    assert option in result.task("app")["msg"]
    assert sim.requests == []


def test_missing_api_key_names_every_way_to_give_one(sim, run_playbook):
    sim.clear_requests()
    result = run_playbook([app(name="acme-web")], env={"HEROKU_API_KEY": None})
    msg = result.task("app")["msg"]
    assert "api_key" in msg and "HEROKU_API_KEY" in msg and "heroku login" in msg
    assert sim.requests == []


def test_api_errors_name_the_request_herokus_id_and_the_request_id(sim, run_playbook):
    sim.inject_fault(method="POST", path=r"^/apps$", status=422, error_id="invalid_params",
                     message="Name is already taken.")
    result = run_playbook([app(name="acme-taken")])
    record = result.task("app")
    assert record.status == "failed"
    request_id = [r for r in sim.requests if r["method"] == "POST"][-1]["request_id"]
    assert record["msg"] == "POST /apps failed (422 invalid_params): Name is already taken. [request-id %s]" % request_id
    assert record["failure"]["id"] == "invalid_params" and record["failure"]["request_id"] == request_id
    assert "test-api-key" not in result.stdout


def test_server_errors_are_retried_transparently(sim, run_playbook):
    sim.seed_app("acme-flaky")
    sim.clear_requests()
    sim.inject_fault(method="GET", path=r"^/apps/acme-flaky$", status=503, count=2)
    result = run_playbook([app(name="acme-flaky", maintenance=False)])
    assert result.task("app").status == "ok", result.stdout
    assert [r["status"] for r in sim.requests] == [503, 503, 200]


def test_app_info_reads_one_app_a_team_and_every_app_to_the_last_page(sim, run_playbook):
    for number in range(1100):
        sim.seed_app("estate-%04d" % number)
    sim.seed_app("acme-team-one", team="acme")
    sim.clear_requests()
    result = run_playbook([
        {"name": "all", "herokuops.platform.heroku_app_info": {}},
        {"name": "one", "herokuops.platform.heroku_app_info": {"name": "estate-0042"}},
        {"name": "team", "herokuops.platform.heroku_app_info": {"team": "acme"}},
        {"name": "missing", "herokuops.platform.heroku_app_info": {"name": "nope-nope"}},
    ], check=True)
    assert result.rc == 0, result.stdout
    names = [item["name"] for item in result.task("all")["heroku_app_info"]]
    assert len(names) == len(set(names)) == 1101
    assert [item["name"] for item in result.task("one")["heroku_app_info"]] == ["estate-0042"]
    assert [item["name"] for item in result.task("team")["heroku_app_info"]] == ["acme-team-one"]
    assert result.task("missing")["heroku_app_info"] == []
    assert not result.changed and sim.writes() == []
    assert [r["status"] for r in sim.requests if r["path"] == "/apps"] == [206, 200]
