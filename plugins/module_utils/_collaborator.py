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

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    NAMES, Field, Info, Module, Paths, Resource, Source, required, state_option,
)

RETURNED = dict(
    id=("id",), email=("user", "email"), role=("role",), permissions=("permissions",), app=("app", "name"),
    created_at=("created_at",), updated_at=("updated_at",),
)

# Heroku's team app permissions (GET /teams/permissions), from least to most.
PERMISSIONS = ("view", "deploy", "operate", "manage")
# Heroku lists permissions as [{"name": "view", ...}]; compared as a set, and Heroku grants view with any other.
PERMISSIONS_FIELD = Field("permissions", codec=NAMES, unordered=True, implied=("view",))


def personal_app(params):
    return HerokuStateError(
        "permissions apply to team apps only, and app %s is a personal app: remove permissions from the task, "
        "or move the app to a team first (herokuops.platform.heroku_app's team option)." % params["app"])


def lookup(client, params):
    """The collaborator by email; with permissions, through the team route, failing on a personal app."""
    app, email = params["app"], params["email"].lower()
    if params.get("permissions") is None or params["state"] != "present":
        return client.get_or_none(path("collaborator.info", app=app, collaborator=email))
    rep = client.get_or_none(path("team-app-collaborator.info", team_app=app, team_app_collaborator=email))
    if rep is not None:
        # Every collaborator of a team app holds at least view; a personal app's hold nothing.
        if not rep.get("permissions"):
            raise personal_app(params)
        return rep
    # Only a collaborator about to be added costs this second read: the app says whether it has a team.
    found = client.get_or_none(path("app.info", app=app))
    if found is None:
        raise HerokuStateError("App %s was not found." % app)
    if not found.get("team"):
        raise personal_app(params)
    return None


COLLABORATOR = Resource(
    noun="collaborator", result_key="heroku_collaborator", returned=RETURNED,
    paths=Paths(item="collaborator.info", create="collaborator.create"), identity="email", identity_key="user",
    parent="app",
    # Only the team route takes and changes permissions, and it addresses a collaborator by email. Removing one
    # needs no permissions: the personal route serves team apps too.
    paths_when=dict(permissions=Paths(item="team-app-collaborator.info", create="team-app-collaborator.create",
                                      update="team-app-collaborator.update", address=("user", "email"))),
    # silent only says whether Heroku emails the new collaborator.
    fields=(PERMISSIONS_FIELD, Field("silent", create_only=True)),
    # Heroku addresses collaborators by email and finds them whatever the case.
    case_insensitive=True,
    names=dict(app="app", email=("email", False), permissions=("choices", ("team app permission", PERMISSIONS))),
    lookup=lookup,
)

HEROKU_COLLABORATOR = Module(COLLABORATOR, dict(
    app=required(), email=required(), permissions=dict(type="list", elements="str"),
    silent=dict(type="bool", default=False), state=state_option(),
))

HEROKU_COLLABORATOR_INFO = Module(Info(
    result_key="heroku_collaborator_info", returned=RETURNED, names=dict(app="app", email=("email", False)),
    fields=(PERMISSIONS_FIELD,),
    sources=(Source("email", "collaborator.info", single=True),
             Source(None, "collaborator.list", missing="App %(app)s was not found.")),
), dict(app=required(), email=dict(type="str")))
