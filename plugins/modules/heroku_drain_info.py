#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_drain_info
short_description: Read the log drains of a Heroku app or add-on
version_added: 0.3.0
description:
  - Returns every log drain of an app (those Heroku manages for its add-ons included, with
    RV(heroku_drain_info[].addon) set), or of an add-on.
  - Drain URLs often carry credentials, so they are masked unless O(show_values=true); only the scheme and host
    stay, as in C(syslog+tls://logs.example.com/********).
  - Each item has the same keys as the result of M(herokuops.platform.heroku_drain), without C(replaced).
  - One request, or one per 1,000 drains.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. Exactly one of O(app) and O(addon) is required.
    type: str
  addon:
    description:
      - Name or id of the add-on.
    type: str
  show_values:
    description:
      - Return drain URLs in full. Use C(no_log) on the task, or keep the result out of logs; they often carry credentials.
    type: bool
    default: false
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_drain
'''

EXAMPLES = r'''
- name: The drains of acme-web
  herokuops.platform.heroku_drain_info:
    app: acme-web
  register: drains

- name: Their tokens, for the log server's allow list
  ansible.builtin.debug:
    msg: "{{ drains.heroku_drain_info | map(attribute='token') | list }}"

- name: The full URLs, kept out of the output
  herokuops.platform.heroku_drain_info:
    app: acme-web
    show_values: true
  register: full
  no_log: true
'''

RETURN = r'''
heroku_drain_info:
  description: The drains, each shaped like the result of M(herokuops.platform.heroku_drain).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the drain.
      type: str
    url:
      description: The drain URL, masked (scheme and host only) unless O(show_values=true).
      type: str
      sample: syslog+tls://logs.example.com/********
    token:
      description: The drain's token, written into every log line it forwards.
      type: str
      sample: d.01234567-89ab-cdef-0123-456789abcdef
    app:
      description: The app, as given in O(app); V(null) when reading an add-on's drains.
      type: str
    addon:
      description: Name of the add-on that manages the drain, or V(null) for a drain of the app's own.
      type: str
    created_at:
      description: When the drain was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._drain import HEROKU_DRAIN_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DRAIN_INFO)


if __name__ == "__main__":
    main()
