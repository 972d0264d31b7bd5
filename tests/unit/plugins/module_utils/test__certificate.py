# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SNI endpoint spec: certificates compared by what they are, identity by names, input checks, the expiry report."""

from __future__ import annotations

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from heroku_simulator.certificates import TestCA

from ansible_collections.herokuops.platform.plugins.module_utils import _certificate
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError


@pytest.fixture(scope="module")
def ca():
    return TestCA()


def params(**args):
    return dict(dict(app="acme-web", name=None, certificate=None, private_key=None, domains=None, state="present"), **args)


def endpoint(name, chain, acm=False, domains=()):
    return {"id": "id-" + name, "name": name, "certificate_chain": chain, "domains": list(domains),
            "ssl_cert": {"acm": acm, "cert_domains": []}}


def test_the_same_certificates_written_otherwise_have_the_same_facts(ca):
    leaf, _key = ca.issue("WWW.example.com", "example.com")
    chain = leaf + ca.pem
    body = "".join(line for line in leaf.splitlines() if "-----" not in line)
    rewrapped = "\r\n  -----BEGIN CERTIFICATE-----\r\n%s\r\n-----END CERTIFICATE-----\r\n\r\n%s" % (
        "\r\n".join(body[i:i + 32] for i in range(0, len(body), 32)), ca.pem.replace("\n", "\r\n"))
    facts = _certificate.certificate_facts(chain)
    assert _certificate.certificate_facts(rewrapped) == facts
    assert facts["cert_domains"] == ["www.example.com", "example.com"]
    assert facts["subject"] == "/CN=WWW.example.com" and len(facts["chain_fingerprints_sha256"]) == 1
    assert facts["expires_at"].endswith("Z") and facts["serial_number"] == facts["serial_number"].upper()


def test_a_renewal_differs_by_fingerprint_not_by_names(ca):
    first, _key = ca.issue("www.example.com")
    second, _key = ca.issue("www.example.com")
    one, other = _certificate.certificate_facts(first), _certificate.certificate_facts(second)
    assert one["cert_domains"] == other["cert_domains"] and one["fingerprint_sha256"] != other["fingerprint_sha256"]


@pytest.mark.parametrize("name, hostname, covered", [
    ("www.example.com", "www.example.com", True),
    ("*.example.com", "www.example.com", True),
    ("*.example.com", "a.b.example.com", False),
    ("*.example.com", "example.com", False),
    ("*.example.com", "*.example.com", True),
    ("www.example.com", "api.example.com", False),
])
def test_covers(name, hostname, covered):
    assert _certificate.covers(name, hostname) is covered


def test_validate_names_the_option_and_never_quotes_the_key(ca):
    leaf, key = ca.issue("www.example.com")
    _pem, other = ca.issue("www.example.com")
    cases = [
        (params(certificate="garbage", private_key=key), "certificate"),
        (params(certificate=leaf, private_key=other), "private_key"),
        (params(certificate=leaf, private_key="nope"), "private_key"),
        (params(certificate=leaf + key, private_key=key), "certificate"),
        (params(certificate=leaf, private_key=key, domains=["api.example.com"]), "domains"),
        (params(certificate="garbage", state="absent"), "certificate"),
    ]
    for case, option in cases:
        with pytest.raises(HerokuInputError) as raised:
            _certificate.validate(case)
        assert raised.value.option == option
        assert not any(line in str(raised.value) for line in key.splitlines()[1:-1] + other.splitlines()[1:-1])
    _certificate.validate(params(certificate=leaf + ca.pem, private_key=key, domains=["WWW.example.com"]))
    _certificate.validate(params(name="tokyo-1234", state="absent"))


def test_desired_compares_the_chain_only_when_given(ca):
    leaf, key = ca.issue("www.example.com")
    alone = _certificate.desired(params(certificate=leaf, private_key=key, domains=["WWW.example.com", "www.example.com"]))
    assert "chain_fingerprints_sha256" not in alone and alone["domains"] == ["www.example.com"]
    assert alone["certificate"] == _certificate.certificate_facts(leaf)["fingerprint_sha256"]
    assert len(_certificate.desired(params(certificate=leaf + ca.pem, private_key=key))["chain_fingerprints_sha256"]) == 1
    assert _certificate.desired(params(name="x", state="absent")) == {}


def test_identity_by_name_or_by_the_certificates_names_never_an_acm_one(ca):
    mine, key = ca.issue("www.example.com", "example.com")
    renewal, _key = ca.issue("example.com", "www.example.com")
    other, _key = ca.issue("api.example.com")
    endpoints = [endpoint("acm-1", renewal, acm=True), endpoint("tokyo-1", mine), endpoint("osaka-2", other)]
    assert _certificate.find(endpoints, params(certificate=renewal, private_key=key))["name"] == "tokyo-1"
    assert _certificate.find(endpoints, params(name="osaka-2", certificate=mine))["name"] == "osaka-2"
    assert _certificate.find(endpoints, params(name="id-osaka-2", certificate=mine))["name"] == "osaka-2"
    assert _certificate.find(endpoints[2:], params(certificate=mine)) is None
    with pytest.raises(HerokuStateError, match="holds Heroku's ACM certificate"):
        _certificate.find(endpoints, params(name="acm-1", certificate=mine))
    with pytest.raises(HerokuStateError, match="has 2 SNI endpoints for example.com, www.example.com"):
        _certificate.find(endpoints + [endpoint("nara-3", renewal)], params(certificate=mine))


def test_the_expiry_report_selects_by_days_left_and_names_domains(ca):
    now = datetime.datetime.now(datetime.timezone.utc)
    soon, _key = ca.issue("soon.example.com", days=10)
    later, _key = ca.issue("later.example.com", days=100)
    gone, _key = ca.issue("gone.example.com", days=1, starts=now - datetime.timedelta(days=3))
    items = [_certificate.view(endpoint(name, chain, domains=["d1"] if name == "soon" else ()), params())
             for name, chain in (("soon", soon), ("later", later), ("gone", gone))]
    items.append(dict(items[0], name="unreadable", expires_at=None))
    reads = {"hostnames": {"d1": "soon.example.com"}}
    selected = _certificate.select(items, dict(expiring_within_days=30), reads)
    assert [(item["name"], item["days_left"]) for item in selected] == [("soon", 9), ("gone", -2), ("unreadable", None)]
    assert selected[0]["domains"] == ["soon.example.com"]
    assert [item["name"] for item in _certificate.select(items, dict(expiring_within_days=0), reads)] == ["gone", "unreadable"]
    assert len(_certificate.select(items, dict(expiring_within_days=None), reads)) == 4


# -- certificates only go forward (a fixed clock) -----------------------------------------------------

NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)


def issued(ca, days, starts_days_ago=1, *hostnames):
    return ca.issue(*(hostnames or ("www.example.com",)), days=days, starts=NOW - datetime.timedelta(days=starts_days_ago))


def facts_of(pem):
    return _certificate.certificate_facts(pem)


def test_a_certificate_not_valid_now_is_refused_naming_its_dates(ca):
    expired, _key = issued(ca, 30, starts_days_ago=40)
    future, _key = issued(ca, 30, starts_days_ago=-2)
    with pytest.raises(HerokuInputError) as raised:
        _certificate.check_validity(facts_of(expired), NOW)
    assert raised.value.option == "certificate"
    assert str(raised.value).startswith("certificate has expired (notBefore 2026-01-20T12:00:00Z, notAfter "
                                        "2026-02-19T12:00:00Z (UTC); it is now 2026-03-01T12:00:00Z)")
    with pytest.raises(HerokuInputError, match=r"certificate is not valid yet \(notBefore 2026-03-03T12:00:00Z, "
                                               r"notAfter 2026-04-02T12:00:00Z \(UTC\)") as raised:
        _certificate.check_validity(facts_of(future), NOW)
    assert raised.value.option == "certificate"
    # Valid from this very second, and up to the second before its notAfter.
    _certificate.check_validity(facts_of(issued(ca, 1, starts_days_ago=0)[0]), NOW)
    _certificate.check_validity(facts_of(issued(ca, 2, starts_days_ago=2)[0]), NOW - datetime.timedelta(seconds=1))
    with pytest.raises(HerokuInputError, match="expired"):
        _certificate.check_validity(facts_of(issued(ca, 2, starts_days_ago=2)[0]), NOW)


def test_validate_refuses_an_expired_certificate_by_the_clock(ca, monkeypatch):
    expired, key = issued(ca, 30, starts_days_ago=40)
    monkeypatch.setattr(_certificate, "now", lambda: NOW)
    with pytest.raises(HerokuInputError, match="certificate has expired"):
        _certificate.validate(params(certificate=expired, private_key=key))
    # Its endpoint can still be removed by its names.
    _certificate.validate(params(certificate=expired, state="absent"))
    monkeypatch.setattr(_certificate, "now", lambda: NOW - datetime.timedelta(days=20))
    _certificate.validate(params(certificate=expired, private_key=key))


def test_a_certificate_expiring_within_the_margin_is_taken_with_a_warning(ca):
    soon = facts_of(issued(ca, 6)[0])  # 5 days left
    assert _certificate.expiry_warnings(soon, dict(min_days_valid=14), NOW) == [
        "certificate expires at %s (notAfter, UTC), in 5.0 days: fewer than min_days_valid=14. Renew it soon."
        % soon["expires_at"]]
    assert _certificate.expiry_warnings(soon, dict(min_days_valid=5), NOW) == []
    assert _certificate.expiry_warnings(soon, dict(min_days_valid=0), NOW) == []
    assert _certificate.expiry_warnings(facts_of(issued(ca, 90)[0]), dict(min_days_valid=14), NOW) == []


def test_the_served_certificate_is_never_replaced_by_one_that_expires_sooner(ca):
    served = dict(facts_of(issued(ca, 365)[0]), name="tokyo-1234")
    older, same, later = (facts_of(issued(ca, days)[0]) for days in (90, 365, 400))
    with pytest.raises(HerokuInputError) as raised:
        _certificate.replacement_warnings(older, served, dict(force=False))
    message = str(raised.value)
    assert raised.value.option == "certificate"
    assert served["expires_at"] in message and older["expires_at"] in message and "force: true overrides" in message
    assert message.index(served["expires_at"]) < message.index(older["expires_at"])
    forced = _certificate.replacement_warnings(older, served, dict(force=True))
    assert len(forced) == 1 and served["expires_at"] in forced[0] and "force: true" in forced[0]
    # The same expiry, a renewal, the certificate served itself, or nothing served yet: no word.
    assert same["expires_at"] == served["expires_at"]
    for given in (same, later, served):
        assert _certificate.replacement_warnings(given, served, dict(force=False)) == []
    assert _certificate.replacement_warnings(older, None, dict(force=False)) == []


class Domains:
    """A client that only lists the app's domains."""

    def __init__(self, *hostnames):
        self.hostnames = hostnames
        self.calls = []

    def list(self, path):
        self.calls.append(path)
        return [{"id": "id-" + hostname, "hostname": hostname, "kind": "custom"} for hostname in self.hostnames]


def test_a_domain_the_app_lacks_fails_a_real_run_and_warns_in_check_mode(ca):
    leaf, key = ca.issue("www.example.com", "new.example.com")
    wanted = params(certificate=leaf, private_key=key, domains=["new.example.com"], min_days_valid=14, force=False)
    with pytest.raises(HerokuStateError, match="app acme-web has no custom domain new.example.com"):
        _certificate.review(Domains("www.example.com"), None, wanted, False)
    warnings = _certificate.review(Domains("www.example.com"), None, wanted, True)
    assert len(warnings) == 1 and "no custom domain new.example.com yet" in warnings[0] and "a real run fails" in warnings[0]
    assert _certificate.review(Domains("new.example.com"), None, wanted, False) == []
    # An endpoint found with its domains read: that read serves, no other.
    found = dict(endpoint("tokyo-1", leaf), app_hostnames=["www.example.com"])
    client = Domains()
    assert "no custom domain new.example.com yet" in _certificate.review(client, found, wanted, True)[0]
    assert client.calls == []


def test_a_certificate_holding_a_private_key_is_masked_whole(ca):
    leaf, key = ca.issue("www.example.com")
    loaded = serialization.load_pem_private_key(key.encode("ascii"), password=None)
    traditional = loaded.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                       serialization.NoEncryption()).decode("ascii")
    for value in (key, leaf + traditional, leaf + key.replace("BEGIN PRIVATE", "BEGIN  PRIVATE")):
        masked = _certificate.mask_arguments(params(certificate=value, private_key=key))
        assert masked["certificate"] == "********" and masked["private_key"] == key
        with pytest.raises(HerokuInputError, match="certificate holds a private key") as raised:
            _certificate.validate(params(certificate=value, private_key=key))
        assert not any(line in str(raised.value) for line in value.splitlines() if "-----" not in line)
    assert _certificate.mask_arguments(params(certificate=leaf))["certificate"] == leaf
    assert _certificate.mask_arguments(params(name="tokyo-1234", state="absent"))["certificate"] is None


def test_an_endpoint_whose_expiry_cannot_be_told_is_replaced(ca):
    given = facts_of(issued(ca, 90)[0])
    assert _certificate.replacement_warnings(given, dict(given, fingerprint_sha256="other", expires_at=None,
                                                         name="tokyo-1"), dict(force=False)) == []
