# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""SNI endpoints of an app (the certificates users upload): the spec of heroku_certificate and heroku_certificate_info.

A certificate is compared by what it is, never by its PEM text: the SHA-256 fingerprints of the DER
of its leaf and of the chain's other certificates, and the facts read from the leaf. Both sides are
read from PEM by the same function, so a re-encoded PEM is no change and a renewal is one PATCH.
Heroku names an endpoint itself at creation: without ``name`` the endpoint is the app's one whose
leaf is for the same names as the given certificate's (a renewal keeps the names).

Certificates only go forward: one that is not valid now is refused before any request, and the
endpoint's certificate is never replaced by one that expires sooner unless ``force`` says so.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import re
import traceback

try:
    from cryptography import x509
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import ExtensionOID, NameOID
    CRYPTOGRAPHY_IMPORT_ERROR = None
except ImportError:
    CRYPTOGRAPHY_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK, HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Paths, Read, Resource, Section, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import shape
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_range

PEM_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.S)
PEM_PRIVATE_KEY = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
# Wider than a PEM header (an odd header, a header alone): whatever may hold a key is refused and masked alike.
HOLDS_KEY = re.compile(r"PRIVATE\s+KEY")
UTC = datetime.timezone.utc
DEFAULT_MIN_DAYS_VALID = 14

# What Heroku holds about a certificate besides the leaf's fingerprint, read from the PEM on both sides
# of the comparison: compared, shown in the diff and predicted in check mode. The given certificate's
# values come from ``desired``; they are not options.
FACTS = ("cert_domains", "issuer", "subject", "serial_number", "starts_at", "expires_at", "chain_fingerprints_sha256")

RETURNED = dict(
    id=("id",), name=("name",), display_name=("display_name",), app=("app", "name"),
    cert_domains=("ssl_cert", "cert_domains"), issuer=("ssl_cert", "issuer"), subject=("ssl_cert", "subject"),
    serial_number=(), fingerprint_sha256=(), chain_fingerprints_sha256=(),
    starts_at=("ssl_cert", "starts_at"), expires_at=("ssl_cert", "expires_at"),
    ca_signed=("ssl_cert", "ca_signed?"), self_signed=("ssl_cert", "self_signed?"), acm=("ssl_cert", "acm"),
    domains=("domains",), created_at=("created_at",), updated_at=("updated_at",),
)
# Read from the PEM, not from Heroku's answer: shape() leaves them None.
COMPUTED = ("serial_number", "fingerprint_sha256", "chain_fingerprints_sha256")


# -- reading certificates (hooks: compute only) ------------------------------------------------

def fingerprint(der):
    return ":".join("%02X" % byte for byte in bytearray(hashlib.sha256(der).digest()))


def load_chain(text):
    """``[(der, certificate)]`` of a PEM chain, leaf first; ValueError when it holds none or one is not X.509.
    Decoded here from base64, so any line wrapping, CRLF or indentation reads alike."""
    blocks = PEM_CERTIFICATE.findall(text if isinstance(text, str) else "")
    if not blocks:
        raise ValueError("no PEM certificate (-----BEGIN CERTIFICATE----- ...) found")
    chain = []
    for index, block in enumerate(blocks):
        try:
            der = base64.b64decode("".join(block.split()), validate=True)
            chain.append((der, x509.load_der_x509_certificate(der)))
        except (ValueError, binascii.Error):
            raise ValueError("certificate %d of the chain is not an X.509 certificate" % (index + 1))
    return chain


def cert_names(cert):
    """The DNS names a certificate is for: its subject alternative names, else its common name; lower case."""
    try:
        sans = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        found = sans.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        found = []
    found = found or [attr.value for attr in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    return [name.lower() for name in found]


def openssl_name(name):
    """A distinguished name in OpenSSL's one-line form (``/O=Acme/CN=www.example.com``), as Heroku shows them."""
    return "".join("/%s=%s" % (attr.rfc4514_attribute_name, attr.value) for rdn in name.rdns for attr in rdn)


def iso_time(cert, attribute):
    # cryptography 42 added the aware *_utc attributes and deprecated the naive ones.
    value = getattr(cert, attribute + "_utc", None) or getattr(cert, attribute).replace(tzinfo=UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def certificate_facts(text):
    """The leaf's fingerprint and FACTS of a PEM chain; ValueError when it cannot be read."""
    if CRYPTOGRAPHY_IMPORT_ERROR:
        raise ValueError("the Python package cryptography is not installed")
    chain = load_chain(text)
    der, leaf = chain[0]
    return dict(
        fingerprint_sha256=fingerprint(der), chain_fingerprints_sha256=[fingerprint(item[0]) for item in chain[1:]],
        cert_domains=cert_names(leaf), issuer=openssl_name(leaf.issuer), subject=openssl_name(leaf.subject),
        serial_number="%X" % leaf.serial_number, starts_at=iso_time(leaf, "not_valid_before"),
        expires_at=iso_time(leaf, "not_valid_after"),
    )


def given_facts(params):
    try:
        return certificate_facts(params["certificate"])
    except ValueError as exc:
        raise HerokuInputError("certificate is not a PEM certificate chain: %s. Give the leaf certificate first, then "
                               "its intermediates, each as -----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----."
                               % exc, option="certificate")


def now():
    return datetime.datetime.now(UTC)


def expiry(expires_at):
    return datetime.datetime.strptime(expires_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) if expires_at else None


def check_validity(facts, moment):
    """Refuse a leaf that is not valid at ``moment``: Heroku would serve it and browsers refuse it."""
    dates = "notBefore %s, notAfter %s (UTC); it is now %s" % (
        facts["starts_at"], facts["expires_at"], moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if moment < expiry(facts["starts_at"]):
        raise HerokuInputError("certificate is not valid yet (%s): browsers would refuse it until its notBefore. "
                               "Upload it once it is valid." % dates, option="certificate")
    if moment >= expiry(facts["expires_at"]):
        raise HerokuInputError("certificate has expired (%s): browsers refuse it. Give its renewal." % dates,
                               option="certificate")


def expiry_warnings(facts, params, moment):
    """A certificate valid for fewer than min_days_valid days more is uploaded, with a warning."""
    margin = params.get("min_days_valid")
    left = expiry(facts["expires_at"]) - moment
    if margin and left < datetime.timedelta(days=margin):
        return ["certificate expires at %s (notAfter, UTC), in %.1f days: fewer than min_days_valid=%d. Renew it "
                "soon." % (facts["expires_at"], left.total_seconds() / 86400, margin)]
    return []


def replacement_warnings(facts, current, params):
    """Never backwards: the endpoint's certificate is replaced by one that expires sooner only with force."""
    if not (current and current["expires_at"]) or current["fingerprint_sha256"] == facts["fingerprint_sha256"]:
        return []
    if expiry(facts["expires_at"]) >= expiry(current["expires_at"]):
        return []
    dates = ("SNI endpoint %s serves a certificate that expires at %s (UTC); the given certificate expires sooner, "
             "at %s" % (current["name"], current["expires_at"], facts["expires_at"]))
    if not params.get("force"):
        raise HerokuInputError("%s. Refusing to replace it by an older certificate; force: true overrides." % dates,
                               option="certificate")
    return ["%s. Replacing it as force: true asks." % dates]


def check_private_key(params):
    """The key is a PEM private key of the leaf. Messages never quote it."""
    text = params["private_key"]
    if not PEM_PRIVATE_KEY.search(text):
        raise HerokuInputError("private_key is not a PEM private key: give the key itself (-----BEGIN PRIVATE KEY----- "
                               "...), not a path; the value is not shown.", option="private_key")
    try:
        key = serialization.load_pem_private_key(text.encode("utf-8"), password=None)
    except TypeError:
        raise HerokuInputError("private_key is encrypted: Heroku needs the key without a passphrase "
                               "(openssl pkey -in encrypted.key -out plain.key).", option="private_key")
    except (ValueError, UnsupportedAlgorithm):
        raise HerokuInputError("private_key could not be read as a PEM private key (RSA or EC); the value is not "
                               "shown.", option="private_key")
    _der, leaf = load_chain(params["certificate"])[0]
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != leaf.public_key().public_bytes(*spki):
        raise HerokuInputError("private_key does not match the certificate: it is not the key of the chain's first "
                               "certificate (the leaf, which must come first).", option="private_key")


def covers(name, hostname):
    """Whether a certificate for ``name`` (``*.example.com`` matches one label) serves ``hostname``."""
    if name == hostname:
        return True
    return name.startswith("*.") and "." in hostname and hostname.split(".", 1)[1] == name[2:] and hostname[0] != "*"


def wanted_domains(params):
    return sorted(set(hostname.lower() for hostname in params["domains"]))


def validate(params):
    if CRYPTOGRAPHY_IMPORT_ERROR:
        raise HerokuStateError("heroku_certificate needs the Python package cryptography (a dependency of "
                               "ansible-core) where the module runs: %s" % CRYPTOGRAPHY_IMPORT_ERROR.splitlines()[-1])
    if params["state"] == "absent":
        if not params.get("name"):
            given_facts(params)
        return
    check_range("min_days_valid", params.get("min_days_valid"), 0, unit=" days")
    if HOLDS_KEY.search(params["certificate"]):
        raise HerokuInputError("certificate holds a private key: give only certificates there and the key in "
                               "private_key, which is kept secret. The value is not shown.", option="certificate")
    facts = given_facts(params)
    check_validity(facts, now())
    names = facts["cert_domains"]
    check_private_key(params)
    for index, hostname in enumerate(params.get("domains") or ()):
        if not any(covers(name, hostname.lower()) for name in names):
            raise HerokuInputError("domains[%d]=%r is not a name of the certificate (%s): browsers would refuse it "
                                   "there." % (index, hostname, ", ".join(names)), option="domains")


def desired(params):
    if params["state"] == "absent":
        return {}
    facts = given_facts(params)
    wanted = dict(facts, certificate=facts.pop("fingerprint_sha256"))
    if not wanted["chain_fingerprints_sha256"]:
        # A leaf given alone says nothing about the intermediates Heroku serves with it.
        del wanted["chain_fingerprints_sha256"]
    if params.get("domains") is not None:
        wanted["domains"] = wanted_domains(params)
    return wanted


def mask_arguments(params):
    """A certificate that holds a private key (options swapped, a bundle with its key) is shown masked, whole."""
    text = params.get("certificate")
    return dict(params, certificate=MASK) if isinstance(text, str) and HOLDS_KEY.search(text) else dict(params)


def title(params):
    if params.get("name"):
        return params["name"]
    try:
        return "for %s on app %s" % (", ".join(certificate_facts(params["certificate"])["cert_domains"]), params["app"])
    except (ValueError, TypeError):
        return "on app %s" % params["app"]


def view(rep, params):
    item = shape(RETURNED, rep)
    try:
        item.update(certificate_facts(rep.get("certificate_chain")))
    except ValueError:
        # Heroku's own reading of the leaf stands in for what could not be parsed here.
        item.update((key, None) for key in COMPUTED)
    item["app"] = item["app"] or params["app"]
    item["acm"] = bool(item["acm"])
    item["domains"] = item["domains"] or []
    return item


def apply_answers(rep, answers):
    # The answer names its domains by id; the hostnames lookup found still hold.
    return dict(answers[-1] or rep, domains=rep.get("domains") or [])


def before_creation(params):
    facts = given_facts(params)
    return dict(app=params["app"], acm=False, self_signed=facts["issuer"] == facts["subject"], domains=[])


# -- readers ---------------------------------------------------------------------------------

def is_acm(endpoint):
    return bool((endpoint.get("ssl_cert") or {}).get("acm"))


def endpoint_names(endpoint):
    try:
        return sorted(certificate_facts(endpoint.get("certificate_chain"))["cert_domains"])
    except ValueError:
        return sorted(name.lower() for name in (endpoint.get("ssl_cert") or {}).get("cert_domains") or ())


def app_domains(client, params):
    """The app's custom domains: hostname by id."""
    return dict((domain["id"], domain["hostname"]) for domain in client.list(path("domain.list", app=params["app"]))
                if domain.get("kind") != "heroku")


def with_hostnames(endpoint, hostnames):
    return dict(endpoint, domains=sorted(hostnames[ident] for ident in endpoint.get("domains") or () if ident in hostnames))


def find(endpoints, params):
    name = params.get("name")
    if name:
        found = next((endpoint for endpoint in endpoints if name in (endpoint["id"], endpoint["name"])), None)
        if found is not None and is_acm(found):
            raise HerokuStateError("SNI endpoint %s of app %s holds Heroku's ACM certificate, which ACM manages: turn "
                                   "ACM off (herokuops.platform.heroku_app acm: false) to serve your own." % (name, params["app"]))
        return found
    names = sorted(given_facts(params)["cert_domains"])
    found = [endpoint for endpoint in endpoints if not is_acm(endpoint) and endpoint_names(endpoint) == names]
    if len(found) > 1:
        raise HerokuStateError("App %s has %d SNI endpoints for %s (%s): set name to say which one." % (
            params["app"], len(found), ", ".join(names), ", ".join(sorted(endpoint["name"] for endpoint in found))))
    return found[0] if found else None


def lookup(client, params):
    """One list read finds the endpoint; the app's domains are read once where hostnames are needed."""
    present = params["state"] == "present"
    endpoint = find(client.list(path("sni-endpoint.list", app=params["app"])), params)
    if endpoint is None and present and params.get("name"):
        raise HerokuStateError("SNI endpoint %s was not found on app %s. Heroku names an endpoint itself when it is "
                               "created: leave name out to create it (it is found again by its certificate's names)."
                               % (params["name"], params["app"]))
    if endpoint is None or not ((present and params.get("domains") is not None) or endpoint.get("domains")):
        return endpoint
    hostnames = app_domains(client, params)
    # review() checks the wanted domains against the same read.
    return dict(with_hostnames(endpoint, hostnames), app_hostnames=sorted(hostnames.values()))


def review(client, found, params, check_mode):
    """Before any write: the certificate only goes forward, and the domains to bind exist.

    A domain the app lacks fails a real run. In check mode it is a warning: the task that adds it
    (herokuops.platform.heroku_domain) may come earlier in the same play, and check mode added nothing.
    """
    if params["state"] == "absent":
        return []
    facts = given_facts(params)
    warnings = expiry_warnings(facts, params, now())
    warnings += replacement_warnings(facts, found and view(found, params), params)
    if params.get("domains") is not None:
        hostnames = found["app_hostnames"] if found else sorted(app_domains(client, params).values())
        missing = [hostname for hostname in wanted_domains(params) if hostname not in hostnames]
        if missing and not check_mode:
            raise HerokuStateError("domains: app %s has no custom domain %s. Add it first with "
                                   "herokuops.platform.heroku_domain." % (params["app"], ", ".join(missing)))
        if missing:
            warnings.append("domains: app %s has no custom domain %s yet. Check mode goes on as if an earlier task "
                            "(herokuops.platform.heroku_domain) had added it; a real run fails unless the domain "
                            "exists by then." % (params["app"], ", ".join(missing)))
    return warnings


def read_domains(client, rep, params):
    # Resolved to hostnames by lookup; a new endpoint serves none yet.
    return sorted(rep.get("domains") or [])


def write_domains(client, rep, before, after, params, context):
    """One PATCH of each domain whose binding differs: bound to this endpoint, or (no longer listed) to none."""
    changes = [(hostname, rep["id"]) for hostname in after if hostname not in before]
    changes += [(hostname, None) for hostname in before if hostname not in after]
    for hostname, endpoint in changes:
        # The operations table has no update of a domain: Heroku's PATCH goes to the domain's own path.
        client.patch(path("domain.info", app=params["app"], domain=hostname), {"sni_endpoint": endpoint})


CERTIFICATE = Resource(
    noun="SNI endpoint", result_key="heroku_certificate", returned=RETURNED,
    paths=Paths(item="sni-endpoint.info", create="sni-endpoint.create", update="sni-endpoint.update"), identity="name",
    parent="app",
    # The fields below are what is compared (fingerprints, names, dates); what is sent is the PEM text as given, the
    # chain and the key together on creation and on every update (a renewal is this one PATCH).
    body_from={"certificate_chain": "certificate", "private_key": "private_key"}, update_whole=True,
    fields=(Field("certificate", key="fingerprint_sha256"),
            # Heroku never returns the key: sent with each create and update, never compared nor shown.
            Field("private_key", create_only=True, secret=True)) + tuple(Field(fact) for fact in FACTS),
    sections=(Section("domains", read_domains, write_domains),),
    names=dict(app="app", name="sni_endpoint", domains=("hostname", False)),
    title=title, validate=validate, desired=desired, lookup=lookup, review=review, view=view,
    apply_answers=apply_answers, before_creation=before_creation,
    mask_arguments=mask_arguments,
)

HEROKU_CERTIFICATE = Module(CERTIFICATE, dict(
    app=required(), name=dict(type="str"), certificate=dict(type="str"), private_key=dict(type="str", no_log=True),
    domains=dict(type="list", elements="str"), state=state_option(),
    min_days_valid=dict(type="int", default=DEFAULT_MIN_DAYS_VALID), force=dict(type="bool", default=False),
), required_if=(("state", "present", ("certificate", "private_key")), ("state", "absent", ("name", "certificate"), True)))


# -- heroku_certificate_info ---------------------------------------------------------------------

def select(items, params, reads):
    """Hostnames for the domain ids, ``days_left``, and only what expires within the days asked (or cannot be told)."""
    moment = now()
    within = params.get("expiring_within_days")
    selected = []
    for item in items:
        expires = expiry(item["expires_at"])
        if within is None or expires is None or expires <= moment + datetime.timedelta(days=within):
            left = None if expires is None else int((expires - moment).total_seconds() / 86400)
            selected.append(dict(with_hostnames(item, reads.get("hostnames") or {}), days_left=left))
    return selected


HEROKU_CERTIFICATE_INFO = Module(Info(
    result_key="heroku_certificate_info", returned=dict(RETURNED, days_left=()), view=view,
    names=dict(app="app", name="sni_endpoint", expiring_within_days="days"), select=select,
    sources=(Source("name", "sni-endpoint.info", single=True),
             Source(None, "sni-endpoint.list", missing="App %(app)s was not found.")),
    reads=(Read("hostnames", app_domains),),
), dict(app=required(), name=dict(type="str"), expiring_within_days=dict(type="int")))
