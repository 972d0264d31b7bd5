# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Promotions of a pipeline's release to the next stage: the operation heroku_pipeline_promotion runs.

Heroku keeps no list of a pipeline's promotions. What a run must do is read from the
targets' latest releases: one that succeeded with the source's slug is done; one still
pending with it is a promotion of the same release under way, waited for, not sent again.

A target's release may run a release phase (its slug's ``release`` process type): the release
is pending while it runs, so a target has succeeded only once its release has. When the phase
fails the app keeps running its previous release; ``rollback_on_failure`` then makes that release
current again (a rollback is a new release), so that the failed one is no longer the app's latest.

``release`` names the source's release to promote (Heroku's ``source.release.id``), by version or id: the targets get
exactly it, even when the source got a newer one since. A target is already promoted when its latest release
succeeded with that release's slug (or OCI image on Fir), so a second run reads only.

A slug runs on Cedar and an OCI image on Fir: a promotion between apps of different generations fails before any
write. Their generations are read (one app read each) only when the run would promote, so a run that changes
nothing reads no more than before.
"""

from __future__ import annotations

import re

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError, HerokuInputError, HerokuStateError, HerokuWaitTimeout, wait_until)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Differs, Module, OnlyWith, Operation, Plan, required,
)
from ansible_collections.herokuops.platform.plugins.module_utils._pipeline import STAGES, app_names
from ansible_collections.herokuops.platform.plugins.module_utils._release import slug_of
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import name_of as generation_of

# Releases read per app, in one request: the latest, and the newest that succeeded among them (the one
# the app runs). More failed or pending releases than this in a row is no case for a second read.
RECENT_RELEASES = 20

# How ``release`` names a release: its version (12 or v12) or its id.
VERSION = re.compile(r"^v?([1-9][0-9]*)$")
RELEASE_ID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def validate(params):
    targets = params.get("targets")
    if targets is not None and not targets:
        raise HerokuInputError("targets is empty: name the apps to promote to, or leave it out to promote to the "
                               "next stage.", option="targets")
    if targets and len(set(targets)) != len(targets):
        raise HerokuInputError("targets names an app twice: list each target once.", option="targets")
    release = params.get("release")
    if release is not None and (isinstance(release, bool) or not isinstance(release, (int, str))
                                or not (VERSION.match(str(release)) or RELEASE_ID.match(str(release)))):
        raise HerokuInputError("release must be the version of a release of the source app (12 or v12) or its id "
                               "(a UUID), not %r." % (release,), option="release")


def image_of(release):
    """The id of the OCI image a release runs (a Fir app's), from its ``artifacts``; None when it has none."""
    return next((artifact.get("id") for artifact in (release or {}).get("artifacts") or ()
                 if artifact.get("type") == "oci-image"), None)


def artifact_of(release):
    """What a release runs, a slug (Cedar) or an OCI image (Fir): what a promotion copies to its targets."""
    return slug_of(release) or image_of(release)


# -- what the decision needs (reads) ------------------------------------------------------------

def coupling(client, pipeline, app):
    found = client.get_or_none(path("pipeline-coupling.info_by_app", app=app))
    if found is None or found["pipeline"]["id"] != pipeline["id"]:
        raise HerokuStateError("App %s is not coupled to pipeline %s." % (app, pipeline["name"]))
    return found


def recent(client, app):
    """The app's latest releases, newest first, in one request."""
    return client.list(path("release.list", app=app), range_field="version", descending=True, limit=RECENT_RELEASES)


def latest_and_running(releases):
    """The latest of ``releases`` ({} when none) and the newest that succeeded (None when none did)."""
    running = next((release for release in releases if release.get("status") == "succeeded"), None)
    return (releases[0] if releases else {}), running


def recent_releases(client, app):
    """The app's latest release ({} when it has none) and the newest that succeeded (None when none did)."""
    return latest_and_running(recent(client, app))


def chosen_release(client, params, source_app_id, releases):
    """The source's release that ``release`` names, found among its latest ``releases`` (read already), else read
    once: by its id, or by a version older than those listed. A version newer than the latest needs no read."""
    wanted, source = str(params["release"]), params["source"]
    version = VERSION.match(wanted)
    key, value = ("version", int(version.group(1))) if version else ("id", wanted.lower())
    found = next((release for release in releases if release.get(key) == value), None)
    newer = version and (not releases or value > releases[0]["version"])
    if found is None and not newer:
        found = client.get_or_none(path("release.info", app=source, release=value))
    if found is None or (found.get("app") or {}).get("id") not in (None, source_app_id):
        raise HerokuStateError("release %s is not a release of the source app %s." % (wanted, source))
    if found.get("status") != "succeeded":
        raise HerokuStateError("release %s (v%s) of the source app %s is %s: promote a release that succeeded." % (
            wanted, found.get("version"), source, found.get("status")))
    return found


def needs_promotion(target, artifact):
    """A target to promote: its latest release runs something else, or failed with the same."""
    latest = target["latest"]
    return artifact_of(latest) != artifact or latest.get("status") == "failed"


def check_generations(client, source, targets):
    """Fail unless the source and every target share a generation: a slug runs on Cedar, an OCI image on Fir.
    One app read each: team-apps answers (what named the targets) carry no generation."""
    def generation(app):
        return generation_of(client.get_or_none(path("app.info", app=app)))

    source_generation = generation(source)
    others = [(target["name"], generation(target["id"])) for target in targets]
    others = [(name, found) for name, found in others if found != source_generation]
    if others:
        raise HerokuStateError("Cannot promote from %s, a %s app, to %s: a promotion moves a release between apps of "
                               "the same generation (a Cedar slug does not run on Fir, nor a Fir OCI image on Cedar)." % (
                                   source, source_generation.capitalize(),
                                   ", ".join("%s, a %s app" % (name, found.capitalize()) for name, found in others)))


def next_stage_apps(client, pipeline, stage):
    following = STAGES[STAGES.index(stage) + 1:]
    if stage == "review" or not following:
        raise HerokuStateError("The source is in the %s stage, which promotes to no next stage: name the targets." % stage)
    couplings = client.list(path("pipeline-coupling.list_by_pipeline", pipeline=pipeline["id"]))
    # The next stage that holds apps: a pipeline without a staging stage promotes development to production.
    for next_stage in following:
        apps = [item["app"]["id"] for item in couplings if item["stage"] == next_stage]
        if apps:
            names = app_names(client, apps)
            return [(names[app_id], app_id) for app_id in apps]
    raise HerokuStateError("Pipeline %s has no apps in the stages after %s to promote to." % (pipeline["name"], stage))


def target_state(client, name, app_id):
    latest, running = recent_releases(client, name)
    return dict(name=name, id=app_id, latest=latest, running=running)


def read(client, params):
    pipeline = client.get_or_none(path("pipeline.info", pipeline=params["pipeline"]))
    if pipeline is None:
        raise HerokuStateError("Pipeline %s was not found." % params["pipeline"])
    source = coupling(client, pipeline, params["source"])
    if params.get("targets"):
        targets = [(name, coupling(client, pipeline, name)["app"]["id"]) for name in params["targets"]]
    else:
        targets = next_stage_apps(client, pipeline, source["stage"])
    releases = recent(client, params["source"])
    if params.get("release") is not None:
        release = chosen_release(client, params, source["app"]["id"], releases)
    else:
        # Heroku promotes the release the source runs, not a newer one whose release phase is still running.
        release = latest_and_running(releases)[1]
    if not artifact_of(release):
        raise HerokuStateError("App %s has no release with a slug or an OCI image to promote: deploy it first." % params["source"])
    states = [target_state(client, name, app_id) for name, app_id in targets]
    to_promote = [target for target in states if needs_promotion(target, artifact_of(release))]
    if to_promote:
        check_generations(client, params["source"], to_promote)
    return dict(pipeline=pipeline, source=source, release=release, targets=states)


# -- the decision (a hook) -----------------------------------------------------------------------

def plan(state, params):
    slug = artifact_of(state["release"])
    to_promote, skipped, in_flight = [], [], []
    for target in state["targets"]:
        latest = target["latest"]
        if needs_promotion(target, slug):
            to_promote.append(target)
        elif latest.get("status") == "pending":
            in_flight.append(target)
        else:
            skipped.append(target["name"])
    source = {"app": {"id": state["source"]["app"]["id"]}}
    if params.get("release") is not None:
        source["release"] = {"id": state["release"]["id"]}
    promotion = request("pipeline-promotion.create", {
        "pipeline": {"id": state["pipeline"]["id"]},
        "source": source,
        "targets": [{"app": {"id": target["id"]}} for target in to_promote],
    })
    return Plan(changed=bool(to_promote),
                diff=(dict(slugs=dict((target["name"], artifact_of(target["running"])) for target in to_promote)),
                      dict(slugs=dict((target["name"], slug) for target in to_promote))),
                work=dict(to_promote=to_promote, skipped=skipped, in_flight=in_flight),
                requests=(promotion,) if to_promote else ())


# -- the waits (readers and writers) -------------------------------------------------------------------


def is_pending(release):
    # A release the promotion made, known by its id only until it is read.
    return release.get("status", "pending") == "pending"


def unfinished(value):
    waiting = []
    if value["promotion"] is not None and value["promotion"]["status"] != "completed":
        waiting.append("promotion %s" % value["promotion"]["status"])
    waiting += ["%s release v%s pending" % (name, release.get("version", "?"))
                for name, release in sorted(value["releases"].items()) if is_pending(release)]
    return waiting


def settle(client, state, plan_, answers, params):
    """The promotion (the answer to the plan's request), then its targets' releases, and the releases under way,
    waited for in one loop when asked, so that wait_timeout bounds the whole wait; each is read again only while
    it is unfinished. Then, when asked, the rollback of each target whose release failed."""
    work = plan_.work
    promotion = answers[0] if answers else None
    app_ids = dict((target["name"], target["id"]) for target in work["to_promote"] + work["in_flight"])
    names = dict((app_id, name) for name, app_id in app_ids.items())
    current = dict(promotion=promotion, targets=None,
                   releases=dict((target["name"], target["latest"]) for target in work["in_flight"]))

    def read_targets():
        current["targets"] = client.list(path("pipeline-promotion-target.list", pipeline_promotion=current["promotion"]["id"]))
        for target in current["targets"]:
            if target.get("release") and target["app"]["id"] in names:
                current["releases"][names[target["app"]["id"]]] = dict(id=target["release"]["id"])

    def read_releases():
        for name in sorted(current["releases"]):
            if is_pending(current["releases"][name]):
                current["releases"][name] = client.get(
                    path("release.info", app=app_ids[name], release=current["releases"][name]["id"]))

    def poll():
        promoted = current["promotion"]
        if promoted is not None and promoted["status"] != "completed":
            promoted = current["promotion"] = client.get(path("pipeline-promotion.info", pipeline_promotion=promoted["id"]))
        # A completed promotion's target may still run its release phase: its release says when it ends.
        if promoted is not None and promoted["status"] == "completed" and current["targets"] is None:
            read_targets()
        read_releases()
        return current

    if not params["wait"]:
        return current
    what = "promotion from %s" % params["source"]
    try:
        wait_until(poll, lambda value: not unfinished(value), what=what, timeout=params["wait_timeout"],
                   describe=lambda value: ", ".join(unfinished(value)))
    except HerokuWaitTimeout:
        if current["targets"] is None and current["promotion"] is not None:
            # Name the releases the promotion still waits on: its targets', read once.
            read_targets()
            read_releases()
        raise HerokuWaitTimeout(what, params["wait_timeout"], ", ".join(unfinished(current)))
    if params["rollback_on_failure"]:
        current["rollbacks"] = roll_back(client, plan_, current, params)
    return current


def roll_back(client, plan_, outcome, params):
    """Target name -> the rollback release (or dict(error=...)) of each target whose release failed and that
    ran a release before; the rollbacks are waited for together, up to wait_timeout, as their own
    release phases may run."""
    targets = dict((target["name"], target) for target in plan_.work["to_promote"] + plan_.work["in_flight"])
    rollbacks = {}
    for result in outcomes(plan_, outcome):
        target = targets[result["app"]]
        if result["failed_release"] is None or target["running"] is None:
            continue
        try:
            rollbacks[target["name"]] = client.post(path("release.rollback", app=target["id"]),
                                                    {"release": target["running"]["id"]})
        except HerokuAPIError as exc:
            rollbacks[target["name"]] = dict(error=str(exc))

    def waiting(value):
        return ["%s release v%s pending" % (name, release["version"])
                for name, release in sorted(value.items()) if release.get("status") == "pending"]

    def poll():
        for name, release in sorted(rollbacks.items()):
            if release.get("status") == "pending":
                rollbacks[name] = client.get(path("release.info", app=targets[name]["id"], release=release["id"]))
        return rollbacks

    if waiting(rollbacks):
        try:
            wait_until(poll, lambda value: not waiting(value), what="rollbacks", timeout=params["wait_timeout"],
                       describe=lambda value: ", ".join(waiting(value)))
        except HerokuWaitTimeout:
            pass  # reported as still pending
    return rollbacks


# -- the result (hooks) -------------------------------------------------------------------------------

def target_outcome(name, record, release):
    """A target's result from what the promotion says of it (``record``) and its release: it has succeeded only
    once both have, and failed when either has."""
    statuses = [item["status"] for item in (record, release) if item and item.get("status")]
    status = "failed" if "failed" in statuses else "pending" if not statuses or "pending" in statuses else "succeeded"
    failed = release if release and release.get("status") == "failed" else None
    error = (record or {}).get("error_message")
    if failed and not error:
        # Heroku gives a release no error message of its own.
        error = "release v%s failed; the app keeps running its previous release." % failed["version"]
    return dict(app=name, status=status, error_message=error, rolled_back_to=None,
                failed_release=dict(id=failed["id"], version=failed["version"], status="failed") if failed else None)


def outcomes(plan_, outcome):
    """The result of each target, promoted by this run (in the order given) then awaited, before any rollback."""
    records = dict((target["app"]["id"], target) for target in outcome["targets"] or ())
    promoted = [target_outcome(target["name"], records.get(target["id"]), outcome["releases"].get(target["name"]))
                for target in plan_.work["to_promote"]] if outcome["promotion"] is not None else []
    return promoted + [target_outcome(target["name"], None, outcome["releases"][target["name"]])
                       for target in plan_.work["in_flight"]]


def rollback_note(result, target, rollback):
    if rollback is None:
        return "%s could not be rolled back: it ran no release before that succeeded." % result["app"]
    if "error" in rollback:
        return "%s could not be rolled back: %s" % (result["app"], rollback["error"])
    state = "still pending" if rollback["status"] == "pending" else rollback["status"]
    return "%s was rolled back to v%s (release v%s, %s)." % (result["app"], target["running"]["version"],
                                                             rollback["version"], state)


def report(state, plan_, outcome, params, check_mode):
    work = plan_.work
    payload = dict(id=None, status=None, skipped=work["skipped"], targets=[], promoted_release_ids={},
                   awaited=[target["name"] for target in work["in_flight"]],
                   source=dict(app=params["source"], release_version=state["release"].get("version"),
                               slug_id=slug_of(state["release"]), release_id=state["release"].get("id"),
                               oci_image=image_of(state["release"])))
    if outcome is not None:
        # The promotion targets' releases (and the awaited ones'), known by id once the promotion made them.
        payload["promoted_release_ids"] = dict((name, release["id"]) for name, release in sorted(outcome["releases"].items())
                                               if release.get("id"))
    if not work["to_promote"] and not work["in_flight"]:
        return payload, None
    if check_mode:
        payload["targets"] = [dict(app=target["name"], status=None, error_message=None, failed_release=None,
                                   rolled_back_to=None) for target in work["to_promote"]]
        payload["targets"] += [target_outcome(target["name"], None, target["latest"]) for target in work["in_flight"]]
        return payload, None
    if outcome["promotion"] is not None:
        payload.update(id=outcome["promotion"]["id"], status=outcome["promotion"]["status"])
    payload["targets"] = outcomes(plan_, outcome)
    failed = [result for result in payload["targets"] if result["status"] == "failed"]
    if not failed:
        return payload, None
    problem = "Promotion from %s failed for %s." % (params["source"], "; ".join(
        "%s: %s" % (result["app"], (result["error_message"] or "no message").rstrip(".")) for result in failed))
    if "rollbacks" in outcome:
        targets = dict((target["name"], target) for target in work["to_promote"] + work["in_flight"])
        notes = []
        for result in failed:
            if result["failed_release"] is None:
                continue
            target, rollback = targets[result["app"]], outcome["rollbacks"].get(result["app"])
            if rollback and "id" in rollback:
                result["rolled_back_to"] = dict(id=target["running"]["id"], version=target["running"]["version"],
                                                status=rollback["status"], release_version=rollback["version"])
            notes.append(rollback_note(result, target, rollback))
        problem = " ".join([problem] + notes)
    return payload, problem


PROMOTION = Operation(
    result_key="heroku_pipeline_promotion", result_keys=("id", "status", "source", "targets", "skipped", "awaited", "promoted_release_ids"),
    read=read, plan=plan, perform=None, settle=settle, report=report,
    names=dict(pipeline="pipeline", source="app", targets="app"), validate=validate, wait_timeout="wait_timeout",
    rules=(Differs("targets", "source", "targets names the source %(source)s: an app cannot be promoted to itself."),
           OnlyWith("rollback_on_failure", "wait", (True,), "rollback_on_failure needs wait=true: only a run that "
                                                            "waits learns which targets failed."),),
)

HEROKU_PIPELINE_PROMOTION = Module(PROMOTION, dict(
    pipeline=required(), source=required(), targets=dict(type="list", elements="str"),
    wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=600),
    rollback_on_failure=dict(type="bool", default=False), release=dict(type="raw"),
))
