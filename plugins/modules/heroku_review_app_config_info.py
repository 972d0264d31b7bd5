#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_review_app_config_info
short_description: Read a Heroku pipeline's review-app settings
version_added: 0.5.0
description:
  - Returns whether a pipeline's review apps are on and, if they are, how Heroku makes them.
  - The result has the same keys as the result of M(herokuops.platform.heroku_review_app_config).
  - Two reads (the pipeline, its review-app settings), and one more for the space or region of a deploy target.
author:
  - herokuops.platform contributors (@herokuops)
options:
  pipeline:
    description:
      - Name or id of the pipeline. One that does not exist fails the task.
    type: str
    required: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_review_app_config
'''

EXAMPLES = r'''
- name: Read the shop pipeline's review-app settings
  herokuops.platform.heroku_review_app_config_info:
    pipeline: shop
  register: review

- name: Say where its review apps run
  ansible.builtin.debug:
    msg: "{{ review.heroku_review_app_config_info.deploy_target if review.heroku_review_app_config_info.enabled
             else 'review apps are off' }}"
'''

RETURN = r'''
heroku_review_app_config_info:
  description: The pipeline's review-app settings, shaped like the result of M(herokuops.platform.heroku_review_app_config);
    with review apps off, V(enabled) is false and every setting null.
  returned: always
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
'''

from ansible_collections.herokuops.platform.plugins.module_utils._review_app_config import HEROKU_REVIEW_APP_CONFIG_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_REVIEW_APP_CONFIG_INFO)


if __name__ == "__main__":
    main()
