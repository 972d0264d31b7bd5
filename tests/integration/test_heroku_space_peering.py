# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_space_peering, heroku_space_peering_info and heroku_team_info through real ansible-playbook runs against
the simulator."""

import pytest

from converge import Playbook
from heroku_simulator.routes.peering import add_peering
from sim_api import api

PCX = "pcx-0123456789abcdef0"
OTHER = "pcx-0fedcba987654321"
PEERING = "/spaces/peered/peerings/" + PCX


def peering(**args):
    return {"name": "peering", "herokuops.platform.heroku_space_peering": dict(dict(space="peered", pcx_id=PCX), **args)}


def peering_info(**args):
    return {"name": "peering info", "herokuops.platform.heroku_space_peering_info": dict(dict(space="peered"), **args)}


def seed_space(sim, name="peered", generation="cedar"):
    assert api(sim, "POST", "/spaces", {"name": name, "team": "acme", "region": "virginia",
                                        "generation": generation})[0] == 201


def status_of(sim, pcx_id=PCX):
    return api(sim, "GET", "/spaces/peered/peerings/" + pcx_id)[1].get("status")


@pytest.mark.both_paths
def test_accept_waits_until_active_a_second_run_only_reads_and_absent_rejects(sim, run_playbook):
    seed_space(sim)
    add_peering(sim.world, "peered", PCX)
    add_peering(sim.world, "peered", OTHER)
    # The accepted peering is provisioning on the first read after the accept, active on the second.
    sim.set_async_reads(2)
    seen = {}
    plan = Playbook(run_playbook)
    accept = plan.converge(peering(wait=True, wait_timeout=20), writes=[("POST", PEERING + "/actions/accept", None)],
                           reads=[("GET", PEERING)], after_check=lambda: seen.update(after_check=status_of(sim)))
    reject = plan.absent(peering(pcx_id=OTHER), writes=[("DELETE", "/spaces/peered/peerings/" + OTHER, None)],
                         reads=[("GET", "/spaces/peered/peerings/" + OTHER)])
    plan.run()

    assert seen["after_check"] == "pending-acceptance"
    assert accept.check["heroku_space_peering"]["accepted"] is True
    assert accept.check["diff"] == {"before": {"accepted": False}, "after": {"accepted": True}}
    accepted = accept.real["heroku_space_peering"]
    assert accepted["status"] == "active" and accepted["accepted"] is True and accepted["space"] == "peered"
    assert accepted["pcx_id"] == PCX and accepted["aws_vpc_id"] == "vpc-0a1b2c3d4e5f60718"
    # The wait read the peering until it was active: provisioning, then active.
    assert [call for call in accept.real.calls if call[0] == "GET"] == [("GET", PEERING)] * 3
    assert accept.again["heroku_space_peering"] == accepted and accept.again["diff"] == {"before": {}, "after": {}}
    assert reject.real["heroku_space_peering"] == {}
    assert reject.real["diff"]["before"]["status"] == "pending-acceptance"
    assert api(sim, "GET", "/spaces/peered/peerings/" + OTHER)[0] == 404


def test_wrong_status_bad_input_and_a_fir_space_are_refused_before_any_write(sim, run_playbook):
    seed_space(sim)
    seed_space(sim, "fir-space", "fir")
    add_peering(sim.world, "peered", PCX, status="expired")
    sim.clear_requests()
    plan = Playbook(run_playbook)
    plan.fails(peering(), "Peering %s of space peered is expired, and Heroku accepts only a peering that is "
                          "pending-acceptance: ask the owner of the peer VPC" % PCX, requests=True, label="expired")
    plan.fails(peering(pcx_id="pcx-0000000000000000a"), "Peering pcx-0000000000000000a was not found in space peered",
               requests=True, label="unknown")
    plan.fails(peering(pcx_id="vpc-123"), "pcx_id='vpc-123' is not a valid pcx id name: use pcx- followed by",
               label="bad pcx_id")
    plan.fails(peering(space="Bad_Space"), "space='Bad_Space' is not a valid space name", label="bad space")
    fir = plan.fails(peering(space="fir-space"), "VPC peering is not available on space fir-space, a Fir space: a Fir "
                                                 "space has no peering; keep it on a Cedar space", requests=True,
                     label="fir")
    # Absent on a Fir space: no peering can be there, nothing to remove.
    fir_absent = plan.task(peering(space="fir-space", state="absent"), label="fir absent", status="ok")
    fir_info = plan.fails(peering_info(space="fir-space"), "VPC peering is not available on space fir-space, a Fir "
                                                           "space", requests=True, label="fir info")
    plan.run()
    assert sim.writes() == []
    assert status_of(sim) == "expired"
    # On Fir: Heroku finds no peering, then the space is read for its generation; the info reads the space only.
    assert fir.result.calls == [("GET", "/spaces/fir-space/peerings/" + PCX), ("GET", "/spaces/fir-space")]
    assert fir_info.result.calls == [("GET", "/spaces/fir-space")]
    assert fir_absent.result.calls == [("GET", "/spaces/fir-space/peerings/" + PCX)]


def test_peering_info_and_team_info_with_their_request_counts(sim, run_playbook):
    seed_space(sim)
    add_peering(sim.world, "peered", PCX)
    add_peering(sim.world, "peered", OTHER, status="active")
    assert api(sim, "POST", "/enterprise-accounts/acme-enterprise/teams", {"name": "acme-corp"})[0] == 201
    result = run_playbook([
        peering_info(),
        dict(peering_info(pcx_id=OTHER), name="one peering"),
        {"name": "team", "herokuops.platform.heroku_team_info": {"name": "acme"}},
        {"name": "teams", "herokuops.platform.heroku_team_info": {}},
        {"name": "enterprise team", "herokuops.platform.heroku_team_info": {"name": "acme-corp"}},
    ])
    assert result.rc == 0, result.output
    info = result.task("peering info")
    assert info.calls == [("GET", "/spaces/peered"), ("GET", "/spaces/peered/peering-info"),
                          ("GET", "/spaces/peered/peerings")]
    found = info["heroku_space_peering_info"]
    assert found["space"] == "peered" and found["generation"] == "cedar"
    assert found["peering_info"]["vpc_cidr"] == "10.0.0.0/16" and found["peering_info"]["vpc_id"].startswith("vpc-")
    assert found["peering_info"]["unavailable_cidr_blocks"] == ["10.1.0.0/16"]
    assert sorted((p["pcx_id"], p["status"]) for p in found["peerings"]) == [
        (PCX, "pending-acceptance"), (OTHER, "active")]
    one = result.task("one peering")
    assert len(one.calls) == 3 and [p["pcx_id"] for p in one["heroku_space_peering_info"]["peerings"]] == [OTHER]

    team = result.task("team")
    assert team.calls == [("GET", "/teams/acme"), ("GET", "/teams/%s/members" % team["heroku_team_info"][0]["id"]),
                          ("GET", "/teams/%s/features" % team["heroku_team_info"][0]["id"])]
    acme = team["heroku_team_info"][0]
    # The simulator's acme: ops@example.com (the account), alice@example.com and bob@example.com.
    assert acme["name"] == "acme" and acme["members_count"] == 3 and acme["default"] is True
    assert acme["enterprise"] is False and acme["role"] == "admin"
    assert isinstance(acme["features"], list) and all("enabled" in feature for feature in acme["features"])
    teams = result.task("teams")
    assert teams.calls == [("GET", "/teams")]
    assert sorted(item["name"] for item in teams["heroku_team_info"]) == ["acme", "acme-corp", "acme-staging"]
    # A list reads no member or feature of each team.
    assert all("members_count" not in item and "features" not in item for item in teams["heroku_team_info"])
    (corp,) = result.task("enterprise team")["heroku_team_info"]
    assert corp["enterprise"] is True and corp["type"] == "enterprise" and corp["enterprise_account"] == "acme-enterprise"
