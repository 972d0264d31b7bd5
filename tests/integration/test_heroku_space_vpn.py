# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_space_vpn and heroku_space_vpn_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import UUID, Playbook, assert_writes, fails_before_any_request
from sim_api import api

VPNS = "/spaces/acme-eu/vpn-connections"
OFFICE = ("GET", VPNS + "/office")
SPACE = ("GET", "/spaces/acme-eu")
GATEWAY = "35.161.69.30"
MOVED = "35.161.69.31"


def vpn(**args):
    return {"name": "vpn", "herokuops.platform.heroku_space_vpn": dict(dict(space="acme-eu", name="office"), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_space_vpn_info": dict(dict(space="acme-eu"), **args)}


@pytest.fixture
def space(sim):
    """An allocated Cedar space acme-eu of team acme (network 10.0.0.0/16), made behind the module's back."""
    status, body = api(sim, "POST", "/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"})
    assert status == 201, body
    assert api(sim, "GET", "/spaces/acme-eu")[1]["state"] == "allocated"
    sim.clear_requests()
    return body


def keys(sim):
    """The pre-shared keys of every connection the simulator holds: what Heroku gives and no output may show."""
    return [tunnel["pre_shared_key"] for v in sim.world.s["vpn_connections"].values() for tunnel in v["tunnels"]]


@pytest.mark.both_paths
def test_created_waiting_until_active_changed_in_place_replaced_and_removed(sim, run_playbook, space):
    sim.set_async_reads(2)  # pending until the second read of the connection
    held = {}
    plan = Playbook(run_playbook)
    # The CIDRs are a set: sent sorted, and another order is no change.
    create = plan.converge(
        vpn(public_ip=GATEWAY, routable_cidrs=["192.168.10.0/24", "172.16.0.0/16"]),
        writes=[("POST", VPNS, {"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16", "192.168.10.0/24"]})],
        again_task=vpn(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16", "192.168.10.0/24", "172.16.0.0/16"]),
        reads=[OFFICE], after_real=lambda: held.update(first=keys(sim)))
    cidrs = plan.converge(vpn(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"]),
                          writes=lambda: [("PATCH", VPNS + "/" + create.real["heroku_space_vpn"]["id"],
                                           {"routable_cidrs": ["172.16.0.0/16"]})], reads=[OFFICE])
    refused = plan.fails(vpn(public_ip=MOVED, routable_cidrs=["172.16.0.0/16"]),
                         "Heroku cannot change the public IP of VPN connection office of space acme-eu in place "
                         "(35.161.69.30 to 35.161.69.31). Set replace: true", requests=True)
    refused_check = plan.fails(vpn(public_ip=MOVED, routable_cidrs=["172.16.0.0/16"]), "Set replace: true", requests=True,
                               label="refused in check mode", check_mode=True)
    replace = plan.converge(
        vpn(public_ip=MOVED, routable_cidrs=["172.16.0.0/16"], replace=True),
        writes=lambda: [("DELETE", VPNS + "/" + create.real["heroku_space_vpn"]["id"], None),
                        ("POST", VPNS, {"name": "office", "public_ip": MOVED, "routable_cidrs": ["172.16.0.0/16"]})],
        reads=[OFFICE], after_real=lambda: held.update(second=keys(sim)))
    listed = plan.task(info(), label="listed")
    gone = plan.absent(vpn(), writes=lambda: [("DELETE", VPNS + "/" + replace.real["heroku_space_vpn"]["id"], None)],
                       reads=[OFFICE])
    result = plan.run(verbosity=4)

    predicted = create.check["heroku_space_vpn"]
    assert predicted["status"] == "pending" and predicted["tunnels"] == [] and predicted["space"] == "acme-eu"
    assert predicted["routable_cidrs"] == ["172.16.0.0/16", "192.168.10.0/24"]
    # Check mode read the connection (not there) and the space, for its generation: nothing more.
    assert create.check.calls == [OFFICE, SPACE]
    created = create.real["heroku_space_vpn"]
    assert created["status"] == "active" and created["public_ip"] == GATEWAY and created["space_cidr_block"] == "10.0.0.0/16"
    assert UUID.fullmatch(created["id"])
    # It waited, polling, rather than returning while pending; the tunnels came with the active connection.
    assert create.real.calls.count(("GET", VPNS + "/" + created["id"])) >= 2
    assert [t["customer_ip"] for t in created["tunnels"]] == [GATEWAY, GATEWAY]
    assert [t["pre_shared_key"] for t in created["tunnels"]] == ["********", "********"]
    assert all(t["ip"].startswith("52.") and t["status"] == "UP" for t in created["tunnels"])
    assert create.again["heroku_space_vpn"] == created

    assert cidrs.real["diff"] == {"before": {"routable_cidrs": ["172.16.0.0/16", "192.168.10.0/24"]},
                                  "after": {"routable_cidrs": ["172.16.0.0/16"]}}
    assert cidrs.real["heroku_space_vpn"]["tunnels"] == created["tunnels"]
    assert refused.result["msg"].endswith("and the customer gateway must be configured again.")
    assert refused.requests and not refused.writes and not refused_check.writes

    # A replacement deletes before it creates (the name is taken until then), and its diff says so.
    assert [(m, p) for m, p in replace.real.calls if m != "GET"] == [("DELETE", VPNS + "/" + created["id"]), ("POST", VPNS)]
    assert replace.check["diff"]["before"] == {"id": created["id"], "public_ip": GATEWAY}
    assert replace.check["diff"]["after"]["public_ip"] == MOVED
    assert replace.check["diff"]["after"]["id"].startswith("(replaced: deleted and created anew")
    renewed = replace.real["heroku_space_vpn"]
    assert renewed["id"] != created["id"] and renewed["public_ip"] == MOVED and renewed["status"] == "active"
    assert [t["customer_ip"] for t in renewed["tunnels"]] == [MOVED, MOVED]
    assert listed.result["heroku_space_vpn_info"] == [renewed]

    assert gone.check["diff"]["before"]["name"] == "office" and gone.real["heroku_space_vpn"] == {}
    assert api(sim, "GET", VPNS)[1] == []
    # The pre-shared keys Heroku gave both connections, at -vvvv with --diff: nowhere in the output.
    assert len(held["first"]) == 2 and len(held["second"]) == 2
    assert not [key for key in held["first"] + held["second"] if key in result.output]


def test_info_shows_the_pre_shared_keys_only_when_asked(sim, run_playbook, space):
    assert api(sim, "POST", VPNS, {"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16"]})[0] == 201
    assert api(sim, "POST", VPNS, {"name": "lab", "public_ip": MOVED, "routable_cidrs": ["172.20.0.0/16"]})[0] == 201
    stored = dict((v["name"], [t["pre_shared_key"] for t in v["tunnels"]]) for v in api(sim, "GET", VPNS)[1])
    sim.clear_requests()
    result = run_playbook([info(), info(name="office", show_values=True), info(name="nowhere"),
                           vpn(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"], show_values=True)])
    every, office, nowhere, module = result.results
    assert sorted(v["name"] for v in every["heroku_space_vpn_info"]) == ["lab", "office"]
    assert all(t["pre_shared_key"] == "********" for v in every["heroku_space_vpn_info"] for t in v["tunnels"])
    assert every.calls == [("GET", VPNS)]
    assert [t["pre_shared_key"] for t in office["heroku_space_vpn_info"][0]["tunnels"]] == stored["office"]
    assert office.calls == [OFFICE]
    assert nowhere["heroku_space_vpn_info"] == []
    assert module.status == "ok" and [t["pre_shared_key"] for t in module["heroku_space_vpn"]["tunnels"]] == stored["office"]


def test_a_fir_space_fails_before_any_write_naming_what_to_do(sim, run_playbook):
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    sim.clear_requests()
    task = {"name": "vpn", "ignore_errors": True, "herokuops.platform.heroku_space_vpn": dict(
        space="acme-fir", name="office", public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"])}
    result = run_playbook([dict(task, check_mode=True), task])
    message = ("A VPN connection is not available on space acme-fir, a Fir space: a Fir space has no VPN connections; "
               "keep it on a Cedar space (a space cannot change generation).")
    for record in result.results:
        assert record.status == "failed" and record["msg"] == message
        assert record.calls == [("GET", "/spaces/acme-fir/vpn-connections/office"), ("GET", "/spaces/acme-fir")]
    assert sim.writes() == []


def test_a_vpn_that_stays_pending_fails_at_wait_timeout_with_its_status(sim, run_playbook, space):
    sim.freeze_async(True)
    result = run_playbook([vpn(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"], wait_timeout=1)])
    record = result.task("vpn")
    assert record.status == "failed"
    assert "Timed out after 1s waiting for VPN connection office" in record["msg"]
    assert "last seen state: pending" in record["msg"]
    assert_writes(record.writes, [("POST", VPNS, {"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16"]})])


def good(**changes):
    """A task that would create the office connection, but for ``changes``."""
    args = dict(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"])
    args.update(changes)
    return vpn(**args)


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (good(public_ip="10.1.2.3"), "public_ip='10.1.2.3' is not a public address"),
        (good(public_ip="203.0.113.5"), "public_ip='203.0.113.5' is not a public address"),
        (good(public_ip="35.161.69"), "public_ip='35.161.69' is not an IPv4 address like 35.161.69.30"),
        (good(public_ip="2600:1f18::1"), "Heroku's VPN gateways take IPv4 only"),
        (good(routable_cidrs=["172.16.0.0/16", "172.16.0.0/33"]),
         "routable_cidrs[1]='172.16.0.0/33' is not an IPv4 CIDR block like 172.16.0.0/16"),
        (good(routable_cidrs=["172.16.0.0"]),
         "routable_cidrs[0]='172.16.0.0' is not an IPv4 CIDR block like 172.16.0.0/16: write its prefix length"),
        (good(routable_cidrs=[]), "routable_cidrs is empty"),
        (good(name="my office"), "name='my office' is not a valid vpn connection name"),
        (vpn(public_ip=GATEWAY), "state is present but all of the following are missing: routable_cidrs"),
        (info(name="my/office"), "name='my/office' is not a valid vpn connection name"),
    ])


def test_herokus_refusal_names_the_request(sim, run_playbook, space):
    result = run_playbook([dict(vpn(public_ip=GATEWAY, routable_cidrs=["10.0.8.0/24"]), ignore_errors=True)])
    record = result.task("vpn")
    assert record.status == "failed"
    assert "POST %s" % VPNS in record["msg"] and "422" in record["msg"]
    assert "overlaps the space's network 10.0.0.0/16" in record["msg"]


def test_a_connection_being_deprovisioned_is_gone_for_absent_and_refused_for_present(sim, run_playbook, space):
    assert api(sim, "POST", VPNS, {"name": "office", "public_ip": GATEWAY, "routable_cidrs": ["172.16.0.0/16"]})[0] == 201
    with sim.lock:
        next(iter(sim.world.s["vpn_connections"].values()))["status"] = "deprovisioning"
    sim.clear_requests()
    result = run_playbook([dict(vpn(state="absent"), name="absent"),
                           dict(vpn(public_ip=GATEWAY, routable_cidrs=["172.16.0.0/16"]), name="present", ignore_errors=True)])
    absent, present = result.results
    assert absent.status == "ok" and absent.calls == [OFFICE]
    assert present.status == "failed" and present["msg"].endswith(
        "VPN connection office is being deleted; run again once Heroku has finished deleting it to create it anew.")
    assert sim.writes() == []
