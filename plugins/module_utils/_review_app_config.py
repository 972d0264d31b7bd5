# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A pipeline's review-app settings: the spec of heroku_review_app_config and heroku_review_app_config_info.

Heroku keeps one review-app configuration per pipeline, at ``/pipelines/{id}/review-app-config``: its paths take
the pipeline's id only, and it has no id of its own. Enabling review apps (a POST) names the GitHub repository the
pipeline is connected to; later changes are a PATCH of the settings given; a DELETE turns review apps off. Heroku
answers "Not found" to enabling them on a pipeline that is not connected to GitHub, so the module reads the
connection first, as the Heroku CLI's ``reviewapps:enable`` does (``pipeline-repository.info``, which Heroku's
schema does not list), and fails before any write when there is none. A deploy target is named by the user (a
space's name, a Common Runtime region's) and held by Heroku by id (a region's UUID, whatever named it): the look-up
reads what maps one to the other. A Fir pipeline (one of Fir apps) has no predictable review app names:
``base_name`` fails there before any write (heroku_generations.REFUSED).

Hooks, and the word each stands for that the vocabulary lacks:
- ``lookup`` (reader): a resource addressed by its parent's id where the task names the parent (the pipeline by
  name), a precondition read before any write (the GitHub connection), review apps that are off as a resource
  still to be turned on (so that turning them on is a change of the one ``state`` field), and the names of the
  deploy targets involved.
- ``update_requests``: turning on is another operation than changing (POST with the repository, then PATCH), and
  a deploy target's body takes the id the look-up read.
- ``view``: ``enabled`` is whether Heroku holds a configuration, and a deploy target shows by name (the _info
  twin's ``settle`` uses it too).
- ``validate``: the space name inside ``deploy_target`` (``names`` checks top-level options only).
- the _info twin's ``settle`` (reader): the second read takes the first one's id (a Source's placeholders take
  options).
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    EMPTY_IS_NONE, Field, Generations, Info, Module, OnlyWith, Paths, Resource, Source, required, state_option, switch_of,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import shape

RETURNED = dict(
    pipeline=("pipeline", "name"), pipeline_id=("pipeline", "id"), enabled=("repo",), repo_id=("repo", "id"),
    automatic=("automatic_review_apps",), destroy_stale_apps=("destroy_stale_apps",), stale_days=("stale_days",),
    wait_for_ci=("wait_for_ci",), base_name=("base_name",), deploy_target=("deploy_target",),
)

# Review apps that are off: nothing Heroku holds, every setting unknown until they are turned on.
OFF = dict(repo=None, automatic_review_apps=None, destroy_stale_apps=None, stale_days=None, wait_for_ci=None,
           base_name=None, deploy_target=None)
# Heroku destroys stale review apps after 1 to 30 days without a deploy.
STALE_DAYS = (1, 30, " days")
# The Common Runtime regions review apps run in outside a space.
REGIONS = ["eu", "us"]


def validate(params):
    check_name("deploy_target.space", (params.get("deploy_target") or {}).get("space"), "space", ids=False)


# -- readers -------------------------------------------------------------------------------------

def lookup(client, params):
    """The configuration with its pipeline and the names of its deploy targets; review apps that are off are the
    ``OFF`` settings and the pipeline's GitHub connection (none fails here, before any write)."""
    absent = params["state"] == "absent"
    pipeline = client.get_or_none(path("pipeline.info", pipeline=params["pipeline"]))
    if pipeline is None:
        if absent:
            return None
        raise HerokuStateError("Pipeline %s was not found, or your account cannot see it." % params["pipeline"])
    config = client.get_or_none(path("review-app-config.info", pipeline=pipeline["id"]))
    if config is None:
        if absent:
            return None
        config = dict(OFF, pipeline_id=pipeline["id"], repository=connection(client, pipeline, params))
    return complete(client, pipeline, config, {} if absent else params.get("deploy_target") or {})


def connection(client, pipeline, params):
    """The GitHub repository the pipeline is connected to, which review apps are made from."""
    repository = client.get_or_none(path("pipeline-repository.info", pipeline=pipeline["id"]))
    if repository is None:
        raise HerokuStateError(
            "Pipeline %s is not connected to a GitHub repository, and Heroku turns review apps on only for a pipeline "
            "that is: connect it first (the pipeline's page in Heroku's Dashboard, or heroku pipelines:connect %s "
            "--repo OWNER/NAME), then run this task again. (Heroku's API tells a pipeline's connection where the "
            "account's Heroku Labs feature dashboard-repositories-api is on: herokuops.platform.heroku_feature turns "
            "it on.)" % (pipeline["name"], pipeline["name"]))
    wanted = params.get("repo")
    if wanted and wanted.lower() != repository["full_name"].lower():
        raise HerokuStateError(
            "repo: pipeline %s is connected to the GitHub repository %s, not %s, and Heroku makes review apps from "
            "the connected repository only: leave repo out, or connect the pipeline to %s first." % (
                pipeline["name"], repository["full_name"], wanted, wanted))
    return repository


def complete(client, pipeline, config, wanted):
    """``config`` with its pipeline and ``targets``: the id -> the name as the option gives it ({"space": name} or
    {"region": name}) of the target the task wants and of the one Heroku holds, each read once."""
    names = {}
    if wanted.get("space"):
        space = client.get_or_none(path("space.info", space=wanted["space"]))
        if space is None:
            raise HerokuStateError("deploy_target: space %s was not found, or your account cannot see it."
                                   % wanted["space"])
        names[space["id"]] = {"space": space["name"]}
    if wanted.get("region"):
        region = client.get(path("region.info", region=wanted["region"]))
        names[region["id"]] = {"region": region["name"]}
    held = config.get("deploy_target")
    if held and held["id"] not in names:
        kind = "space" if held["type"] == "space" else "region"
        found = client.get_or_none(path(kind + ".info", **{kind: held["id"]}))
        names[held["id"]] = {kind: found["name"] if found else held["id"]}
    return dict(config, pipeline=dict(id=pipeline["id"], name=pipeline["name"]), generation=pipeline.get("generation"),
                targets=names)


def settle(client, reps, params):
    """The _info twin: the pipeline read becomes its review-app configuration as the module shows it (review apps
    that are off: ``OFF``)."""
    pipeline = reps[0]
    config = client.get_or_none(path("review-app-config.info", pipeline=pipeline["id"]))
    return [view(complete(client, pipeline, config or dict(OFF, pipeline_id=pipeline["id"]), {}), params)], None


# -- hooks ---------------------------------------------------------------------------------------

def update_requests(rep, body, params):
    """Turning review apps on: one POST with the connected repository and every setting the task gives; later,
    one PATCH of the settings that changed."""
    body = dict(body)
    turning_on = body.pop("state", None) is not None
    if "deploy_target" in body:
        body["deploy_target"] = target_body(rep, params["deploy_target"])
    if turning_on:
        return [request("review-app-config.enable", dict(body, repo=rep["repository"]["full_name"]),
                        pipeline=rep["pipeline"]["id"])]
    return [request("review-app-config.update", body, pipeline=rep["pipeline"]["id"])]


def target_body(rep, wanted):
    """Heroku's deploy target: a space by the id the look-up read, a region by its name."""
    if wanted.get("region"):
        return {"id": wanted["region"], "type": "region"}
    space = next(key for key, name in rep["targets"].items() if name == {"space": wanted["space"]})
    return {"id": space, "type": "space"}


def view(rep, params):
    item = shape(RETURNED, rep, params)
    item["enabled"] = rep.get("repo") is not None
    held = rep.get("deploy_target")
    item["deploy_target"] = dict(rep["targets"].get(held["id"]) or {held["type"]: held["id"]}) if held else None
    return item


REVIEW_APP_CONFIG = Resource(
    noun="review-app configuration", result_key="heroku_review_app_config", returned=RETURNED,
    paths=Paths(item="review-app-config.info", create="review-app-config.enable", update="review-app-config.update"),
    identity="pipeline", address=("pipeline_id",),
    fields=(
        # state: present turns review apps on (once), absent off: the runner's DELETE of what the look-up found.
        Field("state", key="enabled", create=False, codec=switch_of("present", (True,))),
        Field("automatic", body_key="automatic_review_apps"),
        Field("destroy_stale_apps"),
        Field("stale_days"),
        Field("wait_for_ci"),
        # "" clears it (Heroku then names review apps after the pipeline).
        Field("base_name", codec=EMPTY_IS_NONE),
        Field("deploy_target"),
    ),
    names=dict(pipeline="pipeline", repo="github_repo", stale_days=("range", STALE_DAYS), base_name=("app", False)),
    rules=(OnlyWith("stale_days", "destroy_stale_apps", (True,),
                    "stale_days goes with destroy_stale_apps: true (Heroku destroys no stale review app otherwise)."),),
    validate=validate, lookup=lookup, update_requests=update_requests, view=view,
    # A Fir pipeline's review apps have no predictable names: base_name fails before any write.
    generations=Generations("pipeline", "pipeline"),
)

HEROKU_REVIEW_APP_CONFIG = Module(REVIEW_APP_CONFIG, dict(
    pipeline=required(), state=state_option(), repo=dict(type="str"), automatic=dict(type="bool"),
    destroy_stale_apps=dict(type="bool"), stale_days=dict(type="int"), wait_for_ci=dict(type="bool"),
    base_name=dict(type="str"),
    deploy_target=dict(type="dict", options=dict(space=dict(type="str"), region=dict(type="str", choices=REGIONS)),
                       mutually_exclusive=[("space", "region")], required_one_of=[("space", "region")]),
))

HEROKU_REVIEW_APP_CONFIG_INFO = Module(Info(
    # settle gives each item as the module's result shows it: every key is its own.
    result_key="heroku_review_app_config_info", as_list=False, returned=dict((key, (key,)) for key in RETURNED),
    names=dict(pipeline="pipeline"),
    sources=(Source("pipeline", "pipeline.info", single=True, missing="Pipeline %(pipeline)s was not found."),),
    settle=settle,
), dict(pipeline=required()))
