#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_feature_info
short_description: Read the features of a Heroku app or of the account (Heroku Labs)
version_added: 0.3.0
description:
  - Returns every feature of an app (with O(app)) or of the account (without it), enabled or not, or one of them
    by O(name).
  - Each item has the same keys as the result of M(herokuops.platform.heroku_feature).
  - One request (one per 1,000 features of a list).
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app whose features to read. Without it, the account's features are read.
    type: str
  name:
    description:
      - Only this feature, read from the list (one request either way).
      - A name that is not a feature of the app (with O(app)) or of the account fails the task, naming it and the
        nearest feature names; an app that does not exist fails too.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_feature
'''

EXAMPLES = r'''
- name: Every feature of acme-web
  herokuops.platform.heroku_feature_info:
    app: acme-web
  register: features

- name: The Heroku Labs features it has enabled
  ansible.builtin.debug:
    msg: "{{ features.heroku_feature_info | selectattr('enabled') | rejectattr('state', 'eq', 'general')
             | map(attribute='name') | list }}"

- name: One feature of the account
  herokuops.platform.heroku_feature_info:
    name: metrics-request-volume
  register: account_feature
'''

RETURN = r'''
heroku_feature_info:
  description: The features, each shaped like the result of M(herokuops.platform.heroku_feature).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the feature.
      type: str
      sample: preboot
    enabled:
      description: Whether the feature is enabled.
      type: bool
    state:
      description: How far along Heroku's feature is, for example C(general), C(beta) or C(alpha).
      type: str
    description:
      description: What the feature does, in Heroku's words.
      type: str
    doc_url:
      description: Heroku's documentation of the feature.
      type: str
    display_name:
      description: The feature's name for people.
      type: str
    app:
      description: The app, as given in O(app); V(null) for the account's features.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._feature import HEROKU_FEATURE_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_FEATURE_INFO)


if __name__ == "__main__":
    main()
