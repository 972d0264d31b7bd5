# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Pipelines and the apps coupled to their stages: the spec of heroku_pipeline and heroku_pipeline_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request, send
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Info, Module, Paths, Reading, Resource, Section, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import as_config_value
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_config, check_name

RETURNED = dict(
    id=("id",), name=("name",), owner_type=("owner", "type"), owner_id=("owner", "id"),
    created_at=("created_at",), updated_at=("updated_at",),
)

# In the order an app's code moves through them.
STAGES = ("review", "development", "staging", "production")


def check_stage(option, stage):
    if stage not in STAGES:
        raise HerokuInputError("%s.%s is not a pipeline stage: use %s." % (option, stage, ", ".join(STAGES)), option=option)


def validate(params):
    for stage, config in (params.get("stage_config_vars") or {}).items():
        check_stage("stage_config_vars", stage)
        if not isinstance(config, dict):
            raise HerokuInputError("stage_config_vars.%s must map names to strings, numbers, booleans or null."
                                   % stage, option="stage_config_vars")
        check_config("stage_config_vars.%s" % stage, config)
    seen = {}
    for stage, apps in (params.get("stages") or {}).items():
        check_stage("stages", stage)
        if not isinstance(apps, list) or not all(isinstance(app, str) for app in apps):
            raise HerokuInputError("stages.%s must be a list of app names." % stage, option="stages")
        for app in apps:
            check_name("stages.%s" % stage, app, "app", ids=False)
            if app in seen:
                raise HerokuInputError("stages: app %s is listed in both %s and %s; an app stands in one stage." % (
                    app, seen[app], stage), option="stages")
            seen[app] = stage


def desired(params):
    wanted = {}
    if params.get("stages") is not None:
        wanted["stages"] = dict((stage, sorted(apps)) for stage, apps in params["stages"].items())
    for option in ("new_name", "owner"):
        if params.get(option) is not None:
            wanted[option] = params[option]
    if params.get("stage_config_vars") is not None:
        wanted["stage_config_vars"] = dict(
            (stage, dict((key, as_config_value(value)) for key, value in config.items()))
            for stage, config in params["stage_config_vars"].items())
    return wanted


def adjust(wanted, current, params, reads):
    if params["purge_couplings"] and "stages" in wanted:
        # Every stage that holds apps is compared, so unlisted apps show as removed.
        stages = dict((stage, []) for stage in current.get("stages", {}))
        stages.update(wanted["stages"])
        wanted = dict(wanted, stages=stages)
    return wanted


def team_owner(client, team):
    """Heroku's pipeline owner for a team name: it takes the team's id only."""
    return {"id": client.get(path("team.info", team=team))["id"], "type": "team"}


# -- readers and writers ---------------------------------------------------------------------

def refuse_a_taken_name(client, found, params, check_mode):
    """A rename whose new name another pipeline holds fails before any write, naming both (Heroku would refuse the
    update only after the other writes of the run). One read, on a run that renames only."""
    new_name = params.get("new_name")
    if found is None or not new_name or found["name"] == new_name or params["state"] == "absent":
        return []
    taken = client.get_or_none(path("pipeline.info", pipeline=new_name))
    if taken is not None:
        raise HerokuStateError("Cannot rename pipeline %s to %s: pipeline %s (%s) exists already. Rename or delete "
                               "one of them first." % (found["name"], new_name, new_name, taken["id"]))
    return []


def read_owner(client, rep, params):
    """The owner as the option names it: a team's name (a user's email or id where a user owns the pipeline).

    One read of the team the task names, which gives its id (an unknown team fails here, before any write); a
    pipeline owned by someone else costs one more read, for the name the diff shows as before."""
    team = client.get_or_none(path("team.info", team=params["owner"]))
    if team is None:
        raise HerokuStateError("owner: team %s was not found, or your account cannot see it." % params["owner"])
    owner = rep.get("owner") or {}
    if owner.get("type") == "team":
        held = team["name"] if owner["id"] == team["id"] else client.get(path("team.info", team=owner["id"]))["name"]
    else:
        account = client.get(path("account.info"))
        held = account["email"] if account["id"] == owner.get("id") else owner.get("id")
    return Reading(held, context=team["id"])


def transfer_owner(client, rep, before, after, params, team_id):
    """One pipeline transfer to the team. Heroku's answer names the new owner, not the pipeline: the representation
    takes it, so the result shows the owner as it is now without a second read."""
    answer, = send(client, [request("pipeline-transfer.create", {
        "pipeline": {"id": rep["id"]}, "new_owner": {"id": team_id, "type": "team"}})])
    rep["owner"] = (answer or {}).get("new_owner") or {"id": team_id, "type": "team"}


def app_names(client, app_ids):
    """App id -> name for the ids a list gave (pipeline couplings name apps by id only), in one request.

    An id Heroku does not answer for (an app deleted meanwhile) stands for its own name.
    """
    names = dict((app_id, app_id) for app_id in app_ids)
    if names:
        query = {"in": {"id": sorted(names)}}
        names.update((app["id"], app["name"]) for app in client.list(path("filter-apps.apps"), query=query))
    return names


def couplings_by_app(client, pipeline):
    """App name -> coupling, for every app of the pipeline: one list and one read of their names."""
    couplings = client.list(path("pipeline-coupling.list_by_pipeline", pipeline=pipeline["id"]))
    names = app_names(client, [coupling["app"]["id"] for coupling in couplings])
    return dict((names[coupling["app"]["id"]], coupling) for coupling in couplings)


def stages_of(couplings):
    stages = {}
    for app, coupling in couplings.items():
        stages.setdefault(coupling["stage"], []).append(app)
    return dict((stage, sorted(apps)) for stage, apps in stages.items())


def read_stages(client, rep, params):
    """Stage -> the listed apps coupled there (with purge_couplings, every coupled app)."""
    listed = set(app for apps in params["stages"].values() for app in apps)
    couplings = dict((app, coupling) for app, coupling in couplings_by_app(client, rep).items()
                     if app in listed or params["purge_couplings"])
    # Only an app about to be coupled costs a read: Heroku couples an app to one pipeline at a time,
    # and check mode should say so as the real run would.
    for app in sorted(listed - set(couplings)):
        elsewhere = client.get_or_none(path("pipeline-coupling.info_by_app", app=app))
        if elsewhere is not None:
            raise HerokuStateError("App %s is coupled to another pipeline (%s). Heroku couples an app to one pipeline "
                                   "at a time: remove it from that pipeline first." % (app, elsewhere["pipeline"]["id"]))
    stages = dict((stage, []) for stage in params["stages"])
    stages.update(stages_of(couplings))
    return Reading(stages, context=couplings)


def write_stages(client, rep, before, after, params, couplings):
    for stage, apps in after.items():
        for app in apps:
            coupling = couplings.get(app)
            if coupling is None:
                send(client, [request("pipeline-coupling.create", {"app": app, "pipeline": rep["id"], "stage": stage})])
            elif coupling["stage"] != stage:
                send(client, [request("pipeline-coupling.update", {"stage": stage}, pipeline_coupling=coupling["id"])])
    if params["purge_couplings"]:
        listed = set(app for apps in params["stages"].values() for app in apps)
        for app, coupling in sorted(couplings.items()):
            if app not in listed:
                send(client, [request("pipeline-coupling.delete", pipeline_coupling=coupling["id"])])


def read_all_stages(client, rep):
    return stages_of(couplings_by_app(client, rep))


PIPELINE = Resource(
    noun="pipeline", result_key="heroku_pipeline", returned=RETURNED,
    paths=Paths(item="pipeline.info", create="pipeline.create", update="pipeline.update"),
    identity="name", rename="new_name",
    fields=(Field("owner", create_only=True, resolve=team_owner), Field("new_name", key="name", body_key="name", create=False)),
    sections=(
        # Compared by the team's id; changed by one pipeline transfer.
        Section("owner", read_owner, transfer_owner),
        Section("stages", read_stages, write_stages),
        # Each stage's config vars: read for each stage the task names, patched for each that changes.
        Section("stage_config_vars", "pipeline-config-var.info_for_app", "pipeline-config-var.update", secret=True,
                each="stage"),
    ),
    names=dict(name="pipeline", new_name=("pipeline", False), owner="team"), reveal="show_values", validate=validate,
    desired=desired, adjust=adjust, review=refuse_a_taken_name,
)

HEROKU_PIPELINE = Module(PIPELINE, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), owner=dict(type="str"), stages=dict(type="dict"),
    stage_config_vars=dict(type="dict"), show_values=dict(type="bool", default=False),
    purge_couplings=dict(type="bool", default=False),
))

HEROKU_PIPELINE_INFO = Module(Info(
    result_key="heroku_pipeline_info", returned=RETURNED, names=dict(name="pipeline"),
    sources=(Source("name", "pipeline.info", single=True), Source(None, "pipeline.list")),
    details=(Detail("stages", read_all_stages),),
), dict(name=dict(type="str")))
