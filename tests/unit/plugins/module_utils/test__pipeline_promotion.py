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
    HerokuAPIError, HerokuInputError, HerokuStateError, HerokuWaitTimeout)
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
    assert [(sent.method, sent.path, sent.body) for sent in decided.requests] == [("POST", "/pipeline-promotions", {
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


# -- a chosen release, generations, promoted release ids ------------------------------------------------------

PIPE = {"id": "pipe", "name": "shop"}


class ReadingClient(FakeClient):
    """FakeClient whose get_or_none answers None where nothing is scripted (Heroku's 404)."""

    def get_or_none(self, path):
        if ("GET", path) not in self.answers:
            self.sent.append(("GET", path, None))
            return None
        return self._answer("GET", path)


def app(name, generation="cedar"):
    return {"id": "id-" + name, "name": name, "generation": {"id": "g-" + generation, "name": generation}}


def coupled(name, stage):
    return {"app": {"id": "id-" + name}, "pipeline": {"id": "pipe"}, "stage": stage}


def shop_answers(staging_releases, web_latest, generations=("cedar", "cedar")):
    """shop-staging (newest release first) promoting to shop-web, named as target; each app's generation."""
    return {
        ("GET", "/pipelines/shop"): [PIPE],
        ("GET", "/apps/shop-staging/pipeline-couplings"): [coupled("shop-staging", "staging")],
        ("GET", "/apps/shop-web/pipeline-couplings"): [coupled("shop-web", "production")],
        ("GET", "/apps/shop-staging/releases"): [staging_releases],
        ("GET", "/apps/shop-web/releases"): [[web_latest]],
        ("GET", "/apps/shop-staging"): [app("shop-staging", generations[0])],
        ("GET", "/apps/id-shop-web"): [app("shop-web", generations[1])],
    }


READS = [("GET", "/pipelines/shop", None), ("GET", "/apps/shop-staging/pipeline-couplings", None),
         ("GET", "/apps/shop-web/pipeline-couplings", None), ("GET", "/apps/shop-staging/releases", None),
         ("GET", "/apps/shop-web/releases", None)]
GENERATION_READS = [("GET", "/apps/shop-staging", None), ("GET", "/apps/id-shop-web", None)]
# shop-staging: v12 (slug-new, its newest) and v11 (slug-old), both succeeded.
STAGING = [release(12, ident="rel-12"), release(11, slug=OLD_SLUG, ident="rel-11")]


def run_read(answers, **options):
    client = ReadingClient(answers)
    state = PROMOTION.read(client, params(targets=["shop-web"], **options))
    return client, state


@pytest.mark.parametrize("value", ["12", "v12", 12, "01234567-89ab-cdef-0123-456789ABCDEF"])
def test_a_release_is_a_version_or_an_id(value):
    check_input(PROMOTION, params(release=value))


@pytest.mark.parametrize("value", ["0", "v", "twelve", "12.1", "../v12", True, 1.5, ["12"], "01234567-89ab"])
def test_any_other_release_is_refused_before_any_request(value):
    with pytest.raises(HerokuInputError) as raised:
        check_input(PROMOTION, params(release=value))
    assert raised.value.option == "release"
    assert str(raised.value).startswith("release must be the version of a release of the source app (12 or v12) or its id")


def test_a_version_among_the_latest_releases_is_promoted_with_no_extra_read_and_its_id_is_sent():
    client, state = run_read(shop_answers(STAGING, release(4, slug="slug-web")), release="v11")
    assert state["release"]["id"] == "rel-11"
    # Something to promote: the generations are read, one request each, and they match.
    assert client.sent == READS + GENERATION_READS
    decided = plan(state, params(targets=["shop-web"], release="v11"))
    assert [(sent.method, sent.path, sent.body) for sent in decided.requests] == [("POST", "/pipeline-promotions", {
        "pipeline": {"id": "pipe"}, "source": {"app": {"id": "id-shop-staging"}, "release": {"id": "rel-11"}},
        "targets": [{"app": {"id": "id-shop-web"}}]})]
    assert decided.diff[1] == dict(slugs={"shop-web": OLD_SLUG})


def test_a_target_already_on_the_chosen_release_is_skipped_with_reads_only_and_no_generation_read():
    client, state = run_read(shop_answers(STAGING, release(5, slug=OLD_SLUG)), release=11)
    assert client.sent == READS
    decided = plan(state, params(targets=["shop-web"], release=11))
    assert decided.changed is False and decided.work["skipped"] == ["shop-web"] and decided.requests == ()


def test_an_older_version_or_an_id_is_read_once():
    answers = shop_answers(STAGING, release(4, slug="slug-web"))
    answers[("GET", "/apps/shop-staging/releases/3")] = [dict(release(3, slug="slug-3", ident="rel-3"),
                                                              app={"id": "id-shop-staging"})]
    client, state = run_read(answers, release="3")
    assert state["release"]["id"] == "rel-3"
    assert client.sent == READS[:4] + [("GET", "/apps/shop-staging/releases/3", None)] + READS[4:] + GENERATION_READS


@pytest.mark.parametrize("value, extra_read", [
    ("13", None),     # newer than the latest: Heroku has no such release, no read needed
    ("2", "/apps/shop-staging/releases/2"),
    ("01234567-89ab-cdef-0123-456789abcdef", "/apps/shop-staging/releases/01234567-89ab-cdef-0123-456789abcdef"),
])
def test_a_release_the_source_does_not_have_fails_naming_the_option_and_the_source(value, extra_read):
    client = ReadingClient(shop_answers(STAGING, release(4, slug="slug-web")))
    with pytest.raises(HerokuStateError) as raised:
        PROMOTION.read(client, params(targets=["shop-web"], release=value))
    assert str(raised.value) == "release %s is not a release of the source app shop-staging." % value
    assert client.sent == READS[:4] + ([("GET", extra_read, None)] if extra_read else [])


def test_another_app_s_release_and_a_release_that_did_not_succeed_are_refused():
    answers = shop_answers([release(12, "failed", ident="rel-12")] + STAGING[1:], release(4, slug="slug-web"))
    answers[("GET", "/apps/shop-staging/releases/rel-x")] = [dict(release(9, ident="rel-x"), app={"id": "id-shop-web"})]
    with pytest.raises(HerokuStateError, match="release rel-x is not a release of the source app shop-staging"):
        PROMOTION.read(ReadingClient(answers), params(targets=["shop-web"], release="rel-x"))
    with pytest.raises(HerokuStateError) as raised:
        PROMOTION.read(ReadingClient(answers), params(targets=["shop-web"], release="v12"))
    assert str(raised.value) == ("release v12 (v12) of the source app shop-staging is failed: promote a release "
                                 "that succeeded.")


@pytest.mark.parametrize("generations", [("cedar", "fir"), ("fir", "cedar")])
def test_a_promotion_between_generations_fails_before_any_write_naming_the_apps_and_generations(generations):
    client = ReadingClient(shop_answers(STAGING, release(4, slug="slug-web"), generations))
    with pytest.raises(HerokuStateError) as raised:
        PROMOTION.read(client, params(targets=["shop-web"]))
    source, target = (generation.capitalize() for generation in generations)
    assert str(raised.value) == (
        "Cannot promote from shop-staging, a %s app, to shop-web, a %s app: a promotion moves a release between apps "
        "of the same generation (a Cedar slug does not run on Fir, nor a Fir OCI image on Cedar)." % (source, target))
    assert client.sent == READS + GENERATION_READS


def test_a_fir_release_s_oci_image_is_what_is_compared_and_returned():
    fir = {"id": "rel-fir", "version": 3, "status": "succeeded", "slug": None,
           "artifacts": [{"type": "oci-image", "id": "image-3"}]}
    client, state = run_read(shop_answers([fir], dict(fir, id="rel-web", version=8), ("fir", "fir")), release="v3")
    assert client.sent == READS  # the target runs that image already: nothing to promote, no generation read
    decided = plan(state, params(targets=["shop-web"], release="v3"))
    assert decided.changed is False
    payload, _problem = report(state, decided, None, params(release="v3"), False)
    assert payload["source"] == dict(app="shop-staging", release_version=3, slug_id=None, release_id="rel-fir",
                                     oci_image="image-3")
    assert payload["promoted_release_ids"] == {}


def test_the_promoted_release_ids_are_the_promotion_targets_releases():
    state, decided = promoted(target("shop-web", release(3, slug=OLD_SLUG), release(3, slug=OLD_SLUG)),
                              target("shop-api", release(6, "pending"), release(5, slug=OLD_SLUG)))
    client = FakeClient({
        ("GET", "/pipeline-promotions/promo"): [{"id": "promo", "status": "completed"}],
        ("GET", "/pipeline-promotions/promo/promotion-targets"): [[
            {"app": {"id": "id-shop-web"}, "status": "succeeded", "release": {"id": "rel-web-4"}}]],
        ("GET", "/apps/id-shop-web/releases/rel-web-4"): [release(4, ident="rel-web-4")],
        ("GET", "/apps/id-shop-api/releases/rel-6"): [release(6, ident="rel-6")],
    })
    outcome = settle(client, state, decided, [{"id": "promo", "status": "pending"}], params())
    payload, problem = report(state, decided, outcome, params(), False)
    assert problem is None
    assert payload["promoted_release_ids"] == {"shop-api": "rel-6", "shop-web": "rel-web-4"}
    payload, _problem = report(state, decided, None, params(), True)
    assert payload["promoted_release_ids"] == {}
