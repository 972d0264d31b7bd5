#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_team_member
short_description: Add, change and remove the members of a Heroku team and their roles
version_added: 0.3.0
description:
  - Makes the members listed in O(members) belong to O(team) with the roles given, or removes them with
    O(state=absent); with O(purge=true) also removes the members not listed.
  - A run reads the team's members once, in one request per 1,000 members, whatever the number listed.
    Each member added or whose role changes is one request, each member removed one more; a run that
    changes nothing sends only the read.
  - Emails compare case-insensitively, as Heroku compares them.
  - Heroku keeps at least one admin in every team. A task that would remove or demote the last admin
    fails before any change. Promotions to admin are sent before other changes, and removals last, so that
    handing the admin role to another member in one task works.
  - Adding someone who has no Heroku account makes Heroku invite them by email.
author:
  - herokuops.platform contributors (@herokuops)
options:
  team:
    description:
      - Name or id of the team.
    type: str
    required: true
  members:
    description:
      - The members to add, change or, with O(state=absent), remove. Each email may be listed once.
      - An empty list with O(purge=true) removes everyone purge may remove.
    type: list
    elements: dict
    required: true
    suboptions:
      email:
        description:
          - Email address of the member. Compared case-insensitively.
        type: str
        required: true
      role:
        description:
          - Role of the member in the team. Ignored with O(state=absent).
          - V(admin) manages the team, its members and its apps; V(member) creates and works on the team's
            apps; V(viewer) only sees them; V(collaborator) works only on the apps they are added to.
        type: str
        choices: [admin, member, viewer, collaborator]
        default: member
  state:
    description:
      - V(present) makes the listed members belong to the team with their roles; V(absent) removes the listed
        members (those not in the team are skipped).
    type: str
    choices: [present, absent]
    default: present
  purge:
    description:
      - With O(state=present), also remove every member of the team not listed in O(members).
      - Never removes the account running the task, which costs one more read (C(GET /account)), nor the
        team's last admin (if no admin would remain, the first admin purge would remove by email stays).
        Those are listed in RV(heroku_team_member.kept) with the reason.
      - Not allowed with O(state=absent).
    type: bool
    default: false
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_team_member_info
'''

EXAMPLES = r'''
- name: Alice administers the acme team, Bob works in it and Carol only looks
  herokuops.platform.heroku_team_member:
    team: acme
    members:
      - email: alice@example.com
        role: admin
      - email: bob@example.com
      - email: carol@example.com
        role: viewer

- name: Remove people who left
  herokuops.platform.heroku_team_member:
    team: acme
    state: absent
    members:
      - email: dave@example.com
      - email: erin@example.com

- name: The team is exactly these people (and the account running this)
  herokuops.platform.heroku_team_member:
    team: acme
    purge: true
    members:
      - email: alice@example.com
        role: admin
      - email: bob@example.com
  register: acme_members

- name: Who purge kept, and why
  ansible.builtin.debug:
    msg: "{{ acme_members.heroku_team_member.kept }}"
'''

RETURN = r'''
heroku_team_member:
  description: The team's members after the task, or as they would be in check mode, and what changed.
  returned: always
  type: dict
  contains:
    team:
      description: The team, as given in O(team).
      type: str
      sample: acme
    members:
      description:
        - Every member of the team after the task, sorted by email, each with the keys of an item of
          M(herokuops.platform.heroku_team_member_info).
        - In check mode a member that would be added has only C(email) and C(role); its other keys are V(null).
      type: list
      elements: dict
      sample: [{"email": "alice@example.com", "role": "admin", "id": "01234567-89ab-cdef-0123-456789abcdef",
                "user_id": "01234567-89ab-cdef-0123-456789abcdef", "name": "Alice", "two_factor_authentication": true,
                "federated": false, "identity_provider": null, "created_at": "2026-01-01T12:00:00Z",
                "updated_at": "2026-01-01T12:00:00Z"}]
    added:
      description: Members added, with their role.
      type: list
      elements: dict
      sample: [{"email": "carol@example.com", "role": "viewer"}]
    updated:
      description: Members whose role changed, with the role they had before.
      type: list
      elements: dict
      sample: [{"email": "bob@example.com", "role": "admin", "previous_role": "member"}]
    removed:
      description: Members removed, with the role they had.
      type: list
      elements: dict
      sample: [{"email": "dave@example.com", "role": "member"}]
    kept:
      description:
        - Members O(purge=true) would have removed but kept, each with the reason
          (C(the account running this task) or C(the team's last admin)).
      type: list
      elements: dict
      sample: [{"email": "ops@example.com", "role": "admin", "reason": "the account running this task"}]
'''

from ansible_collections.herokuops.platform.plugins.module_utils._team_member import HEROKU_TEAM_MEMBER
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_TEAM_MEMBER)


if __name__ == "__main__":
    main()
