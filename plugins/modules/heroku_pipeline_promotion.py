#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: heroku_pipeline_promotion
short_description: Promote an app's current release to the next stage of its Heroku pipeline
version_added: 0.1.0
description:
  - Promotes the source app's current release (its slug) to the apps of the next pipeline stage, or
    to the target apps named, and by default waits until the promotion completes.
  - A promotion is an action, not a state, so the module decides what "changed" means this way.
    Targets whose current release already runs the source's slug are skipped and listed in
    RV(heroku_pipeline_promotion.skipped). When every target is skipped nothing is sent and the
    task reports C(changed=false); otherwise it promotes the other targets and reports C(changed=true).
  - Any target that fails makes the task fail, with each failed target's error message.
author:
  - herokuops.platform contributors (@herokuops)
options:
  pipeline:
    description:
      - Name or id of the pipeline.
    type: str
    required: true
  source:
    description:
      - Name of the app to promote from. It must be coupled to O(pipeline).
    type: str
    required: true
  targets:
    description:
      - Names of the apps to promote to; each must be coupled to O(pipeline).
      - Without it, every app of the stage after the source's stage
        (development, then staging, then production).
    type: list
    elements: str
  wait:
    description:
      - Wait until the promotion completes and report each target's result. Never waits in check mode.
      - Without waiting, the task cannot tell whether a target failed.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the promotion when O(wait=true).
    type: int
    default: 600
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_pipeline
'''

EXAMPLES = r'''
- name: Promote staging to production and wait for it
  herokuops.platform.heroku_pipeline_promotion:
    pipeline: shop
    source: shop-staging
  register: promotion

- name: Promote to one production app only
  herokuops.platform.heroku_pipeline_promotion:
    pipeline: shop
    source: shop-staging
    targets:
      - shop-web
'''

RETURN = r'''
heroku_pipeline_promotion:
  description: What was promoted, or would be in check mode.
  returned: always
  type: dict
  contains:
    id:
      description: Id of the promotion; V(null) when nothing was promoted or in check mode.
      type: str
    status:
      description: C(pending) or C(completed); V(null) when nothing was promoted.
      type: str
      sample: completed
    source:
      description: The source app, and the release and slug that were promoted.
      type: dict
      sample: {"app": "shop-staging", "release_version": 12, "slug_id": "01234567-89ab-cdef-0123-456789abcdef"}
    targets:
      description: The promoted targets, each with its status (C(pending), C(succeeded), C(failed)) and error message.
      type: list
      elements: dict
      sample: [{"app": "shop-web", "status": "succeeded", "error_message": null}]
    skipped:
      description: Targets that already run the source's slug.
      type: list
      elements: str
      sample: [shop-worker]
'''

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import wait_until
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import HerokuBase

ARGUMENT_SPEC = dict(
    pipeline=dict(type="str", required=True),
    source=dict(type="str", required=True),
    targets=dict(type="list", elements="str"),
    wait=dict(type="bool", default=True),
    wait_timeout=dict(type="int", default=600),
)


class HerokuPipelinePromotion(HerokuBase):
    result_key = "heroku_pipeline_promotion"

    def coupling(self, pipeline, app):
        coupling = self.client.get_or_none("/apps/%s/pipeline-couplings" % app)
        if coupling is None or coupling["pipeline"]["id"] != pipeline["id"]:
            self.fail("App %s is not coupled to pipeline %s." % (app, pipeline["name"]))
        return coupling

    def current_slug(self, app):
        releases = self.client.list("/apps/%s/releases" % app, range_field="version", descending=True, limit=1)
        release = releases[0] if releases else {}
        return release, (release.get("slug") or {}).get("id")

    def next_stage_apps(self, pipeline, stage):
        following = shapes.PIPELINE_STAGES[shapes.PIPELINE_STAGES.index(stage) + 1:]
        if stage == "review" or not following:
            self.fail("The source is in the %s stage, which promotes to no next stage: name the targets." % stage)
        couplings = self.client.list("/pipelines/%s/pipeline-couplings" % pipeline["id"])
        # The next stage that holds apps: a pipeline without a staging stage promotes development to production.
        for next_stage in following:
            apps = [coupling["app"]["id"] for coupling in couplings if coupling["stage"] == next_stage]
            if apps:
                names = self.app_names(apps)
                return [(names[app_id], app_id) for app_id in apps]
        self.fail("Pipeline %s has no apps in the stages after %s to promote to." % (pipeline["name"], stage))

    def execute(self):
        pipeline = self.client.get_or_none("/pipelines/%s" % self.params["pipeline"])
        if pipeline is None:
            self.fail("Pipeline %s was not found." % self.params["pipeline"])
        source = self.coupling(pipeline, self.params["source"])
        if self.params.get("targets"):
            targets = [(name, self.coupling(pipeline, name)["app"]["id"]) for name in self.params["targets"]]
        else:
            targets = self.next_stage_apps(pipeline, source["stage"])
        release, slug_id = self.current_slug(self.params["source"])
        if not slug_id:
            self.fail("App %s has no release with a slug to promote: deploy it first." % self.params["source"])

        to_promote, skipped, before = [], [], {}
        for name, app_id in targets:
            target_slug = self.current_slug(name)[1]
            if target_slug == slug_id:
                skipped.append(name)
            else:
                to_promote.append((name, app_id))
                before[name] = target_slug
        outcome = dict(id=None, status=None, skipped=skipped, targets=[],
                       source=dict(app=self.params["source"], release_version=release.get("version"), slug_id=slug_id))
        diff = dict(before=dict(slugs=before), after=dict(slugs=dict((name, slug_id) for name in before)))
        result = {"changed": bool(to_promote), self.result_key: outcome}
        if self.module._diff:
            result["diff"] = diff
        if not to_promote:
            return result
        if self.module.check_mode:
            outcome["targets"] = [dict(app=name, status=None, error_message=None) for name, _app_id in to_promote]
            return result

        ids = dict(to_promote)
        promotion = self.client.post("/pipeline-promotions", {
            "pipeline": {"id": pipeline["id"]},
            "source": {"app": {"id": source["app"]["id"]}},
            "targets": [{"app": {"id": app_id}} for _name, app_id in to_promote],
        })
        if self.params["wait"]:
            promotion = wait_until(
                lambda: self.client.get("/pipeline-promotions/%s" % promotion["id"]),
                lambda current: current["status"] == "completed",
                what="promotion from %s" % self.params["source"],
                timeout=self.params["wait_timeout"],
                describe=lambda current: current["status"])
        names = dict((app_id, name) for name, app_id in ids.items())
        outcome.update(id=promotion["id"], status=promotion["status"])
        if promotion["status"] == "completed":
            outcome["targets"] = [
                dict(app=names.get(target["app"]["id"], target["app"]["id"]), status=target["status"],
                     error_message=target.get("error_message"))
                for target in self.client.list("/pipeline-promotions/%s/promotion-targets" % promotion["id"])]
        else:
            outcome["targets"] = [dict(app=name, status="pending", error_message=None) for name in ids]
        failed = [target for target in outcome["targets"] if target["status"] == "failed"]
        if failed:
            self.fail("Promotion from %s failed for %s." % (self.params["source"], "; ".join(
                "%s: %s" % (target["app"], target["error_message"] or "no message") for target in failed)), **result)
        return result


def main():
    HerokuPipelinePromotion.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
