#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_release
short_description: Make a Heroku app run a given release, slug or OCI image (roll back, pin)
version_added: 0.4.0
description:
  - Makes an app run the slug of one of its releases (O(version), a rollback), a slug of its own (O(slug), pinning a
    build), an OCI image of its own (O(oci_image), on a Fir app), or the release before the current one
    (O(previous=true), like C(heroku rollback)).
  - A Cedar app runs slugs and a Fir app (one in a Fir space) runs OCI images. O(slug) on a Fir app and O(oci_image)
    on a Cedar app fail before any write, naming the option, the app, its generation and what to use instead. The
    app is read for its generation only when a release is to be made; a run that changes nothing reads the
    releases alone.
  - Rolling back creates a new release with the slug and the config vars of the release named, as C(heroku rollback)
    does; pinning a slug creates a new release of that slug with the app's current config vars.
  - With O(version) or O(slug) the task is a state. What an app runs is its current release's slug, so nothing is
    sent and the task reports C(changed=false) when the current release already carries the slug wanted, even
    when the app's config vars changed since the release named. That costs one read of the newest releases; a
    version older than the 50 newest costs one more read.
  - A release of the slug wanted that is newer than the current one and still C(pending) (its release phase runs,
    for example after an earlier run with O(wait=false) or one that timed out) is waited for, not sent again.
  - A newer release of another slug still C(pending) (a deploy whose release phase runs or hangs) would replace the
    current release if it succeeded. The module then makes a release of the slug wanted even when the app runs it
    now, so that the newest release is the one wanted and stays.
  - O(previous=true) is an action, not a state. It rolls back to the newest release that succeeded before the
    current one every time it runs, and always reports C(changed=true). For a playbook that can run again, name
    the O(version) or the O(slug) instead.
  - A release whose app defines a C(release) process type runs its release phase first; it stays C(pending) and
    the app keeps running its previous release until the phase succeeds. The module waits for it by default. A
    release phase that fails, or does not end within O(wait_timeout), fails the task with the release's version
    and status and the last lines of the phase's output; the task then reports C(changed=true).
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  version:
    description:
      - Number of the release whose slug and config vars the app should run, the V(12) of C(v12).
      - Exactly one of O(version), O(slug), O(oci_image) and O(previous=true) is required.
      - A version the app does not have fails naming this option, before any write.
      - So does a release without a slug or an OCI image, such as V(1) (C(Initial release)), unless it is the
        current one; it carries no code to roll back to.
    type: int
  slug:
    description:
      - Id of the slug the app should run with its current config vars (a UUID, for example a build's
        C(slug.id)). A slug of this app, or of another app the account can read (copying a slug between apps).
      - It is not looked up before the release is made; a slug Heroku cannot find fails the task with Heroku's
        C(not_found) and changes nothing. Check mode cannot tell.
    type: str
  previous:
    description:
      - Roll back to the newest release that succeeded before the current one, every time the task runs.
      - Releases without a slug or an OCI image (such as the C(Initial release)) are passed over, as they carry no
        code.
    type: bool
    default: false
  oci_image:
    description:
      - Id of the OCI image a Fir app should run with its current config vars (a lower case UUID, as the Terraform
        provider's C(heroku_app_release) takes it), for example one of the app's earlier releases' C(oci_image_id).
      - The task is a state, as with O(slug). The form of the id is checked before any request; an image Heroku
        cannot find fails the task with Heroku's C(not_found) and changes nothing.
      - A Cedar app fails before any write; it runs slugs (O(slug)).
    type: str
    version_added: 0.5.0
  description:
    description:
      - Description of the release made for O(slug) or O(oci_image). Only with one of them; Heroku describes a
        rollback itself (C(Rollback to v12)).
    type: str
  wait:
    description:
      - Wait until the new release (or the one awaited) leaves C(pending), that is until its release phase has
        ended. Never waits in check mode.
      - Without waiting, the task cannot tell whether the release phase fails.
      - Polling backs off exponentially, from 1 second up to 30 seconds between reads, until O(wait_timeout).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the release phase when O(wait=true). When they pass the task fails, saying the status
        last seen; the release phase goes on at Heroku.
    type: int
    default: 600
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_release_info
  - name: Releases and rollbacks
    description: Heroku Dev Center on releases and rolling back.
    link: https://devcenter.heroku.com/articles/releases
  - name: Release phase
    description: Heroku Dev Center on the release phase.
    link: https://devcenter.heroku.com/articles/release-phase
'''

EXAMPLES = r'''
- name: Run release v41 of acme-web again (a rollback; nothing is sent when it runs already)
  herokuops.platform.heroku_release:
    app: acme-web
    version: 41

- name: Pin acme-web to a slug built earlier
  herokuops.platform.heroku_release:
    app: acme-web
    slug: 01234567-89ab-cdef-0123-456789abcdef
    description: Pin the build of 1.8.2

- name: Make the Fir app acme-fir run an OCI image built earlier
  herokuops.platform.heroku_release:
    app: acme-fir
    oci_image: 01234567-89ab-cdef-0123-456789abcdef
    description: Release the image of 2.0.1

- name: Roll back one release, like heroku rollback (runs every time)
  herokuops.platform.heroku_release:
    app: acme-web
    previous: true
  register: rollback

- name: Say what ran before
  ansible.builtin.debug:
    msg: "v{{ rollback.heroku_release.previous_release.version }} -> v{{ rollback.heroku_release.version }}"

- name: A release phase that fails leaves the app on its previous release
  block:
    - name: Roll back to v41
      herokuops.platform.heroku_release:
        app: acme-web
        version: 41
        wait_timeout: 900
  rescue:
    - name: Show the end of the release phase's output
      ansible.builtin.debug:
        var: ansible_failed_result.heroku_release.output
'''

RETURN = r'''
heroku_release:
  description:
    - The release the app runs, the one this run made or awaited, or would make in check mode (then its
      C(id), C(status), C(current), C(user_email) and C(created_at) are V(null) and its version is a prediction).
  returned: always
  type: dict
  contains:
    id:
      description: Id of the release.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    version:
      description: Its version number, the V(42) of C(v42).
      type: int
      sample: 42
    status:
      description: C(pending) while its release phase runs, then C(succeeded) or C(failed).
      type: str
      sample: succeeded
    description:
      description: Its description, for example C(Rollback to v41).
      type: str
      sample: Rollback to v41
    slug_id:
      description: Id of the slug it runs (a Cedar app's release); V(null) for a release of an OCI image.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    oci_image_id:
      description:
        - Id of the OCI image it runs (a Fir app's release, the C(oci-image) among Heroku's C(artifacts)); V(null)
          for a release of a slug.
      type: str
      sample: 21234567-89ab-cdef-0123-456789abcdef
      version_added: 0.5.0
    current:
      description: Whether it is the release the app runs.
      type: bool
      sample: true
    user_email:
      description: Email of the user who made it.
      type: str
      sample: someone@example.com
    created_at:
      description: When it was made.
      type: str
      sample: "2026-11-30T10:00:00Z"
    previous_release:
      description:
        - The release the app ran before this task, with the same keys; the same release as the result's own
          when nothing changed.
      type: dict
      sample: {"id": "01234567-89ab-cdef-0123-456789abcdef", "version": 43, "status": "succeeded",
               "description": "Deploy 3f2a1b0c", "slug_id": "11234567-89ab-cdef-0123-456789abcdef", "current": true,
               "user_email": "someone@example.com", "created_at": "2026-11-30T09:00:00Z", "oci_image_id": null}
    output:
      description:
        - The last 100 lines of the release phase's output when it failed or did not end in time; empty otherwise.
      type: list
      elements: str
      sample: ["Running release command...", "Error: migration 0042 failed"]
'''

from ansible_collections.herokuops.platform.plugins.module_utils._release import HEROKU_RELEASE
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_RELEASE)


if __name__ == "__main__":
    main()
