#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_drain
short_description: Add, rotate and remove the log drains of a Heroku app
version_added: 0.3.0
description:
  - Ensures a log drain (a URL Heroku forwards the app's logs to) is on a Heroku app, or is not.
  - A drain is known by its URL, found in one read of the app's drains; the URL never goes into a request path.
    A run that changes nothing sends that one read and no write.
  - A Fir app has no log drains (its logs go to OpenTelemetry drains, C(herokuops.platform.heroku_telemetry_drain)).
    A run that would add a drain to an app reads the app first and, on Fir, fails before any write saying so.
  - O(replaces) rotates a drain, for example to new credentials; the new drain is added first, then the old one
    is removed, so that logs never stop. Once done, the rotation is no change.
  - Drain URLs often carry credentials, so they are B(masked) wherever the module shows them (result, diff,
    error messages, the arguments shown at C(-vvv)); only the scheme and host stay, as in
    C(syslog+tls://logs.example.com/********), enough to tell drains apart; the token tells two drains to one
    host apart. User, password, port, path and query never show.
  - Drains that Heroku manages for an add-on (a logging add-on adds one when provisioned; RV(heroku_drain.addon)
    names it) are Heroku's to remove with the add-on. Through O(app) they are never changed; through O(addon)
    one can move to a new URL.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app whose drain this is.
      - Exactly one of O(app) and O(addon) is required.
    type: str
  addon:
    description:
      - Name or id of the add-on whose drain this is, one that Heroku added when it provisioned the add-on.
      - Heroku adds and removes an add-on's drains only with the add-on, so the one change possible here is moving
        one of them to a new O(url), named by O(replaces) (one request); O(state=absent) fails if the drain exists.
    type: str
  url:
    description:
      - The drain URL, for example V(syslog+tls://logs.example.com:6514) or V(https://user:password@logs.example.com/heroku).
      - Heroku takes C(syslog://), C(syslog+tls://), C(https://) and C(http://) URLs that name a host (and a port from 1
        to 65535, if any). Anything else fails before any request, naming the option, without showing the value.
      - A secret, masked in output (see the description); compared exactly as written.
    type: str
    required: true
  state:
    description:
      - V(present) adds the drain; V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
  replaces:
    description:
      - The drain O(url) supersedes, by its URL or its token (C(d.<uuid>)). With O(state=present) only.
      - With O(app), the new drain is added first, then this one removed, each only if needed (a rotation stopped
        half-way is finished by the next run); when it is already gone nothing is sent for it.
      - With O(addon), this drain of the add-on moves to O(url) in one request.
      - A secret, masked like O(url); Ansible masks a token given here too, wherever it appears.
    type: str
  show_values:
    description:
      - Show drain URLs in full in the result and the diff.
      - Ansible itself still masks the values given as O(url) and O(replaces) (they are C(no_log) options) wherever
        they appear; you know them. M(herokuops.platform.heroku_drain_info) with O(show_values=true) reads URLs in full.
    type: bool
    default: false
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_drain_info
  - module: herokuops.platform.heroku_addon
  - name: Log drains (Heroku Dev Center)
    description: The kinds of drain URL Heroku takes, and drain tokens.
    link: https://devcenter.heroku.com/articles/log-drains
'''

EXAMPLES = r'''
- name: Forward acme-web's logs to our syslog server
  herokuops.platform.heroku_drain:
    app: acme-web
    url: "syslog+tls://logs.example.com:6514"
  register: drain

- name: Its token, in every log line it forwards
  ansible.builtin.debug:
    msg: "{{ drain.heroku_drain.token }}"

- name: Rotate the credentials of an HTTPS drain without losing a log line
  herokuops.platform.heroku_drain:
    app: acme-web
    url: "https://heroku:{{ vault_new_drain_password }}@logs.example.com/heroku"
    replaces: "https://heroku:{{ vault_old_drain_password }}@logs.example.com/heroku"

- name: Stop forwarding to the old server
  herokuops.platform.heroku_drain:
    app: acme-web
    url: "syslog://old-logs.example.com:514"
    state: absent

- name: Move the drain of a logging add-on to a new URL
  herokuops.platform.heroku_drain:
    addon: acme-logs
    url: "syslog+tls://logs2.example.com:6514"
    replaces: d.01234567-89ab-cdef-0123-456789abcdef

- name: Drains of several apps (the label, not the URL and its credentials, is printed for each item)
  herokuops.platform.heroku_drain:
    app: "{{ item.app }}"
    url: "{{ item.url }}"
  loop: "{{ shop_drains }}"
  loop_control:
    label: "{{ item.app }}"
'''

RETURN = r'''
heroku_drain:
  description: The drain after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the drain. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    url:
      description: The drain URL, masked (scheme and host only) unless O(show_values=true).
      type: str
      sample: syslog+tls://logs.example.com/********
    token:
      description: The drain's token, written into every log line it forwards. V(null) in check mode before creation.
      type: str
      sample: d.01234567-89ab-cdef-0123-456789abcdef
    app:
      description: The app, as given in O(app); V(null) for a drain read through O(addon).
      type: str
      sample: acme-web
    addon:
      description: Name of the add-on that manages the drain, or V(null) for a drain of the app's own.
      type: str
      sample: papertrail-curly-14926
    created_at:
      description: When the drain was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
    replaced:
      description:
        - The drain O(replaces) named, removed (or moved) by this run or, in check mode, to be; V(null) when there
          was none to remove, or without O(replaces).
        - Its C(url) is masked unless O(show_values=true).
      type: dict
      sample: {id: 01234567-89ab-cdef-0123-456789abcdef, url: "https://logs.example.com/********",
               token: d.01234567-89ab-cdef-0123-456789abcdef}
'''

from ansible_collections.herokuops.platform.plugins.module_utils._drain import HEROKU_DRAIN
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DRAIN)


if __name__ == "__main__":
    main()
