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
    assert len(provision.again.requests) == 1

    assert upgraded.real["diff"] == {"before": {"plan": "heroku-postgresql:essential-0"},
                                     "after": {"plan": "heroku-postgresql:essential-1"}}
    assert seen["upgraded"]["plan"]["name"] == "heroku-postgresql:essential-1"

    assert "PRIMARY_URL" not in api(sim, "GET", "/apps/acme-web/config-vars")[1]


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
