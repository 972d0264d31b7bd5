# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_space_member_access and its _info twin through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes, fails_before_any_request
from sim_api import api

MEMBER = "/spaces/acme-eu/members/bob@example.com"


def access(**args):
    return {"name": "access", "herokuops.platform.heroku_space_member_access": dict(dict(space="acme-eu"), **args)}


def info(name, **args):
    return {"name": name, "herokuops.platform.heroku_space_member_access_info": dict(dict(space="acme-eu"), **args)}


def seed_space(sim):
    # The simulator's team acme: ops@example.com (the account) and alice@example.com admins, bob@example.com a member.
    assert api(sim, "POST", "/spaces", {"name": "acme-eu", "team": "acme", "region": "frankfurt"})[0] == 201


def permissions_in(sim):
    return sorted(item["name"] for item in api(sim, "GET", MEMBER)[1]["permissions"])


@pytest.mark.both_paths
def test_permissions_change_as_a_set_in_one_patch_and_a_second_run_only_reads(sim, run_playbook):
    seed_space(sim)
    before = permissions_in(sim)
    seen = {}
    plan = Playbook(run_playbook)
    grant = plan.converge(
        access(email="bob@example.com", permissions=["view_logs", "create_apps"]),
        writes=[("PATCH", MEMBER, {"permissions": [{"name": "create_apps"}, {"name": "view_logs"}]})],
        # The same set in another order, with a repeat, for the same member in other case: no change.
        again_task=access(email="Bob@Example.com", permissions=["create_apps", "view_logs", "create_apps"]),
        reads=[("GET", MEMBER)],
        after_check=lambda: seen.update(after_check=permissions_in(sim)))
    plan.run()

    # Check mode sent no write and predicted what the real run did.
    assert seen["after_check"] == before == ["view_logs", "view_metrics"]
    assert grant.check["heroku_space_member_access"]["permissions"] == ["create_apps", "view_logs"]
    assert grant.check["diff"] == {"before": {"permissions": before}, "after": {"permissions": ["create_apps", "view_logs"]}}
    granted = grant.real["heroku_space_member_access"]
    assert granted["email"] == "bob@example.com" and granted["space"] == "acme-eu"
    assert granted["permissions"] == ["create_apps", "view_logs"] == permissions_in(sim)
    assert grant.again["heroku_space_member_access"] == granted and grant.again["diff"] == {"before": {}, "after": {}}


def test_info_lists_every_member_or_one_and_refusals_send_no_write(sim, run_playbook):
    seed_space(sim)
    result = run_playbook([
        info("all"),
        info("one", email="BOB@example.com"),
        info("stranger", email="nobody@example.com"),
        dict(access(email="nobody@example.com", permissions=["view_logs"]), name="not a member", ignore_errors=True),
        # Heroku's schema names no permissions: the form passes, Heroku refuses the name.
        dict(access(email="bob@example.com", permissions=["launch_rockets"]), name="unknown", ignore_errors=True),
    ])
    listed = result.task("all")["heroku_space_member_access_info"]
    assert sorted(item["email"] for item in listed) == ["alice@example.com", "bob@example.com", "ops@example.com"]
    one = result.task("one")["heroku_space_member_access_info"]
    assert [(item["email"], item["permissions"]) for item in one] == [("bob@example.com", ["view_logs", "view_metrics"])]
    assert result.task("stranger")["heroku_space_member_access_info"] == []
    for name in ("all", "one", "stranger"):
        assert result.task(name).writes == [] and len(result.task(name).requests) == 1

    stranger = result.task("not a member")
    assert stranger.status == "failed" and stranger["changed"] is False and stranger.writes == []
    assert stranger["msg"] == ("Space member nobody@example.com was not found: space acme-eu does not exist, or the "
                               "account is not a member of the space's team (herokuops.platform.heroku_team_member adds it).")
    unknown = result.task("unknown")
    assert unknown.status == "failed" and unknown["changed"] is False
    assert unknown["msg"].startswith("PATCH %s failed (422 invalid_params): " % MEMBER) and "[request-id " in unknown["msg"]
    assert_writes(unknown.writes, [("PATCH", MEMBER, {"permissions": [{"name": "launch_rockets"}]})])
    assert permissions_in(sim) == ["view_logs", "view_metrics"]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (access(email="bob@example.com/../x", permissions=[]), "email='bob@example.com/../x' is not a valid email"),
        (access(space="Acme EU", email="bob@example.com", permissions=[]), "space='Acme EU' is not a valid space name"),
        (access(email="bob@example.com", permissions=["Create Apps"]), "permissions[0]='Create Apps' is not a valid space permission name"),
        (access(email="bob@example.com"), "missing required arguments: permissions"),
    ])
