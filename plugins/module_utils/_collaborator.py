# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Collaborators of an app: the spec of heroku_collaborator and heroku_collaborator_info.

Heroku serves them at two routes: /apps/{app}/collaborators (schema ``collaborator``) for every
app, and /teams/apps/{app}/collaborators (``team-app-collaborator``), the only one that takes and
changes permissions, which exist on team apps only. The module reads through the team route only
when the task sets permissions, so a task without them costs one GET whatever the app is.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuInputError, HerokuStateError, api_path,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Paths, Request, Resource, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import shape

RETURNED = dict(
    id=("id",), email=("user", "email"), role=("role",), permissions=("permissions",), app=("app", "name"),
    created_at=("created_at",), updated_at=("updated_at",),
)

# Heroku's team app permissions (GET /teams/permissions), from least to most.
PERMISSIONS = ("view", "deploy", "operate", "manage")
PERSONAL = "/apps/{app}/collaborators"
TEAM = "/teams/apps/{app}/collaborators"


def team_route(params):
    # Removing a collaborator needs no permissions: the personal route serves team apps too.
    return params.get("permissions") is not None and params["state"] == "present"


def validate(params):
    for index, name in enumerate(params.get("permissions") or ()):
        if name not in PERMISSIONS:
            raise HerokuInputError("permissions[%d]=%r is not a team app permission: use any of %s." % (
                index, name, ", ".join(PERMISSIONS)), option="permissions")


def desired(params):
    if not team_route(params):
        return {}
    # A set, in one order: Heroku grants view with any other permission and always reports it.
    return {"permissions": sorted(set(params["permissions"]) | {"view"})}


def view(rep, params):
    item = shape(RETURNED, rep)
    item["permissions"] = sorted(permission["name"] for permission in rep.get("permissions") or ())
    return item


def personal_app(params):
    return HerokuStateError(
        "permissions apply to team apps only, and app %s is a personal app: remove permissions from the task, "
        "or move the app to a team first (herokuops.platform.heroku_app's team option)." % params["app"])


def lookup(client, params):
    """The collaborator by email; with permissions, through the team route, failing on a personal app."""
    email = params["email"].lower()
    if not team_route(params):
        return client.get_or_none(api_path("/apps/{}/collaborators/{}", params["app"], email))
    rep = client.get_or_none(api_path("/teams/apps/{}/collaborators/{}", params["app"], email))
    if rep is not None:
        # Every collaborator of a team app holds at least view; a personal app's hold nothing.
        if not rep.get("permissions"):
            raise personal_app(params)
        return rep
    # Only a collaborator about to be added costs this second read: the app says whether it has a team.
    app = client.get_or_none(api_path("/apps/{}", params["app"]))
    if app is None:
        raise HerokuStateError("App %s was not found." % params["app"])
    if not app.get("team"):
        raise personal_app(params)
    return None


def create_path(params):
    return TEAM if team_route(params) else PERSONAL


def create_body(wanted, params):
    body = {"user": params["email"].lower(), "silent": params["silent"]}
    if "permissions" in wanted:
        body["permissions"] = wanted["permissions"]
    return body


def update_requests(rep, body, params):
    # Only the team route changes permissions, and it addresses a collaborator by email only.
    return [Request("PATCH", api_path("/teams/apps/{}/collaborators/{}", params["app"], rep["user"]["email"]), body)]


def before_creation(params):
    return dict(app=params["app"])


COLLABORATOR = Resource(
    noun="collaborator", result_key="heroku_collaborator", returned=RETURNED,
    paths=Paths(item=PERSONAL + "/{id}", create=PERSONAL), identity="email", parent="app",
    fields=(Field("permissions"),),
    # Heroku addresses collaborators by email and finds them whatever the case.
    case_insensitive=True, names=dict(app="app", email=("email", False)),
    validate=validate, desired=desired, view=view, lookup=lookup, create_path=create_path,
    create_body=create_body, update_requests=update_requests, before_creation=before_creation,
)

HEROKU_COLLABORATOR = Module(COLLABORATOR, dict(
    app=required(), email=required(), permissions=dict(type="list", elements="str"),
    silent=dict(type="bool", default=False), state=state_option(),
))

HEROKU_COLLABORATOR_INFO = Module(Info(
    result_key="heroku_collaborator_info", returned=RETURNED, names=dict(app="app", email=("email", False)), view=view,
    sources=(Source("email", PERSONAL + "/{email}", single=True),
             Source(None, PERSONAL, missing="App %(app)s was not found.")),
), dict(app=required(), email=dict(type="str")))
