#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_pipeline_promotion
short_description: Promote an app's current release to the next stage of its Heroku pipeline
version_added: 0.1.0
description:
  - Promotes the source app's current release (its slug) to the apps of the next pipeline stage, or
    to the target apps named, and by default waits until the promotion completes and each target's
    release has ended its release phase.
  - The release promoted is the one the source runs, its newest release that succeeded, not a newer one whose
    release phase is still running; or, with O(release), exactly the release named.
  - A promotion is an action, not a state, so the module decides what "changed" means by reading each
    target's latest releases (one request a target), as Heroku keeps no list of a pipeline's promotions.
  - A target whose latest release succeeded with the source's slug is skipped and listed in
    RV(heroku_pipeline_promotion.skipped).
  - A target whose latest release carries the source's slug and is still C(pending) is a promotion of the
    same release already under way, for example from an earlier run with O(wait=false) or one that timed
    out. This is how a re-run is recognised, and such a target is not promoted again but listed in
    RV(heroku_pipeline_promotion.awaited); with O(wait=true) the module waits for that release and
    reports its final status.
  - A target whose latest release with the source's slug failed is promoted again.
  - With O(release), "the source's slug" above is that release's slug (or OCI image). A target whose latest release
    succeeded with it is already promoted and skipped, so a second run sends reads only, even when the source got a
    newer release since.
  - A slug runs on Cedar and an OCI image on Fir, so a promotion between apps of different generations (a Cedar
    source and a Fir target, or the reverse) fails before any write, naming the apps and their generations. The
    generations are read (one request an app) only when the run would promote.
  - When every target is skipped or awaited nothing is sent and the task reports C(changed=false), in
    check mode too; otherwise it promotes the other targets in one promotion and reports C(changed=true).
  - A target whose slug has a C(release) process type runs its release phase when promoted; its release
    stays C(pending) meanwhile and the target has succeeded only once its release has. When the release phase
    fails, Heroku keeps the app on its previous release and the failed release stays the app's latest.
  - Any target that fails, promoted by this run or awaited, makes the task fail, with each failed
    target's error message; with O(rollback_on_failure=true) the task fails too, after the rollbacks.
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
      - Seconds to wait for the promotion, its targets' releases and the awaited releases, all together, when
        O(wait=true). When it passes, the task fails naming what was still pending.
      - The rollbacks of O(rollback_on_failure) are waited for up to as long again.
    type: int
    default: 600
  rollback_on_failure:
    description:
      - Roll back each target whose release failed, promoted by this run or awaited, to the release it ran
        before the promotion (the newest of its latest 20 releases that succeeded), and wait for that rollback,
        whose own release phase may run. Each such target reports RV(heroku_pipeline_promotion.targets[].rolled_back_to).
      - A rollback is a new release made from the earlier one (C(heroku releases:rollback)), so the failed release
        is no longer the app's latest.
      - The task still fails and reports C(changed=true); its message says which targets were rolled back and
        to what, and which could not be (no earlier release that succeeded).
      - Needs O(wait=true). Check mode sends nothing.
    type: bool
    default: false
    version_added: 0.4.0
  release:
    description:
      - The release of O(source) to promote, by version (V(12) or V(v12)) or by id. Exactly that release goes to the
        targets (Heroku's C(source.release.id)), even when the source got a newer one since, for example the release
        tested in staging.
      - It must be a release of O(source) that succeeded; otherwise the task fails before any write, naming it.
      - A version among the source's latest 20 releases needs no request beyond the one that lists them; an older
        version or an id is read once.
      - Without it, the release the source runs is promoted.
    type: raw
    version_added: 0.5.0
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

- name: Promote, and put any target whose release phase fails back on the release it ran before
  block:
    - name: Promote staging to production
      herokuops.platform.heroku_pipeline_promotion:
        pipeline: shop
        source: shop-staging
        rollback_on_failure: true
        wait_timeout: 900
  rescue:
    - name: Say which targets failed and where they are now
      ansible.builtin.debug:
        msg: >-
          {{ item.app }}: release v{{ item.failed_release.version }} failed;
          {{ 'rolled back to v%s (%s)' % (item.rolled_back_to.version, item.rolled_back_to.status)
             if item.rolled_back_to else 'not rolled back' }}
      loop: "{{ ansible_failed_result.heroku_pipeline_promotion.targets | selectattr('failed_release') }}"
      loop_control:
        label: "{{ item.app }}"

- name: Promote exactly the release tested in staging (v42), even if staging got a newer one since
  herokuops.platform.heroku_pipeline_promotion:
    pipeline: shop
    source: shop-staging
    release: v42
  register: promotion

- name: Show the release each production app got
  ansible.builtin.debug:
    var: promotion.heroku_pipeline_promotion.promoted_release_ids

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
      description:
        - The source app, and the release and slug that were promoted.
        - C(release_id) is the promoted release's id; C(oci_image) the id of its OCI image where Heroku gives one
          (a Fir app's release), else V(null); C(slug_id) is V(null) for a release without a slug.
      type: dict
      sample: {"app": "shop-staging", "release_version": 12, "slug_id": "01234567-89ab-cdef-0123-456789abcdef",
               "release_id": "abcdef01-2345-6789-abcd-ef0123456789", "oci_image": null}
    targets:
      description:
        - The targets promoted by this run, then the awaited ones.
        - In check mode the status of a target that would be promoted is V(null).
      type: list
      elements: dict
      sample: [{"app": "shop-web", "status": "failed", "error_message": "Release phase failed: the release command exited with status 1",
                "failed_release": {"id": "01234567-89ab-cdef-0123-456789abcdef", "version": 13, "status": "failed"},
                "rolled_back_to": {"id": "abcdef01-2345-6789-abcd-ef0123456789", "version": 12, "status": "succeeded",
                                   "release_version": 14}}]
      contains:
        app:
          description: Name of the target app.
          type: str
        status:
          description:
            - C(pending), C(succeeded) or C(failed). A target has succeeded once the promotion says so and its
              release has ended its release phase; it has failed when either failed.
          type: str
        error_message:
          description: Why the target failed, as Heroku says; V(null) unless it failed.
          type: str
        failed_release:
          description: The target's release that failed (its C(id), C(version) and C(status)); V(null) otherwise.
          type: dict
        rolled_back_to:
          description:
            - With O(rollback_on_failure=true), the release the target ran before the promotion and was rolled
              back to (its C(id) and C(version)), with the C(status) of the rollback (C(succeeded), C(failed), or
              C(pending) when it had not ended within O(wait_timeout)) and the version of the rollback's own
              release (C(release_version)).
            - V(null) when the target was not rolled back.
          type: dict
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
    promoted_release_ids:
      description:
        - Target app name -> id of the release the promotion made on it (the promotion targets' C(release.id), as
          Terraform's C(promoted_release_ids)), for the targets promoted by this run and the awaited ones.
        - Empty when nothing was promoted, in check mode, and for the targets promoted by this run when O(wait=false).
      type: dict
      returned: always
      version_added: 0.5.0
      sample: {"shop-web": "fedcba98-7654-3210-fedc-ba9876543210"}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._pipeline_promotion import HEROKU_PIPELINE_PROMOTION
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_PIPELINE_PROMOTION)


if __name__ == "__main__":
    main()
