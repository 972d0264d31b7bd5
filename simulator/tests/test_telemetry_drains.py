"""OpenTelemetry drains of a Fir app or space: created by owner id, listed by app and by space, read,
changed (signals, exporter) and deleted by id; a Cedar owner refused with 422 `invalid_params`."""
import pytest

SDK = "application/vnd.heroku+json; version=3.sdk"
EXPORTER = {"type": "otlphttp", "endpoint": "https://otel.example.com/v1", "headers": {"x-api-key": "k-123"}}


@pytest.fixture
def fir(api):
    space = api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"}).body
    app = api.post("/teams/apps", {"name": "fir-app", "team": "acme", "space": "fir-space"}).body
    return app, space


def test_app_drain_lifecycle(api, fir):
    app, _space = fir
    created = api.post("/telemetry-drains", {"owner": {"id": app["id"], "type": "app"}, "signals": ["traces", "logs"],
                                             "exporter": EXPORTER}, headers={"Accept": SDK})
    assert created.status == 201
    drain = created.body
    assert drain["owner"] == {"id": app["id"], "type": "app"}
    assert drain["signals"] == ["traces", "logs"] and drain["exporter"] == EXPORTER
    assert set(drain) == {"id", "owner", "signals", "exporter", "created_at", "updated_at"}
    assert api.get("/apps/fir-app/telemetry-drains").body == [drain]
    assert api.get("/apps/%s/telemetry-drains" % app["id"]).body == [drain]
    assert api.get("/spaces/fir-space/telemetry-drains").body == []
    assert api.get("/telemetry-drains/%s" % drain["id"]).body == drain

    change = {"signals": ["metrics"], "exporter": {"type": "otlp", "endpoint": EXPORTER["endpoint"]}}
    changed = api.patch("/telemetry-drains/%s" % drain["id"], change)
    assert changed.status == 200
    assert changed.body["signals"] == ["metrics"]
    assert changed.body["exporter"] == {"type": "otlp", "endpoint": EXPORTER["endpoint"], "headers": {}}

    assert api.delete("/telemetry-drains/%s" % drain["id"]).body["id"] == drain["id"]
    assert api.get("/telemetry-drains/%s" % drain["id"]).status == 404
    assert api.get("/apps/fir-app/telemetry-drains").body == []


def test_space_drain(api, fir):
    _app, space = fir
    created = api.post("/telemetry-drains", {"owner": {"id": space["id"], "type": "space"}, "signals": ["logs"],
                                             "exporter": {"type": "otlp", "endpoint": "https://grpc.example.com:4317"}})
    assert created.status == 201 and created.body["exporter"]["headers"] == {}
    assert [d["id"] for d in api.get("/spaces/fir-space/telemetry-drains").body] == [created.body["id"]]
    assert api.get("/apps/fir-app/telemetry-drains").body == []


def test_cedar_owners_are_refused(api):
    cedar_space = api.post("/spaces", {"name": "cedar-space", "team": "acme"}).body
    cedar_app = api.post("/apps", {"name": "cedar-app"}).body
    for owner in ({"id": cedar_app["id"], "type": "app"}, {"id": cedar_space["id"], "type": "space"}):
        r = api.post("/telemetry-drains", {"owner": owner, "signals": ["logs"], "exporter": EXPORTER})
        assert r.status == 422 and r.body["id"] == "invalid_params" and "Fir" in r.body["message"]
    assert api.get("/apps/cedar-app/telemetry-drains").body == []
    assert api.get("/spaces/cedar-space/telemetry-drains").body == []


def test_bad_bodies_and_unknown_records(api, fir):
    app, _space = fir
    owner = {"id": app["id"], "type": "app"}
    refused = [
        api.post("/telemetry-drains", {"owner": owner, "signals": [], "exporter": EXPORTER}),
        api.post("/telemetry-drains", {"owner": owner, "signals": ["logs", "logs"], "exporter": EXPORTER}),
        api.post("/telemetry-drains", {"owner": owner, "signals": ["audits"], "exporter": EXPORTER}),
        api.post("/telemetry-drains", {"owner": owner, "signals": ["logs"], "exporter": {"type": "zipkin", "endpoint": "https://x.example.com"}}),
        api.post("/telemetry-drains", {"owner": owner, "signals": ["logs"], "exporter": {"type": "otlp", "endpoint": "not a url"}}),
        api.post("/telemetry-drains", {"owner": owner, "signals": ["logs"], "exporter": {"type": "otlp"}}),
    ]
    assert [r.status for r in refused] == [422] * len(refused)
    gone = {"id": "01234567-89ab-cdef-0123-456789abcdef", "type": "app"}
    assert api.post("/telemetry-drains", {"owner": gone, "signals": ["logs"], "exporter": EXPORTER}).status == 404
    assert api.get("/apps/no-such-app/telemetry-drains").status == 404
    assert api.get("/spaces/no-such-space/telemetry-drains").status == 404
    assert api.patch("/telemetry-drains/%s" % gone["id"], {"signals": ["logs"]}).status == 404
    assert api.delete("/telemetry-drains/%s" % gone["id"]).status == 404
