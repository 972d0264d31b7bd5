#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_app_info
short_description: Read Heroku apps
version_added: 0.1.0
description:
  - Returns one app by name, every app of a team, or every app the account can see.
  - Lists are read to the end, however many pages Heroku splits them into (1,000 apps a request).
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of one app. An app that does not exist gives an empty list.
    type: str
  team:
    description:
      - Only the apps of this team. Ignored when O(name) is set.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_app
'''

EXAMPLES = r'''
- name: Read one app
  herokuops.platform.heroku_app_info:
    name: acme-web
  register: app

- name: Every app of the acme team
  herokuops.platform.heroku_app_info:
    team: acme
  register: team_apps

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ team_apps.heroku_app_info | map(attribute='name') | list }}"
'''

RETURN = r'''
heroku_app_info:
  description: The apps, each shaped like the C(heroku_app) result of M(herokuops.platform.heroku_app).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the app.
      type: str
    name:
      description: Name of the app.
      type: str
    region:
      description: Region name.
      type: str
    stack:
      description: Current stack.
      type: str
    build_stack:
      description: Stack of the next build.
      type: str
    team:
      description: Owning team, or V(null) for a personal app.
      type: str
    owner:
      description: Email of the owning account.
      type: str
    space:
      description: Private Space, or V(null).
      type: str
    internal_routing:
      description: Whether the app is routed inside its space only.
      type: bool
    generation:
      description: The app's Heroku platform generation, C(cedar) or C(fir) (an app in a Fir space is Fir).
      type: str
      sample: cedar
      version_added: 0.5.0
    locked:
      description: Whether the team app is locked; V(null) where Heroku does not say (personal apps).
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
'''

from ansible_collections.herokuops.platform.plugins.module_utils._app import HEROKU_APP_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_APP_INFO)


if __name__ == "__main__":
    main()
