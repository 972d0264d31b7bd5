#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_addon_info
short_description: Read Heroku add-ons
version_added: 0.1.0
description:
  - Returns one add-on by name, the add-ons of an app, of a team, or every add-on the account can see.
  - Lists are read to the end, however many pages Heroku splits them into.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of one add-on. An add-on that does not exist gives an empty list.
    type: str
  app:
    description:
      - The add-ons of this app, including those attached to it from other apps.
    type: str
  team:
    description:
      - The add-ons of this team's apps.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_addon
'''

EXAMPLES = r'''
- name: The add-ons of acme-web
  herokuops.platform.heroku_addon_info:
    app: acme-web
  register: addons

- name: Which config vars do they provide?
  ansible.builtin.debug:
    msg: "{{ addons.heroku_addon_info | map(attribute='config_vars') | flatten }}"
'''

RETURN = r'''
heroku_addon_info:
  description: The add-ons, each shaped like the C(heroku_addon) result of M(herokuops.platform.heroku_addon).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the add-on.
      type: str
    name:
      description: Globally unique name of the add-on.
      type: str
    app:
      description: Name of the owning app.
      type: str
    service:
      description: Add-on service.
      type: str
    plan:
      description: Plan, as V(service:plan).
      type: str
    state:
      description: C(provisioning), C(provisioned) or C(deprovisioned).
      type: str
    config_vars:
      description: Names of the config vars the add-on put on its app (never their values).
      type: list
      elements: str
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

from ansible_collections.herokuops.platform.plugins.module_utils._addon import HEROKU_ADDON_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_ADDON_INFO)


if __name__ == "__main__":
    main()
