#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_formation
short_description: Scale the process types of a Heroku app
version_added: 0.1.0
description:
  - Sets the quantity and dyno size of an app's process types (C(web), C(worker), ...).
  - Every change goes in one batch request; a run that changes nothing sends one read.
  - A run that changes a size reads the app's available dyno sizes once, and fails before any write when the app
    cannot use the size (an app in a Private Space takes only Private or Shield sizes, one outside none of them),
    naming the sizes it can use. A run that changes only quantities does not read them.
  - A process type exists once a release of the app defines it (a Procfile entry of a deployed
    build). Deploy the app before you scale a new process type.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  processes:
    description:
      - The process types to scale. Types not listed are left as they are.
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description: Process type, as named in the Procfile.
        type: str
        required: true
      quantity:
        description:
          - Number of dynos, 0 or more. Left as it is when not given.
        type: int
      size:
        description:
          - Dyno size, for example V(Basic), V(Standard-2X) or V(Performance-M); not case-sensitive.
          - One of the sizes Heroku offers; checked before any request.
          - When it changes, one of the sizes available to the app (Heroku's C(GET /apps/{app}/available-dyno-sizes));
            checked before any write.
          - Left as it is when not given.
        type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_formation_info
'''

EXAMPLES = r'''
- name: Scale acme-web, with the connection options set once for the collection
  module_defaults:
    group/herokuops.platform.heroku:
      api_key: "{{ vault_heroku_api_key }}"
  block:
    - name: Two Standard-2X web dynos and one worker
      herokuops.platform.heroku_formation:
        app: acme-web
        processes:
          - type: web
            quantity: 2
            size: standard-2x
          - type: worker
            quantity: 1

- name: Stop the worker, keep its size
  herokuops.platform.heroku_formation:
    app: acme-web
    processes:
      - type: worker
        quantity: 0
'''

RETURN = r'''
heroku_formation:
  description: The app's formation after the task, or as it would be in check mode.
  returned: always
  type: dict
  contains:
    app:
      description: The app, as given in O(app).
      type: str
      sample: acme-web
    processes:
      description: Every process type of the app, by type.
      type: dict
      sample: {"web": {"quantity": 2, "size": "Standard-2X", "command": "npm start"}}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._formation import HEROKU_FORMATION
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_FORMATION)


if __name__ == "__main__":
    main()
