#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: heroku_addon
short_description: Provision, change the plan of, and remove Heroku add-ons
version_added: 0.1.0
description:
  - Ensures an app has an add-on of a service and plan, or does not have it.
  - Provisioning is asynchronous on Heroku; by default the module waits until the add-on is
    C(provisioned), polling with exponential backoff, and fails with the last state it saw when the
    add-on ends C(deprovisioned) or O(wait_timeout) passes.
  - A run that changes nothing sends one read and no write.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app that owns the add-on.
    type: str
    required: true
  plan:
    description:
      - V(service:plan), for example V(heroku-postgresql:essential-0), or just the service, for
        example V(heroku-redis), for its default plan.
      - With a full V(service:plan), a different plan on an existing add-on is changed in place
        (Heroku refuses some changes; its message is shown). With just a service, an existing add-on
        of that service is left on whatever plan it has.
      - Required with O(state=present); with O(state=absent) it finds the add-on when O(name) is not given.
    type: str
  name:
    description:
      - The add-on's name, unique across Heroku. Identifies the add-on when given.
      - Without it, the add-on is the app's only add-on of the service in O(plan); when the app has
        several of that service, the module fails and asks for O(name).
    type: str
  attachment_name:
    description:
      - Name of the attachment to the app, which prefixes the config vars the add-on sets (V(DATABASE)
        gives C(DATABASE_URL)). Used at creation only.
    type: str
  config:
    description:
      - Provider-specific settings for provisioning, for example C(version=16).
      - Heroku cannot read them back, so they apply at creation only and are never compared.
      - Treated as secrets, because a fork's or follower's URL can hold database credentials. The values
        are masked in the arguments Ansible shows at C(-vvv) and in logs.
    type: dict
  state:
    description:
      - V(present) provisions the add-on or changes its plan; V(absent) deprovisions it, and its
        config vars leave the app.
    type: str
    choices: [present, absent]
    default: present
  wait_timeout:
    description:
      - Seconds to wait for provisioning when O(wait=true). Most add-ons take seconds to minutes;
        Kafka-class add-ons can take much longer.
    type: int
    default: 1200
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.WAIT
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_addon_info
'''

EXAMPLES = r'''
- name: A Postgres database on acme-web, waiting until it is provisioned
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-postgresql:essential-0
    name: acme-web-db
    attachment_name: DATABASE

- name: Upgrade its plan
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-postgresql:essential-1
    name: acme-web-db

- name: Kafka takes longer to provision; start it and move on
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-kafka:basic-0
    wait: false

- name: Remove the app's Papertrail add-on
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: papertrail
    state: absent
'''

RETURN = r'''
heroku_addon:
  description: The add-on after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the add-on. V(null) in check mode before creation.
      type: str
    name:
      description: Globally unique name of the add-on.
      type: str
      sample: acme-web-db
    app:
      description: Name of the owning app.
      type: str
      sample: acme-web
    service:
      description: Add-on service.
      type: str
      sample: heroku-postgresql
    plan:
      description: Plan, as V(service:plan).
      type: str
      sample: heroku-postgresql:essential-0
    state:
      description: C(provisioning), C(provisioned) or C(deprovisioned).
      type: str
      sample: provisioned
    config_vars:
      description: Names of the config vars the add-on put on the app (never their values).
      type: list
      elements: str
      sample: [DATABASE_URL]
    billed_price:
      description: Price Heroku bills for the plan.
      type: dict
    web_url:
      description: URL of the add-on's dashboard.
      type: str
    created_at:
      description: When the add-on was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

import re

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name
from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    Field,
    HerokuResource,
    wait_argument_spec,
)

PLAN = re.compile(r"[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?")
ATTACHMENT_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

ARGUMENT_SPEC = dict(
    app=dict(type="str", required=True),
    plan=dict(type="str"),
    name=dict(type="str"),
    attachment_name=dict(type="str"),
    config=dict(type="dict"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    **wait_argument_spec(default_timeout=1200)
)


class HerokuAddon(HerokuResource):
    result_key = "heroku_addon"
    noun = "add-on"
    fields = (Field("plan"),)
    # Provider config can carry credentials: a fork's or follower's database URL.
    secret_options = ("config",)
    returned = shapes.ADDON

    def validate(self):
        check_name("app", self.params["app"], "app")
        check_name("name", self.params.get("name"), "addon")
        plan = self.params.get("plan")
        if plan is not None and not PLAN.fullmatch(plan):
            raise HerokuInputError("plan=%r is not an add-on plan: use service:plan (heroku-postgresql:essential-0) or a "
                                   "service (heroku-redis)." % plan, option="plan")
        if self.params["state"] == "present" and not plan:
            raise HerokuInputError("plan is required with state=present: name the service:plan to provision.", option="plan")
        if not plan and not self.params.get("name"):
            raise HerokuInputError("one of name or plan is required to find the add-on.", option="name")
        attachment = self.params.get("attachment_name")
        if attachment is not None and not ATTACHMENT_NAME.fullmatch(attachment):
            raise HerokuInputError("attachment_name=%r must start with a letter and hold only letters, digits and "
                                   "underscores, like DATABASE." % attachment, option="attachment_name")
        for key, value in (self.params.get("config") or {}).items():
            if isinstance(value, (dict, list)):
                # The value itself is not shown: provider config can hold credentials (a fork's URL).
                raise HerokuInputError("config.%s must be a string, a number or a boolean, not a %s." % (
                    key, type(value).__name__), option="config")

    def service(self):
        return (self.params.get("plan") or "").split(":")[0]

    def identity(self):
        return self.params.get("name") or "%s on app %s" % (self.service(), self.params["app"])

    def item_path(self, rep=None):
        return api_path("/apps/{}/addons/{}", self.params["app"], rep["id"] if rep else self.params["name"])

    def create_path(self):
        return api_path("/apps/{}/addons", self.params["app"])

    def lookup(self):
        if self.params.get("name"):
            return self.client.get_or_none(self.item_path())
        app = self.params["app"]
        # Heroku lists the add-ons attached to the app too; only those the app owns are its to manage.
        owned = [addon for addon in self.client.list(api_path("/apps/{}/addons", app))
                 if addon["addon_service"]["name"] == self.service() and app in (addon["app"]["name"], addon["app"]["id"])]
        if len(owned) > 1:
            self.fail("App %s has %d add-ons of %s (%s): set name to say which one." % (
                app, len(owned), self.service(), ", ".join(sorted(addon["name"] for addon in owned))))
        return owned[0] if owned else None

    def desired(self):
        plan = self.params.get("plan")
        # A bare service names no plan to converge to: it only picks Heroku's default at creation.
        return {"plan": plan} if plan and ":" in plan else {}

    def known_before_creation(self):
        return dict(name=self.params.get("name"), app=self.params["app"], service=self.service(),
                    plan=self.params["plan"], state="provisioning")

    def create_body(self, desired):
        body = {"plan": self.params["plan"]}
        if self.params.get("name"):
            body["name"] = self.params["name"]
        if self.params.get("attachment_name"):
            body["attachment"] = {"name": self.params["attachment_name"]}
        if self.params.get("config"):
            body["config"] = dict((key, str(value)) for key, value in self.params["config"].items())
        return body

    def is_ready(self, rep):
        return rep.get("state") == "provisioned"

    def is_failed(self, rep):
        return rep.get("state") == "deprovisioned"


def main():
    HerokuAddon.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
