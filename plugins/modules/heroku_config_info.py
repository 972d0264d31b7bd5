#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_config_info
short_description: Read the config vars of a Heroku app, values included
version_added: 0.1.0
description:
  - Returns every config var of an app with its value, in one request.
  - "The values are secrets (database URLs, API tokens). You asked for them by calling this module, so
    they are returned as they are; set C(no_log: true) on the task so that Ansible does not print
    them, and keep them out of files and logs."
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
  - module: herokuops.platform.heroku_config
'''

EXAMPLES = r'''
- name: Read the database URL without printing it
  herokuops.platform.heroku_config_info:
    app: acme-web
  register: acme_config
  no_log: true

- name: Use it
  ansible.builtin.set_fact:
    database_url: "{{ acme_config.heroku_config_info.config.DATABASE_URL }}"
  no_log: true
'''

RETURN = r'''
heroku_config_info:
  description: The app's config vars.
  returned: always
  type: dict
  contains:
    app:
      description: The app, as given in O(app).
      type: str
      sample: acme-web
    config:
      description: Every config var of the app with its value. Secrets.
      type: dict
      sample: {"NODE_ENV": "production"}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._config import HEROKU_CONFIG_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_CONFIG_INFO)


if __name__ == "__main__":
    main()
