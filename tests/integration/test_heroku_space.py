# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_space and heroku_space_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, fails_before_any_request, fails_without_writes
from sim_api import api


def space(task="space", ignore_errors=False, **args):
    task = {"name": task, "herokuops.platform.heroku_space": args}
    if ignore_errors:
        task["ignore_errors"] = True
    return task


@pytest.fixture
def allocated(sim):
    """An allocated space acme-eu of team acme in frankfurt, created behind the module's back."""
    status, body = api(sim, "POST", "/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"})
    assert status == 201, body
    assert api(sim, "GET", "/spaces/acme-eu")[1]["state"] == "allocated"  # no async delay: done at the next request
    sim.clear_requests()
    return body


def test_create_waits_until_allocated_then_changes_nothing_then_deletes(sim, run_playbook):
    sim.set_async_reads(2)  # allocating on the module's first read, allocated on its second
    wanted = dict(name="acme-eu", team="acme", region="frankfurt", cidr="10.20.0.0/16", shield=False)

    def space_id():
        return create.real["heroku_space"]["id"]

    plan = Playbook(run_playbook)
    create = plan.converge(space(**wanted), writes=[("POST", "/spaces", wanted)],
                           reads=lambda: [("GET", "/spaces/acme-eu"), ("GET", "/spaces/%s/nat" % space_id())])
    gone = plan.absent(space("gone", name="acme-eu"), writes=lambda: [("DELETE", "/spaces/%s" % space_id(), None)])
    result = plan.run()

    record = create.check
    assert record["heroku_space"]["name"] == "acme-eu" and record["heroku_space"]["state"] == "allocating"
    assert record["heroku_space"]["region"] == "frankfurt" and record["heroku_space"]["outbound_ips"] == []

    record = create.real
    created = record["heroku_space"]
    assert created["state"] == "allocated" and created["team"] == "acme" and created["cidr"] == "10.20.0.0/16"
    assert len(created["outbound_ips"]) == 4
    assert [c for c in record.calls if c[0] != "GET"] == [("POST", "/spaces")]
    polls = [c for c in record.calls if c == ("GET", "/spaces/%s" % created["id"])]
    assert len(polls) >= 2  # it waited, polling, rather than returning while allocating
    # The NAT is read once, after allocation.
    nat = ("GET", "/spaces/%s/nat" % created["id"])
    assert record.calls[-1] == nat and record.calls.count(nat) == 1

    assert create.again["heroku_space"] == created, result.output

    assert gone.check["diff"]["before"]["name"] == "acme-eu"
    assert gone.real["heroku_space"] == {}
    assert [(m, p) for m, p in gone.real.calls if m != "GET"] == [("DELETE", "/spaces/%s" % created["id"])]


def test_inbound_rules_set_then_unchanged_then_changed(sim, run_playbook, allocated):
    rules = [{"source": "203.0.113.0/24", "action": "allow"}, {"source": "198.51.100.7"}]
    changed = [{"source": "203.0.113.0/24", "action": "deny"}]
    ruleset = "/spaces/%s/inbound-ruleset" % allocated["id"]
    seen = {}

    plan = Playbook(run_playbook)
    first = plan.converge(
        # A bare address is a /32, a rule without an action allows.
        space(name="acme-eu", inbound_rules=rules), writes=[("PUT", ruleset, {"rules": [
            {"source": "203.0.113.0/24", "action": "allow"}, {"source": "198.51.100.7/32", "action": "allow"}]})],
        reads=[("GET", "/spaces/acme-eu"), ("GET", ruleset), ("GET", "/spaces/%s/nat" % allocated["id"])],
        after_real=lambda: seen.update(rules=api(sim, "GET", "/spaces/acme-eu/inbound-ruleset")[1]["rules"]))
    second = plan.converge(space(name="acme-eu", inbound_rules=changed), writes=[("PUT", ruleset, {"rules": changed})])
    plan.run()

    record = first.real
    expected = [{"source": "203.0.113.0/24", "action": "allow"}, {"source": "198.51.100.7/32", "action": "allow"}]
    assert record["heroku_space"]["inbound_rules"] == expected
    assert record["diff"] == {"before": {"inbound_rules": [{"source": "0.0.0.0/0", "action": "allow"}]},
                              "after": {"inbound_rules": expected}}
    assert seen["rules"] == expected

    assert second.real["heroku_space"]["inbound_rules"] == changed
    assert api(sim, "GET", "/spaces/acme-eu/inbound-ruleset")[1]["rules"] == changed


def test_rename_is_idempotent(sim, run_playbook, allocated):
    plan = Playbook(run_playbook)
    steps = plan.converge(space(name="acme-eu", new_name="acme-europe"),
                          writes=[("PATCH", "/spaces/%s" % allocated["id"], {"name": "acme-europe"})])
    plan.run()
    record = steps.real
    assert record["heroku_space"]["name"] == "acme-europe" and record["heroku_space"]["id"] == allocated["id"]
    assert record["diff"] == {"before": {"name": "acme-eu"}, "after": {"name": "acme-europe"}}
    assert steps.again.calls[:2] == [("GET", "/spaces/acme-eu"), ("GET", "/spaces/acme-europe")]


def test_immutable_fields_and_a_missing_team_fail_without_writing(sim, run_playbook, allocated):
    region, cidr, team, no_team = fails_without_writes(run_playbook, [
        (space(name="acme-eu", region="oregon"),
         "Cannot change region of space acme-eu from 'frankfurt' to 'oregon' in place: Heroku cannot move a space"),
        (space(name="acme-eu", cidr="10.9.0.0/16"), "Cannot change cidr of space acme-eu from '10.0.0.0/16' to '10.9.0.0/16' in place"),
        (space(name="acme-eu", team="acme-staging"), "Cannot change team of space acme-eu"),
        (space(name="acme-new"), "Space acme-new does not exist and team is required to create it: "
                                 "name the team that will own it."),
    ])
    assert region["msg"].startswith(
        "Cannot change region of space acme-eu from 'frankfurt' to 'oregon' in place: Heroku cannot move a space")
    assert cidr["msg"].startswith(
        "Cannot change cidr of space acme-eu from '10.0.0.0/16' to '10.9.0.0/16' in place")
    assert no_team["msg"] == ("Space acme-new does not exist and team is required to create it: "
                              "name the team that will own it.")


def test_a_space_stuck_allocating_times_out_with_its_state(sim, run_playbook):
    sim.freeze_async(True)
    result = run_playbook([space(name="acme-eu", team="acme", wait_timeout=3)])
    record = result.task("space")
    assert record.status == "failed"
    assert "Timed out after 3s waiting for space acme-eu" in record["msg"]
    assert "last seen state: allocating" in record["msg"]


BAD_INPUT = [
    (dict(inbound_rules=[{"source": "10.0.0.0/8"}, {"source": "10.0.0.300/32", "action": "deny"}]),
     "inbound_rules[1].source='10.0.0.300/32' is not an IPv4 CIDR block like 203.0.113.0/24"),
    (dict(inbound_rules=[{"source": "2001:db8::/32"}]), "inbound_rules[0].source='2001:db8::/32'"),
    (dict(cidr="10.0.0.0/24"), "cidr='10.0.0.0/24' is not usable: Heroku needs a private /16 block"),
    (dict(cidr="8.8.0.0/16"), "cidr='8.8.0.0/16' is not usable"),
    (dict(new_name="Acme_EU"), "new_name='Acme_EU' is not a valid space name"),
]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    # One playbook for every case: each ansible-playbook run costs seconds.
    fails_before_any_request(run_playbook, [(space(name="acme-eu", team="acme", **args), message)
                                            for args, message in BAD_INPUT])


def test_space_info_one_by_name_by_team_and_all(sim, run_playbook, allocated):
    api(sim, "POST", "/spaces", {"name": "acme-staging-us", "team": "acme-staging", "region": "virginia"})
    api(sim, "PUT", "/spaces/acme-eu/inbound-ruleset", {"rules": [{"source": "203.0.113.0/24", "action": "allow"}]})
    sim.clear_requests()
    result = run_playbook([
        {"name": "one", "herokuops.platform.heroku_space_info": {"name": "acme-eu"}},
        {"name": "missing", "herokuops.platform.heroku_space_info": {"name": "acme-nowhere"}},
        {"name": "team", "herokuops.platform.heroku_space_info": {"team": "acme-staging"}},
        {"name": "all", "herokuops.platform.heroku_space_info": {}},
    ], check=True)
    one = result.task("one")["heroku_space_info"]
    assert [s["name"] for s in one] == ["acme-eu"]
    assert one[0]["region"] == "frankfurt" and one[0]["state"] == "allocated" and len(one[0]["outbound_ips"]) == 4
    assert one[0]["inbound_rules"] == [{"source": "203.0.113.0/24", "action": "allow"}]
    assert one[0]["trusted_ips"] == ["203.0.113.0/24"]
    # trusted_ips and inbound_rules share one read of the ruleset.
    assert result.task("one").calls.count(("GET", "/spaces/%s/inbound-ruleset" % allocated["id"])) == 1
    assert result.task("missing")["heroku_space_info"] == []
    assert [s["name"] for s in result.task("team")["heroku_space_info"]] == ["acme-staging-us"]
    assert "outbound_ips" not in result.task("team")["heroku_space_info"][0]
    assert sorted(s["name"] for s in result.task("all")["heroku_space_info"]) == ["acme-eu", "acme-staging-us"]
    assert not result.changed and sim.writes() == []


# -- trusted IPs (the inbound ruleset as a set of allowed blocks) and the space's log drain ------------------------

DRAIN = "https://logs.example.com/acme?token=drain-s3cret"


def test_a_new_space_gets_its_trusted_ips_once_allocated_then_changes_nothing(sim, run_playbook):
    # Allocating on the module's first two reads of the space, allocated on the third: the module must poll.
    sim.set_async_reads(3)
    # Repeats and order mean nothing; a bare address is a /32; the ruleset is sent in network order.
    trusted = ["203.0.113.0/24", "198.51.100.7", "203.0.113.0/24", "10.1.2.0/24"]
    rules = [{"source": source, "action": "allow"} for source in ("10.1.2.0/24", "198.51.100.7/32", "203.0.113.0/24")]
    wanted = dict(name="acme-eu", team="acme", region="frankfurt", trusted_ips=trusted, log_drain_url=DRAIN)

    def space_id():
        return create.real["heroku_space"]["id"]

    plan = Playbook(run_playbook)
    create = plan.converge(
        space(**wanted),
        # log_drain_url goes with the creation (Heroku's only way to set it); the ruleset follows, one PUT.
        writes=lambda: [("POST", "/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt",
                                             "log_drain_url": DRAIN}),
                        ("PUT", "/spaces/%s/inbound-ruleset" % space_id(), {"rules": rules})],
        # Again: the space, its ruleset and its NAT, nothing else (log_drain_url is never compared: Heroku never
        # shows it).
        reads=lambda: [("GET", "/spaces/acme-eu"), ("GET", "/spaces/%s/inbound-ruleset" % space_id()),
                       ("GET", "/spaces/%s/nat" % space_id())])
    result = plan.run()

    assert create.check["heroku_space"]["trusted_ips"] == ["10.1.2.0/24", "198.51.100.7/32", "203.0.113.0/24"]
    assert create.check["heroku_space"]["state"] == "allocating"
    real = create.real
    assert real["heroku_space"]["trusted_ips"] == ["10.1.2.0/24", "198.51.100.7/32", "203.0.113.0/24"]
    assert real["heroku_space"]["state"] == "allocated"
    # The order on the simulator's log: create, poll until allocated, then the ruleset, last; the simulator
    # refuses a ruleset while the space allocates, so its 200 shows the space was allocated by then.
    calls = real.calls
    put = calls.index(("PUT", "/spaces/%s/inbound-ruleset" % space_id()))
    polls = [index for index, call in enumerate(calls) if call == ("GET", "/spaces/%s" % space_id())]
    assert calls[1] == ("POST", "/spaces") and len(polls) >= 2 and polls[-1] < put
    assert [r["status"] for r in real.requests if r["method"] == "PUT"] == [200]
    assert api(sim, "GET", "/spaces/acme-eu/inbound-ruleset")[1]["rules"] == rules
    assert create.again["heroku_space"]["trusted_ips"] == real["heroku_space"]["trusted_ips"]
    assert "drain-s3cret" not in result.output


def test_trusted_ips_replace_the_ruleset_deny_rules_included(sim, run_playbook, allocated):
    ruleset = "/spaces/%s/inbound-ruleset" % allocated["id"]
    api(sim, "PUT", "/spaces/acme-eu/inbound-ruleset", {"rules": [
        {"source": "203.0.113.0/24", "action": "allow"}, {"source": "203.0.113.66/32", "action": "deny"}]})
    sim.clear_requests()

    plan = Playbook(run_playbook)
    first = plan.converge(space(name="acme-eu", trusted_ips=["203.0.113.0/24"]),
                          writes=[("PUT", ruleset, {"rules": [{"source": "203.0.113.0/24", "action": "allow"}]})],
                          reads=[("GET", "/spaces/acme-eu"), ("GET", ruleset), ("GET", "/spaces/%s/nat" % allocated["id"])])
    # The same set said another way is no change; an empty set trusts no address at all.
    plan.converge(space(name="acme-eu", trusted_ips=[]), writes=[("PUT", ruleset, {"rules": []})],
                  again_task=space(name="acme-eu", trusted_ips=[]))
    same = plan.task(space("same", name="acme-eu", trusted_ips=[]), status="ok")
    plan.run()

    assert first.real["diff"] == {"before": {"trusted_ips": ["203.0.113.0/24", "203.0.113.66/32 (action: deny)"]},
                                  "after": {"trusted_ips": ["203.0.113.0/24"]}}
    assert first.real["heroku_space"]["trusted_ips"] == ["203.0.113.0/24"]
    assert same.writes == [] and api(sim, "GET", "/spaces/acme-eu/inbound-ruleset")[1]["rules"] == []


def test_trusted_ips_wait_for_allocation_or_fail_before_any_write(sim, run_playbook):
    sim.freeze_async(True)
    api(sim, "POST", "/spaces", {"name": "acme-young", "team": "acme"})
    sim.clear_requests()
    plan = Playbook(run_playbook)
    # Without wait, Heroku would refuse the ruleset: the run fails before writing anything, new space or not.
    plan.fails(space(name="acme-new", team="acme", trusted_ips=["203.0.113.0/24"], wait=False),
               "trusted_ips can only be written once space acme-new is allocated, and it is not created yet: set wait "
               "to true to wait for it, or set trusted_ips in a later run.", requests=True)
    plan.fails(space(name="acme-young", trusted_ips=["203.0.113.0/24"], wait=False),
               "trusted_ips can only be written once space acme-young is allocated, and it is still allocating",
               requests=True, check_mode=True)
    # A space that never gets allocated: the wait times out with its state, and no ruleset is sent.
    stuck = plan.task(space("stuck", name="acme-young", trusted_ips=["203.0.113.0/24"], wait_timeout=2),
                      ignore_errors=True, status="failed")
    plan.run()
    assert "last seen state: allocating" in stuck.result["msg"]
    assert [call for call in stuck.calls if call[0] != "GET"] == []
    assert api(sim, "GET", "/spaces/acme-new")[0] == 404


def test_trusted_ips_and_the_log_drain_fail_on_a_fir_space_before_any_write(sim, run_playbook):
    api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})
    sim.clear_requests()
    fails_without_writes(run_playbook, [
        (space(name="acme-fir", trusted_ips=["203.0.113.0/24"]),
         "trusted_ips is not available on space acme-fir, a Fir space: a Fir space has no trusted IP ranges"),
        (space(name="acme-fir", trusted_ips=[]), "trusted_ips is not available on space acme-fir, a Fir space"),
        (space(name="acme-fir-2", team="acme", generation="fir", log_drain_url=DRAIN),
         "log_drain_url is not available on space acme-fir-2, a Fir space"),
    ])


TRUSTED_BAD_INPUT = [
    (dict(trusted_ips=["203.0.113.0/24", "10.0.0.300/32"]),
     "trusted_ips[1]='10.0.0.300/32' is not an IPv4 address or CIDR block like 203.0.113.0/24"),
    (dict(trusted_ips=["2001:db8::/32"]), "trusted_ips[0]='2001:db8::/32' is not an IPv4 address or CIDR block"),
    (dict(trusted_ips=["203.0.113.0/33"]), "trusted_ips[0]='203.0.113.0/33' is not an IPv4 address or CIDR block"),
    (dict(trusted_ips=["office"]), "trusted_ips[0]='office' is not an IPv4 address or CIDR block"),
    (dict(trusted_ips=["10.0.0.0/8"], inbound_rules=[{"source": "10.0.0.0/8"}]),
     "parameters are mutually exclusive: trusted_ips|inbound_rules"),
    (dict(log_drain_url="syslog+tls://logs.example.com:6514"), "log_drain_url must be an https:// URL"),
]


def test_bad_trusted_ips_and_drain_fail_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(space(name="acme-eu", team="acme", **args), message)
                                            for args, message in TRUSTED_BAD_INPUT])
