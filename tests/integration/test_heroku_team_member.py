# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_team_member and heroku_team_member_info through real ansible-playbook runs against the simulator.

The simulator's team acme starts with ops@example.com (the account the tests run as) and alice@example.com as
admins and bob@example.com as a member; acme-staging with ops as its only admin and carol@example.com.
"""

import pytest

from converge import Playbook, assert_writes
from sim_api import api

MEMBERS = "/teams/acme/members"


def team_member(**args):
    return {"name": "members", "herokuops.platform.heroku_team_member": dict(dict(team="acme"), **args)}


def info(team="acme"):
    return {"name": "info", "herokuops.platform.heroku_team_member_info": {"team": team}}


def roles(sim, team="acme"):
    return dict((item["email"], item["role"]) for item in api(sim, "GET", "/teams/%s/members" % team)[1])


@pytest.mark.both_paths
def test_add_change_remove_and_purge_in_check_mode_for_real_and_again(sim, run_playbook):
    seen = {}
    plan = Playbook(run_playbook)
    add = plan.converge(
        team_member(members=[{"email": "carol@example.com", "role": "viewer"}, {"email": "BOB@example.com", "role": "admin"},
                             {"email": "alice@example.com", "role": "admin"}]),
        # One PUT a member that changes, bob as Heroku spells him; alice is an admin already.
        writes=[("PUT", MEMBERS, {"email": "carol@example.com", "role": "viewer"}),
                ("PUT", MEMBERS, {"email": "bob@example.com", "role": "admin"})], reads=[("GET", MEMBERS)],
        after_check=lambda: seen.update(after_check=roles(sim)), after_real=lambda: seen.update(after_real=roles(sim)))
    # Emails compare case-insensitively: Carol in other case is the member just added.
    remove = plan.absent(team_member(members=[{"email": "Carol@Example.com"}, {"email": "nobody@example.com"}]),
                         writes=[("DELETE", MEMBERS + "/carol@example.com", None)], reads=[("GET", MEMBERS)])
    purge = plan.converge(team_member(purge=True, members=[{"email": "alice@example.com", "role": "admin"}]),
                          writes=[("DELETE", MEMBERS + "/bob@example.com", None)],
                          reads=[("GET", MEMBERS), ("GET", "/account")],
                          after_real=lambda: seen.update(after_purge=roles(sim)))
    listed = plan.task(info(), status="ok")
    plan.run()

    assert seen["after_check"] == {"ops@example.com": "admin", "alice@example.com": "admin", "bob@example.com": "member"}
    assert seen["after_real"] == {"ops@example.com": "admin", "alice@example.com": "admin", "bob@example.com": "admin",
                                  "carol@example.com": "viewer"}
    # The diff is the member list, before and after; check mode and the real run say the same.
    for step in (add.check, add.real):
        assert step["diff"]["before"] == {"members": {"alice@example.com": "admin", "bob@example.com": "member",
                                                      "ops@example.com": "admin"}}
        assert step["diff"]["after"] == {"members": {"alice@example.com": "admin", "bob@example.com": "admin",
                                                     "carol@example.com": "viewer", "ops@example.com": "admin"}}
        assert step["heroku_team_member"]["added"] == [{"email": "carol@example.com", "role": "viewer"}]
        assert step["heroku_team_member"]["updated"] == [{"email": "bob@example.com", "role": "admin",
                                                          "previous_role": "member"}]
    carol = next(item for item in add.real["heroku_team_member"]["members"] if item["email"] == "carol@example.com")
    assert carol["id"] and carol["user_id"] and carol["federated"] is False and carol["two_factor_authentication"] is True
    assert add.check["heroku_team_member"]["members"][2] == dict(
        dict.fromkeys(carol), email="carol@example.com", role="viewer")
    assert add.again["heroku_team_member"]["added"] == [] and add.again["diff"]["before"] == add.again["diff"]["after"]

    assert remove.real["heroku_team_member"]["removed"] == [{"email": "carol@example.com", "role": "viewer"}]
    assert "carol@example.com" not in remove.real["diff"]["after"]["members"]

    # Purge removes bob, and keeps the account running the task, saying so.
    assert seen["after_purge"] == {"ops@example.com": "admin", "alice@example.com": "admin"}
    kept = [{"email": "ops@example.com", "role": "admin", "reason": "the account running this task"}]
    for step in purge:
        assert step["heroku_team_member"]["kept"] == kept
    assert purge.real["heroku_team_member"]["removed"] == [{"email": "bob@example.com", "role": "admin"}]
    assert [item["email"] for item in purge.again["heroku_team_member"]["members"]] == ["alice@example.com",
                                                                                        "ops@example.com"]
    assert sorted(item["email"] for item in listed["heroku_team_member_info"]) == ["alice@example.com", "ops@example.com"]
    assert listed.calls == [("GET", MEMBERS)]


@pytest.mark.both_paths
def test_bad_input_the_last_admin_and_api_errors_fail_clearly_and_never_show_the_key(sim, run_playbook):
    plan = Playbook(run_playbook)
    for task, message in [
        (team_member(team="../account", members=[]), "team='../account' is not a valid team name"),
        (team_member(members=[{"email": "not an email"}]), "members[0].email='not an email' is not a valid email"),
        (team_member(members=[{"email": "x@example.com/../../account"}]), "is not a valid email"),
        (team_member(members=[{"email": "bob@example.com", "role": "owner"}]),
         "admin, member, viewer, collaborator"),
        (team_member(members=[{"email": "bob@example.com"}, {"email": "Bob@Example.com", "role": "admin"}]),
         "members lists Bob@Example.com twice"),
        (team_member(state="absent", purge=True, members=[]), "purge applies to state=present only"),
        (info(team="bad team"), "team='bad team' is not a valid team name"),
    ]:
        plan.fails(task, message)
    # Heroku keeps at least one admin: the task says so after its read, before any write.
    plan.fails(team_member(team="acme-staging", members=[{"email": "ops@example.com", "role": "member"}]),
               "Team acme-staging would be left without an admin", requests=True, label="last admin")
    plan.fails(team_member(team="acme-nope", members=[]), "Team acme-nope was not found", requests=True,
               label="no team")
    plan.checkpoint(lambda: sim.inject_fault(method="PUT", path=r"^/teams/acme/members$", status=422,
                                             error_id="invalid_params", message="Email is not allowed in this team."))
    failing = plan.task(team_member(members=[{"email": "carol@example.com"}]), label="refused", ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)

    assert failing.status == "failed" and failing["changed"] is False
    assert failing["msg"].startswith("PUT /teams/acme/members failed (422 invalid_params): Email is not allowed")
    assert "[request-id " in failing["msg"] and failing["failure"]["request_id"]
    assert_writes(failing.writes, [("PUT", MEMBERS, {"email": "carol@example.com", "role": "member"})])
    assert roles(sim) == {"ops@example.com": "admin", "alice@example.com": "admin", "bob@example.com": "member"}
    assert "test-api-key" not in result.stdout and "test-api-key" not in repr(result.results)


def test_a_team_of_more_than_a_thousand_members_is_read_to_the_last_page(sim, run_playbook):
    with sim.lock:
        team = sim.world.team("acme")
        for number in range(1100):
            email = "member-%04d@example.com" % number
            sim.world.user_by_email(email, create=True)
            team["members"][email] = "member"
    sim.clear_requests()
    result = run_playbook([
        # A member of the last page: already there, so nothing is sent.
        team_member(members=[{"email": "Member-1099@example.com"}]),
        info(),
    ])
    assert result.rc == 0, result.stdout
    converged = result.task("members")
    assert converged.status == "ok" and converged.writes == []
    assert [(r["path"], r["status"]) for r in converged.requests] == [(MEMBERS, 206), (MEMBERS, 200)]
    assert len(converged["heroku_team_member"]["members"]) == 1103
    listed = result.task("info")
    assert [(r["path"], r["status"]) for r in listed.requests] == [(MEMBERS, 206), (MEMBERS, 200)]
    assert len(set(item["email"] for item in listed["heroku_team_member_info"])) == 1103
