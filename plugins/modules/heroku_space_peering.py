#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space_peering
short_description: Accept or reject a VPC peering connection of a Heroku Private Space
version_added: 0.5.0
description:
  - A peering connection between a Private Space and an AWS VPC is requested from the peer's AWS account
    (M(herokuops.platform.heroku_space_peering_info) gives the account, VPC id and CIDR blocks it needs).
    This module then accepts it, or rejects or destroys it, by its AWS id O(pcx_id).
  - "O(state=accepted) is Heroku's C(POST /spaces/{space}/peerings/{pcx_id}/actions/accept), sent once:
    Heroku accepts only a peering whose status is C(pending-acceptance), which then goes through
    C(provisioning) to C(active). A peering already C(provisioning) or C(active) is accepted already (reads only).
    One in another status (C(initiating-request), C(failed), C(expired), C(rejected), C(deleted)) is refused
    before any write, naming its status and what to do instead."
  - "O(state=absent) is Heroku's C(DELETE /spaces/{space}/peerings/{pcx_id}): it rejects a peering pending
    acceptance and destroys one that is provisioning or active. A peering Heroku no longer lists is absent already."
  - A peering is never created here, and one not found fails with O(state=accepted).
  - A Fir space has no VPC peering. With O(state=accepted) the module fails before any write, naming the space, its
    generation and what to do instead (keep peering on a Cedar space); it reads the space only then, since Heroku finds
    no peering on a Fir space. With O(state=absent) there is nothing to remove on a Fir space, and no change.
  - A run that changes nothing sends one read, of the peering; no write.
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
      - AWS's id of the VPC peering connection, C(pcx-) and 8 to 17 lower case hexadecimal digits
        (checked before any request).
    type: str
    required: true
  state:
    description:
      - V(accepted) accepts the peering; V(absent) rejects or destroys it.
    type: str
    choices: [accepted, absent]
    default: accepted
  wait:
    description:
      - After accepting (or on a peering still C(provisioning)), wait until it is C(active).
      - Never waits in check mode. Polling backs off exponentially, from 1 second up to 30 seconds between reads.
      - Fails as soon as the peering turns C(failed), C(expired), C(rejected) or C(deleted), naming that status.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait when O(wait=true). On timeout the module fails naming the last status it saw; Heroku goes on
        provisioning, and a later run with O(wait=true) picks up the wait.
    type: int
    default: 600
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_space_peering_info
  - name: Private Space Peering
    description: Heroku's article on peering a Private Space with an AWS VPC.
    link: https://devcenter.heroku.com/articles/private-space-peering
'''

EXAMPLES = r'''
- name: Accept the peering the AWS side requested, and wait until it is active
  herokuops.platform.heroku_space_peering:
    space: acme-prod
    pcx_id: pcx-0123456789abcdef0
    wait: true

- name: Reject (or destroy) a peering
  herokuops.platform.heroku_space_peering:
    space: acme-prod
    pcx_id: pcx-0fedcba9876543210
    state: absent
'''

RETURN = r'''
heroku_space_peering:
  description: The peering as Heroku holds it after the run (in check mode, as it would be); empty once absent.
  returned: always
  type: dict
  contains:
    space:
      description: The space, as O(space) names it.
      type: str
    pcx_id:
      description: AWS's id of the peering connection.
      type: str
    status:
      description: Heroku's status of the peering, one of C(initiating-request), C(pending-acceptance), C(provisioning),
        C(active), C(failed), C(expired), C(rejected), C(deleted).
      type: str
    accepted:
      description: Whether the peering is accepted (its status is C(provisioning) or C(active)).
      type: bool
    type:
      description: C(heroku-managed), C(customer-managed) or C(unknown).
      type: str
    aws_account_id:
      description: The peer's AWS account.
      type: str
    aws_region:
      description: The peer's AWS region.
      type: str
    aws_vpc_id:
      description: The peer's VPC.
      type: str
    cidr_blocks:
      description: The peer's CIDR blocks.
      type: list
      elements: str
    expires:
      description: When a peering not accepted expires.
      type: str
'''

from ansible_collections.herokuops.platform.plugins.module_utils._space_peering import HEROKU_SPACE_PEERING
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE_PEERING)


if __name__ == "__main__":
    main()
