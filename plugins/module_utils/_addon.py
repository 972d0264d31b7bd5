# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Add-ons of an app: the spec of heroku_addon and heroku_addon_info.

``attachment_name`` is the name the add-on is attached as on the task's app, which prefixes its config vars there.
Heroku cannot rename an attachment: a new name attaches the add-on under it first and detaches the old attachment
only after, so the app never runs without the config var (heroku_addon_attachment's ``replaces`` does the same, with
the requests and words shared from _addon_attachment.py). The old attachment is the add-on's one attachment on the
app without a namespace (a namespace is another purpose's, a role's); where it has several, the task fails rather than
guess. Where the new name is already one of the add-on's attachments there (a rename whose detach failed), nothing
changes: the other stays until detached on purpose.

Hooks, and the word each stands for that the vocabulary lacks:
- ``Section.read``: the add-on's attachments on the app, read from the app's (not the add-on's own endpoint), the
  name checked against those of other add-ons there; the attachment to replace kept for the write.
- ``Section.write``: the two requests of ``attach_first`` sent in order, a failed detach naming what is left; then
  the add-on read again, for the config vars the new name gives.
- ``desired``: a bare service (``heroku-redis``) picks Heroku's default plan at creation and is never compared.
- ``lookup``: an unnamed add-on is the one of the plan's service that the app owns (not one attached from another app).
- ``title``: an unnamed add-on is named by its service and app in messages.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils._addon_attachment import ATTACH_FIRST, attach_first, taken
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, send
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    STRING_VALUES, UPPER_CASE, Field, Info, Module, Param, Paths, Reading, RequiredWith, Resource, Section, Source,
    required, state_option, wait_options,
)

RETURNED = dict(
    id=("id",), name=("name",), app=("app", "name"), service=("addon_service", "name"), plan=("plan", "name"),
    state=("state",), config_vars=("config_vars",), billed_price=("billed_price",), web_url=("web_url",),
    created_at=("created_at",), updated_at=("updated_at",),
)


def service(params):
    return (params.get("plan") or "").split(":")[0]


def title(params):
    return params.get("name") or "%s on app %s" % (service(params), params["app"])


def desired(params):
    plan = params.get("plan")
    # A bare service names no plan to converge to: it only picks Heroku's default at creation.
    wanted = {"plan": plan} if plan and ":" in plan else {}
    if params.get("attachment_name"):
        # Heroku keeps attachment names in upper case.
        wanted["attachment_name"] = UPPER_CASE.normalize(params["attachment_name"])
    return wanted


def lookup(client, params):
    """The add-on by name, or else the one add-on of the plan's service that the app owns."""
    if params.get("name"):
        return client.get_or_none(path("add-on.info_by_app", app=params["app"], add_on=params["name"]))
    app = params["app"]
    # Heroku lists the add-ons attached to the app too; only those the app owns are its to manage.
    owned = [addon for addon in client.list(path("add-on.list_by_app", app=app))
             if addon["addon_service"]["name"] == service(params) and app in (addon["app"]["name"], addon["app"]["id"])]
    if len(owned) > 1:
        raise HerokuStateError("App %s has %d add-ons of %s (%s): set name to say which one." % (
            app, len(owned), service(params), ", ".join(sorted(addon["name"] for addon in owned))))
    return owned[0] if owned else None


def read_attachment(client, rep, params):
    """The name the add-on is attached as on the app: the one asked for where it is among them; else that of its one
    attachment without a namespace, which a new name replaces (the Reading's context). One read of the app's
    attachments, which also tells a name another add-on has there: refused before any write."""
    wanted, app = params["attachment_name"].upper(), params["app"]
    attachments = client.list(path("add-on-attachment.list_by_app", app=app))
    own = [item for item in attachments if item["addon"]["id"] == rep["id"]]
    if any(item["name"] == wanted for item in own):
        return Reading(wanted)
    for item in attachments:
        if item["name"] == wanted:
            raise taken(item, app, rep["name"], "choose another attachment_name, or detach that one first")
    plain = [item for item in own if not item.get("namespace")]
    if len(plain) > 1:
        raise HerokuStateError(
            "Add-on %s is attached to app %s as %s: attachment_name cannot tell which one it renames. Attach it as %s "
            "with herokuops.platform.heroku_addon_attachment, replaces naming the old one." % (
                rep["name"], app, ", ".join(sorted(item["name"] for item in plain)), wanted))
    return Reading(plain[0]["name"], plain[0]) if plain else Reading(None)


def rename_attachment(client, rep, before, after, params, old):
    """Attach the add-on as ``after`` first, then detach ``old``; a detach that fails leaves both, and says so."""
    send(client, attach_first(rep["id"], params["app"], after, old and old["id"], addon_name=rep["name"], old_name=before))
    # The add-on's config vars are named after its attachment on its app: read again, as they now are.
    return client.get(path("add-on.info", add_on=rep["id"]))


ADDON = Resource(
    noun="add-on", result_key="heroku_addon", returned=RETURNED,
    paths=Paths(item="add-on.info_by_app", create="add-on.create", update="add-on.update"), identity="name", parent="app",
    # Created with what the task gives; the name only when set (Heroku names the add-on otherwise).
    body_from={"plan": "plan", "name": "name", ("attachment", "name"): "attachment_name", "config": "config"},
    fields=(
        Field("plan"),
        # Heroku cannot read provider config back; it can hold credentials (a fork's or follower's URL).
        Field("config", create_only=True, secret=True, codec=STRING_VALUES),
    ),
    # Sent with the creation (body_from); compared only when set, as the attachments of the app say it.
    sections=(Section("attachment_name", read=read_attachment, write=rename_attachment, changed_as=ATTACH_FIRST),),
    # Provider config can hold credentials (a fork's URL): its check never shows a value.
    names=dict(app="app", name="addon", plan="addon_plan", attachment_name="attachment_name", config="scalar_values"),
    rules=(RequiredWith("plan", "state", ("present",), "plan is required with state=present: name the service:plan to provision."),
           RequiredWith("name", "plan", (None,), "one of name or plan is required to find the add-on.")),
    ready_states=("provisioned",), failed_states=("deprovisioned",), wait="wait", wait_timeout="wait_timeout",
    # Check mode knows what the options say: the plan, its service (the part before the colon), and the first state.
    predicted=dict(service=Param("plan", r"[^:]*"), plan=Param("plan"), state="provisioning"),
    title=title, desired=desired, lookup=lookup,
)

HEROKU_ADDON = Module(ADDON, dict(
    app=required(), plan=dict(type="str"), name=dict(type="str"), attachment_name=dict(type="str"),
    config=dict(type="dict"), state=state_option(), **wait_options(default_timeout=1200)
))

HEROKU_ADDON_INFO = Module(Info(
    result_key="heroku_addon_info", returned=RETURNED, names=dict(name="addon", app="app", team="team"),
    sources=(Source("name", "add-on.info", single=True), Source("app", "add-on.list_by_app"),
             Source("team", "add-on.list_by_team"), Source(None, "add-on.list")),
), dict(name=dict(type="str"), app=dict(type="str"), team=dict(type="str")), mutually_exclusive=(("name", "app", "team"),))
