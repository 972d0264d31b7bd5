"""X.509 for the simulated SNI endpoints: what Heroku reads from an uploaded chain and key (the
endpoint's `ssl_cert`), and certificates for tests (a CA and the leaves it signs, generated at
test time: no key material is stored in the repository)."""
import base64
import binascii
import datetime
import re

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtensionOID, NameOID

from .core import new_id

PEM_CERTIFICATE = re.compile(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", re.S)
UTC = datetime.timezone.utc


def load_chain(text):
    """The certificates of a PEM chain, leaf first; ValueError when there is none or one is not X.509.
    Decoded from base64 here, so any line wrapping, CRLF or indentation reads alike."""
    blocks = PEM_CERTIFICATE.findall(text if isinstance(text, str) else "")
    if not blocks:
        raise ValueError("no PEM certificate")
    try:
        return [x509.load_der_x509_certificate(base64.b64decode("".join(block.split()), validate=True))
                for block in blocks]
    except (ValueError, binascii.Error) as exc:
        raise ValueError("not an X.509 certificate") from exc


def load_key(text):
    if not isinstance(text, str):
        raise ValueError("not a private key")
    try:
        return serialization.load_pem_private_key(text.encode("utf-8"), password=None)
    except (ValueError, TypeError) as exc:
        raise ValueError("not an unencrypted PEM private key") from exc


def public_der(key):
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def key_matches(cert, key):
    return public_der(cert.public_key()) == public_der(key.public_key())


def names(cert):
    """The DNS names a certificate is for: its subject alternative names, else its common name."""
    try:
        sans = cert.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME).value
        found = [name.lower() for name in sans.get_values_for_type(x509.DNSName)]
    except x509.ExtensionNotFound:
        found = []
    return found or [attr.value.lower() for attr in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]


def openssl_name(name):
    """A name as OpenSSL's one-line form shows it, the way Heroku reports issuer and subject."""
    return "".join("/%s=%s" % (attr.rfc4514_attribute_name, attr.value) for rdn in name.rdns for attr in rdn)


def _utc(cert, attribute):
    value = getattr(cert, attribute + "_utc", None)
    return value if value is not None else getattr(cert, attribute).replace(tzinfo=UTC)


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ssl_cert(chain):
    """The `ssl_cert` Heroku shows for a chain: read from its leaf."""
    leaf = chain[0]
    self_signed = leaf.issuer == leaf.subject
    return {"ca_signed?": False, "cert_domains": names(leaf), "expires_at": iso(_utc(leaf, "not_valid_after")),
            "id": new_id(), "issuer": openssl_name(leaf.issuer), "self_signed?": self_signed,
            "starts_at": iso(_utc(leaf, "not_valid_before")), "subject": openssl_name(leaf.subject)}


# ---- certificates for tests ------------------------------------------------------------------

def new_key():
    # P-256: a key in about a millisecond (RSA takes 50 ms or more).
    return ec.generate_private_key(ec.SECP256R1())


def key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def cert_pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


class TestCA:
    """A certificate authority for tests: ``issue`` gives a leaf for some names, as PEM."""

    __test__ = False  # not a pytest test class

    def __init__(self, common_name="Simulated Test CA"):
        self.key = new_key()
        name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Heroku Simulator"),
                          x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
        start = datetime.datetime.now(UTC) - datetime.timedelta(days=1)
        self.cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                     .public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                     .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=3650))
                     .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                     .sign(self.key, hashes.SHA256()))
        self.pem = cert_pem(self.cert)

    def issue(self, *hostnames, days=90, starts=None, key=None):
        """``(leaf PEM, key PEM)`` of a certificate for ``hostnames`` valid ``days`` days from ``starts``."""
        key = key or new_key()
        start = starts or datetime.datetime.now(UTC) - datetime.timedelta(hours=1)
        cert = (x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0])]))
                .issuer_name(self.cert.subject).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=days))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(host) for host in hostnames]), critical=False)
                .sign(self.key, hashes.SHA256()))
        return cert_pem(cert), key_pem(key)


_DEFAULT_CA = []


def default_ca():
    """One CA for the simulator's own endpoints (World.add_sni_endpoint), made on first use."""
    if not _DEFAULT_CA:
        _DEFAULT_CA.append(TestCA())
    return _DEFAULT_CA[0]
