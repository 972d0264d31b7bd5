# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline_promotion through real ansible-playbook runs against the simulator.

Each test is one ansible-playbook run of many tasks: keep them few."""

import re
import threading
import time

import pytest

from converge import Playbook, assert_writes, in_any_order
from sim_api import API_KEY, api

PROMOTION = ("POST", "/pipeline-promotions")
RELEASE_POLL = re.compile(r"/apps/[^/]+/releases/[^/]+")
WITH_A_RELEASE_PHASE = {"web": "npm start", "release": "node migrate.js"}


def promote(**args):
    return {"name": "promote", "herokuops.platform.heroku_pipeline_promotion": dict(dict(pipeline="shop", source="shop-staging"), **args)}


def promotion(sim, *targets, release=None):
    """The write of a promotion from shop-staging to ``targets`` (in any order): Heroku takes the pipeline and the
    apps by id, and a chosen release (``release``) by its id."""
    def app_id(name):
        return {"id": api(sim, "GET", "/apps/" + name)[1]["id"]}
    source = dict({"app": app_id("shop-staging")}, **({"release": {"id": release}} if release else {}))
    return ("POST", "/pipeline-promotions", {"pipeline": {"id": api(sim, "GET", "/pipelines/shop")[1]["id"]},
                                             "source": source,
                                             "targets": in_any_order([{"app": app_id(name)} for name in targets])})


def current_slug(sim, app):
    """The slug of the app's latest release (not necessarily the one it runs: see ``releases``)."""
    latest = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=1"})[1][0]
    return latest["slug"]["id"]


def releases(sim, app):
    """The app's releases, newest first: (version, status, current, slug id). A seeded app's v1 has no slug."""
    listed = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc"})[1]
    return [(item["version"], item["status"], item["current"], (item["slug"] or {}).get("id")) for item in listed]


def statuses(outcome):
    return sorted((target["app"], target["status"]) for target in outcome["targets"])


def is_write(record, expected):
    method, path = expected
    return record["method"] == method and (re.fullmatch(path, record["path"]) if isinstance(path, re.Pattern)
                                           else record["path"] == path)


def unfreeze_once_a_release_is_polled(sim):
    """Let the frozen promotion end only after the module has seen its releases pending and started
    waiting on them: the run must wait, not find the promotion already over. Only requests sent after
    this call count (call it from a checkpoint just before the task that must wait)."""
    since = len(sim.requests)

    def watch():
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                request["method"] == "GET" and RELEASE_POLL.fullmatch(request["path"])
                for request in sim.requests[since:]):
            time.sleep(0.05)
        sim.freeze_async(False)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def start_promotion(sim, *targets):
    """A promotion from shop-staging sent straight to the simulator, as another run would have."""
    app_id = dict((name, api(sim, "GET", "/apps/" + name)[1]["id"]) for name in ("shop-staging",) + targets)
    status = api(sim, "POST", "/pipeline-promotions", {
        "pipeline": {"id": api(sim, "GET", "/pipelines/shop")[1]["id"]},
        "source": {"app": {"id": app_id["shop-staging"]}},
        "targets": [{"app": {"id": app_id[name]}} for name in targets]})[0]
    assert status == 201


def shop_pipeline(sim, run_playbook, staging_process_types):
    sim.seed_app("shop-staging", process_types=staging_process_types)
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    sim.seed_app("shop-api", process_types={"web": "npm start"})
    plan = Playbook(run_playbook)
    plan.task({"name": "pipeline", "herokuops.platform.heroku_pipeline": {
        "name": "shop", "stages": {"staging": ["shop-staging"], "production": ["shop-web", "shop-api"]}}},
        status="changed")
    return plan


@pytest.fixture
def shop(sim, run_playbook):
    """A Playbook whose first task makes the pipeline shop (staging: shop-staging; production: shop-web, shop-api)
    and must report it changed; the test adds its steps after it."""
    return shop_pipeline(sim, run_playbook, {"web": "npm start", "worker": "node worker.js"})


@pytest.fixture
def migrating_shop(sim, run_playbook):
    """As ``shop``, but shop-staging's release has a release phase (a ``release`` process type), which runs on
    each target it is promoted to; the targets' own earlier releases have none."""
    return shop_pipeline(sim, run_playbook, WITH_A_RELEASE_PHASE)


CLEAR_FAILURES = [
    (dict(source="shop-web"), "promotes to no next stage"),
    (dict(targets=["shop-outsider"]), "App shop-outsider is not coupled to pipeline shop."),
    (dict(pipeline="nope"), "Pipeline nope was not found."),
]

BAD_INPUT = [
    (dict(rollback_on_failure=True, wait=False), "rollback_on_failure needs wait=true"),
    (dict(targets=["../account"]), "targets"),
]


@pytest.mark.both_paths
def test_promote_to_the_next_stage_in_check_mode_for_real_and_again_and_clear_failures(sim, shop):
    seen = {}

    def before():
        sim.seed_app("shop-outsider")
        seen["staging_slug"] = current_slug(sim, "shop-staging")
        seen["web_slug"] = current_slug(sim, "shop-web")

    shop.checkpoint(before)
    steps = shop.converge(promote(), writes=lambda: [promotion(sim, "shop-api", "shop-web")])
    for args, message in CLEAR_FAILURES:
        shop.fails(promote(**args), message, requests=True)
    for args, message in BAD_INPUT:
        shop.fails(promote(**args), message)
    shop.run()
    staging_slug = seen["staging_slug"]
    assert seen["web_slug"] != staging_slug

    record = steps.check
    assert sorted(t["app"] for t in record["heroku_pipeline_promotion"]["targets"]) == ["shop-api", "shop-web"]
    assert record["diff"]["after"]["slugs"] == {"shop-api": staging_slug, "shop-web": staging_slug}

    record = steps.real["heroku_pipeline_promotion"]
    assert record["status"] == "completed"
    assert statuses(record) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert all(t["failed_release"] is None and t["rolled_back_to"] is None for t in record["targets"])
    assert current_slug(sim, "shop-web") == current_slug(sim, "shop-api") == staging_slug

    record = steps.again["heroku_pipeline_promotion"]
    assert sorted(record["skipped"]) == ["shop-api", "shop-web"] and record["targets"] == []


def test_awaits_the_target_under_way_promotes_the_others_and_a_failed_release_is_promoted_again(sim, shop):
    seen = {}

    def under_way():
        sim.freeze_async(True)
        start_promotion(sim, "shop-web")
        seen["first"] = unfreeze_once_a_release_is_polled(sim)

    shop.checkpoint(under_way)
    mixed = shop.task(promote(), label="awaits one, promotes one", diff=True, status="changed")

    def both_under_way_one_failing():
        # Both targets run the staging slug now: releases of it that are pending are promotions under way.
        sim.freeze_async(True)
        sim.fail_promotion_target("shop-web")
        start_promotion(sim, "shop-web", "shop-api")
        seen["second"] = unfreeze_once_a_release_is_polled(sim)

    shop.checkpoint(both_under_way_one_failing)
    failed = shop.task(promote(), label="awaits a failure", ignore_errors=True, status="failed")
    # The failed release carries the source's slug, yet shop-web still runs its previous one.
    shop.checkpoint(lambda: sim.fail_promotion_target("shop-web", fail=False))
    again = shop.task(promote(), label="promotes again", status="changed")
    result = shop.run()
    seen["first"].join()
    seen["second"].join()

    outcome = mixed["heroku_pipeline_promotion"]
    assert_writes(mixed.writes, [promotion(sim, "shop-api")])  # shop-web's is under way: awaited
    assert outcome["awaited"] == ["shop-web"] and outcome["id"] and outcome["status"] == "completed"
    assert statuses(outcome) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert list(mixed["diff"]["after"]["slugs"]) == ["shop-api"]

    assert failed.writes == [], result.output
    assert failed["msg"].startswith("Promotion from shop-staging failed for shop-web: release v"), failed["msg"]
    assert statuses(failed["heroku_pipeline_promotion"]) == [("shop-api", "succeeded"), ("shop-web", "failed")]

    outcome = again["heroku_pipeline_promotion"]
    assert_writes(again.writes, [promotion(sim, "shop-web")])
    assert statuses(outcome) == [("shop-web", "succeeded")] and outcome["skipped"] == ["shop-api"]


def test_release_phases_failed_kept_or_rolled_back_waited_for_and_timed_out(sim, migrating_shop):
    """Run at -vvvv: the API key never shows, the API error included."""
    plan, seen = migrating_shop, {}

    def failing():
        seen["staging"] = current_slug(sim, "shop-staging")
        seen["api_before"] = releases(sim, "shop-api")
        sim.release_phase("shop-web", "fail")
        sim.inject_fault(method="POST", path=r"^/pipeline-promotions$", status=422, error_id="invalid_params",
                         message="Couldn't promote: the pipeline is locked.")

    plan.checkpoint(failing)
    refused = plan.task(promote(targets=["shop-web"]), label="refused", status="failed", ignore_errors=True)
    kept = plan.task(promote(targets=["shop-web"]), label="kept", status="failed", ignore_errors=True)
    plan.checkpoint(lambda: seen.update(kept=releases(sim, "shop-web")))
    checked = plan.task(promote(targets=["shop-web"], rollback_on_failure=True), label="check mode",
                        check_mode=True, diff=True, status="changed")
    rolled_back = plan.task(promote(targets=["shop-web"], rollback_on_failure=True), label="rolled back",
                            status="failed", ignore_errors=True)

    def frozen():
        seen["rolled_back"] = releases(sim, "shop-web")
        seen["api_untouched"] = releases(sim, "shop-api")
        sim.freeze_async(True)

    plan.checkpoint(frozen)
    pending = plan.converge(promote(targets=["shop-api"], wait=False), writes=lambda: [promotion(sim, "shop-api")])
    in_flight = plan.task(promote(targets=["shop-api"]), label="in flight", check_mode=True, diff=True, status="ok")
    plan.checkpoint(lambda: seen.update(watcher=unfreeze_once_a_release_is_polled(sim)))
    awaited = plan.task(promote(targets=["shop-api"]), label="awaited", status="ok")
    plan.checkpoint(lambda: sim.release_phase("shop-web", "hang"))
    hung = plan.task(promote(targets=["shop-web"], wait_timeout=1, rollback_on_failure=True), label="hangs",
                     status="failed", ignore_errors=True)
    result = plan.run(verbosity=4)
    seen["watcher"].join()
    assert API_KEY not in result.stdout and API_KEY not in repr(result.results)

    assert refused["failure"]["id"] == "invalid_params" and refused["failure"]["request_id"], refused.result
    assert "Couldn't promote: the pipeline is locked." in refused["msg"] and "request-id" in refused["msg"]
    assert_writes(refused.writes, [promotion(sim, "shop-web")])
    assert_writes(kept.writes, [promotion(sim, "shop-web")])

    # Without rollback_on_failure: the failed release stays the latest, and the app runs its v2 still.
    assert kept["changed"] is True
    assert kept["msg"] == ("Promotion from shop-staging failed for shop-web: Release phase failed: the release "
                           "command exited with status 1; the app keeps running its previous release.")
    target, = kept["heroku_pipeline_promotion"]["targets"]
    assert target["failed_release"] == dict(id=target["failed_release"]["id"], version=3, status="failed")
    assert target["rolled_back_to"] is None
    assert [entry[:3] for entry in seen["kept"]] == [(3, "failed", False), (2, "succeeded", True), (1, "succeeded", False)]
    assert seen["kept"][0][3] == seen["staging"]

    assert checked.writes == [], result.output
    assert checked["diff"]["after"]["slugs"] == {"shop-web": seen["staging"]}
    assert checked["diff"]["before"]["slugs"] == {"shop-web": seen["kept"][1][3]}

    # With it: the failed release (the failed v3 is promoted again, as v4) is rolled back to v2, as v5.
    assert rolled_back["changed"] is True
    target, = rolled_back["heroku_pipeline_promotion"]["targets"]
    # The promotion, then the rollback: a new release of the one the app ran before.
    assert_writes(rolled_back.writes, [promotion(sim, "shop-web"), (
        "POST", "/apps/%s/releases" % api(sim, "GET", "/apps/shop-web")[1]["id"],
        {"release": target["rolled_back_to"]["id"]})])
    assert (target["status"], target["failed_release"]["version"]) == ("failed", 4)
    assert target["rolled_back_to"] == dict(id=target["rolled_back_to"]["id"], version=2, status="succeeded",
                                            release_version=5)
    assert rolled_back["msg"] == ("Promotion from shop-staging failed for shop-web: Release phase failed: the "
                                  "release command exited with status 1; the app keeps running its previous "
                                  "release. shop-web was rolled back to v2 (release v5, succeeded).")
    assert [entry[:3] for entry in seen["rolled_back"][:3]] == [(5, "succeeded", True), (4, "failed", False),
                                                                (3, "failed", False)]
    assert seen["rolled_back"][0][3] == seen["kept"][1][3] != seen["staging"]
    # Only the named target was touched.
    assert seen["api_untouched"] == seen["api_before"]

    # A promotion under way is awaited, not sent again (without waiting: pending; in check mode: no diff), and
    # with wait=true waited for to the end of its release phase.
    assert statuses(pending.real["heroku_pipeline_promotion"]) == [("shop-api", "pending")]
    assert pending.real["heroku_pipeline_promotion"]["awaited"] == []
    outcome = pending.again["heroku_pipeline_promotion"]
    assert outcome["awaited"] == ["shop-api"] and statuses(outcome) == [("shop-api", "pending")]
    assert outcome["id"] is None and outcome["status"] is None
    assert in_flight.writes == [] and in_flight["diff"]["after"]["slugs"] == {}, result.output
    assert in_flight["heroku_pipeline_promotion"]["awaited"] == ["shop-api"]
    assert awaited.writes == [], result.output
    outcome = awaited["heroku_pipeline_promotion"]
    assert outcome["awaited"] == ["shop-api"] and statuses(outcome) == [("shop-api", "succeeded")]
    assert len([call for call in awaited.calls if RELEASE_POLL.fullmatch(call[1])]) >= 2, awaited.calls
    assert releases(sim, "shop-api")[0][:3] == (3, "succeeded", True)
    assert sum(1 for request in sim.requests if is_write(request, PROMOTION) and request["status"] == 201) == 4

    # A release phase that never ends: the task fails once wait_timeout passes, naming the release; no rollback.
    assert hung["changed"] is True
    assert_writes(hung.writes, [promotion(sim, "shop-web")])
    assert hung["msg"] == ("Timed out after 1s waiting for promotion from shop-staging; last seen state: "
                           "promotion pending, shop-web release v6 pending"), result.output


def latest_release(sim, app):
    return api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=1"})[1][0]


def deploy(sim, app, process_types):
    """A new slug released on ``app``, as a deploy behind the modules' back would."""
    slug = api(sim, "POST", "/apps/%s/slugs" % app, {"process_types": process_types})[1]
    status, release = api(sim, "POST", "/apps/%s/releases" % app, {"slug": slug["id"]})
    assert status == 201, release
    return release


def test_a_named_release_is_promoted_although_the_source_has_a_newer_one(sim, shop):
    tested = latest_release(sim, "shop-staging")
    newer = deploy(sim, "shop-staging", {"web": "npm start --newer"})
    assert newer["slug"]["id"] != tested["slug"]["id"] and newer["version"] > tested["version"]

    def again_reads():
        # What a no-change run read before a release could be named: no read of the apps' generations.
        pipeline_id = api(sim, "GET", "/pipelines/shop")[1]["id"]
        return [("GET", "/pipelines/shop"), ("GET", "/apps/shop-staging/pipeline-couplings"),
                ("GET", "/pipelines/%s/pipeline-couplings" % pipeline_id), ("POST", "/filters/apps"),
                ("GET", "/apps/shop-staging/releases"), ("GET", "/apps/shop-api/releases"),
                ("GET", "/apps/shop-web/releases")]
    steps = shop.converge(promote(release="v%d" % tested["version"]), reads=again_reads, reads_in_any_order=True,
                          writes=lambda: [promotion(sim, "shop-api", "shop-web", release=tested["id"])])
    by_id_check = shop.task(promote(release=tested["id"], targets=["shop-web"]), label="by id, check mode",
                            status="ok", check_mode=True)
    by_id = shop.task(promote(release=tested["id"], targets=["shop-web"]), label="by id", status="ok")
    shop.fails(promote(release="v%d" % (newer["version"] + 5)),
               "release v%d is not a release of the source app shop-staging." % (newer["version"] + 5), requests=True)
    shop.fails(promote(release="latest"), "release must be the version of a release of the source app")
    shop.run()

    # Check mode: the diff names the tested slug, not the newer one.
    assert steps.check["diff"]["after"]["slugs"] == {"shop-api": tested["slug"]["id"], "shop-web": tested["slug"]["id"]}
    record = steps.real["heroku_pipeline_promotion"]
    assert statuses(record) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert record["source"]["release_id"] == tested["id"] and record["source"]["release_version"] == tested["version"]
    assert record["source"]["slug_id"] == tested["slug"]["id"] and record["source"]["oci_image"] is None
    for app in ("shop-api", "shop-web"):
        promoted = latest_release(sim, app)
        assert promoted["slug"]["id"] == tested["slug"]["id"] and promoted["current"] is True
        assert record["promoted_release_ids"][app] == promoted["id"]
    assert sorted(record["promoted_release_ids"]) == ["shop-api", "shop-web"]
    assert latest_release(sim, "shop-staging")["id"] == newer["id"]  # the source keeps its newer release
    record = steps.again["heroku_pipeline_promotion"]
    assert sorted(record["skipped"]) == ["shop-api", "shop-web"] and record["promoted_release_ids"] == {}
    # Named by id, the same release is already there: reads only, in check mode too.
    for step in (by_id_check, by_id):
        assert step.result.writes == [] and step.result["heroku_pipeline_promotion"]["skipped"] == ["shop-web"]


def test_a_promotion_between_generations_fails_before_any_write(sim, run_playbook):
    """A Cedar staging app and a Fir one in the same pipeline (made behind the modules' back): a promotion from either
    to the other fails before any write, in check mode too, naming both apps and their generations."""
    sim.seed_app("shop-staging")
    sim.seed_app("shop-web")
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    sim.seed_app("fir-web", team="acme", space="acme-fir")
    assert api(sim, "GET", "/apps/fir-web")[1]["generation"]["name"] == "fir"
    pipeline_id = api(sim, "POST", "/pipelines", {"name": "shop"})[1]["id"]
    for name, stage in (("shop-staging", "staging"), ("fir-web", "production"), ("shop-web", "production")):
        assert api(sim, "POST", "/pipeline-couplings", {"app": name, "pipeline": pipeline_id, "stage": stage})[0] == 201
    sim.clear_requests()
    plan = Playbook(run_playbook)
    to_fir = ("Cannot promote from shop-staging, a Cedar app, to fir-web, a Fir app: a promotion moves a release "
              "between apps of the same generation")
    plan.fails(promote(), to_fir, requests=True, label="next stage")
    plan.fails(promote(targets=["fir-web"]), to_fir, requests=True, label="named", check_mode=True)
    plan.fails(promote(source="fir-web", targets=["shop-web"]),
               "Cannot promote from fir-web, a Fir app, to shop-web, a Cedar app", requests=True, label="from Fir")
    plan.run()
    assert sim.writes() == []


def test_a_fir_release_is_promoted_with_its_oci_image(sim, run_playbook):
    """Fir apps run OCI images, not slugs: the staging app's image goes to production (check mode, for real, then
    reads only), and the result names the image and the release production got."""
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    for name in ("shop-staging", "shop-web"):
        sim.seed_app(name, team="acme", space="acme-fir")
    image = api(sim, "POST", "/apps/shop-staging/oci-images", {"process_types": {"web": {"name": "web", "command": "/cnb/process/web"}}})[1]
    assert api(sim, "POST", "/apps/shop-staging/releases", {"oci_image": image["id"]})[0] == 201
    pipeline_id = api(sim, "POST", "/pipelines", {"name": "shop"})[1]["id"]
    for name, stage in (("shop-staging", "staging"), ("shop-web", "production")):
        assert api(sim, "POST", "/pipeline-couplings", {"app": name, "pipeline": pipeline_id, "stage": stage})[0] == 201
    plan = Playbook(run_playbook)
    steps = plan.converge(promote(), writes=lambda: [promotion(sim, "shop-web")])
    plan.run()
    record = steps.real["heroku_pipeline_promotion"]
    assert statuses(record) == [("shop-web", "succeeded")] and record["source"]["oci_image"] == image["id"]
    promoted = api(sim, "GET", "/apps/shop-web/releases/%s" % record["promoted_release_ids"]["shop-web"])[1]
    assert promoted["artifacts"] == [{"type": "oci-image", "id": image["id"]}] and promoted["current"] is True
    assert steps.check["diff"]["after"]["slugs"] == {"shop-web": image["id"]}
    assert steps.again["heroku_pipeline_promotion"]["skipped"] == ["shop-web"]
