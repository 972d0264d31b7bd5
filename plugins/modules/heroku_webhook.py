#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_webhook
short_description: Add, change and remove the webhooks of a Heroku app
version_added: 0.3.0
description:
  - Ensures an app webhook exists with the event types and delivery level given, or does not.
    Heroku then sends an HTTP POST to O(url) whenever one of those events happens on the app, for
    example C(api:release) when config vars change or code is deployed, C(api:formation) when dynos
    are scaled.
  - The webhook is known by its O(url). Heroku reads webhooks by id only, so a run reads the app's
    list of webhooks once; a run that changes nothing sends that one read and no write. A change of
    O(include), O(level) or the URL (O(new_url)) is one PATCH.
  - Heroku never returns a webhook's O(secret) or O(authorization), so a change of them cannot be
    detected. O(update_secret) says when they are sent; the result says whether they were
    (RV(heroku_webhook.secret_sent), RV(heroku_webhook.authorization_sent)), never what they are.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. The app must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  url:
    description:
      - The URL Heroku sends the notifications to; it names the webhook.
      - An absolute V(https://) URL with a host, such as V(https://hooks.example.com/heroku), without
        spaces or C(#fragment). Plain V(http://) is refused, even though Heroku accepts it, because
        every delivery carries the O(authorization) header and the signed event.
      - Heroku shows the URL to anyone who can read the app, and so does this module's result; a URL
        with credentials (C(user:password@host)) is refused. Put them in O(authorization).
      - Compared exactly as written (Heroku keeps it as given).
    type: str
    required: true
  new_url:
    description:
      - Move the webhook found at O(url) to this URL, in place (one PATCH), keeping its id, event types
        and deliveries. A run after the move finds the webhook at O(new_url) and changes nothing.
      - Same rules as O(url).
    type: str
  include:
    description:
      - The event types to send. Required with O(state=present).
      - Compared as a set; the result lists them sorted.
      - C(api:addon-attachment), C(api:addon), C(api:app), C(api:build), C(api:collaborator),
        C(api:domain), C(api:dyno), C(api:formation), C(api:release), C(api:sni-endpoint), or C(dyno)
        (a dyno's state changes). Anything else fails before any request.
    type: list
    elements: str
  level:
    description:
      - V(notify) makes one delivery attempt per event; V(sync) retries a failed delivery until it
        succeeds or Heroku's limit is reached.
    type: str
    choices: [notify, sync]
    default: notify
  secret:
    description:
      - The secret Heroku signs each delivery with (the C(Heroku-Webhook-Hmac-SHA256) header is the
        HMAC-SHA256 of the body with this key). Without it, Heroku generates one that only the
        Heroku CLI shows, once, when it adds the webhook; set this to be able to check signatures.
      - A secret, masked in the result, the diff and the arguments Ansible shows at C(-vvv). Heroku never
        returns it, so when it is sent is O(update_secret)'s choice.
    type: str
  authorization:
    description:
      - The value of the C(Authorization) header Heroku sends with each delivery, for example
        C(Bearer <token>), for receivers that check it.
      - A secret, masked like O(secret). Heroku never returns it; see O(update_secret).
    type: str
  update_secret:
    description:
      - When to send O(secret) and O(authorization). Heroku never returns them, so this module cannot
        tell whether the webhook already has the values given.
      - V(on_create) sends them only when it creates the webhook. A later change of O(secret) or
        O(authorization) in the task then does nothing to an existing webhook, and says so with
        RV(heroku_webhook.secret_sent) V(false).
      - V(always) sends them on every run; each run is then a PATCH and reports changed.
      - To rotate a secret or an authorization, run the task once with the new value and V(always), then
        set V(on_create) again; or keep V(always) and accept a change on every run.
    type: str
    choices: [on_create, always]
    default: on_create
  state:
    description:
      - V(present) adds or updates the webhook; V(absent) removes it (O(include) is not needed).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_webhook_info
  - name: App webhooks on Heroku Dev Center
    description: What each event type sends, and how to check a delivery's signature.
    link: https://devcenter.heroku.com/articles/app-webhooks
'''

EXAMPLES = r'''
- name: Tell the deploy tracker about every release and scale of acme-web
  herokuops.platform.heroku_webhook:
    app: acme-web
    url: https://deploys.example.com/heroku
    include: [api:release, api:formation]
    level: sync
    secret: "{{ vault_webhook_secret }}"
    authorization: "Bearer {{ vault_deploy_tracker_token }}"
  register: hook

- name: Show the webhook (the secret and authorization are never returned)
  ansible.builtin.debug:
    msg: "{{ hook.heroku_webhook.id }} sends {{ hook.heroku_webhook.include | join(', ') }}"

- name: Rotate the secret, sending it whatever Heroku holds (a PATCH, reported as changed)
  herokuops.platform.heroku_webhook:
    app: acme-web
    url: https://deploys.example.com/heroku
    include: [api:release, api:formation]
    level: sync
    secret: "{{ vault_new_webhook_secret }}"
    update_secret: always

- name: Move the receiver to a new URL, keeping the webhook and its deliveries
  herokuops.platform.heroku_webhook:
    app: acme-web
    url: https://deploys.example.com/heroku
    new_url: https://tracker.example.com/hooks/heroku
    include: [api:release, api:formation]
    level: sync

- name: Stop the notifications
  herokuops.platform.heroku_webhook:
    app: acme-web
    url: https://tracker.example.com/hooks/heroku
    state: absent

- name: Webhooks of several apps (the label, not the secret, is printed for each item)
  herokuops.platform.heroku_webhook:
    app: "{{ item.app }}"
    url: "{{ item.url }}"
    include: [api:release]
    secret: "{{ item.secret }}"
  loop: "{{ shop_webhooks }}"
  loop_control:
    label: "{{ item.app }} {{ item.url }}"
'''

RETURN = r'''
heroku_webhook:
  description:
    - The webhook after the task, or as it would be in check mode. Empty when O(state=absent).
    - Never holds the secret or the authorization, which Heroku does not return.
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the webhook. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    app:
      description: Name of the app.
      type: str
      sample: acme-web
    url:
      description: The URL Heroku sends notifications to.
      type: str
      sample: https://deploys.example.com/heroku
    include:
      description: The event types it sends, sorted.
      type: list
      elements: str
      sample: [api:formation, api:release]
    level:
      description: C(notify) or C(sync).
      type: str
      sample: sync
    created_at:
      description: When the webhook was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    secret_sent:
      description: Whether this run sent O(secret) (in check mode, whether it would).
      type: bool
      sample: true
    authorization_sent:
      description: Whether this run sent O(authorization) (in check mode, whether it would).
      type: bool
      sample: false
'''

from ansible_collections.herokuops.platform.plugins.module_utils._webhook import HEROKU_WEBHOOK
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_WEBHOOK)


if __name__ == "__main__":
    main()
