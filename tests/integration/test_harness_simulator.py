"""Prove the harness end to end: real ansible-playbook talking to the simulator."""

from __future__ import annotations

import pytest

from converge import Playbook, assert_writes
from playbook_harness import checkpoint_task
from sim_api import api


def test_uri_reads_account_from_simulator(sim, run_playbook):
    result = run_playbook([{
        "name": "read account",
        "ansible.builtin.uri": {
            "url": sim.url + "/account",
            "headers": {
                "Accept": "application/vnd.heroku+json; version=3",
                "Authorization": "Bearer {{ lookup('ansible.builtin.env', 'HEROKU_API_KEY') }}",
            },
            "return_content": True,
        },
    }])
    assert result.rc == 0, result
    task = result.task("read account")
    assert task.status == "ok"
    assert task["status"] == 200
    assert "email" in task["json"]
    assert any(r["method"] == "GET" and r["path"] == "/account" and r["status"] == 200 for r in sim.requests)


def test_wrong_key_is_rejected(sim, run_playbook):
    result = run_playbook([{
        "name": "read account",
        "ansible.builtin.uri": {
            "url": sim.url + "/account",
            "headers": {"Accept": "application/vnd.heroku+json; version=3",
                        "Authorization": "Bearer wrong"},
            "status_code": 401,
        },
    }])
    assert result.rc == 0, result
    assert result.task("read account")["json"]["id"] == "unauthorized"


def test_each_task_carries_the_requests_it_sent_and_a_checkpoint_runs_between_tasks(sim, run_playbook):
    def uri(name, method, path, **args):
        return {"name": name, "ansible.builtin.uri": dict({
            "url": sim.url + path, "method": method, "status_code": [200, 201, 422],
            "headers": {"Accept": "application/vnd.heroku+json; version=3",
                        "Authorization": "Bearer {{ lookup('ansible.builtin.env', 'HEROKU_API_KEY') }}"}}, **args)}

    seen = {}

    def between(results_so_far):
        seen["so_far"] = [r.name for r in results_so_far.results]
        seen["read"] = results_so_far.task("read").calls
        api(sim, "GET", "/apps")  # the test's own request, logged while the checkpoint task runs

    result = run_playbook([
        uri("read", "GET", "/account"),
        checkpoint_task("between"),
        uri("write", "PATCH", "/account", body_format="json", body={"beta": True}),
        {"name": "none", "ansible.builtin.debug": {"msg": "no request"}},
    ], checkpoints={"between": between})
    assert result.rc == 0, result
    assert result.task("read").calls == [("GET", "/account")] and result.task("read").writes == []
    assert [(r["method"], r["path"], r["write"]) for r in result.task("write").requests] == [("PATCH", "/account", True)]
    assert result.task("write").writes == result.task("write").requests
    assert_writes(result.task("write").writes, [("PATCH", "/account", {"beta": True})])
    assert result.task("none").requests == []
    assert seen == {"so_far": ["read"], "read": [("GET", "/account")]}
    assert result.task("__checkpoint__ between").calls == [("GET", "/apps")]


def test_converge_fails_when_the_real_run_sends_other_writes_or_bodies_than_listed(sim, run_playbook):
    # The app's create is a POST /apps of its name; a helper that let a wrong expectation pass would prove nothing.
    plan = Playbook(run_playbook)
    plan.converge({"name": "app", "herokuops.platform.heroku_app": {"name": "acme-web"}},
                  writes=[("POST", "/apps", {"name": "acme-web", "region": "eu"})])
    with pytest.raises(AssertionError, match=r"the real run's writes \[\('POST', '/apps', \{'name': 'acme-web'\}\)\] "
                                             r"are not \[\('POST', '/apps', \{'name': 'acme-web', 'region': 'eu'\}\)\]"):
        plan.run()
