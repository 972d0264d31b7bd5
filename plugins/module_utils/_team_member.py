# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The members of a Heroku team and their roles: the spec of heroku_team_member and heroku_team_member_info.

An Operation (plan, report), not a Resource. A run sets many memberships at once, read
from one list, and what it must report does not fit converge's one-representation model: a Resource
compares one value and predicts check mode by merging the option into it, so the members' details
(ids, two-factor state) and the whole email: role list in the diff would be lost or guessed. Here
``plan`` is one pure hook that says every write, its order and what purge keeps and why, tested as a
table; the runner still owns the input checks, check mode (no write), the diff, ``changed`` and the
errors, and sends the writes the plan lists.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Info, Module, OnlyWith, Operation, Plan, Read, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import shape

# The roles Heroku's members commands take (the schema's request enum lists admin, member and viewer;
# the CLI and the member representation also know collaborator). "owner" is the enterprise owner's,
# which this endpoint does not grant.
ROLES = ("admin", "member", "viewer", "collaborator")
# The team's members, or Heroku's 404 when the team is not there or this account cannot see it.
MEMBERS = Source("team", "team-member.list", missing="Team %(team)s was not found, or this account cannot see it.")

RETURNED = dict(
    email=("email",), role=("role",), id=("id",), user_id=("user", "id"), name=("user", "name"),
    two_factor_authentication=("two_factor_authentication",), federated=("federated",),
    identity_provider=("identity_provider", "name"), created_at=("created_at",), updated_at=("updated_at",),
)

KEPT_ACCOUNT = "the account running this task"
KEPT_LAST_ADMIN = "the team's last admin"


def key(email):
    # Heroku compares emails case-insensitively.
    return email.lower()


# -- hooks ---------------------------------------------------------------------------------------

def plan(state, params):
    """Every write the run needs, in the order Heroku takes them, and what purge keeps and why.

    Promotions to admin go first and removals last, so that handing the admin role over in one task
    never leaves the team without an admin in between (Heroku refuses that).
    """
    current = dict((key(member["email"]), member) for member in state["items"])
    # Members as the result names them: Heroku's spelling, or the user's for one to be added.
    shown = dict((email, member["email"]) for email, member in current.items())
    before = dict((email, member["role"]) for email, member in current.items())
    after, puts, removals, kept, added, updated = dict(before), [], [], [], [], []
    if params["state"] == "absent":
        removals = [key(member["email"]) for member in params["members"] if key(member["email"]) in current]
    else:
        for member in params["members"]:
            email, role = key(member["email"]), member["role"]
            shown.setdefault(email, member["email"])
            if email not in current:
                added.append(dict(email=shown[email], role=role))
            elif current[email]["role"] != role:
                updated.append(dict(email=shown[email], role=role, previous_role=current[email]["role"]))
            else:
                continue
            puts.append((shown[email], role))
            after[email] = role
        if params["purge"]:
            listed = set(key(member["email"]) for member in params["members"])
            for email in sorted(set(current) - listed):
                if email == key(state["account"]["email"]):
                    kept.append(dict(email=shown[email], role=before[email], reason=KEPT_ACCOUNT))
                else:
                    removals.append(email)
    for email in removals:
        del after[email]
    if "admin" in before.values() and "admin" not in after.values():
        purged_admins = sorted(email for email in removals if before[email] == "admin") if params["purge"] else []
        if not purged_admins:
            raise HerokuStateError(
                "Team %s would be left without an admin: this task removes or demotes %s, and Heroku refuses to "
                "remove or demote a team's last admin. Make another member admin first." % (
                    params["team"], ", ".join(sorted(shown[email] for email, role in before.items() if role == "admin"))))
        # Purge never removes the last admin: the first one it would remove stays.
        removals.remove(purged_admins[0])
        after[purged_admins[0]] = "admin"
        kept.append(dict(email=shown[purged_admins[0]], role="admin", reason=KEPT_LAST_ADMIN))
    puts.sort(key=lambda item: item[1] != "admin")
    requests = [request("team-member.create_or_update", dict(email=email, role=role), team=params["team"])
                for email, role in puts]
    requests += [request("team-member.delete", team=params["team"], team_member=shown[email]) for email in sorted(removals)]
    return Plan(changed=bool(requests), requests=tuple(requests),
                diff=(dict(members=dict((shown[email], role) for email, role in sorted(before.items()))),
                      dict(members=dict((shown[email], role) for email, role in sorted(after.items())))),
                work=dict(added=added, updated=updated, kept=sorted(kept, key=lambda item: key(item["email"])),
                          removed=[dict(email=shown[email], role=before[email]) for email in sorted(removals)]))


def report(state, plan_, outcome, params, check_mode):
    work = plan_.work
    members = dict((key(member["email"]), member) for member in state["items"])
    for sent, answer in zip(plan_.requests, outcome or [None] * len(plan_.requests)):
        if sent.method == "PUT":
            email = key(sent.body["email"])
            # Check mode knows only what it would send; a real run has Heroku's answer.
            members[email] = answer or dict(members.get(email, {}), **sent.body)
    for item in work["removed"]:
        del members[key(item["email"])]
    payload = dict(team=params["team"], members=[shape(RETURNED, members[email]) for email in sorted(members)],
                   added=work["added"], updated=work["updated"], removed=work["removed"], kept=work["kept"])
    return payload, None


TEAM_MEMBER = Operation(
    result_key="heroku_team_member", result_keys=("team", "members", "added", "updated", "removed", "kept"),
    read=None, plan=plan, perform=None, report=report,
    # Each member's email one Heroku takes, none twice (Heroku compares emails without case).
    names=dict(team="team", members=("unique_emails", ("email", "member"))),
    # Who runs the task matters only to purge, which never removes them.
    sources=(MEMBERS,), reads=(Read("account", "account.info", when="purge"),),
    rules=(OnlyWith("purge", "state", ("present",),
                    "purge applies to state=present only: with state=absent the members listed are removed and no other."),),
)

HEROKU_TEAM_MEMBER = Module(TEAM_MEMBER, dict(
    team=required(),
    members=dict(type="list", elements="dict", required=True, options=dict(
        email=required(), role=dict(type="str", choices=list(ROLES), default="member"))),
    state=state_option(), purge=dict(type="bool", default=False),
))

HEROKU_TEAM_MEMBER_INFO = Module(Info(
    result_key="heroku_team_member_info", returned=RETURNED, names=dict(team="team"),
    sources=(MEMBERS,),
), dict(team=required()))
