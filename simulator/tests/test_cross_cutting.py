"""Behaviour shared by every endpoint: auth, Accept, headers, pagination,
rate limit, faults, latency, request log, control API, concurrency, state."""
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

from heroku_simulator import Simulator

from sim_http import Client


def bulk_apps(sim, count, prefix="app"):
    # Straight into the world: fast enough for thousands of apps.
    with sim.lock:
        for i in range(count):
            sim.world.create_app(name=f"{prefix}-{i:05d}")


# ---- auth and Accept --------------------------------------------------------

def test_bearer_and_basic_auth(sim):
    assert Client(sim.url).get("/account").status == 200
    assert Client(sim.url, basic=True).get("/account").status == 200


@pytest.mark.parametrize("token,basic", [("wrong", False), ("wrong", True), (None, False)])
def test_bad_credentials_are_401(sim, token, basic):
    r = Client(sim.url, token=token, basic=basic).get("/account")
    assert r.status == 401
    assert r.body["id"] == "unauthorized"
    assert r.body["message"] == "Invalid credentials provided."
    assert r.headers["Request-Id"]


def test_no_api_key_accepts_any_token():
    with Simulator() as sim:
        assert Client(sim.url, token="anything").get("/account").status == 200
        assert Client(sim.url, token=None).get("/account").status == 401


@pytest.mark.parametrize("variant", ["3", "3.sdk", "3.pipelines", "3.fir", "3.filters", "3.webhooks",
                                     "3.cedar-acm"])
def test_accept_variants(sim, variant):
    c = Client(sim.url, accept=f"application/vnd.heroku+json; version={variant}")
    assert c.get("/account").status == 200


@pytest.mark.parametrize("accept", [None, "application/json", "application/vnd.heroku+json; version=2"])
def test_missing_or_wrong_accept_is_400(sim, accept):
    r = Client(sim.url, accept=accept).get("/account")
    assert r.status == 400
    assert r.body["id"] == "bad_request"


def test_headers_on_every_response(sim, api):
    for r in (api.get("/account"), api.get("/apps/nope"), api.post("/apps", {"name": "X"}),
              Client(sim.url, token="bad").get("/apps")):
        uuid.UUID(r.headers["Request-Id"])
        assert int(r.headers["RateLimit-Remaining"]) >= 0
        assert r.headers["Content-Type"].startswith("application/json")
        if r.status >= 400:
            assert set(r.body) == {"id", "message", "url"}


def test_unknown_path_is_404(api):
    r = api.get("/no-such-thing")
    assert r.status == 404 and r.body["id"] == "not_found"


# ---- pagination ---------------------------------------------------------------

def test_pagination_over_2500_apps(sim, api):
    bulk_apps(sim, 2500)
    items, pages = api.list_all("/apps")
    ids = [a["id"] for a in items]
    assert len(ids) == 2500 and len(set(ids)) == 2500
    assert pages == 3
    assert ids == sorted(ids)


def test_default_page_is_200_and_206(sim, api):
    bulk_apps(sim, 250)
    r = api.get("/apps")
    assert r.status == 206 and len(r.body) == 200
    assert r.headers["Next-Range"].startswith("id ]")


def test_pagination_by_name_desc(sim, api):
    bulk_apps(sim, 30)
    items, pages = api.list_all("/apps", "name ..; max=7, order=desc")
    names = [a["name"] for a in items]
    assert names == sorted(names, reverse=True) and len(names) == 30 and pages == 5


def test_range_variants(sim, api):
    bulk_apps(sim, 3)
    assert api.get("/apps", headers={"Range": "id ..;"}).status == 200
    r = api.get("/apps", headers={"Range": "id ..; max=2"})
    assert r.status == 206 and len(r.body) == 2
    assert api.get("/apps", headers={"Range": r.headers["Next-Range"]}).body[0]["id"] == \
        sorted(a["id"] for a in sim.world.s["apps"].values())[2]


def test_list_10000_apps_fast(sim, api):
    bulk_apps(sim, 10000)
    started = time.time()
    items, pages = api.list_all("/apps")
    assert len(items) == 10000 and pages == 10
    assert time.time() - started < 10


# ---- rate limit -------------------------------------------------------------------

def test_rate_limit_budget_and_429(sim, api):
    sim.set_rate_limit(budget=100, refill_per_second=0.0, remaining=3)
    statuses = [api.get("/account").status for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    r = api.get("/account")
    assert r.status == 429 and r.body["id"] == "rate_limit"
    assert int(r.headers["Retry-After"]) >= 1
    assert r.headers["RateLimit-Remaining"] == "0"
    # The rate-limit endpoint itself is free.
    assert api.get("/account/rate-limits").body == {"remaining": 0}


def test_rate_limit_refills(sim, api):
    sim.set_rate_limit(budget=10, refill_per_second=50.0, remaining=0)
    assert api.get("/account").status == 429
    time.sleep(0.1)
    assert api.get("/account").status == 200


def test_rate_limit_header_counts_down(api):
    first = int(api.get("/account").headers["RateLimit-Remaining"])
    second = int(api.get("/account").headers["RateLimit-Remaining"])
    assert first <= 4499 and second == first - 1


# ---- faults and latency ---------------------------------------------------------------

def test_fault_status_retry_after_and_count(sim, api):
    sim.seed_app("faulty")
    sim.inject_fault(method="PATCH", path=r"^/apps/[^/]+/config-vars$", status=503, count=2, retry_after=7)
    r = api.patch("/apps/faulty/config-vars", {"A": "1"})
    assert r.status == 503 and r.body["id"] == "service_unavailable" and r.headers["Retry-After"] == "7"
    assert api.patch("/apps/faulty/config-vars", {"A": "1"}).status == 503
    assert api.get("/apps/faulty/config-vars").status == 200          # other methods untouched
    assert api.patch("/apps/faulty/config-vars", {"A": "1"}).status == 200  # count exhausted
    assert [r["status"] for r in sim.writes()] == [503, 503, 200]


def test_fault_ids_by_status(sim, api):
    sim.inject_fault(method="*", path="/account", status=429, count=1)
    sim.inject_fault(method="GET", path="/account", status=500, count=1, error_id="boom", message="nope")
    assert api.get("/account").body["id"] == "rate_limit"
    r = api.get("/account")
    assert (r.status, r.body["id"], r.body["message"]) == (500, "boom", "nope")


def test_a_fault_message_can_quote_what_was_sent(sim, api):
    sim.inject_fault(method="POST", path="^/apps$", status=422, error_id="invalid_params", message="Bad: {sent}")
    r = api.post("/apps", {"name": "quoted-app"})
    assert (r.status, r.body["id"]) == (422, "invalid_params")
    assert '"name": "quoted-app"' in r.body["message"] and "authorization=Bearer " in r.body["message"]


def test_fault_drop_closes_connection(sim, api):
    sim.inject_fault(method="GET", path="^/account$", drop=True)
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        api.get("/account")
    assert sim.requests[-1]["status"] == 0
    assert api.get("/account").status == 200


def test_latency(sim, api):
    sim.set_latency(0.2)
    started = time.time()
    api.get("/account")
    assert time.time() - started >= 0.2
    sim.set_latency(0)


# ---- request log and control API ----------------------------------------------------------

def test_request_log(sim, api):
    api.get("/account", headers={"Range": "id ..; max=5"})
    api.post("/apps", {"name": "logged-app"})
    api.get("/apps?foo=bar")
    log = sim.requests
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("GET", "/account", 200), ("POST", "/apps", 201), ("GET", "/apps", 200)]
    assert log[0]["range"] == "id ..; max=5" and log[2]["query"] == "foo=bar"
    assert all(set(r) == {"method", "path", "query", "status", "write", "time", "request_id", "range",
                          "auth", "body", "accept"} for r in log)
    assert all(r["auth"] for r in log)
    # The Accept header each sent (the telemetry routes' variant is asserted where they are sent).
    assert all(r["accept"] == "application/vnd.heroku+json; version=3" for r in log)
    # What a write sent, so that a test can assert it.
    assert [r["body"] for r in log] == [None, {"name": "logged-app"}, None]
    assert [r["path"] for r in sim.writes()] == ["/apps"]
    log.clear()  # a copy
    assert len(sim.requests) == 3
    sim.clear_requests()
    assert sim.requests == []


def test_a_post_that_only_reads_is_no_write(sim, api):
    app_id = api.post("/apps", {"name": "filtered-app"}).body["id"]
    sim.clear_requests()
    answer = api.post("/filters/apps", {"in": {"id": [app_id]}})
    assert answer.status == 200 and [app["name"] for app in answer.body] == ["filtered-app"]
    assert [r["write"] for r in sim.requests] == [False] and sim.writes() == []


def control(sim, method, action, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{sim.url}/__simulator/{action}", data=data, method=method)
    with urllib.request.urlopen(req) as resp:
        return resp.status, json.loads(resp.read())


def test_control_api(sim, api):
    assert control(sim, "POST", "apps", {"name": "ctl-app", "config": {"X": "1"}})[0] == 201
    assert api.get("/apps/ctl-app/config-vars").body == {"X": "1"}
    control(sim, "POST", "faults", {"method": "GET", "path": "^/apps$", "status": 500})
    assert api.get("/apps").status == 500
    status, log = control(sim, "GET", "requests")
    assert [r["path"] for r in log] == ["/apps/ctl-app/config-vars", "/apps"]   # control calls unlogged
    control(sim, "DELETE", "requests")
    assert sim.requests == []
    control(sim, "POST", "rate-limit", {"budget": 10, "refill_per_second": 0, "remaining": 0})
    assert api.get("/account").status == 429
    control(sim, "POST", "rate-limit", {})
    control(sim, "POST", "latency", {"seconds": 0.0})
    assert control(sim, "POST", "async", {"delay": 5, "frozen": True})[1] == {"delay": 5.0, "frozen": True}
    control(sim, "POST", "reset")
    assert api.get("/apps/ctl-app").status == 404


def test_control_save(sim, tmp_path):
    sim.seed_app("saved-app")
    path = str(tmp_path / "state.json")
    control(sim, "POST", "save", {"path": path})
    assert "saved-app" in open(path).read()


# ---- concurrency, state, reset ---------------------------------------------------------------

def test_concurrent_creates(sim):
    errors = []

    def worker(n):
        c = Client(sim.url)
        for i in range(25):
            r = c.post("/apps", {"name": f"t{n:02d}-app-{i:02d}"})
            if r.status != 201:
                errors.append(r.body)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    items, _ = Client(sim.url).list_all("/apps")
    names = [a["name"] for a in items]
    assert len(names) == 500 and len(set(names)) == 500


def test_concurrent_same_name_only_one_wins(sim):
    results = []

    def worker():
        results.append(Client(sim.url).post("/apps", {"name": "contested"}).status)

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [422] * 9


def test_save_load_round_trip(sim, api, tmp_path):
    sim.seed_app("persisted", config={"K": "v"})
    api.post("/apps/persisted/addons", {"plan": "heroku-postgresql"})
    path = str(tmp_path / "state.json")
    sim.save(path)
    with Simulator(api_key="test-api-key") as other:
        other.load(path)
        c = Client(other.url)
        assert c.get("/apps/persisted").body["name"] == "persisted"
        cfg = c.get("/apps/persisted/config-vars").body
        assert cfg["K"] == "v" and cfg["DATABASE_URL"].startswith("postgres://")
        assert len(c.get("/apps/persisted/releases").body) == len(api.get("/apps/persisted/releases").body)


def test_state_file_and_seed_file(tmp_path):
    seed = tmp_path / "seed.json"
    seed.write_text(json.dumps({"apps": [{"name": "from-seed", "team": "acme", "config": {"A": "b"}}]}))
    state = str(tmp_path / "state.json")
    with Simulator(api_key="k", seed=str(seed), state_file=state) as sim:
        Client(sim.url, token="k").post("/apps", {"name": "made-later"})
    assert os.path.exists(state)
    with Simulator(api_key="k", state_file=state) as sim:
        c = Client(sim.url, token="k")
        assert c.get("/apps/made-later").status == 200
        assert c.get("/apps/from-seed").body["team"]["name"] == "acme"


def test_reset(sim, api):
    api.post("/apps", {"name": "temp-app"})
    sim.inject_fault(path="/never", status=500)
    sim.reset()
    assert api.get("/apps/temp-app").status == 404
    assert sim.requests[-1]["path"] == "/apps/temp-app"
    assert len(sim.requests) == 1


def test_python_m_starts_and_answers(tmp_path):
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    state = tmp_path / "state.json"
    proc = subprocess.Popen([sys.executable, "-m", "heroku_simulator", "--port", str(port),
                             "--api-key", "cli-key", "--state-file", str(state)],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}" in line
        c = Client(f"http://127.0.0.1:{port}", token="cli-key")
        assert c.get("/account").body["email"] == "ops@example.com"
        assert c.post("/apps", {"name": "cli-made"}).status == 201
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    assert "cli-made" in state.read_text()


def test_basic_auth_needs_a_password():
    with Simulator() as sim:
        assert Client(sim.url, token="", basic=True).get("/account").status == 401
        assert Client(sim.url, token="any", basic=True).get("/account").status == 200
