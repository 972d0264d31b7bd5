# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_app and heroku_app_info through real ansible-playbook runs against the simulator."""

from converge import Playbook, fails_before_any_request, fails_without_writes
from sim_api import api

READS = ("GET", "HEAD")


def app(**args):
    return {"name": "app", "herokuops.platform.heroku_app": args}


def test_create_update_rename_delete_in_check_mode_for_real_and_again(sim, run_playbook):
    wanted = dict(name="acme-web", region="eu", stack="heroku-22", buildpacks=["heroku/nodejs"],
                  features={"preboot": True})
    update = {**wanted, "maintenance": True, "buildpacks": ["heroku/nodejs", "heroku/python"], "build_stack": "heroku-24"}
    seen = {}
    plan = Playbook(run_playbook)

    def app_id():
        return create.real["heroku_app"]["id"]

    # Create: check mode sends no write and predicts the app; for real; again: no change, and only the reads it
    # needs: the app, its buildpacks, its features.
    create = plan.converge(
        app(**wanted),
        writes=lambda: [("POST", "/apps", {"name": "acme-web", "region": "eu", "stack": "heroku-22"}),
                        ("PUT", "/apps/%s/buildpack-installations" % app_id(),
                         {"updates": [{"buildpack": "heroku/nodejs"}]}),
                        ("PATCH", "/apps/%s/features/preboot" % app_id(), {"enabled": True})],
        reads=lambda: [("GET", "/apps/acme-web"), ("GET", "/apps/%s/buildpack-installations" % app_id()),
                       ("GET", "/apps/%s/features" % app_id())],
        reads_in_any_order=True,
        after_check=lambda: seen.update(after_check=api(sim, "GET", "/apps/acme-web")[0]),
        after_real=lambda: seen.update(created=api(sim, "GET", "/apps/acme-web")))
    # Update: check mode with --diff shows what would change and writes nothing; for real: one PATCH of the app for
    # both fields, one PUT of the buildpacks.
    updated = plan.converge(
        app(**update),
        writes=lambda: [("PATCH", "/apps/%s" % app_id(), {"maintenance": True, "build_stack": "heroku-24"}),
                        ("PUT", "/apps/%s/buildpack-installations" % app_id(),
                         {"updates": [{"buildpack": "heroku/nodejs"}, {"buildpack": "heroku/python"}]})],
        after_real=lambda: seen.update(updated=api(sim, "GET", "/apps/acme-web")[1]))
    # Rename, then again: the rename is recognised as done.
    renamed = plan.converge(
        app(name="acme-web", new_name="acme-shop"), writes=lambda: [("PATCH", "/apps/%s" % app_id(), {"name": "acme-shop"})],
        after_real=lambda: seen.update(renamed=(api(sim, "GET", "/apps/acme-shop")[0],
                                                api(sim, "GET", "/apps/acme-web")[0])))
    # Delete: check mode, for real, again.
    plan.absent(app(name="acme-shop"), writes=lambda: [("DELETE", "/apps/%s" % app_id(), None)],
                reads=[("GET", "/apps/acme-shop")])
    result = plan.run()
    assert result.rc == 0, result.stdout

    assert create.check["heroku_app"]["name"] == "acme-web"
    assert seen["after_check"] == 404
    created = create.real["heroku_app"]
    status, body = seen["created"]
    assert status == 200 and body["region"]["name"] == "eu" and body["stack"]["name"] == "heroku-22"
    assert created["id"] == body["id"] and created["buildpacks"] == ["heroku/nodejs"]
    assert created["features"]["preboot"] is True

    assert updated.check["diff"]["before"] == {
        "maintenance": False, "buildpacks": ["heroku/nodejs"], "build_stack": "heroku-22"}
    assert updated.check["diff"]["after"] == {
        "maintenance": True, "buildpacks": ["heroku/nodejs", "heroku/python"], "build_stack": "heroku-24"}
    check_output = result.output_of(updated.check.name)
    assert "+    \"maintenance\": true" in check_output or '"maintenance": true' in check_output
    assert seen["updated"]["maintenance"] is True and seen["updated"]["build_stack"]["name"] == "heroku-24"
    assert updated.real["heroku_app"]["buildpacks"] == ["heroku/nodejs", "heroku/python"]

    assert renamed.real["diff"] == {"before": {"name": "acme-web"}, "after": {"name": "acme-shop"}}
    assert seen["renamed"] == (200, 404)
    assert api(sim, "GET", "/apps/acme-shop")[0] == 404


def test_features_and_acm_change_only_what_is_listed(sim, run_playbook):
    sim.seed_app("acme-api")
    app_id = api(sim, "GET", "/apps/acme-api")[1]["id"]
    plan = Playbook(run_playbook)
    plan.converge(app(name="acme-api", features={"preboot": True, "log-runtime-metrics": True}, acm=True),
                  writes=[("PATCH", "/apps/%s/features/preboot" % app_id, {"enabled": True}),
                          ("PATCH", "/apps/%s/features/log-runtime-metrics" % app_id, {"enabled": True}),
                          ("POST", "/apps/%s/acm" % app_id, None)],
                  # Features not listed are left alone: naming fewer of them changes nothing.
                  again_task=app(name="acme-api", features={"preboot": True}, acm=True))
    plan.run()
    features = dict((f["name"], f["enabled"]) for f in api(sim, "GET", "/apps/acme-api/features")[1])
    assert features["preboot"] and features["log-runtime-metrics"] and not features["http-session-affinity"]
    assert api(sim, "GET", "/apps/acme-api")[1]["acm"] is True


def test_team_app_lock_and_transfer(sim, run_playbook):
    seen = {}
    plan = Playbook(run_playbook)
    created = plan.converge(app(name="acme-team-web", team="acme", locked=True),
                            writes=[("POST", "/teams/apps", {"name": "acme-team-web", "team": "acme", "locked": True})],
                            after_real=lambda: seen.update(created=api(sim, "GET", "/teams/apps/acme-team-web")[1]))
    transfer = plan.converge(app(name="acme-team-web", team="acme-staging"),
                             writes=lambda: [("PATCH", "/teams/apps/%s" % seen["created"]["id"], {"owner": "acme-staging"})])
    plan.run()
    body = seen["created"]
    assert body["team"]["name"] == "acme" and body["locked"] is True
    assert created.real["heroku_app"]["id"] == body["id"]
    assert api(sim, "GET", "/apps/acme-team-web")[1]["team"]["name"] == "acme-staging"
    assert transfer.real["diff"] == {"before": {"team": "acme"}, "after": {"team": "acme-staging"}}


CANNOT_CHANGE_IN_PLACE = [
    (dict(region="us"), "Cannot change region of app acme-eu from 'eu' to 'us' in place"),
    (dict(stack="heroku-22"), "set build_stack to the new stack"),
]


def test_fields_that_cannot_change_in_place_fail_and_write_nothing(sim, run_playbook):
    sim.seed_app("acme-eu", region="eu")
    fails_without_writes(run_playbook, [(app(name="acme-eu", **args), message)
                                        for args, message in CANNOT_CHANGE_IN_PLACE])
    assert api(sim, "GET", "/apps/acme-eu")[1]["region"]["name"] == "eu"


BAD_INPUT = [
    (dict(name="Bad_Name"), "name"),
    (dict(name="acme-web", new_name="x"), "new_name"),
    (dict(name="acme-web", region="mars"), "region"),
    (dict(name="acme-web", space="acme-space"), "space requires team"),
    (dict(name="acme-web", features="preboot"), "features"),
]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(app(**args), option) for args, option in BAD_INPUT])


def test_missing_api_key_names_every_way_to_give_one(sim, run_playbook):
    result = run_playbook([app(name="acme-web")], env={"HEROKU_API_KEY": None})
    msg = result.task("app")["msg"]
    assert "api_key" in msg and "HEROKU_API_KEY" in msg and "heroku login" in msg
    assert result.task("app").requests == []


def test_api_errors_name_the_request_herokus_id_and_the_request_id(sim, run_playbook):
    sim.inject_fault(method="POST", path=r"^/apps$", status=422, error_id="invalid_params",
                     message="Name is already taken.")
    result = run_playbook([app(name="acme-taken")])
    record = result.task("app")
    assert record.status == "failed"
    request_id = [r for r in record.requests if r["method"] == "POST"][-1]["request_id"]
    assert record["msg"] == "POST /apps failed (422 invalid_params): Name is already taken. [request-id %s]" % request_id
    assert record["failure"]["id"] == "invalid_params" and record["failure"]["request_id"] == request_id
    assert "test-api-key" not in result.stdout


def test_server_errors_are_retried_transparently(sim, run_playbook):
    sim.seed_app("acme-flaky")
    sim.inject_fault(method="GET", path=r"^/apps/acme-flaky$", status=503, count=2)
    result = run_playbook([app(name="acme-flaky", maintenance=False)])
    assert result.task("app").status == "ok", result.stdout
    assert [r["status"] for r in result.task("app").requests] == [503, 503, 200]


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
