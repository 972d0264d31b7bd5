# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP/1.1 for the API client, on Python's standard library alone.

Each task runs in a worker process of its own, which imports what it uses: ``requests`` and
urllib3 cost such a worker about 45 ms of CPU, more than the rest of a no-change task, and
``http.client`` about 8 ms. This file keeps what the client relied on ``requests`` for: one
kept-alive connection per host for all the requests of a task, certificates checked against the
trust store the environment names, proxies from the environment (``HTTPS_PROXY``, ``NO_PROXY``),
timeouts, compressed answers, and errors that say whether a request may have reached the server.
Nothing here reads the process's own environment: the environment is given (a task's, in
Ansible's worker).
"""

from __future__ import annotations

import base64
import http.client
import ipaddress
import os
import select
import ssl
import threading
import zlib
from typing import Mapping
from urllib.parse import unquote, urlsplit

#: where a CA bundle may be named, first found wins: requests' and curl's variables, then OpenSSL's
CA_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR")
DEFAULT_PORTS = {"http": 80, "https": 443}


class Response:
    """An answer, read whole: ``headers.get`` ignores case."""

    def __init__(self, status_code: int, reason: str, headers, content: bytes):
        self.status_code = status_code
        self.reason = reason
        self.headers = headers
        self.content = content


class TransportError(Exception):
    """A request that got no answer.

    ``kind`` names what failed, as requests named it (ConnectionError, ConnectTimeout, ReadTimeout, ProxyError,
    SSLError). ``may_have_arrived`` is False only when no connection was made: the server cannot have seen it.
    """

    def __init__(self, kind: str, detail: str, may_have_arrived: bool):
        self.kind = kind
        self.may_have_arrived = may_have_arrived
        super().__init__(detail)


# -- what the environment says ------------------------------------------------------------------

def _setting(environ: Mapping[str, str], name: str) -> str | None:
    # Lowercase first, as curl and requests read proxy variables.
    return environ.get(name.lower()) or environ.get(name.upper())


def bypasses_proxy(host: str, no_proxy: str | None) -> bool:
    """Whether ``no_proxy`` (``NO_PROXY``'s comma-separated hosts, domains, addresses and networks) covers ``host``."""
    for entry in (no_proxy or "").replace(" ", "").split(","):
        name = entry.rsplit(":", 1)[0] if entry.count(":") == 1 else entry
        if entry == "*" or (name and (host == name.lstrip(".") or host.endswith("." + name.lstrip(".")))):
            return True
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(name, strict=False):
                return True
        except ValueError:
            continue
    return False


def proxy_for(url: str, environ: Mapping[str, str]) -> str | None:
    """The proxy a request to ``url`` goes through: ``<scheme>_proxy`` or ``all_proxy``, unless ``no_proxy`` covers its host."""
    parts = urlsplit(url)
    proxy = _setting(environ, parts.scheme + "_proxy") or _setting(environ, "all_proxy")
    if not proxy or bypasses_proxy(parts.hostname or "", _setting(environ, "no_proxy")):
        return None
    # A proxy written without a scheme is an http:// one, as requests reads it.
    return proxy if "://" in proxy else "http://" + proxy


def trust_store(validate_certs: bool, environ: Mapping[str, str]):
    """What certificates are checked against: False (not checked), True (the system's trust store), or the
    ``(variable, path)`` of a CA bundle file or a directory of hashed certificates the environment names."""
    if not validate_certs:
        return False
    for name in CA_VARIABLES:
        if environ.get(name):
            return name, environ[name]
    return True


_TLS_CONTEXTS: dict = {}
# Clients reading concurrently (heroku_client.concurrently) connect at once: one of them loads the trust store.
_TLS_CONTEXTS_LOCK = threading.Lock()


def tls_context(trust) -> ssl.SSLContext:
    """One context per trust store and process: loading a trust store costs tens of milliseconds.

    A context made in ansible-playbook's main process (the inventory plugin's reads) is inherited by
    every worker forked after it.
    """
    with _TLS_CONTEXTS_LOCK:
        return _TLS_CONTEXTS.get(trust) or _new_tls_context(trust)


def _new_tls_context(trust) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # TLS 1.2 or later, host names checked
    if trust is False:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    elif trust is True:
        context.load_default_certs()
        paths = ssl.get_default_verify_paths()
        if paths.cafile is None and not (paths.capath and os.listdir(paths.capath)):
            # No system trust store (Python from python.org on macOS before its Install Certificates step):
            # the bundle requests used, where it is installed.
            try:
                import certifi  # pylint: disable=import-outside-toplevel
            except ImportError:
                pass
            else:
                context.load_verify_locations(cafile=certifi.where())
    else:
        name, path = trust
        try:
            if os.path.isdir(path):
                context.load_verify_locations(capath=path)
            else:
                context.load_verify_locations(cafile=path)
        except (OSError, ssl.SSLError) as exc:
            raise TransportError("SSLError", "the CA bundle %s names (%s) cannot be read: %s"
                                 % (name, path, getattr(exc, "strerror", None) or exc), may_have_arrived=False)
    _TLS_CONTEXTS[trust] = context
    return context


def _proxy_parts(proxy: str):
    """``(host, port, headers for the proxy, the proxy as messages may show it)``: its credentials become a header."""
    parts = urlsplit(proxy)
    shown = "%s://%s" % (parts.scheme, parts.hostname or "")
    if parts.scheme != "http" or not parts.hostname:
        raise TransportError("ProxyError", "the proxy %s is not an http:// proxy, the only kind supported" % shown,
                             may_have_arrived=False)
    port = parts.port or DEFAULT_PORTS["http"]
    headers = {}
    if parts.username is not None:
        credentials = "%s:%s" % (unquote(parts.username), unquote(parts.password or ""))
        headers["Proxy-Authorization"] = "Basic " + base64.b64encode(credentials.encode("utf-8")).decode("ascii")
    return parts.hostname, port, headers, "%s:%d" % (shown, port)


def _decoded(content: bytes, encoding: str | None) -> bytes:
    encoding = (encoding or "").strip().lower()
    if encoding == "gzip":
        return zlib.decompress(content, 16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        try:
            return zlib.decompress(content)
        except zlib.error:  # raw deflate, without the zlib header some servers leave out
            return zlib.decompress(content, -zlib.MAX_WBITS)
    return content


# -- the connections ------------------------------------------------------------------------------

class Transport:
    """Sends requests over one kept-alive connection per scheme, host and port; never follows a redirect."""

    def __init__(self, timeout: float, validate_certs: bool = True, environ: Mapping[str, str] | None = None):
        self.timeout = timeout
        self.environ = os.environ if environ is None else environ
        self.trust = trust_store(validate_certs, self.environ)
        self._connections: dict = {}

    def request(self, method: str, url: str, body: bytes | str | None = None, headers: Mapping[str, str] | None = None) -> Response:
        parts = urlsplit(url)
        if isinstance(body, str):
            body = body.encode("utf-8")
        headers = dict(headers or {}, **{"Accept-Encoding": "gzip, deflate"})
        key = (parts.scheme, parts.hostname, parts.port)
        connection, proxy_headers = self._connections.get(key, (None, None))
        if connection is not None and _dropped(connection):
            connection.close()  # the server closed it while it was idle: a new one, before anything is sent
        if connection is None or connection.sock is None:
            connection, proxy_headers = self._connect(parts)
            self._connections[key] = (connection, proxy_headers)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if proxy_headers is not None:  # plain http through a proxy: the whole URL, to the proxy
            target = "%s://%s%s" % (parts.scheme, parts.netloc, target)
            headers.update(proxy_headers)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            raise TransportError("ReadTimeout" if isinstance(exc, TimeoutError) else "ConnectionError",
                                 _text(exc), may_have_arrived=True)
        try:
            content = _decoded(content, response.headers.get("Content-Encoding"))
        except zlib.error as exc:
            raise TransportError("ContentDecodingError", _text(exc), may_have_arrived=True)
        return Response(response.status, response.reason, response.headers, content)

    def _connect(self, parts):
        """A connected connection to ``parts``' host and the headers a plain http request adds for its proxy
        (None without a proxy, or through a tunnel); TransportError when none could be made: nothing was sent."""
        proxy = proxy_for(parts.geturl(), self.environ)
        port = parts.port or DEFAULT_PORTS[parts.scheme]
        proxy_headers = None
        shown_proxy = None
        try:
            context = tls_context(self.trust) if parts.scheme == "https" else None
            if proxy:
                proxy_host, proxy_port, proxy_auth, shown_proxy = _proxy_parts(proxy)
                if context is None:
                    connection = http.client.HTTPConnection(proxy_host, proxy_port, timeout=self.timeout)
                    proxy_headers = proxy_auth
                else:
                    connection = http.client.HTTPSConnection(proxy_host, proxy_port, timeout=self.timeout, context=context)
                    connection.set_tunnel(parts.hostname, port, headers=proxy_auth)
            elif context is None:
                connection = http.client.HTTPConnection(parts.hostname, port, timeout=self.timeout)
            else:
                connection = http.client.HTTPSConnection(parts.hostname, port, timeout=self.timeout, context=context)
            connection.connect()
        except ssl.SSLError as exc:
            detail = _text(exc)
            if isinstance(exc, ssl.SSLCertVerificationError):
                detail += (" (certificates are checked against %s; a CA bundle can be named with REQUESTS_CA_BUNDLE or "
                           "SSL_CERT_FILE)" % ("%s=%s" % self.trust if isinstance(self.trust, tuple) else "the system's trust store"))
            raise TransportError("SSLError", detail, may_have_arrived=False)
        except OSError as exc:
            if shown_proxy:
                raise TransportError("ProxyError", "through the proxy %s: %s" % (shown_proxy, _text(exc)), may_have_arrived=False)
            raise TransportError("ConnectTimeout" if isinstance(exc, TimeoutError) else "ConnectionError", _text(exc),
                                 may_have_arrived=False)
        return connection, proxy_headers

    def close(self) -> None:
        for connection, _headers in self._connections.values():
            connection.close()
        self._connections.clear()


def _dropped(connection) -> bool:
    """Whether a kept-alive connection was closed by the server: readable while no answer is due means closed."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


def _text(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__
