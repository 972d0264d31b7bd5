#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_request
short_description: Send any operation of Heroku's Platform API
version_added: 0.2.0
description:
  - Sends one operation of Heroku's Platform API, for what no dedicated module of this collection manages
    (app transfers, OAuth authorizations, test runs, audit-trail events, archives, allowed add-on services,
    Heroku's filter endpoints, ...).
  - The operation is named by Heroku's schema (O(operation), for example V(release.list)) or by O(method) and
    O(path). Either way it is checked against the schema's facts the collection ships before any request is
    sent; an unknown operation, a missing path parameter, a name that does not fit Heroku's pattern for it, or a
    body the operation does not take fails with the option named. Path parameters are URL-quoted, one path
    segment each.
  - The same client as every module of the collection sends it, with its authentication, retries, rate-limit
    pacing and errors. A list is read to its last page (Heroku's C(Next-Range)), or to O(limit) items.
  - A read (C(GET), or a list Heroku answers to a C(POST) such as V(filter-apps.apps)) reports C(changed=false)
    and is sent in check mode too, as a read with C(check_mode=false) would be with M(ansible.builtin.uri).
    Any other operation reports C(changed=true) and is not sent in check mode; the result says what would have
    been sent. It is not idempotent by itself; guard it with C(when) where a second run must not repeat it.
  - Prefer the dedicated modules where one exists; they compare before they write.
author:
  - herokuops.platform contributors (@herokuops)
options:
  operation:
    description:
      - The operation, as C(<resource>.<link title>) of Heroku's schema, in lower case with C(_) for spaces,
        for example V(release.list), V(app-transfer.create), V(config-var.info_for_app).
      - Its path parameters come from O(path_params), by the names of the operation's path template.
      - Mutually exclusive with O(path) and O(method).
    type: str
  method:
    description:
      - The HTTP method of the operation named by O(path); C(GET) when not set.
    type: str
    choices: [GET, POST, PATCH, PUT, DELETE]
  path:
    description:
      - The operation's path, either as Heroku's template with parameters in braces (V(/apps/{app}/releases)),
        their values in O(path_params) under the names used here, or with the values written in
        (V(/apps/shop-web/releases)).
      - No query string or fragment; query parameters go in O(query).
    type: str
  path_params:
    description:
      - Values of the path's parameters, by name. Each is URL-quoted as one path segment.
      - A value for a parameter that names an app, a pipeline, a space, an add-on, a team, a feature, a dyno, a stack,
        an SNI endpoint, a domain, a slug, a process type, or an account, collaborator or team member (an email)
        is checked against Heroku's pattern for that kind of name (or its id) before any request; so is a value
        written in O(path). An account may also be V(~), the key's own.
    type: dict
    default: {}
  body:
    description:
      - The request's JSON body. Checked against the operation before any request - its required fields, the
        JSON types of its fields, and fields the operation refuses.
      - Refused with a C(GET), which sends no body, and with a C(DELETE), which no operation of Heroku's schema
        takes a body with.
    type: raw
  limit:
    description:
      - Read no more than this many items of a list.
    type: int
  sort_by:
    description:
      - The field a list is paged by (Heroku's C(Range)), for example V(version) for releases. Default C(id).
      - A field name of lower case letters and underscores, such as V(created_at); for a list only.
    type: str
  order:
    description:
      - The order of a list.
    type: str
    choices: [asc, desc]
    default: asc
  secret_fields:
    description:
      - Names of fields whose values are secrets, in the body and in Heroku's answer, at any depth. They are
        masked in the result, the diff and the arguments Ansible shows at C(-vvv).
    type: list
    elements: str
    default: []
  query:
    description:
      - Query parameters of a C(GET) whose schema names them, by name; Heroku's usage reports
        (V(team-daily-usage.info), V(team-monthly-usage.info), V(enterprise-account-daily-usage.info),
        V(enterprise-account-monthly-usage.info)) take C(start), which they require, and C(end).
      - Checked against the operation's schema before any request - a parameter it does not name, a required one
        missing, or a value that does not fit its pattern (a date as C(YYYY-MM-DD) for a daily report, a month as
        C(YYYY-MM) for a monthly one) fails naming the parameter and what is allowed. A null value is left out.
      - Every name and value is URL-quoted into the query string.
      - Refused with an operation whose schema names no query parameters, a write among them.
    type: dict
notes:
  - The values of a config-var operation (C(config-var.*), C(pipeline-config-var.*)) are masked in the body, the
    response and the diff, as M(herokuops.platform.heroku_config) masks them; read them with
    M(herokuops.platform.heroku_config_info).
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
attributes:
  check_mode:
    description: Reads are sent in check mode; writes are not, and the result says what would be sent.
    support: full
  diff_mode:
    description: A write shows the request it sends (or would send) as the diff.
    support: full
seealso:
  - plugin: herokuops.platform.heroku
    plugin_type: lookup
'''

EXAMPLES = r'''
- name: The latest release of shop-web
  herokuops.platform.heroku_request:
    operation: release.list
    path_params:
      app: shop-web
    sort_by: version
    order: desc
    limit: 1
  register: latest

- name: Transfer shop-web to another account
  herokuops.platform.heroku_request:
    method: POST
    path: /account/app-transfers
    body:
      app: shop-web
      recipient: ops-lead@example.com
  when: latest.heroku_request.response[0].status == 'succeeded'

- name: An OAuth authorization for a deploy bot, its token kept out of the output
  herokuops.platform.heroku_request:
    operation: oauth-authorization.create
    body:
      description: deploy bot
      scope: [write]
    secret_fields: [token]
  register: bot

- name: Audit-trail events, by path with the value written in
  herokuops.platform.heroku_request:
    path: /enterprise-accounts/acme/events

- name: The acme team's usage, day by day, for September 2025
  herokuops.platform.heroku_request:
    operation: team-daily-usage.info
    path_params:
      team: acme
    query:
      start: "2025-09-01"
      end: "2025-09-30"
  register: usage

- name: Calls whose bodies hold secrets (the label, not the body, is printed for each item)
  herokuops.platform.heroku_request:
    operation: config-var.update
    path_params:
      app: "{{ item.app }}"
    body: "{{ item.config }}"
  loop: "{{ config_updates }}"
  loop_control:
    label: "{{ item.app }}"
'''

RETURN = r'''
heroku_request:
  description: The operation and Heroku's answer.
  returned: always
  type: dict
  contains:
    operation:
      description: The operation's name in Heroku's schema.
      type: str
      sample: release.list
    method:
      description: The HTTP method.
      type: str
      sample: GET
    path:
      description: The path sent, its parameters quoted.
      type: str
      sample: /apps/shop-web/releases
    query:
      description: The query parameters sent, as text, with O(secret_fields) masked; empty without O(query).
      type: dict
      sample: {start: "2025-09-01", end: "2025-09-30"}
    body:
      description: The body sent, or that would be sent in check mode, with O(secret_fields) masked.
      type: raw
    sent:
      description: Whether the request was sent; V(false) for a write in check mode.
      type: bool
    response:
      description:
        - Heroku's answer, with O(secret_fields) masked; for a list, every item read.
        - V(null) for a write in check mode.
      type: raw
'''

from ansible_collections.herokuops.platform.plugins.module_utils._request import HEROKU_REQUEST
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_REQUEST)


if __name__ == "__main__":
    main()
