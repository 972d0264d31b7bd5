#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_pipeline_info
short_description: Read Heroku pipelines and the apps in their stages
version_added: 0.1.0
description:
  - Returns one pipeline by name with its apps by stage, or every pipeline the account can see.
  - >-
    With O(name), it sends three reads: the pipeline, its couplings, and the names of the coupled apps
    (couplings name apps by id only; C(POST /filters/apps) reads the names in one request).
  - Without O(name), it lists the pipelines without their stages, in one paginated read.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of one pipeline. A pipeline that does not exist gives an empty list.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_pipeline
'''

EXAMPLES = r'''
- name: The shop pipeline
  herokuops.platform.heroku_pipeline_info:
    name: shop
  register: shop

- name: Its production apps
  ansible.builtin.debug:
    msg: "{{ shop.heroku_pipeline_info[0].stages.production }}"
'''

RETURN = r'''
heroku_pipeline_info:
  description: The pipelines, shaped like the C(heroku_pipeline) result of M(herokuops.platform.heroku_pipeline).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the pipeline.
      type: str
    name:
      description: Name of the pipeline.
      type: str
    owner_type:
      description: V(team) or V(user).
      type: str
    owner_id:
      description: Id of the owning team or user.
      type: str
    created_at:
      description: When the pipeline was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    stages:
      description: Every coupled app by stage. Only with O(name).
      type: dict
      returned: when O(name) is set
      sample: {"staging": ["shop-staging"], "production": ["shop-web"]}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._pipeline import HEROKU_PIPELINE_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_PIPELINE_INFO)


if __name__ == "__main__":
    main()
