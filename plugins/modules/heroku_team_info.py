#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_team_info
short_description: Read a Heroku team, or every team of the account
version_added: 0.5.0
description:
  - "With O(name), one team, its members' count and its features, as the Terraform provider's C(heroku_team) data
    source gives it: three reads (the team, its members, its features)."
  - "Without O(name), every team the account is a member of, as the CLI's C(teams) lists them: one read, and no
    members' count or features (two more reads a team)."
  - Heroku gives a team no default space; C(default) says whether the team is the account's default team.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of the team. Not found (or not visible to the account) fails.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_team_member_info
'''

EXAMPLES = r'''
- name: The acme team
  herokuops.platform.heroku_team_info:
    name: acme
  register: team

- name: Fail unless it is an enterprise team
  ansible.builtin.assert:
    that: team.heroku_team_info[0].enterprise

- name: Every team of the account
  herokuops.platform.heroku_team_info:
  register: teams
'''

RETURN = r'''
heroku_team_info:
  description: The teams; one with O(name).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the team.
      type: str
    name:
      description: Name of the team.
      type: str
    type:
      description: Heroku's type of the team, C(team) or C(enterprise).
      type: str
    enterprise:
      description: Whether it is an enterprise team (Heroku's type C(enterprise)).
      type: bool
    enterprise_account:
      description: Name of its enterprise account, if any.
      type: str
    default:
      description: Whether it is the account's default team (Heroku gives a team no default space).
      type: bool
    role:
      description: The account's role in the team.
      type: str
    membership_limit:
      description: How many members the team may have, if limited.
      type: float
    credit_card_collections:
      description: Whether the team is billed by credit card.
      type: bool
    provisioned_licenses:
      description: Whether the team's licenses are provisioned.
      type: bool
    identity_provider:
      description: Name of the team's identity provider, if any.
      type: str
    created_at:
      description: When the team was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    members_count:
      description: How many members the team has.
      returned: with O(name)
      type: int
    features:
      description: The team's features as Heroku gives them (C(name), C(enabled), C(state), ...).
      returned: with O(name)
      type: list
      elements: dict
'''

from ansible_collections.herokuops.platform.plugins.module_utils._team import HEROKU_TEAM_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_TEAM_INFO)


if __name__ == "__main__":
    main()
