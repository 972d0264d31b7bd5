#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_domain
short_description: Add and remove the custom domains of a Heroku app, and choose their SNI endpoint
version_added: 0.2.0
description:
  - Ensures a custom domain (hostname) is on a Heroku app, or is not.
  - Hostnames compare case-insensitively, as DNS does; Heroku keeps them in lower case, so
    V(WWW.Example.com) and V(www.example.com) are the same domain and a change of case is no change.
  - Returns the DNS target to point the hostname at (RV(heroku_domain.cname)) and, when the app has
    Automated Certificate Management on, the certificate's status.
  - With O(sni_endpoint), the domain is served with that SNI endpoint (an uploaded certificate). It is set when the
    domain is added, and changed in place (one C(PATCH /apps/{app}/domains/{id})) when it differs.
  - A run that changes nothing sends one read of the domain and no write.
  - Check mode adds nothing, so later tasks of the same check run do not find the domain.
    M(herokuops.platform.heroku_certificate) binding it then warns that the domain does not exist yet
    instead of failing; a real run adds the domain first.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app. The app must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  hostname:
    description:
      - The hostname, for example V(www.example.com), or a wildcard such as V(*.example.com).
      - Labels of letters, digits and dashes joined by dots; checked before any request.
    type: str
    required: true
  sni_endpoint:
    description:
      - Name of one of the app's SNI endpoints (as RV(herokuops.platform.heroku_certificate#module:heroku_certificate.name)
        returns it, for example V(tokyo-1234)) to serve the domain with, or V("") for none.
      - Left as it is when not given; a new domain then gets none.
      - A name, not an id, since Heroku shows the name (RV(heroku_domain.sni_endpoint)); checked before any request.
        An endpoint the app does not have fails with Heroku's C(404 not_found), before anything is added or changed.
      - M(herokuops.platform.heroku_certificate) with its O(herokuops.platform.heroku_certificate#module:domains)
        binds domains to an endpoint too; let one of the two manage a domain's endpoint, or each undoes the other.
      - Apps with Automated Certificate Management on serve their domains with ACM's certificates; an SNI endpoint
        is for a certificate of your own.
    type: str
  state:
    description:
      - V(present) adds the domain; V(absent) removes it.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description:
      - Wait until Heroku has issued the domain's certificate (RV(heroku_domain.acm_status) C(cert issued)).
        Only apps with ACM on (see O(herokuops.platform.heroku_app#module:acm)) get one; with ACM off there
        is nothing to wait for.
      - Heroku issues the certificate only once DNS points the hostname at RV(heroku_domain.cname), which is
        usually changed after the domain exists, so the default is not to wait.
      - Polling backs off exponentially, from 1 second up to 30 seconds between reads, until O(wait_timeout).
        A C(failed) ACM status fails the task at once.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait when O(wait=true).
    type: int
    default: 600
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_domain_info
  - module: herokuops.platform.heroku_app
  - module: herokuops.platform.heroku_certificate
'''

EXAMPLES = r'''
- name: Serve www.example.com from acme-web
  herokuops.platform.heroku_domain:
    app: acme-web
    hostname: www.example.com
  register: www

- name: Tell the DNS team where to point it
  ansible.builtin.debug:
    msg: "CNAME www.example.com -> {{ www.heroku_domain.cname }}"

- name: Once DNS points there, wait for the ACM certificate
  herokuops.platform.heroku_domain:
    app: acme-web
    hostname: www.example.com
    wait: true
    wait_timeout: 1800

- name: Serve shop.example.com with the certificate uploaded as SNI endpoint tokyo-1234
  herokuops.platform.heroku_domain:
    app: acme-web
    hostname: shop.example.com
    sni_endpoint: tokyo-1234

- name: Serve it with no SNI endpoint
  herokuops.platform.heroku_domain:
    app: acme-web
    hostname: shop.example.com
    sni_endpoint: ""

- name: Remove a hostname the app no longer serves
  herokuops.platform.heroku_domain:
    app: acme-web
    hostname: old.example.com
    state: absent
'''

RETURN = r'''
heroku_domain:
  description: The domain after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the domain. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    app:
      description: Name of the app that serves it.
      type: str
      sample: acme-web
    hostname:
      description: The hostname, in lower case.
      type: str
      sample: www.example.com
    kind:
      description: C(custom) for a domain of yours, C(heroku) for the app's own herokuapp.com domain.
      type: str
      sample: custom
    cname:
      description: The DNS target to point the hostname at (a CNAME or ALIAS record).
      type: str
      sample: whispering-willow-5678.herokudns.com
    status:
      description: Status of the domain's DNS target, for example C(pending) or C(succeeded).
      type: str
      sample: succeeded
    acm_status:
      description: Status of the ACM certificate, for example C(pending) or C(cert issued); V(null) with ACM off.
      type: str
      sample: cert issued
    acm_status_reason:
      description: Why ACM is in that status, where Heroku says.
      type: str
    sni_endpoint:
      description: Name of the SNI endpoint (certificate) that serves the domain, or V(null).
      type: str
    created_at:
      description: When the domain was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._domain import HEROKU_DOMAIN
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DOMAIN)


if __name__ == "__main__":
    main()
