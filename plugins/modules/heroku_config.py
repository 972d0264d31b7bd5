#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_config
short_description: Set and remove the config vars of a Heroku app
version_added: 0.1.0
description:
  - Sets, changes and removes an app's config vars in one request, and only when something differs.
  - A run reads the config vars once and writes at most once. Each write makes a new release of the
    app, as it does on Heroku; a run that changes nothing makes no release.
  - Values are secrets. They never appear in the result, the diff, error messages or logs unless
    O(show_values=true); by default you see the names of the keys that were added, changed or removed.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. The app must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  config:
    description:
      - Config vars by name.
      - Heroku stores strings, so values are compared and sent as strings; V(true) and V(false) become
        C("true") and C("false"), numbers their decimal form. Quote values in YAML where the exact
        text matters (C("1.10") rather than V(1.10), which YAML reads as the number 1.1).
      - A value of V(null) removes that key.
      - With O(state=absent), the keys given are removed and their values are ignored.
      - Values are secrets, masked in the result, the diff and the arguments Ansible shows at C(-vvv)
        unless O(show_values=true).
    type: dict
    default: {}
  state:
    description:
      - V(present) sets the given config vars; V(absent) removes the given keys.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description:
      - Remove every config var not named in O(config).
      - Config vars that the app's add-ons put there (for example C(DATABASE_URL)) are kept unless you
        name them with a V(null) value; the result lists them in RV(heroku_config.kept_addon_keys).
      - Costs one more read, of the app's add-on attachments.
    type: bool
    default: false
  show_values:
    description:
      - Show config var values in the result and the diff. They are secrets; only use this where the
        output is not kept or shared.
    type: bool
    default: false
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_config_info
'''

EXAMPLES = r'''
- name: Configure acme-web, with the connection options set once for the collection
  module_defaults:
    group/herokuops.platform.heroku:
      api_key: "{{ vault_heroku_api_key }}"
  block:
    - name: Set config vars (values stay hidden in output and diffs)
      herokuops.platform.heroku_config:
        app: acme-web
        config:
          NODE_ENV: production
          WEB_CONCURRENCY: 4
          SESSION_SECRET: "{{ vault_session_secret }}"
          OLD_FEATURE_FLAG: null

- name: Rotate a secret with the whole task hidden, typos in option names included
  herokuops.platform.heroku_config:
    app: acme-web
    config:
      SESSION_SECRET: "{{ vault_new_session_secret }}"
  no_log: true

- name: Remove config vars
  herokuops.platform.heroku_config:
    app: acme-web
    state: absent
    config:
      LEGACY_API_URL:
      DEBUG:

- name: Make the app's config exactly this, keeping what add-ons provide
  herokuops.platform.heroku_config:
    app: acme-web
    purge: true
    config:
      NODE_ENV: production

- name: The config of several apps (the label, not the values, is printed for each item)
  herokuops.platform.heroku_config:
    app: "{{ item.app }}"
    config: "{{ item.config }}"
  loop: "{{ shop_app_configs }}"
  loop_control:
    label: "{{ item.app }}"
'''

RETURN = r'''
heroku_config:
  description: The app's config vars after the task, or as they would be in check mode.
  returned: always
  type: dict
  contains:
    app:
      description: The app, as given in O(app).
      type: str
      sample: acme-web
    config:
      description:
        - Every config var of the app. Values are C(********) unless O(show_values=true).
      type: dict
      sample: {"NODE_ENV": "********", "DATABASE_URL": "********"}
    added_keys:
      description: Keys that were added.
      type: list
      elements: str
      sample: [SESSION_SECRET]
    changed_keys:
      description: Keys whose value changed.
      type: list
      elements: str
      sample: [WEB_CONCURRENCY]
    removed_keys:
      description: Keys that were removed.
      type: list
      elements: str
      sample: [OLD_FEATURE_FLAG]
    kept_addon_keys:
      description: Keys that O(purge=true) kept because the app's add-ons provide them.
      type: list
      elements: str
      sample: [DATABASE_URL]
'''

from ansible_collections.herokuops.platform.plugins.module_utils._config import HEROKU_CONFIG
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_CONFIG)


if __name__ == "__main__":
    main()
