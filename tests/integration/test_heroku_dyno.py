# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_dyno and heroku_dyno_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes
from sim_api import api

SECRET = "dyno-env-secret-4f1c9a"
DYNOS = [("GET", "/apps/acme-web/dynos")]
FORMATION = [("GET", "/apps/acme-web/formation")]


def dyno(**args):
    return {"name": "dyno", "herokuops.platform.heroku_dyno": dict(dict(app="acme-web"), **args)}


def info(**args):
    return {"name": "dyno info", "herokuops.platform.heroku_dyno_info": dict(dict(app="acme-web"), **args)}


def calls(step):
    return [(request["method"], request["path"]) for request in step.requests]


# Bad input, each failing before any request with a message naming the option.
BAD_INPUT = [
    (dyno(type="web/1"), "type='web/1' is not a valid process type name"),
    (dyno(name="../account"), "name='../account' is not a valid dyno name"),
    (dyno(state="stopped"), "state is stopped but any of the following are missing: type, name"),
    (dyno(state="run", command="rake db:migrate", env=["A"]), "argument 'env' is of type"),
    (dyno(state="run", command="rake db:migrate", env={"A": {"nested": SECRET}}), "env.A must be a string, a number or a boolean."),
    (dyno(state="run", command="rake db:migrate", size="huge"), "size='huge' is not a Heroku dyno size"),
    (dyno(state="run", command="rake db:migrate", time_to_live=0), "time_to_live=0 is out of range: use from 1 to 86400"),
    (dyno(command="rake db:migrate"), "command is only for state=run"),
    (dyno(type="web", wait=True), "wait is only for state=run"),
]


@pytest.fixture
def acme(sim):
    sim.seed_app("acme-web", formation={"web": 2, "worker": 1})
    sim.clear_requests()


@pytest.mark.both_paths
def test_restarts_and_stops_send_one_write_after_one_read_check_mode_none_and_bad_input_nothing(sim, run_playbook, acme):
    plan = Playbook(run_playbook)
    checked = plan.task(dyno(), label="check all", check_mode=True, diff=True, status="changed")
    everything = plan.task(dyno(), label="restart all", diff=True, status="changed")
    worker = plan.task(dyno(type="worker"), label="restart worker", status="changed")
    one = plan.task(dyno(name="web.2"), label="restart web.2", status="changed")
    stop_one = plan.task(dyno(state="stopped", name="web.1"), label="stop web.1", diff=True, status="changed")
    stop_type = plan.task(dyno(state="stopped", type="web"), label="stop web", status="changed")
    unknown_type = plan.fails(dyno(type="wrker"), "type=wrker: app acme-web has no such process type. "
                              "Its process types: web, worker.", requests=True)
    unknown_name = plan.fails(dyno(name="web.9"), "name=web.9: app acme-web has no such dyno. Its dynos: ",
                              requests=True)
    missing_app = plan.fails(dyno(app="acme-nope"), "App acme-nope was not found.", requests=True)
    # Heroku's refusal names the request, its id and message, and the Request-Id.
    plan.checkpoint(lambda: sim.inject_fault(method="DELETE", path=r"/dynos$", status=403, error_id="forbidden",
                                             message="You do not have access to the app acme-web."))
    refused = plan.task(dyno(), label="refused", ignore_errors=True, status="failed")
    # A restart or stop is sent once: an answer lost, or a 5xx, may follow a restart Heroku did.
    plan.checkpoint(lambda: sim.inject_fault(method="DELETE", path=r"/apps/acme-web/dynos$", lose_answer=True))
    lost = plan.task(dyno(), label="restart answer lost", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: sim.inject_fault(method="DELETE", path=r"/formations/worker$", status=503))
    unavailable = plan.task(dyno(type="worker"), label="restart 503", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: sim.inject_fault(method="POST", path=r"/dynos/web\.1/actions/stop$", lose_answer=True))
    lost_stop = plan.task(dyno(state="stopped", name="web.1"), label="stop answer lost", ignore_errors=True,
                          status="failed")
    # A 429 is Heroku refusing before doing anything: sent again.
    plan.checkpoint(lambda: sim.inject_fault(method="DELETE", path=r"/dynos/web\.2$", status=429, retry_after=0))
    limited = plan.task(dyno(name="web.2"), label="restart 429", status="changed")
    for index, (task, message) in enumerate(BAD_INPUT):
        plan.fails(task, message, label="bad input %d" % index)
    plan.run()

    assert checked.writes == [] and calls(checked) == DYNOS
    assert checked["heroku_dyno"] == {"app": "acme-web", "dynos": ["web.1", "web.2", "worker.1"], "run": None}
    assert checked["diff"] == {"before": {"dynos": {"web.1": "up", "web.2": "up", "worker.1": "up"}},
                               "after": {"dynos": {"web.1": "restarted", "web.2": "restarted", "worker.1": "restarted"}}}
    assert calls(everything) == DYNOS + [("DELETE", "/apps/acme-web/dynos")]
    assert everything["diff"] == checked["diff"]
    assert calls(worker) == DYNOS + FORMATION + [("DELETE", "/apps/acme-web/formations/worker")]
    assert worker["heroku_dyno"]["dynos"] == ["worker.1"]
    assert calls(one) == DYNOS + [("DELETE", "/apps/acme-web/dynos/web.2")]
    assert calls(stop_one) == DYNOS + [("POST", "/apps/acme-web/dynos/web.1/actions/stop")]
    assert stop_one["diff"]["after"] == {"dynos": {"web.1": "stopped"}}
    assert calls(stop_type) == DYNOS + FORMATION + [("POST", "/apps/acme-web/formations/web/actions/stop")]
    assert stop_type["heroku_dyno"]["dynos"] == ["web.1", "web.2"]
    assert unknown_type["changed"] is False and unknown_name["changed"] is False
    assert "web.1" in unknown_name["msg"] and "worker.1" in unknown_name["msg"]
    assert calls(missing_app) == [("GET", "/apps/acme-nope/dynos")]
    assert refused["msg"].startswith("DELETE /apps/acme-web/dynos failed (403 forbidden): You do not have access")
    assert "[request-id " in refused["msg"] and refused["failure"]["request_id"]

    # Each restarted (or stopped) the dynos once, and says it may have: changed, and not sent again.
    assert calls(lost) == DYNOS + [("DELETE", "/apps/acme-web/dynos")] and lost["changed"] is True
    assert lost["msg"].startswith("DELETE /apps/acme-web/dynos failed: ")
    assert "the dynos may have been restarted: Heroku may have acted before it failed to answer" in lost["msg"]
    assert [(r["method"], r["status"]) for r in unavailable.writes] == [("DELETE", 503)]
    assert unavailable["changed"] is True and "the dynos may have been restarted" in unavailable["msg"]
    assert unavailable["failure"]["status"] == 503
    assert [r["method"] for r in lost_stop.writes] == ["POST"] and lost_stop["changed"] is True
    assert "the dynos may have been stopped" in lost_stop["msg"]
    assert [(r["method"], r["status"]) for r in limited.writes] == [("DELETE", 429), ("DELETE", 202)]
    # A restart or a stop says all it means in its method and path: none sends a body.
    for step, write in ((everything, ("DELETE", "/apps/acme-web/dynos", None)),
                        (worker, ("DELETE", "/apps/acme-web/formations/worker", None)),
                        (one, ("DELETE", "/apps/acme-web/dynos/web.2", None)),
                        (stop_one, ("POST", "/apps/acme-web/dynos/web.1/actions/stop", None)),
                        (stop_type, ("POST", "/apps/acme-web/formations/web/actions/stop", None)),
                        (refused, ("DELETE", "/apps/acme-web/dynos", None)),
                        (lost, ("DELETE", "/apps/acme-web/dynos", None)),
                        (unavailable, ("DELETE", "/apps/acme-web/formations/worker", None)),
                        (lost_stop, ("POST", "/apps/acme-web/dynos/web.1/actions/stop", None))):
        assert_writes(step.writes, [write])
    assert_writes(limited.writes, [("DELETE", "/apps/acme-web/dynos/web.2", None)] * 2)


@pytest.mark.both_paths
def test_run_a_detached_command_and_wait_with_an_env_secret_at_vvvv(sim, run_playbook, acme):
    task = dyno(state="run", command="bin/rails db:migrate", size="standard-2x", env={"TOKEN": SECRET, "LINES": 24},
                time_to_live=600, wait=True, wait_timeout=60)
    plan = Playbook(run_playbook)
    checked = plan.task(task, label="check run", check_mode=True, status="changed")
    ran = plan.task(task, label="run", status="changed")
    detached = plan.task(dyno(state="run", command="sleep 1"), label="no wait", status="changed")
    endless = plan.task(dyno(state="run", command="worker --sleep infinity", wait=True, wait_timeout=1),
                        label="outlives wait_timeout", ignore_errors=True, status="failed")
    crashed = plan.task(dyno(state="run", command="bin/crash", wait=True, wait_timeout=30),
                        label="crashes", ignore_errors=True, status="failed")
    result = plan.run(diff=True, verbosity=4)

    assert checked.writes == [] and calls(checked) == [("GET", "/apps/acme-web")]
    run = checked["heroku_dyno"]["run"]
    assert run["id"] is None and run["command"] == "bin/rails db:migrate" and run["size"] == "Standard-2X"
    assert checked["diff"] == {"before": {}, "after": {"run": {
        "command": "bin/rails db:migrate", "size": "Standard-2X", "env": {"TOKEN": "********", "LINES": "********"},
        "time_to_live": 600}}}

    # Heroku stores strings: the env's numbers are sent as text.
    assert_writes(ran.writes, [("POST", "/apps/acme-web/dynos", {
        "command": "bin/rails db:migrate", "attach": False, "type": "run", "size": "Standard-2X",
        "env": {"TOKEN": SECRET, "LINES": "24"}, "time_to_live": 600})])
    run = ran["heroku_dyno"]["run"]
    assert run["name"].startswith("run.") and run["type"] == "run" and run["size"] == "Standard-2X"
    assert run["finished"] is True and run["ran_for"] >= 0 and run["release_version"] == 2
    assert run["time_to_live"] == 600 and run["state"] in ("starting", "up")
    # Polled by id until Heroku answers 404: the dyno is gone.
    assert calls(ran)[-1] == ("GET", "/apps/acme-web/dynos/%s" % run["id"])
    assert ran.requests[-1]["status"] == 404

    assert detached["heroku_dyno"]["run"]["finished"] is None and len(detached.requests) == 2
    assert_writes(detached.writes, [("POST", "/apps/acme-web/dynos",
                                     {"command": "sleep 1", "attach": False, "type": "run"})])

    run = endless["heroku_dyno"]["run"]
    assert endless["changed"] is True and run["finished"] is False and run["state"] == "up"
    assert endless["msg"].startswith("One-off dyno %s of app acme-web was still up after 1 seconds (wait_timeout)"
                                     % run["name"])
    assert api(sim, "GET", "/apps/acme-web/dynos/%s" % run["name"])[1]["state"] == "up"

    assert crashed["heroku_dyno"]["run"]["state"] == "crashed" and crashed["changed"] is True
    assert "crashed. Heroku does not report a detached dyno's exit code" in crashed["msg"]

    assert "TOKEN" in result.output_of(ran.name)
    assert ran["invocation"]["module_args"]["env"] == {"TOKEN": "********", "LINES": "********"}
    for secret in (SECRET, "test-api-key"):
        assert secret not in result.stdout
        # What Ansible got back; the simulator's records of the requests hold what was sent to Heroku.
        assert secret not in repr([task.result for task in result.results])


def test_info_lists_dynos_and_waits_until_they_run_the_current_release(sim, run_playbook, acme):
    def new_release():
        sim.set_async_delay(0.3)
        assert api(sim, "PATCH", "/apps/acme-web/config-vars", {"RELEASED": "yes"})[0] == 200
        sim.freeze_async(True)

    assert api(sim, "POST", "/apps", {"name": "acme-new"})[0] == 201
    plan = Playbook(run_playbook)
    listed = plan.task(info(), label="list", status="ok")
    workers = plan.task(info(type="worker"), label="workers", check_mode=True, status="ok")
    # What does not exist fails, naming it: an empty list would let a deploy gate pass without waiting.
    unknown = plan.fails(info(type="wrker"), "type=wrker: app acme-web has no such process type. Its process "
                         "types: web, worker.", requests=True)
    unknown_wait = plan.fails(info(type="wrker", wait=True), "type=wrker: app acme-web has no such process type. "
                              "Its process types: web, worker.", requests=True)
    nothing = plan.fails(info(app="acme-new", wait=True), "wait: app acme-new has no process type to wait for "
                         "(deploy code first).", requests=True)
    plan.checkpoint(new_release)
    late = plan.task(info(wait=True, wait_timeout=1), label="still on the old release", ignore_errors=True,
                     status="failed")

    def restart_on_the_new_release():
        sim.set_async_delay(0)
        sim.freeze_async(False)
        # The simulator moves dynos one step per request: one step here leaves the wait one poll to make.
        assert api(sim, "GET", "/apps/acme-web/dynos")[0] == 200

    plan.checkpoint(restart_on_the_new_release)
    waited = plan.task(info(wait=True, wait_timeout=30), label="wait", status="ok")
    result = plan.run()

    assert calls(listed) == DYNOS
    assert [(d["name"], d["type"], d["state"], d["size"], d["command"], d["release_version"])
            for d in listed["heroku_dyno_info"]] == [("web.1", "web", "up", "Basic", "npm start", 2),
                                                     ("web.2", "web", "up", "Basic", "npm start", 2),
                                                     ("worker.1", "worker", "up", "Basic", "node worker.js", 2)]
    assert [d["name"] for d in workers["heroku_dyno_info"]] == ["worker.1"]
    assert calls(workers) == DYNOS
    assert calls(unknown) == DYNOS + FORMATION and calls(unknown_wait) == DYNOS + FORMATION
    assert calls(nothing) == [("GET", "/apps/acme-new/dynos"), ("GET", "/apps/acme-new/formation")]
    assert late["msg"].startswith("The dynos of app acme-web were not all up on its current release v3 after 1 "
                                  "seconds (wait_timeout): web.1 (v2, up); web.2 (v2, up); worker.1 (v2, up)."), result.output
    assert late["changed"] is False and late.writes == []
    assert len(late["heroku_dyno_info"]) == 3
    assert [(d["state"], d["release_version"]) for d in waited["heroku_dyno_info"]] == [("up", 3)] * 3
    assert waited.writes == [] and len(waited.requests) > 3
