# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Heroku apps: the spec of heroku_app, heroku_app_info and the inventory plugin's host variables."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    SWITCHES, Excludes, Field, Generations, Info, Module, OnlyWith, Param, Paths, Resource, Route, Section, Source, mapping_of,
    objects_of, required, state_option,
)

RETURNED = dict(
    id=("id",), name=("name",), region=("region", "name"), stack=("stack", "name"),
    build_stack=("build_stack", "name"), team=("team", "name"), owner=("owner", "email"),
    space=("space", "name"), internal_routing=("internal_routing",), locked=("locked",),
    maintenance=("maintenance",), acm=("acm",), web_url=("web_url",), git_url=("git_url",),
    created_at=("created_at",), updated_at=("updated_at",), released_at=("released_at",),
    generation=("generation", "name"),
)

REGIONS = ("us", "eu", "dublin", "frankfurt", "london", "montreal", "mumbai", "oregon", "singapore", "sydney",
           "tokyo", "virginia")

# An app is created through Heroku's team apps endpoint when one of these is set; the personal one takes only
# name, region and stack.
TEAM_OPTIONS = ("team", "space", "internal_routing", "locked", "personal")


# -- the buildpacks section -------------------------------------------------------------------

def read_buildpacks(client, rep, params):
    installations = sorted(client.list(path("buildpack-installation.list", app=rep["id"])),
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


# Heroku changes locked and the team (a transfer, whose body calls it owner) through the team app, one request
# each; the rest through the app.
FIELDS = (
    Field("new_name", key="name", body_key="name", create=False),
    Field("region", immutable="Heroku cannot move an app to another region. Create a new app there "
                              "(under another name), move code, config and add-ons, then delete this one."),
    Field("stack", immutable="set build_stack to the new stack; the app moves to it with its next build."),
    Field("build_stack", create=False),
    Field("maintenance", create=False),
    Field("space", immutable="an app cannot move into or out of a Private Space. Create a new app in "
                             "the space, move code, config and add-ons, then delete this one."),
    Field("internal_routing", immutable="internal routing is fixed when an app is created in a space."),
    Field("locked", update="team-app.update_locked"),
    Field("team", update="team-app.transfer_to_team", update_key="owner"),
    Field("personal", create_only=True),
    Field("acm", switch=("app.enable_acm", "app.disable_acm")),
)
SECTIONS = (
    Section("buildpacks", read_buildpacks, "buildpack-installation.update", codec=objects_of("buildpack"), at=("updates",)),
    # The same features heroku_feature switches one at a time (_feature.py).
    # Each state as Ansible reads booleans; the names and states are checked first (``names``).
    Section("features", "app-feature.list", "app-feature.update", write_each=("app_feature", "enabled"),
            codec=mapping_of("name", "enabled", normalize=SWITCHES.normalize)),
)

APP = Resource(
    noun="app", result_key="heroku_app", returned=RETURNED,
    paths=Paths(item="app.info", create="app.create", update="app.update"),
    # Only the team apps endpoint reads back `locked`; one GET either way.
    routes=(Route("create", "team-app.create", TEAM_OPTIONS), Route("item", "team-app.info", ("locked",))),
    identity="name", rename="new_name", fields=FIELDS, sections=SECTIONS,
    names=dict(name="app", new_name=("app", False), team="team", space="space", stack=("stack", False),
               build_stack=("stack", False), buildpacks="buildpacks", features=("switches", "feature")),
    predicted=dict(team=Param("team")),
    rules=(OnlyWith("space", "team", message="space requires team: apps in a Private Space belong to the space's team."),
           Excludes("personal", "team", "personal and team are mutually exclusive: a personal app has no team.")),
    # A Fir app (one in a Fir space) has no buildpacks, stack or internal routing (heroku_generations.REFUSED).
    generations=Generations("app", "app", parent="space", parent_read="space.info"),
)

HEROKU_APP = Module(APP, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), region=dict(type="str", choices=list(REGIONS)),
    stack=dict(type="str"), build_stack=dict(type="str"), team=dict(type="str"), space=dict(type="str"),
    internal_routing=dict(type="bool"), locked=dict(type="bool"), personal=dict(type="bool"), maintenance=dict(type="bool"),
    buildpacks=dict(type="list", elements="str"), features=dict(type="dict"), acm=dict(type="bool"),
))

HEROKU_APP_INFO = Module(Info(
    result_key="heroku_app_info", returned=RETURNED, names=dict(name="app", team="team"),
    sources=(Source("name", "app.info", single=True), Source("team", "team-app.list_by_team"), Source(None, "app.list")),
), dict(name=dict(type="str"), team=dict(type="str")))
