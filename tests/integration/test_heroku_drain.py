# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_drain and heroku_drain_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes
from sim_api import api

SECRET = "Dr41n-pa55word-that-must-not-leak"
OLD_URL = "https://heroku:old-%s@logs.example.com/heroku" % SECRET
NEW_URL = "https://heroku:new-%s@logs.example.com/heroku" % SECRET
SYSLOG_URL = "syslog+tls://logs.example.com:6514"
LIST = ("GET", "/apps/acme-web/log-drains")


def create(url):
    return ("POST", "/apps/acme-web/log-drains", {"url": url})


DRAIN_ID = re.compile(r"/apps/acme-web/log-drains/[0-9a-f-]{36}")
MASKED = "https://logs.example.com/********"
NO_LOG = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def drain(**args):
    return {"name": "drain", "herokuops.platform.heroku_drain": dict(dict(app="acme-web"), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_drain_info": args}


def drains(sim, app="acme-web"):
    return dict((item["url"], item) for item in api(sim, "GET", "/apps/%s/log-drains" % app)[1])


@pytest.mark.both_paths
def test_add_rotate_and_remove_in_check_mode_for_real_and_again(sim, run_playbook):
    sim.seed_app("acme-web")
    legacy = api(sim, "POST", "/apps/acme-web/log-drains", {"url": "syslog://legacy.example.com:514"})[1]
    seen = {}
    plan = Playbook(run_playbook)
    add = plan.converge(drain(url=OLD_URL), writes=[create(OLD_URL)], reads=[LIST],
                        after_check=lambda: seen.update(after_check=sorted(drains(sim))))
    # The new drain first, then the old one away; done, it is no change.
    rotate = plan.converge(drain(url=NEW_URL, replaces=OLD_URL), writes=[create(NEW_URL), ("DELETE", DRAIN_ID, None)],
                           reads=[LIST],
                           after_check=lambda: seen.update(rotate_check=sorted(drains(sim))),
                           after_real=lambda: seen.update(rotated=sorted(drains(sim))))
    # A drain named by its token.
    by_token = plan.task(drain(url=SYSLOG_URL, replaces=legacy["token"], show_values=True), label="by token")
    remove = plan.absent(drain(url=NEW_URL), writes=[("DELETE", DRAIN_ID, None)], reads=[LIST])
    plan.run()

    assert seen["after_check"] == ["syslog://legacy.example.com:514"]
    predicted = add.check["heroku_drain"]
    assert predicted == dict(id=None, url=MASKED, token=None, app="acme-web", addon=None, created_at=None,
                             updated_at=None, replaced=None)
    assert add.check["diff"] == {"before": {"drains": []}, "after": {"drains": [{"url": MASKED, "token": None}]}}
    created = add.real["heroku_drain"]
    assert created["url"] == MASKED and re.fullmatch(r"d\.[0-9a-f-]{36}", created["token"]) and created["id"]
    assert add.again["heroku_drain"]["id"] == created["id"] and add.again["diff"] == {"before": {}, "after": {}}

    assert seen["rotate_check"] == sorted([OLD_URL, "syslog://legacy.example.com:514"])
    assert rotate.check["heroku_drain"]["replaced"] == dict(id=created["id"], url=MASKED, token=created["token"])
    assert rotate.check["diff"] == {"before": {"drains": [{"url": MASKED, "token": created["token"]}]},
                                    "after": {"drains": [{"url": MASKED, "token": None}]}}
    # The app is read before a drain is added, to know its generation (a Fir app has none).
    assert rotate.real.calls == [LIST, ("GET", "/apps/acme-web"), ("POST", "/apps/acme-web/log-drains"),
                                 ("DELETE", "/apps/acme-web/log-drains/%s" % created["id"])]
    assert seen["rotated"] == sorted([NEW_URL, "syslog://legacy.example.com:514"])
    assert rotate.real["heroku_drain"]["replaced"]["token"] == created["token"]
    new = rotate.real["heroku_drain"]
    assert rotate.again["heroku_drain"]["id"] == new["id"] and rotate.again["heroku_drain"]["replaced"] is None

    assert by_token.status == "changed"
    assert_writes(by_token.writes, [create(SYSLOG_URL), ("DELETE", "/apps/acme-web/log-drains/%s" % legacy["id"], None)])
    # show_values shows what the task did not take as an option; Ansible masks what it did (url and replaces are no_log).
    assert by_token["heroku_drain"]["replaced"] == dict(id=legacy["id"], url="syslog://legacy.example.com:514",
                                                        token=NO_LOG)
    assert by_token["heroku_drain"]["url"] == NO_LOG

    assert remove.real["heroku_drain"] == {}
    assert remove.real["diff"] == {"before": {"drains": [{"url": MASKED, "token": new["token"]}]}, "after": {"drains": []}}
    assert remove.real.writes[0]["path"] == "/apps/acme-web/log-drains/%s" % new["id"]
    # A removal adds nothing a generation could refuse: no read of the app.
    assert ("GET", "/apps/acme-web") not in remove.real.calls
    assert sorted(drains(sim)) == [SYSLOG_URL]


def test_add_on_drains_are_heroku_s_on_the_app_and_move_through_the_add_on(sim, run_playbook):
    sim.seed_app("acme-web")
    assert api(sim, "POST", "/apps/acme-web/addons", {"plan": "papertrail:choklad", "name": "acme-logs"})[0] == 201
    (papertrail,) = drains(sim).values()
    assert papertrail["addon"]["name"] == "acme-logs"
    plan = Playbook(run_playbook)
    listed = plan.task(info(app="acme-web"), label="app drains")
    # Through the app, a drain an add-on manages is never touched; present, it is there.
    plan.task(drain(url=papertrail["url"]), label="present", status="ok")
    plan.fails(drain(url=papertrail["url"], state="absent"), "belongs to add-on acme-logs: Heroku removes it only with",
               requests=True, label="absent")
    plan.fails(drain(url=SYSLOG_URL, replaces=papertrail["token"]), "belongs to add-on acme-logs", requests=True,
               label="replaced")
    addon_drain = {"name": "addon", "herokuops.platform.heroku_drain": dict(addon="acme-logs", url=SYSLOG_URL)}
    plan.fails(addon_drain, "set replaces to the URL or token of the drain to move", requests=True, label="no replaces")
    addon_drain["herokuops.platform.heroku_drain"]["replaces"] = papertrail["token"]
    move = plan.converge(addon_drain, writes=[("PUT", "/addons/acme-logs/log-drains/%s" % papertrail["id"],
                                               {"url": SYSLOG_URL})],
                         reads=[("GET", "/addons/acme-logs/log-drains")])
    plan.fails(dict(addon_drain, **{"herokuops.platform.heroku_drain": dict(addon="acme-logs", url=SYSLOG_URL,
                                                                            state="absent")}),
               "Heroku removes an add-on's drains only with the add-on", requests=True, label="addon absent")
    moved = plan.task(info(addon="acme-logs", show_values=True), label="addon drains")
    plan.run()

    (item,) = listed["heroku_drain_info"]
    assert item == dict(id=papertrail["id"], url="syslog+tls://logs.papertrailapp.com/********", token=papertrail["token"],
                        app="acme-web", addon="acme-logs", created_at=papertrail["created_at"],
                        updated_at=papertrail["updated_at"])
    # The token stays: the drain moves. Given as replaces, Ansible masks it (a no_log option) wherever it shows.
    before = {"drains": [{"url": "syslog+tls://logs.papertrailapp.com/********", "token": NO_LOG}]}
    after = {"drains": [{"url": "syslog+tls://logs.example.com/********", "token": NO_LOG}]}
    assert move.check["diff"] == {"before": before, "after": after}
    assert move.real["heroku_drain"]["id"] == papertrail["id"] and move.real["heroku_drain"]["addon"] == "acme-logs"
    assert [(d["url"], d["token"]) for d in moved["heroku_drain_info"]] == [(SYSLOG_URL, papertrail["token"])]
    assert moved.status == "ok" and moved.calls == [("GET", "/addons/acme-logs/log-drains")]
    # The add-on takes its drain with it.
    assert api(sim, "DELETE", "/apps/acme-web/addons/acme-logs")[0] == 200
    assert drains(sim) == {}


def test_bad_input_fails_before_any_request(sim, run_playbook):
    sim.seed_app("acme-web")
    plan = Playbook(run_playbook)
    steps = [plan.fails(task, message, label="case %d" % index) for index, (task, message) in enumerate([
        (drain(url="ftp://user:%s@logs.example.com/x" % SECRET),
         "url must be a log drain URL starting with syslog://, syslog+tls://, https://, http://; the value given "
         "starts with ftp://"),
        (drain(url="https://user:%s@/path" % SECRET), "url must name the host logs go to"),
        (drain(url=NEW_URL, replaces="gopher://%s" % SECRET), "replaces must be a log drain URL"),
        (drain(url=NEW_URL, replaces=OLD_URL, state="absent"), "replaces goes with state=present only"),
        (drain(app="Acme_Web", url=NEW_URL), "app='Acme_Web' is not a valid app name"),
        ({"name": "drain", "herokuops.platform.heroku_drain": dict(addon="../account", url=NEW_URL)},
         "addon='../account' is not a valid addon name"),
        (drain(addon="acme-logs", url=NEW_URL), "mutually exclusive: app|addon"),
        (info(), "one of the following is required: app, addon"),
    ])]
    missing_app = plan.fails(drain(app="acme-nope", url=NEW_URL), "App acme-nope was not found.", requests=True)
    missing_addon = plan.fails(info(addon="acme-nope"), "Add-on acme-nope was not found.", requests=True)
    plan.run()
    for step in steps:
        assert SECRET not in str(step.get("msg")) and SECRET not in repr(step.get("invocation"))
    assert missing_app.calls == [("GET", "/apps/acme-nope/log-drains")]
    assert missing_addon.calls == [("GET", "/addons/acme-nope/log-drains")]


@pytest.mark.both_paths
def test_credentials_never_reach_the_output_at_vvvv_with_diff_and_api_errors_name_the_request(sim, run_playbook):
    sim.seed_app("acme-web")
    plan = Playbook(run_playbook)
    added = plan.task(drain(url=OLD_URL), label="add", status="changed")
    rotated = plan.task(drain(url=NEW_URL, replaces=OLD_URL), label="rotate", status="changed")
    plan.task(info(app="acme-web"), label="list", status="ok")
    plan.fails(drain(url="ftp://%s@logs.example.com" % SECRET), "url must be a log drain URL", label="bad")
    # Heroku's message may quote the URL: even then it does not reach the output.
    plan.checkpoint(lambda: sim.inject_fault(method="POST", path=r"/log-drains$", status=422,
                                             message="Url %s is not reachable." % OLD_URL))
    failing = plan.task(drain(url=OLD_URL), label="failing", status="failed", ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)
    assert added["heroku_drain"]["url"] == MASKED and rotated["heroku_drain"]["replaced"]["url"] == MASKED
    assert "logs.example.com/********" in result.output_of(rotated.name)
    assert failing["msg"].startswith("POST /apps/acme-web/log-drains failed (422 invalid_params): Url ")
    assert "[request-id " in failing["msg"] and failing["failure"]["request_id"] and failing["changed"] is False
    assert_writes(added.writes, [create(OLD_URL)])
    assert_writes(rotated.writes, [create(NEW_URL), ("DELETE", DRAIN_ID, None)])
    assert_writes(failing.writes, [create(OLD_URL)])
    for secret in (SECRET, "test-api-key"):
        assert secret not in result.stdout
        assert secret not in repr(result.results)
    assert sorted(drains(sim)) == [NEW_URL]
