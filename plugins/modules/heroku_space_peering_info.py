#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_peering_info
short_description: Read what the AWS side needs to peer with a Heroku Private Space, and the space's peerings
version_added: 0.5.0
description:
  - Returns the space's peering info (Heroku's AWS account id, region, VPC id and CIDR, the CIDR blocks to route
    to the space's dynos and those a peer VPC must not overlap), which the peer's AWS account needs to request a
    peering connection, and the space's peering connections (or only O(pcx_id)).
  - Three reads, of the space (for its generation), its peering info and its peerings.
  - "A Fir space has no VPC peering: the module fails naming the space, its generation and what to do instead,
    after the one read of the space."
author:
  - herokuops.platform contributors (@herokuops)
options:
  space:
    description:
      - Name or id of the Private Space.
    type: str
    required: true
  pcx_id:
    description:
      - Only this peering connection (AWS's id, C(pcx-) and hexadecimal digits). Not found fails, naming the
        space's peerings.
    type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.INFO_ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_space_peering
'''

EXAMPLES = r'''
- name: What the AWS side needs to request a peering with acme-prod
  herokuops.platform.heroku_space_peering_info:
    space: acme-prod
  register: peering

- name: Request the peering from AWS (amazon.aws)
  amazon.aws.ec2_vpc_peer:
    vpc_id: vpc-0a1b2c3d4e5f60718
    peer_vpc_id: "{{ peering.heroku_space_peering_info.peering_info.vpc_id }}"
    peer_owner_id: "{{ peering.heroku_space_peering_info.peering_info.aws_account_id }}"
    peer_region: "{{ peering.heroku_space_peering_info.peering_info.aws_region }}"
'''

RETURN = r'''
heroku_space_peering_info:
  description: The space's peering info and peerings.
  returned: always
  type: dict
  contains:
    space:
      description: Name of the space.
      type: str
    generation:
      description: The space's generation, C(cedar) (a Fir space fails).
      type: str
    peering_info:
      description: What the peer's AWS account needs, as Heroku gives it.
      type: dict
      contains:
        aws_account_id:
          description: Heroku's AWS account of the space.
          type: str
        aws_region:
          description: The space's AWS region.
          type: str
        vpc_id:
          description: The space's VPC.
          type: str
        vpc_cidr:
          description: The CIDR block of the space's VPC.
          type: str
        dyno_cidr_blocks:
          description: The CIDR blocks to route to the space's dynos.
          type: list
          elements: str
        space_cidr_blocks:
          description: The CIDR blocks to route to the space.
          type: list
          elements: str
        unavailable_cidr_blocks:
          description: The CIDR blocks a peer VPC must not overlap.
          type: list
          elements: str
    peerings:
      description: The space's peering connections as Heroku gives them (C(pcx_id), C(status), C(type),
        C(aws_account_id), C(aws_region), C(aws_vpc_id), C(cidr_blocks), C(expires)); only O(pcx_id) when set.
      type: list
      elements: dict
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space_peering import HEROKU_SPACE_PEERING_INFO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_PEERING_INFO)


if __name__ == "__main__":
    main()
