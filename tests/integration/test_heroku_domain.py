# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_domain and heroku_domain_info through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import Playbook, assert_writes, fails_before_any_request
from playbook_harness import checkpoint_task
from sim_api import api

DOMAIN_ID = re.compile(r"/apps/acme-web/domains/[0-9a-f-]{36}")


def domain(**args):
    return {"name": "domain", "herokuops.platform.heroku_domain": dict(dict(app="acme-web"), **args)}


def domains(sim, app="acme-web"):
    return sorted(item["hostname"] for item in api(sim, "GET", "/apps/%s/domains" % app)[1] if item["kind"] == "custom")


@pytest.mark.both_paths
def test_add_in_check_mode_for_real_again_in_other_case_then_remove(sim, run_playbook):
    sim.seed_app("acme-web")
    seen = {}
    plan = Playbook(run_playbook)
    add = plan.converge(domain(hostname="www.example.com"),
                        writes=[("POST", "/apps/acme-web/domains", {"hostname": "www.example.com", "sni_endpoint": None})],
                        # Hostnames compare case-insensitively: the same domain spelled otherwise is no change.
                        again_task=domain(hostname="WWW.Example.COM"),
                        reads=[("GET", "/apps/acme-web/domains/www.example.com")],
                        after_check=lambda: seen.update(after_check=domains(sim)))
    remove = plan.absent(domain(hostname="Www.Example.com"), writes=[("DELETE", DOMAIN_ID, None)],
                         reads=[("GET", "/apps/acme-web/domains/www.example.com")])
    plan.run()

    assert seen["after_check"] == []
    predicted = add.check["heroku_domain"]
    assert predicted["hostname"] == "www.example.com" and predicted["id"] is None and predicted["cname"] is None
    assert add.check["diff"]["after"]["hostname"] == "www.example.com"
    created = add.real["heroku_domain"]
    assert created["hostname"] == "www.example.com" and created["kind"] == "custom" and created["app"] == "acme-web"
    assert created["cname"].endswith(".herokudns.com")
    # ACM is off on this app: Heroku reports no certificate status, and there is nothing to wait for.
    assert created["acm_status"] is None and created["sni_endpoint"] is None
    assert add.real.writes[0]["path"] == "/apps/acme-web/domains"
    assert add.again["heroku_domain"]["id"] == created["id"]
    assert add.again["diff"] == {"before": {}, "after": {}}

    assert remove.real["diff"]["before"]["hostname"] == "www.example.com" and remove.real["heroku_domain"] == {}
    assert remove.real.writes[0]["path"] == "/apps/acme-web/domains/%s" % created["id"]
    assert domains(sim) == []


def test_waits_for_the_acm_certificate_and_fails_when_acm_fails(sim, run_playbook):
    sim.seed_app("acme-web")
    assert api(sim, "POST", "/apps/acme-web/acm")[0] in (200, 201)
    sim.set_async_reads(2)  # pending on the module's first read, issued on its second
    result = run_playbook([
        domain(hostname="shop.example.com", wait=True, wait_timeout=60),
        # Failing on the first read, failed (Heroku's one more attempt) on the second.
        checkpoint_task("one read each"),
        dict(domain(hostname="shop-acm-fail.example.com", wait=True, wait_timeout=60), name="failing", ignore_errors=True),
        dict(domain(hostname="later.example.com"), name="no wait"),
    ], checkpoints={"one read each": lambda _result: sim.set_async_reads(1)})
    issued = result.task("domain")
    assert issued.status == "changed", result.output
    assert issued["heroku_domain"]["acm_status"] == "cert issued"
    polls = [call for call in issued.calls if call[0] == "GET" and DOMAIN_ID.fullmatch(call[1])]
    assert len(polls) >= 1

    failing = result.task("failing")
    assert failing.status == "failed"
    # The domain was added before ACM failed: that is a change, and the message says the state.
    assert failing["changed"] is True
    assert "domain shop-acm-fail.example.com failed; last seen state: failed" in failing["msg"]

    assert result.task("no wait")["heroku_domain"]["acm_status"] == "pending"
    for name, hostname in (("domain", "shop.example.com"), ("failing", "shop-acm-fail.example.com"),
                           ("no wait", "later.example.com")):
        assert_writes(result.task(name).writes,
                      [("POST", "/apps/acme-web/domains", {"hostname": hostname, "sni_endpoint": None})])


def test_domain_info_lists_every_domain_or_one_and_changes_nothing(sim, run_playbook):
    sim.seed_app("acme-web")
    for hostname in ("www.example.com", "api.example.com"):
        assert api(sim, "POST", "/apps/acme-web/domains", {"hostname": hostname, "sni_endpoint": None})[0] == 201
    result = run_playbook([
        {"name": "all", "herokuops.platform.heroku_domain_info": {"app": "acme-web"}},
        {"name": "one", "herokuops.platform.heroku_domain_info": {"app": "acme-web", "hostname": "API.example.com"}},
        {"name": "none", "herokuops.platform.heroku_domain_info": {"app": "acme-web", "hostname": "nope.example.com"}},
        {"name": "no app", "herokuops.platform.heroku_domain_info": {"app": "acme-nope"}, "ignore_errors": True},
    ], check=True)
    listed = result.task("all")["heroku_domain_info"]
    assert sorted((item["hostname"], item["kind"]) for item in listed) == [
        ("acme-web.herokuapp.com", "heroku"), ("api.example.com", "custom"), ("www.example.com", "custom")]
    assert [item["hostname"] for item in result.task("one")["heroku_domain_info"]] == ["api.example.com"]
    assert result.task("none")["heroku_domain_info"] == []
    assert result.task("no app")["msg"] == "App acme-nope was not found."
    for name in ("all", "one", "none"):
        assert result.task(name).status == "ok" and result.task(name).writes == [] and len(result.task(name).requests) == 1


def test_bad_input_fails_before_any_request_and_api_errors_name_the_request(sim, run_playbook):
    sim.seed_app("acme-web")
    sim.seed_app("acme-api")
    fails_before_any_request(run_playbook, [
        (domain(hostname="not a hostname"), "hostname='not a hostname' is not a valid hostname"),
        (domain(hostname="www.example.com\n"), "is not a valid hostname"),
        (domain(hostname="../account"), "is not a valid hostname"),
        (domain(app="Acme_Web", hostname="www.example.com"), "app='Acme_Web' is not a valid app name"),
        (domain(hostname="www.example.com", wait_timeout=-1), "wait_timeout=-1 is out of range"),
    ])
    # Heroku refuses a hostname another app serves; the error names the request, Heroku's id and its Request-Id.
    assert api(sim, "POST", "/apps/acme-api/domains", {"hostname": "www.example.com", "sni_endpoint": None})[0] == 201
    result = run_playbook([dict(domain(hostname="www.example.com"), ignore_errors=True)])
    record = result.task("domain")
    assert record.status == "failed" and record["changed"] is False
    assert record["msg"].startswith("POST /apps/acme-web/domains failed (422 invalid_params): ")
    assert "[request-id " in record["msg"] and record["failure"]["request_id"]
    assert_writes(record.writes, [("POST", "/apps/acme-web/domains", {"hostname": "www.example.com", "sni_endpoint": None})])


def test_sni_endpoint_set_on_creation_then_changed_in_place_and_removed(sim, run_playbook):
    sim.seed_app("acme-web")
    sim.world.add_sni_endpoint("acme-web", name="tokyo-1234")
    sim.world.add_sni_endpoint("acme-web", name="osaka-5678")
    seen = {}

    def bound():
        return dict((item["hostname"], (item["sni_endpoint"] or {}).get("name"))
                    for item in api(sim, "GET", "/apps/acme-web/domains")[1] if item["kind"] == "custom")

    plan = Playbook(run_playbook)
    # Created with its endpoint in Heroku's create (sni_endpoint is required there, null for none).
    create = plan.converge(domain(hostname="shop.example.com", sni_endpoint="tokyo-1234"),
                           writes=[("POST", "/apps/acme-web/domains",
                                    {"hostname": "shop.example.com", "sni_endpoint": "tokyo-1234"})],
                           reads=[("GET", "/apps/acme-web/domains/shop.example.com")])
    # Another endpoint: one PATCH of the domain, nothing else; check mode sends none.
    change = plan.converge(domain(hostname="shop.example.com", sni_endpoint="osaka-5678"),
                           writes=[("PATCH", DOMAIN_ID, {"sni_endpoint": "osaka-5678"})],
                           reads=[("GET", "/apps/acme-web/domains/shop.example.com")],
                           after_check=lambda: seen.update(after_check=bound()))
    # "" asks for none: null in the PATCH.
    unbind = plan.converge(domain(hostname="shop.example.com", sni_endpoint=""),
                           writes=[("PATCH", DOMAIN_ID, {"sni_endpoint": None})],
                           reads=[("GET", "/apps/acme-web/domains/shop.example.com")])
    # Not given: left as it is.
    untouched = plan.task(domain(hostname="shop.example.com"), label="untouched", status="ok")
    plan.run()

    assert create.check["heroku_domain"]["sni_endpoint"] == "tokyo-1234"
    assert create.real["heroku_domain"]["sni_endpoint"] == "tokyo-1234"
    assert seen["after_check"] == {"shop.example.com": "tokyo-1234"}
    for step in (change.check, change.real):
        assert step["diff"] == {"before": {"sni_endpoint": "tokyo-1234"}, "after": {"sni_endpoint": "osaka-5678"}}
    assert change.real["heroku_domain"]["sni_endpoint"] == "osaka-5678"
    assert change.real.calls == [("GET", "/apps/acme-web/domains/shop.example.com"),
                                 ("PATCH", "/apps/acme-web/domains/%s" % create.real["heroku_domain"]["id"])]
    assert unbind.real["diff"] == {"before": {"sni_endpoint": "osaka-5678"}, "after": {"sni_endpoint": None}}
    assert unbind.real["heroku_domain"]["sni_endpoint"] is None
    assert untouched.calls == [("GET", "/apps/acme-web/domains/shop.example.com")]
    assert bound() == {"shop.example.com": None}


def test_sni_endpoint_refused_before_any_request_or_by_heroku_before_anything_changes(sim, run_playbook):
    sim.seed_app("acme-web")
    fails_before_any_request(run_playbook, [
        (domain(hostname="www.example.com", sni_endpoint="01234567-89ab-cdef-0123-456789abcdef"),
         "sni_endpoint='01234567-89ab-cdef-0123-456789abcdef' is not a valid sni endpoint name: use 3 to 30 lower case"),
        (domain(hostname="www.example.com", sni_endpoint="Tokyo_1234"), "sni_endpoint='Tokyo_1234' is not a valid"),
    ])
    result = run_playbook([dict(domain(hostname="www.example.com", sni_endpoint="nope-1234"), ignore_errors=True)])
    record = result.task("domain")
    assert record.status == "failed" and record["changed"] is False
    assert record["msg"].startswith("POST /apps/acme-web/domains failed (404 not_found): ")
    assert domains(sim) == []
