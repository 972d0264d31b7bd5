# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_diff's comparison as a table: each kind of difference and its status, what ``expected`` matches, the
stages a pipeline compares, the input checks, and config values that never outlive the read."""

from __future__ import annotations

import copy
import re

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils import _diff
from ansible_collections.herokuops.platform.plugins.module_utils._diff import (
    DIFF, compare, differences, digest, is_expected, snapshot, stage_pairs)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, check_input, run
from ansible_collections.herokuops.platform.plugins.modules import heroku_diff

SALT = b"s" * 32


def app(name="shop-staging", **changes):
    """A snapshot as ``snapshot`` makes it."""
    found = dict(name=name, generation="cedar", region="us", space=None, stack="heroku-24",
                 buildpacks=["heroku/nodejs", "heroku/python"], config={"SHARED": digest(SALT, "one")},
                 addons={"heroku-postgresql": "heroku-postgresql:essential-0"}, features=["preboot"],
                 formation={"web": dict(size="Standard-1X", quantity=1)}, custom_domains=1, log_drains=1,
                 telemetry_drains=0)
    found.update(changes)
    return found


def rows(a, b):
    return [(d["kind"], d["key"], d["status"], d.get("a"), d.get("b")) for d in differences(a, b)]


@pytest.mark.parametrize("changes, expected", [
    (dict(), []),
    (dict(generation="fir"), [("generation", "generation", "differs", "cedar", "fir")]),
    (dict(region="eu"), [("region", "region", "differs", "us", "eu")]),
    (dict(space="acme"), [("space", "space", "differs", None, "acme")]),
    (dict(stack="heroku-22"), [("stack", "stack", "differs", "heroku-24", "heroku-22")]),
    # Buildpacks run in order: the same ones the other way round differ.
    (dict(buildpacks=["heroku/python", "heroku/nodejs"]),
     [("buildpacks", "buildpacks", "differs", ["heroku/nodejs", "heroku/python"], ["heroku/python", "heroku/nodejs"])]),
    (dict(addons={"heroku-postgresql": "heroku-postgresql:standard-0", "heroku-redis": "heroku-redis:mini"}),
     [("addon", "heroku-postgresql", "differs", "heroku-postgresql:essential-0", "heroku-postgresql:standard-0"),
      ("addon", "heroku-redis", "only_in_b", None, "heroku-redis:mini")]),
    (dict(addons={}), [("addon", "heroku-postgresql", "only_in_a", "heroku-postgresql:essential-0", None)]),
    (dict(features=["http-session-affinity"]), [("feature", "http-session-affinity", "only_in_b", False, True),
                                                ("feature", "preboot", "only_in_a", True, False)]),
    # Heroku spells a size as it was asked: the same size in another case is no difference.
    (dict(formation={"web": dict(size="standard-1x", quantity=1)}), []),
    (dict(formation={"web": dict(size="Performance-M", quantity=4)}),
     [("dyno_size", "web", "differs", "Standard-1X", "Performance-M"), ("dyno_quantity", "web", "differs", 1, 4)]),
    (dict(formation={"web": dict(size="Standard-1X", quantity=1), "worker": dict(size="Basic", quantity=0)}),
     [("process_type", "worker", "only_in_b", None, dict(size="Basic", quantity=0))]),
    (dict(custom_domains=0, log_drains=0, telemetry_drains=2),
     [("custom_domains", "custom_domains", "differs", 1, 0), ("log_drains", "log_drains", "differs", 1, 0),
      ("telemetry_drains", "telemetry_drains", "differs", 0, 2)]),
])
def test_each_kind_of_difference(changes, expected):
    assert rows(app(), app("shop-web", **changes)) == expected


def test_config_vars_compare_by_digest_and_show_no_value():
    a = app(config={"SAME": digest(SALT, "v"), "DIFFERS": digest(SALT, "1"), "A_ONLY": digest(SALT, "x"),
                    "NULL": digest(SALT, "")})
    b = app("shop-web", config={"SAME": digest(SALT, "v"), "DIFFERS": digest(SALT, "2"), "B_ONLY": digest(SALT, "x"),
                                "NULL": digest(SALT, None)})
    pair = compare(a, b, None, None, ["DIFFERS"])
    assert pair["config"] == {"A_ONLY": "only_in_a", "B_ONLY": "only_in_b", "DIFFERS": "differs", "NULL": "differs",
                              "SAME": "same"}
    assert pair["differences"] == [
        dict(kind="config", key="A_ONLY", status="only_in_a", expected=False),
        dict(kind="config", key="B_ONLY", status="only_in_b", expected=False),
        dict(kind="config", key="DIFFERS", status="differs", expected=True),
        dict(kind="config", key="NULL", status="differs", expected=False),
    ]
    assert pair["summary"] == ("shop-staging vs shop-web: drift: 3 unexpected differences (config A_ONLY only_in_a, "
                               "config B_ONLY only_in_b, config NULL differs); 1 expected (config DIFFERS).")
    assert (pair["drift"], pair["unexpected"], pair["expected"]) == (True, 3, 1)


@pytest.mark.parametrize("entry, kind, key, matches", [
    ("DATABASE_URL", "config", "DATABASE_URL", True),
    ("DATABASE_URL", "config", "DATABASE_URL_2", False),
    ("HEROKU_*", "config", "HEROKU_APP_NAME", True),
    ("heroku_*", "config", "HEROKU_APP_NAME", False),          # case counts, as in config var names
    ("dyno_quantity", "dyno_quantity", "web", True),           # a kind: every key of it
    ("dyno_size:worker", "dyno_size", "worker", True),
    ("dyno_size:worker", "dyno_size", "web", False),
    ("web", "dyno_size", "web", True),                         # a key of any kind
    ("stack", "stack", "stack", True),
    ("*", "telemetry_drains", "telemetry_drains", True),
])
def test_what_expected_matches(entry, kind, key, matches):
    assert is_expected(dict(kind=kind, key=key), [entry]) is matches


def test_a_pair_with_only_expected_differences_has_no_drift_and_no_differences_says_so():
    pair = compare(app(), app("shop-web", stack="heroku-22"), "staging", "production", ["stack"])
    assert (pair["drift"], pair["unexpected"], pair["expected"], pair["a_stage"]) == (False, 0, 1, "staging")
    assert pair["summary"] == "shop-staging vs shop-web: no drift; 1 expected (stack)."
    assert compare(app(), app("shop-web"), None, None, [])["summary"] == "shop-staging vs shop-web: no differences."


def couplings(**stages):
    return [dict(app=dict(id=app_id), stage=stage) for stage, apps in stages.items() for app_id in apps]


@pytest.mark.parametrize("stage, held, expected", [
    (None, dict(development=["d"], staging=["s"], production=["p1", "p2"]),
     [(("development", ["d"]), ("staging", ["s"])), (("staging", ["s"]), ("production", ["p1", "p2"]))]),
    # No staging app: development compares with production, the next stage that holds apps.
    (None, dict(development=["d"], production=["p"]), [(("development", ["d"]), ("production", ["p"]))]),
    ("development", dict(development=["d"], production=["p"]), [(("development", ["d"]), ("production", ["p"]))]),
    ("staging", dict(development=["d"], staging=["s"], production=["p"]), [(("staging", ["s"]), ("production", ["p"]))]),
    # Review apps are never compared.
    (None, dict(review=["r"], staging=["s"], production=["p"]), [(("staging", ["s"]), ("production", ["p"]))]),
])
def test_the_stages_compared(stage, held, expected):
    assert stage_pairs(dict(pipeline="shop", stage=stage), couplings(**held)) == expected


@pytest.mark.parametrize("stage, held, message", [
    (None, dict(production=["p"]), "Pipeline shop has apps in the production stage only: two stages with apps are needed"),
    (None, dict(review=["r"]), "Pipeline shop has apps in no stage: two stages with apps are needed"),
    ("staging", dict(development=["d"], production=["p"]), "Pipeline shop has no apps in the staging stage."),
    ("staging", dict(staging=["s"]), "Pipeline shop has no apps in the stages after staging to compare them with."),
])
def test_stages_that_cannot_be_compared(stage, held, message):
    with pytest.raises(HerokuStateError, match="^" + message):
        stage_pairs(dict(pipeline="shop", stage=stage), couplings(**held))


def params(**options):
    return dict(dict(apps=None, pipeline=None, stage=None, expected=[], concurrency=1), **options)


@pytest.mark.parametrize("options, message", [
    (dict(apps=["shop-web"]), "apps must name two apps to compare, not 1."),
    (dict(apps=["a-web", "b-web", "c-web"]), "apps must name two apps to compare, not 3."),
    (dict(apps=["shop-web", "shop-web"]), "apps names shop-web twice: name two different apps."),
    (dict(apps=["shop-web", "Shop"]), "apps[1]='Shop' is not a valid app name"),
    (dict(pipeline="shop", stage="staging", apps=None, expected=[]), None),
    (dict(apps=["shop-web", "shop-eu"], stage="staging"), "stage names a stage of a pipeline: set pipeline too"),
])
def test_input_checked_before_any_request(options, message):
    if message is None:
        check_input(DIFF, params(**options))
        return
    with pytest.raises(HerokuInputError) as raised:
        check_input(DIFF, params(**options))
    assert str(raised.value).startswith(message)
    assert raised.value.option.startswith(("apps", "stage"))


class Client:
    """Answers the reads of two apps from a table, recording each; refuses anything else."""

    def __init__(self, answers):
        self.answers, self.sent = answers, []

    def get(self, where):
        self.sent.append(where)
        return copy.deepcopy(self.answers[where])

    get_or_none = get

    def list(self, where):
        return self.get(where)


def cedar(name, config):
    base = "/apps/" + name
    return {base: dict(id="id-" + name, name=name, generation=dict(name="cedar"), region=dict(name="us"), space=None,
                       stack=dict(name="heroku-24")),
            base + "/config-vars": config, base + "/addons": [], base + "/buildpack-installations": [],
            base + "/features": [dict(name="preboot", enabled=True), dict(name="spaces-dns-discovery", enabled=False)],
            base + "/formation": [dict(type="web", size="Basic", quantity=1)],
            base + "/domains": [dict(kind="heroku"), dict(kind="custom")], base + "/log-drains": []}


def test_a_run_reads_each_aspect_once_changes_nothing_and_returns_no_value():
    client = Client(dict(cedar("shop-staging", {"TOKEN": "Planted-Value-1", "SAME": "Planted-Value-2"}),
                         **cedar("shop-web", {"TOKEN": "Planted-Value-3", "SAME": "Planted-Value-2"})))
    result = run(DIFF, Task(params=params(apps=["shop-staging", "shop-web"]), connect=lambda: client, check_mode=True,
                            diff=True))
    assert result["changed"] is False and result["diff"] == {"before": {}, "after": {}}
    pair, = result["heroku_diff"]["pairs"]
    assert pair["config"] == {"SAME": "same", "TOKEN": "differs"}
    assert pair["differences"] == [dict(kind="config", key="TOKEN", status="differs", expected=False)]
    assert "Planted-Value" not in repr(result)
    assert result["heroku_diff"]["unused_expected"] == []
    misspelt = run(DIFF, Task(params=params(apps=["shop-staging", "shop-web"], expected=["TOKEN", "TOKN", "dyno_*"]),
                              connect=lambda: Client(client.answers)))
    assert misspelt["heroku_diff"]["unused_expected"] == ["TOKN", "dyno_*"]
    assert misspelt["heroku_diff"]["drift"] is False
    assert len(client.sent) == len(set(client.sent)) == 16


def test_a_snapshot_holds_digests_only_and_each_run_has_its_own_salt():
    client = Client(cedar("shop-web", {"TOKEN": "Planted-Value-1"}))
    first = snapshot(client, client.get("/apps/shop-web"), SALT)
    assert "Planted-Value" not in repr(first)
    assert first["config"]["TOKEN"] == digest(SALT, "Planted-Value-1") != digest(b"t" * 32, "Planted-Value-1")
    assert (first["custom_domains"], first["features"], first["log_drains"]) == (1, ["preboot"], 0)

    # The salt is drawn afresh by every run: one value's digests of two runs differ, and mean nothing outside them.
    def token_digest():
        state = _diff.read(Client(dict(cedar("shop-staging", {"TOKEN": "Planted-Value-1"}), **cedar("shop-web", {}))),
                           params(apps=["shop-staging", "shop-web"]))
        return state["pairs"][0][0]["config"]["TOKEN"]

    first_run, second_run = token_digest(), token_digest()
    assert first_run != second_run


def test_the_documentation_lists_every_kind_in_order():
    listed = re.search(r'The kinds: (.*?)\."', heroku_diff.DOCUMENTATION, re.S).group(1)
    assert tuple(re.findall(r"V\((\w+)\)", listed)) == _diff.KINDS
    # Every kind a comparison of two wholly different apps finds, in that order.
    found = differences(app(), app("shop-web", generation="fir", region="eu", space="acme", stack="heroku-22", buildpacks=[],
                                   config={}, addons={}, features=[], formation={"worker": dict(size="Basic", quantity=1)},
                                   custom_domains=0, log_drains=0, telemetry_drains=1))
    both = differences(app(formation={"web": dict(size="Basic", quantity=2)}), app("shop-web"))
    kinds = [one["kind"] for one in found + both]
    assert sorted(set(kinds), key=_diff.KINDS.index) == list(_diff.KINDS)
    assert [one["kind"] for one in found] == sorted((one["kind"] for one in found), key=_diff.KINDS.index)


def test_a_pipeline_reads_each_app_once_and_lists_its_pairs_by_stage_then_name():
    answers = {"/pipelines/shop": dict(id="pipe-1", name="shop"),
               # Heroku lists couplings by id, whatever the apps' names.
               "/pipelines/pipe-1/pipeline-couplings": couplings(production=["id-shop-us", "id-shop-eu"],
                                                                 staging=["id-shop-staging"], development=["id-shop-dev"])}
    for name in ("shop-dev", "shop-staging", "shop-eu", "shop-us"):
        app_answers = cedar(name, {})
        answers.update(app_answers)
        answers["/apps/id-" + name] = app_answers["/apps/" + name]
    client = Client(answers)
    state = _diff.read(client, params(pipeline="shop"))
    assert [(a["name"], b["name"], first, second) for a, b, first, second in state["pairs"]] == [
        ("shop-dev", "shop-staging", "development", "staging"),
        ("shop-staging", "shop-eu", "staging", "production"),
        ("shop-staging", "shop-us", "staging", "production")]
    # The pipeline, its couplings, then each app by its id and its aspects by its name: nothing twice.
    assert len(client.sent) == len(set(client.sent)) == 2 + 4 * 8
