# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_review_app_config and its _info twin through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes, fails_before_any_request, fails_without_writes
from sim_api import api


def review(**args):
    return {"name": "review", "herokuops.platform.heroku_review_app_config": dict(dict(pipeline="shop"), **args)}


def info(name, **args):
    return {"name": name, "herokuops.platform.heroku_review_app_config_info": dict(dict(pipeline="shop"), **args)}


def seed_pipeline(sim, name="shop", repo="acme/shop"):
    """A pipeline, connected to GitHub as the Dashboard does it (the simulator's seeding), unless repo is None."""
    status, pipeline = api(sim, "POST", "/pipelines", {"name": name})
    assert status == 201
    if repo:
        sim.connect_pipeline_repo(name, repo, repo_id=4242)
    return pipeline["id"]


def seed_space(sim, name="acme-review"):
    status, space = api(sim, "POST", "/spaces", {"name": name, "team": "acme", "region": "virginia"})
    assert status == 201
    return space["id"]


def held(sim, pid):
    return api(sim, "GET", "/pipelines/%s/review-app-config" % pid)


@pytest.mark.both_paths
def test_enable_then_change_then_disable_each_converges_and_a_second_run_only_reads(sim, run_playbook):
    pid = seed_pipeline(sim)
    space = seed_space(sim)
    config = "/pipelines/%s/review-app-config" % pid
    seen = {}
    plan = Playbook(run_playbook)
    enable = plan.converge(
        review(automatic=True, destroy_stale_apps=True, stale_days=5, wait_for_ci=True, base_name="shop-pr",
               deploy_target={"space": "acme-review"}),
        writes=[("POST", config, {"repo": "acme/shop", "automatic_review_apps": True, "destroy_stale_apps": True,
                                  "stale_days": 5, "wait_for_ci": True, "base_name": "shop-pr",
                                  "deploy_target": {"id": space, "type": "space"}})],
        reads=[("GET", "/pipelines/shop"), ("GET", config), ("GET", "/spaces/acme-review")],
        after_check=lambda: seen.update(after_check=held(sim, pid)[0]))
    change = plan.converge(
        review(destroy_stale_apps=True, stale_days=10, deploy_target={"region": "eu"}),
        writes=[("PATCH", config, {"stale_days": 10, "deploy_target": {"id": "eu", "type": "region"}})],
        reads=[("GET", "/pipelines/shop"), ("GET", config), ("GET", "/regions/eu")])
    disable = plan.absent(review(), writes=[("DELETE", config, None)], reads=[("GET", "/pipelines/shop"), ("GET", config)])
    plan.run()

    # Check mode read the pipeline, its (missing) settings, its GitHub connection and the space, and wrote nothing.
    assert seen["after_check"] == 404
    assert enable.check.calls == [("GET", "/pipelines/shop"), ("GET", config), ("GET", "/pipelines/%s/repo" % pid),
                                  ("GET", "/spaces/acme-review")]
    wanted = dict(pipeline="shop", pipeline_id=pid, enabled=True, automatic=True, destroy_stale_apps=True, stale_days=5,
                  wait_for_ci=True, base_name="shop-pr", deploy_target={"space": "acme-review"})
    assert enable.check["heroku_review_app_config"] == dict(wanted, repo_id=None)
    assert enable.check["diff"] == {
        "before": dict(enabled=False, automatic=None, destroy_stale_apps=None, stale_days=None, wait_for_ci=None,
                       base_name=None, deploy_target={"space": None}),
        "after": dict(enabled=True, automatic=True, destroy_stale_apps=True, stale_days=5, wait_for_ci=True,
                      base_name="shop-pr", deploy_target={"space": "acme-review"})}
    assert enable.real["heroku_review_app_config"] == dict(wanted, repo_id=4242)
    assert enable.again["heroku_review_app_config"] == dict(wanted, repo_id=4242)
    assert enable.again["diff"] == {"before": {}, "after": {}}

    # One PATCH of what changed; the region Heroku answers by its id shows by name.
    assert change.check["diff"] == {
        "before": {"stale_days": 5, "deploy_target": {"space": "acme-review", "region": None}},
        "after": {"stale_days": 10, "deploy_target": {"space": None, "region": "eu"}}}
    assert change.check["heroku_review_app_config"]["deploy_target"] == {"region": "eu"}
    assert change.real["heroku_review_app_config"] == dict(wanted, repo_id=4242, stale_days=10, deploy_target={"region": "eu"})
    assert change.again["heroku_review_app_config"]["deploy_target"] == {"region": "eu"}

    assert disable.check["diff"]["before"]["enabled"] is True and disable.check["diff"]["after"] == {}
    assert disable.real["heroku_review_app_config"] == {}
    assert held(sim, pid)[0] == 404


def seed_fir_pipeline(sim, name="fir-shop"):
    """A pipeline whose first app is a Fir app: a Fir pipeline."""
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})[0] == 201
    pid = seed_pipeline(sim, name, repo="acme/fir-shop")
    assert api(sim, "POST", "/pipeline-couplings", {"app": "fir-web", "pipeline": pid, "stage": "production"})[0] == 201
    return pid


def test_a_pipeline_not_connected_to_github_fails_before_any_write(sim, run_playbook):
    lonely = seed_pipeline(sim, "lonely", repo=None)
    pid = seed_pipeline(sim)
    fir = seed_fir_pipeline(sim)
    failed = fails_without_writes(run_playbook, [
        (review(pipeline="lonely", automatic=True),
         "Pipeline lonely is not connected to a GitHub repository, and Heroku turns review apps on only for a pipeline "
         "that is: connect it first (the pipeline's page in Heroku's Dashboard, or heroku pipelines:connect lonely "
         "--repo OWNER/NAME), then run this task again."),
        (review(repo="acme/other"),
         "repo: pipeline shop is connected to the GitHub repository acme/shop, not acme/other"),
        (review(deploy_target={"space": "nowhere"}), "deploy_target: space nowhere was not found"),
        (review(pipeline="ghost"), "Pipeline ghost was not found"),
        (review(pipeline="fir-shop", base_name="shop-pr"),
         "base_name is not available on pipeline fir-shop, a Fir pipeline: a Fir pipeline's review apps have no "
         "predictable names; leave base_name out."),
    ])
    # The connection is read as the Heroku CLI reads it, before anything is written.
    assert failed[0].calls == [("GET", "/pipelines/lonely"), ("GET", "/pipelines/%s/review-app-config" % lonely),
                               ("GET", "/pipelines/%s/repo" % lonely)]
    assert failed[0]["changed"] is False
    # With the Accept header the CLI sends for it; the other reads with Heroku's plain version 3.
    assert [request["accept"] for request in failed[0].requests] == [
        "application/vnd.heroku+json; version=3"] * 2 + ["application/vnd.heroku+json; version=3.repositories-api"]
    # The connected repository, in another case: review apps go on, with the repository as Heroku names it.
    # A Fir pipeline's review apps go on all the same, without base_name.
    result = run_playbook([review(repo="ACME/Shop"), dict(review(pipeline="fir-shop", wait_for_ci=True), name="fir")])
    assert result.task("review").status == "changed"
    assert_writes(result.task("review").writes, [("POST", "/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop"})])
    assert_writes(result.task("fir").writes, [("POST", "/pipelines/%s/review-app-config" % fir,
                                               {"repo": "acme/fir-shop", "wait_for_ci": True})])


def test_bad_input_fails_before_any_request_naming_the_option(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (review(destroy_stale_apps=True, stale_days=0), "stale_days=0 is out of range: use from 1 to 30 days."),
        (review(destroy_stale_apps=True, stale_days=31), "stale_days=31 is out of range: use from 1 to 30 days."),
        (review(stale_days=5), "stale_days goes with destroy_stale_apps: true"),
        (review(destroy_stale_apps=False, stale_days=5), "stale_days goes with destroy_stale_apps: true"),
        (review(deploy_target={"region": "mars"}), "value of region must be one of: eu, us, got: mars found in deploy_target"),
        (review(deploy_target={"region": "eu", "space": "acme-review"}),
         "parameters are mutually exclusive: space|region found in deploy_target"),
        (review(deploy_target={}), "one of the following is required: space, region found in deploy_target"),
        (review(deploy_target={"space": "Acme Review"}), "deploy_target.space='Acme Review' is not a valid space name"),
        (review(repo="acme shop"), "repo='acme shop' is not a valid GitHub repository: use a GitHub repository as owner/name"),
        (review(base_name="Shop_PR"), "base_name='Shop_PR' is not a valid app name"),
        (review(pipeline="Shop Pipeline"), "pipeline='Shop Pipeline' is not a valid pipeline name"),
    ])


def test_heroku_refusing_the_enable_fails_the_task_and_changes_nothing(sim, run_playbook):
    pid = seed_pipeline(sim)
    sim.inject_fault(method="POST", path="/review-app-config$", status=422, error_id="invalid_params",
                     message="Review apps are not available for this pipeline's owner.")
    result = run_playbook([dict(review(wait_for_ci=True), ignore_errors=True)])
    refused = result.task("review")
    assert refused.status == "failed" and refused["changed"] is False
    assert refused["msg"].startswith("POST /pipelines/%s/review-app-config failed (422 invalid_params): " % pid)
    assert "Review apps are not available" in refused["msg"] and "[request-id " in refused["msg"]
    assert_writes(refused.writes, [("POST", "/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop", "wait_for_ci": True})])
    assert held(sim, pid)[0] == 404


def test_info_says_whether_review_apps_are_on_and_how(sim, run_playbook):
    pid = seed_pipeline(sim)
    seed_pipeline(sim, "other", repo="acme/other")
    assert api(sim, "POST", "/pipelines/%s/review-app-config" % pid, {
        "repo": "acme/shop", "automatic_review_apps": True, "deploy_target": {"id": "us", "type": "region"}})[0] == 201
    result = run_playbook([info("on"), info("off", pipeline="other"),
                           dict(info("ghost", pipeline="ghost"), ignore_errors=True),
                           dict(info("bad", pipeline="Bad Name"), ignore_errors=True)])
    assert result.task("on")["heroku_review_app_config_info"] == dict(
        pipeline="shop", pipeline_id=pid, enabled=True, repo_id=4242, automatic=True, destroy_stale_apps=False,
        stale_days=5, wait_for_ci=False, base_name=None, deploy_target={"region": "us"})
    assert result.task("on").calls == [("GET", "/pipelines/shop"), ("GET", "/pipelines/%s/review-app-config" % pid),
                                       ("GET", "/regions/%s" % api(sim, "GET", "/regions/us")[1]["id"])]
    off = result.task("off")["heroku_review_app_config_info"]
    assert off["enabled"] is False and off["pipeline"] == "other" and off["deploy_target"] is None and off["automatic"] is None
    assert result.task("ghost").status == "failed" and result.task("ghost")["msg"] == "Pipeline ghost was not found."
    assert result.task("bad").status == "failed" and result.task("bad").requests == []
    assert all(result.task(name).writes == [] for name in ("on", "off", "ghost"))
