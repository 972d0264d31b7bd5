# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_pipeline through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import UUID, Playbook, assert_writes, fails_before_any_request
from sim_api import api


COUPLING = re.compile(r"/pipeline-couplings/[0-9a-f-]{36}")


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
    # Moving an app between stages is one PATCH of its coupling, not a delete and a create.
    moved = {**wanted, "stages": {"staging": ["shop-web"], "production": ["shop-worker"]}}
    seen = {}

    def created():
        seen["stages"] = stages_of(sim, "shop")
        seen["pipeline"] = api(sim, "GET", "/pipelines/shop")[1]

    def pipeline_id():
        return seen["pipeline"]["id"]

    plan = Playbook(run_playbook)
    create = plan.converge(
        pipeline(**wanted),
        # Heroku takes a team owner by its id only.
        writes=lambda: [("POST", "/pipelines", {"name": "shop", "owner": {"id": UUID, "type": "team"}}),
                        ("POST", "/pipeline-couplings", {"app": "shop-staging", "pipeline": pipeline_id(), "stage": "staging"}),
                        ("POST", "/pipeline-couplings", {"app": "shop-web", "pipeline": pipeline_id(), "stage": "production"})],
        # However many apps are listed: the pipeline, its owner team (compared by its id), its couplings, and the
        # coupled apps' names in one read.
        reads=lambda: [("GET", "/pipelines/shop"), ("GET", "/teams/acme"),
                       ("GET", "/pipelines/%s/pipeline-couplings" % pipeline_id()),
                       ("POST", "/filters/apps")],
        after_real=created)
    move = plan.converge(pipeline(**moved),
                         writes=lambda: [("PATCH", COUPLING, {"stage": "staging"}),
                                         ("POST", "/pipeline-couplings",
                                          {"app": "shop-worker", "pipeline": pipeline_id(), "stage": "production"})],
                         after_real=lambda: seen.update(moved=stages_of(sim, "shop")))
    plan.absent(pipeline(name="shop"), writes=lambda: [("DELETE", "/pipelines/%s" % pipeline_id(), None)])
    plan.run()

    assert create.check["heroku_pipeline"]["stages"] == wanted["stages"]
    assert seen["stages"] == {"staging": ["shop-staging"], "production": ["shop-web"]}
    assert seen["pipeline"]["owner"]["type"] == "team"
    assert move.real["diff"] == {
        "before": {"stages": {"staging": [], "production": ["shop-web"]}},
        "after": {"stages": {"staging": ["shop-web"], "production": ["shop-worker"]}}}
    # shop-staging is not listed and purge is off: it stays.
    assert seen["moved"] == {"staging": ["shop-staging", "shop-web"], "production": ["shop-worker"]}
    assert api(sim, "GET", "/pipelines/shop")[0] == 404


def test_purge_couplings_uncouples_unlisted_apps(sim, run_playbook, apps):
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop", stages={"staging": ["shop-staging", "shop-extra"], "production": ["shop-web"]}),
              label="setup", status="changed")
    steps = plan.converge(pipeline(name="shop", purge_couplings=True, stages={"production": ["shop-web"]}),
                          writes=[("DELETE", COUPLING, None), ("DELETE", COUPLING, None)])
    plan.run()
    assert steps.real["diff"]["after"] == {"stages": {"staging": []}}
    assert stages_of(sim, "shop") == {"production": ["shop-web"]}


def test_an_app_of_another_pipeline_fails_and_nothing_changes(sim, run_playbook, apps):
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="other", stages={"production": ["shop-web"]}), label="other")
    plan.task(pipeline(name="shop"), label="shop")
    # Check mode says it too, from the one read of the app about to be coupled.
    plan.fails(pipeline(name="shop", stages={"production": ["shop-web"]}), "App shop-web is coupled to another pipeline",
               requests=True, check_mode=True, label="check mode")
    plan.checkpoint(lambda: api(sim, "DELETE", "/pipelines/shop"))
    real = plan.task(pipeline(name="shop", stages={"production": ["shop-web"]}), label="for real", ignore_errors=True)
    plan.run()
    assert real.status == "failed"
    assert "App shop-web is coupled to another pipeline" in real["msg"]
    assert_writes(real.writes, [("POST", "/pipelines", {"name": "shop"})])  # the new pipeline itself, nothing coupled


BAD_INPUT = [
    ({"prod": ["shop-web"]}, "stages.prod is not a pipeline stage"),
    ({"staging": ["shop-web"], "production": ["shop-web"]}, "app shop-web is listed in both"),
    ({"staging": "shop-web"}, "stages.staging must be a list of app names"),
    ({"staging": ["Shop_Web"]}, "'Shop_Web' is not a valid app name"),
]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(pipeline(name="shop", stages=stages), message)
                                            for stages, message in BAD_INPUT])


def test_pipeline_info_names_the_apps_by_stage(sim, run_playbook, apps):
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop", stages={"staging": ["shop-staging"], "production": ["shop-web", "shop-worker"]}),
              status="changed")
    one = plan.task({"name": "one", "herokuops.platform.heroku_pipeline_info": {"name": "shop"}}, check_mode=True)
    every = plan.task({"name": "all", "herokuops.platform.heroku_pipeline_info": {}}, check_mode=True)
    missing = plan.task({"name": "missing", "herokuops.platform.heroku_pipeline_info": {"name": "nope"}},
                        check_mode=True)
    plan.run()
    assert one["heroku_pipeline_info"][0]["stages"] == {
        "staging": ["shop-staging"], "production": ["shop-web", "shop-worker"]}
    assert [p["name"] for p in every["heroku_pipeline_info"]] == ["shop"]
    assert missing["heroku_pipeline_info"] == []
    infos = [one.result, every.result, missing.result]
    assert not any(info.changed for info in infos) and not any(info.writes for info in infos)
    # "one": the pipeline, its couplings, the three apps' names in one read; "all" and "missing": one read each.
    assert [(r["method"], r["path"].split("/")[1]) for info in infos for r in info.requests] == [
        ("GET", "pipelines"), ("GET", "pipelines"), ("POST", "filters"), ("GET", "pipelines"), ("GET", "pipelines")]


SECRET = "stage-Secret-value-314159"


def test_stage_config_vars_are_set_once_and_never_shown(sim, run_playbook, apps):
    wanted = dict(name="shop", stage_config_vars={"review": {"STRIPE_KEY": SECRET, "DEBUG": True, "OLD": None}})
    seen = {}

    def existing_stage_vars():
        seen["id"] = api(sim, "GET", "/pipelines/shop")[1]["id"]
        api(sim, "PATCH", "/pipelines/%s/stage/review/config-vars" % seen["id"], {"OLD": "x", "KEEP": "y"})

    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop"), label="setup")
    plan.checkpoint(existing_stage_vars)
    steps = plan.converge(
        pipeline(**wanted), writes=lambda: [("PATCH", "/pipelines/%s/stage/review/config-vars" % seen["id"],
                                             {"STRIPE_KEY": SECRET, "DEBUG": "true", "OLD": None})],
        after_real=lambda: seen.update(vars=api(sim, "GET", "/pipelines/%s/stage/review/config-vars" % seen["id"])[1]))
    shown = plan.task(pipeline(show_values=True, **wanted), label="show values")
    result = plan.run(verbosity=4)

    assert seen["vars"] == {"KEEP": "y", "STRIPE_KEY": SECRET, "DEBUG": "true"}
    record = steps.real
    assert record["diff"]["after"] == {"stage_config_vars": {"review": {
        "STRIPE_KEY": "******** (added)", "DEBUG": "******** (added)", "OLD": None}}}
    assert record["heroku_pipeline"]["stage_config_vars"] == {"review": {
        "KEEP": "********", "STRIPE_KEY": "********", "DEBUG": "********"}}
    # Nowhere but in the task that asks for the values: not in the output, nor in any other task's result.
    assert SECRET not in result.output.replace(result.output_of(shown.name), "")
    assert SECRET not in repr([r for r in result.results if r.name != shown.name])
    assert len(steps.again.requests) == 2  # the pipeline and the review stage's config vars
    assert shown["heroku_pipeline"]["stage_config_vars"]["review"]["STRIPE_KEY"] == SECRET


def test_rename_in_check_mode_for_real_and_again(sim, run_playbook):
    seen = {}
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop"), label="setup", status="changed")
    plan.checkpoint(lambda: seen.update(id=api(sim, "GET", "/pipelines/shop")[1]["id"]))
    # The first run reads the pipeline and checks that the new name is free; the second finds it under its new name.
    steps = plan.converge(pipeline(name="shop", new_name="shop-eu"),
                          writes=lambda: [("PATCH", "/pipelines/%s" % seen["id"], {"name": "shop-eu"})],
                          reads=[("GET", "/pipelines/shop"), ("GET", "/pipelines/shop-eu")])
    plan.run()
    assert steps.check["diff"] == {"before": {"name": "shop"}, "after": {"name": "shop-eu"}}
    assert steps.real["diff"] == {"before": {"name": "shop"}, "after": {"name": "shop-eu"}}
    assert [(r["method"], r["path"]) for r in steps.real.requests][:2] == [
        ("GET", "/pipelines/shop"), ("GET", "/pipelines/shop-eu")]
    assert steps.again["heroku_pipeline"]["name"] == "shop-eu" and steps.again["heroku_pipeline"]["id"] == seen["id"]
    assert api(sim, "GET", "/pipelines/shop-eu")[1]["id"] == seen["id"]


def test_a_rename_to_a_name_another_pipeline_holds_fails_before_any_write(sim, run_playbook):
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop"), label="shop")
    plan.task(pipeline(name="store"), label="store")
    for check_mode in (True, False):
        plan.fails(pipeline(name="shop", new_name="store", owner="acme"),
                   "Cannot rename pipeline shop to store: pipeline store", requests=True, check_mode=check_mode,
                   label="taken name, check mode %s" % check_mode)
    plan.run()
    assert api(sim, "GET", "/pipelines/shop")[1]["owner"]["type"] == "user"


def test_transfer_to_a_team_in_check_mode_for_real_and_again(sim, run_playbook):
    seen = {}
    acme = api(sim, "GET", "/teams/acme")[1]
    staging = api(sim, "GET", "/teams/acme-staging")[1]
    account = api(sim, "GET", "/account")[1]
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop"), label="setup", status="changed")
    plan.checkpoint(lambda: seen.update(id=api(sim, "GET", "/pipelines/shop")[1]["id"]))
    # A team name is read once, for its id; a pipeline owned by the account costs one more read (its email) when
    # it changes hands.
    to_acme = plan.converge(pipeline(name="shop", owner="acme"), writes=lambda: [
        ("POST", "/pipeline-transfers", {"pipeline": {"id": seen["id"]}, "new_owner": {"id": acme["id"], "type": "team"}})],
        reads=[("GET", "/pipelines/shop"), ("GET", "/teams/acme")])
    to_staging = plan.converge(pipeline(name="shop", owner="acme-staging"), writes=lambda: [
        ("POST", "/pipeline-transfers", {"pipeline": {"id": seen["id"]}, "new_owner": {"id": staging["id"], "type": "team"}})],
        reads=[("GET", "/pipelines/shop"), ("GET", "/teams/acme-staging")])
    plan.run()
    assert to_acme.check["diff"] == {"before": {"owner": account["email"]}, "after": {"owner": "acme"}}
    assert to_acme.real["diff"] == to_acme.check["diff"]
    assert [(r["method"], r["path"]) for r in to_acme.real.requests] == [
        ("GET", "/pipelines/shop"), ("GET", "/teams/acme"), ("GET", "/account"), ("POST", "/pipeline-transfers")]
    for result in (to_acme.real, to_acme.again):
        assert (result["heroku_pipeline"]["owner"], result["heroku_pipeline"]["owner_type"],
                result["heroku_pipeline"]["owner_id"]) == ("acme", "team", acme["id"])
    assert to_staging.real["diff"] == {"before": {"owner": "acme"}, "after": {"owner": "acme-staging"}}
    assert api(sim, "GET", "/pipelines/shop")[1]["owner"] == {"id": staging["id"], "type": "team"}


def test_rename_and_transfer_together_and_an_unknown_team_refused_before_any_write(sim, run_playbook):
    seen = {}
    acme = api(sim, "GET", "/teams/acme")[1]
    plan = Playbook(run_playbook)
    plan.task(pipeline(name="shop"), label="setup", status="changed")
    plan.checkpoint(lambda: seen.update(id=api(sim, "GET", "/pipelines/shop")[1]["id"]))
    for check_mode in (True, False):
        plan.fails(pipeline(name="shop", new_name="shop-eu", owner="no-such-team"), "owner: team no-such-team was not found",
                   requests=True, check_mode=check_mode, label="unknown team, check mode %s" % check_mode)
    both = plan.converge(pipeline(name="shop", new_name="shop-eu", owner="acme"), writes=lambda: [
        ("PATCH", "/pipelines/%s" % seen["id"], {"name": "shop-eu"}),
        ("POST", "/pipeline-transfers", {"pipeline": {"id": seen["id"]}, "new_owner": {"id": acme["id"], "type": "team"}})],
        reads=[("GET", "/pipelines/shop"), ("GET", "/pipelines/shop-eu"), ("GET", "/teams/acme")])
    plan.run()
    assert both.real["diff"] == {"before": {"name": "shop", "owner": "ops@example.com"},
                                 "after": {"name": "shop-eu", "owner": "acme"}}


def test_bad_new_name_or_owner_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (pipeline(name="shop", new_name="Shop_EU"), "new_name='Shop_EU' is not a valid pipeline name"),
        (pipeline(name="shop", owner="Acme Team"), "owner='Acme Team' is not a valid team name"),
    ])
