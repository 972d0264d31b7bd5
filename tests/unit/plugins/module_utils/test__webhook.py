# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The webhook spec through the converge runner, on an app's webhooks in memory: what is sent when, given that
Heroku never returns a webhook's secret or authorization."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._webhook import EVENT_TYPES, HEROKU_WEBHOOK_INFO, WEBHOOK
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError,
    HerokuError,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge, failure, read_info

URL = "https://hooks.example.com/heroku"
HOOK = dict(id="h-1", app=dict(id="a-1", name="acme-web"), url=URL, include=["api:release", "api:app"], level="notify",
            created_at="2026-11-30T00:00:00Z", updated_at="2026-11-30T00:00:00Z")


class Hooks:
    """An app's webhooks; answers as Heroku does, without secret or authorization."""

    def __init__(self, hooks=(), app_exists=True, deliveries=()):
        self.hooks = [copy.deepcopy(hook) for hook in hooks]
        self.app_exists = app_exists
        self.deliveries = list(deliveries)
        self.sent = []
        self.writes_sent = 0

    def list_or_none(self, path):
        self.sent.append(("GET", path))
        return copy.deepcopy(self.hooks) if self.app_exists else None

    def list(self, path, **options):
        # Only the app's deliveries are read this way; the Range the client would send is in ``options``.
        self.sent.append(("GET", path, options))
        return copy.deepcopy(self.deliveries)

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        self.writes_sent += 1
        hook = dict(HOOK, id="h-new", url=body["url"], include=body["include"], level=body["level"])
        self.hooks.append(hook)
        return copy.deepcopy(hook)

    def patch(self, path, body):
        self.sent.append(("PATCH", path, body))
        self.writes_sent += 1
        hook = next(hook for hook in self.hooks if path.endswith("/" + hook["id"]))
        hook.update((key, value) for key, value in body.items() if key not in ("secret", "authorization"))
        return copy.deepcopy(hook)

    def request(self, method, path, body=None):
        # The runner sends its writes as (method, path, body), as HerokuClient.request takes them.
        return getattr(self, method.lower())(path, body) if body is not None else getattr(self, method.lower())(path)

    def delete(self, path):
        self.sent.append(("DELETE", path))
        self.writes_sent += 1


def run(params, hooks=(), check_mode=False, app_exists=True):
    full = dict(app="acme-web", url=URL, new_url=None, include=["api:app", "api:release"], level="notify", secret=None,
                authorization=None, update_secret="on_create", state="present")
    full.update(params)
    client = Hooks(hooks, app_exists)
    task = Task(params=full, connect=lambda: client, check_mode=check_mode, diff=True)
    try:
        return converge(WEBHOOK, task), client.sent
    except HerokuError as exc:
        return dict(failure(exc, task), failed=True), client.sent


LIST = ("GET", "/apps/acme-web/webhooks")
PATCH = "/apps/acme-web/webhooks/h-1"

# (what, params, existing webhooks, the requests sent, changed, secret_sent)
TABLE = [
    ("create sends the secrets with the webhook, in one POST, whatever update_secret says",
     dict(secret="s3", authorization="Bearer t", update_secret="always"), [],
     [LIST, ("POST", "/apps/acme-web/webhooks",
             dict(url=URL, include=["api:app", "api:release"], level="notify", secret="s3", authorization="Bearer t"))],
     True, True),
    ("the same webhook with the event types in another order is no change",
     dict(include=["api:release", "api:app", "api:app"], secret="s3"), [HOOK], [LIST], False, False),
    ("on_create never sends the secret to an existing webhook",
     dict(level="sync", secret="s3"), [HOOK], [LIST, ("PATCH", PATCH, dict(level="sync"))], True, False),
    ("always sends the secrets in the one PATCH of the other changes",
     dict(level="sync", secret="s3", update_secret="always"), [HOOK],
     [LIST, ("PATCH", PATCH, dict(level="sync", secret="s3"))], True, True),
    ("always sends them even when nothing else changes",
     dict(secret="s3", authorization="Bearer t", update_secret="always"), [HOOK],
     [LIST, ("PATCH", PATCH, dict(secret="s3", authorization="Bearer t"))], True, True),
    ("always with no secret given has nothing to send",
     dict(update_secret="always"), [HOOK], [LIST], False, False),
    ("a new URL is one PATCH of the webhook found at the old one",
     dict(new_url="https://new.example.com/h"), [HOOK], [LIST, ("PATCH", PATCH, dict(url="https://new.example.com/h"))],
     True, False),
    ("a new URL an earlier run made is no change",
     dict(new_url=URL, url="https://old.example.com/h"), [HOOK], [LIST], False, False),
    ("absent deletes by id", dict(state="absent", include=None), [HOOK], [LIST, ("DELETE", PATCH)], True, None),
    ("absent of a webhook that is not there is one read", dict(state="absent"), [], [LIST], False, None),
]


@pytest.mark.parametrize("what, params, existing, sent, changed, secret_sent", TABLE, ids=[row[0] for row in TABLE])
def test_converge(what, params, existing, sent, changed, secret_sent):
    result, requests = run(params, existing)
    assert requests == sent
    assert result["changed"] is changed
    assert result["heroku_webhook"].get("secret_sent") is secret_sent
    assert "secret" not in result["heroku_webhook"] and "authorization" not in result["heroku_webhook"]


@pytest.mark.parametrize("existing", [[], [HOOK]])
def test_check_mode_predicts_the_same_and_sends_only_the_read(existing):
    params = dict(level="sync", secret="s3", authorization="Bearer t", update_secret="always")
    predicted, requests = run(params, existing, check_mode=True)
    real, _requests = run(params, existing)
    assert requests == [LIST]
    assert predicted["changed"] is real["changed"] is True
    assert set(predicted["heroku_webhook"]) == set(real["heroku_webhook"])
    assert predicted["heroku_webhook"]["secret_sent"] is predicted["heroku_webhook"]["authorization_sent"] is True
    # The diff says what is sent, masked; never the values.
    assert "s3" not in repr(predicted) and "Bearer t" not in repr(predicted)


def test_a_missing_app_fails_for_present_and_is_absent_already_for_absent():
    result, requests = run({}, app_exists=False)
    assert result["failed"] and result["msg"].startswith("App acme-web was not found") and requests == [LIST]
    result, _requests = run(dict(state="absent"), app_exists=False)
    assert result == {"changed": False, "heroku_webhook": {}, "diff": {"before": {}, "after": {}}}


def test_two_webhooks_with_the_url_are_reported_not_guessed():
    result, requests = run(dict(level="sync"), hooks=[HOOK, dict(HOOK, id="h-2")])
    assert result["failed"] and result["msg"].startswith("App acme-web has 2 webhooks with url %s (h-1, h-2)" % URL)
    assert requests == [LIST]


def test_api_errors_pass_through_the_look_up():
    class Failing(Hooks):
        def list_or_none(self, path):
            raise HerokuAPIError("GET", path, 503, "unavailable", "Try again.", request_id="r-1")

    task = Task(params=dict(app="acme-web", url=URL, new_url=None, include=["api:app"], level="notify", secret=None,
                            authorization=None, update_secret="on_create", state="present"), connect=Failing)
    with pytest.raises(HerokuAPIError, match=r"\[request-id r-1\]"):
        converge(WEBHOOK, task)


ALL_TYPES = ", ".join(EVENT_TYPES)
# (params, the failure's message): include is checked before any request, naming the option and what it takes.
INPUT_TABLE = [
    (dict(include=None), "include is required with state=present: name the event types to send, such as "
                         "[api:release, api:formation]."),
    (dict(include=[]), "include is empty: name at least one Heroku webhook event type (any of %s)." % ALL_TYPES),
    (dict(include=[], state="absent"), "include is empty: name at least one Heroku webhook event type (any of %s)."
     % ALL_TYPES),
    (dict(include=["api:release", "api:nope"]), "include: 'api:nope' is not a Heroku webhook event type: use %s."
     % ALL_TYPES),
    (dict(include=["release", "api:app", "app"]), "include: 'release', 'app' are not a Heroku webhook event type: use %s."
     % ALL_TYPES),
]


@pytest.mark.parametrize("params, message", INPUT_TABLE)
def test_include_is_checked_before_any_request(params, message):
    result, requests = run(params, [HOOK])
    assert result["failed"] and result["msg"] == message and requests == []


WEBHOOK_2 = dict(HOOK, id="h-2", url="https://other.example.com/h", include=["api:app"])
ATTEMPT = dict(id="at-1", code=500, status="failed", error_class="ServerError", created_at="2026-12-01T00:00:01Z",
               updated_at="2026-12-01T00:00:02Z")
DELIVERIES = [
    dict(id="d-2", webhook=dict(id="h-1", level="notify"), event=dict(id="e-2", include="api:release"), status="retrying",
         num_attempts=1, next_attempt_at="2026-12-01T00:05:00Z", last_attempt=ATTEMPT,
         created_at="2026-12-01T00:00:00Z", updated_at="2026-12-01T00:00:02Z"),
    dict(id="d-1", webhook=dict(id="h-2", level="notify"), event=dict(id="e-1", include="api:app"), status="pending",
         num_attempts=0, next_attempt_at=None, last_attempt=None,
         created_at="2026-11-30T00:00:00Z", updated_at="2026-11-30T00:00:00Z"),
]
DELIVERIES_READ = ("GET", "/apps/acme-web/webhook-deliveries", dict(range_field="seq", descending=True, limit=1000))


def info(params, hooks=(HOOK, WEBHOOK_2)):
    client = Hooks(hooks, deliveries=DELIVERIES)
    result = read_info(HEROKU_WEBHOOK_INFO.spec, Task(params=dict(dict(app="acme-web", url=None, deliveries=False),
                                                                  **params), connect=lambda: client))
    return result["heroku_webhook_info"], client.sent


def test_info_attaches_each_webhooks_deliveries_from_one_read_of_the_newest_thousand():
    items, requests = info(dict(deliveries=True))
    assert requests == [LIST, DELIVERIES_READ]
    assert [item["id"] for item in items] == ["h-1", "h-2"]
    assert items[0]["include"] == ["api:app", "api:release"]
    assert items[0]["deliveries"] == [dict(
        id="d-2", event="api:release", event_id="e-2", status="retrying", num_attempts=1,
        next_attempt_at="2026-12-01T00:05:00Z", created_at="2026-12-01T00:00:00Z", updated_at="2026-12-01T00:00:02Z",
        last_attempt=dict(code=500, status="failed", error_class="ServerError", created_at="2026-12-01T00:00:01Z"))]
    assert [(delivery["id"], delivery["last_attempt"]) for delivery in items[1]["deliveries"]] == [("d-1", None)]


@pytest.mark.parametrize("params, ids, deliveries", [
    (dict(url=URL), ["h-1"], None),
    (dict(url=URL, deliveries=True), ["h-1"], ["d-2"]),
    # An unknown URL is no failure: no webhook has it.
    (dict(url="https://nope.example.com/"), [], None),
])
def test_info_picks_a_webhook_by_its_url(params, ids, deliveries):
    items, requests = info(params)
    assert [item["id"] for item in items] == ids
    assert requests == [LIST] + ([DELIVERIES_READ] if params.get("deliveries") else [])
    if items:
        assert (items[0]["deliveries"] if deliveries is None else [item["id"] for item in items[0]["deliveries"]]) == deliveries
