#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_collaborator
short_description: Give people access to a Heroku app, with team app permissions
version_added: 0.3.0
description:
  - Ensures an account (by email) is a collaborator of a Heroku app, or is not, and on a team app
    holds exactly the permissions given.
  - Emails compare case-insensitively, as Heroku finds them; V(Dev@Example.com) and V(dev@example.com) are
    the same collaborator, and a change of case is no change.
  - Without O(permissions) the module reads and adds through C(/apps/{app}/collaborators), which serves
    personal and team apps alike; on a team app Heroku then gives a new collaborator its default permissions,
    and the module leaves the permissions of an existing one as they are.
  - With O(permissions) it goes through C(/teams/apps/{app}/collaborators), the only route that sets them.
    That is how the module knows the app should be a team app. No read of the app is needed when the
    collaborator exists (one GET); before one is added, one GET of the app tells whether the app has a team.
    On a personal app the task fails naming O(permissions) and sends no write.
  - A run that changes nothing sends one read and no write; a change of permissions is one PATCH.
  - The owner of a personal app is listed as a collaborator (RV(heroku_collaborator.role) C(owner)); Heroku
    refuses to remove it, and the task then fails with Heroku's message.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. The app must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  email:
    description:
      - Email address of the account, for example V(dev@example.com). Compared case-insensitively.
      - Checked before any request. Heroku invites an address that has no Heroku account yet.
    type: str
    required: true
  permissions:
    description:
      - The permissions the collaborator holds on a team app, any of V(view), V(deploy), V(operate) and
        V(manage). Team apps only; on a personal app the task fails.
      - Compared as a set; order and duplicates do not matter. Heroku grants V(view) with any other permission
        and always reports it, so V(view) is always part of the set, listed or not; V([deploy]) and
        V([view, deploy]) are the same, and V([]) means V(view) alone.
      - Omit it to leave the permissions as they are (or, for a new collaborator, as Heroku sets them).
      - Ignored with O(state=absent).
    type: list
    elements: str
  silent:
    description:
      - Do not send Heroku's email invitation when the collaborator is added. Only sent when the collaborator
        is created; an existing collaborator is never invited again.
    type: bool
    default: false
  state:
    description:
      - V(present) adds the collaborator (and sets its permissions); V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_collaborator_info
  - module: herokuops.platform.heroku_app
'''

EXAMPLES = r'''
- name: Let a contractor work on a personal app, without an invitation email
  herokuops.platform.heroku_collaborator:
    app: acme-sandbox
    email: contractor@example.com
    silent: true

- name: Let a developer deploy to and operate a team app (view comes with them)
  herokuops.platform.heroku_collaborator:
    app: acme-web
    email: dev@example.com
    permissions: [deploy, operate]

- name: Remove someone who left
  herokuops.platform.heroku_collaborator:
    app: acme-web
    email: former@example.com
    state: absent
'''

RETURN = r'''
heroku_collaborator:
  description: The collaborator after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the collaborator. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    email:
      description: Email address of the collaborator's account, as Heroku keeps it.
      type: str
      sample: dev@example.com
    role:
      description:
        - C(owner) for a personal app's owner, C(collaborator), or on a team app the team role (C(admin), C(member)).
        - V(null) in check mode before creation.
      type: str
      sample: collaborator
    permissions:
      description:
        - Names of the permissions the collaborator holds on a team app, sorted; empty on a personal app.
        - V(null) in check mode before creation when O(permissions) is not set.
      type: list
      elements: str
      sample: [deploy, operate, view]
    app:
      description: Name of the app.
      type: str
      sample: acme-web
    created_at:
      description: When the collaborator was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._collaborator import HEROKU_COLLABORATOR
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_COLLABORATOR)


if __name__ == "__main__":
    main()
