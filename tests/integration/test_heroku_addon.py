# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_addon and heroku_addon_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes, fails_before_any_request, fails_without_writes
from sim_api import api


def addon(**args):
    return {"name": "addon", "herokuops.platform.heroku_addon": args}


@pytest.fixture
def app(sim):
    sim.seed_app("acme-web")
    sim.clear_requests()
    return "acme-web"


def test_provision_waits_for_it_then_changes_plan_then_removes(sim, run_playbook, app):
    sim.set_async_reads(2)  # provisioning on the module's first read, provisioned on its second
    wanted = dict(app=app, plan="heroku-postgresql:essential-0", name="acme-web-db", attachment_name="PRIMARY")
    upgrade = {**wanted, "plan": "heroku-postgresql:essential-1"}
    seen = {}

    def addon_id():
        return provision.real["heroku_addon"]["id"]

    plan = Playbook(run_playbook)
    provision = plan.converge(addon(**wanted),
                              writes=[("POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0",
                                                                         "name": "acme-web-db",
                                                                         "attachment": {"name": "PRIMARY"}})],
                              after_real=lambda: seen.update(provisioned=api(sim, "GET", "/apps/acme-web/config-vars")[1]))
    upgraded = plan.converge(addon(**upgrade), writes=lambda: [("PATCH", "/apps/acme-web/addons/%s" % addon_id(),
                                                                {"plan": "heroku-postgresql:essential-1"})],
                             after_real=lambda: seen.update(upgraded=api(sim, "GET", "/addons/acme-web-db")[1]))
    plan.absent(addon(app=app, name="acme-web-db"),
                writes=lambda: [("DELETE", "/apps/acme-web/addons/%s" % addon_id(), None)])
    plan.run()

    assert provision.check["heroku_addon"]["plan"] == "heroku-postgresql:essential-0"
    record = provision.real
    assert record["heroku_addon"]["state"] == "provisioned"
    assert record["heroku_addon"]["config_vars"] == ["PRIMARY_URL"]
    polls = [r for r in record.requests if r["method"] == "GET" and r["path"].startswith("/apps/acme-web/addons/")]
    assert len(polls) >= 2  # it waited, polling, rather than returning while provisioning
    assert "PRIMARY_URL" in seen["provisioned"]
    assert provision.real["heroku_addon"]["attachment_name"] == "PRIMARY"
    # The add-on, then the app's attachments for the name it is attached as.
    assert provision.again.calls == [("GET", "/apps/acme-web/addons/acme-web-db"), ("GET", "/apps/acme-web/addon-attachments")]

    assert upgraded.real["diff"] == {"before": {"plan": "heroku-postgresql:essential-0"},
                                     "after": {"plan": "heroku-postgresql:essential-1"}}
    assert seen["upgraded"]["plan"]["name"] == "heroku-postgresql:essential-1"

    assert "PRIMARY_URL" not in api(sim, "GET", "/apps/acme-web/config-vars")[1]


def attachments_of(sim, app="acme-web"):
    return sorted((item["name"], item["addon"]["name"]) for item in api(sim, "GET", "/apps/%s/addon-attachments" % app)[1])


def test_a_new_attachment_name_attaches_first_then_detaches_and_failures_leave_the_old_one(sim, run_playbook, app):
    status, db = api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0", "name": "acme-web-db",
                                                            "attachment": {"name": "PRIMARY"}})
    assert status == 201 and api(sim, "GET", "/addons/acme-web-db")[1]["state"] == "provisioned"
    assert api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-redis:mini", "name": "acme-cache",
                                                      "attachment": {"name": "CACHE"}})[0] == 201
    primary = api(sim, "GET", "/apps/acme-web/addon-attachments/PRIMARY")[1]
    wanted = dict(app=app, name="acme-web-db", plan="heroku-postgresql:essential-0")
    seen = {}
    plan = Playbook(run_playbook)
    rename = plan.converge(
        addon(attachment_name="main", **wanted),
        writes=[("POST", "/addon-attachments", {"addon": db["id"], "app": "acme-web", "name": "MAIN"}),
                ("DELETE", "/addon-attachments/%s" % primary["id"], None)],
        reads=[("GET", "/apps/acme-web/addons/acme-web-db"), ("GET", "/apps/acme-web/addon-attachments")],
        after_check=lambda: seen.update(after_check=attachments_of(sim)),
        after_real=lambda: seen.update(renamed=attachments_of(sim), config=api(sim, "GET", "/apps/acme-web/config-vars")[1]))
    # A name another add-on's attachment has on the app: refused after the one read, before any write.
    plan.fails(addon(attachment_name="cache", **wanted), "Attachment CACHE on app acme-web is of add-on acme-cache, not "
               "acme-web-db: choose another attachment_name", requests=True, label="taken")
    # Heroku refuses the attach: the old attachment stays, nothing changed.
    plan.checkpoint(lambda: sim.inject_fault("POST", r"^/addon-attachments$", status=422, error_id="invalid_params",
                                             message="Attach refused."))
    refused = plan.task(addon(attachment_name="AUX", **wanted), label="attach refused", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: seen.update(refused=attachments_of(sim)))
    # Heroku refuses the detach after the attach: changed, and the message says what is left.
    plan.checkpoint(lambda: sim.inject_fault("DELETE", r"^/addon-attachments/", status=422, error_id="invalid_params",
                                             message="Detach refused."))
    half = plan.task(addon(attachment_name="AUX", **wanted), label="detach refused", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: seen.update(half=attachments_of(sim)))
    # The new name is there: nothing to do, reads only (MAIN stays until detached on purpose).
    again = plan.task(addon(attachment_name="AUX", **wanted), label="after the half rename", status="ok")
    # Attached as MAIN and AUX: which one a new name would replace is not for the module to guess.
    plan.fails(addon(attachment_name="THIRD", **wanted), "Add-on acme-web-db is attached to app acme-web as AUX, MAIN: "
               "attachment_name cannot tell which one it renames", requests=True, label="ambiguous")
    result = plan.run()

    # Check mode wrote nothing and said what the real run did, as the diff says it: attached first, detached after.
    assert seen["after_check"] == [("CACHE", "acme-cache"), ("PRIMARY", "acme-web-db")]
    assert rename.check["heroku_addon"]["attachment_name"] == "MAIN"
    diff = {"before": {"attachment_name": "PRIMARY"},
            "after": {"attachment_name": "(a new attachment: MAIN attached first, then PRIMARY detached)"}}
    assert rename.check["diff"] == diff and rename.real["diff"] == diff
    assert rename.again["diff"] == {"before": {}, "after": {}}
    # Attached under the new name first, the old attachment detached after: the order of the request log.
    writes = result.task(rename.steps["real"].name).writes
    assert [(request["method"], request["path"], request["status"]) for request in writes] == [
        ("POST", "/addon-attachments", 201), ("DELETE", "/addon-attachments/%s" % primary["id"], 200)]
    assert rename.real["heroku_addon"]["attachment_name"] == "MAIN"
    # The add-on read again after the rename: its config vars are named after the new attachment.
    assert rename.real["heroku_addon"]["config_vars"] == ["MAIN_URL"]
    assert [call for call in rename.real.calls if call[0] == "GET"][-1] == ("GET", "/addons/%s" % db["id"])
    assert seen["renamed"] == [("CACHE", "acme-cache"), ("MAIN", "acme-web-db")]
    assert "MAIN_URL" in seen["config"] and "PRIMARY_URL" not in seen["config"]

    failed = result.task(refused.name)
    assert failed.result["changed"] is False and "POST /addon-attachments failed (422" in failed.result["msg"]
    assert [(request["method"], request["status"]) for request in failed.writes] == [("POST", 422)]
    assert seen["refused"] == [("CACHE", "acme-cache"), ("MAIN", "acme-web-db")]

    stopped = result.task(half.name)
    assert stopped.result["changed"] is True
    assert [(request["method"], request["status"]) for request in stopped.writes] == [("POST", 201), ("DELETE", 422)]
    assert "Detach refused." in stopped.result["msg"] and stopped.result["failure"]["status"] == 422
    assert ("add-on acme-web-db is attached to app acme-web as AUX, and still as MAIN: detach MAIN with "
            "herokuops.platform.heroku_addon_attachment (state: absent) to finish the rename") in stopped.result["msg"]
    assert seen["half"] == [("AUX", "acme-web-db"), ("CACHE", "acme-cache"), ("MAIN", "acme-web-db")]
    ran_again = result.task(again.name)
    assert not ran_again.writes and ran_again.result["heroku_addon"]["attachment_name"] == "AUX"


def test_found_by_service_when_unnamed_and_a_bare_service_keeps_the_plan(sim, run_playbook, app):
    def upgrade_behind_its_back():
        api(sim, "PATCH", "/apps/acme-web/addons/%s" % steps.real["heroku_addon"]["id"], {"plan": "heroku-redis:premium-0"})

    plan = Playbook(run_playbook)
    steps = plan.converge(addon(app=app, plan="heroku-redis"),
                          writes=[("POST", "/apps/acme-web/addons", {"plan": "heroku-redis"})],
                          after_real=upgrade_behind_its_back, reads=[("GET", "/apps/acme-web/addons")])
    plan.run()
    assert steps.real["heroku_addon"]["plan"] == "heroku-redis:mini"


def test_two_of_a_service_without_a_name_fail_and_ask_for_one(sim, run_playbook, app):
    for name in ("acme-cache-a", "acme-cache-b"):
        attachment = {"name": name.upper().replace("-", "_")}
        api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-redis:mini", "name": name, "attachment": attachment})
    message = "App acme-web has 2 add-ons of heroku-redis (acme-cache-a, acme-cache-b): set name to say which one."
    record, = fails_without_writes(run_playbook, [(addon(app=app, plan="heroku-redis:mini"), message)])
    assert record["msg"] == message


def test_an_add_on_that_never_provisions_times_out_with_its_state(sim, run_playbook, app):
    sim.freeze_async(True)
    result = run_playbook([addon(app=app, plan="heroku-kafka:basic-0", wait_timeout=3)])
    record = result.task("addon")
    assert record.status == "failed"
    assert "Timed out after 3s waiting for add-on heroku-kafka on app acme-web" in record["msg"]
    assert "last seen state: provisioning" in record["msg"]
    assert_writes(record.writes, [("POST", "/apps/acme-web/addons", {"plan": "heroku-kafka:basic-0"})])


def test_wait_false_returns_while_provisioning(sim, run_playbook, app):
    sim.freeze_async(True)
    result = run_playbook([addon(app=app, plan="heroku-postgresql:essential-0", wait=False)])
    assert result.task("addon").status == "changed"
    assert result.task("addon")["heroku_addon"]["state"] == "provisioning"
    assert_writes(result.task("addon").writes,
                  [("POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0"})])


def test_herokus_refusal_is_surfaced_with_its_request_id(sim, run_playbook, app):
    api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0", "name": "acme-db"})
    sim.inject_fault(method="PATCH", path=r"^/apps/acme-web/addons/", status=422, error_id="invalid_params",
                     message="This plan change is not supported.")
    result = run_playbook([addon(app=app, name="acme-db", plan="heroku-postgresql:standard-0")])
    msg = result.task("addon")["msg"]
    assert msg.startswith("PATCH /apps/acme-web/addons/")
    assert "(422 invalid_params): This plan change is not supported. [request-id " in msg
    assert_writes(result.task("addon").writes,
                  [("PATCH", re.compile(r"/apps/acme-web/addons/[0-9a-f-]+"), {"plan": "heroku-postgresql:standard-0"})])


BAD_INPUT = [
    (dict(plan="Not A Plan!"), "plan='Not A Plan!' is not an add-on plan"),
    (dict(), "plan is required with state=present"),
    (dict(plan="heroku-redis", attachment_name="MY-CACHE"), "attachment_name='MY-CACHE' must start with a letter"),
    (dict(state="absent"), "one of name or plan is required"),
]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(addon(app="acme-web", **args), message) for args, message in BAD_INPUT])


def test_addon_info_by_app_by_name_and_all(sim, run_playbook, app):
    api(sim, "POST", "/apps/acme-web/addons", {"plan": "heroku-postgresql:essential-0", "name": "acme-db"})
    sim.seed_app("acme-api")
    api(sim, "POST", "/apps/acme-api/addons", {"plan": "papertrail:choklad", "name": "acme-logs"})
    sim.clear_requests()
    result = run_playbook([
        {"name": "by_app", "herokuops.platform.heroku_addon_info": {"app": "acme-web"}},
        {"name": "by_name", "herokuops.platform.heroku_addon_info": {"name": "acme-logs"}},
        {"name": "all", "herokuops.platform.heroku_addon_info": {}},
    ], check=True)
    assert [a["name"] for a in result.task("by_app")["heroku_addon_info"]] == ["acme-db"]
    assert result.task("by_app")["heroku_addon_info"][0]["config_vars"] == ["DATABASE_URL"]
    assert [a["app"] for a in result.task("by_name")["heroku_addon_info"]] == ["acme-api"]
    assert sorted(a["name"] for a in result.task("all")["heroku_addon_info"]) == ["acme-db", "acme-logs"]
    assert not result.changed and sim.writes() == []
