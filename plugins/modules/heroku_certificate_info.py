#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_certificate_info
short_description: Read the TLS certificates (SNI endpoints) of a Heroku app and when they expire
version_added: 0.3.0
description:
  - Returns the SNI endpoints of an app, or one by name, with the names, issuer and validity of each leaf
    certificate, how many days it has left and the hostnames it serves.
  - With O(expiring_within_days), only those that expire within that many days (expired ones included), for the
    weekly expiry report of an ops team.
  - Each item has the keys of the result of M(herokuops.platform.heroku_certificate), and RV(heroku_certificate_info[].days_left).
    Private keys are never part of it, as Heroku never returns them.
  - ACM certificates, which Heroku obtains and renews itself, show with RV(heroku_certificate_info[].acm=true) where Heroku
    lists them among the endpoints.
  - Two requests, the app's SNI endpoints (or the one named) and the app's domains, for the hostnames.
requirements:
  - cryptography (a dependency of ansible-core) where the module runs
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
      - Only the endpoint of this name (or id). An empty list when the app has none of that name.
    type: str
  expiring_within_days:
    description:
      - Only the endpoints whose certificate expires within this many days from now; V(0) gives those already
        expired. An endpoint whose certificate cannot be read is always listed, with RV(heroku_certificate_info[].days_left=null).
      - V(0) or more.
    type: int
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_certificate
'''

EXAMPLES = r'''
- name: Certificates of acme-web that expire within 30 days
  herokuops.platform.heroku_certificate_info:
    app: acme-web
    expiring_within_days: 30
  register: expiring

- name: Report them
  ansible.builtin.debug:
    msg: "{{ item.name }} ({{ item.cert_domains | join(', ') }}) expires in {{ item.days_left }} days"
  loop: "{{ expiring.heroku_certificate_info }}"

- name: Fail the weekly check when one expires within a week
  ansible.builtin.assert:
    that: expiring.heroku_certificate_info | selectattr('days_left', 'lt', 7) | list | length == 0
    fail_msg: A certificate of acme-web expires within a week.
'''

RETURN = r'''
heroku_certificate_info:
  description: The SNI endpoints, each shaped like the result of M(herokuops.platform.heroku_certificate).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the endpoint.
      type: str
    name:
      description: The name Heroku gave the endpoint.
      type: str
      sample: tokyo-1234
    display_name:
      description: The display name set in Heroku's dashboard, if any.
      type: str
    app:
      description: Name of the app.
      type: str
    cert_domains:
      description: The names the leaf certificate is for, lower case.
      type: list
      elements: str
    issuer:
      description: The leaf's issuer, in OpenSSL's one-line form.
      type: str
    subject:
      description: The leaf's subject, in OpenSSL's one-line form.
      type: str
    serial_number:
      description: The leaf's serial number, in upper case hexadecimal.
      type: str
    fingerprint_sha256:
      description: SHA-256 fingerprint of the leaf's DER.
      type: str
    chain_fingerprints_sha256:
      description: SHA-256 fingerprints of the chain's certificates after the leaf.
      type: list
      elements: str
    starts_at:
      description: When the leaf becomes valid (UTC).
      type: str
    expires_at:
      description: When the leaf expires (UTC).
      type: str
    days_left:
      description: Whole days until it expires, counted down from now; negative once expired.
      type: int
      sample: 27
    ca_signed:
      description: Whether Heroku found the chain signed by a certificate authority it trusts.
      type: bool
    self_signed:
      description: Whether the leaf is self-signed.
      type: bool
    acm:
      description: Whether it is Heroku's ACM certificate.
      type: bool
    domains:
      description: Hostnames of the app's custom domains that the endpoint serves, sorted.
      type: list
      elements: str
    created_at:
      description: When the endpoint was created.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._certificate import HEROKU_CERTIFICATE_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_CERTIFICATE_INFO)


if __name__ == "__main__":
    main()
