# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Heroku Labs and app features: the spec of heroku_feature and heroku_feature_info (heroku_app's ``features``
option reads and switches the same features, through its own section).

Heroku holds every feature, enabled or not: a feature is never created or deleted, only switched.
Without an app, the feature is one of the account's.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Param, Paths, Resource, Source, required,
)

# Heroku's feature carries no app: the task's (null for the account's).
RETURNED = dict(
    name=("name",), enabled=("enabled",), state=("state",), description=("description",), doc_url=("doc_url",),
    display_name=("display_name",), app=Param("app"),
)


# -- heroku_feature ---------------------------------------------------------------------------

FEATURE = Resource(
    noun="feature", result_key="heroku_feature", returned=RETURNED,
    # Switched by name where it was found: among the app's features, or the account's without an app.
    paths=Paths(item="account-feature.info", update="account-feature.update"),
    paths_when=dict(app=Paths(item="app-feature.info", update="app-feature.update", missing=(
        "Feature %(name)s was not found on app %(app)s: Heroku has no app feature of that name; "
        "herokuops.platform.heroku_feature_info with app lists them."))), address=("name",),
    # enabled is a bool option: Ansible reads "yes", "on" and 1 as it does every boolean.
    identity="name", parent="app", state=None, fields=(Field("enabled"),),
    names=dict(name=("feature", False), app="app"), creatable=False, deletable=False,
    missing=("Account feature %(name)s was not found: Heroku has no account feature of that name. For an app's "
             "feature set app; herokuops.platform.heroku_feature_info lists the features."),
    # Heroku answers the same 404 for an unknown app as for an unknown feature of it: one more read tells which.
    parent_read="app.info", parent_missing="App %(app)s was not found, so its feature %(name)s cannot be set.",
)

HEROKU_FEATURE = Module(FEATURE, dict(name=required(), app=dict(type="str"), enabled=required("bool")))


# -- heroku_feature_info -----------------------------------------------------------------------

# A name is picked out of the list: one request, as a GET of the one would be, and it tells an unknown app
# from an unknown feature; a name Heroku does not know fails, naming the nearest names.
HEROKU_FEATURE_INFO = Module(Info(
    result_key="heroku_feature_info", returned=RETURNED, names=dict(name=("feature", False), app="app"),
    sources=(
        Source("app", "app-feature.list", missing="App %(app)s was not found.", unknown=(
            "name=%(name)s: app %(app)s has no feature %(name)s.%(nearest)s Without name, this module lists its "
            "features.")),
        Source(None, "account-feature.list", unknown=(
            "name=%(name)s: the account has no feature %(name)s.%(nearest)s For an app's feature set app; without "
            "name, this module lists the account's features."))),
    pick=("name", "name"),
), dict(name=dict(type="str"), app=dict(type="str")))
