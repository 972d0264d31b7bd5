# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline_promotion through real ansible-playbook runs against the simulator."""

import re
import threading
import time

import pytest

from converge import Playbook
from sim_api import api

PROMOTIONS = [("POST", "/pipeline-promotions")]


def promote(**args):
    return {"name": "promote", "herokuops.platform.heroku_pipeline_promotion": dict(dict(pipeline="shop", source="shop-staging"), **args)}


def current_slug(sim, app):
    latest = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=1"})[1][0]
    return latest["slug"]["id"]


def statuses(outcome):
    return sorted((target["app"], target["status"]) for target in outcome["targets"])


def unfreeze_once_a_release_is_polled(sim):
    """Let the frozen promotion end only after the module has seen its releases pending and started
    waiting on them: the run must wait, not find the promotion already over. Only requests sent after
    this call count (call it from a checkpoint just before the task that must wait)."""
    since = len(sim.requests)

    def watch():
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                request["method"] == "GET" and re.match(r"^/apps/[^/]+/releases/[^/]+$", request["path"])
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


@pytest.fixture
def shop(sim, run_playbook):
    """A Playbook whose first task makes the pipeline shop (staging: shop-staging; production: shop-web, shop-api)
    and must report it changed; the test adds its steps after it."""
    sim.seed_app("shop-staging", process_types={"web": "npm start", "worker": "node worker.js"})
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    sim.seed_app("shop-api", process_types={"web": "npm start"})
    plan = Playbook(run_playbook)
    plan.task({"name": "pipeline", "herokuops.platform.heroku_pipeline": {
        "name": "shop", "stages": {"staging": ["shop-staging"], "production": ["shop-web", "shop-api"]}}},
        status="changed")
    return plan


def test_promote_to_the_next_stage_in_check_mode_for_real_and_again(sim, shop):
    seen = {}

    def before():
        seen["staging_slug"] = current_slug(sim, "shop-staging")
        seen["web_slug"] = current_slug(sim, "shop-web")

    shop.checkpoint(before)
    steps = shop.converge(promote(), writes=PROMOTIONS, after_check=lambda: sim.set_async_delay(1.5))
    shop.run()
    staging_slug = seen["staging_slug"]
    assert seen["web_slug"] != staging_slug

    record = steps.check
    assert sorted(t["app"] for t in record["heroku_pipeline_promotion"]["targets"]) == ["shop-api", "shop-web"]
    assert record["diff"]["after"]["slugs"] == {"shop-api": staging_slug, "shop-web": staging_slug}

    record = steps.real["heroku_pipeline_promotion"]
    assert record["status"] == "completed"
    assert sorted((t["app"], t["status"]) for t in record["targets"]) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert current_slug(sim, "shop-web") == current_slug(sim, "shop-api") == staging_slug

    record = steps.again["heroku_pipeline_promotion"]
    assert sorted(record["skipped"]) == ["shop-api", "shop-web"] and record["targets"] == []


def test_named_targets_only(sim, shop):
    promoted = shop.task(promote(targets=["shop-api"]))
    shop.run()
    assert [t["app"] for t in promoted["heroku_pipeline_promotion"]["targets"]] == ["shop-api"]
    assert current_slug(sim, "shop-api") == current_slug(sim, "shop-staging")
    assert current_slug(sim, "shop-web") != current_slug(sim, "shop-staging")


def test_a_failing_target_fails_the_task_with_its_error(sim, shop):
    sim.fail_promotion_target("shop-web")
    record = shop.task(promote())
    shop.run()
    assert record.status == "failed"
    assert record["msg"].startswith("Promotion from shop-staging failed for shop-web: ")
    outcome = dict((t["app"], t["status"]) for t in record["heroku_pipeline_promotion"]["targets"])
    assert outcome == {"shop-web": "failed", "shop-api": "succeeded"}


CLEAR_FAILURES = [
    (dict(source="shop-web"), "promotes to no next stage"),
    (dict(targets=["shop-outsider"]), "App shop-outsider is not coupled to pipeline shop."),
    (dict(pipeline="nope"), "Pipeline nope was not found."),
]


def test_clear_failures_without_writes(sim, shop):
    sim.seed_app("shop-outsider")
    for args, message in CLEAR_FAILURES:
        shop.fails(promote(**args), message, requests=True)
    shop.run()


def test_a_re_run_while_the_promotion_is_pending_awaits_it_instead_of_promoting_again(sim, shop):
    seen = {}

    def frozen():
        seen["staging_slug"] = current_slug(sim, "shop-staging")
        sim.freeze_async(True)

    shop.checkpoint(frozen)
    pending = shop.converge(promote(wait=False), writes=PROMOTIONS)
    checked = shop.task(promote(), label="check mode", check_mode=True, diff=True, status="ok")
    shop.checkpoint(lambda: seen.update(watcher=unfreeze_once_a_release_is_polled(sim)))
    awaited = shop.task(promote(), label="awaits", status="ok")
    result = shop.run()
    seen["watcher"].join()

    record = pending.real
    assert record["heroku_pipeline_promotion"]["awaited"] == []
    assert statuses(record["heroku_pipeline_promotion"]) == [("shop-api", "pending"), ("shop-web", "pending")]

    outcome = pending.again["heroku_pipeline_promotion"]
    assert sorted(outcome["awaited"]) == ["shop-api", "shop-web"] and outcome["skipped"] == []
    assert statuses(outcome) == [("shop-api", "pending"), ("shop-web", "pending")]
    assert outcome["id"] is None and outcome["status"] is None

    assert checked.writes == [], result.output
    assert sorted(checked["heroku_pipeline_promotion"]["awaited"]) == ["shop-api", "shop-web"]
    assert checked["diff"]["after"]["slugs"] == {}

    outcome = awaited["heroku_pipeline_promotion"]
    assert awaited.writes == [], result.output
    assert sorted(outcome["awaited"]) == ["shop-api", "shop-web"]
    assert statuses(outcome) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert current_slug(sim, "shop-web") == current_slug(sim, "shop-api") == seen["staging_slug"]


def test_promotes_the_other_targets_while_awaiting_the_one_under_way(sim, shop):
    seen = {}

    def under_way():
        sim.freeze_async(True)
        start_promotion(sim, "shop-web")
        seen["watcher"] = unfreeze_once_a_release_is_polled(sim)

    shop.checkpoint(under_way)
    record = shop.task(promote(), diff=True, status="changed")
    result = shop.run()
    seen["watcher"].join()
    outcome = record["heroku_pipeline_promotion"]
    assert [(w["method"], w["path"]) for w in record.writes] == PROMOTIONS, result.output
    assert outcome["awaited"] == ["shop-web"] and outcome["id"] and outcome["status"] == "completed"
    assert statuses(outcome) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert list(record["diff"]["after"]["slugs"]) == ["shop-api"]


def test_an_awaited_release_that_fails_fails_the_task_and_a_failed_release_is_promoted_again(sim, shop):
    seen = {}

    def under_way():
        sim.freeze_async(True)
        sim.fail_promotion_target("shop-web")
        start_promotion(sim, "shop-web", "shop-api")
        seen["watcher"] = unfreeze_once_a_release_is_polled(sim)

    shop.checkpoint(under_way)
    failed = shop.task(promote(), label="awaits a failure", ignore_errors=True, status="failed")
    # The failed release carries the source's slug, yet shop-web still runs its previous one.
    shop.checkpoint(lambda: sim.fail_promotion_target("shop-web", fail=False))
    again = shop.task(promote(), label="promotes again", status="changed")
    result = shop.run()
    seen["watcher"].join()

    assert failed.writes == [], result.output
    assert failed["msg"].startswith("Promotion from shop-staging failed for shop-web: release v")
    assert statuses(failed["heroku_pipeline_promotion"]) == [("shop-api", "succeeded"), ("shop-web", "failed")]

    outcome = again["heroku_pipeline_promotion"]
    assert [(w["method"], w["path"]) for w in again.writes] == PROMOTIONS, result.output
    assert statuses(outcome) == [("shop-web", "succeeded")] and outcome["skipped"] == ["shop-api"]
