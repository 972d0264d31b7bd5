#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_vpn_info
short_description: Read the VPN connections of a Heroku Private Space
version_added: 0.5.0
description:
  - Returns one VPN connection of a Private Space by name, or every connection of the space.
  - Each item has the same keys as the result of M(herokuops.platform.heroku_space_vpn), its tunnels included; the
    tunnels' pre-shared keys are secrets, masked unless O(show_values=true).
  - One request. A Fir space has no VPN connections, so its list is empty.
author:
  - herokuops.platform contributors (@herokuops)
options:
  space:
    description:
      - Name or id of the Private Space.
    type: str
    required: true
  name:
    description:
      - Only this connection. An empty list when the space has none of this name.
    type: str
  show_values:
    description:
      - Return the tunnels' pre-shared keys. By default they are masked, as secrets.
    type: bool
    default: false
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_space_vpn
'''

EXAMPLES = r'''
- name: Every VPN connection of acme-eu
  herokuops.platform.heroku_space_vpn_info:
    space: acme-eu
  register: vpns

- name: The connections that are not active
  ansible.builtin.debug:
    msg: "{{ vpns.heroku_space_vpn_info | rejectattr('status', 'eq', 'active') | map(attribute='name') | list }}"

- name: The office connection's tunnels with their pre-shared keys, for the gateway's configuration
  herokuops.platform.heroku_space_vpn_info:
    space: acme-eu
    name: office
    show_values: true
  register: office
  no_log: true
'''

RETURN = r'''
heroku_space_vpn_info:
  description: The VPN connections, each shaped like the result of M(herokuops.platform.heroku_space_vpn).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique identifier of the connection.
      type: str
    space:
      description: The space, as the task named it.
      type: str
    name:
      description: Name of the connection.
      type: str
      sample: office
    public_ip:
      description: Public IPv4 address of the customer gateway.
      type: str
      sample: 35.161.69.30
    routable_cidrs:
      description: The CIDR blocks routed through the connection, sorted.
      type: list
      elements: str
      sample: [172.16.0.0/16]
    status:
      description: Status of the connection, C(pending), C(provisioning), C(active), C(deprovisioning) or C(failed).
      type: str
      sample: active
    status_message:
      description: Heroku's details of the status.
      type: str
    space_cidr_block:
      description: The CIDR block of the Private Space.
      type: str
      sample: 10.0.0.0/16
    ike_version:
      description: The IKE version of the tunnels.
      type: int
      sample: 1
    tunnels:
      description: The tunnels of the connection; none until Heroku has provisioned it.
      type: list
      elements: dict
      contains:
        ip:
          description: Heroku's public IP address for the tunnel.
          type: str
        customer_ip:
          description: The customer gateway's IP address for the tunnel.
          type: str
        pre_shared_key:
          description: The tunnel's pre-shared key, a secret, masked unless O(show_values=true).
          type: str
          sample: "********"
        status:
          description: C(UP) or C(DOWN).
          type: str
        status_message:
          description: Heroku's details of the tunnel's status.
          type: str
        last_status_change:
          description: When the tunnel's status last changed.
          type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space_vpn import HEROKU_SPACE_VPN_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_VPN_INFO)


if __name__ == "__main__":
    main()
