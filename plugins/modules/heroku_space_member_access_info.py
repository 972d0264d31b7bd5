#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_member_access_info
short_description: Read what the members of a Heroku Private Space may do on it
version_added: 0.5.0
description:
  - Returns the access of one member of a Private Space's team, or of every member.
  - Each item has the same keys as the result of M(herokuops.platform.heroku_space_member_access).
  - One request, or one per 1,000 members.
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
      - Only this member. Compared case-insensitively. An empty list when the account has no access to the space.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_space_member_access
'''

EXAMPLES = r'''
- name: Every member's access to acme-prod
  herokuops.platform.heroku_space_member_access_info:
    space: acme-prod
  register: access

- name: Members who may create apps in the space
  ansible.builtin.debug:
    msg: "{{ access.heroku_space_member_access_info | selectattr('permissions', 'contains', 'create_apps')
             | map(attribute='email') | list }}"
'''

RETURN = r'''
heroku_space_member_access_info:
  description: The access records, each shaped like the result of M(herokuops.platform.heroku_space_member_access).
  returned: always
  type: list
  elements: dict
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
    created_at:
      description: When the access record was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space_member_access import HEROKU_SPACE_MEMBER_ACCESS_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_MEMBER_ACCESS_INFO)


if __name__ == "__main__":
    main()
