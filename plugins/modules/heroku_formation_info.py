#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_formation_info
short_description: Read the formation (process types, quantities, sizes) of a Heroku app
version_added: 0.1.0
description:
  - Returns every process type of an app with its quantity, dyno size and command, in one request.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_formation
'''

EXAMPLES = r'''
- name: Read the formation
  herokuops.platform.heroku_formation_info:
    app: acme-web
  register: formation

- name: Show the web dynos
  ansible.builtin.debug:
    msg: "{{ (formation.heroku_formation_info | selectattr('type', 'equalto', 'web') | first).quantity }}"
'''

RETURN = r'''
heroku_formation_info:
  description: The app's process types.
  returned: always
  type: list
  elements: dict
  contains:
    type:
      description: Process type.
      type: str
      sample: web
    quantity:
      description: Number of dynos.
      type: int
      sample: 2
    size:
      description: Dyno size.
      type: str
      sample: Standard-2X
    command:
      description: Command the dynos run.
      type: str
      sample: npm start
    id:
      description: Unique identifier of the formation entry.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._formation import HEROKU_FORMATION_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_FORMATION_INFO)


if __name__ == "__main__":
    main()
