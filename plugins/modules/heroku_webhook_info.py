#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_webhook_info
short_description: Read the webhooks of a Heroku app and their recent deliveries
version_added: 0.3.0
description:
  - Returns every webhook of an app, or the one with a given URL, each with the same keys as the
    result of M(herokuops.platform.heroku_webhook), without secret or authorization (Heroku never returns them).
  - With O(deliveries=true), also each webhook's recent deliveries and how they went, to see whether
    the receiver answers.
  - One request for the webhooks, and one more for the deliveries of all of them.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  url:
    description:
      - Only the webhook with this URL, compared exactly. An empty list when the app has none.
    type: str
  deliveries:
    description:
      - Also return each webhook's recent deliveries (RV(heroku_webhook_info[].deliveries)), newest first,
        from the app's 1,000 newest deliveries, read in one request whatever the number of webhooks.
    type: bool
    default: false
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_webhook
'''

EXAMPLES = r'''
- name: Every webhook of acme-web, with its recent deliveries
  herokuops.platform.heroku_webhook_info:
    app: acme-web
    deliveries: true
  register: hooks

- name: Webhooks whose last delivery failed
  ansible.builtin.debug:
    msg: "{{ item.url }}: {{ item.deliveries[0].status }} (HTTP {{ item.deliveries[0].last_attempt.code }})"
  loop: "{{ hooks.heroku_webhook_info | selectattr('deliveries') | list }}"
  when: item.deliveries[0].status in ['failed', 'retrying']
'''

RETURN = r'''
heroku_webhook_info:
  description: The webhooks, each shaped like the result of M(herokuops.platform.heroku_webhook).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the webhook.
      type: str
    app:
      description: Name of the app.
      type: str
    url:
      description: The URL Heroku sends notifications to.
      type: str
    include:
      description: The event types it sends, sorted.
      type: list
      elements: str
    level:
      description: C(notify) or C(sync).
      type: str
    created_at:
      description: When the webhook was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    deliveries:
      description:
        - Its recent deliveries, newest first, when O(deliveries=true); V(null) otherwise.
        - Heroku keeps deliveries for a limited time; only the app's 1,000 newest are read.
      type: list
      elements: dict
      contains:
        id:
          description: Unique identifier of the delivery.
          type: str
        event:
          description: The event type delivered, for example C(api:release).
          type: str
        event_id:
          description: Unique identifier of the event.
          type: str
        status:
          description: C(pending), C(scheduled), C(retrying), C(failed) or C(succeeded).
          type: str
        num_attempts:
          description: How many times Heroku has tried to deliver it.
          type: int
        next_attempt_at:
          description: When Heroku tries again (C(retrying)), else V(null).
          type: str
        created_at:
          description: When the delivery was created.
          type: str
        updated_at:
          description: When it last changed.
          type: str
        last_attempt:
          description: The last attempt, or V(null) before the first.
          type: dict
          contains:
            code:
              description: The HTTP status the receiver answered, or V(null) when it did not answer.
              type: int
            status:
              description: C(scheduled), C(succeeded) or C(failed).
              type: str
            error_class:
              description: The error Heroku met (a timeout, a refused connection), or V(null).
              type: str
            created_at:
              description: When the attempt was made.
              type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._webhook import HEROKU_WEBHOOK_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_WEBHOOK_INFO)


if __name__ == "__main__":
    main()
