# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_collaborator and heroku_collaborator_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes
from sim_api import api

# Every test here runs with the modules in Ansible's worker and again as module runs: both paths must behave alike.
pytestmark = pytest.mark.both_paths

API_KEY = "test-api-key"
COLLABORATOR_ID = re.compile(r"/apps/acme-web/collaborators/[0-9a-f-]{36}")


def collaborator(**args):
    return {"name": "collaborator", "herokuops.platform.heroku_collaborator": args}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_collaborator_info": args}


def records(sim, app):
    """The simulator's own records of an app's collaborators, by email (what the API does not show: invited)."""
    world = sim.world.s
    app_id = sim.world.app(app)["id"]
    return dict((world["users"][c["user_id"]]["email"], c) for c in world["collaborators"].values() if c["app_id"] == app_id)


def test_personal_app_add_silently_again_in_other_case_remove_and_what_fails(sim, run_playbook):
    sim.seed_app("acme-web")
    seen = {}
    plan = Playbook(run_playbook)
    add = plan.converge(collaborator(app="acme-web", email="dev@example.com", silent=True),
                        writes=[("POST", "/apps/acme-web/collaborators", {"user": "dev@example.com", "silent": True})],
                        # Heroku finds emails whatever their case: the same address spelled otherwise is no change.
                        again_task=collaborator(app="acme-web", email="DEV@Example.COM"),
                        reads=[("GET", "/apps/acme-web/collaborators/dev@example.com")],
                        after_check=lambda: seen.update(after_check=sorted(records(sim, "acme-web"))),
                        after_real=lambda: seen.update(dev=dict(records(sim, "acme-web")["dev@example.com"])))
    invited = plan.task(collaborator(app="acme-web", email="qa@example.com"), label="invited", status="changed")
    plan.checkpoint(lambda: seen.update(qa=dict(records(sim, "acme-web")["qa@example.com"])))
    listed = plan.task(info(app="acme-web"), label="list", status="ok")
    one = plan.task(info(app="acme-web", email="QA@example.com"), label="one", status="ok")
    remove = plan.absent(collaborator(app="acme-web", email="Dev@Example.com"), writes=[("DELETE", COLLABORATOR_ID, None)],
                         reads=[("GET", "/apps/acme-web/collaborators/dev@example.com")])
    # Heroku refuses to remove the owner: its message and request id, nothing more.
    owner = plan.task(collaborator(app="acme-web", email="ops@example.com", state="absent"), label="owner",
                      status="failed", ignore_errors=True)
    # Permissions exist on team apps only: named before any write, whether the collaborator exists or not.
    plan.fails(collaborator(app="acme-web", email="qa@example.com", permissions=["deploy"]),
               "permissions apply to team apps only, and app acme-web is a personal app", requests=True)
    new_one = plan.fails(collaborator(app="acme-web", email="new@example.com", permissions=["deploy"]),
                         "permissions apply to team apps only", requests=True)
    plan.fails(collaborator(app="acme-nope", email="new@example.com", permissions=[]), "App acme-nope was not found.",
               requests=True)
    # Bad input fails before any request, naming the option and what is allowed.
    for bad, message in (
            (dict(email="not an email"), "email='not an email' is not a valid email: use an email address"),
            (dict(email="dev@example.com/../../account"), "is not a valid email"),
            (dict(email="dev@example.com\n"), "is not a valid email"),
            (dict(email="dev@example.com", permissions=["deploy", "admin"]),
             "permissions[1]='admin' is not a team app permission: use any of view, deploy, operate, manage."),
            (dict(email="dev@example.com", app="Acme_Web"), "app='Acme_Web' is not a valid app name")):
        plan.fails(collaborator(**dict(dict(app="acme-web"), **bad)), message)
    plan.run()

    assert seen["after_check"] == []
    predicted = add.check["heroku_collaborator"]
    assert predicted["email"] == "dev@example.com" and predicted["id"] is None and predicted["app"] == "acme-web"
    created = add.real["heroku_collaborator"]
    assert created["email"] == "dev@example.com" and created["role"] == "collaborator" and created["permissions"] == []
    assert sorted(created) == ["app", "created_at", "email", "id", "permissions", "role", "updated_at"]
    assert add.again["heroku_collaborator"]["id"] == created["id"]
    assert add.again["diff"] == {"before": {}, "after": {}}
    # silent reached Heroku on creation: no invitation for dev, one for qa.
    assert seen["dev"]["invited"] is False and seen["qa"]["invited"] is True
    assert invited["heroku_collaborator"]["email"] == "qa@example.com"
    assert_writes(invited.writes, [("POST", "/apps/acme-web/collaborators", {"user": "qa@example.com", "silent": False})])

    everyone = dict((item["email"], item) for item in listed["heroku_collaborator_info"])
    assert sorted(everyone) == ["dev@example.com", "ops@example.com", "qa@example.com"]
    assert everyone["ops@example.com"]["role"] == "owner"
    assert [item["email"] for item in one["heroku_collaborator_info"]] == ["qa@example.com"]
    for step in (listed, one):
        assert len(step.requests) == 1 and step.writes == []

    assert remove.real["diff"]["before"]["email"] == "dev@example.com" and remove.real["heroku_collaborator"] == {}
    assert remove.real.writes[0]["path"] == "/apps/acme-web/collaborators/%s" % created["id"]
    assert "dev@example.com" not in records(sim, "acme-web")

    assert owner["msg"].startswith("DELETE /apps/acme-web/collaborators/")
    assert_writes(owner.writes, [("DELETE", COLLABORATOR_ID, None)])
    assert "failed (422 invalid_params): The app owner cannot be removed as a collaborator." in owner["msg"]
    assert owner["failure"]["request_id"] and "[request-id %s]" % owner["failure"]["request_id"] in owner["msg"]
    # Before adding, one read of the app says it has no team.
    assert new_one.calls == [("GET", "/teams/apps/acme-web/collaborators/new@example.com"),
                             ("GET", "/apps/acme-web")]


def test_team_app_permissions_as_a_set_one_patch_and_no_key_at_vvvv(sim, run_playbook):
    sim.seed_app("acme-team", team="acme")
    team = "/teams/apps/acme-team/collaborators"
    seen = {}

    def task(**args):
        # The key as an option: it must not show at -vvvv, where Ansible echoes module arguments.
        return collaborator(app="acme-team", api_key=API_KEY, **args)

    plan = Playbook(run_playbook)
    add = plan.converge(task(email="dev@example.com", permissions=["deploy"]),
                        writes=[("POST", team, {"user": "dev@example.com", "silent": False,
                                                "permissions": ["deploy", "view"]})],
                        # view is always held: listing it, in another order, twice, is the same set.
                        again_task=task(email="Dev@Example.com", permissions=["deploy", "view", "deploy"]),
                        reads=[("GET", team + "/dev@example.com")])
    change = plan.converge(task(email="dev@example.com", permissions=["operate", "deploy", "manage"]),
                           writes=[("PATCH", team + "/dev@example.com",
                                    {"permissions": ["deploy", "manage", "operate", "view"]})],
                           reads=[("GET", team + "/dev@example.com")],
                           after_real=lambda: seen.update(dev=api(sim, "GET", team + "/dev@example.com")[1]))
    # Without permissions the personal route serves the team app too, and leaves them as they are.
    untouched = plan.task(task(email="dev@example.com"), label="untouched", status="ok")
    listed = plan.task(dict(info(app="acme-team", api_key=API_KEY)), label="list", status="ok")
    # An API error carries Heroku's id, message and request id.
    plan.checkpoint(lambda: sim.inject_fault(method="PATCH", path=r"/collaborators/", status=503, count=10))
    failing = plan.task(task(email="dev@example.com", permissions=["view"], max_retries=0), label="failing",
                        status="failed", ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)

    assert add.check["heroku_collaborator"]["permissions"] == ["deploy", "view"]
    assert add.check["diff"]["after"]["permissions"] == ["deploy", "view"]
    created = add.real["heroku_collaborator"]
    assert created["permissions"] == ["deploy", "view"] and created["app"] == "acme-team"
    assert created["role"] == "collaborator"

    assert change.check["diff"] == {"before": {"permissions": ["deploy", "view"]},
                                    "after": {"permissions": ["deploy", "manage", "operate", "view"]}}
    assert change.real.calls == [("GET", team + "/dev@example.com"), ("PATCH", team + "/dev@example.com")]
    assert change.real["heroku_collaborator"]["permissions"] == ["deploy", "manage", "operate", "view"]
    assert sorted(item["name"] for item in seen["dev"]["permissions"]) == ["deploy", "manage", "operate", "view"]

    assert untouched.calls == [("GET", "/apps/acme-team/collaborators/dev@example.com")]
    assert untouched["heroku_collaborator"]["permissions"] == ["deploy", "manage", "operate", "view"]
    assert [(item["email"], item["permissions"]) for item in listed["heroku_collaborator_info"]] == [
        ("dev@example.com", ["deploy", "manage", "operate", "view"])]

    assert failing["msg"].startswith("PATCH %s/dev@example.com failed (503 service_unavailable): " % team)
    assert failing["failure"]["request_id"] and failing["failure"]["id"] == "service_unavailable"
    assert_writes(failing.writes, [("PATCH", team + "/dev@example.com", {"permissions": ["view"]})])
    assert API_KEY not in result.stdout and API_KEY not in repr(result.results)
