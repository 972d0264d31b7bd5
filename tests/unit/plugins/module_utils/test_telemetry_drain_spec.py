# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_telemetry_drain's spec run by the runner on a client in memory: which requests each case sends (the
owner's generation read only for a drain to create), and the Accept variant of the telemetry routes."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._telemetry_drain import TELEMETRY_DRAIN
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import ACCEPT, HerokuError, accept_for
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge, failure

ENDPOINT = "https://otel.example.com/v1"
SDK = "application/vnd.heroku+json; version=3.sdk"


class OwnersClient:
    """Apps and spaces by name, each with its generation, and their drains; records every request."""

    def __init__(self, generation="fir", drains=()):
        self.owners = {"/apps/web": dict(id="app-1", name="web", generation={"name": generation}),
                       "/spaces/lab": dict(id="space-1", name="lab", generation={"name": generation})}
        self.drains = list(drains)
        self.sent = []
        self.writes_sent = 0

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return copy.deepcopy(self.owners.get(path))

    get = get_or_none

    def list_or_none(self, path):
        self.sent.append(("GET", path))
        owner = self.owners.get(path.rsplit("/", 1)[0])
        return [copy.deepcopy(d) for d in self.drains if d["owner"]["id"] == owner["id"]] if owner else None

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        self.writes_sent += 1
        return dict(body, id="drain-1", created_at="t", updated_at="t")

    def request(self, method, path, body=None):
        self.sent.append((method, path, body))
        self.writes_sent += 1
        return dict(self.drains[0], **(body or {}))


def run(client, check_mode=False, **params):
    task = Task(params=dict(dict(app="web", space=None, endpoint=ENDPOINT, signals=["logs"], exporter=None,
                                 headers=None, update_headers="on_create", state="present"), **params),
                connect=lambda: client, check_mode=check_mode)
    try:
        return converge(TELEMETRY_DRAIN, task)
    except HerokuError as exc:
        return dict(failure(exc, task), failed=True)


def held(owner_id="app-1", kind="app", **exporter):
    return dict(id="drain-1", owner=dict(id=owner_id, type=kind), signals=["logs"],
                exporter=dict(dict(type="otlphttp", endpoint=ENDPOINT, headers={"x-api-key": "k"}), **exporter))


def test_a_found_drain_reads_only_the_list_whatever_the_owner():
    for kind, owner_id in (("app", "app-1"), ("space", "space-1")):
        client = OwnersClient(drains=[held(owner_id, kind)])
        owner = dict(app="web") if kind == "app" else dict(app=None, space="lab")
        assert run(client, **owner)["changed"] is False
        assert client.sent == [("GET", "/%ss/%s/telemetry-drains" % (kind, "web" if kind == "app" else "lab"))]


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_cedar_owner_fails_before_any_write_naming_heroku_drain(check_mode):
    client = OwnersClient(generation="cedar")
    result = run(client, check_mode, app=None, space="lab")
    assert result["failed"] and client.writes_sent == 0
    assert result["msg"] == ("A telemetry drain is not available on space lab, a Cedar space: a Cedar space's logs go "
                             "to its apps' log drains: use herokuops.platform.heroku_drain.")
    assert client.sent == [("GET", "/spaces/lab/telemetry-drains"), ("GET", "/spaces/lab")]


def test_a_new_drain_reads_its_owner_then_posts_its_id():
    client = OwnersClient()
    result = run(client, signals=["traces", "logs", "logs"], headers={"x-api-key": 1234})
    assert result["changed"] is True and result["heroku_telemetry_drain"]["headers_sent"] is True
    # The owner is read once: for its generation, and its id for the body.
    assert client.sent == [("GET", "/apps/web/telemetry-drains"), ("GET", "/apps/web"),
                           ("POST", "/telemetry-drains", {
                               "signals": ["logs", "traces"], "owner": {"id": "app-1", "type": "app"},
                               "exporter": {"type": "otlphttp", "endpoint": ENDPOINT, "headers": {"x-api-key": "1234"}}})]


def test_a_change_of_exporter_sends_it_whole_keeping_the_headers_heroku_holds():
    client = OwnersClient(drains=[held()])
    result = run(client, exporter="otlp")
    assert result["changed"] is True and result["heroku_telemetry_drain"]["headers_sent"] is False
    assert client.sent[1:] == [("PATCH", "/telemetry-drains/drain-1", {"exporter": {
        "type": "otlp", "endpoint": ENDPOINT, "headers": {"x-api-key": "k"}}})]
    client = OwnersClient(drains=[held()])
    run(client, signals=["metrics"])
    assert client.sent[1:] == [("PATCH", "/telemetry-drains/drain-1", {"signals": ["metrics"]})]


def test_an_exporter_left_unset_keeps_the_one_heroku_holds_and_creates_otlphttp():
    client = OwnersClient(drains=[held(type="otlp")])
    result = run(client)
    assert result["changed"] is False and result["heroku_telemetry_drain"]["exporter"] == "otlp"
    assert client.sent == [("GET", "/apps/web/telemetry-drains")]
    client = OwnersClient(drains=[held(type="otlp")])
    run(client, signals=["traces"])
    assert client.sent[1:] == [("PATCH", "/telemetry-drains/drain-1", {"signals": ["traces"]})]
    for given, created in ((None, "otlphttp"), ("otlp", "otlp")):
        client = OwnersClient()
        result = run(client, exporter=given)
        assert client.sent[-1][2]["exporter"] == {"type": created, "endpoint": ENDPOINT}, client.sent
        assert result["heroku_telemetry_drain"]["exporter"] == created
        # Check mode predicts the exporter the drain would be created with.
        client = OwnersClient()
        result = run(client, check_mode=True, exporter=given)
        assert client.writes_sent == 0 and result["heroku_telemetry_drain"]["exporter"] == created


def test_telemetry_routes_go_with_the_sdk_variant_and_the_others_with_version_3():
    for method, path in (("POST", "/telemetry-drains"), ("GET", "/telemetry-drains/drain-1"),
                         ("PATCH", "/telemetry-drains/drain-1"), ("DELETE", "/telemetry-drains/drain-1"),
                         ("GET", "/apps/web/telemetry-drains"), ("GET", "/spaces/lab/telemetry-drains")):
        assert accept_for(method, path) == SDK, (method, path)
    for method, path in (("GET", "/apps/web"), ("GET", "/apps/web/log-drains"), ("POST", "/apps/web/telemetry-drains"),
                         ("GET", "/telemetry-drains"), ("GET", "/apps/telemetry-drains/x")):
        assert accept_for(method, path) == ACCEPT, (method, path)
