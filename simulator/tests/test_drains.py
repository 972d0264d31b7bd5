"""Log drains as Heroku serves them: the drain URLs it takes (its 422s never quote the URL), tokens
`d.<uuid>`, a drain found by id, URL or token, and the drains a logging add-on manages: listed on the
app with `addon` set, not removable through the app, moved by the add-on's PUT, gone with the add-on."""
import re
from urllib.parse import quote

import pytest

SECRET = "pa55word"


@pytest.fixture
def app(sim):
    sim.seed_app("drain-app")
    return "drain-app"


@pytest.mark.parametrize("url", [
    "syslog://logs.example.com", "syslog+tls://logs.example.com:6514",
    "https://user:%s@logs.example.com/heroku?x=1" % SECRET, "http://10.0.0.1:8080/logs",
])
def test_takes_heroku_s_drain_urls(api, app, url):
    d = api.post(f"/apps/{app}/log-drains", {"url": url})
    assert d.status == 201 and d.body["url"] == url and d.body["addon"] is None
    assert re.fullmatch(r"d\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", d.body["token"])
    for ident in (d.body["id"], d.body["token"], quote(url, safe="")):
        assert api.get(f"/apps/{app}/log-drains/{ident}").body["id"] == d.body["id"]


@pytest.mark.parametrize("body", [
    {}, {"url": None}, {"url": 5}, {"url": "ftp://user:%s@logs.example.com" % SECRET},
    {"url": "https://user:%s@/x" % SECRET}, {"url": "syslog://logs.example.com:99999"},
    {"url": "https://logs.example.com/a b"}, {"url": "logs.example.com:514"},
])
def test_refuses_other_urls_without_quoting_them(api, app, body):
    r = api.post(f"/apps/{app}/log-drains", body)
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert SECRET not in r.body["message"]
    assert api.get(f"/apps/{app}/log-drains").body == []


def test_a_url_once_per_app(api, app, sim):
    url = "syslog+tls://logs.example.com:6514"
    assert api.post(f"/apps/{app}/log-drains", {"url": url}).status == 201
    assert api.post(f"/apps/{app}/log-drains", {"url": url}).body["message"] == "Url has already been taken."
    sim.seed_app("other-app")
    assert api.post("/apps/other-app/log-drains", {"url": url}).status == 201


def test_a_logging_add_on_s_drain(api, app):
    assert api.post(f"/apps/{app}/addons", {"plan": "papertrail:choklad", "name": "drain-logs"}).status == 201
    (d,) = api.get(f"/apps/{app}/log-drains").body
    assert d["addon"]["name"] == "drain-logs" and d["url"].startswith("syslog+tls://logs.papertrailapp.com:")
    assert api.get("/addons/drain-logs/log-drains").body == [d]
    r = api.delete(f"/apps/{app}/log-drains/{d['id']}")
    assert r.status == 422 and "only be removed by removing the add-on" in r.body["message"]
    moved = api.put(f"/addons/drain-logs/log-drains/{d['token']}", {"url": "syslog+tls://logs2.example.com:6514"})
    assert moved.status == 200 and (moved.body["id"], moved.body["token"]) == (d["id"], d["token"])
    assert api.put(f"/addons/drain-logs/log-drains/{d['id']}", {"url": "ftp://x"}).status == 422
    assert api.delete(f"/apps/{app}/addons/drain-logs").status == 200
    assert api.get(f"/apps/{app}/log-drains").body == []
