# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory's compliance groups: who is in each, which reads each group costs, and what an unknown fact does."""

from __future__ import annotations

import datetime

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_compliance as compliance
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError

EVERY = compliance.wanted_groups(["all"])


class FakeClient:
    """Heroku's answers by path (a missing path: 404, so None from the *_or_none reads); records every read."""

    def __init__(self, answers):
        self.answers = answers
        self.sent = []

    def list(self, path, **_options):
        self.sent.append(path)
        return self.answers[path]

    def list_or_none(self, path, **_options):
        self.sent.append(path)
        return self.answers.get(path)

    def get_or_none(self, path):
        self.sent.append(path)
        return self.answers.get(path)


def host(name, **hostvars):
    base = dict(heroku_id="id-" + name, heroku_name=name, heroku_stack="heroku-24", heroku_owner="ops@example.com",
                heroku_acm=True, heroku_maintenance=False, heroku_generation="cedar", heroku_space=None)
    return dict(name=name, vars=dict(base, **hostvars))


def test_the_option_values_name_the_groups_in_one_order():
    assert compliance.wanted_groups(None) == compliance.wanted_groups([]) == ()
    assert compliance.wanted_groups(["generation", "no_acm", "no_acm"]) == ("no_acm", "generation")
    assert compliance.wanted_groups(["maintenance", "all"]) == EVERY == tuple(compliance.GROUPS)
    assert set(compliance.CHOICES) == set(compliance.GROUPS) | {"all"}


@pytest.mark.parametrize("hostvars, groups", [
    # Every fact read and fine: the generation's group only.
    (dict(heroku_acm=True, heroku_stack_state="public", heroku_log_drain_count=2, heroku_maintenance=False,
          heroku_collaborators=["bob@example.com"], heroku_formation={"web": {"size": "Basic", "quantity": 1}}),
     ["generation_cedar"]),
    # Every fact wrong: every group. A retired size scaled to 0 still counts; sizes compare case-insensitively.
    (dict(heroku_acm=False, heroku_stack_state="deprecated", heroku_log_drain_count=0, heroku_maintenance=True,
          heroku_collaborators=[], heroku_generation="fir",
          heroku_formation={"web": {"size": "Basic", "quantity": 1}, "worker": {"size": "FREE", "quantity": 0}}),
     ["compliance_no_acm", "compliance_stack_deprecated", "compliance_no_log_drain", "compliance_maintenance",
      "compliance_no_collaborators", "compliance_legacy_dyno_size", "generation_fir"]),
    # Unknown facts (an app deleted while read, a stack the list does not hold): in no group they make.
    (dict(heroku_acm=None, heroku_stack_state=None, heroku_log_drain_count=None, heroku_maintenance=None,
          heroku_collaborators=None, heroku_formation=None, heroku_generation=None), []),
    # Beta or public is not deprecated; a formation without process types names no size.
    (dict(heroku_stack_state="beta", heroku_formation={}), ["generation_cedar"]),
])
def test_groups_of_an_app(hostvars, groups):
    assert compliance.groups_of(host("a", **hostvars)["vars"], EVERY) == groups


def test_only_the_groups_asked_for_and_the_legacy_sizes_given():
    hostvars = host("a", heroku_acm=False, heroku_maintenance=True,
                    heroku_formation={"web": {"size": "Standard-1X", "quantity": 1}})["vars"]
    assert compliance.groups_of(hostvars, ("maintenance",)) == ["compliance_maintenance"]
    assert compliance.groups_of(hostvars, ()) == []
    assert compliance.groups_of(hostvars, ("legacy_dyno_size",)) == []
    assert compliance.groups_of(hostvars, ("legacy_dyno_size",), ["standard-1x"]) == ["compliance_legacy_dyno_size"]


@pytest.mark.parametrize("sizes, message", [
    ([], "sizes is empty: name the retired dyno sizes, such as free, hobby."),
    (None, "sizes is empty"),
    (["free", ""], "sizes[1]='' is not a dyno size name: use a name such as free, hobby."),
    (["free "], "sizes[0]='free ' is not a dyno size name"),
    ([3], "sizes[0]=3 is not a dyno size name"),
])
def test_legacy_sizes_that_would_make_a_silent_group_fail(sizes, message):
    with pytest.raises(HerokuInputError) as caught:
        compliance.check_legacy_sizes("sizes", sizes)
    assert str(caught.value).startswith(message) and caught.value.option == "sizes"
    compliance.check_legacy_sizes("sizes", ["free", "Performance-M"])


def test_each_group_reads_only_what_it_needs():
    hosts = [host("a", heroku_stack="heroku-22"), host("gone")]
    answers = {"/stacks": [{"name": "heroku-22", "state": "deprecated"}, {"name": "heroku-24", "state": "public"}],
               "/apps/id-a/log-drains": [{"id": "d1", "url": "syslog://logs.example.com"}],
               "/apps/id-a/collaborators": [{"user": {"email": "OPS@example.com"}}, {"user": {"email": "bob@example.com"}}],
               "/apps/id-a/formation": [{"type": "web", "size": "Hobby", "dyno_size": {"name": "Hobby"}, "quantity": 1},
                                        {"type": "worker", "size": "Basic", "dyno_size": None, "quantity": 0}]}
    client = FakeClient(answers)
    compliance.read_facts(client, hosts, ("no_acm", "maintenance", "generation"))
    assert client.sent == []
    assert [sorted(h[compliance.READ_KEY]) for h in hosts] == [["generation", "maintenance", "no_acm"]] * 2
    compliance.read_facts(client, hosts, ("stack_deprecated",))
    assert client.sent == ["/stacks"]
    assert [h["vars"]["heroku_stack_state"] for h in hosts] == ["deprecated", "public"]

    client.sent = []
    compliance.read_facts(client, hosts, EVERY)
    assert client.sent == ["/stacks", "/apps/id-a/log-drains", "/apps/id-gone/log-drains", "/apps/id-a/collaborators",
                           "/apps/id-gone/collaborators", "/apps/id-a/formation", "/apps/id-gone/formation"]
    a, gone = hosts[0]["vars"], hosts[1]["vars"]
    # The owner is left out whatever the case of its email; a size from dyno_size, else the deprecated size.
    assert (a["heroku_log_drain_count"], a["heroku_collaborators"]) == (1, ["bob@example.com"])
    assert a["heroku_formation"] == {"web": {"size": "Hobby", "quantity": 1}, "worker": {"size": "Basic", "quantity": 0}}
    # An app deleted between the list and its reads: its facts are unknown, not "none".
    assert [gone[key] for key in ("heroku_log_drain_count", "heroku_collaborators", "heroku_formation")] == [None] * 3
    assert compliance.groups_of(gone, EVERY) == ["generation_cedar"]
    assert compliance.covers(hosts, EVERY) and not compliance.covers(hosts + [host("new")], ("maintenance",))
    assert compliance.covers([], EVERY)


def test_a_fir_apps_logs_go_through_telemetry_drains_with_the_logs_signal_its_own_or_its_spaces():
    fir = dict(heroku_generation="fir")
    hosts = [host("own", heroku_space="s1", **fir), host("metrics", heroku_space="s1", **fir),
             host("spaced", heroku_space="s2", **fir), host("also-spaced", heroku_space="s2", **fir)]
    answers = {"/apps/id-own/telemetry-drains": [{"signals": ["traces", "logs"]}],
               "/apps/id-metrics/telemetry-drains": [{"signals": ["metrics"]}],
               "/apps/id-spaced/telemetry-drains": [], "/apps/id-also-spaced/telemetry-drains": [],
               "/spaces/s1/telemetry-drains": [{"signals": ["traces"]}], "/spaces/s2/telemetry-drains": [{"signals": ["logs"]}]}
    client = FakeClient(answers)
    compliance.read_facts(client, hosts, ("no_log_drain",))
    assert [h["vars"]["heroku_log_drain_count"] for h in hosts] == [1, 0, 1, 1]
    # A space's drains are read once for all its apps, before them.
    assert client.sent == ["/spaces/s1/telemetry-drains", "/spaces/s2/telemetry-drains", "/apps/id-own/telemetry-drains",
                           "/apps/id-metrics/telemetry-drains", "/apps/id-spaced/telemetry-drains",
                           "/apps/id-also-spaced/telemetry-drains"]


def test_team_apps_take_acm_and_generation_from_the_accounts_list_then_from_the_app():
    # /teams/{team}/apps items have neither: shape() left them None.
    hosts = [host("listed", heroku_acm=None, heroku_generation=None), host("unjoined", heroku_acm=None, heroku_generation=None),
             host("gone", heroku_acm=None, heroku_generation=None)]
    client = FakeClient({"/apps": [{"id": "id-listed", "acm": False, "generation": {"name": "cedar"}}],
                         "/apps/id-unjoined": {"id": "id-unjoined", "acm": True, "generation": {"name": "fir"}}})
    compliance.read_facts(client, hosts, ("no_acm",), teams=True)
    assert client.sent == ["/apps", "/apps/id-unjoined", "/apps/id-gone"]
    assert [(h["vars"]["heroku_acm"], h["vars"]["heroku_generation"]) for h in hosts] == [
        (False, "cedar"), (True, "fir"), (None, None)]
    assert [compliance.groups_of(h["vars"], EVERY) for h in hosts] == [
        ["compliance_no_acm", "generation_cedar"], ["generation_fir"], []]
    # Without teams, or for groups that need neither, the app list's own values stand.
    client.sent = []
    compliance.read_facts(client, hosts, ("no_acm",))
    compliance.read_facts(client, hosts, ("maintenance",), teams=True)
    assert client.sent == []


@pytest.mark.parametrize("stack, dates, end", [
    # Heroku's stack update policy: Ubuntu NN.04's five years of standard support, to April 30 of year NN+5.
    ("heroku-18", {}, "2023-04-30"), ("heroku-20", {}, "2025-04-30"), ("heroku-22", {}, "2027-04-30"),
    ("heroku-24", {}, "2029-04-30"),
    # The user's dates first; a stack of another name has none unless given.
    ("heroku-22", {"heroku-22": "2027-05-01"}, "2027-05-01"), ("cedar-14", {}, None),
    ("cedar-14", {"cedar-14": "2020-11-02"}, "2020-11-02"), (None, {}, None), ("heroku-2", {}, None),
])
def test_the_end_of_life_of_a_stack(stack, dates, end):
    assert compliance.stack_end_of_life(stack, dates) == end


def test_an_app_is_in_the_end_of_life_group_within_the_days_asked_or_past_them():
    today = datetime.date(2026, 12, 6)
    eol = compliance.STACK_END_OF_LIFE
    wanted = ("stack_end_of_life",)
    # heroku-22's end, 2027-04-30, is 145 days away: in the group from 145 days on, not at 144.
    assert compliance.end_of_life_horizon(145, today) == "2027-04-30"
    near = host("a", **{eol: "2027-04-30"})["vars"]
    assert compliance.groups_of(near, wanted, end_of_life_horizon=compliance.end_of_life_horizon(145, today)) == [
        "compliance_stack_end_of_life"]
    assert compliance.groups_of(near, wanted, end_of_life_horizon=compliance.end_of_life_horizon(144, today)) == []
    # Past its end with 0 days; an unknown end, or the group not asked for: none.
    past = host("b", **{eol: "2025-04-30"})["vars"]
    assert compliance.groups_of(past, wanted, end_of_life_horizon=compliance.end_of_life_horizon(0, today)) == [
        "compliance_stack_end_of_life"]
    assert compliance.groups_of(host("c", **{eol: None})["vars"], wanted, end_of_life_horizon="2099-01-01") == []
    assert compliance.groups_of(past, ("maintenance",), end_of_life_horizon="2099-01-01") == []


def test_end_of_life_options_are_checked_before_any_request():
    # Unquoted in YAML a date comes as a date, quoted as text: both taken, as ISO text.
    assert compliance.check_end_of_life("dates", {"heroku-22": datetime.date(2027, 5, 1), "cedar-14": "2020-11-02"},
                                        "days", 0) == {"heroku-22": "2027-05-01", "cedar-14": "2020-11-02"}
    assert compliance.check_end_of_life("dates", None, "days", 30) == {}
    for dates, days, option, message in (
            ({}, -1, "days", "days=-1: give a number of days from 0"),
            ({"heroku-22": "April 2027"}, 30, "dates", "dates[heroku-22]='April 2027' is not a date: write it as YYYY-MM-DD")):
        with pytest.raises(HerokuInputError) as caught:
            compliance.check_end_of_life("dates", dates, "days", days)
        assert str(caught.value).startswith(message) and caught.value.option == option
