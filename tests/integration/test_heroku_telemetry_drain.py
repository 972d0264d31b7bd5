# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_telemetry_drain and heroku_telemetry_drain_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes, fails_before_any_request, fails_without_writes
from sim_api import api

ENDPOINT = "https://otel.example.com/v1"
DRAIN = re.compile(r"/telemetry-drains/[0-9a-f-]{36}")
LIST = ("GET", "/apps/fir-web/telemetry-drains")
APP = ("GET", "/apps/fir-web")
API_KEY_HEADER = "otel-Planted-Key-4417"
ROTATED = "otel-Rotated-Key-8823"
SDK = "application/vnd.heroku+json; version=3.sdk"


def drain(**args):
    return {"name": "drain", "herokuops.platform.heroku_telemetry_drain": dict(dict(app="fir-web", endpoint=ENDPOINT), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_telemetry_drain_info": dict(dict(app="fir-web"), **args)}


def fir_space_and_app(sim):
    """Space acme-fir (Fir) of team acme and its app fir-web, made behind the modules' back."""
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    status, body = api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})
    assert status == 201 and body["generation"]["name"] == "fir", body
    return body


def stored(sim):
    """The drains as the simulator keeps them, headers included: what Heroku holds."""
    return sorted((dict(d) for d in sim.world.s["telemetry_drains"].values()), key=lambda d: d["created_at"])


@pytest.mark.both_paths
def test_a_fir_apps_drain_is_created_changed_and_removed(sim, run_playbook):
    fir_app = fir_space_and_app(sim)
    seen = {}
    plan = Playbook(run_playbook)
    create = plan.converge(
        drain(signals=["traces", "metrics"], headers={"x-api-key": API_KEY_HEADER}),
        writes=[("POST", "/telemetry-drains", {
            "owner": {"id": fir_app["id"], "type": "app"}, "signals": ["metrics", "traces"],
            "exporter": {"type": "otlphttp", "endpoint": ENDPOINT, "headers": {"x-api-key": API_KEY_HEADER}}})],
        # The signals are a set: another order is no change. Found in the app's list: one read, nothing else.
        again_task=drain(signals=["metrics", "traces", "traces"], headers={"x-api-key": API_KEY_HEADER}), reads=[LIST],
        after_check=lambda: seen.update(after_check=stored(sim)))
    change = plan.converge(drain(signals=["logs", "metrics"], exporter="otlp"),
                           writes=[("PATCH", DRAIN, {"signals": ["logs", "metrics"], "exporter": {
                               "type": "otlp", "endpoint": ENDPOINT, "headers": {"x-api-key": API_KEY_HEADER}}})],
                           reads=[LIST], after_real=lambda: seen.update(changed=stored(sim)))
    # Without exporter the drain keeps the one Heroku holds: no switch back to otlphttp.
    kept = plan.task(drain(signals=["logs", "metrics"]), label="exporter left unset", status="ok")
    # Heroku may not return the headers: with update_headers=always each run sends them, one PATCH a run.
    rotate = [plan.task(drain(signals=["logs", "metrics"], exporter="otlp", headers={"x-api-key": ROTATED},
                              update_headers="always"), label="rotate %d" % number, status="changed", diff=True)
              for number in (1, 2)]
    remove = plan.absent(drain(), writes=[("DELETE", DRAIN, None)], reads=[LIST])
    plan.run()

    # Check mode reads the list and the app (its generation), and writes nothing.
    assert seen["after_check"] == []
    assert create.check.calls == [LIST, APP]
    predicted = create.check["heroku_telemetry_drain"]
    assert predicted["id"] is None and predicted["endpoint"] == ENDPOINT and predicted["app"] == "fir-web"
    assert predicted["signals"] == ["metrics", "traces"] and predicted["headers_sent"] is True
    # For real: the list, the app (its generation, and its id for the body: read once), then the one write.
    assert create.real.calls == [LIST, APP, ("POST", "/telemetry-drains")]
    created = create.real["heroku_telemetry_drain"]
    assert created["owner_type"] == "app" and created["exporter"] == "otlphttp" and created["headers_sent"] is True
    assert "headers" not in created
    # Every telemetry request goes with the Accept variant of Heroku's CLI; the app's with the plain one.
    accepts = dict(((r["method"], r["path"]), r["accept"]) for r in create.real.requests)
    assert accepts[LIST] == SDK and accepts[("POST", "/telemetry-drains")] == SDK
    assert accepts[APP] == "application/vnd.heroku+json; version=3"
    again = create.again["heroku_telemetry_drain"]
    assert again["id"] == created["id"] and again["headers_sent"] is False
    assert create.again["diff"] == {"before": {}, "after": {}}

    # One PATCH for the signals and the exporter, which Heroku takes whole: the headers stay.
    assert change.real["diff"] == {"before": {"signals": ["metrics", "traces"], "exporter": "otlphttp"},
                                   "after": {"signals": ["logs", "metrics"], "exporter": "otlp"}}
    assert change.real.writes[0]["path"] == "/telemetry-drains/%s" % created["id"]
    assert change.real.writes[0]["accept"] == SDK
    assert seen["changed"][0]["exporter"]["headers"] == {"x-api-key": API_KEY_HEADER}
    assert kept.result.calls == [LIST] and kept.result["heroku_telemetry_drain"]["exporter"] == "otlp"

    for record in rotate:
        assert record.calls == [LIST, ("PATCH", "/telemetry-drains/%s" % created["id"])]
        assert_writes(record.writes, [("PATCH", "/telemetry-drains/%s" % created["id"], {"exporter": {
            "type": "otlp", "endpoint": ENDPOINT, "headers": {"x-api-key": ROTATED}}})])
        assert record["heroku_telemetry_drain"]["headers_sent"] is True
        assert record["diff"]["after"] == {"headers_sent": {"x-api-key": "******** (added)"}}

    assert remove.real["diff"]["before"]["endpoint"] == ENDPOINT and remove.real["heroku_telemetry_drain"] == {}
    assert stored(sim) == []


def test_a_fir_spaces_drain(sim, run_playbook):
    fir_space_and_app(sim)
    space_id = api(sim, "GET", "/spaces/acme-fir")[1]["id"]
    plan = Playbook(run_playbook)
    created = plan.converge(
        {"name": "space drain", "herokuops.platform.heroku_telemetry_drain": {
            "space": "acme-fir", "endpoint": "https://grpc.example.com:4317", "signals": ["logs"], "exporter": "otlp"}},
        writes=[("POST", "/telemetry-drains", {"owner": {"id": space_id, "type": "space"}, "signals": ["logs"],
                                               "exporter": {"type": "otlp", "endpoint": "https://grpc.example.com:4317"}})],
        reads=[("GET", "/spaces/acme-fir/telemetry-drains")])
    listed = plan.task({"name": "space info", "herokuops.platform.heroku_telemetry_drain_info": {"space": "acme-fir"}})
    plan.run()
    assert created.real["heroku_telemetry_drain"]["space"] == "acme-fir"
    assert created.real["heroku_telemetry_drain"]["owner_type"] == "space"
    assert created.real["heroku_telemetry_drain"]["headers_sent"] is False
    assert [d["id"] for d in listed.result["heroku_telemetry_drain_info"]] == [created.real["heroku_telemetry_drain"]["id"]]


def test_info_lists_and_picks_by_endpoint(sim, run_playbook):
    fir_app = fir_space_and_app(sim)
    for endpoint, signals in ((ENDPOINT, ["traces"]), ("https://other.example.com", ["logs", "metrics"])):
        exporter = {"type": "otlphttp", "endpoint": endpoint, "headers": {"api-key": API_KEY_HEADER}}
        body = {"owner": {"id": fir_app["id"], "type": "app"}, "signals": signals, "exporter": exporter}
        assert api(sim, "POST", "/telemetry-drains", body)[0] == 201
    result = run_playbook([
        info(),
        dict(info(endpoint=ENDPOINT), name="one"),
        dict(info(endpoint="https://nope.example.com"), name="none"),
        dict(info(app="acme-nope"), name="no app", ignore_errors=True),
    ], check=True, verbosity=4)
    listed = dict((item["endpoint"], item) for item in result.task("info")["heroku_telemetry_drain_info"])
    assert sorted(listed) == [ENDPOINT, "https://other.example.com"]
    assert listed["https://other.example.com"]["signals"] == ["logs", "metrics"]
    assert set(listed[ENDPOINT]) == {"id", "app", "space", "owner_type", "signals", "exporter", "endpoint",
                                     "created_at", "updated_at"}
    assert result.task("info").calls == [LIST]
    assert [item["endpoint"] for item in result.task("one")["heroku_telemetry_drain_info"]] == [ENDPOINT]
    assert result.task("none")["heroku_telemetry_drain_info"] == []
    assert result.task("no app")["msg"] == "App acme-nope was not found."
    # Heroku returns the headers; the result never does.
    assert API_KEY_HEADER not in result.output


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fir_space_and_app(sim)
    signals = ["logs"]
    fails_before_any_request(run_playbook, [
        (drain(endpoint="http://otel.example.com/v1", signals=signals),
         "endpoint='http://otel.example.com/v1' is not an https:// URL"),
        (drain(signals=["logs", "audits"]), "signals: 'audits' is not a signal: use traces, metrics, logs"),
        (drain(signals=[]), "signals is empty"),
        (drain(), "signals is required with state=present"),
        (drain(space="acme-fir", signals=signals), "parameters are mutually exclusive: app|space"),
        ({"name": "no owner", "herokuops.platform.heroku_telemetry_drain": {"endpoint": ENDPOINT, "signals": signals}},
         "one of the following is required: app, space"),
        (drain(app=None, signals=signals), "one of app and space is required"),
        (drain(exporter="zipkin", signals=signals), "value of exporter must be one of: otlphttp, otlp, got: zipkin"),
        (drain(signals=signals, headers={"bad header": "x"}), "headers: header name 'bad header' is not"),
        (drain(app="Fir_Web", signals=signals), "app='Fir_Web' is not a valid app name"),
        (info(space="acme-fir"), "parameters are mutually exclusive: app|space"),
    ])


def test_a_cedar_owner_fails_before_any_write_pointing_to_heroku_drain(sim, run_playbook):
    sim.seed_app("cedar-web")
    assert api(sim, "POST", "/spaces", {"name": "acme-cedar", "team": "acme"})[0] == 201
    records = fails_without_writes(run_playbook, [
        (drain(app="cedar-web", signals=["logs"]),
         "A telemetry drain is not available on app cedar-web, a Cedar app: Cedar apps drain logs with "
         "herokuops.platform.heroku_drain."),
        (dict(drain(app="cedar-web", signals=["logs"]), check_mode=True), "a Cedar app: Cedar apps drain logs with"),
        ({"name": "space", "herokuops.platform.heroku_telemetry_drain": {
            "space": "acme-cedar", "endpoint": ENDPOINT, "signals": ["logs"]}},
         "A telemetry drain is not available on space acme-cedar, a Cedar space: a Cedar space's logs go to its "
         "apps' log drains: use herokuops.platform.heroku_drain."),
    ])
    assert records[0].calls == [("GET", "/apps/cedar-web/telemetry-drains"), ("GET", "/apps/cedar-web")]
    assert stored(sim) == []


@pytest.mark.both_paths
def test_headers_never_reach_the_output_at_vvvv_with_diff_and_api_errors_name_the_request(sim, run_playbook):
    fir_space_and_app(sim)
    plan = Playbook(run_playbook)
    created = plan.task(drain(signals=["logs"], headers={"x-api-key": API_KEY_HEADER}), label="create", status="changed")
    plan.task(drain(signals=["logs"], headers={"x-api-key": ROTATED}, update_headers="always"), label="rotate",
              status="changed")
    plan.task(drain(signals=["logs"], headers={"x-api-key": API_KEY_HEADER}, update_headers="always"),
              label="rotate in check mode", status="changed", check_mode=True)
    plan.task(info(), label="info", status="ok")
    # A failure does not show them either, although Heroku's message quotes the body.
    plan.checkpoint(lambda: sim.inject_fault(method="PATCH", path=r"/telemetry-drains/", status=422,
                                             error_id="invalid_params", message="Invalid request, got: {sent}"))
    failing = plan.task(drain(signals=["traces"], headers={"x-api-key": API_KEY_HEADER}, update_headers="always"),
                        label="failing", ignore_errors=True)
    result = plan.run(diff=True, verbosity=4)
    assert result.rc == 0, result.stdout
    assert created["heroku_telemetry_drain"]["headers_sent"] is True
    assert failing.status == "failed" and failing["changed"] is False
    assert failing["msg"].startswith("PATCH /telemetry-drains/%s failed (422 invalid_params)"
                                     % created["heroku_telemetry_drain"]["id"])
    for secret in (API_KEY_HEADER, ROTATED, "test-api-key"):
        assert secret not in result.stdout
        assert secret not in repr(result.results)
    assert stored(sim)[0]["exporter"]["headers"] == {"x-api-key": ROTATED}
