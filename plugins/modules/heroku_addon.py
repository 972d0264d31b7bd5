#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_addon
short_description: Provision, change the plan of, and remove Heroku add-ons
version_added: 0.1.0
description:
  - Ensures an app has an add-on of a service and plan, or does not have it.
  - Provisioning is asynchronous on Heroku; by default the module waits until the add-on is
    C(provisioned), polling with exponential backoff, and fails with the last state it saw when the
    add-on ends C(deprovisioned) or O(wait_timeout) passes.
  - A run that changes nothing sends one read (two with O(attachment_name)) and no write.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app that owns the add-on.
    type: str
    required: true
  plan:
    description:
      - V(service:plan), for example V(heroku-postgresql:essential-0), or just the service, for
        example V(heroku-redis), for its default plan.
      - With a full V(service:plan), a different plan on an existing add-on is changed in place
        (Heroku refuses some changes; its message is shown). With just a service, an existing add-on
        of that service is left on whatever plan it has.
      - Required with O(state=present); with O(state=absent) it finds the add-on when O(name) is not given.
    type: str
  name:
    description:
      - The add-on's name, unique across Heroku. Identifies the add-on when given.
      - Without it, the add-on is the app's only add-on of the service in O(plan); when the app has
        several of that service, the module fails and asks for O(name).
    type: str
  attachment_name:
    description:
      - Name the add-on is attached as on O(app), which prefixes the config vars the add-on sets there
        (V(DATABASE) gives C(DATABASE_URL)). Heroku keeps it in upper case.
      - Sent with the creation; on an existing add-on, compared with its attachments on the app (one read).
      - Heroku cannot rename an attachment. A new name attaches the add-on under it first, then detaches the
        old attachment, never the reverse, so the app never runs without the config var; the diff says so.
        The old attachment is the add-on's one attachment on the app without a namespace; where there are
        several, the module fails before any write and points to M(herokuops.platform.heroku_addon_attachment)
        and its O(herokuops.platform.heroku_addon_attachment#module:replaces) option.
      - When Heroku refuses the attach, nothing has changed. When it refuses the detach after the attach, the
        task fails with C(changed=true) and says which attachment is left; the next run sees the new name and
        changes nothing, so detach the old one with M(herokuops.platform.heroku_addon_attachment).
      - Fails before any write when another add-on's attachment on the app has the name.
    type: str
  config:
    description:
      - Provider-specific settings for provisioning, for example C(version=16).
      - Each value is a string, a number or a boolean, sent as the string Heroku takes (V(true), V(16)).
      - Heroku cannot read them back, so they apply at creation only and are never compared.
      - Treated as secrets, because a fork's or follower's URL can hold database credentials. The values
        are masked in the arguments Ansible shows at C(-vvv) and in logs.
    type: dict
  state:
    description:
      - V(present) provisions the add-on or changes its plan; V(absent) deprovisions it, and its
        config vars leave the app.
    type: str
    choices: [present, absent]
    default: present
  wait_timeout:
    description:
      - Seconds to wait for provisioning when O(wait=true). Most add-ons take seconds to minutes;
        Kafka-class add-ons can take much longer.
    type: int
    default: 1200
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.WAIT
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_addon_info
'''

EXAMPLES = r'''
- name: A Postgres database on acme-web, waiting until it is provisioned
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-postgresql:essential-0
    name: acme-web-db
    attachment_name: DATABASE

- name: Attach it as PRIMARY instead (attached as PRIMARY first, then DATABASE detached)
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-postgresql:essential-0
    name: acme-web-db
    attachment_name: PRIMARY

- name: Upgrade its plan
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-postgresql:essential-1
    name: acme-web-db

- name: Kafka takes longer to provision; start it and move on
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: heroku-kafka:basic-0
    wait: false

- name: Remove the app's Papertrail add-on
  herokuops.platform.heroku_addon:
    app: acme-web
    plan: papertrail
    state: absent

- name: Add-ons of several apps, provider config included (the label, not the config, is printed for each item)
  herokuops.platform.heroku_addon:
    app: "{{ item.app }}"
    plan: "{{ item.plan }}"
    config: "{{ item.config | default(omit) }}"
  loop: "{{ shop_addons }}"
  loop_control:
    label: "{{ item.app }} {{ item.plan }}"
'''

RETURN = r'''
heroku_addon:
  description: The add-on after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the add-on. V(null) in check mode before creation.
      type: str
    name:
      description: Globally unique name of the add-on.
      type: str
      sample: acme-web-db
    app:
      description: Name of the owning app.
      type: str
      sample: acme-web
    service:
      description: Add-on service.
      type: str
      sample: heroku-postgresql
    plan:
      description: Plan, as V(service:plan).
      type: str
      sample: heroku-postgresql:essential-0
    state:
      description: C(provisioning), C(provisioned) or C(deprovisioned).
      type: str
      sample: provisioned
    attachment_name:
      description: The name the add-on is attached as on the app, as O(attachment_name) made it.
      returned: when O(attachment_name) is set
      type: str
      sample: DATABASE
    config_vars:
      description: Names of the config vars the add-on put on the app (never their values).
      type: list
      elements: str
      sample: [DATABASE_URL]
    billed_price:
      description: Price Heroku bills for the plan.
      type: dict
    web_url:
      description: URL of the add-on's dashboard.
      type: str
    created_at:
      description: When the add-on was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._addon import HEROKU_ADDON
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_ADDON)


if __name__ == "__main__":
    main()
