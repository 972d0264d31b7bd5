# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import json
import re
import threading

import pytest

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
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_http import TransportError

SECRET = "0123-secret-api-key-4567"


class FakeResponse:
    def __init__(self, status, body=None, headers=None):
        self.status_code = status
        self.content = b"" if body is None else json.dumps(body).encode()
        self.headers = dict(headers or {})
        self.headers.setdefault("Request-Id", "req-%d" % status)
        self.reason = "Reason %d" % status


class FakeTransport:
    """Answers from a script: a list of FakeResponse or TransportError, or a callable; records every request as sent.

    heroku_http's Transport is tested against real servers in test_heroku_http.py.
    """

    def __init__(self, script):
        self.script = script
        self.sent = []

    def request(self, method, url, body=None, headers=None):
        self.sent.append(dict(method=method, url=url, data=body, headers=dict(headers or {})))
        answer = self.script(method, url, headers or {}) if callable(self.script) else self.script.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def connection_error(text, may_have_arrived=True):
    return TransportError("ConnectionError", text, may_have_arrived=may_have_arrived)


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
    session = FakeTransport(script)
    client = HerokuClient(SECRET, api_url="https://api.example.test/", transport=session,
                          sleep=clock.sleep, clock=clock, **kwargs)
    return client, session, clock


# -- headers -------------------------------------------------------------------

def test_every_request_sends_herokus_headers_and_a_json_body():
    client, session, _clock = make_client([FakeResponse(200, {"ok": True})])
    assert client.patch("/apps/acme-web", {"maintenance": True}) == {"ok": True}
    sent = session.sent[0]
    assert sent["url"] == "https://api.example.test/apps/acme-web"
    assert sent["headers"]["Accept"] == "application/vnd.heroku+json; version=3"
    assert sent["headers"]["Authorization"] == "Bearer " + SECRET
    assert sent["headers"]["User-Agent"].startswith("herokuops.platform/" + heroku_client.COLLECTION_VERSION)
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

def test_429_honours_retry_after_with_jitter_and_resends_the_same_body(monkeypatch):
    jitter = []
    monkeypatch.setattr(heroku_client.random, "uniform", lambda low, high: jitter.append((low, high)) or high)
    client, session, clock = make_client([
        FakeResponse(429, {"id": "rate_limit", "message": "slow down"}, {"Retry-After": "7"}),
        FakeResponse(200, {"done": True}),
    ])
    assert client.patch("/apps/a/config-vars", {"A": "1"}) == {"done": True}
    # Never sooner than Heroku asked, spread over as long again so forks refused together come back apart.
    assert jitter == [(0, 7.0)] and clock.sleeps == [14.0]
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
        connection_error("connection reset"),
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

    client, session, _clock = make_client([connection_error("reset")])
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


def test_429s_are_bounded_by_retry_timeout_not_max_retries_with_a_last_try_at_the_deadline(monkeypatch):
    monkeypatch.setattr(heroku_client.random, "uniform", lambda low, high: low)
    client, session, clock = make_client(
        lambda *args: FakeResponse(429, {"id": "rate_limit", "message": "slow"}, {"Retry-After": "25"}),
        max_retries=1, retry_timeout=60)
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert clock.sleeps == [25.0, 25.0, 10.0]
    assert len(session.sent) == 4
    assert raised.value.error_id == "rate_limit"
    assert "gave up after 4 attempts in 60 s" in str(raised.value) and "retry_timeout 60 s" in str(raised.value)


def test_more_429s_than_max_retries_still_end_well_within_retry_timeout():
    # Under a budget that others spend too, a client may be refused many times before its turn.
    answers = [FakeResponse(429, {"id": "rate_limit"}, {"Retry-After": "1"})] * 12 + [FakeResponse(200, {"ok": 1})]
    client, session, clock = make_client(answers, max_retries=5, retry_timeout=60)
    assert client.get("/apps/a/config-vars") == {"ok": 1}
    assert len(session.sent) == 13
    assert all(1.0 <= wait <= 2.0 for wait in clock.sleeps)


def test_the_client_paces_itself_when_the_budget_is_nearly_spent(monkeypatch):
    monkeypatch.setattr(heroku_client.random, "uniform", lambda low, high: 1.0)
    answers = [FakeResponse(200, {}, {"RateLimit-Remaining": "4000"}), FakeResponse(200, {}, {"RateLimit-Remaining": "0"}),
               FakeResponse(200, {}, {"RateLimit-Remaining": "50"}), FakeResponse(200, {})]
    client, _session, clock = make_client(answers)
    for _request in range(4):
        client.get("/apps")
    # Nothing while the budget is plentiful; one refill interval (0.8 s) when it is empty; half that at 50 left.
    assert clock.sleeps == [pytest.approx(0.8), pytest.approx(0.4)]


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
        [connection_error("ConnectionRefusedError: [Errno 111] Connection refused to " + SECRET, False)], max_retries=0)
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


# -- writes that may have taken effect -------------------------------------------

def test_a_delete_whose_answer_was_lost_is_done_when_the_retry_finds_nothing():
    client, session, _clock = make_client([connection_error("RemoteDisconnected: Remote end closed connection"),
                                           FakeResponse(404, {"id": "not_found", "message": "Couldn't find that app."})])
    assert client.delete("/apps/acme-web") is None
    assert len(session.sent) == 2
    assert client.writes_sent == 2


def test_a_404_on_the_first_delete_is_still_an_error():
    client, _session, _clock = make_client([FakeResponse(404, {"id": "not_found", "message": "Couldn't find that app."})])
    with pytest.raises(HerokuAPIError):
        client.delete("/apps/acme-web")
    assert client.writes_sent == 0


@pytest.mark.parametrize("answer, may_have_taken_effect", [
    (FakeResponse(201, {"id": "x"}), True),
    (TransportError("ReadTimeout", "TimeoutError: timed out", may_have_arrived=True), True),
    (connection_error("RemoteDisconnected: Remote end closed connection without response"), True),
    (FakeResponse(500, {"id": "internal_server_error"}), True),
    (FakeResponse(422, {"id": "invalid_params", "message": "Name is already taken."}), False),
    (TransportError("ConnectTimeout", "TimeoutError: timed out", may_have_arrived=False), False),
    (connection_error("ConnectionRefusedError: [Errno 111] Connection refused", may_have_arrived=False), False),
])
def test_the_client_counts_writes_that_may_have_taken_effect(answer, may_have_taken_effect):
    client, _session, _clock = make_client([answer])
    try:
        client.post("/apps", {"name": "acme-web"})
    except HerokuAPIError:
        pass
    assert client.writes_sent == int(may_have_taken_effect)


def test_reads_are_never_counted_as_writes():
    client, _session, _clock = make_client([FakeResponse(200, {}), FakeResponse(200, [])])
    client.get("/apps/a")
    client.list("/filters/apps", query={"in": {"id": ["a"]}})
    assert client.writes_sent == 0


def test_a_redirect_is_never_followed_and_says_to_check_api_url():
    client, session, _clock = make_client([FakeResponse(301, None, {"Location": "https://elsewhere.example/apps?x=1"})])
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert len(session.sent) == 1
    assert "redirect to https://elsewhere.example/apps" in str(raised.value) and "check api_url" in str(raised.value)
    assert "x=1" not in str(raised.value)


# -- paths -----------------------------------------------------------------------

def test_api_path_quotes_each_value_as_one_segment():
    assert heroku_client.api_path("/apps/{}/config-vars", "../account#") == "/apps/..%2Faccount%23/config-vars"
    assert heroku_client.api_path("/apps/{}/features/{}", "a?b", "c d") == "/apps/a%3Fb/features/c%20d"
    assert heroku_client.api_path("/teams/apps/{}/collaborators/{}", "web", "ops+x@example.com") == \
        "/teams/apps/web/collaborators/ops%2Bx@example.com"


@pytest.mark.parametrize("value", ["", ".", ".."])
def test_api_path_refuses_what_the_http_library_would_resolve_away(value):
    with pytest.raises(heroku_client.HerokuInputError):
        heroku_client.api_path("/apps/{}/config-vars", value)


@pytest.mark.parametrize("path", ["/apps/../account", "/apps/a?x=1", "/apps/a#f", "apps/a", "/apps/a\n", "/apps/./a"])
def test_nothing_but_a_plain_path_is_sent(path):
    client, session, _clock = make_client([])
    with pytest.raises(heroku_client.HerokuInputError):
        client.get(path)
    assert session.sent == []


# -- credentials -----------------------------------------------------------------

def test_surrounding_whitespace_is_stripped_from_the_key_wherever_it_comes_from(tmp_path):
    assert resolve_api_key(SECRET + "\n", environ={}) == SECRET
    assert resolve_api_key(None, environ={"HEROKU_API_KEY": "  %s\r\n" % SECRET}) == SECRET


@pytest.mark.parametrize("key", ["abc def-" + SECRET, SECRET + "\x00x", "ключ-" + SECRET, "a\nb" + SECRET])
def test_a_key_that_cannot_be_sent_is_refused_without_showing_it(key):
    with pytest.raises(HerokuAuthError) as raised:
        resolve_api_key(key, environ={})
    assert "api_key option" in str(raised.value)
    assert SECRET not in str(raised.value) and key.strip() not in str(raised.value)


def test_a_malformed_netrc_is_reported_by_line_without_quoting_its_tokens(tmp_path):
    netrc_file = tmp_path / "netrc"
    # The word `password` forgotten: Python's parser would quote the key as a "bad follower token".
    netrc_file.write_text("machine api.heroku.com\n  login ops@example.com\n  " + SECRET + "\n")
    netrc_file.chmod(0o600)
    with pytest.raises(HerokuAuthError) as raised:
        resolve_api_key(None, environ={}, netrc_file=str(netrc_file))
    assert str(netrc_file) in str(raised.value) and "line" in str(raised.value)
    assert SECRET not in str(raised.value)


def test_a_netrc_default_entry_is_not_sent_to_heroku(tmp_path):
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("default login me password meant-for-another-host\n")
    netrc_file.chmod(0o600)
    with pytest.raises(HerokuAuthError):
        resolve_api_key(None, environ={}, netrc_file=str(netrc_file))


def test_a_netrc_others_can_read_is_used_with_a_warning(tmp_path):
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine api.heroku.com login ops@example.com password %s\n" % SECRET)
    netrc_file.chmod(0o644)
    warnings = []
    assert resolve_api_key(None, environ={}, netrc_file=str(netrc_file), warn=warnings.append) == SECRET
    assert len(warnings) == 1 and "chmod 600" in warnings[0] and "0o644" in warnings[0]
    assert SECRET not in warnings[0]
    netrc_file.chmod(0o600)
    warnings.clear()
    resolve_api_key(None, environ={}, netrc_file=str(netrc_file), warn=warnings.append)
    assert warnings == []


# -- connection options ------------------------------------------------------------

@pytest.mark.parametrize("option, value", [("timeout", 0), ("timeout", -5), ("max_retries", -1), ("retry_timeout", -1)])
def test_connection_options_out_of_range_fail_naming_the_option(option, value):
    options = dict(timeout=30, max_retries=5, retry_timeout=60)
    options[option] = value
    with pytest.raises(heroku_client.HerokuInputError) as raised:
        heroku_client.check_connection_options(**options)
    assert raised.value.option == option and str(raised.value).startswith("%s=%s is out of range" % (option, value))


@pytest.mark.parametrize("api_url, validate_certs, expected", [
    ("https://api.heroku.com", True, []),
    ("http://127.0.0.1:5555", True, []),
    ("http://localhost:5555", False, []),
    ("https://127.0.0.1:5555", False, []),
    ("http://api.example.test", True, ["travels unencrypted"]),
    ("https://api.example.test", False, ["certificate is not checked"]),
])
def test_a_key_that_would_travel_unencrypted_or_unverified_is_warned_about(api_url, validate_certs, expected):
    warnings = heroku_client.check_connection_options(30, 5, 60, validate_certs=validate_certs, api_url=api_url)
    assert len(warnings) == len(expected)
    for warning, text in zip(warnings, expected):
        assert text in warning


@pytest.mark.parametrize("api_url", ["api.heroku.com", "ftp://api.heroku.com", "https://user:pw@api.heroku.com",
                                     "https://api.heroku.com/?x=1", "https://"])
def test_api_url_must_be_a_plain_http_base_url(api_url):
    with pytest.raises(heroku_client.HerokuInputError) as raised:
        heroku_client.check_connection_options(30, 5, 60, api_url=api_url)
    assert raised.value.option == "api_url" and "pw" not in str(raised.value)


def test_connect_resolves_the_key_warns_and_sends_nothing(tmp_path):
    warnings = []
    session = FakeTransport([])
    client = heroku_client.connect(" " + SECRET + "\n", api_url="http://api.example.test", warn=warnings.append,
                                   environ={}, netrc_file=str(tmp_path / "none"), transport=session)
    assert client.secrets() == (SECRET,) and SECRET not in repr(client)
    assert len(warnings) == 1 and session.sent == []


# -- signed URLs outside the API -------------------------------------------------------------

SIGNED = "https://storage.example.test/sources/abc.tgz?signature=top-secret-signature"


def test_bytes_go_to_a_signed_url_as_they_are_without_the_api_key_and_are_retried():
    client, session, _clock = make_client([FakeResponse(503), FakeResponse(200)])
    client.put_signed(SIGNED, b"\x1f\x8b raw bytes")
    assert [sent["url"] for sent in session.sent] == [SIGNED, SIGNED]
    for sent in session.sent:
        assert "Authorization" not in sent["headers"]
        assert sent["data"] == b"\x1f\x8b raw bytes"
        assert "Content-Type" not in sent["headers"]
    assert client.request_count == 2
    assert client.writes_sent == 0  # nothing changed on Heroku yet

    client, session, _clock = make_client([FakeResponse(200)])
    session.script[0].content = b"-----> Building\n-----> Launching... done, v3\n"
    assert client.get_signed(SIGNED).splitlines()[-1] == "-----> Launching... done, v3"
    assert "Authorization" not in session.sent[0]["headers"]


def test_errors_at_a_signed_url_name_its_host_and_path_never_its_signature():
    client, _session, _clock = make_client([FakeResponse(403)])
    with pytest.raises(HerokuAPIError) as raised:
        client.put_signed(SIGNED, b"x")
    assert raised.value.path == "https://storage.example.test/sources/abc.tgz"
    assert "top-secret-signature" not in str(raised.value)

    client, _session, _clock = make_client(
        [connection_error("cannot reach /sources/abc.tgz?signature=top-secret-signature")],
        max_retries=0)
    with pytest.raises(HerokuAPIError) as raised:
        client.get_signed(SIGNED)
    assert "top-secret-signature" not in str(raised.value)


# -- query strings -----------------------------------------------------------------------------------

def test_a_get_sends_its_query_parameters_each_name_and_value_quoted():
    client, session, _clock = make_client([FakeResponse(200, {"ok": True})])
    client.get("/teams/acme/usage/daily", params={"start": "2025-09-01", "end": "2025-09-30&team=other#x /y"})
    assert session.sent[0]["url"] == ("https://api.example.test/teams/acme/usage/daily"
                                      "?start=2025-09-01&end=2025-09-30%26team%3Dother%23x%20%2Fy")


def test_every_page_of_a_list_carries_its_query_and_the_path_still_holds_none():
    client, session, _clock = make_client([
        FakeResponse(206, [{"id": 1}], {"Next-Range": "id ]1..; max=1"}), FakeResponse(200, [{"id": 2}])])
    assert client.list("/teams/acme/usage/monthly", params={"start": "2025-01"}) == [{"id": 1}, {"id": 2}]
    assert [sent["url"].split("?", 1)[1] for sent in session.sent] == ["start=2025-01", "start=2025-01"]
    with pytest.raises(HerokuError, match="not a plain API path"):
        client.get("/teams/acme/usage/daily?start=2025-09-01")


def test_an_error_names_the_request_line_with_its_query_and_never_the_key():
    client, _session, _clock = make_client([FakeResponse(422, {"id": "invalid_params", "message": "bad start"})])
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/teams/acme/usage/daily", params={"start": "2025-09-01", "note": SECRET})
    assert str(raised.value).startswith(
        "GET /teams/acme/usage/daily?start=2025-09-01&note=******** failed (422 invalid_params): bad start")
    assert raised.value.as_failure()["path"] == "/teams/acme/usage/daily?start=2025-09-01&note=********"
    assert SECRET not in str(raised.value)


# -- several reads at once ---------------------------------------------------------

def test_concurrently_has_the_reads_under_way_together_each_thread_on_a_copy_and_counts_their_requests():
    # Each answer waits for three requests to be under way: read one after another, the barrier would break.
    together = threading.Barrier(3, timeout=10)

    def script(_method, url, _headers):
        together.wait()
        return FakeResponse(200, {"url": url})

    client, session, _clock = make_client(script)
    reads = [lambda own, number=number: (own.get("/apps/app-%d" % number), own is client) for number in range(3)]
    answers = heroku_client.concurrently(client, reads, 3)
    # In the order of the reads, whatever order they ended in; none on the client itself, whose connection is one.
    assert answers == [({"url": "https://api.example.test/apps/app-%d" % number}, False) for number in range(3)]
    assert client.request_count == 3 and len(session.sent) == 3
    assert all(sent["headers"]["Authorization"] == "Bearer " + SECRET for sent in session.sent)


def test_concurrently_one_at_a_time_reads_on_the_client_itself_in_order_and_stops_at_a_failure():
    client, session, _clock = make_client([FakeResponse(200, []), FakeResponse(404, {"id": "not_found", "message": "gone"}),
                                           FakeResponse(200, [])])
    reads = [lambda own, name=name: own.list("/apps/%s/domains" % name) for name in ("a", "b", "c")]
    with pytest.raises(HerokuAPIError) as caught:
        heroku_client.concurrently(client, reads, 1)
    assert "GET /apps/b/domains failed (404 not_found)" in str(caught.value)
    assert [sent["url"] for sent in session.sent] == ["https://api.example.test/apps/a/domains", "https://api.example.test/apps/b/domains"]
    assert client.request_count == 2


def test_concurrently_raises_a_failure_once_the_reads_under_way_ended_and_counts_every_request():
    together = threading.Barrier(4, timeout=10)  # the four under way at once

    def script(_method, url, _headers):
        together.wait()
        return FakeResponse(404, {"id": "not_found", "message": "gone"}) if url.endswith("/b") else FakeResponse(200, {})

    client, _session, _clock = make_client(script)
    reads = [lambda own, name=name: own.get("/apps/%s" % name) for name in ("a", "b", "c", "d")]
    with pytest.raises(HerokuAPIError) as caught:
        heroku_client.concurrently(client, reads, 4)
    assert "GET /apps/b failed (404 not_found)" in str(caught.value)
    assert client.request_count == 4
