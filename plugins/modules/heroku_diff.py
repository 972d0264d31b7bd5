#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_diff
short_description: Compare two Heroku apps, or the stages of a pipeline, without showing a config value
version_added: 0.5.0
description:
  - Compares two apps (O(apps)), or every app of a pipeline stage with every app of the next stage that holds apps
    (O(pipeline) with O(stage); without O(stage), each such pair of stages, development to staging to production),
    and reports how each pair differs. Review apps are never compared.
  - "Compared: config vars (their names, and whether the values are equal, never the values), add-on services and
    their plans, buildpacks (their order counts), stack, generation (Cedar or Fir), enabled features, process types,
    their dyno sizes and, separately, quantities, region and Private Space, and the number of custom domains and of
    log drains (telemetry drains on a Fir app)."
  - Config values are compared inside the run by an HMAC-SHA256 under a salt drawn at random for the run and never
    shown; no config value, nor its digest, is in the result, the diff, an error or the output at any verbosity.
  - Reads only, so it runs unchanged in check mode and always reports C(changed=false). Each app is read once, one
    request an aspect (eight on a Cedar app, seven on a Fir app), however many pairs it is in; a pipeline costs two
    more reads (the pipeline and its couplings).
  - "Differences the user expects (O(expected)) are reported as such and do not count as drift, so that
    C(failed_when: result.heroku_diff.drift) fails a run on unexpected drift only. The playbook
    C(herokuops.platform.parity) does that for a pipeline."
author:
  - herokuops.platform contributors (@herokuops)
options:
  apps:
    description:
      - The two apps to compare, by name or id, as V([a, b]). Each difference says what is V(only_in_a) or
        V(only_in_b) in this order.
      - Mutually exclusive with O(pipeline); one of them is required.
    type: list
    elements: str
  pipeline:
    description:
      - Name or id of a pipeline whose stages to compare, each app of a stage with each app of the next stage
        that holds apps.
    type: str
  stage:
    description:
      - With O(pipeline), compare this stage with the next stage that holds apps (V(development) with V(staging), or
        with V(production) when the pipeline has no staging app), and no other.
      - Default is every pair of consecutive stages that hold apps.
    type: str
    choices: [development, staging]
  expected:
    description:
      - The differences that may be, reported with C(expected=true) and not counted as drift.
      - Each entry is a shell-style pattern (V(*) and V(?)), matched against a difference's key (a config var's
        name such as V(DATABASE_URL), V(HEROKU_APP_*), an add-on's service, a process type), its kind (V(dyno_quantity)
        expects every process type's quantity to differ) or both as C(kind:key) (V(dyno_size:worker)).
      - "The kinds: V(generation), V(region), V(space), V(stack), V(buildpacks), V(config), V(addon), V(feature),
        V(process_type), V(dyno_size), V(dyno_quantity), V(custom_domains), V(log_drains), V(telemetry_drains)."
    type: list
    elements: str
    default: []
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.CONCURRENCY
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_config_info
  - module: herokuops.platform.heroku_pipeline_info
'''

EXAMPLES = r'''
- name: How production differs from staging
  herokuops.platform.heroku_diff:
    apps: [shop-staging, shop-production]
    expected: [DATABASE_URL, REDIS_URL, dyno_quantity]
  register: shop_diff

- name: One line per pair
  ansible.builtin.debug:
    msg: "{{ shop_diff.heroku_diff.pairs | map(attribute='summary') }}"

- name: Fail on drift between every stage of a pipeline
  herokuops.platform.heroku_diff:
    pipeline: shop
    expected: [DATABASE_URL, "HEROKU_*", dyno_quantity, custom_domains]
  register: shop_parity
  failed_when: shop_parity.heroku_diff.drift

- name: Only staging against production
  herokuops.platform.heroku_diff:
    pipeline: shop
    stage: staging
'''

RETURN = r'''
heroku_diff:
  description: How the apps compared differ.
  returned: success
  type: dict
  contains:
    pairs:
      description:
        - One report per pair of apps compared, in stage order, then by the names of the apps.
      type: list
      elements: dict
      contains:
        a:
          description: The first app of the pair (the earlier stage), by name.
          type: str
          sample: shop-staging
        b:
          description: The second app of the pair (the later stage), by name.
          type: str
          sample: shop-production
        a_stage:
          description: The pipeline stage of RV(heroku_diff.pairs[].a); V(null) when comparing O(apps).
          type: str
          sample: staging
        b_stage:
          description: The pipeline stage of RV(heroku_diff.pairs[].b); V(null) when comparing O(apps).
          type: str
          sample: production
        drift:
          description: Whether the pair has a difference that O(expected) does not name.
          type: bool
          sample: true
        unexpected:
          description: How many of its differences O(expected) does not name.
          type: int
          sample: 2
        expected:
          description: How many of its differences O(expected) names.
          type: int
          sample: 1
        differences:
          description:
            - Every difference, by kind (in the order O(expected) lists the kinds) then key.
            - C(kind) and C(key) say what differs (C(key) is the kind itself for an aspect an app has once, such as
              C(stack)); C(status) is V(differs), V(only_in_a) or V(only_in_b); C(expected) whether O(expected)
              names it.
            - C(a) and C(b) are the two apps' values, except for a config var, which has neither. An add-on's are its
              plans (V(null) where the app has none of the service); a feature's, whether it is enabled; a process
              type's, its C(size) and C(quantity); the counts' (C(custom_domains), C(log_drains), C(telemetry_drains)),
              numbers.
          type: list
          elements: dict
          sample: [{"kind": "stack", "key": "stack", "status": "differs", "a": "heroku-24", "b": "heroku-22",
                    "expected": false},
                   {"kind": "config", "key": "DATABASE_URL", "status": "differs", "expected": true},
                   {"kind": "config", "key": "NEW_CHECKOUT", "status": "only_in_a", "expected": false},
                   {"kind": "addon", "key": "heroku-postgresql", "status": "differs",
                    "a": "heroku-postgresql:essential-0", "b": "heroku-postgresql:standard-0", "expected": false},
                   {"kind": "dyno_quantity", "key": "web", "status": "differs", "a": 1, "b": 4, "expected": true}]
        config:
          description: Each config var of either app with V(same), V(differs), V(only_in_a) or V(only_in_b); never a value.
          type: dict
          sample: {"DATABASE_URL": "differs", "LOG_LEVEL": "same", "NEW_CHECKOUT": "only_in_a"}
        summary:
          description: One line saying whether the pair drifted and what differs, never a value.
          type: str
          sample: "shop-staging vs shop-production: drift: 2 unexpected differences (stack differs, config NEW_CHECKOUT
            only_in_a); 1 expected (config DATABASE_URL)."
    drift:
      description: Whether any pair has a difference O(expected) does not name.
      type: bool
      sample: true
    unexpected:
      description: How many differences O(expected) does not name, over every pair.
      type: int
      sample: 2
    unused_expected:
      description:
        - The entries of O(expected) that matched no difference of any pair, in the order given.
        - A misspelt name (V(DATABSE_URL)) shows here, and so does a difference that is gone.
      type: list
      elements: str
      sample: [REDIS_URL]
'''

from ansible_collections.herokuops.platform.plugins.module_utils._diff import HEROKU_DIFF
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DIFF)


if __name__ == "__main__":
    main()
