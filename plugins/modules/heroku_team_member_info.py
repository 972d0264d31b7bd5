#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_team_member_info
short_description: Read the members of a Heroku team and their roles
version_added: 0.3.0
description:
  - Returns every member of a team with their role, two-factor and identity provider state.
  - One request per 1,000 members, to the last page.
author:
  - herokuops.platform contributors (@herokuops)
options:
  team:
    description:
      - Name or id of the team. The task fails when Heroku does not know it, or this account cannot see it.
    type: str
    required: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_team_member
'''

EXAMPLES = r'''
- name: Every member of acme
  herokuops.platform.heroku_team_member_info:
    team: acme
  register: acme_members

- name: Admins without two-factor authentication
  ansible.builtin.debug:
    msg: "{{ acme_members.heroku_team_member_info | selectattr('role', 'eq', 'admin')
             | rejectattr('two_factor_authentication') | map(attribute='email') | list }}"
'''

RETURN = r'''
heroku_team_member_info:
  description: The team's members, in the order Heroku lists them.
  returned: always
  type: list
  elements: dict
  contains:
    email:
      description: Email address of the member.
      type: str
      sample: alice@example.com
    role:
      description: Role in the team, such as C(admin), C(member), C(viewer), C(collaborator) or C(owner).
      type: str
      sample: admin
    id:
      description: Unique identifier of the membership.
      type: str
    user_id:
      description: Unique identifier of the member's Heroku account.
      type: str
    name:
      description: Full name of the member, or V(null).
      type: str
      sample: Alice
    two_factor_authentication:
      description: Whether the member has two-factor authentication enabled.
      type: bool
    federated:
      description: Whether the member signs in through an identity provider.
      type: bool
    identity_provider:
      description: Name of the identity provider the member is federated with, or V(null).
      type: str
    created_at:
      description: When the membership was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._team_member import HEROKU_TEAM_MEMBER_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_TEAM_MEMBER_INFO)


if __name__ == "__main__":
    main()
