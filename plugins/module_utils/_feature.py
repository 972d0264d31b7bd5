# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Heroku Labs and app features: the spec of heroku_feature and heroku_feature_info, and what
heroku_app's ``features`` option shares with them (the name check, the read, the switch).

Heroku holds every feature, enabled or not: a feature is never created or deleted, only switched.
Without an app, the feature is one of the account's.
"""

from __future__ import annotations

import difflib

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Param, Paths, Resource, Source, required,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name

# Heroku's feature carries no app: the task's (null for the account's).
RETURNED = dict(
    name=("name",), enabled=("enabled",), state=("state",), description=("description",), doc_url=("doc_url",),
    display_name=("display_name",), app=Param("app"),
)


# -- shared with heroku_app ------------------------------------------------------------------

def feature_state(name, enabled, within=None):
    """A feature's wanted state as a boolean, read the way Ansible reads booleans ("yes", "on", 1), once
    its name is checked. ``within``: the option that holds features by name (heroku_app's ``features``)."""
    label = "%s.%s" % (within, name) if within else None
    check_name(label or "name", name, "feature", ids=False)
    try:
        return boolean(enabled, strict=True)
    except TypeError:
        raise HerokuInputError("%s=%r is not a boolean: use true to enable the feature, false to disable it."
                               % (label or "enabled", enabled), option=within or "enabled")


def feature_path(app, name):
    """Where a feature is read and switched: among the app's features, or the account's without an app."""
    return path("app-feature.info", app=app, app_feature=name) if app else path("account-feature.info", account_feature=name)


def switch(app, name, enabled):
    """The one request that enables or disables a feature."""
    body = {"enabled": enabled}
    return (request("app-feature.update", body, app=app, app_feature=name) if app
            else request("account-feature.update", body, account_feature=name))


def read_app_features(client, rep, params):
    """Every feature of the app, name -> enabled: heroku_app's ``features`` as Heroku holds them."""
    return dict((item["name"], item["enabled"]) for item in client.list(path("app-feature.list", app=rep["id"])))


def write_app_features(client, rep, before, after, params, context):
    # Heroku has no batch endpoint for features: one PATCH per feature that changes.
    for name, enabled in after.items():
        client.request(*switch(rep["id"], name, enabled))


# -- heroku_feature ---------------------------------------------------------------------------

def lookup(client, params):
    app, name = params.get("app"), params["name"]
    rep = client.get_or_none(feature_path(app, name))
    if rep is not None:
        return rep
    if not app:
        raise HerokuStateError("Account feature %s was not found: Heroku has no account feature of that name. For an "
                               "app's feature set app; herokuops.platform.heroku_feature_info lists the features." % name)
    # Heroku answers the same 404 for an unknown app as for an unknown feature of it: one more read tells which.
    if client.get_or_none(path("app.info", app=app)) is None:
        raise HerokuStateError("App %s was not found, so its feature %s cannot be set." % (app, name))
    raise HerokuStateError("Feature %s was not found on app %s: Heroku has no app feature of that name; "
                           "herokuops.platform.heroku_feature_info with app lists them." % (name, app))


FEATURE = Resource(
    noun="feature", result_key="heroku_feature", returned=RETURNED,
    # Switched by name where lookup found it: among the app's features, or the account's without an app.
    paths=Paths(item="account-feature.info", update="account-feature.update"),
    paths_when=dict(app=Paths(item="app-feature.info", update="app-feature.update")), address=("name",),
    # enabled is a bool option: Ansible reads "yes", "on" and 1 as it does every boolean.
    identity="name", parent="app", state=None, fields=(Field("enabled"),),
    names=dict(name=("feature", False), app="app"), creatable=False, deletable=False, lookup=lookup,
)

HEROKU_FEATURE = Module(FEATURE, dict(name=required(), app=dict(type="str"), enabled=required("bool")))


# -- heroku_feature_info -----------------------------------------------------------------------

def select(items, params, reads):
    """The feature named, from the list (one request, as a GET of the one would be, and it tells an unknown app
    from an unknown feature); a name Heroku does not know fails, naming it and the nearest names."""
    name, app = params.get("name"), params.get("app")
    if name is None:
        return items
    found = [item for item in items if item["name"] == name]
    if found:
        return found
    nearest = difflib.get_close_matches(name, [item["name"] for item in items], n=3)
    hint = " Nearest: %s." % ", ".join(nearest) if nearest else ""
    if app:
        raise HerokuInputError("name=%s: app %s has no feature %s.%s Without name, this module lists its features."
                               % (name, app, name, hint), option="name")
    raise HerokuInputError("name=%s: the account has no feature %s.%s For an app's feature set app; without name, "
                           "this module lists the account's features." % (name, name, hint), option="name")


HEROKU_FEATURE_INFO = Module(Info(
    result_key="heroku_feature_info", returned=RETURNED, names=dict(name=("feature", False), app="app"),
    sources=(Source("app", "app-feature.list", missing="App %(app)s was not found."),
             Source(None, "account-feature.list")),
    select=select,
), dict(name=dict(type="str"), app=dict(type="str")))
