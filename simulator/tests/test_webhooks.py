"""App webhooks as Heroku serves them: the event types, levels and URLs it takes (422 otherwise), a secret and an
authorization kept but never answered, and what happens on the app recorded as events with one delivery per
webhook that includes them, succeeded or failed as the receiver answers."""
import pytest

SECRET = "whsec-never-answered"


@pytest.fixture
def app(sim):
    sim.seed_app("hook-app")
    return "hook-app"


def hook(api, app, url="https://hooks.example.com/h", include=("api:release",), level="notify", **extra):
    r = api.post(f"/apps/{app}/webhooks", dict(url=url, include=list(include), level=level, **extra))
    assert r.status == 201, r.body
    return r.body


def test_keeps_the_secret_and_authorization_and_never_answers_them(sim, api, app):
    created = hook(api, app, secret=SECRET, authorization="Bearer " + SECRET)
    updated = api.patch(f"/apps/{app}/webhooks/{created['id']}", {"include": ["api:app", "dyno"], "level": "sync"})
    assert updated.status == 200 and updated.body["include"] == ["api:app", "dyno"] and updated.body["level"] == "sync"
    listed, read = api.get(f"/apps/{app}/webhooks").body, api.get(f"/apps/{app}/webhooks/{created['id']}").body
    for answer in (created, updated.body, listed, read):
        assert SECRET not in repr(answer)
    assert sim.world.s["webhooks"][created["id"]]["secret"] == SECRET
    # Heroku makes a secret up when none is given.
    assert sim.world.s["webhooks"][hook(api, app, url="https://other.example.com/h")["id"]]["secret"]


@pytest.mark.parametrize("body, message", [
    ({"include": ["api:release"], "level": "notify"}, "Require params: url."),
    ({"url": "https://h.example.com", "include": ["api:nope"], "level": "notify"}, "unknown event types api:nope"),
    ({"url": "https://h.example.com", "include": [], "level": "notify"}, "non-empty list"),
    ({"url": "https://h.example.com", "include": ["api:app"], "level": "often"}, "level must be one of notify, sync"),
    ({"url": "ftp://h.example.com/x", "include": ["api:app"], "level": "notify"}, "absolute http:// or https:// URL"),
    ({"url": "h.example.com", "include": ["api:app"], "level": "notify"}, "absolute http:// or https:// URL"),
    ({"url": "https://h.example.com", "include": ["api:app"], "level": "notify", "secret": 5}, "secret must be"),
])
def test_refuses_what_heroku_refuses(api, app, body, message):
    r = api.post(f"/apps/{app}/webhooks", body)
    assert r.status == 422 and r.body["id"] == "invalid_params" and message in r.body["message"]
    assert api.get(f"/apps/{app}/webhooks").body == []


def test_events_and_deliveries_follow_what_happens_on_the_app(api, app):
    good = hook(api, app, include=["api:release", "api:formation", "api:app"])
    sync_failing = hook(api, app, url="https://fail.example.com/h", level="sync")
    notify_failing = hook(api, app, url="https://fail.example.com/n", include=["api:app"])
    api.patch(f"/apps/{app}/config-vars", {"A": "1"})
    api.patch(f"/apps/{app}/formation/web", {"quantity": 3})
    api.patch(f"/apps/{app}", {"maintenance": True})
    events = api.get(f"/apps/{app}/webhook-events").body
    assert sorted(e["include"] for e in events) == ["api:app", "api:formation", "api:release"]
    release = next(e for e in events if e["include"] == "api:release")
    assert release["payload"]["action"] == "create" and release["payload"]["data"]["description"] == "Set A config var"
    assert api.get(f"/apps/{app}/webhook-events/{release['id']}").body == release
    deliveries = api.get(f"/apps/{app}/webhook-deliveries", headers={"Range": "seq ..; order=desc, max=1000"}).body
    seen = sorted((d["webhook"]["id"], d["event"]["include"], d["status"], d["last_attempt"]["code"]) for d in deliveries)
    assert seen == sorted([(good["id"], "api:release", "succeeded", 200), (good["id"], "api:formation", "succeeded", 200),
                           (good["id"], "api:app", "succeeded", 200), (sync_failing["id"], "api:release", "retrying", 500),
                           (notify_failing["id"], "api:app", "failed", 500)])
    assert [d["event"]["include"] for d in deliveries if d["webhook"]["id"] == good["id"]] == [
        "api:app", "api:formation", "api:release"]
    assert api.get(f"/apps/{app}/webhook-deliveries?eq[status]=retrying").body[0]["next_attempt_at"]


def test_an_app_without_webhooks_records_nothing_and_a_deleted_app_takes_them_along(sim, api, app):
    api.patch(f"/apps/{app}/config-vars", {"A": "1"})
    assert api.get(f"/apps/{app}/webhook-events").body == [] and api.get(f"/apps/{app}/webhook-deliveries").body == []
    hook(api, app)
    api.patch(f"/apps/{app}/config-vars", {"A": "2"})
    assert api.delete(f"/apps/{app}").status == 200
    assert not any(sim.world.s[name] for name in ("webhooks", "webhook_events", "webhook_deliveries"))
