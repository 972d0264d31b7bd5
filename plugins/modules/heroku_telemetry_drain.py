#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_telemetry_drain
short_description: Add, change and remove the OpenTelemetry drains of a Heroku Fir app or space
version_added: 0.5.0
description:
  - Ensures an OpenTelemetry drain of a Fir app or space exists with the signals and exporter given, or does not.
    Heroku then sends the owner's traces, metrics and logs (the O(signals) chosen) to O(endpoint) with the
    OpenTelemetry protocol.
  - Only apps and spaces of Heroku's Fir generation have telemetry drains. On a Cedar app or space the task fails
    before any write, pointing to M(herokuops.platform.heroku_drain) (log drains).
  - The drain is known by its O(endpoint) within its owner. Heroku reads drains by id only, so a run reads the
    owner's list of drains once; a run that changes nothing sends that one read and no write. A change of
    O(signals) or O(exporter) is one PATCH. Creating a drain reads the owner too (its generation and its id).
  - Heroku may not return the exporter's O(headers), so a change of them cannot be detected. O(update_headers) says
    when they are sent; the result says whether they were (RV(heroku_telemetry_drain.headers_sent)), never what
    they are.
  - Sent with the C(Accept) header Heroku's own CLI uses for telemetry drains
    (C(application/vnd.heroku+json; version=3.sdk)).
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the Fir app the drain belongs to. Exactly one of O(app) and O(space).
    type: str
  space:
    description:
      - Name or id of the Fir space the drain belongs to (it then receives the telemetry of every app of the
        space). Exactly one of O(app) and O(space).
    type: str
  endpoint:
    description:
      - The URL of the OpenTelemetry consumer; it names the drain within its owner.
      - An absolute V(https://) URL with a host, such as V(https://otlp.example.com/v1), without spaces,
        C(#fragment) or credentials (put those in O(headers)). Anything else fails before any request.
      - Compared exactly as written. Another endpoint is another drain; to move one, add the new drain, then
        remove the old one with O(state=absent).
    type: str
    required: true
  signals:
    description:
      - The OpenTelemetry signals to send, any of V(traces), V(metrics) and V(logs). Required with
        O(state=present).
      - Compared as a set; the result lists them sorted.
    type: list
    elements: str
  exporter:
    description:
      - The transport, V(otlphttp) (OTLP over HTTP, the Heroku CLI's C(--transport http)) or V(otlp)
        (OTLP over gRPC, its C(--transport grpc)).
      - When not set, an existing drain keeps the exporter it has, and a new one is created with V(otlphttp)
        (as the Heroku CLI creates it).
    type: str
    choices: [otlphttp, otlp]
  headers:
    description:
      - HTTP headers Heroku sends to O(endpoint) with the telemetry, as a mapping of names to values, such as a
        vendor's API key (C(x-honeycomb-team), C(api-key)).
      - At most 20; names of 1 to 100 letters, digits, dashes and underscores; values strings of at most 1000
        characters (a number is sent as a string).
      - Secret, masked in the result, the diff and the arguments Ansible shows at C(-vvv). Heroku may not return
        them, so when they are sent is O(update_headers)'s choice.
    type: dict
  update_headers:
    description:
      - When to send O(headers). Heroku may not return them, so this module cannot tell whether the drain
        already has the values given.
      - V(on_create) sends them only when it creates the drain (and with a change of O(exporter), which Heroku
        takes whole). A later change of O(headers) in the task then does nothing to an existing drain, and says
        so with RV(heroku_telemetry_drain.headers_sent) V(false).
      - V(always) sends them on every run; each run is then a PATCH and reports changed.
      - To rotate an API key, run the task once with the new value and V(always), then set V(on_create) again.
    type: str
    choices: [on_create, always]
    default: on_create
  state:
    description:
      - V(present) adds or updates the drain; V(absent) removes it (O(signals) is not needed).
    type: str
    choices: [present, absent]
    default: present
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, whole and in the parts a text
    may quote alone.
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_telemetry_drain_info
  - module: herokuops.platform.heroku_drain
'''

EXAMPLES = r'''
- name: Send the traces and metrics of a Fir app to an OpenTelemetry vendor
  herokuops.platform.heroku_telemetry_drain:
    app: acme-fir-web
    endpoint: https://api.honeycomb.io
    signals: [traces, metrics]
    exporter: otlphttp
    headers:
      x-honeycomb-team: "{{ vault_honeycomb_api_key }}"
  register: drain

- name: Show the drain (the headers are never returned)
  ansible.builtin.debug:
    msg: "{{ drain.heroku_telemetry_drain.id }} sends {{ drain.heroku_telemetry_drain.signals | join(', ') }}"

- name: Logs of every app of a Fir space, over gRPC
  herokuops.platform.heroku_telemetry_drain:
    space: acme-fir
    endpoint: https://otlp.example.com:4317
    signals: [logs]
    exporter: otlp

- name: Rotate the vendor's API key (a PATCH, reported as changed)
  herokuops.platform.heroku_telemetry_drain:
    app: acme-fir-web
    endpoint: https://api.honeycomb.io
    signals: [traces, metrics]
    headers:
      x-honeycomb-team: "{{ vault_new_honeycomb_api_key }}"
    update_headers: always

- name: Stop sending
  herokuops.platform.heroku_telemetry_drain:
    app: acme-fir-web
    endpoint: https://api.honeycomb.io
    state: absent
'''

RETURN = r'''
heroku_telemetry_drain:
  description:
    - The drain after the task, or as it would be in check mode. Empty when O(state=absent).
    - Never holds the headers.
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the drain. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    app:
      description: The app as the task names it, or V(null) for a space's drain.
      type: str
      sample: acme-fir-web
    space:
      description: The space as the task names it, or V(null) for an app's drain.
      type: str
    owner_type:
      description: C(app) or C(space). V(null) in check mode before creation.
      type: str
      sample: app
    signals:
      description: The signals it sends, sorted.
      type: list
      elements: str
      sample: [metrics, traces]
    exporter:
      description: C(otlphttp) or C(otlp).
      type: str
      sample: otlphttp
    endpoint:
      description: The URL of the OpenTelemetry consumer.
      type: str
      sample: https://api.honeycomb.io
    created_at:
      description: When the drain was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    headers_sent:
      description: Whether this run set O(headers) (in check mode, whether it would).
      type: bool
      sample: true
'''

from ansible_collections.herokuops.platform.plugins.module_utils._telemetry_drain import HEROKU_TELEMETRY_DRAIN
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_TELEMETRY_DRAIN)


if __name__ == "__main__":
    main()
