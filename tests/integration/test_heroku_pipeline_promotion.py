# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline_promotion through real ansible-playbook runs against the simulator."""

import pytest

from sim_api import api


def promote(**args):
    return {"name": "promote", "herokuops.platform.heroku_pipeline_promotion": dict(dict(pipeline="shop", source="shop-staging"), **args)}


def current_slug(sim, app):
    latest = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=1"})[1][0]
    return latest["slug"]["id"]


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
