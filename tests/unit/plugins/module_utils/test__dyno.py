# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What heroku_dyno and heroku_dyno_info decide without Heroku: the dyno names they take, a run's diff
(env values masked), what a finished, unfinished or crashed run reports, and which dynos a wait still waits for."""

from __future__ import annotations

import re

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._dyno import (
    DYNO as HEROKU_DYNO_SPEC, HEROKU_DYNO_INFO, behind, current_version, names, perform, plan, report,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, check_input
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import read_info as run_info
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError, HerokuInputError, HerokuStateError,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import NAMES

RUN = dict(app="acme-web", state="run", command="rake db:migrate", size="performance-m", env={"TOKEN": "s3cret", "N": 2},
           time_to_live=None, wait=True, wait_timeout=30, type=None, name=None)


@pytest.mark.parametrize("name, valid", [
    ("web.1", True), ("run.1234", True), ("worker_2.10", True), ("web-6b7f9c-x2lq7", True),
    ("web", False), ("web.", False), ("web.1/stop", False), ("../account", False), ("web.1\n", False), ("", False),
])
def test_dyno_names(name, valid):
    assert bool(NAMES["dyno"][0].fullmatch(name)) is valid


def test_a_runs_diff_shows_env_names_never_values():
    planned = plan(dict(dynos=[]), RUN)
    assert planned.changed is True
    assert planned.diff == ({}, {"run": {"command": "rake db:migrate", "size": "Performance-M",
                                         "env": {"TOKEN": "********", "N": "********"}}})


def test_a_restarts_diff_lists_the_dynos_it_reaches():
    dynos = [dict(name="web.2", state="crashed"), dict(name="web.1", state="up")]
    planned = plan(dict(dynos=dynos), dict(RUN, state="stopped"))
    assert planned.diff == ({"dynos": {"web.1": "up", "web.2": "crashed"}}, {"dynos": {"web.1": "stopped", "web.2": "stopped"}})


DYNO = dict(id="d1", name="run.1234", type="run", size="Performance-M", state="up", release=dict(version=7),
            created_at="2026-11-30T10:00:00Z")


@pytest.mark.parametrize("outcome, check_mode, finished, problem", [
    (None, True, None, None),
    (dict(dyno=DYNO), False, None, None),
    (dict(dyno=DYNO, finished=True, ran_for=3.0), False, True, None),
    (dict(dyno=DYNO, finished=False), False, False, "One-off dyno run.1234 of app acme-web was still up after 30 seconds"),
    (dict(dyno=dict(DYNO, state="crashed"), finished=True, ran_for=1.0), False, True,
     "One-off dyno run.1234 of app acme-web crashed. Heroku does not report a detached dyno's exit code"),
])
def test_what_a_run_reports(outcome, check_mode, finished, problem):
    payload, said = report(dict(dynos=[]), None, outcome, RUN, check_mode)
    run = payload["run"]
    assert run["finished"] is finished and run["command"] == "rake db:migrate"
    assert run["size"] == "Performance-M" and "s3cret" not in repr(payload)
    assert (said or "").startswith(problem or "") and bool(said) is bool(problem)
    if outcome:
        assert (run["id"], run["name"], run["release_version"]) == ("d1", "run.1234", 7)


def dyno(name, version, state="up"):
    return dict(name=name, type=name.split(".")[0], state=state, release=dict(version=version))


@pytest.mark.parametrize("dynos, waiting", [
    ([dyno("web.1", 3), dyno("web.2", 3), dyno("worker.1", 3), dyno("run.42", 1)], []),
    ([dyno("web.2", 2), dyno("web.1", 3, "starting"), dyno("worker.1", 3)], ["web.1 (v3, starting)", "web.2 (v2, up)"]),
    ([dyno("web.1", 3), dyno("worker.1", 3)], ["web: 1 of 2 dynos running"]),
])
def test_which_dynos_a_wait_waits_for(dynos, waiting):
    assert behind(dynos, {"web": 2, "worker": 1}, 3) == waiting


class Releases:
    def __init__(self, releases):
        self.releases = releases

    def list(self, path, **options):
        assert path == "/apps/acme-web/releases" and options["descending"] is True
        return self.releases


def test_the_current_release_is_not_one_still_in_its_release_phase():
    releases = [dict(version=9, status="pending", current=False), dict(version=8, status="succeeded", current=True)]
    assert current_version(Releases(releases), "acme-web") == 8
    assert current_version(Releases([dict(version=4, status="succeeded")]), "acme-web") == 4


def test_a_message_names_twenty_dynos_at_most():
    assert names([]) == "none"
    said = names([dict(name="web.%d" % n) for n in range(1, 26)])
    assert said.endswith(" and 5 more") and said.count("web.") == 20


class Sender:
    """Records what perform sends, and fails it as told."""

    def __init__(self, error=None):
        self.sent, self.error = [], error

    def request(self, method, path, body=None, retry_safe=None):
        self.sent.append((method, path, retry_safe))
        if self.error:
            raise self.error


@pytest.mark.parametrize("args, sent", [
    (dict(), ("DELETE", "/apps/acme-web/dynos")),
    (dict(type="web"), ("DELETE", "/apps/acme-web/formations/web")),
    (dict(name="web.1"), ("DELETE", "/apps/acme-web/dynos/web.1")),
    (dict(state="stopped", name="web.1"), ("POST", "/apps/acme-web/dynos/web.1/actions/stop")),
    (dict(state="stopped", type="web"), ("POST", "/apps/acme-web/formations/web/actions/stop")),
])
def test_a_restart_or_stop_is_sent_once_never_retried_on_a_lost_answer(args, sent):
    client = Sender()
    perform(client, None, None, dict(dict(RUN, state="restarted"), **args))
    assert client.sent == [sent + (False,)]


@pytest.mark.parametrize("status, says", [(None, True), (503, True), (403, False), (429, False)])
def test_a_failed_restart_says_it_may_have_happened_where_heroku_may_have_acted(status, says):
    error = HerokuAPIError("DELETE", "/apps/acme-web/dynos", status=status, message="lost")
    with pytest.raises(HerokuAPIError) as caught:
        perform(Sender(error), None, None, dict(RUN, state="restarted"))
    assert ("the dynos may have been restarted" in str(caught.value)) is says


class Formation:
    def __init__(self, dynos, formation):
        self.dynos, self.formation, self.sent = dynos, formation, []

    def list_or_none(self, path, **options):
        self.sent.append(path)
        return self.dynos

    def list(self, path, **options):
        self.sent.append(path)
        return self.formation


def read_info(client, params):
    """The dynos heroku_dyno_info returns, read through the runner."""
    return run_info(HEROKU_DYNO_INFO.spec, Task(params=params, connect=lambda: client))["heroku_dyno_info"]


@pytest.mark.parametrize("wait", [False, True])
def test_info_fails_on_a_type_the_app_lacks(wait):
    # The formation's types and the running one-off dynos' count.
    client = Formation([dyno("web.1", 3), dyno("run.42", 3)], [dict(type="web", quantity=1), dict(type="clock", quantity=0)])
    with pytest.raises(HerokuInputError, match=re.escape("type=wrker: app acme-web has no such process type. Its "
                                                         "process types: clock, run, web.")):
        read_info(client, dict(app="acme-web", type="wrker", wait=wait, wait_timeout=0))
    assert client.sent == ["/apps/acme-web/dynos", "/apps/acme-web/formation"]


def test_info_of_a_type_scaled_to_zero_does_not_fail():
    client = Formation([dyno("web.1", 3)], [dict(type="web", quantity=1), dict(type="clock", quantity=0)])
    assert read_info(client, dict(app="acme-web", type="clock", wait=False, wait_timeout=0)) == []
    assert client.sent == ["/apps/acme-web/dynos", "/apps/acme-web/formation"]


def test_info_reads_no_formation_for_a_type_with_dynos_listed():
    client = Formation([dyno("web.1", 3)], [])
    assert [item["name"] for item in read_info(client, dict(app="acme-web", type="web", wait=False, wait_timeout=0))] == [
        "web.1"]
    assert client.sent == ["/apps/acme-web/dynos"]


def test_info_waits_for_the_formations_dynos_only():
    client = Formation([dyno("web.1", 3), dyno("run.42", 3)], [dict(type="web", quantity=1)])
    with pytest.raises(HerokuInputError, match=re.escape("type=run: wait=true waits for the dynos of a process "
                                                         "type in app acme-web's formation (web); one-off dynos")):
        read_info(client, dict(app="acme-web", type="run", wait=True, wait_timeout=0))


def test_info_refuses_to_wait_on_an_app_without_process_types():
    with pytest.raises(HerokuStateError, match="wait: app acme-web has no process type to wait for"):
        read_info(Formation([], []), dict(app="acme-web", type=None, wait=True, wait_timeout=0))


def test_info_shows_the_dynos_of_the_type_asked_for_by_name():
    client = Formation([dyno("web.2", 3), dyno("worker.1", 3), dyno("web.1", 2, "starting")], [])
    items = read_info(client, dict(app="acme-web", type="web", wait=False, wait_timeout=0))
    assert [(item["name"], item["release_version"], item["state"]) for item in items] == [
        ("web.1", 2, "starting"), ("web.2", 3, "up")]
    assert list(items[0]) == ["name", "type", "state", "size", "command", "release_version", "created_at",
                              "updated_at", "id"]


@pytest.mark.parametrize("options, option, message", [
    (dict(state="run", type="web"), "type", "type is for state=restarted and state=stopped"),
    (dict(state="restarted", wait=True), "wait", "wait is only for state=run"),
    (dict(state="stopped", name="web.1", command="x", wait=False), "command",
     "command is only for state=run (a one-off dyno); this task has state=stopped."),
    (dict(state="restarted", time_to_live=0, wait=False), "time_to_live", "time_to_live=0 is out of range"),
    (dict(size="huge"), "size", "size='huge' is not a Heroku dyno size. Use one of: "),
    (dict(env={"BAD-NAME": "x"}), "env", "env: the name 'BAD-NAME' is not an environment variable name"),
    (dict(env={"A": None}), "env", "env.A must be a string, a number or a boolean."),
    (dict(time_to_live=86401), "time_to_live", "time_to_live=86401 is out of range: use from 1 to 86400 seconds"),
])
def test_input_checks_name_the_option(options, option, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(HEROKU_DYNO_SPEC, dict(RUN, **options))
    assert raised.value.option == option and str(raised.value).startswith(message)
    assert "s3cret" not in str(raised.value)


def test_a_run_checks_out():
    check_input(HEROKU_DYNO_SPEC, dict(RUN, size="PERFORMANCE-M", time_to_live=86400))
