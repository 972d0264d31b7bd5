#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: heroku_pipeline
short_description: Create and delete Heroku pipelines and couple apps to their stages
version_added: 0.1.0
description:
  - Ensures a pipeline exists with the given apps in the given stages, or does not exist.
  - An app listed in a stage is coupled to it; an app coupled to another stage of the pipeline is
    moved with one update, never uncoupled and coupled again. Apps not listed are left alone unless
    O(purge_couplings=true).
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
    type: str
    required: true
  state:
    description:
      - V(present) creates the pipeline and couples the apps; V(absent) deletes the pipeline, which
        uncouples its apps (the apps themselves stay).
    type: str
    choices: [present, absent]
    default: present
  owner:
    description:
      - Team that owns a new pipeline. Without it the pipeline belongs to your account.
      - Used at creation only; move an existing pipeline with a pipeline transfer.
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

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_config, check_name
from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    HerokuResource,
    as_config_value,
)


ARGUMENT_SPEC = dict(
    name=dict(type="str", required=True),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    owner=dict(type="str"),
    stages=dict(type="dict"),
    stage_config_vars=dict(type="dict"),
    show_values=dict(type="bool", default=False),
    purge_couplings=dict(type="bool", default=False),
)


class HerokuPipeline(HerokuResource):
    result_key = "heroku_pipeline"
    noun = "pipeline"
    sections = ("stages", "stage_config_vars")
    secret_options = ("stage_config_vars",)
    returned = shapes.PIPELINE

    def validate(self):
        check_name("name", self.params["name"], "pipeline")
        check_name("owner", self.params.get("owner"), "team")
        for stage, config in (self.params.get("stage_config_vars") or {}).items():
            if stage not in shapes.PIPELINE_STAGES:
                raise HerokuInputError("stage_config_vars.%s is not a pipeline stage: use %s." % (
                    stage, ", ".join(shapes.PIPELINE_STAGES)), option="stage_config_vars")
            if not isinstance(config, dict):
                raise HerokuInputError("stage_config_vars.%s must map names to strings, numbers, booleans or null."
                                       % stage, option="stage_config_vars")
            check_config("stage_config_vars.%s" % stage, config)
        stages = self.params.get("stages") or {}
        seen = {}
        for stage, apps in stages.items():
            if stage not in shapes.PIPELINE_STAGES:
                raise HerokuInputError("stages.%s is not a pipeline stage: use %s." % (
                    stage, ", ".join(shapes.PIPELINE_STAGES)), option="stages")
            if not isinstance(apps, list) or not all(isinstance(app, str) for app in apps):
                raise HerokuInputError("stages.%s must be a list of app names." % stage, option="stages")
            for app in apps:
                check_name("stages.%s" % stage, app, "app", ids=False)
                if app in seen:
                    raise HerokuInputError("stages: app %s is listed in both %s and %s; an app stands in one stage." % (
                        app, seen[app], stage), option="stages")
                seen[app] = stage

    def item_path(self, rep=None):
        return api_path("/pipelines/{}", rep["id"] if rep else self.params["name"])

    def create_path(self):
        return "/pipelines"

    def create_body(self, desired):
        body = {"name": self.params["name"]}
        if self.params.get("owner"):
            team = self.client.get(api_path("/teams/{}", self.params["owner"]))
            body["owner"] = {"id": team["id"], "type": "team"}
        return body

    def desired(self):
        desired = {}
        if self.params.get("stages") is not None:
            desired["stages"] = dict((stage, sorted(apps)) for stage, apps in self.params["stages"].items())
        if self.params.get("stage_config_vars") is not None:
            desired["stage_config_vars"] = dict(
                (stage, dict((key, as_config_value(value)) for key, value in config.items()))
                for stage, config in self.params["stage_config_vars"].items())
        return desired

    def read_stage_config_vars(self, rep):
        return dict((stage, self.client.get(api_path("/pipelines/{}/stage/{}/config-vars", rep["id"], stage)))
                    for stage in self.params["stage_config_vars"])

    def write_stage_config_vars(self, rep, before, after):
        for stage, changes in sorted(after.items()):
            self.client.patch(api_path("/pipelines/{}/stage/{}/config-vars", rep["id"], stage), changes)

    def read_stages(self, rep):
        """Stage -> listed apps coupled there; with purge, every coupled app."""
        couplings = self.client.list(api_path("/pipelines/{}/pipeline-couplings", rep["id"]))
        names = self.app_names(coupling["app"]["id"] for coupling in couplings)
        listed = set(app for apps in self.params["stages"].values() for app in apps)
        self.couplings = {}
        stages = dict((stage, []) for stage in self.params["stages"])
        for coupling in couplings:
            app = names[coupling["app"]["id"]]
            if app in listed or self.params["purge_couplings"]:
                self.couplings[app] = coupling
                stages.setdefault(coupling["stage"], []).append(app)
        # Only an app about to be coupled costs a read: Heroku couples an app to one pipeline at a time,
        # and check mode should say so as the real run would.
        for app in sorted(listed - set(self.couplings)):
            elsewhere = self.client.get_or_none(api_path("/apps/{}/pipeline-couplings", app))
            if elsewhere is not None:
                self.fail("App %s is coupled to another pipeline (%s). Heroku couples an app to one pipeline "
                          "at a time: remove it from that pipeline first." % (app, elsewhere["pipeline"]["id"]))
        return dict((stage, sorted(apps)) for stage, apps in stages.items())

    def changes(self, desired, current):
        if self.params["purge_couplings"] and "stages" in desired:
            # Every stage that holds apps is compared, so unlisted apps show as removed.
            wanted = dict((stage, []) for stage in current.get("stages", {}))
            wanted.update(desired["stages"])
            desired = dict(desired, stages=wanted)
        return super(HerokuPipeline, self).changes(desired, current)

    def write_stages(self, rep, before, after):
        for stage, apps in after.items():
            for app in apps:
                coupling = self.couplings.get(app)
                if coupling is None:
                    self.client.post("/pipeline-couplings", {"app": app, "pipeline": rep["id"], "stage": stage})
                elif coupling["stage"] != stage:
                    self.client.patch(api_path("/pipeline-couplings/{}", coupling["id"]), {"stage": stage})
        if self.params["purge_couplings"]:
            listed = set(app for apps in self.params["stages"].values() for app in apps)
            for app, coupling in sorted(self.couplings.items()):
                if app not in listed:
                    self.client.delete(api_path("/pipeline-couplings/{}", coupling["id"]))


def main():
    HerokuPipeline.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
