# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generations table and the Generations word: what Fir refuses, and which options a run checks."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_generations as generations
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge, failure
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Field, Generations, Paths, Resource

# The Terraform provider's heroku_supported_features.go: what its feature matrix says Fir spaces lack, by the
# names this collection's options (and later modules') use.
TERRAFORM_FIR_SPACE = {
    "shield": "shield", "trusted_ip_ranges": "trusted_ips", "inbound_ruleset": "inbound_rules",
    "private_vpn": "vpn", "vpn_connection": "vpn", "outbound_rules": "outbound_rules",
    "private_space_logging": "log_drain_url", "outbound_ips": "outbound_ips", "peering_connection": "peering",
}


def test_fir_refuses_what_the_terraform_provider_lists_and_cedar_refuses_none_of_it():
    for ours in TERRAFORM_FIR_SPACE.values():
        assert generations.instead("fir", "space", ours), ours
        assert generations.instead("cedar", "space", ours) is None
    for option in ("buildpacks", "stack", "build_stack", "internal_routing"):
        assert generations.instead("fir", "app", option) and generations.instead("cedar", "app", option) is None
    assert "heroku_telemetry_drain" in generations.instead("fir", "log_drain", "url")
    assert "heroku_drain" in generations.instead("cedar", "telemetry_drain", "app")


def test_a_representation_names_its_generation_and_cedar_is_the_default():
    assert generations.name_of({"generation": {"id": "x", "name": "fir"}}) == "fir"
    assert generations.name_of({"generation": None}) == "cedar" and generations.name_of({}) == "cedar"
    allocated_nat = generations.has("space", "outbound_ips", state="allocated")
    assert allocated_nat({"state": "allocated", "generation": {"name": "cedar"}})
    assert not allocated_nat({"state": "allocated", "generation": {"name": "fir"}})
    assert not allocated_nat({"state": "allocating", "generation": {"name": "cedar"}})


def test_only_options_set_to_something_are_checked():
    word = Generations("app", "app")
    params = dict(name="web", buildpacks=None, stack="heroku-24", internal_routing=False, region="us")
    assert word.refused_options(params, generations.REFUSED) == ["stack"]
    assert word.refused_options(dict(params, buildpacks=[]), generations.REFUSED) == ["buildpacks", "stack"]
    drain = Generations("log_drain", "app", only_with=("state", ("present",)))
    assert drain.refused_options(dict(url="https://x", state="present"), generations.REFUSED) == ["url"]
    assert drain.refused_options(dict(url="https://x", state="absent"), generations.REFUSED) == []


# -- the runner's check, on a made-up app-like resource in a space ---------------------------------------------

class GenerationsClient:
    """Apps and spaces in memory, each with its generation; records every request."""

    def __init__(self, apps=(), spaces=()):
        self.apps = dict((item["name"], item) for item in apps)
        self.spaces = dict((item["name"], item) for item in spaces)
        self.sent = []
        self.writes_sent = 0

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        kind, name = path.strip("/").split("/")
        return copy.deepcopy((self.apps if kind == "apps" else self.spaces).get(name))

    def get(self, path):
        return self.get_or_none(path)

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        self.writes_sent += 1
        self.apps[body["name"]] = dict(id="a-" + body["name"], name=body["name"], stack=body.get("stack"))
        return copy.deepcopy(self.apps[body["name"]])

    def list(self, path):
        self.sent.append(("GET", path))
        return []


THING = Resource(
    noun="app", result_key="app", returned=dict(id=("id",), name=("name",), stack=("stack",)),
    paths=Paths(item="app.info", create="app.create"), identity="name",
    fields=(Field("stack"), Field("space", create_only=True)),
    generations=Generations("app", "app", parent="space", parent_read="space.info"),
)


def fir(name, **more):
    return dict(more, id="id-" + name, name=name, generation={"id": "g", "name": "fir"})


def converge_thing(client, check_mode=False, **params):
    task = Task(params=dict(dict(name="web", state="present", stack=None, space=None), **params),
                connect=lambda: client, check_mode=check_mode)
    try:
        return converge(THING, task)
    except HerokuError as exc:
        return dict(failure(exc, task), failed=True)


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_fir_app_refuses_before_any_write_with_the_read_it_had_anyway(check_mode):
    client = GenerationsClient(apps=[fir("web", stack=None)])
    result = converge_thing(client, check_mode, stack="heroku-24")
    assert result["failed"] and result["changed"] is False
    assert result["msg"].startswith("stack is not available on app web, a Fir app: a Fir app has no stack")
    assert client.sent == [("GET", "/apps/web")]


def test_a_cedar_app_and_a_run_without_refused_options_read_nothing_more():
    client = GenerationsClient(apps=[dict(id="id-web", name="web", stack="heroku-24", generation={"name": "cedar"})],
                               spaces=[fir("lab")])
    assert converge_thing(client, stack="heroku-24")["changed"] is False
    assert converge_thing(client, name="new", space="lab")["changed"] is True
    assert client.sent == [("GET", "/apps/web"), ("GET", "/apps/new"), ("POST", "/apps", {"name": "new", "space": "lab"})]


def test_an_answer_without_generation_is_cedar_outside_a_space_and_asks_the_app_inside_one():
    # As Heroku's team-apps answers (heroku_app's item read when locked is set): no generation in them.
    client = GenerationsClient(apps=[dict(id="id-web", name="web", stack="heroku-24", space=None)])
    assert converge_thing(client, stack="heroku-24")["changed"] is False
    assert client.sent == [("GET", "/apps/web")]
    client = GenerationsClient(apps=[dict(id="id-web", name="web", stack="heroku-24", space={"name": "lab"})])
    client.apps["id-web"] = fir("web", stack=None)
    assert converge_thing(client, stack="heroku-24")["failed"]
    assert client.sent == [("GET", "/apps/web"), ("GET", "/apps/id-web")]


def test_a_new_app_reads_its_space_only_when_a_refused_option_is_set():
    client = GenerationsClient(spaces=[fir("lab"), dict(id="id-old", name="old", generation={"name": "cedar"})])
    result = converge_thing(client, name="new", space="lab", stack="heroku-24")
    assert result["failed"] and "app new, a Fir app" in result["msg"]
    assert client.sent == [("GET", "/apps/new"), ("GET", "/spaces/lab")]
    client.sent = []
    assert converge_thing(client, name="new", space="old", stack="heroku-24")["changed"] is True
    assert client.sent[:2] == [("GET", "/apps/new"), ("GET", "/spaces/old")] and client.writes_sent == 1
