# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_certificate and heroku_certificate_info through real ansible-playbook runs against the simulator.

Certificates are made at test time by a throwaway CA (heroku_simulator.certificates): no key is stored.
"""

import datetime
import re

import pytest
from cryptography.hazmat.primitives import serialization
from heroku_simulator.certificates import TestCA, new_key

from converge import Playbook, assert_writes, fails_before_any_request
from sim_api import api

ENDPOINT = re.compile(r"/apps/acme-web/sni-endpoints/[0-9a-f-]{36}")
LIST = ("GET", "/apps/acme-web/sni-endpoints")
DOMAINS = ("GET", "/apps/acme-web/domains")


def upload(chain, key, endpoint=ENDPOINT):
    """The write of a certificate: a new SNI endpoint (``endpoint=None``), or a PATCH of one. The chain and the
    key are sent as the task gave them."""
    if endpoint is None:
        return ("POST", "/apps/acme-web/sni-endpoints", {"certificate_chain": chain, "private_key": key})
    return ("PATCH", endpoint, {"certificate_chain": chain, "private_key": key})


def served_by(hostname, endpoint_id):
    """The write that has a domain served by an SNI endpoint (``None``: by none)."""
    return ("PATCH", "/apps/acme-web/domains/%s" % hostname, {"sni_endpoint": endpoint_id})


def certificate(**args):
    return {"name": "certificate", "herokuops.platform.heroku_certificate": dict(dict(app="acme-web"), **args)}


def domain(**args):
    return {"name": "domain", "herokuops.platform.heroku_domain": dict(dict(app="acme-web"), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_certificate_info": dict(dict(app="acme-web"), **args)}


def reencoded(pem):
    """The same certificates as PEM written otherwise: 40-column lines, CRLF, blank lines and indentation."""
    blocks = re.findall(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", pem, re.S)
    out = []
    for block in blocks:
        body = "".join(block.split())
        lines = [body[i:i + 40] for i in range(0, len(body), 40)]
        out.append("\r\n".join(["  -----BEGIN CERTIFICATE-----"] + lines + ["-----END CERTIFICATE-----", "", ""]))
    return "\r\n".join(out) + "\n\n"


def ago(days):
    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)


def traditional(key):
    """The same private key in the other PEM encoding (BEGIN EC PRIVATE KEY rather than BEGIN PRIVATE KEY)."""
    return serialization.load_pem_private_key(key.encode("ascii"), password=None).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption()).decode("ascii")


def key_lines(key):
    return [line for line in key.splitlines() if "-----" not in line]


def endpoints(sim):
    return api(sim, "GET", "/apps/acme-web/sni-endpoints")[1]


def bound(sim):
    """hostname -> name of the SNI endpoint that serves it."""
    return dict((domain["hostname"], (domain["sni_endpoint"] or {}).get("name"))
                for domain in api(sim, "GET", "/apps/acme-web/domains")[1] if domain["kind"] == "custom")


@pytest.fixture
def app(sim):
    sim.seed_app("acme-web")
    for hostname in ("www.example.com", "example.com", "api.example.com"):
        assert api(sim, "POST", "/apps/acme-web/domains", {"hostname": hostname, "sni_endpoint": None})[0] == 201
    return "acme-web"


@pytest.mark.both_paths
def test_create_renew_bind_rebind_report_and_remove(sim, run_playbook, app):
    ca = TestCA()
    leaf, key = ca.issue("www.example.com", "example.com", days=90)
    renewed, renewed_key = ca.issue("www.example.com", "example.com", days=365)
    wildcard, wildcard_key = ca.issue("*.example.com", days=20)
    with sim.lock:
        seeded = sim.world.add_sni_endpoint("acme-web", name="tokyo-1234")
    shop, shop_key = ca.issue("tokyo-1234.example.com", days=200)
    seen = {}

    plan = Playbook(run_playbook)
    create = plan.converge(
        certificate(certificate=leaf + ca.pem, private_key=key, domains=["www.example.com"]),
        writes=lambda: [upload(leaf + ca.pem, key, endpoint=None),
                        served_by("www.example.com", create.real["heroku_certificate"]["id"])],
        # The same certificates written otherwise, and the hostname in other case: no change.
        again_task=certificate(certificate=reencoded(leaf + ca.pem), private_key=key, domains=["WWW.Example.com"]),
        reads=[LIST, DOMAINS],
        after_check=lambda: seen.update(after_check=[e["name"] for e in endpoints(sim)]))
    # A renewal keeps the names: found by them, one PATCH, the endpoint keeps its name and domains.
    renew = plan.converge(certificate(certificate=renewed + ca.pem, private_key=renewed_key),
                          writes=lambda: [upload(renewed + ca.pem, renewed_key,
                                                 "/apps/acme-web/sni-endpoints/%s" % create.real["heroku_certificate"]["id"])],
                          reads=[LIST, DOMAINS])
    # A wildcard endpoint takes www.example.com over (re-binding) and api.example.com.
    rebind = plan.converge(
        certificate(certificate=wildcard, private_key=wildcard_key, domains=["www.example.com", "api.example.com"]),
        writes=lambda: [upload(wildcard, wildcard_key, endpoint=None),
                        served_by("www.example.com", rebind.real["heroku_certificate"]["id"]),
                        served_by("api.example.com", rebind.real["heroku_certificate"]["id"])],
        reads=[LIST, DOMAINS], after_real=lambda: seen.update(rebound=bound(sim)))
    unbind = plan.converge(
        certificate(certificate=wildcard, private_key=wildcard_key, domains=["api.example.com"]),
        writes=[served_by("www.example.com", None)], reads=[LIST, DOMAINS])
    # By name, whatever the certificate's names.
    by_name = plan.converge(certificate(name="tokyo-1234", certificate=shop, private_key=shop_key),
                            writes=[upload(shop, shop_key, "/apps/acme-web/sni-endpoints/%s" % seeded["id"])],
                            reads=[LIST])
    report = plan.task(info(), label="all")
    expiring = plan.task(info(expiring_within_days=30), label="expiring")
    expired = plan.task(info(expiring_within_days=0), label="expired")
    one = plan.task(info(name="tokyo-1234"), label="one")
    nope = plan.task(info(name="nope-1234"), label="nope")
    # Removed by the certificate's names (a renewal of it finds it too), then by name.
    # Found only by reading: an endpoint of a name Heroku never gave, a domain the app does not have.
    plan.fails(certificate(name="nope-1234", certificate=leaf, private_key=key),
               "SNI endpoint nope-1234 was not found on app acme-web", requests=True)
    plan.fails(certificate(certificate=wildcard, private_key=wildcard_key, domains=["shop.example.com"]),
               "app acme-web has no custom domain shop.example.com", requests=True)
    remove = plan.absent(certificate(certificate=leaf, private_key=key), writes=[("DELETE", ENDPOINT, None)], reads=[LIST])
    plan.absent(certificate(name="tokyo-1234"),
                writes=[("DELETE", "/apps/acme-web/sni-endpoints/%s" % seeded["id"], None)], reads=[LIST])
    plan.run()

    assert seen["after_check"] == ["tokyo-1234"]
    predicted = create.check["heroku_certificate"]
    made = create.real["heroku_certificate"]
    assert predicted["id"] is None and predicted["name"] is None and predicted["domains"] == ["www.example.com"]
    for key_name in ("fingerprint_sha256", "chain_fingerprints_sha256", "cert_domains", "issuer", "subject",
                     "serial_number", "starts_at", "expires_at", "self_signed"):
        assert predicted[key_name] == made[key_name], key_name
    assert made["cert_domains"] == ["www.example.com", "example.com"] and made["domains"] == ["www.example.com"]
    assert made["subject"] == "/CN=www.example.com" and made["issuer"] == "/O=Heroku Simulator/CN=Simulated Test CA"
    assert re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", made["fingerprint_sha256"])
    assert len(made["chain_fingerprints_sha256"]) == 1 and made["app"] == "acme-web" and made["acm"] is False
    assert made["name"] and create.again["heroku_certificate"]["id"] == made["id"]
    assert create.again["diff"] == {"before": {}, "after": {}}
    assert "private_key" not in made

    renewed_result = renew.real["heroku_certificate"]
    assert renewed_result["id"] == made["id"] and renewed_result["name"] == made["name"]
    assert renewed_result["domains"] == ["www.example.com"]
    assert renewed_result["fingerprint_sha256"] != made["fingerprint_sha256"]
    before, after = renew.check["diff"]["before"], renew.check["diff"]["after"]
    assert before["fingerprint_sha256"] == made["fingerprint_sha256"]
    assert after["fingerprint_sha256"] == renewed_result["fingerprint_sha256"]
    assert after["expires_at"] > before["expires_at"] and "chain_fingerprints_sha256" not in after
    assert renew.check["heroku_certificate"]["expires_at"] == renewed_result["expires_at"]

    wild = rebind.real["heroku_certificate"]
    assert seen["rebound"] == {"www.example.com": wild["name"], "api.example.com": wild["name"], "example.com": None}
    assert rebind.real["diff"]["after"]["domains"] == ["api.example.com", "www.example.com"]
    assert unbind.real["diff"] == {"before": {"domains": ["api.example.com", "www.example.com"]},
                                   "after": {"domains": ["api.example.com"]}}
    assert by_name.real["heroku_certificate"]["cert_domains"] == ["tokyo-1234.example.com"]
    assert by_name.real["diff"]["before"]["serial_number"] != by_name.real["diff"]["after"]["serial_number"]

    listed = dict((item["name"], item) for item in report["heroku_certificate_info"])
    assert sorted(listed) == sorted([made["name"], wild["name"], "tokyo-1234"])
    assert listed[wild["name"]]["domains"] == ["api.example.com"] and listed[made["name"]]["domains"] == []
    assert listed[made["name"]]["fingerprint_sha256"] == renewed_result["fingerprint_sha256"]
    assert 363 <= listed[made["name"]]["days_left"] <= 365
    assert [item["name"] for item in expiring["heroku_certificate_info"]] == [wild["name"]]
    assert 18 <= expiring["heroku_certificate_info"][0]["days_left"] <= 20
    assert expired["heroku_certificate_info"] == []
    assert [item["name"] for item in one["heroku_certificate_info"]] == ["tokyo-1234"]
    assert nope["heroku_certificate_info"] == []
    for step in (report, expiring, expired, one, nope):
        assert step.status == "ok" and step.writes == [] and len(step.requests) <= 2, step.calls

    assert remove.real["heroku_certificate"] == {} and remove.real["diff"]["before"]["name"] == made["name"]
    assert sorted(e["name"] for e in endpoints(sim)) == [wild["name"]]
    assert bound(sim)["api.example.com"] == wild["name"]


def test_bad_input_fails_before_any_request(sim, run_playbook, app):
    ca = TestCA()
    leaf, key = ca.issue("www.example.com")
    _other, other_key = ca.issue("www.example.com")
    signing = new_key()
    signed, _signed_key = ca.issue("www.example.com", key=signing)
    encrypted = signing.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.BestAvailableEncryption(b"passphrase")).decode("ascii")
    garbage = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n"
    expired, expired_key = ca.issue("www.example.com", starts=ago(100), days=90)
    future, future_key = ca.issue("www.example.com", starts=ago(-3), days=90)
    results = fails_before_any_request(run_playbook, [
        (certificate(certificate="not a certificate", private_key=key), "certificate is not a PEM certificate chain"),
        (certificate(certificate=garbage, private_key=key), "certificate 1 of the chain is not an X.509 certificate"),
        (certificate(certificate=leaf, private_key=other_key), "private_key does not match the certificate"),
        (certificate(certificate=leaf, private_key="/etc/ssl/www.key"), "private_key is not a PEM private key"),
        (certificate(certificate=leaf + key, private_key=key), "certificate holds a private key"),
        (certificate(certificate=leaf, private_key=key, domains=["api.example.com"]),
         "domains[0]='api.example.com' is not a name of the certificate (www.example.com)"),
        (certificate(certificate=leaf, private_key=key, domains=["not a host"]), "domains[0]='not a host' is not a valid hostname"),
        (certificate(certificate=leaf, private_key=key, name="../account"), "name='../account' is not a valid sni endpoint name"),
        (certificate(certificate=leaf), "missing: private_key"),
        (certificate(state="absent"), "name, certificate"),
        (certificate(certificate=signed, private_key=encrypted), "private_key is encrypted"),
        (info(expiring_within_days=-1), "expiring_within_days=-1 is out of range"),
        (certificate(certificate=expired, private_key=expired_key), "certificate has expired (notBefore "),
        (certificate(certificate=future, private_key=future_key), "certificate is not valid yet (notBefore "),
        (certificate(certificate=leaf, private_key=key, min_days_valid=-1), "min_days_valid=-1 is out of range"),
    ])
    expiry = re.compile(r"notBefore \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, notAfter \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(UTC\)")
    assert expiry.search(results[-3]["msg"]) and expiry.search(results[-2]["msg"])


@pytest.mark.both_paths
def test_an_api_error_and_the_private_key_never_shown_at_vvvv(sim, run_playbook, app):
    ca = TestCA()
    leaf, key = ca.issue("www.example.com")
    renewed, renewed_key = ca.issue("www.example.com")
    plan = Playbook(run_playbook)
    created = plan.task(certificate(certificate=leaf, private_key=key, domains=["www.example.com"]), label="create")
    # Heroku's answer to a key it refuses; the module's own check passed.
    plan.checkpoint(lambda: sim.inject_fault(method="PATCH", path=r"/sni-endpoints/", status=422,
                                             error_id="invalid_params", message="Private key does not match the certificate."))
    failing = plan.task(certificate(certificate=renewed, private_key=renewed_key), label="failing", ignore_errors=True)
    # The key where the certificate goes: the options swapped, and a bundle whose key is in another PEM encoding
    # than private_key (which Ansible's own no_log masking of private_key would not recognise).
    bundled_key = traditional(key)
    plan.fails(certificate(certificate=key, private_key=leaf), "certificate holds a private key")
    plan.fails(certificate(certificate=leaf + bundled_key, private_key=key), "certificate holds a private key")
    result = plan.run(diff=True, verbosity=4)
    assert created.status == "changed", result.stdout
    assert failing.status == "failed" and failing["changed"] is False
    assert re.match(r"PATCH /apps/acme-web/sni-endpoints/[0-9a-f-]{36} failed \(422 invalid_params\): Private key does "
                    r"not match the certificate\. \[request-id ", failing["msg"]), failing["msg"]
    assert failing["failure"]["request_id"]
    made = created["heroku_certificate"]
    assert_writes(created.writes, [upload(leaf, key, endpoint=None), served_by("www.example.com", made["id"])])
    assert_writes(failing.writes, [upload(renewed, renewed_key, "/apps/acme-web/sni-endpoints/%s" % made["id"])])
    assert "BEGIN EC PRIVATE KEY" in bundled_key
    for secret in key_lines(key) + key_lines(renewed_key) + key_lines(bundled_key):
        assert secret not in result.stdout
        assert secret not in repr(result.results)
    assert "PRIVATE KEY" not in result.stdout.replace("private_key", "")
    assert [e["ssl_cert"]["cert_domains"] for e in endpoints(sim)] == [["www.example.com"]]


def test_certificates_only_go_forward(sim, run_playbook, app):
    ca = TestCA()
    current, current_key = ca.issue("www.example.com", days=365)
    older, older_key = ca.issue("www.example.com", days=90)
    soon, soon_key = ca.issue("api.example.com", days=5)
    plan = Playbook(run_playbook)
    plan.task(certificate(certificate=current, private_key=current_key), label="current", status="changed")
    # An older certificate (it expires sooner) never replaces the one served: not in check mode, not for real.
    refused_check = plan.fails(certificate(certificate=older, private_key=older_key), "force: true overrides",
                               requests=True, check_mode=True, label="older in check mode")
    refused = plan.fails(certificate(certificate=older, private_key=older_key), "force: true overrides",
                         requests=True, label="older")
    forced = plan.task(certificate(certificate=older, private_key=older_key, force=True), label="forced", diff=True)
    # Valid for fewer than min_days_valid (14) more days: uploaded, with a warning; a smaller margin says nothing.
    warned = plan.task(certificate(certificate=soon, private_key=soon_key), label="expiring soon")
    quiet = plan.task(certificate(certificate=soon, private_key=soon_key, min_days_valid=3), label="smaller margin")
    plan.run()

    current_expiry = forced["diff"]["before"]["expires_at"]
    older_expiry = forced["diff"]["after"]["expires_at"]
    assert older_expiry < current_expiry
    for step in (refused_check, refused):
        assert step["changed"] is False
        assert current_expiry in step["msg"] and older_expiry in step["msg"], step["msg"]
    assert forced.status == "changed"
    assert_writes(forced.writes, [upload(older, older_key)])
    assert any("force: true" in text and current_expiry in text for text in forced.get("warnings", [])), forced.result
    assert [e["ssl_cert"]["expires_at"] for e in endpoints(sim) if e["ssl_cert"]["cert_domains"] == ["www.example.com"]] \
        == [older_expiry]

    assert warned.status == "changed"
    assert_writes(warned.writes, [upload(soon, soon_key, endpoint=None)])
    assert any("fewer than min_days_valid=14" in text for text in warned.get("warnings", [])), warned.result
    assert quiet.status == "ok" and quiet.writes == [] and not quiet.get("warnings")


def test_check_mode_binds_a_domain_an_earlier_task_would_add(sim, run_playbook, app):
    ca = TestCA()
    leaf, key = ca.issue("www.example.com", "new.example.com")
    tasks = [domain(hostname="new.example.com"),
             certificate(certificate=leaf, private_key=key, domains=["www.example.com", "new.example.com"])]
    plan = Playbook(run_playbook)
    checked = [plan.task(task, label="check %d" % index, check_mode=True, diff=True) for index, task in enumerate(tasks)]
    real = [plan.task(task, label="real %d" % index) for index, task in enumerate(tasks)]
    plan.run()

    added, binding = checked
    assert added.status == "changed" and binding.status == "changed", binding.result
    assert added.writes == [] and binding.writes == []
    assert any("no custom domain new.example.com yet" in text for text in binding.get("warnings", [])), binding.result
    assert binding["heroku_certificate"]["domains"] == ["new.example.com", "www.example.com"]
    assert [result.status for result in real] == ["changed", "changed"], real[1].result
    assert not real[1].get("warnings")
    name = real[1]["heroku_certificate"]["name"]
    assert_writes(real[0].writes, [("POST", "/apps/acme-web/domains", {"hostname": "new.example.com", "sni_endpoint": None})])
    endpoint_id = real[1]["heroku_certificate"]["id"]
    assert_writes(real[1].writes, [upload(leaf, key, endpoint=None), served_by("www.example.com", endpoint_id),
                                   served_by("new.example.com", endpoint_id)], in_any_order=True)
    assert dict((host, endpoint) for host, endpoint in bound(sim).items() if endpoint) == {
        "new.example.com": name, "www.example.com": name}
