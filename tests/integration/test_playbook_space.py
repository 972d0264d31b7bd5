# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/space.yml, run by its full name (``ansible-playbook herokuops.platform.space -e @vars.yml``) against the
simulator: a Private Space with its trusted IPs, VPN connection, peerings and member access."""

import re

import pytest

from converge import UUID, assert_writes
from heroku_simulator.routes.peering import add_peering
from sim_api import api
# The fixture that runs a playbook by its full name, shared with the other playbooks' tests.

GATEWAY = "35.161.69.30"
PCX = "pcx-0123456789abcdef0"
OTHER = "pcx-0fedcba987654321"
SPACE_VARS = {
    "space": "acme-eu", "team": "acme", "region": "frankfurt",
    "trusted_ips": ["203.0.113.0/24", "198.51.100.7"],
    "vpn_connections": [{"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16"]}],
    "member_access": [{"email": "bob@example.com", "permissions": ["view_logs", "create_apps"]}],
}


def pre_shared_keys(sim):
    return [tunnel["pre_shared_key"] for vpn in sim.world.s["vpn_connections"].values() for tunnel in vpn["tunnels"]]


def test_space_playbook_creates_everything_then_accepts_peerings_then_only_reads(sim, run_named, tmp_path):
    # Each asynchronous thing (the space, the VPN connection) is still pending on its first read.
    sim.set_async_reads(2)

    checked = run_named("space", SPACE_VARS, check=True)
    assert checked.rc == 0, checked
    assert sim.writes() == [] and "Space acme-eu would be created" in checked.output
    assert checked.task("Create or update the space, waiting until it is allocated")["heroku_space"]["trusted_ips"] == [
        "198.51.100.7/32", "203.0.113.0/24"]

    sim.clear_requests()
    first = run_named("space", SPACE_VARS)
    assert first.rc == 0, first
    space_id = api(sim, "GET", "/spaces/acme-eu")[1]["id"]
    assert_writes(sim.writes(), [
        ("POST", "/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"}),
        # The ruleset once the space is allocated (the simulator refuses it before), then the VPN and the member.
        ("PUT", "/spaces/%s/inbound-ruleset" % space_id, {"rules": [
            {"source": "198.51.100.7/32", "action": "allow"}, {"source": "203.0.113.0/24", "action": "allow"}]}),
        ("POST", "/spaces/acme-eu/vpn-connections",
         {"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16"]}),
        ("PATCH", re.compile(r"/spaces/(acme-eu|%s)/members/(bob@example\.com|%s)" % (space_id, UUID.pattern)),
         {"permissions": [{"name": "create_apps"}, {"name": "view_logs"}]}),
    ])
    assert [r["status"] for r in sim.requests if r.get("write")] == [201, 200, 201, 200]
    shown = first.task("Show the space")["msg"]
    assert shown["space"]["state"] == "allocated" and shown["space"]["trusted_ips"] == ["198.51.100.7/32", "203.0.113.0/24"]
    office = shown["vpn_connections"][0]
    assert office["name"] == "office" and office["status"] == "active" and len(office["tunnels"]) == 2
    keys = pre_shared_keys(sim)
    assert keys and not any(key in first.output for key in keys)

    # The AWS side requests two peerings: one is accepted, the other rejected.
    add_peering(sim.world, "acme-eu", PCX)
    add_peering(sim.world, "acme-eu", OTHER)
    sim.clear_requests()
    peered = run_named("space", dict(SPACE_VARS, peerings_accepted=[PCX], peerings_rejected=[OTHER]))
    assert peered.rc == 0, peered
    assert_writes(sim.writes(), [("POST", "/spaces/acme-eu/peerings/%s/actions/accept" % PCX, None),
                                 ("DELETE", "/spaces/acme-eu/peerings/%s" % OTHER, None)])

    sim.clear_requests()
    again = run_named("space", dict(SPACE_VARS, peerings_accepted=[PCX], peerings_rejected=[OTHER]))
    assert again.rc == 0 and not again.changed, again
    assert sim.writes() == [] and all(r["method"] == "GET" for r in sim.requests)
    assert not any(key in again.output for key in keys)

    # Check mode on the space as it is: what would change is said, nothing is written.
    changed = dict(SPACE_VARS, trusted_ips=["203.0.113.0/24"],
                   member_access=[{"email": "bob@example.com", "permissions": ["view_logs"]}])
    sim.clear_requests()
    checked = run_named("space", changed, check=True)
    assert checked.rc == 0 and sim.writes() == [], checked
    assert [t.name for t in checked.changed_tasks] == ["Create or update the space, waiting until it is allocated",
                                                       "Set what each member may do on the space"]


@pytest.mark.parametrize("bad, message", [
    (dict(trusted_ips=["203.0.113.0/24", "10.0.0.300"]),
     "trusted_ips[1]='10.0.0.300' is not an IPv4 address or CIDR block like 203.0.113.0/24"),
    (dict(vpn_connections=[{"name": "office", "public_ip": "192.168.1.1", "routable_cidrs": ["172.16.0.0/16"]}],
          peerings_accepted=["pcx-nothex"]),
     "vpn_connections[0]: public_ip='192.168.1.1' is not a public address"),
    (dict(peerings_accepted=[PCX], peerings_rejected=[OTHER, PCX]),
     "peerings_accepted and peerings_rejected both name %s: name it in one of them." % PCX),
])
def test_space_playbook_refuses_a_bad_variable_before_any_request(sim, run_named, tmp_path, bad, message):
    result = run_named("space", dict(SPACE_VARS, **bad))
    assert result.rc != 0 and message in result.output, result.output
    assert sim.requests == []
