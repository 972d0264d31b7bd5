#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_vpn
short_description: Create, change and delete VPN connections of a Heroku Private Space
version_added: 0.5.0
description:
  - Ensures a VPN connection of a Private Space exists between the space and a customer gateway, with the routable
    CIDRs given, or does not exist.
  - Heroku provisions a connection asynchronously (C(pending), then C(active)) and only then gives it its two
    tunnels. By default the module waits until the connection is C(active), polling with capped exponential backoff,
    and fails with the last status it saw when O(wait_timeout) passes.
  - The result returns the tunnels, each with Heroku's IP, the customer gateway's IP and its pre-shared key; the
    pre-shared keys are secrets, masked unless O(show_values=true).
  - A change of O(routable_cidrs) is one PATCH, in place. Heroku cannot change the O(public_ip) of a connection, so
    a different one fails before any write, unless O(replace=true), which deletes the connection and creates it
    anew (new tunnels and pre-shared keys; the diff shows the id being replaced).
  - Only Cedar spaces have VPN connections. On a Fir space the task fails before any write, naming the space and its
    generation; creating a connection reads the space once to know it.
  - A run that changes nothing sends one read of the connection and no write.
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
      - Name of the VPN connection in the space, for example V(office); letters, digits, dots, dashes and underscores.
    type: str
    required: true
  public_ip:
    description:
      - The public IPv4 address of the customer gateway, for example V(35.161.69.30).
      - Checked before any request; a private, loopback, documentation or other reserved address is refused, since
        Heroku's tunnels reach the gateway over the internet.
      - Heroku cannot change it in place; see O(replace).
      - Required with O(state=present).
    type: str
  routable_cidrs:
    description:
      - The IPv4 CIDR blocks of the networks behind the customer gateway, for example V(172.16.0.0/16), each with
        its prefix length. Checked before any request; Heroku refuses a block that overlaps the space's own.
      - Compared as a set; order and duplicates do not matter. A change is sent in place.
      - Required with O(state=present).
    type: list
    elements: str
  state:
    description:
      - V(present) creates the connection or brings it to the settings given; V(absent) deletes it.
      - A connection Heroku is tearing down (C(deprovisioning)) is gone for V(absent); V(present) fails, saying so,
        until Heroku has finished.
    type: str
    choices: [present, absent]
    default: present
  replace:
    description:
      - When the connection exists with another O(public_ip), delete it and create it anew with the one given. The
        new connection has new tunnels and pre-shared keys, so the customer gateway must be configured again.
      - V(false) makes such a change fail before any write, saying so.
    type: bool
    default: false
  show_values:
    description:
      - Return the tunnels' pre-shared keys. By default they are masked, as secrets.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the connection to be C(active) when O(wait=true).
      - On timeout the module fails and names the last status it saw; Heroku goes on provisioning, and a later run
        with O(wait=true) picks up the wait.
    type: int
    default: 900
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.WAIT
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - "What each generation refuses is one table, C(plugins/module_utils/heroku_generations.py): a Fir space has no
    VPN connections."
seealso:
  - module: herokuops.platform.heroku_space_vpn_info
  - module: herokuops.platform.heroku_space
'''

EXAMPLES = r'''
- name: Connect the acme-eu space to the office network, waiting until the VPN is active
  herokuops.platform.heroku_space_vpn:
    space: acme-eu
    name: office
    public_ip: 35.161.69.30
    routable_cidrs:
      - 172.16.0.0/16
  register: vpn

- name: Give the office gateway the pre-shared keys (shown only where asked)
  herokuops.platform.heroku_space_vpn_info:
    space: acme-eu
    name: office
    show_values: true
  register: office
  no_log: true

- name: The office gateway moved to a new address; replace the connection
  herokuops.platform.heroku_space_vpn:
    space: acme-eu
    name: office
    public_ip: 35.161.69.31
    routable_cidrs:
      - 172.16.0.0/16
    replace: true

- name: Remove the connection
  herokuops.platform.heroku_space_vpn:
    space: acme-eu
    name: office
    state: absent
'''

RETURN = r'''
heroku_space_vpn:
  description: The VPN connection as it is after the task (or would be, in check mode); empty once deleted.
  returned: success
  type: dict
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

from ansible_collections.herokuops.platform.plugins.module_utils._space_vpn import HEROKU_SPACE_VPN
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_VPN)


if __name__ == "__main__":
    main()
