#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_addon_attachment_info
short_description: Read the add-on attachments of a Heroku app
version_added: 0.5.0
description:
  - Returns the add-on attachments of an app, or the one of a name.
  - Each item has the keys of the result of M(herokuops.platform.heroku_addon_attachment). Only for one attachment
    asked for by O(name) is the add-on read too (its service, plan and the config var names the attachment sets);
    in a list, RV(heroku_addon_attachment_info[].addon) is Heroku's reference to it (id, name and the owning app's id and name).
  - One request for the list; three for one attachment.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  name:
    description:
      - Only this attachment. An empty list when the app has none of that name.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_addon_attachment
'''

EXAMPLES = r'''
- name: The attachments of acme-worker
  herokuops.platform.heroku_addon_attachment_info:
    app: acme-worker
  register: attachments

- name: The config var names SHARED_DB sets on acme-worker
  herokuops.platform.heroku_addon_attachment_info:
    app: acme-worker
    name: SHARED_DB
  register: shared

- name: Show them
  ansible.builtin.debug:
    msg: "{{ shared.heroku_addon_attachment_info[0].addon.config_vars }}"
'''

RETURN = r'''
heroku_addon_attachment_info:
  description: The attachments, each shaped like the result of M(herokuops.platform.heroku_addon_attachment).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the attachment.
      type: str
    name:
      description: Name of the attachment, the prefix of its config vars.
      type: str
    namespace:
      description: The attachment's namespace, or null.
      type: str
    app:
      description: Name of the app it is attached to.
      type: str
    addon:
      description:
        - The add-on attached. With O(name), its id, name, owning app, service, plan and config_vars (names this
          attachment sets); in a list, Heroku's reference (id, name, app with id and name).
      type: dict
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

from ansible_collections.herokuops.platform.plugins.module_utils._addon_attachment import HEROKU_ADDON_ATTACHMENT_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_ADDON_ATTACHMENT_INFO)


if __name__ == "__main__":
    main()
