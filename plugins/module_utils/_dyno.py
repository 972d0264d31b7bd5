# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's dynos: the operations of heroku_dyno (restart, stop, run a one-off dyno) and heroku_dyno_info.

Restarts, stops and runs are actions, not states: performed, they always change something.
Heroku tells nothing of how a detached one-off dyno's command ended (no exit code, no exit
status): what can be known is whether and when the dyno was gone, or crashed.
"""

from __future__ import annotations

import time

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    MASK, HerokuAPIError, HerokuInputError, HerokuStateError, HerokuWaitTimeout, wait_until,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Info, Module, OnlyWith, Operation, Plan, Source, required,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import as_config_value
from ansible_collections.herokuops.platform.plugins.module_utils._formation import DYNO_SIZES
from ansible_collections.herokuops.platform.plugins.module_utils._release import current_of

# Heroku's ceiling on a one-off dyno's time_to_live (24 hours).
MAX_TIME_TO_LIVE = 86400
RUN_OPTIONS = ("command", "size", "env", "time_to_live")
# States in which a one-off dyno's command has ended while the dyno is still listed.
ENDED = ("crashed", "down")

# What goes with which state, checked before any request.
RULES = tuple(
    OnlyWith(option, "state", ("restarted", "stopped"), "%s is for state=restarted and state=stopped; state=run starts "
                                                        "a new one-off dyno (of type run) for command." % option)
    for option in ("type", "name")
) + (OnlyWith("wait", "state", ("run",), "wait is only for state=run (a one-off dyno); to wait until restarted dynos "
                                         "are up, use herokuops.platform.heroku_dyno_info with wait=true."),) + tuple(
    OnlyWith(option, "state", ("run",), "%s is only for state=run (a one-off dyno); this task has state=%%(state)s."
             % option)
    for option in RUN_OPTIONS
)


# -- what the decision needs (reads) ------------------------------------------------------------------

def dynos_of(client, app):
    found = client.list_or_none(path("dyno.list", app=app))
    if found is None:
        raise HerokuStateError("App %s was not found." % app)
    return found


def formation_of(client, app):
    return client.list(path("formation.list", app=app))


def check_type(ptype, app, formation, dynos):
    """Refuse a process type the app has neither in its formation nor among its running one-off dynos (run)."""
    known = sorted(set(item["type"] for item in formation) | set(dyno["type"] for dyno in dynos))
    if ptype not in known:
        raise HerokuInputError("type=%s: app %s has no such process type. Its process types: %s." % (
            ptype, app, ", ".join(known) or "none (deploy code first)"), option="type")


def names(dynos, most=20):
    """The dynos' names for a message; an app may run hundreds."""
    listed = sorted(dyno["name"] for dyno in dynos)
    more = " and %d more" % (len(listed) - most) if len(listed) > most else ""
    return (", ".join(listed[:most]) or "none") + more


def read(client, params):
    app = params["app"]
    if params["state"] == "run":
        if client.get_or_none(path("app.info", app=app)) is None:
            raise HerokuStateError("App %s was not found." % app)
        return dict(dynos=[])
    dynos = dynos_of(client, app)
    if params.get("type"):
        # The formation's types, and those of running one-off dynos (run): both can be restarted or stopped.
        check_type(params["type"], app, formation_of(client, app), dynos)
        return dict(dynos=[dyno for dyno in dynos if dyno["type"] == params["type"]])
    if params.get("name"):
        named = [dyno for dyno in dynos if params["name"] in (dyno["name"], dyno["id"])]
        if not named:
            raise HerokuInputError("name=%s: app %s has no such dyno. Its dynos: %s." % (params["name"], app, names(dynos)),
                                   option="name")
        return dict(dynos=named)
    return dict(dynos=dynos)


# -- the decision (a hook) -------------------------------------------------------------------------

def size_of(params):
    size = params.get("size")
    return DYNO_SIZES[size.lower()] if size else None


def run_body(params):
    body = dict(command=params["command"], attach=False, type="run")
    if params.get("size"):
        body["size"] = size_of(params)
    if params.get("env"):
        body["env"] = dict((key, as_config_value(value)) for key, value in params["env"].items())
    if params.get("time_to_live") is not None:
        body["time_to_live"] = params["time_to_live"]
    return body


def plan(state, params):
    if params["state"] == "run":
        # env values are secrets (passwords, tokens): the names show, never the values.
        wanted = dict(run_body(params), env=dict((key, MASK) for key in params.get("env") or {}))
        wanted = dict((key, wanted[key]) for key in ("command", "size", "env", "time_to_live") if key in wanted)
        return Plan(changed=True, diff=({}, dict(run=wanted)))
    done = "restarted" if params["state"] == "restarted" else "stopped"
    dynos = sorted(state["dynos"], key=lambda dyno: dyno["name"])
    return Plan(changed=True, diff=(dict(dynos=dict((dyno["name"], dyno["state"]) for dyno in dynos)),
                                    dict(dynos=dict((dyno["name"], done) for dyno in dynos))))


# -- the writes and the wait (readers and writers) ---------------------------------------------------

def action(params):
    """The one request a restart or stop sends: (method, path)."""
    app, kind, ptype, name = params["app"], params["state"], params.get("type"), params.get("name")
    if kind == "stopped" and ptype:
        return "POST", path("dyno.stop_formation", app=app, formation_type=ptype)
    if kind == "stopped":
        return "POST", path("dyno.stop", app=app, dyno=name)
    if ptype:
        return "DELETE", path("dyno.restart_formation", app=app, formation_type=ptype)
    if name:
        return "DELETE", path("dyno.restart", app=app, dyno=name)
    return "DELETE", path("dyno.restart_all", app=app)


def perform(client, state, plan_, params):
    try:
        if params["state"] == "run":
            started = time.monotonic()
            return dict(dyno=client.post(path("dyno.create", app=params["app"]), run_body(params)), started=started)
        # Sent once: a restart or stop sent again restarts or stops every dyno again. Only a 429, which Heroku
        # answers before doing anything, is retried.
        client.request(*action(params), retry_safe=False)
    except HerokuAPIError as exc:
        if exc.status is None or exc.status >= 500:
            done = dict(run="the one-off dyno may have started", restarted="the dynos may have been restarted",
                        stopped="the dynos may have been stopped")[params["state"]]
            exc.note = "; ".join(filter(None, (exc.note, "%s: Heroku may have acted before it failed to answer, so "
                                                         "the request was not sent again" % done)))
        raise
    return None


def settle(client, state, plan_, outcome, params):
    """With wait, a one-off dyno polled until it is gone (404) or ended (crashed, down), within wait_timeout."""
    if params["state"] != "run" or not params["wait"]:
        return outcome
    dyno = outcome["dyno"]
    seen = dict(last=dyno)

    def poll():
        found = client.get_or_none(path("dyno.info", app=params["app"], dyno=dyno["id"]))
        if found is not None:
            seen["last"] = found
        return found

    try:
        wait_until(poll, lambda found: found is None or found.get("state") in ENDED,
                   what="one-off dyno %s" % dyno["name"], timeout=params["wait_timeout"])
        outcome.update(finished=True, ran_for=round(time.monotonic() - outcome["started"], 1))
    except HerokuWaitTimeout:
        outcome.update(finished=False)
    outcome["dyno"] = seen["last"]
    return outcome


# -- the result (a hook) -----------------------------------------------------------------------------

def report(state, plan_, outcome, params, check_mode):
    app = params["app"]
    payload = dict(app=app, dynos=[], run=None)
    if params["state"] != "run":
        payload["dynos"] = sorted(dyno["name"] for dyno in state["dynos"])
        return payload, None
    dyno = (outcome or {}).get("dyno") or {}
    payload["run"] = dict(
        id=dyno.get("id"), name=dyno.get("name"), type=dyno.get("type", "run"), command=params["command"],
        size=dyno.get("size", size_of(params)), state=dyno.get("state"),
        release_version=(dyno.get("release") or {}).get("version"), created_at=dyno.get("created_at"),
        time_to_live=params.get("time_to_live"), finished=(outcome or {}).get("finished"),
        ran_for=(outcome or {}).get("ran_for"))
    run = payload["run"]
    if check_mode or run["finished"] is None:
        return payload, None
    if not run["finished"]:
        return payload, ("One-off dyno %s of app %s was still %s after %s seconds (wait_timeout): it keeps running on "
                         "Heroku until its command ends%s. Stop it with state=stopped and name=%s." % (
                             run["name"], app, run["state"], params["wait_timeout"],
                             " or its time_to_live passes" if run["time_to_live"] else "", run["name"]))
    if run["state"] == "crashed":
        return payload, ("One-off dyno %s of app %s crashed. Heroku does not report a detached dyno's exit code: its "
                         "output is in the app's logs (heroku logs --app %s --dyno %s)." % (run["name"], app, app, run["name"]))
    return payload, None


DYNO = Operation(
    result_key="heroku_dyno", result_keys=("app", "dynos", "run"),
    read=read, plan=plan, perform=perform, settle=settle, report=report,
    names=dict(app="app", type=("process_type", False), name="dyno", size=("one_of", ("a Heroku dyno size", DYNO_SIZES)),
               env="env", time_to_live=("range", (1, MAX_TIME_TO_LIVE, " seconds (24 hours at most)"))),
    rules=RULES, wait_timeout="wait_timeout", secret=("env",),
)

HEROKU_DYNO = Module(DYNO, dict(
    app=required(), state=dict(type="str", choices=["restarted", "stopped", "run"], default="restarted"),
    type=dict(type="str"), name=dict(type="str"),
    command=dict(type="str"), size=dict(type="str"), env=dict(type="dict"), time_to_live=dict(type="int"),
    wait=dict(type="bool", default=False), wait_timeout=dict(type="int", default=600),
), mutually_exclusive=(("type", "name"),),
    required_if=(("state", "run", ("command",)), ("state", "stopped", ("type", "name"), True)))


# -- heroku_dyno_info ---------------------------------------------------------------------------------

def current_version(client, app):
    """The version of the app's current release: the newest that succeeded (one still in its release phase is not)."""
    releases = client.list(path("release.list", app=app), range_field="version", descending=True, limit=10)
    return (current_of(releases) or {}).get("version")


def behind(dynos, quantities, version):
    """The formation's dynos not yet up on ``version``, and the dynos missing from the list, as words."""
    late = ["%s (v%s, %s)" % (dyno["name"], (dyno.get("release") or {}).get("version"), dyno["state"])
            for dyno in sorted(dynos, key=lambda dyno: dyno["name"]) if dyno["type"] in quantities
            and (dyno["state"] != "up" or (dyno.get("release") or {}).get("version") != version)]
    for ptype, quantity in sorted(quantities.items()):
        listed = len([dyno for dyno in dynos if dyno["type"] == ptype])
        if listed < quantity:
            late.append("%s: %d of %d dynos running" % (ptype, listed, quantity))
    return late


def settle_info(client, dynos, params):
    """The dynos of the type asked for, by name; with wait, read again until the formation's dynos are all up on
    the current release, and a problem when they are not by wait_timeout.

    A type the app does not have, or a wait on an app with no process type, fails: an empty list would
    let a deploy gate pass without waiting for anything."""
    app, ptype = params["app"], params.get("type")
    # The formation is read only where it is needed: to wait, or to tell an unknown type from one with no dyno up.
    formation = None
    if params["wait"] or (ptype and not any(dyno["type"] == ptype for dyno in dynos)):
        formation = formation_of(client, app)
    if ptype:
        check_type(ptype, app, formation or (), dynos)
    problem = None
    if params["wait"]:
        dynos, problem = wait_for_formation(client, app, ptype, formation, dynos, params["wait_timeout"])
    return sorted((dyno for dyno in dynos if not ptype or dyno["type"] == ptype), key=lambda dyno: dyno["name"]), problem


def wait_for_formation(client, app, ptype, formation, dynos, timeout):
    if not formation:
        raise HerokuStateError("wait: app %s has no process type to wait for (deploy code first)." % app)
    if ptype and ptype not in [item_["type"] for item_ in formation]:
        raise HerokuInputError("type=%s: wait=true waits for the dynos of a process type in app %s's formation "
                               "(%s); one-off dynos keep the release they started on and are not waited for." % (
                                   ptype, app, ", ".join(sorted(item_["type"] for item_ in formation))), option="type")
    # One-off dynos (run, release, scheduler) keep the release they started on: only the formation's are waited for.
    quantities = dict((item_["type"], item_["quantity"]) for item_ in formation if not ptype or item_["type"] == ptype)
    seen = dict(dynos=dynos, version=current_version(client, app))

    def poll():
        if seen.get("polled"):
            seen.update(dynos=dynos_of(client, app), version=current_version(client, app))
        seen["polled"] = True
        return seen

    try:
        wait_until(poll, lambda value: not behind(value["dynos"], quantities, value["version"]),
                   what="the dynos of app %s" % app, timeout=timeout,
                   describe=lambda value: ", ".join(behind(value["dynos"], quantities, value["version"])))
        problem = None
    except HerokuWaitTimeout:
        problem = ("The dynos of app %s were not all up on its current release v%s after %s seconds (wait_timeout): %s."
                   % (app, seen["version"], timeout, "; ".join(behind(seen["dynos"], quantities, seen["version"]))))
    return seen["dynos"], problem


HEROKU_DYNO_INFO = Module(Info(
    result_key="heroku_dyno_info",
    returned=dict(name=("name",), type=("type",), state=("state",), size=("size",), command=("command",),
                  release_version=("release", "version"), created_at=("created_at",), updated_at=("updated_at",),
                  id=("id",)),
    sources=(Source("app", "dyno.list", missing="App %(app)s was not found."),), settle=settle_info,
    names=dict(app="app", type=("process_type", False)), wait_timeout="wait_timeout",
), dict(app=required(), type=dict(type="str"), wait=dict(type="bool", default=False), wait_timeout=dict(type="int", default=300)))
