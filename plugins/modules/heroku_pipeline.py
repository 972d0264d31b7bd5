#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_pipeline
short_description: Create, rename, transfer and delete Heroku pipelines and couple apps to their stages
version_added: 0.1.0
description:
  - Ensures a pipeline exists with the given apps in the given stages, or does not exist.
  - An app listed in a stage is coupled to it; an app coupled to another stage of the pipeline is
    moved with one update, never uncoupled and coupled again. Apps not listed are left alone unless
    O(purge_couplings=true).
  - The pipeline is renamed with O(new_name) and given to a team with O(owner) (one pipeline transfer).
  - >-
    A run that changes nothing sends three reads however many apps the stages list: the pipeline, its
    couplings, and the names of the coupled apps (C(POST /filters/apps), which only reads). Each app about
    to be coupled costs one more read, to check that no other pipeline holds it.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of the pipeline.
      - With O(new_name), its name before the rename.
    type: str
    required: true
  new_name:
    description:
      - Rename the pipeline found by O(name) to this name (one update).
      - As in M(herokuops.platform.heroku_app) and M(herokuops.platform.heroku_space), O(name) keeps the old name
        in the task; once renamed, the pipeline is found under O(new_name), so a second run sends reads only.
      - When pipelines of both names exist, the task fails before any write, naming both.
      - Checked before any request (3 to 30 lower case letters, digits and dashes, starting with a letter).
    type: str
  state:
    description:
      - V(present) creates the pipeline and couples the apps; V(absent) deletes the pipeline, which
        uncouples its apps (the apps themselves stay).
    type: str
    choices: [present, absent]
    default: present
  owner:
    description:
      - Team that owns the pipeline. Without it a new pipeline belongs to your account, and an existing one keeps
        its owner.
      - An existing pipeline owned by someone else is given to the team with one pipeline transfer
        (C(POST /pipeline-transfers)), which moves its apps too.
      - >-
        Compared by the team's id, read once per run (C(GET /teams/{team})); a team Heroku does not know, or one
        your account cannot see, fails before any write, naming it. A transfer costs one more read, for the
        current owner's name in the diff.
      - Heroku also transfers a pipeline to a user; this option names teams only.
    type: str
  stages:
    description:
      - "Apps by stage, for example C({staging: [acme-staging], production: [acme-web]})."
      - Stages are V(review), V(development), V(staging) and V(production).
      - An app may stand in one stage only. An app that belongs to another pipeline fails the task, as
        Heroku couples an app to one pipeline at a time.
    type: dict
  stage_config_vars:
    description:
      - >-
        Config vars by stage, applied to every app that Heroku creates in that stage (review apps,
        for example), such as C({review: {DEBUG: "true"}}). A value of V(null) removes that key;
        keys not listed are left alone. Values are compared and sent as strings, as in
        M(herokuops.platform.heroku_config).
      - One read per listed stage, and one write per stage that changes.
      - Values are secrets. They never appear in the result or the diff unless O(show_values=true).
    type: dict
  show_values:
    description:
      - Show the values of O(stage_config_vars) in the result and the diff.
    type: bool
    default: false
  purge_couplings:
    description:
      - Uncouple the pipeline's apps that O(stages) does not list, in every stage.
      - Costs no extra request.
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
  - module: herokuops.platform.heroku_pipeline_info
  - module: herokuops.platform.heroku_pipeline_promotion
'''

EXAMPLES = r'''
- name: The shop pipeline, owned by the acme team
  herokuops.platform.heroku_pipeline:
    name: shop
    owner: acme
    stages:
      staging:
        - shop-staging
      production:
        - shop-web
        - shop-worker

- name: Rename the shop pipeline to shop-eu and give it to the acme team
  herokuops.platform.heroku_pipeline:
    name: shop
    new_name: shop-eu
    owner: acme

- name: Config vars for the review apps the pipeline creates
  herokuops.platform.heroku_pipeline:
    name: shop
    stage_config_vars:
      review:
        NODE_ENV: development
        STRIPE_KEY: "{{ vault_stripe_test_key }}"

- name: Exactly these apps, uncoupling any other
  herokuops.platform.heroku_pipeline:
    name: shop
    purge_couplings: true
    stages:
      staging: [shop-staging]
      production: [shop-web]

- name: Several pipelines with stage config (the label, not the values, is printed for each item)
  herokuops.platform.heroku_pipeline:
    name: "{{ item.name }}"
    stage_config_vars: "{{ item.stage_config_vars }}"
  loop: "{{ pipelines }}"
  loop_control:
    label: "{{ item.name }}"
'''

RETURN = r'''
heroku_pipeline:
  description: The pipeline after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the pipeline. V(null) in check mode before creation.
      type: str
    name:
      description: Name of the pipeline.
      type: str
      sample: shop
    owner:
      description:
        - The owning team's name; where a user owns it, the user's email (your account's) or id.
      type: str
      returned: when O(owner) is set
      sample: acme
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
    stage_config_vars:
      description:
        - The config vars of each listed stage; values are C(********) unless O(show_values=true).
      type: dict
      returned: when O(stage_config_vars) is set
      sample: {"review": {"DEBUG": "********"}}
    stages:
      description:
        - The apps by stage, as far as this task looked. Without O(purge_couplings) only the listed
          apps are read, so other coupled apps are not shown.
      type: dict
      returned: when O(stages) is set
      sample: {"staging": ["shop-staging"], "production": ["shop-web"]}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._pipeline import HEROKU_PIPELINE
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_PIPELINE)


if __name__ == "__main__":
    main()
