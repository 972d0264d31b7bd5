#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_dyno_info
short_description: Read the dynos of a Heroku app, or wait until they all run its current release
version_added: 0.4.0
description:
  - Returns the app's dynos (the formation's and the one-off dynos running), sorted by name, in one request.
  - With O(wait=true), reads them again until every dyno of the formation is C(up) on the app's current release,
    for example after a deploy or a config change, when Heroku restarts the dynos one after another.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  type:
    description:
      - Only the dynos of this process type, such as V(web) or V(run).
      - A type that is neither in the app's formation nor among its running one-off dynos fails the task, naming the
        types the app has (an empty list would read as "no dyno of it is down"). When no dyno of O(type) is listed,
        the formation is read to tell the two apart (one more request).
    type: str
  wait:
    description:
      - Wait until every dyno of the formation (of O(type), when set) is C(up) and runs the app's current release
        (the newest release that succeeded; one still in its release phase is not current yet), and as many dynos
        are listed as the formation's quantity.
      - One-off dynos keep the release they started on, so they are not waited for; with O(wait=true), O(type) must
        be a process type of the formation.
      - After O(wait_timeout) the task fails, naming the dynos still on an older release or not up.
      - An app with no process type (no code deployed) fails the task at once, as there is nothing to wait for.
      - Also waits in check mode, as it only reads.
      - Polling backs off exponentially, from 1 second up to 30 seconds; each poll reads the dynos and the latest
        releases (two requests).
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait when O(wait=true).
    type: int
    default: 300
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_dyno
  - module: herokuops.platform.heroku_formation_info
'''

EXAMPLES = r'''
- name: Read the dynos
  herokuops.platform.heroku_dyno_info:
    app: acme-web
  register: dynos

- name: Show those not up
  ansible.builtin.debug:
    msg: "{{ dynos.heroku_dyno_info | rejectattr('state', 'equalto', 'up') | map(attribute='name') }}"

- name: After a config change, wait until every web dyno runs the new release
  herokuops.platform.heroku_dyno_info:
    app: acme-web
    type: web
    wait: true
    wait_timeout: 600
'''

RETURN = r'''
heroku_dyno_info:
  description: The app's dynos, sorted by name; as last read when O(wait=true).
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: Name of the dyno.
      type: str
      sample: web.1
    type:
      description: Process type.
      type: str
      sample: web
    state:
      description: C(starting), C(up), C(idle), C(crashed) or C(down).
      type: str
      sample: up
    size:
      description: Dyno size.
      type: str
      sample: Standard-1X
    command:
      description: Command the dyno runs.
      type: str
      sample: npm start
    release_version:
      description: Version of the release the dyno runs.
      type: int
      sample: 42
    created_at:
      description: When the dyno was created.
      type: str
      sample: "2026-11-30T10:00:00Z"
    updated_at:
      description: When its state last changed.
      type: str
      sample: "2026-11-30T10:00:05Z"
    id:
      description: Unique identifier of the dyno.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._dyno import HEROKU_DYNO_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DYNO_INFO)


if __name__ == "__main__":
    main()
