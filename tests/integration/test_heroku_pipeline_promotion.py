# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline_promotion through real ansible-playbook runs against the simulator."""

import re
import threading
import time

import pytest

from sim_api import api


def promote(**args):
    return {"name": "promote", "herokuops.platform.heroku_pipeline_promotion": dict(dict(pipeline="shop", source="shop-staging"), **args)}


def current_slug(sim, app):
    latest = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=1"})[1][0]
    return latest["slug"]["id"]


def statuses(outcome):
    return sorted((target["app"], target["status"]) for target in outcome["targets"])


def unfreeze_once_a_release_is_polled(sim):
    """Let the frozen promotion end only after the module has seen its releases pending and started
    waiting on them: the run must wait, not find the promotion already over."""
    def watch():
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                request["method"] == "GET" and re.match(r"^/apps/[^/]+/releases/[^/]+$", request["path"])
                for request in sim.requests):
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
    sim.clear_requests()


@pytest.fixture
def shop(sim, run_playbook):
    sim.seed_app("shop-staging", process_types={"web": "npm start", "worker": "node worker.js"})
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    sim.seed_app("shop-api", process_types={"web": "npm start"})
    result = run_playbook([{"name": "pipeline", "herokuops.platform.heroku_pipeline": {
        "name": "shop", "stages": {"staging": ["shop-staging"], "production": ["shop-web", "shop-api"]}}}])
    assert result.task("pipeline").status == "changed", result.output
    sim.clear_requests()


def test_promote_to_the_next_stage_in_check_mode_for_real_and_again(sim, run_playbook, shop):
    staging_slug = current_slug(sim, "shop-staging")
    assert current_slug(sim, "shop-web") != staging_slug
    sim.clear_requests()

    result = run_playbook([promote()], check=True, diff=True)
    record = result.task("promote")
    assert record.status == "changed" and sim.writes() == []
    assert sorted(t["app"] for t in record["heroku_pipeline_promotion"]["targets"]) == ["shop-api", "shop-web"]
    assert record["diff"]["after"]["slugs"] == {"shop-api": staging_slug, "shop-web": staging_slug}

    sim.set_async_delay(1.5)
    result = run_playbook([promote()])
    record = result.task("promote")["heroku_pipeline_promotion"]
    assert result.task("promote").status == "changed", result.output
    assert record["status"] == "completed"
    assert sorted((t["app"], t["status"]) for t in record["targets"]) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert current_slug(sim, "shop-web") == current_slug(sim, "shop-api") == staging_slug
    assert [w["path"] for w in sim.writes()] == ["/pipeline-promotions"]

    sim.clear_requests()
    result = run_playbook([promote()])
    record = result.task("promote")["heroku_pipeline_promotion"]
    assert result.task("promote").status == "ok" and sim.writes() == []
    assert sorted(record["skipped"]) == ["shop-api", "shop-web"] and record["targets"] == []


def test_named_targets_only(sim, run_playbook, shop):
    result = run_playbook([promote(targets=["shop-api"])])
    assert [t["app"] for t in result.task("promote")["heroku_pipeline_promotion"]["targets"]] == ["shop-api"]
    assert current_slug(sim, "shop-api") == current_slug(sim, "shop-staging")
    assert current_slug(sim, "shop-web") != current_slug(sim, "shop-staging")


def test_a_failing_target_fails_the_task_with_its_error(sim, run_playbook, shop):
    sim.fail_promotion_target("shop-web")
    result = run_playbook([promote()])
    record = result.task("promote")
    assert record.status == "failed"
    assert record["msg"].startswith("Promotion from shop-staging failed for shop-web: ")
    statuses = dict((t["app"], t["status"]) for t in record["heroku_pipeline_promotion"]["targets"])
    assert statuses == {"shop-web": "failed", "shop-api": "succeeded"}


@pytest.mark.parametrize("args, message", [
    (dict(source="shop-web"), "promotes to no next stage"),
    (dict(targets=["shop-outsider"]), "App shop-outsider is not coupled to pipeline shop."),
    (dict(pipeline="nope"), "Pipeline nope was not found."),
])
def test_clear_failures_without_writes(sim, run_playbook, shop, args, message):
    sim.seed_app("shop-outsider")
    sim.clear_requests()
    result = run_playbook([promote(**args)])
    assert result.task("promote").status == "failed"
    assert message in result.task("promote")["msg"]
    assert sim.writes() == []


def test_a_re_run_while_the_promotion_is_pending_awaits_it_instead_of_promoting_again(sim, run_playbook, shop):
    staging_slug = current_slug(sim, "shop-staging")
    sim.freeze_async(True)
    result = run_playbook([promote(wait=False)])
    record = result.task("promote")
    assert record.status == "changed", result.output
    assert [w["path"] for w in sim.writes()] == ["/pipeline-promotions"]
    assert record["heroku_pipeline_promotion"]["awaited"] == []
    assert statuses(record["heroku_pipeline_promotion"]) == [("shop-api", "pending"), ("shop-web", "pending")]

    sim.clear_requests()
    result = run_playbook([promote(wait=False)])
    record = result.task("promote")
    outcome = record["heroku_pipeline_promotion"]
    assert record.status == "ok" and sim.writes() == [], result.output
    assert sorted(outcome["awaited"]) == ["shop-api", "shop-web"] and outcome["skipped"] == []
    assert statuses(outcome) == [("shop-api", "pending"), ("shop-web", "pending")]
    assert outcome["id"] is None and outcome["status"] is None

    sim.clear_requests()
    result = run_playbook([promote()], check=True, diff=True)
    record = result.task("promote")
    assert record.status == "ok" and sim.writes() == [], result.output
    assert sorted(record["heroku_pipeline_promotion"]["awaited"]) == ["shop-api", "shop-web"]
    assert record["diff"]["after"]["slugs"] == {}

    sim.clear_requests()
    watcher = unfreeze_once_a_release_is_polled(sim)
    result = run_playbook([promote()])
    watcher.join()
    record = result.task("promote")
    outcome = record["heroku_pipeline_promotion"]
    assert record.status == "ok" and sim.writes() == [], result.output
    assert sorted(outcome["awaited"]) == ["shop-api", "shop-web"]
    assert statuses(outcome) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert current_slug(sim, "shop-web") == current_slug(sim, "shop-api") == staging_slug


def test_promotes_the_other_targets_while_awaiting_the_one_under_way(sim, run_playbook, shop):
    sim.freeze_async(True)
    start_promotion(sim, "shop-web")
    watcher = unfreeze_once_a_release_is_polled(sim)
    result = run_playbook([promote()], diff=True)
    watcher.join()
    record = result.task("promote")
    outcome = record["heroku_pipeline_promotion"]
    assert record.status == "changed", result.output
    assert [w["path"] for w in sim.writes()] == ["/pipeline-promotions"]
    assert outcome["awaited"] == ["shop-web"] and outcome["id"] and outcome["status"] == "completed"
    assert statuses(outcome) == [("shop-api", "succeeded"), ("shop-web", "succeeded")]
    assert list(record["diff"]["after"]["slugs"]) == ["shop-api"]


def test_an_awaited_release_that_fails_fails_the_task_and_a_failed_release_is_promoted_again(sim, run_playbook, shop):
    sim.freeze_async(True)
    sim.fail_promotion_target("shop-web")
    start_promotion(sim, "shop-web", "shop-api")
    watcher = unfreeze_once_a_release_is_polled(sim)
    result = run_playbook([promote()])
    watcher.join()
    record = result.task("promote")
    assert record.status == "failed" and sim.writes() == [], result.output
    assert record["msg"].startswith("Promotion from shop-staging failed for shop-web: release v")
    assert statuses(record["heroku_pipeline_promotion"]) == [("shop-api", "succeeded"), ("shop-web", "failed")]

    # The failed release carries the source's slug, yet shop-web still runs its previous one.
    sim.fail_promotion_target("shop-web", fail=False)
    sim.clear_requests()
    result = run_playbook([promote()])
    record = result.task("promote")
    outcome = record["heroku_pipeline_promotion"]
    assert record.status == "changed", result.output
    assert [w["path"] for w in sim.writes()] == ["/pipeline-promotions"]
    assert statuses(outcome) == [("shop-web", "succeeded")] and outcome["skipped"] == ["shop-api"]
