#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: heroku_app
short_description: Create, update, rename and delete Heroku apps
version_added: 0.1.0
description:
  - Ensures a Heroku app exists with the settings given, or does not exist.
  - Only the options you set are compared and changed; everything else is left as it is.
  - A run that changes nothing sends one read of the app, plus one read for O(buildpacks) and one for
    O(features) when you set them, and no write.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name of the app. Lower case letters, digits and dashes; starts with a letter; 3 to 30 characters.
      - An app id works too when it exists already.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the app; V(absent) deletes it with its add-ons and config.
    type: str
    choices: [present, absent]
    default: present
  new_name:
    description:
      - Rename the app O(name) to this name.
      - Idempotent. When O(name) no longer exists but O(new_name) does, the rename is already done.
      - When neither exists, the app is created under O(new_name).
    type: str
  region:
    description:
      - Region the app runs in; set at creation.
      - Heroku cannot move an app to another region; a different value on an existing app fails.
    type: str
    choices: [us, eu, dublin, frankfurt, london, montreal, mumbai, oregon, singapore, sydney, tokyo, virginia]
  stack:
    description:
      - Stack of the app at creation, for example V(heroku-24).
      - An existing app's stack changes with its next build after O(build_stack) is set; a different
        O(stack) on an existing app fails and says so.
    type: str
  build_stack:
    description:
      - Stack that the next build of the app uses.
    type: str
  team:
    description:
      - Team that owns the app. The app is created through Heroku's team apps endpoint.
      - A different team on an existing app transfers the app to that team (you must be a member of both).
    type: str
  space:
    description:
      - Private Space to create the app in; requires O(team). Set at creation only.
    type: str
  internal_routing:
    description:
      - Route the app only inside its Private Space. Set at creation only.
    type: bool
  locked:
    description:
      - Lock the team app so that team members need explicit permission. Team apps only.
    type: bool
  personal:
    description:
      - Create the app in your personal account even when a default team is set. Used at creation only.
    type: bool
  maintenance:
    description:
      - Put the app in maintenance mode.
    type: bool
  buildpacks:
    description:
      - The app's buildpacks, in order, by registry name (V(heroku/nodejs)) or URL.
      - Managed as a whole; V([]) removes all buildpacks.
    type: list
    elements: str
  features:
    description:
      - App features by name, each V(true) to enable or V(false) to disable, for example C(preboot=true).
      - Features not listed are left as they are.
    type: dict
  acm:
    description:
      - Automated Certificate Management for the app's custom domains.
    type: bool
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_app_info
'''

EXAMPLES = r'''
- name: Manage apps with the connection options set once
  module_defaults:
    group/herokuops.platform.heroku:
      api_key: "{{ lookup('ansible.builtin.env', 'HEROKU_API_KEY') }}"
  block:
    - name: Create a team app in Europe
      herokuops.platform.heroku_app:
        name: acme-web
        team: acme
        region: eu
        stack: heroku-24
        buildpacks:
          - heroku/nodejs
        features:
          preboot: true
        acm: true

    - name: Put it into maintenance mode
      herokuops.platform.heroku_app:
        name: acme-web
        maintenance: true

    - name: Rename it
      herokuops.platform.heroku_app:
        name: acme-web
        new_name: acme-storefront

    - name: Delete it
      herokuops.platform.heroku_app:
        name: acme-storefront
        state: absent
'''

RETURN = r'''
heroku_app:
  description: The app as it is after the task, or would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the app. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    name:
      description: Name of the app.
      type: str
      sample: acme-web
    region:
      description: Region name.
      type: str
      sample: eu
    stack:
      description: Current stack.
      type: str
      sample: heroku-24
    build_stack:
      description: Stack of the next build.
      type: str
      sample: heroku-24
    team:
      description: Owning team, or V(null) for a personal app.
      type: str
      sample: acme
    owner:
      description: Email of the owning account.
      type: str
      sample: ops@example.com
    space:
      description: Private Space, or V(null).
      type: str
    internal_routing:
      description: Whether the app is routed inside its space only.
      type: bool
    locked:
      description: Whether the team app is locked. Only read when O(locked) is set, else V(null).
      type: bool
    maintenance:
      description: Whether the app is in maintenance mode.
      type: bool
    acm:
      description: Whether Automated Certificate Management is on.
      type: bool
    web_url:
      description: The app's default URL.
      type: str
      sample: https://acme-web-0123456789ab.herokuapp.com/
    git_url:
      description: Git URL to push to.
      type: str
    created_at:
      description: When the app was created.
      type: str
    updated_at:
      description: When the app was last changed.
      type: str
    released_at:
      description: When the app was last released.
      type: str
    buildpacks:
      description: The buildpacks in order. Only present when O(buildpacks) is set.
      type: list
      elements: str
      returned: when O(buildpacks) is set
    features:
      description: Every app feature and whether it is enabled. Only present when O(features) is set.
      type: dict
      returned: when O(features) is set
'''

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    Field,
    HerokuResource,
)


# Heroku takes these through PATCH /teams/apps/{app}; everything else through PATCH /apps/{app}.
TEAM_APP_KEYS = ("locked", "owner")
TEAM_APP_CREATE_KEYS = ("name", "region", "stack", "team", "space", "internal_routing", "locked", "personal")
APP_CREATE_KEYS = ("name", "region", "stack")

ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    new_name=dict(type="str"),
    region=dict(type="str", choices=["us", "eu", "dublin", "frankfurt", "london", "montreal", "mumbai",
                                     "oregon", "singapore", "sydney", "tokyo", "virginia"]),
    stack=dict(type="str"),
    build_stack=dict(type="str"),
    team=dict(type="str"),
    space=dict(type="str"),
    internal_routing=dict(type="bool"),
    locked=dict(type="bool"),
    personal=dict(type="bool"),
    maintenance=dict(type="bool"),
    buildpacks=dict(type="list", elements="str"),
    features=dict(type="dict"),
    acm=dict(type="bool"),
)


def feature_state(name, enabled):
    """A feature's wanted state as a boolean, read the way Ansible reads booleans ("yes", "on", 1)."""
    check_name("features.%s" % name, name, "feature", ids=False)
    try:
        return boolean(enabled, strict=True)
    except TypeError:
        raise HerokuInputError("features.%s=%r is not a boolean: use true to enable the feature, false to disable it."
                               % (name, enabled), option="features")


class HerokuApp(HerokuResource):
    result_key = "heroku_app"
    noun = "app"
    fields = (
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
    sections = ("buildpacks", "features", "acm")
    returned = shapes.APP

    def validate(self):
        check_name("name", self.params["name"], "app")
        check_name("new_name", self.params.get("new_name"), "app", ids=False)
        check_name("team", self.params.get("team"), "team")
        check_name("space", self.params.get("space"), "space")
        for option in ("stack", "build_stack"):
            check_name(option, self.params.get(option), "stack", ids=False)
        for index, buildpack in enumerate(self.params.get("buildpacks") or ()):
            if not buildpack or buildpack != buildpack.strip() or " " in buildpack:
                raise HerokuInputError("buildpacks[%d]=%r is not a buildpack: use a registry name like heroku/nodejs "
                                       "or a URL, without spaces." % (index, buildpack), option="buildpacks")
        features = self.params.get("features")
        if features is not None:
            self.params["features"] = dict((name, feature_state(name, enabled)) for name, enabled in features.items())
        if self.params.get("space") and not self.params.get("team"):
            raise HerokuInputError("space requires team: apps in a Private Space belong to the space's team.", option="space")
        if self.params.get("personal") and self.params.get("team"):
            raise HerokuInputError("personal and team are mutually exclusive: a personal app has no team.", option="personal")

    def uses_team_endpoint(self):
        # Only the team apps endpoint reads back `locked`; one GET either way.
        return self.params.get("locked") is not None

    def item_path(self, rep=None):
        name = rep["id"] if rep else self.params["name"]
        return api_path("/teams/apps/{}" if self.uses_team_endpoint() else "/apps/{}", name)

    def known_before_creation(self):
        return dict(super(HerokuApp, self).known_before_creation(), team=self.params.get("team"))

    def create_path(self):
        return "/teams/apps" if self.is_team_create() else "/apps"

    def is_team_create(self):
        return any(self.params.get(option) is not None for option in ("team", "space", "internal_routing", "locked", "personal"))

    def create_body(self, desired):
        values = dict(desired)
        values["name"] = self.final_name()
        if self.params.get("personal") is not None:
            values["personal"] = self.params["personal"]
        keys = TEAM_APP_CREATE_KEYS if self.is_team_create() else APP_CREATE_KEYS
        return dict((key, values[key]) for key in keys if values.get(key) is not None)

    def update(self, rep, body):
        app_body = dict((key, value) for key, value in body.items() if key not in TEAM_APP_KEYS)
        if app_body:
            rep = dict(rep, **self.client.patch(api_path("/apps/{}", rep["id"]), app_body))
        # Heroku's schema has one PATCH link for `locked` and another for `owner` (a transfer).
        for key in TEAM_APP_KEYS:
            if key in body:
                rep = dict(rep, **self.client.patch(api_path("/teams/apps/{}", rep["id"]), {key: body[key]}))
        return rep

    def read_buildpacks(self, rep):
        installations = sorted(self.client.list(api_path("/apps/{}/buildpack-installations", rep["id"])),
                               key=lambda item: item.get("ordinal", 0))
        wanted = self.params["buildpacks"]
        current = []
        for index, item in enumerate(installations):
            buildpack = item.get("buildpack") or {}
            known_as = (buildpack.get("name"), buildpack.get("url"))
            # Report an installation the way the user names it, so a URL and a registry name for the same buildpack agree.
            if index < len(wanted) and wanted[index] in known_as:
                current.append(wanted[index])
            else:
                current.append(buildpack.get("name") or buildpack.get("url"))
        return current

    def write_buildpacks(self, rep, before, after):
        self.client.put(api_path("/apps/{}/buildpack-installations", rep["id"]),
                        {"updates": [{"buildpack": buildpack} for buildpack in after]})

    def read_features(self, rep):
        return dict((item["name"], item["enabled"]) for item in self.client.list(api_path("/apps/{}/features", rep["id"])))

    def write_features(self, rep, before, after):
        # Heroku has no batch endpoint for features: one PATCH per feature that changes.
        for name, enabled in after.items():
            self.client.patch(api_path("/apps/{}/features/{}", rep["id"], name), {"enabled": enabled})

    def read_acm(self, rep):
        return rep.get("acm")

    def write_acm(self, rep, before, after):
        if after:
            self.client.post(api_path("/apps/{}/acm", rep["id"]), retry_safe=True)
        else:
            self.client.delete(api_path("/apps/{}/acm", rep["id"]))


def main():
    HerokuApp.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
