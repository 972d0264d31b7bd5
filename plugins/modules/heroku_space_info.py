#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_info
short_description: Read Heroku Private Spaces
version_added: 0.1.0
description:
  - Returns one Private Space by name, with its outbound IPs, trusted IPs and inbound rules, or every space
    the account can see, or every space of one team.
  - "One space costs three reads: the space, its inbound ruleset (for both C(trusted_ips) and C(inbound_rules))
    and, once it is allocated, its NAT. A list costs one read per page and leaves out C(outbound_ips),
    C(trusted_ips) and C(inbound_rules)."
  - Lists are read to the end, however many pages Heroku splits them into.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name or id of one space. A space that does not exist gives an empty list.
    type: str
  team:
    description:
      - The spaces of this team.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_space
'''

EXAMPLES = r'''
- name: The outbound IPs of the acme-eu space, to allow-list at a partner
  herokuops.platform.heroku_space_info:
    name: acme-eu
  register: space

- name: Show them
  ansible.builtin.debug:
    msg: "{{ space.heroku_space_info[0].outbound_ips }}"

- name: Every space of the acme team
  herokuops.platform.heroku_space_info:
    team: acme
  register: spaces

- name: Which of them are still allocating?
  ansible.builtin.debug:
    msg: "{{ spaces.heroku_space_info | selectattr('state', 'equalto', 'allocating') | map(attribute='name') }}"
'''

RETURN = r'''
heroku_space_info:
  description: The spaces, each shaped like the C(heroku_space) result of M(herokuops.platform.heroku_space).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the space.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    name:
      description: Name of the space.
      type: str
      sample: acme-eu
    team:
      description: Name of the owning team.
      type: str
      sample: acme
    region:
      description: Name of the region.
      type: str
      sample: frankfurt
    state:
      description: C(allocating), C(allocated) or C(deleting).
      type: str
      sample: allocated
    shield:
      description: Whether this is a Shield Private Space.
      type: bool
    generation:
      description: The space's Heroku platform generation, C(cedar) or C(fir).
      type: str
      sample: fir
      version_added: 0.5.0
    cidr:
      description: CIDR block of the space's network.
      type: str
      sample: 10.0.0.0/16
    data_cidr:
      description: CIDR block of the space's data services network.
      type: str
      sample: 10.1.0.0/16
    created_at:
      description: When the space was created.
      type: str
    updated_at:
      description: When the space last changed.
      type: str
    outbound_ips:
      description: The stable IPv4 addresses the space's apps reach the internet from; empty until it is allocated, and on Fir.
      type: list
      elements: str
      returned: when O(name) is set
      sample: [52.1.2.3, 52.4.5.6]
    trusted_ips:
      description:
        - The trusted IP ranges (the blocks the inbound ruleset allows), in network order, as
          M(herokuops.platform.heroku_space) takes them; V(null) for a Fir space, which has none.
        - "A deny rule shows as its source followed by V((action: deny)); C(inbound_rules) shows the rules in order."
      type: list
      elements: str
      returned: when O(name) is set
      sample: [198.51.100.7/32, 203.0.113.0/24]
      version_added: 0.5.0
    inbound_rules:
      description: The inbound ruleset, in order; V(null) for a Fir space, which has none.
      type: list
      elements: dict
      returned: when O(name) is set
      contains:
        source:
          description: IPv4 CIDR block.
          type: str
          sample: 203.0.113.0/24
        action:
          description: V(allow) or V(deny).
          type: str
          sample: allow
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space import HEROKU_SPACE_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_INFO)


if __name__ == "__main__":
    main()
