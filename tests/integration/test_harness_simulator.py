"""Prove the harness end to end: real ansible-playbook talking to the simulator."""

from __future__ import annotations


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
