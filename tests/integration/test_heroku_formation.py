# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_formation and heroku_formation_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes, fails_before_any_request, fails_without_writes
from sim_api import api


def formation(app, *processes):
    return {"name": "formation", "herokuops.platform.heroku_formation": {"app": app, "processes": list(processes)}}


def current(sim, app):
    return dict((item["type"], (item["quantity"], item["size"])) for item in api(sim, "GET", "/apps/%s/formation" % app)[1])


@pytest.fixture
def web_and_worker(sim):
    sim.seed_app("acme-web", process_types={"web": "npm start", "worker": "node worker.js"})
    sim.clear_requests()
    return "acme-web"


def test_scale_in_check_mode_for_real_and_again_in_one_batch(sim, run_playbook, web_and_worker):
    before = current(sim, "acme-web")
    scale = [dict(type="web", quantity=2, size="standard-2x"), dict(type="worker", quantity=1)]
    # Again, spelled in another case: Heroku's sizes are not case-sensitive, so nothing changes.
    respelled = [dict(scale[0], size="STANDARD-2X"), scale[1]]
    seen = {}

    plan = Playbook(run_playbook)
    # One batch of what changes, sizes as Heroku spells them.
    steps = plan.converge(formation("acme-web", *scale),
                          writes=[("PATCH", "/apps/acme-web/formation", {"updates": [
                              {"type": "web", "quantity": 2, "size": "Standard-2X"}, {"type": "worker", "quantity": 1}]})],
                          again_task=formation("acme-web", *respelled), reads=[("GET", "/apps/acme-web/formation")],
                          after_check=lambda: seen.update(after_check=current(sim, "acme-web")),
                          after_real=lambda: seen.update(after_real=current(sim, "acme-web")))
    plan.run()

    record = steps.check
    assert record["heroku_formation"]["processes"]["web"]["quantity"] == 2
    assert record["heroku_formation"]["processes"]["web"]["size"] == "Standard-2X"
    assert record["diff"]["after"] == {"processes": {"web": {"quantity": 2, "size": "Standard-2X"}, "worker": {"quantity": 1}}}
    assert seen["after_check"] == before
    # A size changes: the app's available sizes are read once, before the write; the run again reads none.
    assert steps.check.calls == [("GET", "/apps/acme-web/formation"), ("GET", "/apps/acme-web/available-dyno-sizes")]
    assert steps.real.calls == [("GET", "/apps/acme-web/formation"), ("GET", "/apps/acme-web/available-dyno-sizes"),
                                ("PATCH", "/apps/acme-web/formation")]
    assert seen["after_real"] == {"web": (2, "Standard-2X"), "worker": (1, before["worker"][1])}


def test_quantity_zero_is_honoured_and_size_is_kept_when_not_given(sim, run_playbook, web_and_worker):
    result = run_playbook([formation("acme-web", dict(type="web", quantity=0))])
    assert result.task("formation").status == "changed", result.stdout
    quantity, size = current(sim, "acme-web")["web"]
    assert quantity == 0 and size == "Basic"
    assert_writes(result.task("formation").writes,
                  [("PATCH", "/apps/acme-web/formation", {"updates": [{"type": "web", "quantity": 0}]})])
    # A quantity alone needs no read of the app's available sizes.
    assert result.task("formation").calls == [("GET", "/apps/acme-web/formation"), ("PATCH", "/apps/acme-web/formation")]


def test_a_size_the_app_cannot_use_fails_before_any_write_naming_the_sizes_it_can(sim, run_playbook):
    assert api(sim, "POST", "/spaces", {"name": "acme-space", "team": "acme"})[0] == 201
    sim.seed_app("acme-private", team="acme", space="acme-space", process_types={"web": "npm start", "worker": "node w.js"})
    sim.clear_requests()
    plan = Playbook(run_playbook)
    message = ("processes[1] (type worker): size standard-2x is not available to app acme-private. "
               "Its dyno sizes: Private-L, Private-M, Private-S.")
    task = formation("acme-private", dict(type="web", quantity=2), dict(type="worker", size="standard-2x"))
    in_check_mode = plan.fails(task, message, requests=True, label="check mode", check_mode=True)
    for_real = plan.fails(task, message, requests=True, label="for real")
    # The same size as the app has: no change, so nothing to check and no read of the sizes.
    unchanged = plan.task(formation("acme-private", dict(type="web", size="PRIVATE-S")), label="unchanged", status="ok")
    plan.run()
    for step in (in_check_mode, for_real):
        assert step.calls == [("GET", "/apps/acme-private/formation"), ("GET", "/apps/acme-private/available-dyno-sizes")]
    assert unchanged.calls == [("GET", "/apps/acme-private/formation")]
    assert current(sim, "acme-private") == {"web": (1, "Private-S"), "worker": (0, "Private-S")}


def test_a_process_type_no_release_defines_fails_and_says_to_deploy(sim, run_playbook, web_and_worker):
    result = run_playbook([formation("acme-web", dict(type="web", quantity=3), dict(type="clock", quantity=1))])
    msg = result.task("formation")["msg"]
    assert result.task("formation").status == "failed"
    assert "no process type clock" in msg and "deploy" in msg and "web, worker" in msg
    assert result.task("formation").writes == []


BAD_INPUT = [
    (dict(type="web", quantity=-1), "processes[0] (type web): quantity=-1 is out of range: use from 0 to 1000"),
    (dict(type="web", size="gigantic-9x"), "size 'gigantic-9x' is not a Heroku dyno size"),
    (dict(type="web", quantity="many"), "quantity"),
    (dict(quantity=1), "type"),
]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [(formation("acme-web", process), message)
                                            for process, message in BAD_INPUT])


def test_missing_app_fails_clearly(sim, run_playbook):
    record, = fails_without_writes(run_playbook, [(formation("acme-nope", dict(type="web", quantity=1)),
                                                   "App acme-nope was not found, so it cannot be scaled.")])
    assert record["msg"] == "App acme-nope was not found, so it cannot be scaled."


def test_formation_info_lists_every_process_type(sim, run_playbook, web_and_worker):
    result = run_playbook([{"name": "info", "herokuops.platform.heroku_formation_info": {"app": "acme-web"}}], check=True)
    items = dict((item["type"], item) for item in result.task("info")["heroku_formation_info"])
    assert sorted(items) == ["web", "worker"]
    assert items["web"]["command"] == "npm start" and items["web"]["quantity"] == 1
    assert result.task("info").status == "ok" and result.task("info").writes == []
