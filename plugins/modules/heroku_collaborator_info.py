#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_collaborator_info
short_description: Read the collaborators of a Heroku app
version_added: 0.3.0
description:
  - Returns one collaborator of an app by email, or every collaborator of the app (a personal app's owner
    included, with C(role=owner)), with their team app permissions.
  - Each item has the same keys as the result of M(herokuops.platform.heroku_collaborator).
  - One request, or one per 1,000 collaborators.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  email:
    description:
      - Only this collaborator. Compared case-insensitively. An empty list when the app has no such collaborator.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_collaborator
'''

EXAMPLES = r'''
- name: Everyone with access to acme-web
  herokuops.platform.heroku_collaborator_info:
    app: acme-web
  register: access

- name: Who can manage it
  ansible.builtin.debug:
    msg: "{{ access.heroku_collaborator_info | selectattr('permissions', 'contains', 'manage') | map(attribute='email') | list }}"
'''

RETURN = r'''
heroku_collaborator_info:
  description: The collaborators, each shaped like the result of M(herokuops.platform.heroku_collaborator).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the collaborator.
      type: str
    email:
      description: Email address of the collaborator's account.
      type: str
      sample: dev@example.com
    role:
      description: C(owner), C(collaborator), or on a team app the team role (C(admin), C(member)).
      type: str
    permissions:
      description: Names of the permissions held on a team app, sorted; empty on a personal app.
      type: list
      elements: str
      sample: [deploy, view]
    app:
      description: Name of the app.
      type: str
    created_at:
      description: When the collaborator was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._collaborator import HEROKU_COLLABORATOR_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_COLLABORATOR_INFO)


if __name__ == "__main__":
    main()
