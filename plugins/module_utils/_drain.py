# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Log drains of an app or an add-on: the operation heroku_drain runs, and heroku_drain_info.

A drain is known by its URL, which often carries credentials: it is matched in one list read of
the parent's drains and never put into a request path (an error would then show it); writes name
a drain by its id. A rotation (``replaces``) adds the new drain before it removes the old one, so
logs never stop. An add-on's drains are Heroku's to add and remove (with the add-on): at the app
level they are never touched, and at the add-on level the one write is moving one to a new URL.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Differs, Generations, Info, Module, OnlyWith, Operation, Plan, Source, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import DRAIN_TOKEN as TOKEN

ITEM_KEYS = ("id", "url", "token", "app", "addon", "created_at", "updated_at")


# -- masking (hooks) ----------------------------------------------------------------------------

def mask_url(url):
    """Scheme and host, the rest masked: enough to tell drains apart, nothing of what can hold credentials
    (user and password, port, path, query)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except (TypeError, ValueError):
        return MASK
    if not parts.scheme or not host:
        return MASK
    return "%s://%s/%s" % (parts.scheme, host, MASK)


def shown(url, params):
    return url if params.get("show_values") else mask_url(url)


def mask_arguments(params):
    masked = dict(params)
    for option in ("url", "replaces"):
        value = params.get(option)
        if value is not None:
            masked[option] = value if TOKEN.fullmatch(value) else mask_url(value)
    return masked


def managing_addon(drain):
    return (drain.get("addon") or {}).get("name")


def view(drain, params):
    """A drain as the modules return it; its URL masked unless show_values."""
    return dict(id=drain["id"], url=shown(drain["url"], params), token=drain["token"], app=params.get("app"),
                addon=managing_addon(drain) or params.get("addon"), created_at=drain.get("created_at"),
                updated_at=drain.get("updated_at"))


def brief(drain, params, url=None):
    """What a diff shows of a drain: its URL (masked unless show_values) and its token (null: not made yet)."""
    return dict(url=shown(url or drain["url"], params), token=drain["token"] if drain else None)


# The parent's drains: one list read, the only read a run sends.
DRAINS = (Source("app", "log-drain.list", missing="App %(app)s was not found."),
          Source("addon", "log-drain.list_by_add_on", missing="Add-on %(addon)s was not found."))


# -- the decision (a hook) -----------------------------------------------------------------------------

def parent(params):
    return "app %s" % params["app"] if params.get("app") else "add-on %s" % params["addon"]


def plan(state, params):
    drains = state["items"]
    url, replaces = params["url"], params.get("replaces")
    match = next((drain for drain in drains if drain["url"] == url), None)
    old = next((drain for drain in drains if replaces in (drain["url"], drain["token"])), None) if replaces else None
    if old is not None and old is match:
        # A token that now names url's drain: an add-on's drain moved (PUT keeps the drain and its token).
        old = None
    work = dict(match=match, old=None, create=False, remove=None, move=None)
    if params.get("addon"):
        return addon_plan(params, match, old, work)
    for drain in (old, match if params["state"] == "absent" else None):
        if drain is not None and managing_addon(drain):
            raise HerokuStateError("The drain %s (token %s) of %s belongs to add-on %s: Heroku removes it only with "
                                   "the add-on (herokuops.platform.heroku_addon with state=absent)." % (
                                       mask_url(drain["url"]), drain["token"], parent(params), managing_addon(drain)))
    if params["state"] == "absent":
        work.update(remove=match)
        return Plan(match is not None, changes([brief(match, params)] if match else [], []), work, writes(work, params))
    work.update(create=match is None, remove=old, old=old)
    after = [brief(None, params, url)] if match is None else []
    return Plan(match is None or old is not None, changes([brief(old, params)] if old else [], after), work,
                writes(work, params))


def addon_plan(params, match, old, work):
    """An add-on's drains: Heroku adds and removes them with the add-on; one can move to a new URL (PUT)."""
    where = parent(params)
    if params["state"] == "absent" or (match is not None and old is not None):
        drain = match if params["state"] == "absent" else old
        if drain is None:
            return Plan(False, ({}, {}), work)
        raise HerokuStateError("The drain %s (token %s) of %s cannot be removed: Heroku removes an add-on's drains only "
                               "with the add-on." % (mask_url(drain["url"]), drain["token"], where))
    if match is not None:
        return Plan(False, ({}, {}), work)
    if old is None:
        raise HerokuStateError(
            "%s has no drain with this url%s, and Heroku adds an add-on's drains only when it provisions the add-on: "
            "set replaces to the URL or token of the drain to move to this url." % (
                where[0].upper() + where[1:], " nor the one replaces names" if params.get("replaces") else ""))
    work.update(move=old, old=old)
    return Plan(True, changes([brief(old, params)], [brief(old, params, params["url"])]), work, writes(work, params))


def changes(before, after):
    """The diff: the drains this run takes away and those it adds, as ``brief`` shows them."""
    return (dict(drains=before), dict(drains=after)) if before or after else ({}, {})


def writes(work, params):
    """The new drain first, then the old one away: logs keep flowing whichever request fails. A drain is named by
    its id, never its URL: an error would show the path."""
    sent = []
    if work["create"]:
        sent.append(request("log-drain.create", {"url": params["url"]}, app=params["app"]))
    if work["move"]:
        sent.append(request("log-drain.update", {"url": params["url"]}, add_on=params["addon"],
                            query_identity=work["move"]["id"]))
    if work["remove"]:
        sent.append(request("log-drain.delete", app=params["app"], query_identity=work["remove"]["id"]))
    return tuple(sent)


# -- the result (a hook) --------------------------------------------------------------------------------------

def report(state, plan_, outcome, params, check_mode):
    work = plan_.work
    if params["state"] == "absent":
        return {}, None
    # The answer to the creation or the move, which come first.
    drain = outcome[0] if outcome and (work["create"] or work["move"]) else None
    if drain is None and work["move"]:
        drain = dict(work["move"], url=params["url"])
    drain = drain or work["match"]
    if drain is None:
        payload = dict((key, None) for key in ITEM_KEYS)
        payload.update(url=shown(params["url"], params), app=params.get("app"), addon=params.get("addon"))
    else:
        payload = view(drain, params)
    old = work["old"]
    payload["replaced"] = dict(id=old["id"], url=shown(old["url"], params), token=old["token"]) if old else None
    return payload, None


DRAIN = Operation(
    result_key="heroku_drain", result_keys=ITEM_KEYS + ("replaced",),
    read=None, plan=plan, perform=None, report=report, sources=DRAINS,
    names=dict(app="app", addon="addon", url="drain_url", replaces="drain"), mask_arguments=mask_arguments,
    rules=(
        OnlyWith("replaces", "state", ("present",),
                 "replaces goes with state=present only: it names the drain that url supersedes."),
        Differs("replaces", "url",
                "replaces is the same URL as url: name the drain this one supersedes, by its URL or its token (d.<uuid>)."),
    ),
    # A Fir app has telemetry drains, no log drains: its app is read only when the plan writes.
    generations=Generations("log_drain", "app", parent="app", parent_read="app.info", described=dict(url="A log drain"),
                            only_with=("state", ("present",))),
)

PARENT = dict(app=dict(type="str"), addon=dict(type="str"))
ONE_PARENT = dict(mutually_exclusive=(("app", "addon"),), required_one_of=(("app", "addon"),))

HEROKU_DRAIN = Module(DRAIN, dict(
    PARENT, url=dict(type="str", required=True, no_log=True), state=state_option(),
    replaces=dict(type="str", no_log=True), show_values=dict(type="bool", default=False),
), **ONE_PARENT)

HEROKU_DRAIN_INFO = Module(Info(
    result_key="heroku_drain_info", returned=dict((key, (key,)) for key in ITEM_KEYS),
    names=dict(app="app", addon="addon"), view=view, sources=DRAINS,
), dict(PARENT, show_values=dict(type="bool", default=False)), **ONE_PARENT)
