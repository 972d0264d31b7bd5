#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_addon_attachment
short_description: Attach an existing Heroku add-on to an app, rename or detach the attachment
version_added: 0.5.0
description:
  - Ensures an existing add-on (a shared database, for example) is attached to an app under an attachment name, or
    that the attachment is gone. The attachment puts the add-on's config vars on the app, named after it
    (V(SHARED_DB) gives V(SHARED_DB_URL)).
  - The attachment is found in one read of the app's attachments, by its name; one of another add-on under that
    name fails the task before any write.
  - Heroku cannot rename an attachment. With O(replaces), a task attaches the add-on under O(name) first and
    detaches the attachment O(replaces) names only after, so the app never runs without the config var; the diff
    shows the attachment's new id and says so. The old attachment is the one O(replaces) names, never a guess (an
    app may attach the same add-on twice on purpose). Once the old one is gone the task reads only.
  - Attachments exist on Cedar and Fir apps alike.
  - A run that changes nothing sends three reads (the app's attachments, the add-on and its attachments) and no
    write.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app the add-on is attached to.
    type: str
    required: true
  name:
    description:
      - Name of the attachment on the app, the prefix of the config vars it sets, like V(SHARED_DB). Letters,
        digits and underscores, starting with a letter; Heroku keeps it in upper case.
    type: str
    required: true
  addon:
    description:
      - Name or id of the add-on to attach. Required with O(state=present).
      - With O(state=absent), when set, the attachment found must be of this add-on.
    type: str
  namespace:
    description:
      - The attachment's namespace, such as V(role:analytics), on creation.
      - Heroku cannot change it in place, so a different namespace fails the task, saying to detach and attach
        again.
    type: str
  confirm:
    description:
      - The name of the app that owns the add-on, where Heroku asks for it to confirm the attachment; sent on
        creation only.
    type: str
  replaces:
    description:
      - Name of an attachment of the same add-on on the app that this one replaces (a rename). O(name) is
        attached first, then this one detached.
      - When both are on the app (a rename stopped between its two writes), the task fails saying to detach this
        one with O(state=absent).
    type: str
  state:
    description:
      - V(present) attaches the add-on, V(absent) detaches the attachment (the add-on itself stays).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - Heroku refuses a name another attachment of the app already has, and an add-on the account cannot see; the
    error names the request, Heroku's id and its message.
seealso:
  - module: herokuops.platform.heroku_addon_attachment_info
  - module: herokuops.platform.heroku_addon
'''

EXAMPLES = r'''
- name: Share acme-db, owned by acme-api, with acme-worker as SHARED_DB (sets SHARED_DB_URL)
  herokuops.platform.heroku_addon_attachment:
    app: acme-worker
    addon: acme-db
    name: SHARED_DB

- name: Rename it to MAIN_DB, attaching MAIN_DB before SHARED_DB is detached
  herokuops.platform.heroku_addon_attachment:
    app: acme-worker
    addon: acme-db
    name: MAIN_DB
    replaces: SHARED_DB

- name: Detach it
  herokuops.platform.heroku_addon_attachment:
    app: acme-worker
    name: MAIN_DB
    state: absent
'''

RETURN = r'''
heroku_addon_attachment:
  description: The attachment as it is after the task (or would be, in check mode); empty once detached.
  returned: success
  type: dict
  contains:
    id:
      description: Unique identifier of the attachment.
      type: str
    name:
      description: Name of the attachment, the prefix of its config vars.
      type: str
      sample: SHARED_DB
    namespace:
      description: The attachment's namespace, or null.
      type: str
    app:
      description: Name of the app it is attached to.
      type: str
    addon:
      description: The add-on attached (null in check mode for an attachment not yet made).
      type: dict
      contains:
        id:
          description: Unique identifier of the add-on.
          type: str
        name:
          description: Name of the add-on.
          type: str
        app:
          description: Name of the app that owns (and is billed for) the add-on.
          type: str
        service:
          description: The add-on's service.
          type: str
          sample: heroku-postgresql
        plan:
          description: The add-on's plan.
          type: str
          sample: heroku-postgresql:essential-0
        config_vars:
          description: Names (never values) of the config vars this attachment sets on its app.
          type: list
          elements: str
          sample: [SHARED_DB_URL]
    web_url:
      description: URL of the add-on's dashboard for this app.
      type: str
    created_at:
      description: When the attachment was made.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._addon_attachment import HEROKU_ADDON_ATTACHMENT
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_ADDON_ATTACHMENT)


if __name__ == "__main__":
    main()
