#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_release_info
short_description: Read the releases of a Heroku app
version_added: 0.4.0
description:
  - Returns the releases of an app, newest first, or one release by O(version).
  - Each item has the same keys as the result of M(herokuops.platform.heroku_release), without
    C(previous_release) and C(output).
  - The current release (the one the app runs) is the newest that succeeded; releases made after it may still be
    C(pending) (their release phase runs) or C(failed).
  - One request for up to 1,000 releases, newest first; one more for each further 1,000 when O(limit=0).
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
      - Only the release of this number, the V(12) of C(v12). A version the app does not have fails the task,
        naming it.
    type: int
  limit:
    description:
      - How many releases to return, newest first; V(0) or V(null) returns every release of the app, reading
        page after page.
      - Not used with O(version).
    type: int
    default: 20
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_release
'''

EXAMPLES = r'''
- name: The 20 newest releases of acme-web
  herokuops.platform.heroku_release_info:
    app: acme-web
  register: releases

- name: The release acme-web runs
  ansible.builtin.debug:
    msg: "{{ (releases.heroku_release_info | selectattr('current') | first).version }}"

- name: Every release of acme-web
  herokuops.platform.heroku_release_info:
    app: acme-web
    limit: 0

- name: Release v41 only
  herokuops.platform.heroku_release_info:
    app: acme-web
    version: 41
'''

RETURN = r'''
heroku_release_info:
  description: The releases, newest first.
  returned: always
  type: list
  elements: dict
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
      description: Its description, for example C(Deploy 3f2a1b0c) or C(Rollback to v41).
      type: str
      sample: Set NODE_ENV config vars
    slug_id:
      description: Id of the slug it runs; V(null) for a release before the first deploy, or of an OCI image.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    oci_image_id:
      description:
        - Id of the OCI image it runs (a Fir app's release, the C(oci-image) among Heroku's C(artifacts)); V(null)
          for a release of a slug. The image's details (digest, commit, process types) are not read, one request
          per release; C(herokuops.platform.heroku_request) reads them with operation C(oci-image.info).
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
'''

from ansible_collections.herokuops.platform.plugins.module_utils._release import HEROKU_RELEASE_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_RELEASE_INFO)


if __name__ == "__main__":
    main()
