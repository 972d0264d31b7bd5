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
    assert result.task("missing")["heroku_space_info"] == []
    assert [s["name"] for s in result.task("team")["heroku_space_info"]] == ["acme-staging-us"]
    assert "outbound_ips" not in result.task("team")["heroku_space_info"][0]
    assert sorted(s["name"] for s in result.task("all")["heroku_space_info"]) == ["acme-eu", "acme-staging-us"]
    assert not result.changed and sim.writes() == []
