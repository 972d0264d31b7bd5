# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's releases: the operation heroku_release runs (roll back, pin a slug or an OCI image) and heroku_release_info.

What an app runs is its current release's code and config vars. The code is a slug on a Cedar app and an OCI
image on a Fir app (named among the release's ``artifacts``); the generation table refuses the other kind before
any write, reading the app's generation only when a release is to be made. A task naming a slug or an image is
done when the current release carries it; one naming a version, when it carries that release's slug and
config vars too (a rollback restores both, and a bad config change is rolled back like bad code). One page of the newest releases
holds the current one and, for usual histories, the target; only a version further back costs
a GET of its own. A release whose process types include ``release`` stays pending while its
release phase runs, and the app keeps running its previous release until it succeeds.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError, HerokuInputError, HerokuStateError, HerokuWaitTimeout, wait_until,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Generations, Info, Module, Operation, Plan, Source, required, wait_options,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import UUID
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import Among, shape

RETURNED = dict(
    id=("id",), version=("version",), status=("status",), description=("description",), slug_id=("slug", "id"),
    current=("current",), user_email=("user", "email"), created_at=("created_at",),
    oci_image_id=Among(("artifacts",), "type", "oci-image", "id"),
)
# One page of the newest releases: the current one and the few before it, in one request.
PAGE = 50
# Lines of a failed release phase's output kept in the result, and the last of them shown in the message.
OUTPUT_LINES = 100
MESSAGE_LINES = 10


def validate(params):
    chosen = [option for option in ("version", "slug", "oci_image") if params.get(option) is not None]
    chosen += ["previous"] if params.get("previous") else []
    if len(chosen) != 1:
        raise HerokuInputError("Set exactly one of version, slug, oci_image or previous=true (%s given): what the app "
                               "should run." % (" and ".join(chosen) or "none"), option=chosen[-1] if chosen else "version")
    if params.get("description") is not None and not (params.get("slug") or params.get("oci_image")):
        raise HerokuInputError("description is only for a release of a slug or an OCI image: a rollback's description "
                               "is Heroku's own (Rollback to vN).", option="description")
    image = params.get("oci_image")
    if image is not None and not UUID.fullmatch(image):
        raise HerokuInputError("oci_image=%r is not an OCI image id: use the id Heroku gave the image, a lower case UUID "
                               "like 01234567-89ab-cdef-0123-456789abcdef." % image, option="oci_image")


# -- what the decision needs (reads) ------------------------------------------------------------

def slug_of(item):
    """The id of a release's or a build's slug; None when it has none."""
    return ((item or {}).get("slug") or {}).get("id")


def image_of(release):
    """The id of the OCI image a (Fir app's) release runs, named among its artifacts; None when it runs none."""
    return RETURNED["oci_image_id"].value(release)


def code_of(release):
    """What a release runs: its slug's id on Cedar, its OCI image's on Fir; None for one that carries no code."""
    return slug_of(release) or image_of(release)


def newest(client, app, limit=PAGE):
    found = client.list_or_none(path("release.list", app=app), range_field="version", descending=True, limit=limit)
    if found is None:
        raise HerokuStateError("App %s was not found." % app)
    return found


def current_of(releases):
    """The release an app runs, among its newest: the one Heroku marks current, else the newest that succeeded
    (one still in its release phase is not running yet)."""
    return (next((release for release in releases if release.get("current")), None)
            or next((release for release in releases if release.get("status") == "succeeded"), None))


def read(client, params):
    app = params["app"]
    releases = newest(client, app)
    if len(releases) == PAGE and not current_of(releases):
        # More than a page of pending or failed releases since the last that succeeded: rare, read them all.
        releases = newest(client, app, limit=None)
    current = current_of(releases)
    if current is None:
        raise HerokuStateError("App %s has no release that succeeded: nothing runs to roll back from." % app)
    state = dict(releases=releases, current=current, target=None)
    if params.get("version") is not None:
        state["target"] = next((release for release in releases if release["version"] == params["version"]), None)
        if state["target"] is None:
            state["target"] = client.get_or_none(path("release.info", app=app, release=params["version"]))
        if state["target"] is None:
            raise HerokuInputError("version=%s: app %s has no release v%s; its newest is v%s." % (
                params["version"], app, params["version"], releases[0]["version"]), option="version")
        if code_of(state["target"]) is None and state["target"]["id"] != current["id"]:
            # Such as v1, "Initial release": it carries no code. A rollback to it would not run it, and every run
            # would make another release.
            raise HerokuInputError("version=%s: release v%s of app %s (%s) has no slug: it carries no code to roll "
                                   "back to. Choose a release with a slug_id (herokuops.platform.heroku_release_info "
                                   "lists them)." % (params["version"], params["version"], app,
                                                     state["target"].get("description")), option="version")
        if state["target"]["id"] != current["id"] and code_of(state["target"]) == code_of(current):
            state["config_differs"] = config_difference(client, app, current, state["target"])
    elif params.get("previous"):
        state["target"] = previous_of(releases, current)
        if state["target"] is None and len(releases) == PAGE:
            state["target"] = previous_of(newest(client, app, limit=None), current)
        if state["target"] is None:
            raise HerokuStateError("App %s has no release with a slug that succeeded before v%s to roll back to."
                                   % (app, current["version"]))
    # A slug is not looked up first: Heroku releases any slug the account can read, another app's too
    # (copying a slug), and answers 404 to the create, which changes nothing, for one it cannot find.
    return state


def config_difference(client, app, current, target):
    """Names of the config vars that differ between two releases of the same slug. The values are compared
    here and kept nowhere: they are secrets."""
    now, then = (client.get(path("config-var.info_for_app_release", app=app, release=release["id"])) or {}
                 for release in (current, target))
    return sorted(name for name in set(now) | set(then) if now.get(name) != then.get(name))


def previous_of(releases, current):
    """The newest release before ``current`` that succeeded and carries code (a slug or an OCI image)."""
    return next((release for release in releases if release["status"] == "succeeded"
                 and release["version"] < current["version"] and code_of(release)), None)


# -- the decision (a hook) -----------------------------------------------------------------------

def summary(release):
    shown = dict(version=release.get("version"), slug_id=slug_of(release), description=release.get("description"))
    if image_of(release):
        shown["oci_image_id"] = image_of(release)
    return shown


def plan(state, params):
    current, target, releases = state["current"], state["target"], state["releases"]
    code = code_of(target) if target is not None else params.get("slug") or params.get("oci_image")
    before = summary(current)
    if not params.get("previous"):
        # Releases newer than the current one whose release phase runs: the newest becomes current if it succeeds.
        pending = [release for release in releases if release["version"] > current["version"] and release["status"] == "pending"]
        if pending and code_of(pending[0]) == code:
            # An earlier run's release of the code wanted: waited for, not sent again.
            return Plan(changed=False, diff=(before, summary(pending[0])), work=dict(awaited=pending[0]))
        if not pending and code_of(current) == code and not state.get("config_differs"):
            return Plan(changed=False, diff=(before, before), work={})
        # Else a release is made, also when the app runs the code wanted but a pending release of other code
        # would replace it (a deploy whose release phase hangs): the newer release is the one that stays.
    image = image_of(target) if target is not None else params.get("oci_image")
    if target is not None:
        body, operation = {"release": target["id"]}, "release.rollback"
        description = "Rollback to v%s" % target["version"]
    else:
        body, operation = ({"oci_image": image} if image else {"slug": code}), "release.create"
        description = params.get("description")
        if description is not None:
            body["description"] = description
    # Heroku numbers an app's releases one after the other: the new one follows the newest.
    after = dict(version=releases[0]["version"] + 1, slug_id=None if image else code, description=description)
    if image:
        after["oci_image_id"] = image
    if state.get("config_differs"):
        # Only the names: which config vars the rollback restores.
        before = dict(before, config_vars=[])
        after = dict(after, config_vars=state["config_differs"])
    return Plan(changed=True, diff=(before, after), work=dict(body=body),
                requests=(request(operation, body, app=params["app"]),))


# -- the wait (a reader) ------------------------------------------------------------------------------

def settle(client, state, plan_, answers, params):
    """The release this run made or awaits, waited for through its release phase when asked, with the tail of
    that phase's output when it failed or did not end in time."""
    release = answers[0] if answers else plan_.work.get("awaited")
    if release is None:
        return dict(release=state["current"], timed_out=None, output=[])
    timed_out = None
    if params["wait"] and release["status"] == "pending":
        where = path("release.info", app=params["app"], release=release["id"])
        seen = dict(release=release)

        def poll():
            seen["release"] = client.get(where)
            return seen["release"]

        try:
            release = wait_until(poll, lambda value: value["status"] != "pending",
                                 what="release v%s of app %s" % (release["version"], params["app"]),
                                 timeout=params["wait_timeout"], describe=lambda value: value["status"])
        except HerokuWaitTimeout as exc:
            release, timed_out = seen["release"], str(exc)
    output = []
    if (release["status"] == "failed" or timed_out) and release.get("output_stream_url"):
        output = output_tail(client, release["output_stream_url"])
    return dict(release=release, timed_out=timed_out, output=output)


def output_tail(client, url):
    """The last lines of a release phase's output. The stream is a signed URL, not the API: read without the key."""
    try:
        text = client.get_signed(url)
    except HerokuAPIError as exc:
        return ["(the release phase's output could not be read: %s)" % exc]
    return text.splitlines()[-OUTPUT_LINES:]


# -- the result (a hook) -------------------------------------------------------------------------------

def report(state, plan_, outcome, params, check_mode):
    previous = shape(RETURNED, state["current"])
    if check_mode or outcome is None:
        awaited = plan_.work.get("awaited")
        if awaited is not None:
            release = shape(RETURNED, awaited)
        elif plan_.changed:
            release = dict((key, None) for key in RETURNED)
            release.update((key, value) for key, value in plan_.diff[1].items() if key in RETURNED)
        else:
            release = shape(RETURNED, state["current"])
        return dict(release, previous_release=previous, output=[]), None
    release = outcome["release"]
    payload = dict(shape(RETURNED, release), previous_release=previous, output=outcome["output"])
    problem = None
    if outcome["timed_out"]:
        problem = "%s; app %s keeps running v%s." % (outcome["timed_out"], params["app"], state["current"]["version"])
    elif release["status"] == "failed":
        problem = ("Release v%s of app %s failed (status failed): its release phase failed and the app keeps running "
                   "v%s." % (release["version"], params["app"], state["current"]["version"]))
    if problem and outcome["output"]:
        problem += " Last lines of the release phase's output:\n" + "\n".join(outcome["output"][-MESSAGE_LINES:])
    return payload, problem


RELEASE = Operation(
    result_key="heroku_release", result_keys=tuple(RETURNED) + ("previous_release", "output"),
    read=read, plan=plan, perform=None, settle=settle, report=report,
    names=dict(app="app", slug=("slug", False), version=("range", (1,))), validate=validate, wait_timeout="wait_timeout",
    # A Cedar app runs slugs and a Fir app OCI images: the app's generation is read only when a release is to be made.
    generations=Generations("release", "app", parent="app", parent_read="app.info",
                            described=dict(slug="A release of a slug (slug)", oci_image="A release of an OCI image (oci_image)")),
)

HEROKU_RELEASE = Module(RELEASE, dict(
    app=required(), version=dict(type="int"), slug=dict(type="str"), previous=dict(type="bool", default=False),
    description=dict(type="str"), **wait_options(default_timeout=600), oci_image=dict(type="str"),
))


HEROKU_RELEASE_INFO = Module(Info(
    result_key="heroku_release_info", returned=RETURNED,
    names=dict(app="app", version=("range", (1,)), limit=("range", (0,))),
    sources=(Source("version", "release.info", single=True,
                    missing="version=%(version)s: app %(app)s has no release v%(version)s, or there is no app %(app)s."),
             Source(None, "release.list", missing="App %(app)s was not found.",
                    newest_first="version", limit="limit")),
), dict(app=required(), version=dict(type="int"), limit=dict(type="int", default=20)))
