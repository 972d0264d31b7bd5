# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Promotions of a pipeline's release to the next stage: the operation heroku_pipeline_promotion runs.

Heroku keeps no list of a pipeline's promotions. What a run must do is read from the
targets' latest releases: one that succeeded with the source's slug is done; one still
pending with it is a promotion of the same release under way, waited for, not sent again.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError, api_path, wait_until
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module, Operation, Plan, required
from ansible_collections.herokuops.platform.plugins.module_utils._pipeline import STAGES, app_names


def validate(params):
    targets = params.get("targets")
    if targets is not None and not targets:
        raise HerokuInputError("targets is empty: name the apps to promote to, or leave it out to promote to the "
                               "next stage.", option="targets")
    if params["source"] in (targets or ()):
        raise HerokuInputError("targets names the source %s: an app cannot be promoted to itself." % params["source"],
                               option="targets")
    if targets and len(set(targets)) != len(targets):
        raise HerokuInputError("targets names an app twice: list each target once.", option="targets")


# -- what the decision needs (reads) ------------------------------------------------------------

def coupling(client, pipeline, app):
    found = client.get_or_none(api_path("/apps/{}/pipeline-couplings", app))
    if found is None or found["pipeline"]["id"] != pipeline["id"]:
        raise HerokuStateError("App %s is not coupled to pipeline %s." % (app, pipeline["name"]))
    return found


def latest_release(client, app):
    releases = client.list(api_path("/apps/{}/releases", app), range_field="version", descending=True, limit=1)
    return releases[0] if releases else {}


def slug_of(release):
    return (release.get("slug") or {}).get("id")


def next_stage_apps(client, pipeline, stage):
    following = STAGES[STAGES.index(stage) + 1:]
    if stage == "review" or not following:
        raise HerokuStateError("The source is in the %s stage, which promotes to no next stage: name the targets." % stage)
    couplings = client.list(api_path("/pipelines/{}/pipeline-couplings", pipeline["id"]))
    # The next stage that holds apps: a pipeline without a staging stage promotes development to production.
    for next_stage in following:
        apps = [item["app"]["id"] for item in couplings if item["stage"] == next_stage]
        if apps:
            names = app_names(client, apps)
            return [(names[app_id], app_id) for app_id in apps]
    raise HerokuStateError("Pipeline %s has no apps in the stages after %s to promote to." % (pipeline["name"], stage))


def read(client, params):
    pipeline = client.get_or_none(api_path("/pipelines/{}", params["pipeline"]))
    if pipeline is None:
        raise HerokuStateError("Pipeline %s was not found." % params["pipeline"])
    source = coupling(client, pipeline, params["source"])
    if params.get("targets"):
        targets = [(name, coupling(client, pipeline, name)["app"]["id"]) for name in params["targets"]]
    else:
        targets = next_stage_apps(client, pipeline, source["stage"])
    release = latest_release(client, params["source"])
    if not slug_of(release):
        raise HerokuStateError("App %s has no release with a slug to promote: deploy it first." % params["source"])
    return dict(pipeline=pipeline, source=source, release=release,
                targets=[(name, app_id, latest_release(client, name)) for name, app_id in targets])


# -- the decision (a hook) -----------------------------------------------------------------------

def plan(state, params):
    slug = slug_of(state["release"])
    to_promote, skipped, in_flight = [], [], []
    for name, app_id, latest in state["targets"]:
        if slug_of(latest) != slug or latest.get("status") == "failed":
            to_promote.append((name, app_id, slug_of(latest)))
        elif latest.get("status") == "pending":
            in_flight.append((name, app_id, latest))
        else:
            skipped.append(name)
    return Plan(changed=bool(to_promote),
                diff=(dict(slugs=dict((name, current) for name, _app_id, current in to_promote)),
                      dict(slugs=dict((name, slug) for name, _app_id, _current in to_promote))),
                work=dict(to_promote=to_promote, skipped=skipped, in_flight=in_flight))


# -- the writes and the wait (readers and writers) ---------------------------------------------------

def perform(client, state, plan_, params):
    return client.post("/pipeline-promotions", {
        "pipeline": {"id": state["pipeline"]["id"]},
        "source": {"app": {"id": state["source"]["app"]["id"]}},
        "targets": [{"app": {"id": app_id}} for _name, app_id, _slug in plan_.work["to_promote"]],
    })


def settle(client, state, plan_, promotion, params):
    """The promotion and the releases under way, waited for in one loop when asked, so that wait_timeout
    bounds the whole wait; each is read again only while it is unfinished."""
    app_ids = dict((name, app_id) for name, app_id, _latest in plan_.work["in_flight"])
    current = dict(promotion=promotion, releases=dict((name, latest) for name, _app_id, latest in plan_.work["in_flight"]))

    def unfinished(value):
        waiting = []
        if value["promotion"] is not None and value["promotion"]["status"] != "completed":
            waiting.append("promotion %s" % value["promotion"]["status"])
        waiting += ["%s release v%s pending" % (name, release["version"])
                    for name, release in sorted(value["releases"].items()) if release["status"] == "pending"]
        return waiting

    def poll():
        if current["promotion"] is not None and current["promotion"]["status"] != "completed":
            current["promotion"] = client.get(api_path("/pipeline-promotions/{}", current["promotion"]["id"]))
        for name in sorted(current["releases"]):
            if current["releases"][name]["status"] == "pending":
                current["releases"][name] = client.get(
                    api_path("/apps/{}/releases/{}", app_ids[name], current["releases"][name]["id"]))
        return current

    if params["wait"] and unfinished(current):
        wait_until(poll, lambda value: not unfinished(value), what="promotion from %s" % params["source"],
                   timeout=params["wait_timeout"], describe=lambda value: ", ".join(unfinished(value)))
    promoted = current["promotion"]
    if promoted is not None and promoted["status"] == "completed":
        current["targets"] = client.list(api_path("/pipeline-promotions/{}/promotion-targets", promoted["id"]))
    return current


# -- the result (a hook) -------------------------------------------------------------------------------

def release_outcome(name, release):
    # A release phase that fails leaves the release failed and the app on its previous release;
    # Heroku gives a release no error message of its own.
    error = None
    if release["status"] == "failed":
        error = "release v%s failed; the app keeps running its previous release." % release["version"]
    return dict(app=name, status=release["status"], error_message=error)


def report(state, plan_, outcome, params, check_mode):
    work = plan_.work
    payload = dict(id=None, status=None, skipped=work["skipped"], targets=[],
                   awaited=[name for name, _app_id, _latest in work["in_flight"]],
                   source=dict(app=params["source"], release_version=state["release"].get("version"),
                               slug_id=slug_of(state["release"])))
    if not work["to_promote"] and not work["in_flight"]:
        return payload, None
    if check_mode:
        payload["targets"] = [dict(app=name, status=None, error_message=None) for name, _app_id, _slug in work["to_promote"]]
        payload["targets"] += [release_outcome(name, latest) for name, _app_id, latest in work["in_flight"]]
        return payload, None
    promotion = outcome["promotion"]
    if promotion is not None:
        names = dict((app_id, name) for name, app_id, _slug in work["to_promote"])
        if "targets" in outcome:
            targets = [dict(app=names.get(target["app"]["id"], target["app"]["id"]), status=target["status"],
                            error_message=target.get("error_message")) for target in outcome["targets"]]
        else:
            targets = [dict(app=name, status="pending", error_message=None) for name, _app_id, _slug in work["to_promote"]]
        payload.update(id=promotion["id"], status=promotion["status"], targets=targets)
    payload["targets"] += [release_outcome(name, outcome["releases"][name]) for name, _app_id, _latest in work["in_flight"]]
    failed = [target for target in payload["targets"] if target["status"] == "failed"]
    problem = None
    if failed:
        problem = "Promotion from %s failed for %s." % (params["source"], "; ".join(
            "%s: %s" % (target["app"], target["error_message"] or "no message") for target in failed))
    return payload, problem


PROMOTION = Operation(
    result_key="heroku_pipeline_promotion", result_keys=("id", "status", "source", "targets", "skipped", "awaited"),
    read=read, plan=plan, perform=perform, settle=settle, report=report,
    names=dict(pipeline="pipeline", source="app", targets="app"), validate=validate, wait_timeout="wait_timeout",
)

HEROKU_PIPELINE_PROMOTION = Module(PROMOTION, dict(
    pipeline=required(), source=required(), targets=dict(type="list", elements="str"),
    wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=600),
))
