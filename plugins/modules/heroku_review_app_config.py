#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_review_app_config
short_description: Turn a Heroku pipeline's review apps on or off and set how they are made
version_added: 0.5.0
description:
  - Ensures a pipeline's review apps are on (O(state=present)) with the settings given, or off (O(state=absent)).
  - Heroku makes review apps from the GitHub repository the pipeline is connected to. A pipeline that is not
    connected fails the task before any write, saying how to connect it; Heroku itself would only answer "Not
    found".
  - Turning review apps on is one POST with the connected repository and every setting the task gives; a later
    change is one PATCH of the settings that differ; a run that changes nothing only reads (the pipeline, its
    review-app settings, and the space or region of a deploy target).
  - Only the settings the task gives are compared; the others stay as Heroku holds them.
author:
  - herokuops.platform contributors (@herokuops)
options:
  pipeline:
    description:
      - Name or id of the pipeline.
    type: str
    required: true
  state:
    description:
      - V(present) turns review apps on (if they are off) and sets what the task gives.
      - V(absent) turns them off; Heroku then keeps none of the settings. A pipeline that does not exist has none
        to turn off.
    type: str
    choices: [present, absent]
    default: present
  repo:
    description:
      - The GitHub repository review apps are made from, as C(owner/name), for example V(acme/shop). Heroku needs
        the one the pipeline is connected to.
      - Default is the pipeline's connected repository. When given, it is checked against that connection before
        any write (compared case-insensitively, as GitHub does). Used only when review apps are turned on.
    type: str
  automatic:
    description:
      - Whether Heroku makes a review app for every pull request opened in the repository.
    type: bool
  destroy_stale_apps:
    description:
      - Whether Heroku destroys a review app that has had no deploy for O(stale_days) days.
    type: bool
  stale_days:
    description:
      - After how many days without a deploy a review app is stale, from V(1) to V(30) (checked before any request).
      - Only with O(destroy_stale_apps=true).
    type: int
  wait_for_ci:
    description:
      - Whether Heroku makes review apps only once the pipeline's CI has passed.
    type: bool
  base_name:
    description:
      - The prefix of review apps' names, of the form of an app name (lower case letters, digits and dashes,
        starting with a letter). V("") clears it.
      - A Fir pipeline (one whose apps are Fir apps) has no predictable review app names; setting it there fails
        before any write.
    type: str
  deploy_target:
    description:
      - Where review apps run, in a Private Space (O(deploy_target.space)) or in a Common Runtime region
        (O(deploy_target.region)). Give exactly one.
      - A space is looked up by name before any write; one the account cannot see fails the task.
    type: dict
    suboptions:
      space:
        description:
          - Name of the Private Space.
        type: str
      region:
        description:
          - The Common Runtime region.
        type: str
        choices: [eu, us]
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - The pipeline's GitHub connection is read from Heroku's Platform API (C(GET /pipelines/{id}/repo)), as the Heroku
    CLI's C(reviewapps:enable) reads it where the account's Heroku Labs feature C(dashboard-repositories-api) is on
    (M(herokuops.platform.heroku_feature) turns it on). Heroku's published schema does not list that read.
  - Connecting a pipeline to GitHub needs a GitHub authorization, which the Platform API does not take; do it in
    Heroku's Dashboard or with C(heroku pipelines:connect).
seealso:
  - module: herokuops.platform.heroku_review_app_config_info
  - module: herokuops.platform.heroku_pipeline
'''

EXAMPLES = r'''
- name: Review apps for every pull request of the shop pipeline, in the acme-review space, gone after 5 idle days
  herokuops.platform.heroku_review_app_config:
    pipeline: shop
    automatic: true
    wait_for_ci: true
    destroy_stale_apps: true
    stale_days: 5
    base_name: shop-pr
    deploy_target:
      space: acme-review

- name: Make review apps in the EU region instead
  herokuops.platform.heroku_review_app_config:
    pipeline: shop
    deploy_target:
      region: eu

- name: Turn the shop pipeline's review apps off
  herokuops.platform.heroku_review_app_config:
    pipeline: shop
    state: absent
'''

RETURN = r'''
heroku_review_app_config:
  description: The pipeline's review-app settings as they are after the task (or would be, in check mode); empty
    once review apps are off.
  returned: success
  type: dict
  contains:
    pipeline:
      description: Name of the pipeline.
      type: str
    pipeline_id:
      description: Unique identifier of the pipeline.
      type: str
    enabled:
      description: Whether the pipeline's review apps are on.
      type: bool
    repo_id:
      description: GitHub's id of the repository review apps are made from.
      type: int
    automatic:
      description: Whether Heroku makes a review app for every pull request.
      type: bool
    destroy_stale_apps:
      description: Whether Heroku destroys stale review apps.
      type: bool
    stale_days:
      description: After how many days without a deploy a review app is stale.
      type: int
    wait_for_ci:
      description: Whether review apps wait for CI to pass.
      type: bool
    base_name:
      description: The prefix of review apps' names, or null.
      type: str
    deploy_target:
      description: Where review apps run, as a space's name under C(space) or a region's under C(region) (null for
        Heroku's default).
      type: dict
      sample: {"space": "acme-review"}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._review_app_config import HEROKU_REVIEW_APP_CONFIG
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_REVIEW_APP_CONFIG)


if __name__ == "__main__":
    main()
