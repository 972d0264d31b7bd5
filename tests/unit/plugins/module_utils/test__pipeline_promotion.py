# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline_promotion's decisions: what a target's status is from the promotion's word and its release's,
what a run promotes, awaits or skips, what it waits for and names when time runs out, and what it rolls back."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._pipeline_promotion import (
    PROMOTION, plan, report, settle, target_outcome)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError, HerokuInputError, HerokuWaitTimeout)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input

SLUG, OLD_SLUG = "slug-new", "slug-old"


def release(version, status="succeeded", slug=SLUG, ident=None):
    return {"id": ident or "rel-%s" % version, "version": version, "status": status, "slug": {"id": slug}}


def target(name, latest, running):
    return dict(name=name, id="id-" + name, latest=latest, running=running)


def params(**options):
    return dict(dict(pipeline="shop", source="shop-staging", targets=None, wait=True, wait_timeout=0,
                     rollback_on_failure=False), **options)


# (promotion's word on the target, its release's status, expected status)
OUTCOMES = [
    ("succeeded", "succeeded", "succeeded"),
    ("succeeded", "pending", "pending"),       # a completed promotion whose target's release phase still runs
    ("pending", "pending", "pending"),
    ("succeeded", "failed", "failed"),
    ("failed", "failed", "failed"),
    ("failed", None, "failed"),
    (None, "succeeded", "succeeded"),          # an awaited release: no promotion of this run speaks of it
    (None, "failed", "failed"),
    (None, None, "pending"),                   # promoted without waiting
]


@pytest.mark.parametrize("word, release_status, expected", OUTCOMES)
def test_a_target_succeeds_only_once_its_release_has(word, release_status, expected):
    record = {"status": word, "error_message": "Nope." if word == "failed" else None} if word else None
    rel = release(7, release_status) if release_status else None
    outcome = target_outcome("shop-web", record, rel)
    assert outcome["status"] == expected
    assert outcome["failed_release"] == (dict(id="rel-7", version=7, status="failed") if release_status == "failed" else None)
    if word == "failed":
        assert outcome["error_message"] == "Nope."
    elif release_status == "failed":
        assert outcome["error_message"] == "release v7 failed; the app keeps running its previous release."
    else:
        assert outcome["error_message"] is None


def test_plan_promotes_what_differs_or_failed_awaits_what_is_under_way_and_skips_the_rest():
    state = dict(release=release(12), pipeline={"id": "pipe"}, source={"app": {"id": "id-shop-staging"}}, targets=[
        target("differs", release(3, slug=OLD_SLUG), release(3, slug=OLD_SLUG)),
        target("failed", release(5, "failed"), release(4, slug=OLD_SLUG)),
        target("under-way", release(6, "pending"), release(5, slug=OLD_SLUG)),
        target("done", release(8), release(8)),
    ])
    decided = plan(state, params())
    assert decided.changed is True
    assert [t["name"] for t in decided.work["to_promote"]] == ["differs", "failed"]
    assert [t["name"] for t in decided.work["in_flight"]] == ["under-way"]
    assert decided.work["skipped"] == ["done"]
    # One promotion of every target to promote.
    assert [tuple(sent) for sent in decided.requests] == [("POST", "/pipeline-promotions", {
        "pipeline": {"id": "pipe"}, "source": {"app": {"id": "id-shop-staging"}},
        "targets": [{"app": {"id": "id-differs"}}, {"app": {"id": "id-failed"}}]})]
    # Before: the slug each app runs, not the failed release's.
    assert decided.diff == (dict(slugs=dict(differs=OLD_SLUG, failed=OLD_SLUG)), dict(slugs=dict(differs=SLUG, failed=SLUG)))


def test_rollback_on_failure_needs_wait():
    with pytest.raises(HerokuInputError) as raised:
        check_input(PROMOTION, params(rollback_on_failure=True, wait=False))
    assert raised.value.option == "rollback_on_failure"
    assert str(raised.value).startswith("rollback_on_failure needs wait=true")
    check_input(PROMOTION, params(rollback_on_failure=True))


class FakeClient:
    """Answers scripted per (method, path): each answer once, the last one for good; an exception is raised."""

    def __init__(self, answers):
        self.answers = dict((key, list(value)) for key, value in answers.items())
        self.sent = []

    def _answer(self, method, path, body=None):
        self.sent.append((method, path, body))
        queue = self.answers[(method, path)]
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    def get(self, path):
        return self._answer("GET", path)

    def list(self, path, **_options):
        return self._answer("GET", path)

    def post(self, path, body=None):
        return self._answer("POST", path, body)


def promoted(*targets):
    state = dict(release=release(12), pipeline={"id": "pipe"}, source={"app": {"id": "id-shop-staging"}},
                 targets=list(targets))
    return state, plan(state, params())


def test_a_timeout_while_the_promotion_is_pending_names_the_pending_release():
    state, decided = promoted(target("shop-web", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)))
    client = FakeClient({
        ("GET", "/pipeline-promotions/p1"): [{"id": "p1", "status": "pending"}],
        ("GET", "/pipeline-promotions/p1/promotion-targets"): [[
            {"app": {"id": "id-shop-web"}, "status": "pending", "release": {"id": "rel-3"}}]],
        ("GET", "/apps/id-shop-web/releases/rel-3"): [release(3, "pending")],
    })
    with pytest.raises(HerokuWaitTimeout) as raised:
        settle(client, state, decided, [{"id": "p1", "status": "pending"}], params())
    assert raised.value.last_state == "promotion pending, shop-web release v3 pending"


def test_a_completed_promotion_waits_for_its_targets_release_phase(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    state, decided = promoted(target("shop-web", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)))
    client = FakeClient({
        ("GET", "/pipeline-promotions/p1"): [{"id": "p1", "status": "completed"}],
        ("GET", "/pipeline-promotions/p1/promotion-targets"): [[
            {"app": {"id": "id-shop-web"}, "status": "succeeded", "error_message": None, "release": {"id": "rel-3"}}]],
        ("GET", "/apps/id-shop-web/releases/rel-3"): [release(3, "pending"), release(3, "pending"), release(3)],
    })
    # Heroku may answer the creation completed already: its targets are read all the same.
    outcome = settle(client, state, decided, [{"id": "p1", "status": "completed"}], params(wait_timeout=60))
    assert [path for _method, path, _body in client.sent].count("/apps/id-shop-web/releases/rel-3") == 3
    assert "/pipeline-promotions/p1" not in [path for _method, path, _body in client.sent]
    payload, problem = report(state, decided, outcome, params(), check_mode=False)
    assert problem is None and statuses_of(payload) == [("shop-web", "succeeded")]


def statuses_of(payload):
    return [(t["app"], t["status"]) for t in payload["targets"]]


def test_failed_targets_are_rolled_back_to_the_release_they_ran_and_the_message_says_so():
    state, decided = promoted(target("shop-web", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)),
                              target("shop-api", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)),
                              target("shop-new", release(1, "failed", slug=None), None),
                              target("shop-locked", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)))
    targets = [{"app": {"id": "id-" + name}, "status": "failed" if name != "shop-api" else "succeeded",
                "error_message": None, "release": {"id": "new-" + name}}
               for name in ("shop-web", "shop-api", "shop-new", "shop-locked")]
    locked = HerokuAPIError("POST", "/apps/id-shop-locked/releases", 423, "locked", "App is locked.", request_id="req-1")
    client = FakeClient({
        ("GET", "/pipeline-promotions/p1"): [{"id": "p1", "status": "completed"}],
        ("GET", "/pipeline-promotions/p1/promotion-targets"): [targets],
        ("GET", "/apps/id-shop-web/releases/new-shop-web"): [release(3, "failed", ident="new-shop-web")],
        ("GET", "/apps/id-shop-api/releases/new-shop-api"): [release(3, ident="new-shop-api")],
        ("GET", "/apps/id-shop-new/releases/new-shop-new"): [release(2, "failed", ident="new-shop-new")],
        ("GET", "/apps/id-shop-locked/releases/new-shop-locked"): [release(3, "failed", ident="new-shop-locked")],
        ("POST", "/apps/id-shop-web/releases"): [release(4, "pending", slug=OLD_SLUG, ident="back")],
        ("GET", "/apps/id-shop-web/releases/back"): [release(4, slug=OLD_SLUG, ident="back")],
        ("POST", "/apps/id-shop-locked/releases"): [locked],
    })
    options = params(rollback_on_failure=True, wait_timeout=5)
    outcome = settle(client, state, decided, [{"id": "p1", "status": "pending"}], options)
    posts = [(path, body) for method, path, body in client.sent if method == "POST"]
    assert posts == [("/apps/id-shop-web/releases", {"release": "rel-2"}),
                     ("/apps/id-shop-locked/releases", {"release": "rel-2"})]

    payload, problem = report(state, decided, outcome, options, check_mode=False)
    by_app = dict((t["app"], t) for t in payload["targets"])
    assert by_app["shop-web"]["rolled_back_to"] == dict(id="rel-2", version=2, status="succeeded", release_version=4)
    assert by_app["shop-api"]["status"] == "succeeded" and by_app["shop-api"]["rolled_back_to"] is None
    assert by_app["shop-new"]["rolled_back_to"] is None and by_app["shop-locked"]["rolled_back_to"] is None
    assert problem.startswith("Promotion from shop-staging failed for shop-web: release v3 failed; ")
    assert problem.endswith(
        "shop-web was rolled back to v2 (release v4, succeeded). "
        "shop-new could not be rolled back: it ran no release before that succeeded. "
        "shop-locked could not be rolled back: %s" % locked)


def test_check_mode_reports_what_would_be_promoted_and_what_is_awaited():
    state, decided = promoted(target("shop-web", release(2, slug=OLD_SLUG), release(2, slug=OLD_SLUG)),
                              target("shop-api", release(3, "pending"), release(2, slug=OLD_SLUG)))
    payload, problem = report(state, decided, None, params(rollback_on_failure=True), check_mode=True)
    assert problem is None and payload["awaited"] == ["shop-api"]
    assert [(t["app"], t["status"], t["rolled_back_to"]) for t in payload["targets"]] == [
        ("shop-web", None, None), ("shop-api", "pending", None)]


@pytest.mark.parametrize("targets, message", [
    (["shop-web", "shop-staging"], "targets names the source shop-staging: an app cannot be promoted to itself."),
    ([], "targets is empty: name the apps to promote to"),
    (["shop-web", "shop-web"], "targets names an app twice: list each target once."),
])
def test_targets_are_checked_before_any_request(targets, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(PROMOTION, params(targets=targets))
    assert str(raised.value).startswith(message) and raised.value.option == "targets"
