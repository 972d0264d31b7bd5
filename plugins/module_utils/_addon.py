# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Add-ons of an app: the spec of heroku_addon and heroku_addon_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    STRING_VALUES, Field, Info, Module, Param, Paths, RequiredWith, Resource, Source, required, state_option, wait_options,
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
    return {"plan": plan} if plan and ":" in plan else {}


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


ADDON = Resource(
    noun="add-on", result_key="heroku_addon", returned=RETURNED,
    paths=Paths(item="add-on.info_by_app", create="add-on.create", update="add-on.update"), identity="name", parent="app",
    # Created with what the task gives; the name only when set (Heroku names the add-on otherwise).
    body_from={"plan": "plan", "name": "name", ("attachment", "name"): "attachment_name", "config": "config"},
    fields=(
        Field("plan"),
        Field("attachment_name", create_only=True),
        # Heroku cannot read provider config back; it can hold credentials (a fork's or follower's URL).
        Field("config", create_only=True, secret=True, codec=STRING_VALUES),
    ),
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
