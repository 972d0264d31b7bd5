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
  - A promotion is an action, not a state, so the module decides what "changed" means by reading each
    target's latest release (one request a target), as Heroku keeps no list of a pipeline's promotions.
  - A target whose latest release succeeded with the source's slug is skipped and listed in
    RV(heroku_pipeline_promotion.skipped).
  - A target whose latest release carries the source's slug and is still C(pending) is a promotion of the
    same release already under way, for example from an earlier run with O(wait=false) or one that timed
    out. This is how a re-run is recognised, and such a target is not promoted again but listed in
    RV(heroku_pipeline_promotion.awaited); with O(wait=true) the module waits for that release and
    reports its final status.
  - A target whose latest release with the source's slug failed is promoted again.
  - When every target is skipped or awaited nothing is sent and the task reports C(changed=false), in
    check mode too; otherwise it promotes the other targets in one promotion and reports C(changed=true).
  - Any target that fails, promoted by this run or awaited, makes the task fail, with each failed
    target's error message.
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
      - Wait until the promotion completes, and the releases of the targets in
        RV(heroku_pipeline_promotion.awaited) end, and report each target's result. Never waits in check mode.
      - Without waiting, the task cannot tell whether a target failed.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the promotion and the awaited releases, all together, when O(wait=true).
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
      description: Id of the promotion this run made; V(null) when nothing new was promoted or in check mode.
      type: str
    status:
      description: C(pending) or C(completed); V(null) when nothing new was promoted.
      type: str
      sample: completed
    source:
      description: The source app, and the release and slug that were promoted.
      type: dict
      sample: {"app": "shop-staging", "release_version": 12, "slug_id": "01234567-89ab-cdef-0123-456789abcdef"}
    targets:
      description:
        - The targets promoted by this run, then the awaited ones, each with its status (C(pending), C(succeeded),
          C(failed)) and error message.
        - In check mode the status of a target that would be promoted is V(null).
      type: list
      elements: dict
      sample: [{"app": "shop-web", "status": "succeeded", "error_message": null}]
    skipped:
      description: Targets whose latest release succeeded with the source's slug.
      type: list
      elements: str
      sample: [shop-worker]
    awaited:
      description:
        - Targets whose latest release with the source's slug was still pending, a promotion of the same release
          already under way. They were not promoted again; their status in RV(heroku_pipeline_promotion.targets)
          is that release's.
      type: list
      elements: str
      sample: [shop-web]
'''

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path, wait_until
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_names
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

    def validate(self):
        check_name("pipeline", self.params["pipeline"], "pipeline")
        check_name("source", self.params["source"], "app")
        targets = self.params.get("targets")
        check_names("targets", targets, "app")
        if targets is not None and not targets:
            raise HerokuInputError("targets is empty: name the apps to promote to, or leave it out to promote to the "
                                   "next stage.", option="targets")
        if self.params["source"] in (targets or ()):
            raise HerokuInputError("targets names the source %s: an app cannot be promoted to itself." % self.params["source"],
                                   option="targets")
        if targets and len(set(targets)) != len(targets):
            raise HerokuInputError("targets names an app twice: list each target once.", option="targets")

    def coupling(self, pipeline, app):
        coupling = self.client.get_or_none(api_path("/apps/{}/pipeline-couplings", app))
        if coupling is None or coupling["pipeline"]["id"] != pipeline["id"]:
            self.fail("App %s is not coupled to pipeline %s." % (app, pipeline["name"]))
        return coupling

    def current_slug(self, app):
        releases = self.client.list(api_path("/apps/{}/releases", app), range_field="version", descending=True, limit=1)
        release = releases[0] if releases else {}
        return release, (release.get("slug") or {}).get("id")

    def next_stage_apps(self, pipeline, stage):
        following = shapes.PIPELINE_STAGES[shapes.PIPELINE_STAGES.index(stage) + 1:]
        if stage == "review" or not following:
            self.fail("The source is in the %s stage, which promotes to no next stage: name the targets." % stage)
        couplings = self.client.list(api_path("/pipelines/{}/pipeline-couplings", pipeline["id"]))
        # The next stage that holds apps: a pipeline without a staging stage promotes development to production.
        for next_stage in following:
            apps = [coupling["app"]["id"] for coupling in couplings if coupling["stage"] == next_stage]
            if apps:
                names = self.app_names(apps)
                return [(names[app_id], app_id) for app_id in apps]
        self.fail("Pipeline %s has no apps in the stages after %s to promote to." % (pipeline["name"], stage))

    def execute(self):
        pipeline = self.client.get_or_none(api_path("/pipelines/{}", self.params["pipeline"]))
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

        to_promote, skipped, in_flight, before = [], [], [], {}
        for name, app_id in targets:
            latest, target_slug = self.current_slug(name)
            if target_slug != slug_id or latest.get("status") == "failed":
                to_promote.append((name, app_id))
                before[name] = target_slug
            elif latest.get("status") == "pending":
                in_flight.append((name, app_id, latest))
            else:
                skipped.append(name)
        outcome = dict(id=None, status=None, skipped=skipped, targets=[],
                       awaited=[name for name, _app_id, _latest in in_flight],
                       source=dict(app=self.params["source"], release_version=release.get("version"), slug_id=slug_id))
        diff = dict(before=dict(slugs=before), after=dict(slugs=dict((name, slug_id) for name in before)))
        result = {"changed": bool(to_promote), self.result_key: outcome}
        if self.module._diff:
            result["diff"] = diff
        if not to_promote and not in_flight:
            return result
        if self.module.check_mode:
            outcome["targets"] = [dict(app=name, status=None, error_message=None) for name, _app_id in to_promote]
            outcome["targets"] += [self.release_outcome(name, latest) for name, _app_id, latest in in_flight]
            return result

        promotion = None
        if to_promote:
            promotion = self.client.post("/pipeline-promotions", {
                "pipeline": {"id": pipeline["id"]},
                "source": {"app": {"id": source["app"]["id"]}},
                "targets": [{"app": {"id": app_id}} for _name, app_id in to_promote],
            })
        awaited = dict((name, latest) for name, _app_id, latest in in_flight)
        if self.params["wait"]:
            promotion, awaited = self.wait_for(promotion, in_flight)
        if promotion is not None:
            outcome.update(id=promotion["id"], status=promotion["status"], targets=self.promoted(promotion, to_promote))
        outcome["targets"] += [self.release_outcome(name, awaited[name]) for name, _app_id, _latest in in_flight]
        failed = [target for target in outcome["targets"] if target["status"] == "failed"]
        if failed:
            self.fail("Promotion from %s failed for %s." % (self.params["source"], "; ".join(
                "%s: %s" % (target["app"], target["error_message"] or "no message") for target in failed)), **result)
        return result

    def promoted(self, promotion, to_promote):
        if promotion["status"] != "completed":
            return [dict(app=name, status="pending", error_message=None) for name, _app_id in to_promote]
        names = dict((app_id, name) for name, app_id in to_promote)
        return [dict(app=names.get(target["app"]["id"], target["app"]["id"]), status=target["status"],
                     error_message=target.get("error_message"))
                for target in self.client.list(api_path("/pipeline-promotions/{}/promotion-targets", promotion["id"]))]

    def wait_for(self, promotion, in_flight):
        """Poll this run's promotion and the releases already under way in one loop, so that wait_timeout
        bounds the whole wait; each is read again only while it is unfinished."""
        state = dict(promotion=promotion, releases=dict((name, latest) for name, _app_id, latest in in_flight))
        app_ids = dict((name, app_id) for name, app_id, _latest in in_flight)

        def poll():
            if state["promotion"] is not None and state["promotion"]["status"] != "completed":
                state["promotion"] = self.client.get(api_path("/pipeline-promotions/{}", state["promotion"]["id"]))
            for name in sorted(state["releases"]):
                if state["releases"][name]["status"] == "pending":
                    state["releases"][name] = self.client.get(
                        api_path("/apps/{}/releases/{}", app_ids[name], state["releases"][name]["id"]))
            return state

        def unfinished(current):
            waiting = []
            if current["promotion"] is not None and current["promotion"]["status"] != "completed":
                waiting.append("promotion %s" % current["promotion"]["status"])
            for name, release in sorted(current["releases"].items()):
                if release["status"] == "pending":
                    waiting.append("%s release v%s pending" % (name, release["version"]))
            return waiting

        wait_until(poll, lambda current: not unfinished(current), what="promotion from %s" % self.params["source"],
                   timeout=self.params["wait_timeout"], describe=lambda current: ", ".join(unfinished(current)))
        return state["promotion"], state["releases"]

    @staticmethod
    def release_outcome(name, release):
        # A release phase that fails leaves the release failed and the app on its previous release;
        # Heroku gives a release no error message of its own.
        error = None
        if release["status"] == "failed":
            error = "release v%s failed; the app keeps running its previous release." % release["version"]
        return dict(app=name, status=release["status"], error_message=error)


def main():
    HerokuPipelinePromotion.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
