"""Custom domains as Heroku serves them: case-insensitive hostnames, Heroku's 422s, the DNS target's
status and the ACM certificate's progress (pending -> cert issued, or failing -> failed), SNI
endpoint binding."""
import json
import time

import pytest

# The ACM statuses Heroku gives a domain (the CLI's certs:auto and its wait read these).
ACM_STATUSES = {None, "pending", "cert issued", "failing", "failed"}


def add(api, app, hostname, **extra):
    return api.post(f"/apps/{app}/domains", {"hostname": hostname, "sni_endpoint": None, **extra})


def domain(api, app, ident):
    r = api.get(f"/apps/{app}/domains/{ident}")
    assert r.status == 200, r.body
    assert r.body["acm_status"] in ACM_STATUSES
    return r.body


@pytest.fixture
def app(sim):
    sim.seed_app("dom-app")
    return "dom-app"


@pytest.fixture
def acm_app(api, sim):
    sim.seed_app("acm-app")
    assert api.post("/apps/acm-app/acm").body["acm"] is True
    return "acm-app"


# ---- create: required fields, hostnames, 422s ------------------------------------------------

def test_create_requires_hostname_and_sni_endpoint(api, app):
    r = api.post("/apps/dom-app/domains", {"hostname": "www.example.com"})
    assert (r.status, r.body["id"], r.body["message"]) == (422, "invalid_params", "Require params: sni_endpoint.")
    r = api.post("/apps/dom-app/domains", {"sni_endpoint": None})
    assert (r.status, r.body["id"], r.body["message"]) == (422, "invalid_params", "Require params: hostname.")
    r = add(api, app, "www.example.com")
    assert r.status == 201 and r.body["sni_endpoint"] is None and r.body["kind"] == "custom"
    assert r.body["cname"] == "www.example.com.herokudns.com"


def test_hostnames_are_stored_lower_case_and_found_case_insensitively(api, app):
    d = add(api, app, "WWW.Example.COM").body
    assert d["hostname"] == "www.example.com"
    for ident in ("www.example.com", "WWW.EXAMPLE.COM", "Www.Example.Com", d["id"]):
        assert domain(api, app, ident)["id"] == d["id"]
    assert domain(api, app, "Dom-App.HerokuApp.com")["kind"] == "heroku"
    assert api.delete("/apps/dom-app/domains/WWW.example.com").status == 200
    assert api.get("/apps/dom-app/domains/www.example.com").status == 404


def test_duplicate_hostnames_answer_herokus_422(api, app, sim):
    sim.seed_app("other-app")
    add(api, app, "www.example.com")
    for app_name, hostname, message in [
            ("dom-app", "WWW.example.com", "Domain already added to this app."),
            ("other-app", "www.example.com", "www.example.com is currently in use by another app."),
            ("dom-app", "dom-app.herokuapp.com", "Domain already added to this app."),
            ("dom-app", "other-app.herokuapp.com", "other-app.herokuapp.com is currently in use by another app.")]:
        r = add(api, app_name, hostname)
        assert (r.status, r.body["id"], r.body["message"]) == (422, "invalid_params", message), hostname


@pytest.mark.parametrize("hostname", ["not a host", "", "example", "-bad.example.com", "bad-.example.com",
                                      "www..example.com", "a." * 126 + "com", 42, ["www.example.com"]])
def test_a_hostname_that_is_not_one_answers_422(api, app, hostname):
    r = add(api, app, hostname)
    assert (r.status, r.body["id"]) == (422, "invalid_params"), r.body


def test_wildcard_hostname(api, app):
    d = add(api, app, "*.Example.com").body
    assert d["hostname"] == "*.example.com" and d["cname"] == "wildcard.example.com.herokudns.com"


# ---- status and ACM -------------------------------------------------------------------------

def test_without_acm_status_goes_pending_then_succeeded_and_acm_fields_stay_null(api, app):
    d = add(api, app, "www.example.com").body
    assert (d["status"], d["acm_status"], d["acm_status_reason"]) == ("pending", None, None)
    d = domain(api, app, "www.example.com")
    assert (d["status"], d["acm_status"], d["acm_status_reason"]) == ("succeeded", None, None)
    heroku = domain(api, app, "dom-app.herokuapp.com")
    assert (heroku["status"], heroku["acm_status"], heroku["cname"]) == ("none", None, None)


def test_with_acm_the_certificate_goes_pending_then_cert_issued(api, acm_app):
    d = add(api, acm_app, "www.example.com").body
    assert (d["status"], d["acm_status"]) == ("pending", "pending")
    d = domain(api, acm_app, d["id"])
    assert (d["status"], d["acm_status"], d["acm_status_reason"]) == ("succeeded", "cert issued", None)
    # The herokuapp.com domain has Heroku's own certificate, never an ACM status.
    assert domain(api, acm_app, "acm-app.herokuapp.com")["acm_status"] is None


def test_turning_acm_on_orders_a_certificate_per_custom_domain(api, app, sim):
    add(api, app, "www.example.com")
    add(api, app, "api.example.com")
    sim.freeze_async(True)
    assert api.post("/apps/dom-app/acm").body["acm"] is True
    listed = {d["hostname"]: d["acm_status"] for d in api.get("/apps/dom-app/domains").body}
    assert listed == {"dom-app.herokuapp.com": None, "www.example.com": "pending", "api.example.com": "pending"}
    sim.freeze_async(False)
    listed = {d["hostname"]: d["acm_status"] for d in api.get("/apps/dom-app/domains").body}
    assert listed == {"dom-app.herokuapp.com": None, "www.example.com": "cert issued",
                      "api.example.com": "cert issued"}
    # Off again: no ACM status at all; on again: a new certificate.
    assert api.delete("/apps/dom-app/acm").body["acm"] is False
    assert {d["acm_status"] for d in api.get("/apps/dom-app/domains").body} == {None}
    api.post("/apps/dom-app/acm")
    assert domain(api, app, "www.example.com")["acm_status"] == "cert issued"


def test_async_delay_and_freeze_are_honoured(api, acm_app, sim):
    sim.set_async_delay(0.3)
    add(api, acm_app, "www.example.com")
    d = domain(api, acm_app, "www.example.com")
    assert (d["status"], d["acm_status"]) == ("pending", "pending")
    sim.freeze_async(True)
    time.sleep(0.35)
    assert domain(api, acm_app, "www.example.com")["acm_status"] == "pending"
    sim.freeze_async(False)
    d = domain(api, acm_app, "www.example.com")
    assert (d["status"], d["acm_status"]) == ("succeeded", "cert issued")


def test_acm_fails_for_a_hostname_containing_acm_fail(api, acm_app):
    add(api, acm_app, "shop-acm-fail.example.com")
    seen = [domain(api, acm_app, "shop-acm-fail.example.com") for _ in range(3)]
    assert [d["acm_status"] for d in seen] == ["failing", "failed", "failed"]
    assert all(d["acm_status_reason"] for d in seen)
    assert all(d["status"] == "succeeded" for d in seen)   # the DNS target is fine; the certificate is not
    # certs:auto:refresh (PATCH /acm) tries again, and fails again.
    api.patch("/apps/acm-app/acm", {"acm_refresh": True})
    assert domain(api, acm_app, "shop-acm-fail.example.com")["acm_status"] == "failing"


def test_acm_fails_for_a_hostname_given_to_the_world(api, acm_app, sim):
    sim.world.fail_acm("API.example.com")
    add(api, acm_app, "api.example.com")
    add(api, acm_app, "www.example.com")
    domain(api, acm_app, "api.example.com")
    assert domain(api, acm_app, "api.example.com")["acm_status"] == "failed"
    assert domain(api, acm_app, "www.example.com")["acm_status"] == "cert issued"
    sim.world.fail_acm("api.example.com", fail=False)
    api.patch("/apps/acm-app/acm", {"acm_refresh": True})
    assert domain(api, acm_app, "api.example.com")["acm_status"] == "cert issued"
    sim.world.fail_acm("www.example.com")
    sim.reset()
    assert "acm_failing" not in sim.world.s


def test_a_domain_removed_while_pending_is_gone(api, acm_app, sim):
    sim.freeze_async(True)
    d = add(api, acm_app, "www.example.com").body
    assert api.delete(f"/apps/acm-app/domains/{d['id']}").status == 200
    sim.freeze_async(False)
    assert [x["kind"] for x in api.get("/apps/acm-app/domains").body] == ["heroku"]


# ---- SNI endpoints ------------------------------------------------------------------------

def test_sni_endpoint_null_unknown_and_bound(api, app, sim):
    r = add(api, app, "www.example.com", sni_endpoint="nope")
    assert (r.status, r.body["id"]) == (404, "not_found")
    add(api, app, "www.example.com")
    r = api.patch("/apps/dom-app/domains/www.example.com", {"sni_endpoint": "nope"})
    assert (r.status, r.body["id"]) == (404, "not_found")
    r = api.patch("/apps/dom-app/domains/www.example.com", {})
    assert (r.status, r.body["message"]) == (422, "Require params: sni_endpoint.")
    with sim.lock:
        endpoint = sim.world.add_sni_endpoint("dom-app", "tokyo-1234")
    assert [e["name"] for e in api.get("/apps/dom-app/sni-endpoints").body] == ["tokyo-1234"]
    r = api.patch("/apps/dom-app/domains/WWW.example.com", {"sni_endpoint": "tokyo-1234"})
    assert r.status == 200 and r.body["sni_endpoint"] == {"id": endpoint["id"], "name": "tokyo-1234"}
    assert domain(api, app, "www.example.com")["sni_endpoint"]["id"] == endpoint["id"]
    d = add(api, app, "api.example.com", sni_endpoint=endpoint["id"]).body
    assert d["sni_endpoint"]["name"] == "tokyo-1234"
    assert api.patch("/apps/dom-app/domains/www.example.com", {"sni_endpoint": None}).body["sni_endpoint"] is None
    r = api.patch("/apps/dom-app/domains/dom-app.herokuapp.com", {"sni_endpoint": None})
    assert (r.status, r.body["id"]) == (422, "invalid_params")
    # Another app's endpoint is not this app's.
    sim.seed_app("other-app")
    add(api, "other-app", "other.example.com")
    r = api.patch("/apps/other-app/domains/other.example.com", {"sni_endpoint": "tokyo-1234"})
    assert r.status == 404


def test_state_saved_before_acm_and_sni_endpoints_loads(api, app, sim, tmp_path):
    add(api, app, "www.example.com")
    path = tmp_path / "state.json"
    sim.save(str(path))
    state = json.loads(path.read_text())
    del state["sni_endpoints"]
    for d in state["domains"].values():
        for key in ("acm_status", "acm_status_reason", "sni_endpoint_id"):
            del d[key]
    path.write_text(json.dumps(state))
    sim.load(str(path))
    d = domain(api, app, "www.example.com")
    assert (d["acm_status"], d["sni_endpoint"]) == (None, None)
