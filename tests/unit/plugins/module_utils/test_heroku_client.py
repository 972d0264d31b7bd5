# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

import pytest
import requests

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_client
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError,
    HerokuAuthError,
    HerokuClient,
    HerokuError,
    HerokuWaitTimeout,
    resolve_api_key,
    wait_until,
)

SECRET = "0123-secret-api-key-4567"


class FakeResponse:
    def __init__(self, status, body=None, headers=None):
        self.status_code = status
        self.content = b"" if body is None else json.dumps(body).encode()
        self.headers = dict(headers or {})
        self.headers.setdefault("Request-Id", "req-%d" % status)
        self.reason = "Reason %d" % status

    def json(self):
        return json.loads(self.content)


class FakeSession:
    """Answers from a script: a list of FakeResponse or exceptions, or a callable."""

    def __init__(self, script):
        self.script = script
        self.headers = {}
        self.sent = []

    def request(self, method, url, data=None, headers=None, timeout=None, verify=None):
        self.sent.append(dict(method=method, url=url, data=data, headers=dict(headers or {}),
                              session_headers=dict(self.headers), timeout=timeout, verify=verify))
        answer = self.script(method, url, headers or {}) if callable(self.script) else self.script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


class Clock:
    """A clock that only moves when the client sleeps, so retry bounds are exact."""

    def __init__(self):
        self.now = 0.0
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def make_client(script, **kwargs):
    clock = Clock()
    session = FakeSession(script)
    client = HerokuClient(SECRET, api_url="https://api.example.test/", session=session,
                          sleep=clock.sleep, clock=clock, **kwargs)
    return client, session, clock


# -- headers -------------------------------------------------------------------

def test_every_request_sends_herokus_headers_and_a_json_body():
    client, session, _clock = make_client([FakeResponse(200, {"ok": True})])
    assert client.patch("/apps/acme-web", {"maintenance": True}) == {"ok": True}
    sent = session.sent[0]
    assert sent["url"] == "https://api.example.test/apps/acme-web"
    assert sent["session_headers"]["Accept"] == "application/vnd.heroku+json; version=3"
    assert sent["session_headers"]["Authorization"] == "Bearer " + SECRET
    assert sent["session_headers"]["User-Agent"].startswith("herokuops.platform/" + heroku_client.COLLECTION_VERSION)
    assert sent["headers"]["Content-Type"] == "application/json"
    assert json.loads(sent["data"]) == {"maintenance": True}
    assert client.request_count == 1


def test_rate_limit_remaining_is_recorded():
    client, _session, _clock = make_client([FakeResponse(200, {}, {"RateLimit-Remaining": "4321"})])
    client.get("/account")
    assert client.rate_limit_remaining == 4321


# -- pagination ------------------------------------------------------------------

def paged_server(total):
    """Serves ids 0..total-1 the way Heroku does: Range in, 206 + Next-Range out."""
    ids = ["%05d" % number for number in range(total)]

    def answer(method, url, headers):
        match = re.match(r"^id (\]?)([0-9]*)\.\.; max=(\d+)$", headers["Range"])
        exclusive, start, page_size = match.group(1), match.group(2), int(match.group(3))
        rest = [i for i in ids if not start or (i > start if exclusive else i >= start)]
        page = rest[:min(page_size, 1000)]
        if len(rest) > len(page):
            return FakeResponse(206, [{"id": i} for i in page], {"Next-Range": "id ]%s..; max=%d" % (page[-1], page_size)})
        return FakeResponse(200, [{"id": i} for i in page])
    return answer


def test_list_follows_next_range_to_the_last_page_and_returns_every_item():
    client, session, _clock = make_client(paged_server(2500))
    items = client.list("/apps")
    assert [item["id"] for item in items] == ["%05d" % number for number in range(2500)]
    assert [sent["headers"]["Range"] for sent in session.sent] == [
        "id ..; max=1000", "id ]00999..; max=1000", "id ]01999..; max=1000"]
    assert client.request_count == 3


def test_list_with_a_limit_asks_for_no_more_than_it_needs():
    client, session, _clock = make_client([FakeResponse(206, [{"version": 9}], {"Next-Range": "version ]9..; max=1"})])
    assert client.list("/apps/a/releases", range_field="version", descending=True, limit=1) == [{"version": 9}]
    assert [sent["headers"]["Range"] for sent in session.sent] == ["version ..; order=desc, max=1"]


def test_list_of_one_page_sends_one_request():
    client, session, _clock = make_client(paged_server(5))
    assert len(client.list("/apps")) == 5
    assert len(session.sent) == 1


def test_a_list_answered_to_a_post_sends_its_query_with_every_page_and_is_retried_like_a_read():
    pages = paged_server(1500)
    answers = [FakeResponse(503, {"id": "unavailable", "message": "Try again."})]

    def answer(method, url, headers):
        return answers.pop(0) if answers else pages(method, url, headers)
    client, session, clock = make_client(answer)
    items = client.list("/filters/apps", query={"in": {"id": ["a", "b"]}})
    assert len(items) == 1500
    assert [sent["method"] for sent in session.sent] == ["POST", "POST", "POST"]  # the 503, then two pages
    assert [json.loads(sent["data"]) for sent in session.sent] == [{"in": {"id": ["a", "b"]}}] * 3
    assert [sent["headers"]["Range"] for sent in session.sent] == ["id ..; max=1000", "id ..; max=1000", "id ]00999..; max=1000"]
    assert len(clock.sleeps) == 1


# -- retries ---------------------------------------------------------------------

def test_429_honours_retry_after_and_resends_the_same_body():
    client, session, clock = make_client([
        FakeResponse(429, {"id": "rate_limit", "message": "slow down"}, {"Retry-After": "7"}),
        FakeResponse(200, {"done": True}),
    ])
    assert client.patch("/apps/a/config-vars", {"A": "1"}) == {"done": True}
    assert clock.sleeps == [7.0]
    assert session.sent[0]["data"] == session.sent[1]["data"] == json.dumps({"A": "1"})
    assert client.request_count == 2


def test_429_without_retry_after_backs_off_exponentially_with_jitter(monkeypatch):
    monkeypatch.setattr(heroku_client.random, "uniform", lambda low, high: high)
    client, _session, clock = make_client([FakeResponse(429, {"id": "rate_limit"})] * 4 + [FakeResponse(200, [])])
    client.get("/apps")
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]


def test_jitter_spreads_the_waits(monkeypatch):
    seen = []
    monkeypatch.setattr(heroku_client.random, "uniform", lambda low, high: seen.append((low, high)) or low)
    client, _session, _clock = make_client([FakeResponse(503, {})] * 2 + [FakeResponse(200, {})])
    client.get("/apps")
    assert seen == [(0, 0.5), (0, 1.0)]


@pytest.mark.parametrize("method", ["GET", "PUT", "PATCH", "DELETE"])
def test_server_errors_and_connection_errors_are_retried_for_idempotent_methods(method):
    client, session, _clock = make_client([
        FakeResponse(500, {"id": "internal_server_error"}),
        requests.exceptions.ConnectionError("connection reset"),
        FakeResponse(503, {"id": "service_unavailable"}),
        FakeResponse(200, {"ok": 1}),
    ])
    assert client.request(method, "/apps/a", {"x": 1} if method != "GET" else None) == {"ok": 1}
    assert len(session.sent) == 4


def test_post_is_not_retried_after_a_server_error_unless_marked_safe():
    client, session, _clock = make_client([FakeResponse(503, {"id": "service_unavailable", "message": "down"})])
    with pytest.raises(HerokuAPIError) as raised:
        client.post("/apps", {"name": "acme-web"})
    assert raised.value.status == 503
    assert len(session.sent) == 1

    client, session, _clock = make_client([requests.exceptions.ConnectionError("reset")])
    with pytest.raises(HerokuAPIError):
        client.post("/apps", {"name": "acme-web"})
    assert len(session.sent) == 1

    client, session, _clock = make_client([FakeResponse(503, {}), FakeResponse(201, {"id": "x"})])
    assert client.post("/apps/a/acm", retry_safe=True) == {"id": "x"}
    assert len(session.sent) == 2


def test_post_is_retried_after_429_because_heroku_did_nothing():
    client, session, _clock = make_client([FakeResponse(429, {"id": "rate_limit"}, {"Retry-After": "1"}),
                                           FakeResponse(201, {"id": "x"})])
    assert client.post("/apps", {"name": "acme-web"}) == {"id": "x"}
    assert len(session.sent) == 2


def test_retries_stop_after_max_retries():
    client, session, _clock = make_client(lambda *args: FakeResponse(503, {"id": "service_unavailable", "message": "down"}),
                                          max_retries=3)
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert len(session.sent) == 4  # the first attempt and three retries
    assert raised.value.status == 503


def test_retries_stop_when_the_next_wait_would_pass_retry_timeout():
    client, session, clock = make_client(
        lambda *args: FakeResponse(429, {"id": "rate_limit", "message": "slow"}, {"Retry-After": "25"}),
        max_retries=100, retry_timeout=60)
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert clock.sleeps == [25.0, 25.0]
    assert len(session.sent) == 3
    assert raised.value.error_id == "rate_limit"


def test_client_errors_are_not_retried():
    client, session, _clock = make_client([FakeResponse(422, {"id": "invalid_params", "message": "bad"})])
    with pytest.raises(HerokuAPIError):
        client.patch("/apps/a", {"name": "B"})
    assert len(session.sent) == 1


# -- errors ----------------------------------------------------------------------

def test_error_carries_status_id_message_url_and_request_id():
    client, _session, _clock = make_client([FakeResponse(
        422, {"id": "invalid_params", "message": "Name is already taken.", "url": "https://devcenter.example/x"},
        {"Request-Id": "abc-123"})])
    with pytest.raises(HerokuAPIError) as raised:
        client.patch("/apps/acme-web/config-vars", {"A": "1"})
    error = raised.value
    assert str(error) == ("PATCH /apps/acme-web/config-vars failed (422 invalid_params): "
                          "Name is already taken. [request-id abc-123]")
    assert error.as_failure() == dict(method="PATCH", path="/apps/acme-web/config-vars", status=422,
                                      id="invalid_params", message="Name is already taken.",
                                      url="https://devcenter.example/x", request_id="abc-123")


def test_error_without_a_json_body_still_names_the_request():
    response = FakeResponse(502, None, {"Request-Id": "r-9"})
    client, _session, _clock = make_client([response], max_retries=0)
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert str(raised.value) == "GET /apps failed (502 error): Reason 502 [request-id r-9]"


def test_get_or_none_maps_404_to_none_and_raises_other_errors():
    client, _session, _clock = make_client([FakeResponse(404, {"id": "not_found", "message": "Couldn't find that app."}),
                                            FakeResponse(403, {"id": "forbidden", "message": "no"})])
    assert client.get_or_none("/apps/nope") is None
    with pytest.raises(HerokuAPIError):
        client.get_or_none("/apps/theirs")


def test_the_api_key_never_appears_in_errors():
    client, _session, _clock = make_client(
        [requests.exceptions.ConnectionError("HTTPSConnectionPool(host='api.example.test'): refused")], max_retries=0)
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/account")
    assert SECRET not in str(raised.value)
    assert SECRET not in repr(raised.value.as_failure())
    assert "GET /account failed: ConnectionError" in str(raised.value)


# -- authentication --------------------------------------------------------------

def test_api_key_option_wins(tmp_path):
    assert resolve_api_key("from-option", environ={"HEROKU_API_KEY": "from-env"}, netrc_file=str(tmp_path / "none")) == "from-option"


def test_api_key_falls_back_to_the_environment(tmp_path):
    assert resolve_api_key(None, environ={"HEROKU_API_KEY": "from-env"}, netrc_file=str(tmp_path / "none")) == "from-env"


def test_api_key_falls_back_to_netrc_for_the_api_host(tmp_path):
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine api.heroku.com\n  login ops@example.com\n  password from-netrc\n"
                          "machine 127.0.0.1\n  login me\n  password local-key\n")
    netrc_file.chmod(0o600)
    assert resolve_api_key(None, environ={}, netrc_file=str(netrc_file)) == "from-netrc"
    assert resolve_api_key(None, "http://127.0.0.1:5555", environ={}, netrc_file=str(netrc_file)) == "local-key"


def test_missing_api_key_names_all_three_ways(tmp_path):
    with pytest.raises(HerokuAuthError) as raised:
        resolve_api_key(None, environ={}, netrc_file=str(tmp_path / "netrc"))
    message = str(raised.value)
    assert "api_key" in message and "HEROKU_API_KEY" in message and "heroku login" in message


# -- waiting ---------------------------------------------------------------------

def test_wait_until_backs_off_to_a_cap_and_returns_the_ready_value():
    states = iter(["provisioning"] * 6 + ["provisioned"])
    clock = Clock()
    value = wait_until(lambda: next(states), lambda state: state == "provisioned", "add-on", timeout=600,
                       initial_delay=1, max_delay=8, sleep=clock.sleep, clock=clock)
    assert value == "provisioned"
    assert clock.sleeps == [1, 2, 4, 8, 8, 8]


def test_wait_until_times_out_with_the_last_state():
    clock = Clock()
    with pytest.raises(HerokuWaitTimeout) as raised:
        wait_until(lambda: {"state": "allocating"}, lambda rep: False, "space acme-eu", timeout=20,
                   describe=lambda rep: rep["state"], sleep=clock.sleep, clock=clock)
    assert "space acme-eu" in str(raised.value) and "last seen state: allocating" in str(raised.value)
    assert clock.now == 20


def test_wait_until_stops_at_once_on_a_failed_state():
    clock = Clock()
    with pytest.raises(HerokuError) as raised:
        wait_until(lambda: "deprovisioned", lambda s: s == "provisioned", "add-on db", timeout=60,
                   is_failed=lambda s: s == "deprovisioned", sleep=clock.sleep, clock=clock)
    assert "add-on db failed; last seen state: deprovisioned" == str(raised.value)
    assert clock.sleeps == []
