#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_telemetry_drain_info
short_description: Read the OpenTelemetry drains of a Heroku Fir app or space
version_added: 0.5.0
description:
  - Returns every telemetry drain of an app or a space, or the one with a given endpoint, each with the same keys
    as the result of M(herokuops.platform.heroku_telemetry_drain), without the headers.
  - One request. A Cedar app or space has no telemetry drains (an empty list).
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. Exactly one of O(app) and O(space).
    type: str
  space:
    description:
      - Name or id of the space. Exactly one of O(app) and O(space).
    type: str
  endpoint:
    description:
      - Only the drain with this endpoint, compared exactly. An empty list when the owner has none.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_telemetry_drain
'''

EXAMPLES = r'''
- name: Every telemetry drain of a Fir app
  herokuops.platform.heroku_telemetry_drain_info:
    app: acme-fir-web
  register: drains

- name: Where its traces go
  ansible.builtin.debug:
    msg: "{{ drains.heroku_telemetry_drain_info | selectattr('signals', 'contains', 'traces') | map(attribute='endpoint') | list }}"
'''

RETURN = r'''
heroku_telemetry_drain_info:
  description: The drains, each shaped like the result of M(herokuops.platform.heroku_telemetry_drain).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the drain.
      type: str
    app:
      description: The app as the task names it, or V(null) for a space's drains.
      type: str
    space:
      description: The space as the task names it, or V(null) for an app's drains.
      type: str
    owner_type:
      description: C(app) or C(space).
      type: str
    signals:
      description: The signals it sends, sorted.
      type: list
      elements: str
    exporter:
      description: C(otlphttp) or C(otlp).
      type: str
    endpoint:
      description: The URL of the OpenTelemetry consumer.
      type: str
    created_at:
      description: When the drain was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._telemetry_drain import HEROKU_TELEMETRY_DRAIN_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_TELEMETRY_DRAIN_INFO)


if __name__ == "__main__":
    main()
