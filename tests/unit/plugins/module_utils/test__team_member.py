# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_team_member's plan as a table: the writes, their order, what purge keeps, the last admin."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._team_member import TEAM_MEMBER, plan, report
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, operate

TEAM = (("ops@example.com", "admin"), ("Alice@Example.com", "admin"), ("bob@example.com", "member"))
ACCOUNT = {"email": "OPS@example.com"}


def rep(email, role):
    return {"email": email, "role": role, "id": "id-" + email.lower(), "user": {"id": "u-" + email.lower(), "name": None},
            "two_factor_authentication": True, "federated": False, "identity_provider": None}


def state(members=TEAM):
    return dict(items=[rep(email, role) for email, role in members], account=ACCOUNT)


def params(members, state_="present", purge=False, team="acme"):
    return dict(team=team, state=state_, purge=purge,
                members=[dict(email=email, role=role) for email, role in members])


def sent(plan_):
    return [(request.method, request.path, request.body) for request in plan_.requests]


PUT = "/teams/acme/members"

CASES = [
    # (what, team, wanted, state, purge) -> writes, kept reasons
    ("nothing to do, emails in other case", TEAM, [("alice@example.com", "admin"), ("BOB@example.com", "member")],
     "present", False, [], []),
    ("add and change, promotions first", TEAM,
     [("bob@example.com", "member"), ("Carol@example.com", "viewer"), ("alice@example.com", "member"), ("dave@example.com", "admin")],
     "present", False,
     [("PUT", PUT, {"email": "dave@example.com", "role": "admin"}),
      ("PUT", PUT, {"email": "Carol@example.com", "role": "viewer"}),
      ("PUT", PUT, {"email": "Alice@Example.com", "role": "member"})], []),
    ("absent removes the listed members present", TEAM, [("BOB@example.com", "member"), ("nobody@example.com", "member")],
     "absent", False, [("DELETE", "/teams/acme/members/bob@example.com", None)], []),
    ("purge keeps the running account", TEAM, [("alice@example.com", "admin")], "present", True,
     [("DELETE", "/teams/acme/members/bob@example.com", None)], ["the account running this task"]),
    ("purge keeps the last admin", [("ops@example.com", "member"), ("zed@example.com", "admin"), ("amy@example.com", "admin")],
     [("bob@example.com", "member")], "present", True,
     [("PUT", PUT, {"email": "bob@example.com", "role": "member"}), ("DELETE", "/teams/acme/members/zed@example.com", None)],
     ["the team's last admin", "the account running this task"]),
    ("handing the admin role over", [("ops@example.com", "admin"), ("bob@example.com", "member")],
     [("ops@example.com", "member"), ("bob@example.com", "admin")], "present", False,
     [("PUT", PUT, {"email": "bob@example.com", "role": "admin"}), ("PUT", PUT, {"email": "ops@example.com", "role": "member"})],
     []),
]


@pytest.mark.parametrize("what, team, wanted, state_, purge, writes, reasons", CASES, ids=[case[0] for case in CASES])
def test_plan(what, team, wanted, state_, purge, writes, reasons):
    planned = plan(state(team), params(wanted, state_, purge))
    assert sent(planned) == writes
    assert planned.changed == bool(writes)
    assert [item["reason"] for item in planned.work["kept"]] == reasons
    before, after = planned.diff
    assert before == {"members": dict(team)}
    # The diff's after is what the members would be: report (check mode) says the same.
    payload, problem = report(state(team), planned, None, params(wanted, state_, purge), check_mode=True)
    assert problem is None
    assert dict((item["email"], item["role"]) for item in payload["members"]) == after["members"]


def test_results_name_who_was_added_changed_removed_and_kept():
    planned = plan(state(), params([("carol@example.com", "viewer"), ("alice@example.com", "member")], purge=True))
    payload, _problem = report(state(), planned, None, params([], purge=True), check_mode=True)
    assert payload["added"] == [{"email": "carol@example.com", "role": "viewer"}]
    assert payload["updated"] == [{"email": "Alice@Example.com", "role": "member", "previous_role": "admin"}]
    assert payload["removed"] == [{"email": "bob@example.com", "role": "member"}]
    assert payload["kept"] == [{"email": "ops@example.com", "role": "admin", "reason": "the account running this task"}]
    carol = next(item for item in payload["members"] if item["email"] == "carol@example.com")
    assert carol["role"] == "viewer" and carol["id"] is None


@pytest.mark.parametrize("wanted, state_", [([("ops@example.com", "viewer")], "present"), ([("ops@example.com", "admin")], "absent")])
def test_removing_or_demoting_the_last_admin_fails_before_any_write(wanted, state_):
    with pytest.raises(HerokuStateError, match="Team acme would be left without an admin: .* ops@example.com"):
        plan(state([("ops@example.com", "admin"), ("bob@example.com", "member")]), params(wanted, state_))


@pytest.mark.parametrize("members, state_, purge, message", [
    ([("a@example.com", "member"), ("A@EXAMPLE.com", "admin")], "present", False, "members lists A@EXAMPLE.com twice"),
    ([("not an email", "member")], "present", False, "members[0].email='not an email' is not a valid email"),
    ([("a/../x@example.com", "member")], "present", False, "is not a valid email"),
    ([], "absent", True, "purge applies to state=present only"),
])
def test_bad_input(members, state_, purge, message):
    client = FakeClient(TEAM)
    with pytest.raises(HerokuInputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        run(client, members, state_=state_, purge=purge)
    assert client.sent == []


class FakeClient:
    """The team's members in memory; counts what is sent."""

    def __init__(self, members):
        self.members = dict((email.lower(), rep(email, role)) for email, role in members)
        self.sent = []
        self.writes_sent = 0

    def list_or_none(self, path):
        self.sent.append(("GET", path))
        return list(self.members.values()) if path == PUT else None

    def get(self, path):
        self.sent.append(("GET", path))
        return ACCOUNT

    def request(self, method, path, body=None):
        self.sent.append((method, path))
        self.writes_sent += 1
        if method == "DELETE":
            return self.members.pop(path.rsplit("/", 1)[1].lower())
        answer = self.members[body["email"].lower()] = dict(rep(body["email"], body["role"]), two_factor_authentication=False)
        return answer


def run(client, wanted, check_mode=False, **options):
    return operate(TEAM_MEMBER, Task(params=params(wanted, **options), connect=lambda: client, check_mode=check_mode, diff=True))


def test_check_mode_writes_nothing_a_real_run_reports_heroku_answers_and_again_reads_once():
    client = FakeClient(TEAM)
    wanted = [("carol@example.com", "viewer")]
    checked = run(client, wanted, check_mode=True, purge=True)
    assert checked["changed"] and client.writes_sent == 0
    assert client.sent == [("GET", PUT), ("GET", "/account")]
    real = run(client, wanted, purge=True)
    assert real["changed"] and real["diff"] == checked["diff"]
    assert real["diff"]["after"] == {"members": {"ops@example.com": "admin", "carol@example.com": "viewer"}}
    carol = next(item for item in real["heroku_team_member"]["members"] if item["email"] == "carol@example.com")
    assert carol["id"] == "id-carol@example.com" and carol["two_factor_authentication"] is False
    client.sent = []
    again = run(client, wanted)
    assert not again["changed"] and client.sent == [("GET", PUT)]


def test_an_unknown_team_fails_after_one_read():
    client = FakeClient(TEAM)
    with pytest.raises(HerokuStateError, match="Team nope was not found"):
        run(client, [], team="nope")
    assert client.sent == [("GET", "/teams/nope/members")]
