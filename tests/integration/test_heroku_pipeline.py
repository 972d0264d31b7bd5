# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline through real ansible-playbook runs against the simulator."""

import pytest

from sim_api import api


def pipeline(**args):
    return {"name": "pipeline", "herokuops.platform.heroku_pipeline": args}


def stages_of(sim, name):
    pipeline_id = api(sim, "GET", "/pipelines/%s" % name)[1]["id"]
    names = dict((app["id"], app["name"]) for app in api(sim, "GET", "/apps")[1])
    stages = {}
    for coupling in api(sim, "GET", "/pipelines/%s/pipeline-couplings" % pipeline_id)[1]:
        stages.setdefault(coupling["stage"], []).append(names[coupling["app"]["id"]])
    return dict((stage, sorted(apps)) for stage, apps in stages.items())


@pytest.fixture
def apps(sim):
    for name in ("shop-staging", "shop-web", "shop-worker", "shop-extra"):
        sim.seed_app(name)
    sim.clear_requests()


def test_create_couple_move_and_delete_in_check_mode_for_real_and_again(sim, run_playbook, apps):
    wanted = dict(name="shop", owner="acme", stages={"staging": ["shop-staging"], "production": ["shop-web"]})

    result = run_playbook([pipeline(**wanted)], check=True)
    assert result.task("pipeline").status == "changed" and sim.writes() == []
    assert result.task("pipeline")["heroku_pipeline"]["stages"] == wanted["stages"]

    result = run_playbook([pipeline(**wanted)])
    assert result.task("pipeline").status == "changed", result.output
    assert stages_of(sim, "shop") == {"staging": ["shop-staging"], "production": ["shop-web"]}
    assert api(sim, "GET", "/pipelines/shop")[1]["owner"]["type"] == "team"

    sim.clear_requests()
    result = run_playbook([pipeline(**wanted)])
    assert result.task("pipeline").status == "ok" and sim.writes() == []
    pipeline_id = api(sim, "GET", "/pipelines/shop")[1]["id"]
    # However many apps are listed: the pipeline, its couplings, and the coupled apps' names in one read.
    assert [(r["method"], r["path"]) for r in sim.requests[:3]] == [
        ("GET", "/pipelines/shop"), ("GET", "/pipelines/%s/pipeline-couplings" % pipeline_id), ("POST", "/filters/apps")]
    assert len(sim.requests) == 4  # and the look-up above

    # Moving an app between stages is one PATCH of its coupling, not a delete and a create.
    moved = {**wanted, "stages": {"staging": ["shop-web"], "production": ["shop-worker"]}}
    sim.clear_requests()
    result = run_playbook([pipeline(**moved)], diff=True)
    assert result.task("pipeline").status == "changed"
    assert sorted((w["method"], w["path"].split("/")[1]) for w in sim.writes()) == [
        ("PATCH", "pipeline-couplings"), ("POST", "pipeline-couplings")]
    assert result.task("pipeline")["diff"] == {
        "before": {"stages": {"staging": [], "production": ["shop-web"]}},
        "after": {"stages": {"staging": ["shop-web"], "production": ["shop-worker"]}}}
    # shop-staging is not listed and purge is off: it stays.
    assert stages_of(sim, "shop") == {"staging": ["shop-staging", "shop-web"], "production": ["shop-worker"]}

    sim.clear_requests()
    result = run_playbook([pipeline(name="shop", state="absent")], check=True)
    assert result.task("pipeline").status == "changed" and sim.writes() == []
    result = run_playbook([pipeline(name="shop", state="absent")])
    assert result.task("pipeline").status == "changed"
    assert api(sim, "GET", "/pipelines/shop")[0] == 404
    sim.clear_requests()
    result = run_playbook([pipeline(name="shop", state="absent")])
    assert result.task("pipeline").status == "ok" and sim.writes() == []


def test_purge_couplings_uncouples_unlisted_apps(sim, run_playbook, apps):
    run_playbook([pipeline(name="shop", stages={"staging": ["shop-staging", "shop-extra"], "production": ["shop-web"]})])
    sim.clear_requests()
    result = run_playbook([pipeline(name="shop", purge_couplings=True, stages={"production": ["shop-web"]})], diff=True)
    assert result.task("pipeline").status == "changed", result.output
    assert [w["method"] for w in sim.writes()] == ["DELETE", "DELETE"]
    assert result.task("pipeline")["diff"]["after"] == {"stages": {"staging": []}}
    assert stages_of(sim, "shop") == {"production": ["shop-web"]}

    sim.clear_requests()
    result = run_playbook([pipeline(name="shop", purge_couplings=True, stages={"production": ["shop-web"]})])
    assert result.task("pipeline").status == "ok" and sim.writes() == []


def test_an_app_of_another_pipeline_fails_and_nothing_changes(sim, run_playbook, apps):
    run_playbook([pipeline(name="other", stages={"production": ["shop-web"]})])
    run_playbook([pipeline(name="shop")])
    sim.clear_requests()
    # Check mode says it too, from the one read of the app about to be coupled.
    result = run_playbook([pipeline(name="shop", stages={"production": ["shop-web"]})], check=True)
    assert result.task("pipeline").status == "failed"
    assert "App shop-web is coupled to another pipeline" in result.task("pipeline")["msg"]
    assert sim.writes() == []
    api(sim, "DELETE", "/pipelines/shop")
    sim.clear_requests()
    result = run_playbook([pipeline(name="shop", stages={"production": ["shop-web"]})])
    assert result.task("pipeline").status == "failed"
    assert "App shop-web is coupled to another pipeline" in result.task("pipeline")["msg"]
    assert [w["path"] for w in sim.writes()] == ["/pipelines"]  # the new pipeline itself, nothing coupled


@pytest.mark.parametrize("stages, message", [
    ({"prod": ["shop-web"]}, "stages.prod is not a pipeline stage"),
    ({"staging": ["shop-web"], "production": ["shop-web"]}, "app shop-web is listed in both"),
    ({"staging": "shop-web"}, "stages.staging must be a list of app names"),
    ({"staging": ["Shop_Web"]}, "'Shop_Web' is not a valid app name"),
])
def test_bad_input_fails_before_any_request(sim, run_playbook, stages, message):
    result = run_playbook([pipeline(name="shop", stages=stages)])
    assert result.task("pipeline").status == "failed"
    assert message in result.task("pipeline")["msg"]
    assert sim.requests == []


def test_pipeline_info_names_the_apps_by_stage(sim, run_playbook, apps):
    run_playbook([pipeline(name="shop", stages={"staging": ["shop-staging"], "production": ["shop-web", "shop-worker"]})])
    sim.clear_requests()
    result = run_playbook([
        {"name": "one", "herokuops.platform.heroku_pipeline_info": {"name": "shop"}},
        {"name": "all", "herokuops.platform.heroku_pipeline_info": {}},
        {"name": "missing", "herokuops.platform.heroku_pipeline_info": {"name": "nope"}},
    ], check=True)
    assert result.task("one")["heroku_pipeline_info"][0]["stages"] == {
        "staging": ["shop-staging"], "production": ["shop-web", "shop-worker"]}
    assert [p["name"] for p in result.task("all")["heroku_pipeline_info"]] == ["shop"]
    assert result.task("missing")["heroku_pipeline_info"] == []
    assert not result.changed and sim.writes() == []
    # "one": the pipeline, its couplings, the three apps' names in one read; "all" and "missing": one read each.
    assert [(r["method"], r["path"].split("/")[1]) for r in sim.requests] == [
        ("GET", "pipelines"), ("GET", "pipelines"), ("POST", "filters"), ("GET", "pipelines"), ("GET", "pipelines")]


SECRET = "stage-Secret-value-314159"


def test_stage_config_vars_are_set_once_and_never_shown(sim, run_playbook, apps):
    wanted = dict(name="shop", stage_config_vars={"review": {"STRIPE_KEY": SECRET, "DEBUG": True, "OLD": None}})
    run_playbook([pipeline(name="shop")])
    pipeline_id = api(sim, "GET", "/pipelines/shop")[1]["id"]
    api(sim, "PATCH", "/pipelines/%s/stage/review/config-vars" % pipeline_id, {"OLD": "x", "KEEP": "y"})

    sim.clear_requests()
    result = run_playbook([pipeline(**wanted)], check=True, diff=True, verbosity=4)
    assert result.task("pipeline").status == "changed" and sim.writes() == []

    sim.clear_requests()
    result = run_playbook([pipeline(**wanted)], diff=True, verbosity=4)
    record = result.task("pipeline")
    assert record.status == "changed", result.output
    assert [(w["method"], w["path"]) for w in sim.writes()] == [
        ("PATCH", "/pipelines/%s/stage/review/config-vars" % pipeline_id)]
    assert api(sim, "GET", "/pipelines/%s/stage/review/config-vars" % pipeline_id)[1] == {
        "KEEP": "y", "STRIPE_KEY": SECRET, "DEBUG": "true"}
    assert record["diff"]["after"] == {"stage_config_vars": {"review": {
        "STRIPE_KEY": "******** (added)", "DEBUG": "******** (added)", "OLD": None}}}
    assert record["heroku_pipeline"]["stage_config_vars"] == {"review": {
        "KEEP": "********", "STRIPE_KEY": "********", "DEBUG": "********"}}
    assert SECRET not in result.output and SECRET not in repr(result.results)

    sim.clear_requests()
    result = run_playbook([pipeline(**wanted)])
    assert result.task("pipeline").status == "ok" and sim.writes() == []
    assert len(sim.requests) == 2  # the pipeline and the review stage's config vars

    result = run_playbook([pipeline(show_values=True, **wanted)])
    assert result.task("pipeline")["heroku_pipeline"]["stage_config_vars"]["review"]["STRIPE_KEY"] == SECRET
