"""Self-tests of the integration harness that need no simulator.

The module-level ``sim`` fixture overrides the real one with a stub, so these
prove the playbook runner and the recording callback on their own.
"""

from __future__ import annotations

import types

import pytest


@pytest.fixture
def sim():
    return types.SimpleNamespace(url="http://127.0.0.1:9")


def test_records_status_and_result_of_each_task(run_playbook):
    result = run_playbook([
        {"name": "unchanged", "ansible.builtin.debug": {"msg": "hello"}},
        {"name": "changed", "ansible.builtin.command": "true", "changed_when": True},
        {"name": "skipped", "ansible.builtin.debug": {"msg": "never"}, "when": False},
        {"name": "failed", "ansible.builtin.fail": {"msg": "boom"}, "ignore_errors": True},
    ])
    assert result.rc == 0, result
    assert [(r.name, r.status) for r in result.results] == [
        ("unchanged", "ok"), ("changed", "changed"), ("skipped", "skipped"), ("failed", "failed")]
    assert result.task("unchanged")["msg"] == "hello"
    assert result.task("failed").ignore_errors
    assert result.task("failed")["msg"] == "boom"
    assert result.changed
    assert [t.name for t in result.failed_tasks] == ["failed"]
    assert "PLAY RECAP" in result.stdout
    # No simulator listens at the stub's URL: the requests are not recorded, and saying so beats an empty list.
    assert result.task("unchanged").requests_recorded is None
    with pytest.raises(AssertionError, match="were not recorded"):
        result.task("unchanged").writes


def test_environment_check_mode_and_extra_vars(run_playbook):
    yaml_tasks = """
    - name: read env
      ansible.builtin.set_fact:
        url: "{{ lookup('ansible.builtin.env', 'HEROKU_API_URL') }}"
        key: "{{ lookup('ansible.builtin.env', 'HEROKU_API_KEY', default='unset') }}"
        extra: "{{ my_var }}"
        in_check: "{{ ansible_check_mode }}"
    """
    result = run_playbook(yaml_tasks, check=True, extra_vars={"my_var": "x"}, env={"HEROKU_API_KEY": None})
    assert result.rc == 0, result
    facts = result.task("read env")["ansible_facts"]
    assert facts == {"url": "http://127.0.0.1:9", "key": "unset", "extra": "x", "in_check": True}


def test_failing_play_reports_rc_and_missing_task(run_playbook):
    result = run_playbook([{"name": "stop here", "ansible.builtin.fail": {"msg": "nope"}}])
    assert result.rc != 0
    assert result.task("stop here").failed
    with pytest.raises(KeyError, match="stop here"):
        result.task("not there")


def test_collection_resolves_by_fqcn(run_playbook):
    # A module of this collection must resolve through the symlinked collections path;
    # missing required options fail inside the module, which proves it was found.
    result = run_playbook([{"name": "resolve", "herokuops.platform.heroku_app_info": {"name": "x"},
                            "ignore_errors": True}], env={"HEROKU_API_KEY": None})
    assert "couldn't resolve module/action" not in result.output, result
    assert result.task("resolve").action == "herokuops.platform.heroku_app_info"


def test_scratch_home_and_unset_env(run_playbook, tmp_path):
    result = run_playbook([
        {"name": "read env", "ansible.builtin.set_fact": {
            "home": "{{ lookup('ansible.builtin.env', 'HOME') }}",
            "key": "{{ lookup('ansible.builtin.env', 'HEROKU_API_KEY', default='unset') }}"}},
    ], unset_env=["HEROKU_API_KEY"])
    assert result.rc == 0, result
    facts = result.task("read env")["ansible_facts"]
    assert facts["key"] == "unset"
    assert facts["home"].startswith(str(tmp_path)), facts["home"]


def test_stdout_includes_stderr(run_playbook):
    # Ansible prints warnings on stderr; leak checks on result.stdout must see them too.
    result = run_playbook("""
    - hosts: no-such-host-marker
      gather_facts: false
      tasks: []
    """)
    assert result.rc == 0, result
    assert "Could not match supplied host pattern" in result.stdout and "no-such-host-marker" in result.stdout


def test_converge_matches_requests_by_method_and_path_or_regex():
    import re

    from converge import ANY_PATH, _match_all, _match_in_order

    records = [{"method": "PATCH", "path": "/apps/1"}, {"method": "PUT", "path": "/apps/1/buildpack-installations"}]
    assert _match_all([("PUT", "/apps/1/buildpack-installations"), ("PATCH", re.compile(r"/apps/\d+"))], records)
    assert not _match_in_order([("PUT", "/apps/1/buildpack-installations"), ("PATCH", "/apps/1")], records)
    assert _match_in_order([("PATCH", "/apps/1"), ("PUT", ANY_PATH)], records)
    assert not _match_all([("PATCH", ANY_PATH)], records)  # every request must be listed
    assert not _match_all([("PATCH", ANY_PATH), ("PATCH", ANY_PATH)], records)
    assert not _match_all([("PATCH", re.compile(r"/apps"))], records[:1])  # a regex matches the whole path


def test_converge_compares_the_body_of_each_write_exactly_but_for_matchers():
    import re

    from converge import ANY, UUID, Matcher, _match_all, body_matches, in_any_order

    sent = {"name": "acme-web", "region": "eu", "owner": {"id": "3eda1f89-7fec-45ac-93fb-c892b68e46d1"},
            "features": [{"name": "preboot", "enabled": True}], "quantity": 1, "note": None}
    assert body_matches(dict(sent), sent)
    assert body_matches(dict(sent, owner={"id": UUID}, region=ANY, quantity=Matcher(lambda n: n > 0, "positive")), sent)
    assert not body_matches(dict(sent, extra=None), sent)  # a key not sent
    assert not body_matches({key: value for key, value in sent.items() if key != "note"}, sent)  # a key sent unlisted
    assert not body_matches(dict(sent, features=[{"name": "preboot", "enabled": 1}]), sent)  # true is not 1
    assert not body_matches(dict(sent, quantity=True), sent)
    assert not body_matches(dict(sent, quantity="1"), sent)
    assert not body_matches(dict(sent, region=re.compile("e")), sent)  # a regex matches the whole string
    assert body_matches([1, 2], [1, 2]) and not body_matches([2, 1], [1, 2])  # lists in order
    assert body_matches(in_any_order([2, 1]), [1, 2]) and not body_matches(in_any_order([1, 1]), [1, 2])
    assert body_matches(None, None) and not body_matches(None, {}) and not body_matches({}, None)

    records = [{"method": "POST", "path": "/apps", "body": {"name": "acme-web"}},
               {"method": "DELETE", "path": "/apps/1", "body": None}]
    assert _match_all([("DELETE", "/apps/1", None), ("POST", "/apps", {"name": "acme-web"})], records)
    assert not _match_all([("DELETE", "/apps/1", None), ("POST", "/apps", {"name": "acme-shop"})], records)
    assert not _match_all([("DELETE", "/apps/1", {}), ("POST", "/apps", {"name": "acme-web"})], records)


def test_an_expected_write_without_its_body_fails_and_says_to_add_it(run_playbook):
    from converge import Playbook, assert_writes

    task = {"name": "app", "herokuops.platform.heroku_app": {"name": "acme-web"}}
    with pytest.raises(AssertionError, match=r"the expected write \('POST', '/apps'\) has no body: add it"):
        Playbook(run_playbook).converge(task, writes=[("POST", "/apps")])
    with pytest.raises(AssertionError, match="has no body: add it"):
        assert_writes([], [("DELETE", "/apps/1")])
    with pytest.raises(AssertionError, match=r"the writes sent \[\('POST', '/apps', \{'name': 'acme-web'\}\)\] are not"):
        assert_writes([{"method": "POST", "path": "/apps", "body": {"name": "acme-web"}}],
                      [("POST", "/apps", {"name": "acme-shop"})])
