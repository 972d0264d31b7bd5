# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SNI endpoint spec: certificates compared by what they are, identity by names, input checks, the expiry report."""

from __future__ import annotations

import datetime

import pytest
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
