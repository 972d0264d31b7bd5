# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Heroku apps: the spec of heroku_app, heroku_app_info and the inventory plugin's host variables."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils._feature import (
    feature_state, read_app_features, write_app_features,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Paths, Request, Resource, Section, Source, required, state_option,
)

RETURNED = dict(
    id=("id",), name=("name",), region=("region", "name"), stack=("stack", "name"),
    build_stack=("build_stack", "name"), team=("team", "name"), owner=("owner", "email"),
    space=("space", "name"), internal_routing=("internal_routing",), locked=("locked",),
    maintenance=("maintenance",), acm=("acm",), web_url=("web_url",), git_url=("git_url",),
    created_at=("created_at",), updated_at=("updated_at",), released_at=("released_at",),
)

# Every app the account can see, and a team's apps: read by heroku_app_info and the inventory plugin.
LIST = "/apps"
TEAM_LIST = "/teams/{team}/apps"

REGIONS = ("us", "eu", "dublin", "frankfurt", "london", "montreal", "mumbai", "oregon", "singapore", "sydney",
           "tokyo", "virginia")

# Heroku changes these through PATCH /teams/apps/{app}, one key a request; everything else through PATCH /apps/{app}.
TEAM_APP_KEYS = ("locked", "owner")
# What the team apps endpoint takes at creation; the personal one takes only the first three.
TEAM_CREATE_KEYS = ("name", "region", "stack", "team", "space", "internal_routing", "locked", "personal")
APP_CREATE_KEYS = ("name", "region", "stack")


# -- hooks ---------------------------------------------------------------------------------

def validate(params):
    for index, buildpack in enumerate(params.get("buildpacks") or ()):
        if not buildpack or buildpack != buildpack.strip() or " " in buildpack:
            raise HerokuInputError("buildpacks[%d]=%r is not a buildpack: use a registry name like heroku/nodejs "
                                   "or a URL, without spaces." % (index, buildpack), option="buildpacks")
    for name, enabled in (params.get("features") or {}).items():
        feature_state(name, enabled, within="features")
    if params.get("space") and not params.get("team"):
        raise HerokuInputError("space requires team: apps in a Private Space belong to the space's team.", option="space")
    if params.get("personal") and params.get("team"):
        raise HerokuInputError("personal and team are mutually exclusive: a personal app has no team.", option="personal")


def desired(params):
    wanted = dict((option, params[option]) for option in OPTIONS if params.get(option) is not None)
    if "features" in wanted:
        wanted["features"] = dict((name, feature_state(name, enabled, within="features"))
                                  for name, enabled in wanted["features"].items())
    return wanted


def is_team_create(params):
    return any(params.get(option) is not None for option in ("team", "space", "internal_routing", "locked", "personal"))


def create_path(params):
    return "/teams/apps" if is_team_create(params) else LIST


def item_path(params):
    # Only the team apps endpoint reads back `locked`; one GET either way.
    return "/teams/apps/{id}" if params.get("locked") is not None else "/apps/{id}"


def create_body(wanted, params):
    values = dict(wanted, name=params.get("new_name") or params["name"], personal=params.get("personal"))
    keys = TEAM_CREATE_KEYS if is_team_create(params) else APP_CREATE_KEYS
    return dict((key, values[key]) for key in keys if values.get(key) is not None)


def update_requests(rep, body, params):
    # Heroku's schema has one PATCH link for `locked` and another for `owner` (a transfer).
    app_body = dict((key, value) for key, value in body.items() if key not in TEAM_APP_KEYS)
    requests = [Request("PATCH", api_path("/apps/{}", rep["id"]), app_body)] if app_body else []
    return requests + [Request("PATCH", api_path("/teams/apps/{}", rep["id"]), {key: body[key]})
                       for key in TEAM_APP_KEYS if key in body]


def apply_answers(rep, answers):
    for answer in answers:
        rep = dict(rep, **(answer or {}))
    return rep


def before_creation(params):
    return dict(team=params.get("team"))


# -- readers and writers of the sections ------------------------------------------------------

def read_buildpacks(client, rep, params):
    installations = sorted(client.list(api_path("/apps/{}/buildpack-installations", rep["id"])),
                           key=lambda item: item.get("ordinal", 0))
    wanted = params["buildpacks"]
    current = []
    for index, item in enumerate(installations):
        buildpack = item.get("buildpack") or {}
        known_as = (buildpack.get("name"), buildpack.get("url"))
        # Reported the way the user names it, so a URL and a registry name for the same buildpack agree.
        current.append(wanted[index] if index < len(wanted) and wanted[index] in known_as
                       else buildpack.get("name") or buildpack.get("url"))
    return current


def write_buildpacks(client, rep, before, after, params, context):
    client.put(api_path("/apps/{}/buildpack-installations", rep["id"]),
               {"updates": [{"buildpack": buildpack} for buildpack in after]})


def read_acm(client, rep, params):
    return rep.get("acm")


def write_acm(client, rep, before, after, params, context):
    if after:
        client.post(api_path("/apps/{}/acm", rep["id"]), retry_safe=True)
    else:
        client.delete(api_path("/apps/{}/acm", rep["id"]))


FIELDS = (
    Field("new_name", key="name", body_key="name", create=False),
    Field("region", immutable="Heroku cannot move an app to another region. Create a new app there "
                              "(under another name), move code, config and add-ons, then delete this one."),
    Field("stack", immutable="set build_stack to the new stack; the app moves to it with its next build."),
    Field("build_stack"),
    Field("team", body_key="owner", create=False),
    Field("space", immutable="an app cannot move into or out of a Private Space. Create a new app in "
                             "the space, move code, config and add-ons, then delete this one."),
    Field("internal_routing", immutable="internal routing is fixed when an app is created in a space."),
    Field("locked"),
    Field("maintenance", create=False),
)
SECTIONS = (
    Section("buildpacks", read_buildpacks, write_buildpacks),
    # The same features heroku_feature switches one at a time (_feature.py).
    Section("features", read_app_features, write_app_features),
    Section("acm", read_acm, write_acm),
)
OPTIONS = tuple(item.option for item in FIELDS + SECTIONS)

APP = Resource(
    noun="app", result_key="heroku_app", returned=RETURNED, paths=Paths(item="/apps/{id}", create=LIST),
    identity="name", rename="new_name", fields=FIELDS, sections=SECTIONS,
    names=dict(name="app", new_name=("app", False), team="team", space="space", stack=("stack", False),
               build_stack=("stack", False)),
    validate=validate, desired=desired, create_body=create_body, before_creation=before_creation,
    create_path=create_path, item_path=item_path, update_requests=update_requests, apply_answers=apply_answers,
)

HEROKU_APP = Module(APP, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), region=dict(type="str", choices=list(REGIONS)),
    stack=dict(type="str"), build_stack=dict(type="str"), team=dict(type="str"), space=dict(type="str"),
    internal_routing=dict(type="bool"), locked=dict(type="bool"), personal=dict(type="bool"), maintenance=dict(type="bool"),
    buildpacks=dict(type="list", elements="str"), features=dict(type="dict"), acm=dict(type="bool"),
))

HEROKU_APP_INFO = Module(Info(
    result_key="heroku_app_info", returned=RETURNED, names=dict(name="app", team="team"),
    sources=(Source("name", "/apps/{name}", single=True), Source("team", TEAM_LIST), Source(None, LIST)),
), dict(name=dict(type="str"), team=dict(type="str")))
