# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Heroku's platform generations through real ansible-playbook runs against the simulator: a Fir space and
an app in it, what Fir refuses failing before any write (heroku_generations.REFUSED), and Cedar runs that
read no more than they did before generations were known."""

import re

from converge import Playbook, fails_without_writes
from sim_api import api

UUID = re.compile(r"[0-9a-f-]{36}")


def space(task="space", **args):
    return {"name": task, "herokuops.platform.heroku_space": args}


def app(task="app", **args):
    return {"name": task, "herokuops.platform.heroku_app": args}


def drain(task="drain", **args):
    return {"name": task, "herokuops.platform.heroku_drain": args}


def telemetry_drain(task="telemetry drain", **args):
    return {"name": task, "herokuops.platform.heroku_telemetry_drain": args}


OTEL = "https://otel.example.com/v1"
OTEL_KEY = "otel-Fir-Header-Key-7731"


def fir_space_and_app(sim):
    """Space acme-fir (Fir, allocated) of team acme and its app fir-web, made behind the modules' back."""
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "GET", "/spaces/acme-fir")[1]["state"] == "allocated"
    status, body = api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})
    assert status == 201 and body["generation"]["name"] == "fir", body
    sim.clear_requests()
    return body


def test_a_fir_space_and_an_app_in_it_are_created_then_read_only(sim, run_playbook):
    """Issue 24's first "Done when", as one play at -vvvv with --diff: a Fir space and an app in it, each created
    then read only; the app's telemetry drain created in check mode, for real, again, its headers never printed;
    a log drain and buildpacks on the Fir app failing before any write, naming what to use instead."""
    plan = Playbook(run_playbook)
    fir = plan.converge(space(name="acme-fir", team="acme", region="virginia", generation="fir"),
                        writes=[("POST", "/spaces", {"name": "acme-fir", "team": "acme", "region": "virginia",
                                                     "generation": "fir"})],
                        # A Fir space has no NAT: no read of it once allocated.
                        reads=[("GET", "/spaces/acme-fir")])
    web = plan.converge(app(name="fir-web", team="acme", space="acme-fir"),
                        writes=[("POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})],
                        reads=[("GET", "/apps/fir-web")])
    space_info = plan.task({"name": "space info", "herokuops.platform.heroku_space_info": {"name": "acme-fir"}})
    app_info = plan.task({"name": "app info", "herokuops.platform.heroku_app_info": {"name": "fir-web"}})
    otel = plan.converge(telemetry_drain(app="fir-web", endpoint=OTEL, signals=["traces", "logs"],
                                         headers={"x-api-key": OTEL_KEY}),
                         writes=[("POST", "/telemetry-drains", {
                             "owner": {"id": UUID, "type": "app"}, "signals": ["logs", "traces"],
                             "exporter": {"type": "otlphttp", "endpoint": OTEL, "headers": {"x-api-key": OTEL_KEY}}})],
                         reads=[("GET", "/apps/fir-web/telemetry-drains")])
    log_drain = plan.fails(drain(app="fir-web", url="https://logs.example.com/fir"),
                           "A log drain is not available on app fir-web, a Fir app: Fir has OpenTelemetry drains "
                           "instead: use herokuops.platform.heroku_telemetry_drain with app.", requests=True)
    buildpacks = plan.fails(app("buildpacks", name="fir-web", buildpacks=["heroku/nodejs"]),
                            "buildpacks is not available on app fir-web, a Fir app: Fir builds with Cloud Native "
                            "Buildpacks", requests=True)
    result = plan.run(diff=True, verbosity=4)

    assert fir.check["heroku_space"]["generation"] == "fir"
    assert fir.real["heroku_space"]["generation"] == "fir" and fir.real["heroku_space"]["state"] == "allocated"
    assert fir.real["heroku_space"]["outbound_ips"] == []
    assert fir.again["heroku_space"] == fir.real["heroku_space"]
    assert web.real["heroku_app"]["generation"] == "fir" and web.again["heroku_app"]["generation"] == "fir"
    # The info of a Fir space reads neither NAT nor inbound ruleset, which Heroku refuses on Fir.
    assert space_info.result.calls == [("GET", "/spaces/acme-fir")]
    shown = space_info.result["heroku_space_info"][0]
    assert shown["generation"] == "fir" and shown["outbound_ips"] == [] and shown["inbound_rules"] is None
    assert app_info.result["heroku_app_info"][0]["generation"] == "fir"
    # The drain: check mode reads the list and the app (its generation) and writes nothing; for real the same
    # reads, then the POST, the app's id taken from the app read once; again, the list alone.
    assert otel.check.calls == [("GET", "/apps/fir-web/telemetry-drains"), ("GET", "/apps/fir-web")]
    assert otel.check["heroku_telemetry_drain"]["exporter"] == "otlphttp" == otel.real["heroku_telemetry_drain"]["exporter"]
    assert otel.real.calls == [("GET", "/apps/fir-web/telemetry-drains"), ("GET", "/apps/fir-web"),
                               ("POST", "/telemetry-drains")]
    assert otel.real.writes[0]["body"]["owner"]["id"] == web.real["heroku_app"]["id"]
    assert otel.again["heroku_telemetry_drain"]["id"] == otel.real["heroku_telemetry_drain"]["id"]
    # What Fir refuses: the reads that tell the generation, no write.
    assert log_drain.calls == [("GET", "/apps/fir-web/log-drains"), ("GET", "/apps/fir-web")]
    assert buildpacks.calls == [("GET", "/apps/fir-web")]
    assert "project.toml" in buildpacks["msg"]
    # The headers: sent to Heroku, never printed, at -vvvv with --diff.
    assert sim.world.s["telemetry_drains"][otel.real["heroku_telemetry_drain"]["id"]]["exporter"]["headers"] == {
        "x-api-key": OTEL_KEY}
    assert OTEL_KEY not in result.output and OTEL_KEY not in repr([task.result for task in result.results])


def test_what_fir_refuses_fails_before_any_write_naming_what_to_use(sim, run_playbook):
    fir_app = fir_space_and_app(sim)
    results = fails_without_writes(run_playbook, [
        (drain(app="fir-web", url="https://logs.example.com/fir"),
         "A log drain is not available on app fir-web, a Fir app: Fir has OpenTelemetry drains instead: "
         "use herokuops.platform.heroku_telemetry_drain with app."),
        (app(name="fir-web", buildpacks=["heroku/nodejs"]),
         "buildpacks is not available on app fir-web, a Fir app: Fir builds with Cloud Native Buildpacks"),
        (app(name="fir-web", build_stack="heroku-24"), "build_stack is not available on app fir-web, a Fir app"),
        (app(name="fir-api", team="acme", space="acme-fir", internal_routing=True),
         "internal_routing is not available on app fir-api, a Fir app"),
        (space(name="acme-fir", shield=True), "shield is not available on space acme-fir, a Fir space"),
        (space(name="acme-fir", inbound_rules=[{"source": "203.0.113.0/24"}]),
         "inbound_rules is not available on space acme-fir, a Fir space: a Fir space has no trusted IP ranges"),
        (space(name="acme-fir", generation="cedar"),
         "Cannot change generation of space acme-fir from 'fir' to 'cedar' in place: a space cannot change "
         "generation; create a new space"),
        (space(name="acme-fir-2", team="acme", generation="fir", shield=True),
         "shield is not available on space acme-fir-2, a Fir space"),
    ])
    assert sim.writes() == []
    drain_run, buildpacks, build_stack, routed, shield, rules, regenerate, new_shield = results
    # Each read what it had to, and no more: the drain list then its app (it would have written), the app alone
    # (its representation says Fir), the new app's space, the space alone.
    assert drain_run.calls == [("GET", "/apps/fir-web/log-drains"), ("GET", "/apps/fir-web")]
    assert buildpacks.calls == [("GET", "/apps/fir-web")] and build_stack.calls == [("GET", "/apps/fir-web")]
    assert routed.calls == [("GET", "/apps/fir-api"), ("GET", "/spaces/acme-fir")]
    assert shield.calls == rules.calls == regenerate.calls == [("GET", "/spaces/acme-fir")]
    assert new_shield.calls == [("GET", "/spaces/acme-fir-2")]
    assert "project.toml" in buildpacks["msg"] and fir_app["id"]


def test_cedar_runs_read_no_more_than_before(sim, run_playbook):
    sim.seed_app("cedar-web")
    api(sim, "PUT", "/apps/cedar-web/buildpack-installations", {"updates": [{"buildpack": "heroku/nodejs"}]})
    api(sim, "POST", "/apps/cedar-web/log-drains", {"url": "https://logs.example.com/cedar"})
    cedar_id = api(sim, "GET", "/apps/cedar-web")[1]["id"]
    sim.clear_requests()
    plan = Playbook(run_playbook)
    same = plan.task(app(name="cedar-web", stack="heroku-24", buildpacks=["heroku/nodejs"]), status="ok")
    kept = plan.task(drain(app="cedar-web", url="https://logs.example.com/cedar"), status="ok")
    added = plan.converge(drain("new drain", app="cedar-web", url="https://logs.example.com/more"),
                          writes=[("POST", "/apps/cedar-web/log-drains", {"url": "https://logs.example.com/more"})],
                          reads=[("GET", "/apps/cedar-web/log-drains")])
    plan.run()
    # As before generations: the app and its buildpacks; the drain list alone.
    assert same.result.calls == [("GET", "/apps/cedar-web"), ("GET", "/apps/%s/buildpack-installations" % cedar_id)]
    assert same.result["heroku_app"]["generation"] == "cedar"
    assert kept.result.calls == [("GET", "/apps/cedar-web/log-drains")]
    # Only a run that adds a drain reads its app, to know its generation, before the write.
    assert added.real.calls == [("GET", "/apps/cedar-web/log-drains"), ("GET", "/apps/cedar-web"),
                                ("POST", "/apps/cedar-web/log-drains")]
