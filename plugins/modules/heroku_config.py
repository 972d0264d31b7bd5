#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

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

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    Field,
    HerokuResource,
    as_config_value,
    merge,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_config, check_config_size, check_name

ARGUMENT_SPEC = dict(
    app=dict(type="str", required=True),
    config=dict(type="dict", default={}),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    purge=dict(type="bool", default=False),
    show_values=dict(type="bool", default=False),
)


class HerokuConfig(HerokuResource):
    result_key = "heroku_config"
    noun = "app"
    creatable = False
    # state=absent removes the listed keys (see desired()), never the app's whole config.
    deletable = False
    fields = (Field("config"),)
    secret_options = ("config",)
    kept_addon_keys = ()

    def validate(self):
        check_name("app", self.params["app"], "app")
        check_config("config", self.params["config"])

    def identity(self):
        return self.params["app"]

    def item_path(self, rep=None):
        return api_path("/apps/{}/config-vars", self.params["app"])

    def missing_message(self):
        return "App %s was not found, so its config vars cannot be set. Create it first with herokuops.platform.heroku_app." % (
            self.params["app"])

    def desired(self):
        config = self.params["config"]
        if self.params["state"] == "absent":
            return {"config": dict((key, None) for key in config)}
        return {"config": dict((key, as_config_value(value)) for key, value in config.items())}

    def changes(self, desired, current):
        if self.params["purge"]:
            addon_prefixes = tuple(attachment["name"] + "_" for attachment in
                                   self.client.list(api_path("/apps/{}/addon-attachments", self.params["app"])))
            unlisted = [key for key in current["config"] if key not in desired["config"]]
            self.kept_addon_keys = sorted(key for key in unlisted if key.startswith(addon_prefixes))
            desired = {"config": dict(desired["config"], **dict(
                (key, None) for key in unlisted if key not in self.kept_addon_keys))}
        # Heroku refuses an app's config past 32 kB in all; said before the write, by size only.
        check_config_size("config", merge(current["config"], desired["config"]),
                          what="the app's config vars after this change")
        return super(HerokuConfig, self).changes(desired, current)

    def update(self, rep, body):
        # Heroku answers with the whole config after its merge.
        return self.client.patch(self.item_path(), body["config"])

    def view(self, rep):
        return {"app": self.params["app"], "config": rep}

    def result(self, changed, after, diff_before, diff_after):
        before = diff_before.get("config", {})
        after_changes = diff_after.get("config", {})
        key_changes = dict(
            added_keys=sorted(key for key, value in after_changes.items() if before.get(key) is None),
            changed_keys=sorted(key for key, value in after_changes.items()
                                if value is not None and before.get(key) is not None),
            removed_keys=sorted(key for key, value in after_changes.items() if value is None),
        )
        result = super(HerokuConfig, self).result(changed, after, diff_before, diff_after)
        result[self.result_key].update(key_changes, kept_addon_keys=list(self.kept_addon_keys))
        return result


def main():
    HerokuConfig.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
