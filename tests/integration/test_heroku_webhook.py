# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_webhook and heroku_webhook_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes, fails_before_any_request
from sim_api import api

URL = "https://deploys.example.com/heroku"
MOVED = "https://tracker.example.com/hooks/heroku"
HOOK = re.compile(r"/apps/acme-web/webhooks/[0-9a-f-]{36}")
LIST = ("GET", "/apps/acme-web/webhooks")
SECRET = "whsec-Planted-9f8e7d6c5b4a"
ROTATED = "whsec-Rotated-1a2b3c4d5e6f"
AUTHORIZATION = "Bearer planted-Auth-token-0c0ffee"


def webhook(**args):
    return {"name": "webhook", "herokuops.platform.heroku_webhook": dict(dict(app="acme-web", url=URL), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_webhook_info": dict(dict(app="acme-web"), **args)}


def stored(sim):
    """The app's webhooks as the simulator keeps them, secrets included: what Heroku holds."""
    return sorted((dict(hook) for hook in sim.world.s["webhooks"].values()), key=lambda hook: hook["created_at"])


@pytest.mark.both_paths
def test_create_change_rotate_move_and_remove(sim, run_playbook):
    sim.seed_app("acme-web")
    seen = {}
    plan = Playbook(run_playbook)
    create = plan.converge(
        webhook(include=["api:release", "api:formation"], secret=SECRET),
        writes=[("POST", "/apps/acme-web/webhooks", {"url": URL, "include": ["api:formation", "api:release"],
                                                     "level": "notify", "secret": SECRET})],
        # The event types are a set: another order is no change.
        again_task=webhook(include=["api:formation", "api:release", "api:release"], secret=SECRET), reads=[LIST],
        after_check=lambda: seen.update(after_check=stored(sim)), after_real=lambda: seen.update(created=stored(sim)))
    change = plan.converge(webhook(include=["api:release", "api:app", "api:formation"], level="sync", secret=ROTATED),
                           writes=[("PATCH", HOOK, {"include": ["api:app", "api:formation", "api:release"], "level": "sync"})],
                           reads=[LIST], after_real=lambda: seen.update(changed=stored(sim)))
    # Heroku never returns the secret: with update_secret=always each run sends it again, one PATCH a run.
    rotate = [plan.task(webhook(include=["api:app", "api:formation", "api:release"], level="sync", secret=ROTATED,
                                authorization=AUTHORIZATION, update_secret="always"),
                        label="rotate %d" % number, status="changed", diff=True) for number in (1, 2)]
    plan.checkpoint(lambda: seen.update(rotated=stored(sim)))
    move = plan.converge(webhook(new_url=MOVED, include=["api:app", "api:formation", "api:release"], level="sync"),
                         writes=[("PATCH", HOOK, {"url": MOVED})], reads=[LIST])
    remove = plan.absent(webhook(url=MOVED), writes=[("DELETE", HOOK, None)], reads=[LIST])
    plan.run()

    assert seen["after_check"] == []
    predicted = create.check["heroku_webhook"]
    assert predicted["id"] is None and predicted["url"] == URL and predicted["include"] == ["api:formation", "api:release"]
    assert predicted["level"] == "notify" and predicted["secret_sent"] is True and predicted["authorization_sent"] is False
    created = create.real["heroku_webhook"]
    assert created["include"] == ["api:formation", "api:release"] and created["app"] == "acme-web"
    assert created["secret_sent"] is True and "secret" not in created and "authorization" not in created
    assert create.real.writes[0]["path"] == "/apps/acme-web/webhooks"
    assert seen["created"][0]["secret"] == SECRET and seen["created"][0]["authorization"] is None
    again = create.again["heroku_webhook"]
    assert again["id"] == created["id"] and again["secret_sent"] is False
    assert create.again["diff"] == {"before": {}, "after": {}}

    # One PATCH for the event types and the level; the new secret is not sent (update_secret=on_create).
    assert change.real["diff"] == {"before": {"include": ["api:formation", "api:release"], "level": "notify"},
                                   "after": {"include": ["api:app", "api:formation", "api:release"], "level": "sync"}}
    assert change.real.writes[0]["path"] == "/apps/acme-web/webhooks/%s" % created["id"]
    assert change.real["heroku_webhook"]["secret_sent"] is False
    assert seen["changed"][0]["secret"] == SECRET and seen["changed"][0]["level"] == "sync"

    for record in rotate:
        assert record.calls == [LIST, ("PATCH", "/apps/acme-web/webhooks/%s" % created["id"])]
        assert_writes(record.writes, [("PATCH", "/apps/acme-web/webhooks/%s" % created["id"],
                                       {"secret": ROTATED, "authorization": AUTHORIZATION})])
        assert record["heroku_webhook"]["secret_sent"] is True and record["heroku_webhook"]["authorization_sent"] is True
        # The diff says they were sent, never what they are.
        assert record["diff"]["after"] == {"secret_sent": "******** (added)", "authorization_sent": "******** (added)"}
    assert seen["rotated"][0]["secret"] == ROTATED and seen["rotated"][0]["authorization"] == AUTHORIZATION

    assert move.real["diff"] == {"before": {"url": URL}, "after": {"url": MOVED}}
    assert move.real["heroku_webhook"]["id"] == created["id"]
    assert move.again["heroku_webhook"]["url"] == MOVED
    assert remove.real["diff"]["before"]["url"] == MOVED and remove.real["heroku_webhook"] == {}
    assert stored(sim) == []


def test_info_shows_webhooks_and_their_deliveries_after_events(sim, run_playbook):
    sim.seed_app("acme-web")
    good = api(sim, "POST", "/apps/acme-web/webhooks",
               {"url": URL, "include": ["api:release", "api:formation"], "level": "notify"})[1]
    failing = api(sim, "POST", "/apps/acme-web/webhooks",
                  {"url": "https://fail.example.com/hook", "level": "sync", "include": ["api:release"]})[1]
    # A config change makes a release; a scale changes the formation: both are events the webhooks include.
    assert api(sim, "PATCH", "/apps/acme-web/config-vars", {"NODE_ENV": "production"})[0] == 200
    assert api(sim, "PATCH", "/apps/acme-web/formation", {"updates": [{"type": "web", "quantity": 2}]})[0] == 200
    result = run_playbook([
        info(deliveries=True),
        dict(info(url=URL), name="one"),
        dict(info(url="https://nope.example.com/"), name="none"),
        dict(info(app="acme-nope"), name="no app", ignore_errors=True),
    ], check=True)

    listed = dict((item["url"], item) for item in result.task("info")["heroku_webhook_info"])
    assert sorted(listed) == [URL, "https://fail.example.com/hook"]
    assert listed[URL]["id"] == good["id"] and listed[URL]["include"] == ["api:formation", "api:release"]
    assert [(d["event"], d["status"], d["last_attempt"]["code"]) for d in listed[URL]["deliveries"]] == [
        ("api:formation", "succeeded", 200), ("api:release", "succeeded", 200)]
    retried = listed["https://fail.example.com/hook"]["deliveries"]
    assert listed["https://fail.example.com/hook"]["id"] == failing["id"]
    assert [(d["event"], d["status"], d["num_attempts"]) for d in retried] == [("api:release", "retrying", 1)]
    assert retried[0]["last_attempt"]["status"] == "failed" and retried[0]["next_attempt_at"]
    # One read for the webhooks and one for the deliveries of all of them.
    assert result.task("info").calls == [LIST, ("GET", "/apps/acme-web/webhook-deliveries")]
    # The newest first, in one page, as the Heroku CLI asks for them.
    assert result.task("info").requests[1]["range"] == "seq ..; order=desc, max=1000"

    one = result.task("one")["heroku_webhook_info"]
    assert [item["id"] for item in one] == [good["id"]] and one[0]["deliveries"] is None
    assert len(result.task("one").requests) == 1
    assert result.task("none")["heroku_webhook_info"] == []
    assert result.task("no app")["msg"] == "App acme-nope was not found."
    for name in ("info", "one", "none"):
        assert result.task(name).status == "ok" and result.task(name).writes == []


def test_bad_input_fails_before_any_request(sim, run_playbook):
    sim.seed_app("acme-web")
    include = ["api:release"]
    records = fails_before_any_request(run_playbook, [
        (webhook(include=["api:release", "api:nope"]), "include: 'api:nope' is not a Heroku webhook event type: use "
                                                       "api:addon-attachment, api:addon, api:app"),
        (webhook(include=[]), "include is empty"),
        (webhook(), "include is required with state=present"),
        (webhook(url="http://deploys.example.com/heroku", include=include),
         "url='http://deploys.example.com/heroku' is not an https:// URL"),
        (webhook(url="https://user:pa55word@deploys.example.com/", include=include), "url must not hold credentials"),
        (webhook(url="deploys.example.com", include=include), "is not an https:// URL"),
        (webhook(new_url="https://x.example.com/a b", include=include), "new_url='https://x.example.com/a b' is not"),
        (webhook(level="often", include=include), "level must be one of: notify, sync"),
        (webhook(app="Acme_Web", include=include), "app='Acme_Web' is not a valid app name"),
        (info(app="../account"), "app='../account' is not a valid app name"),
    ])
    # The message does not repeat the credentials (Ansible's own echo of the arguments is another matter).
    assert "pa55word" not in records[4]["msg"]


@pytest.mark.both_paths
def test_secrets_never_reach_the_output_at_vvvv_with_diff_and_api_errors_name_the_request(sim, run_playbook):
    sim.seed_app("acme-web")
    secrets = dict(secret=SECRET, authorization=AUTHORIZATION)
    plan = Playbook(run_playbook)
    created = plan.task(webhook(include=["api:release"], **secrets), label="create", status="changed")
    plan.task(webhook(include=["api:release"], update_secret="always", secret=ROTATED, authorization=AUTHORIZATION),
              label="rotate", status="changed")
    plan.task(webhook(include=["api:release"], update_secret="always", **secrets), label="rotate in check mode",
              status="changed", check_mode=True)
    # A failure does not show them either.
    plan.checkpoint(lambda: sim.inject_fault(method="PATCH", path=r"/webhooks/", status=422,
                                             message="Webhook is invalid."))
    failing = plan.task(webhook(include=["api:app"], update_secret="always", **secrets), label="failing",
                        ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)
    assert result.rc == 0, result.stdout
    assert created["heroku_webhook"]["secret_sent"] is True
    assert failing.status == "failed" and failing["changed"] is False
    assert failing["msg"].startswith("PATCH /apps/acme-web/webhooks/%s failed (422 invalid_params): Webhook is invalid."
                                     % created["heroku_webhook"]["id"])
    assert "[request-id " in failing["msg"] and failing["failure"]["request_id"]
    for secret in (SECRET, ROTATED, AUTHORIZATION, "planted-Auth-token", "test-api-key"):
        assert secret not in result.stdout
        assert secret not in repr(result.results)
    assert stored(sim)[0]["secret"] == ROTATED
