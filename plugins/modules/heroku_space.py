#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_space
short_description: Create, rename and delete Heroku Private Spaces and manage their trusted IPs
version_added: 0.1.0
description:
  - Ensures a Heroku Private Space exists with the settings given, or does not exist.
  - Allocation is asynchronous on Heroku and takes 10 to 20 minutes. By default the module waits until
    the space is C(allocated), polling with capped exponential backoff (1 second, doubling, at most
    30 seconds between reads), and fails with the last state it saw when O(wait_timeout) passes.
  - Only the options you set are compared. The team, region, CIDR blocks and Shield setting are fixed
    when the space is created; a different value on an existing space fails before any write.
  - "A run that changes nothing sends one read of the space, one read of its NAT (for C(outbound_ips))
    once the space is allocated, and one read of the inbound ruleset when O(trusted_ips) or O(inbound_rules)
    is set; no write."
  - Heroku takes a space's trusted IPs (its inbound ruleset) only once the space is allocated. The ruleset is
    therefore written after the wait for allocation, never before; a new space is created, waited for, then
    given its trusted IPs.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name of the space. Lower case letters, digits and single dashes; starts and ends with a letter
        or digit.
      - A space id works too when the space exists already.
    type: str
    required: true
  state:
    description:
      - V(present) creates the space or brings it to the settings given.
      - V(absent) deletes it. Heroku refuses while the space still holds apps. Deletion goes on in the
        background (the space shows C(deleting)); the module does not wait for it to finish.
    type: str
    choices: [present, absent]
    default: present
  new_name:
    description:
      - Rename the space O(name) to this name.
      - Idempotent. When O(name) no longer exists but O(new_name) does, the rename is already done.
      - When neither exists, the space is created under O(new_name).
    type: str
  team:
    description:
      - Team that owns the space. Required to create a space.
      - A different team on an existing space fails.
    type: str
  region:
    description:
      - Region of the space, one of the regions Heroku runs Private Spaces in.
      - When not set at creation, Heroku picks its default region.
      - A different region on an existing space fails.
    type: str
    choices: [dublin, frankfurt, london, montreal, mumbai, oregon, singapore, sydney, tokyo, virginia]
  cidr:
    description:
      - RFC 1918 V(/16) block of the space's network, in V(10.0.0.0/8), V(172.16.0.0/12) or
        V(192.168.0.0/16), for example V(10.0.0.0/16). Set at creation; Heroku defaults to V(10.0.0.0/16).
      - A different block on an existing space fails.
    type: str
  data_cidr:
    description:
      - CIDR block of the space's data services network, for example V(10.1.0.0/16). Set at creation;
        Heroku picks one when not set.
      - A different block on an existing space fails.
    type: str
  shield:
    description:
      - Create a Shield Private Space, with the compliance features Heroku Shield adds.
      - A different value on an existing space fails.
      - A Fir space has no Shield; V(true) on one fails before any write.
    type: bool
  generation:
    description:
      - The Heroku platform generation of the space, chosen when it is created, which its apps share.
        V(cedar) (classic buildpacks, log drains, Shield, trusted IPs) or V(fir) (Cloud Native Buildpacks,
        OCI images, telemetry drains).
      - Heroku creates a Cedar space when not set.
      - A space cannot change generation; a different value on an existing space fails before any write.
        Create a new space with the wanted generation, move the apps, then delete the old one.
      - On a Fir space, O(shield=true), O(trusted_ips), O(inbound_rules) and O(log_drain_url) fail before any
        write, naming the space, its generation and what to do instead.
    type: str
    choices: [cedar, fir]
    version_added: 0.5.0
  trusted_ips:
    description:
      - The space's trusted IP ranges, as the Heroku CLI calls them (C(heroku spaces:trusted-ips)), the IPv4
        blocks allowed to reach the space's apps from the internet. Every other source is refused.
      - Each an IPv4 CIDR block such as V(203.0.113.0/24); a bare address means that one address (V(/32)).
        Every value is checked before any request is sent.
      - Compared as a set (order and repeats mean nothing) and written as one ruleset of C(allow) rules, replacing
        the ruleset as a whole; blocks not listed are removed, and so are deny rules set with O(inbound_rules).
      - Left as it is when not set. A new space starts trusting V(0.0.0.0/0), every address. V([]) trusts none,
        so no request from the internet reaches the space's apps.
      - Heroku takes the ruleset only once the space is allocated, so the module writes it after waiting for
        allocation. With O(wait=false), setting it on a space not allocated yet (or not created yet) fails
        before any write; set it in a later run.
      - Mutually exclusive with O(inbound_rules).
      - A Fir space has no trusted IP ranges, so setting this on one fails before any write.
    type: list
    elements: str
    version_added: 0.5.0
  inbound_rules:
    description:
      - The space's inbound ruleset as a list of rules, for what O(trusted_ips) cannot say, deny rules and
        their order. Prefer O(trusted_ips) when every rule allows.
      - Managed as a whole and compared in order; V([]) removes every rule. Rules not listed are removed.
      - Left as it is when not set. A new space starts with one rule that allows V(0.0.0.0/0).
      - Every O(inbound_rules[].source) is checked before any request is sent.
      - Written once the space is allocated, as O(trusted_ips) is.
      - Mutually exclusive with O(trusted_ips).
      - A Fir space has no trusted IP ranges, so setting this on one fails before any write.
    type: list
    elements: dict
    suboptions:
      source:
        description:
          - IPv4 CIDR block, for example V(203.0.113.0/24). A bare address means that one address (V(/32)).
        type: str
        required: true
      action:
        description:
          - Whether traffic from O(inbound_rules[].source) is allowed or denied.
        type: str
        choices: [allow, deny]
        default: allow
  log_drain_url:
    description:
      - An C(https://) URL that every app of the space sends its logs to, Heroku's direct logging of a space.
      - Heroku's API takes it only when the space is created, and never shows it afterwards. So it is sent with
        the creation and never compared; on an existing space it changes nothing and reports no change. (The
        Heroku CLI's C(spaces:drains:set) uses an endpoint that Heroku's published API schema does not have.)
      - Checked before any request; the value is never shown, as drain URLs often carry credentials.
      - A Fir space has no space log drain (use M(herokuops.platform.heroku_telemetry_drain) on the space), so setting this on one fails before any write.
    type: str
    version_added: 0.5.0
  wait_timeout:
    description:
      - Seconds to wait for allocation when O(wait=true). Heroku usually takes 10 to 20 minutes.
      - On timeout the module fails and names the last state it saw; the space keeps allocating, and a
        later run with O(wait=true) picks up the wait.
    type: int
    default: 1800
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.WAIT
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - "Trusted IPs and inbound rules are written once the space is C(allocated), after the wait; C(outbound_ips)
    are read only once the space is C(allocated), and never for a Fir space, which has none."
  - "What each generation refuses is one table, C(plugins/module_utils/heroku_generations.py): on Fir, Shield,
    trusted IP ranges (inbound rules), outbound rules, the space's log drains, VPN and peering."
seealso:
  - module: herokuops.platform.heroku_space_info
  - module: herokuops.platform.heroku_app
'''

EXAMPLES = r'''
- name: A Private Space in Frankfurt that only the office and the VPN gateway can reach
  herokuops.platform.heroku_space:
    name: acme-eu
    team: acme
    region: frankfurt
    cidr: 10.0.0.0/16
    trusted_ips:
      - 203.0.113.0/24
      - 198.51.100.7
  register: space

- name: Trust a whole block except one address (deny rules need inbound_rules, compared in order)
  herokuops.platform.heroku_space:
    name: acme-eu
    inbound_rules:
      - source: 203.0.113.66
        action: deny
      - source: 203.0.113.0/24
        action: allow

- name: Tell the database provider which addresses the space's apps come from
  ansible.builtin.debug:
    msg: "{{ space.heroku_space.outbound_ips }}"

- name: Start a Shield space and move on while it allocates
  herokuops.platform.heroku_space:
    name: acme-shield
    team: acme
    region: virginia
    shield: true
    wait: false

- name: Rename a space
  herokuops.platform.heroku_space:
    name: acme-eu
    new_name: acme-europe

- name: Delete it (its apps must be gone first)
  herokuops.platform.heroku_space:
    name: acme-europe
    state: absent

- name: A Fir space (Cloud Native Buildpacks, telemetry drains); its generation is fixed at creation
  herokuops.platform.heroku_space:
    name: acme-fir
    team: acme
    region: virginia
    generation: fir
'''

RETURN = r'''
heroku_space:
  description: The space after the task, or as it would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the space. V(null) in check mode before creation.
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
      sample: false
    generation:
      description:
        - The space's Heroku platform generation, C(cedar) or C(fir).
        - V(null) in check mode before a creation that does not set O(generation).
      type: str
      sample: cedar
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
      sample: "2026-01-01T12:00:00Z"
    updated_at:
      description: When the space last changed.
      type: str
      sample: "2026-01-01T12:00:00Z"
    outbound_ips:
      description:
        - The stable IPv4 addresses the space's apps reach the internet from (its NAT).
        - Empty until the space is allocated, so with O(wait=false) and in check mode before creation.
      type: list
      elements: str
      sample: [52.1.2.3, 52.4.5.6]
    trusted_ips:
      description:
        - The trusted IP ranges, in network order. Only present when O(trusted_ips) is set.
        - "A deny rule the ruleset held before this run shows as its source followed by V((action: deny)), in
          the diff and in check mode."
      type: list
      elements: str
      returned: when O(trusted_ips) is set
      sample: [198.51.100.7/32, 203.0.113.0/24]
      version_added: 0.5.0
    inbound_rules:
      description: The inbound ruleset, in order. Only present when O(inbound_rules) is set.
      type: list
      elements: dict
      returned: when O(inbound_rules) is set
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

from ansible_collections.herokuops.platform.plugins.module_utils._space import HEROKU_SPACE
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_SPACE)


if __name__ == "__main__":
    main()
