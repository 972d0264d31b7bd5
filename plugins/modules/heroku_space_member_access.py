#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_member_access
short_description: Set what a team member may do on a Heroku Private Space
version_added: 0.5.0
description:
  - Ensures a member of a Private Space's team holds exactly the given permissions on the space.
  - Heroku gives every member of the space's team an access record; this module changes its permissions and
    never adds or removes members (M(herokuops.platform.heroku_team_member) does that). A member Heroku does not
    know fails the task before any write.
  - Emails compare case-insensitively, as Heroku finds them.
  - A run that changes nothing sends one read and no write; a change is one PATCH of the whole set.
author:
  - herokuops.platform contributors (@herokuops)
options:
  space:
    description:
      - Name or id of the Private Space.
    type: str
    required: true
  email:
    description:
      - Email address of the member, for example V(dev@example.com). Compared case-insensitively.
    type: str
    required: true
  permissions:
    description:
      - The permissions the member holds on the space, such as V(create_apps), V(view_logs) and V(view_metrics).
      - Compared as a set; order and duplicates do not matter. V([]) takes every permission away.
      - Each is checked for the form of a permission name before any request; Heroku refuses names it does not
        know.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - Heroku only offers this for Private Spaces of a team.
seealso:
  - module: herokuops.platform.heroku_space_member_access_info
  - module: herokuops.platform.heroku_space
  - module: herokuops.platform.heroku_team_member
'''

EXAMPLES = r'''
- name: Let dev@example.com create apps in the acme-prod space and read its logs
  herokuops.platform.heroku_space_member_access:
    space: acme-prod
    email: dev@example.com
    permissions: [create_apps, view_logs]

- name: Take every space permission away from a contractor
  herokuops.platform.heroku_space_member_access:
    space: acme-prod
    email: contractor@example.com
    permissions: []
'''

RETURN = r'''
heroku_space_member_access:
  description: The member's access to the space, as it is after the task (or would be, in check mode).
  returned: success
  type: dict
  contains:
    id:
      description: Unique identifier of the access record (not of the member).
      type: str
    space:
      description: Name of the space.
      type: str
    email:
      description: Email address of the member, in lower case.
      type: str
    permissions:
      description: The permissions the member holds, sorted.
      type: list
      elements: str
      sample: [create_apps, view_logs]
    created_at:
      description: When the access record was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space_member_access import HEROKU_SPACE_MEMBER_ACCESS
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_MEMBER_ACCESS)


if __name__ == "__main__":
    main()
