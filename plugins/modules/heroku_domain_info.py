#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_domain_info
short_description: Read the domains of a Heroku app
version_added: 0.2.0
description:
  - Returns one domain of an app by hostname, or every domain of the app (its own herokuapp.com domain
    included, with C(kind=heroku)), with DNS targets and ACM certificate status.
  - Each item has the same keys as the result of M(herokuops.platform.heroku_domain).
  - One request, or one per 1,000 domains.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  hostname:
    description:
      - Only this domain. Compared case-insensitively. An empty list when the app has no such domain.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_domain
'''

EXAMPLES = r'''
- name: Every domain of acme-web
  herokuops.platform.heroku_domain_info:
    app: acme-web
  register: domains

- name: Custom domains whose certificate is not issued yet
  ansible.builtin.debug:
    msg: "{{ domains.heroku_domain_info | selectattr('kind', 'eq', 'custom') | rejectattr('acm_status', 'eq', 'cert issued')
             | map(attribute='hostname') | list }}"
'''

RETURN = r'''
heroku_domain_info:
  description: The domains, each shaped like the result of M(herokuops.platform.heroku_domain).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the domain.
      type: str
    app:
      description: Name of the app that serves it.
      type: str
    hostname:
      description: The hostname, in lower case.
      type: str
      sample: www.example.com
    kind:
      description: C(custom) or C(heroku).
      type: str
    cname:
      description: The DNS target to point the hostname at; V(null) for the app's own domain.
      type: str
    status:
      description: Status of the domain's DNS target.
      type: str
    acm_status:
      description: Status of the ACM certificate; V(null) with ACM off.
      type: str
    acm_status_reason:
      description: Why ACM is in that status, where Heroku says.
      type: str
    sni_endpoint:
      description: Name of the SNI endpoint that serves the domain, or V(null).
      type: str
    created_at:
      description: When the domain was added.
      type: str
    updated_at:
      description: When it last changed.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._domain import HEROKU_DOMAIN_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DOMAIN_INFO)


if __name__ == "__main__":
    main()
