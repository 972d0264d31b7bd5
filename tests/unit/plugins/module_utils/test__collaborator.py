# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_collaborator's spec as a table: which route it reads and writes, permissions as a set with view,
and a personal app given permissions."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._collaborator import COLLABORATOR
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge


def collaborator(email, permissions):
    return {"id": "c-" + email, "role": "collaborator", "user": {"email": email, "id": "u-" + email},
            "app": {"name": "web", "id": "a-web"}, "permissions": [{"name": name} for name in permissions],
            "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}


class FakeClient:
    """Heroku's answers by path (None: 404); records every request."""

    def __init__(self, answers):
        self.answers = answers
        self.sent = []

    def get_or_none(self, path):
        self.sent.append(("GET", path, None))
        return self.answers.get(path)

    def post(self, path, body=None, **_kwargs):
        self.sent.append(("POST", path, body))
        return collaborator(body["user"], body.get("permissions", []))

    def request(self, method, path, body=None):
        self.sent.append((method, path, body))
        return dict(self.answers[path.replace("/teams", "", 1)], permissions=[{"name": name} for name in body["permissions"]])

    def delete(self, path):
        self.sent.append(("DELETE", path, None))


def run(answers, check_mode=False, **options):
    params = dict(dict(app="web", email="Dev@Example.com", permissions=None, silent=False, state="present"), **options)
    client = FakeClient(answers)
    result = converge(COLLABORATOR, Task(params=params, connect=lambda: client, check_mode=check_mode, diff=True))
    return result, client.sent


TEAM_DEV = {"/apps/web/collaborators/dev@example.com": collaborator("dev@example.com", ["view", "deploy"])}
TEAM_DEV["/teams/apps/web/collaborators/dev@example.com"] = TEAM_DEV["/apps/web/collaborators/dev@example.com"]
TEAM_APP = {"/apps/web": {"name": "web", "team": {"name": "acme"}}}

CASES = [
    # (what, answers, options) -> requests sent, permissions in the result
    ("personal route without permissions, silent sent on creation", {}, dict(silent=True),
     [("GET", "/apps/web/collaborators/dev@example.com", None),
      ("POST", "/apps/web/collaborators", {"user": "dev@example.com", "silent": True})], []),
    ("the same set in another order, view implied: one read", TEAM_DEV, dict(permissions=["deploy", "deploy"]),
     [("GET", "/teams/apps/web/collaborators/dev@example.com", None)], ["deploy", "view"]),
    ("a change is one PATCH of the whole set, by email", TEAM_DEV, dict(permissions=["operate", "view"]),
     [("GET", "/teams/apps/web/collaborators/dev@example.com", None),
      ("PATCH", "/teams/apps/web/collaborators/dev@example.com", {"permissions": ["operate", "view"]})],
     ["operate", "view"]),
    ("without permissions, a team collaborator's stay", TEAM_DEV, dict(),
     [("GET", "/apps/web/collaborators/dev@example.com", None)], ["deploy", "view"]),
    ("added to a team app: the app is read once, before the create", TEAM_APP, dict(permissions=[]),
     [("GET", "/teams/apps/web/collaborators/dev@example.com", None), ("GET", "/apps/web", None),
      ("POST", "/teams/apps/web/collaborators", {"user": "dev@example.com", "silent": False, "permissions": ["view"]})],
     ["view"]),
    ("absent ignores permissions and deletes by id", TEAM_DEV, dict(state="absent", permissions=["manage"]),
     [("GET", "/apps/web/collaborators/dev@example.com", None),
      ("DELETE", "/apps/web/collaborators/c-dev@example.com", None)], None),
]


@pytest.mark.parametrize("what,answers,options,requests,permissions", CASES, ids=[case[0] for case in CASES])
def test_requests(what, answers, options, requests, permissions):
    result, sent = run(answers, **options)
    assert sent == requests
    assert result["heroku_collaborator"].get("permissions") == permissions


def test_check_mode_sends_only_reads_and_predicts_the_set():
    result, sent = run(TEAM_DEV, check_mode=True, permissions=["manage"])
    assert [request[0] for request in sent] == ["GET"]
    assert result["changed"] and result["diff"] == {"before": {"permissions": ["deploy", "view"]},
                                                    "after": {"permissions": ["manage", "view"]}}


@pytest.mark.parametrize("answers", [
    {"/teams/apps/web/collaborators/dev@example.com": collaborator("dev@example.com", [])},
    {"/apps/web": {"name": "web", "team": None}},
], ids=["existing collaborator", "new collaborator"])
def test_a_personal_app_given_permissions_fails_naming_the_option(answers):
    with pytest.raises(HerokuStateError, match="permissions apply to team apps only, and app web is a personal app"):
        run(answers, permissions=["deploy"])


def test_unknown_permission_and_bad_email_fail_before_any_request():
    with pytest.raises(HerokuInputError, match=r"permissions\[1\]='admin' is not a team app permission: "
                                               r"use any of view, deploy, operate, manage\."):
        run({}, permissions=["view", "admin"])
    with pytest.raises(HerokuInputError, match="is not a valid email"):
        run({}, email="dev@example.com/../../account")
