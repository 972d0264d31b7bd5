#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_feature
short_description: Enable or disable a Heroku app feature or account feature (Heroku Labs)
version_added: 0.3.0
description:
  - Enables or disables one feature by name, like C(heroku features:enable) and C(heroku labs:enable).
  - With O(app), the feature is one of that app's (V(preboot), V(http-session-affinity),
    V(runtime-dyno-metadata), ...); without it, one of the account's own (the C(User Features) of C(heroku labs)).
  - Heroku holds every feature, enabled or not, so a feature is never created or removed, only switched.
    A name Heroku does not know fails the task, naming the feature.
  - A run that changes nothing sends one read of the feature and no write; a change is one write.
  - To set several features of an app in one task, use the O(herokuops.platform.heroku_app#module:features)
    option of M(herokuops.platform.heroku_app), which behaves the same way.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name of the feature, for example V(preboot) or V(runtime-dyno-metadata).
      - Lower case letters, digits, dots, dashes and underscores; checked before any request.
      - M(herokuops.platform.heroku_feature_info) lists the features there are.
    type: str
    required: true
  app:
    description:
      - Name or id of the app whose feature this is. The app must exist; create it with
        M(herokuops.platform.heroku_app).
      - Without it, the feature is one of the account's, the one the API key belongs to.
    type: str
  enabled:
    description:
      - V(true) to enable the feature, V(false) to disable it.
    type: bool
    required: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_feature_info
  - module: herokuops.platform.heroku_app
  - name: Heroku Labs
    description: Features in beta, and how to give feedback on them.
    link: https://devcenter.heroku.com/articles/heroku-beta-features
'''

EXAMPLES = r'''
- name: Seamless deploys for acme-web
  herokuops.platform.heroku_feature:
    app: acme-web
    name: preboot
    enabled: true

- name: Release metadata in the dynos' environment (a Heroku Labs feature)
  herokuops.platform.heroku_feature:
    app: acme-web
    name: runtime-dyno-metadata
    enabled: true
  register: metadata

- name: Say how stable it is
  ansible.builtin.debug:
    msg: "{{ metadata.heroku_feature.display_name }} is in {{ metadata.heroku_feature.state }}"

- name: An account feature (no app)
  herokuops.platform.heroku_feature:
    name: metrics-request-volume
    enabled: false
'''

RETURN = r'''
heroku_feature:
  description: The feature after the task, or as it would be in check mode.
  returned: always
  type: dict
  contains:
    name:
      description: Name of the feature.
      type: str
      sample: preboot
    enabled:
      description: Whether the feature is enabled.
      type: bool
      sample: true
    state:
      description: How far along Heroku's feature is, for example C(general), C(beta) or C(alpha).
      type: str
      sample: general
    description:
      description: What the feature does, in Heroku's words.
      type: str
      sample: Provide seamless web dyno deploys.
    doc_url:
      description: Heroku's documentation of the feature.
      type: str
      sample: https://devcenter.heroku.com/articles/preboot
    display_name:
      description: The feature's name for people.
      type: str
      sample: Preboot
    app:
      description: The app, as given in O(app); V(null) for an account feature.
      type: str
      sample: acme-web
'''

from ansible_collections.herokuops.platform.plugins.module_utils._feature import HEROKU_FEATURE
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_FEATURE)


if __name__ == "__main__":
    main()
