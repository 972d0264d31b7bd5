# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The client's transport against real servers on 127.0.0.1: connections, TLS, proxies, failures."""

from __future__ import annotations

import base64
import gzip
import json
import select
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from heroku_simulator.certificates import TestCA

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_http
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuAPIError, HerokuClient
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_http import Transport, TransportError

SECRET = "0123-secret-api-key-4567"


def no_sleep(seconds):
    raise AssertionError("the client waited %s s: it retried" % seconds)


class Server:
    """An HTTP/1.1 server on 127.0.0.1 that records each request and answers with ``answer(request)``:
    ``(status, headers, body)``, or None to close the connection without answering."""

    def __init__(self, answer=None, tls=None):
        self.requests = []
        self.connections = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                outer.connections += 1
                super().setup()

            def handle_one_request(self):
                self.raw_requestline = self.rfile.readline(65537)
                if not self.raw_requestline or not self.parse_request():
                    self.close_connection = True
                    return
                length = int(self.headers.get("Content-Length") or 0)
                request = dict(method=self.command, path=self.path, headers=dict(self.headers),
                               body=self.rfile.read(length) if length else b"")
                outer.requests.append(request)
                answered = (answer or (lambda _request: (200, {}, b"{}")))(request)
                if answered is None:
                    self.close_connection = True
                    return
                status, headers, body = answered
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                if headers.get("X-Then-Close"):
                    self.close_connection = True  # closes without saying so, as an idle timeout does

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.handle_error = lambda *args: None  # a client that refuses the certificate is expected here
        if tls:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.url = "%s://%s:%d" % ("https" if tls else "http", "localhost" if tls else "127.0.0.1", self.port)
        threading.Thread(target=self.httpd.serve_forever, kwargs=dict(poll_interval=0.05), daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class TunnelProxy:
    """An http:// proxy that only tunnels (CONNECT), recording each CONNECT line and its Proxy-Authorization."""

    def __init__(self):
        self.connects = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_CONNECT(self):  # noqa: N802 (http.server's name)
                outer.connects.append((self.path, self.headers.get("Proxy-Authorization")))
                host, port = self.path.rsplit(":", 1)
                upstream = socket.create_connection((host, int(port)))
                self.send_response(200, "Connection established")
                self.end_headers()
                sockets = [self.connection, upstream]
                while True:
                    readable, _w, _x = select.select(sockets, [], [], 5)
                    if not readable:
                        break
                    for source in readable:
                        data = source.recv(65536)
                        if not data:
                            upstream.close()
                            self.close_connection = True
                            return
                        (upstream if source is self.connection else self.connection).sendall(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, kwargs=dict(poll_interval=0.05), daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(answer=None, tls=None):
        servers.append(Server(answer, tls))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    """A CA, its bundle, a directory holding it as OpenSSL looks certificates up, and a server context for localhost."""
    ca = TestCA("Transport Test CA")
    directory = tmp_path_factory.mktemp("tls")
    (directory / "ca.pem").write_text(ca.pem)
    leaf, key = ca.issue("localhost")
    (directory / "leaf.pem").write_text(leaf)
    (directory / "key.pem").write_text(key)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(directory / "leaf.pem"), str(directory / "key.pem"))
    return dict(bundle=str(directory / "ca.pem"), context=context)


def unused_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- connections ------------------------------------------------------------------------------------

def test_the_requests_of_a_client_share_one_kept_alive_connection(serve):
    server = serve(lambda request: (200, {"Content-Type": "application/json"}, b'{"name": "acme-web"}'))
    client = HerokuClient(SECRET, api_url=server.url, environ={}, sleep=no_sleep)
    assert client.get("/apps/acme-web") == {"name": "acme-web"}
    client.patch("/apps/acme-web", {"maintenance": True})
    client.get("/apps/acme-web")
    assert server.connections == 1 and client.request_count == 3
    sent = server.requests[1]
    assert (sent["method"], sent["path"], json.loads(sent["body"])) == ("PATCH", "/apps/acme-web", {"maintenance": True})
    assert sent["headers"]["Authorization"] == "Bearer " + SECRET
    assert sent["headers"]["Accept"] == "application/vnd.heroku+json; version=3"
    assert sent["headers"]["Content-Type"] == "application/json"
    assert sent["headers"]["User-Agent"].startswith("herokuops.platform/")


def test_a_connection_the_server_closed_while_idle_is_replaced_before_sending(serve):
    server = serve(lambda request: (200, {"X-Then-Close": "yes"}, b"{}"))
    client = HerokuClient(SECRET, api_url=server.url, environ={}, sleep=no_sleep)
    for _request in range(3):
        client.get("/account")
        time.sleep(0.05)  # the server's close reaches the client
    assert server.connections == 3 and client.request_count == 3


def test_a_compressed_answer_is_read_uncompressed(serve):
    body = gzip.compress(json.dumps([{"id": n} for n in range(500)]).encode())
    server = serve(lambda request: (200, {"Content-Encoding": "gzip"}, body))
    client = HerokuClient(SECRET, api_url=server.url, environ={})
    assert len(client.get("/apps")) == 500
    assert "gzip" in server.requests[0]["headers"]["Accept-Encoding"]


def test_a_redirect_is_not_followed(serve):
    server = serve(lambda request: (302, {"Location": "http://127.0.0.1:9/apps"}, b""))
    client = HerokuClient(SECRET, api_url=server.url, environ={})
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/apps")
    assert raised.value.error_id == "redirect" and len(server.requests) == 1


def test_the_configured_key_is_sent_even_where_netrc_has_an_entry_for_the_host(serve, tmp_path, monkeypatch):
    server = serve()
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine 127.0.0.1 login someone password stale-netrc-key\n")
    netrc_file.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc_file))
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    HerokuClient(SECRET, api_url=server.url).get("/account")
    assert server.requests[0]["headers"]["Authorization"] == "Bearer " + SECRET


# -- failures: whether the request may have reached the server ----------------------------------------

def test_a_refused_connection_sent_nothing(serve):
    client = HerokuClient(SECRET, api_url="http://127.0.0.1:%d" % unused_port(), environ={}, max_retries=0)
    with pytest.raises(HerokuAPIError) as raised:
        client.post("/apps", {"name": "acme-web"})
    assert "POST /apps failed: ConnectionError" in str(raised.value) and "refused" in str(raised.value)
    assert client.writes_sent == 0 and client.request_count == 1


def test_a_write_whose_answer_was_lost_may_have_taken_effect(serve):
    server = serve(lambda request: None)
    client = HerokuClient(SECRET, api_url=server.url, environ={})
    with pytest.raises(HerokuAPIError) as raised:
        client.post("/apps", {"name": "acme-web"})
    assert "ConnectionError" in str(raised.value)
    assert client.writes_sent == 1 and len(server.requests) == 1  # a POST is not sent again


def test_an_answer_slower_than_the_timeout_is_a_read_timeout():
    server = Server(lambda request: time.sleep(1) or (200, {}, b"{}"))
    try:
        with pytest.raises(TransportError) as raised:
            Transport(0.2, environ={}).request("PUT", server.url + "/apps/a/config-vars", b"{}")
        assert raised.value.kind == "ReadTimeout" and raised.value.may_have_arrived
    finally:
        server.close()


# -- TLS --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"])
def test_certificates_are_checked_against_the_bundle_the_environment_names(serve, tls, variable):
    server = serve(tls=tls["context"])
    client = HerokuClient(SECRET, api_url=server.url, environ={variable: tls["bundle"]})
    assert client.get("/account") == {}
    assert server.requests[0]["headers"]["Authorization"] == "Bearer " + SECRET


def test_a_directory_of_hashed_certificates_is_a_trust_store_too(serve, tls, tmp_path):
    server = serve(tls=tls["context"])
    # OpenSSL finds a CA in a directory by the hash of its subject, the name c_rehash gives it.
    openssl = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", tls["bundle"]], capture_output=True, text=True,
                             check=True)
    (tmp_path / ("%s.0" % openssl.stdout.strip())).write_text(open(tls["bundle"], encoding="ascii").read())
    assert HerokuClient(SECRET, api_url=server.url, environ={"SSL_CERT_DIR": str(tmp_path)}).get("/account") == {}


def test_an_untrusted_certificate_fails_before_anything_is_sent(serve, tls):
    server = serve(tls=tls["context"])
    client = HerokuClient(SECRET, api_url=server.url, environ={}, max_retries=0)
    with pytest.raises(HerokuAPIError) as raised:
        client.post("/apps", {"name": "acme-web"})
    message = str(raised.value)
    assert "SSLError" in message and "CERTIFICATE_VERIFY_FAILED" in message
    assert "system's trust store" in message and "REQUESTS_CA_BUNDLE" in message
    assert client.writes_sent == 0 and server.requests == []


def test_validate_certs_false_accepts_any_certificate(serve, tls):
    server = serve(tls=tls["context"])
    assert HerokuClient(SECRET, api_url=server.url, validate_certs=False, environ={}).get("/account") == {}


def test_a_ca_bundle_that_cannot_be_read_says_which_variable_named_it(tmp_path):
    client = HerokuClient(SECRET, api_url="https://localhost:%d" % unused_port(), max_retries=0,
                          environ={"REQUESTS_CA_BUNDLE": str(tmp_path / "missing.pem")})
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/account")
    assert "SSLError: the CA bundle REQUESTS_CA_BUNDLE names (%s) cannot be read" % (tmp_path / "missing.pem") \
        in str(raised.value)


@pytest.mark.parametrize("validate_certs, environ, trust", [
    (True, {}, True),
    (True, {"REQUESTS_CA_BUNDLE": "/etc/ssl/corp.pem", "SSL_CERT_FILE": "/other.pem"}, ("REQUESTS_CA_BUNDLE", "/etc/ssl/corp.pem")),
    (True, {"CURL_CA_BUNDLE": "/x.pem"}, ("CURL_CA_BUNDLE", "/x.pem")),
    (True, {"SSL_CERT_FILE": "/x.pem"}, ("SSL_CERT_FILE", "/x.pem")),
    (True, {"SSL_CERT_DIR": "/etc/ssl/corp"}, ("SSL_CERT_DIR", "/etc/ssl/corp")),
    (False, {"REQUESTS_CA_BUNDLE": "/etc/ssl/corp.pem"}, False),
])
def test_the_trust_store_comes_from_the_environment_given_unless_certificates_are_not_checked(validate_certs, environ, trust):
    assert heroku_http.trust_store(validate_certs, environ) == trust


# -- proxies ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("environ, proxy", [
    ({}, None),
    ({"HTTPS_PROXY": "http://proxy:3128"}, "http://proxy:3128"),
    ({"https_proxy": "http://lower:3128", "HTTPS_PROXY": "http://upper:3128"}, "http://lower:3128"),
    ({"ALL_PROXY": "http://all:3128"}, "http://all:3128"),
    ({"HTTPS_PROXY": "proxy:3128"}, "http://proxy:3128"),
    ({"HTTP_PROXY": "http://proxy:3128"}, None),  # for http:// URLs only
    ({"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "example.org,.heroku.com"}, None),
    ({"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "*"}, None),
    ({"HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": "heroku.com.evil"}, "http://proxy:3128"),
])
def test_proxies_come_from_the_environment_given(environ, proxy):
    assert heroku_http.proxy_for("https://api.heroku.com/apps", environ) == proxy


def test_no_proxy_covers_addresses_and_networks():
    assert heroku_http.bypasses_proxy("127.0.0.1", "127.0.0.0/8")
    assert heroku_http.bypasses_proxy("127.0.0.1", "localhost,127.0.0.1:5555")
    assert not heroku_http.bypasses_proxy("10.0.0.1", "127.0.0.0/8")


def test_plain_http_goes_through_the_proxy_of_the_environment_given_never_the_processs(serve, monkeypatch):
    proxy = serve(lambda request: (200, {}, b'{"via": "proxy"}'))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:%d" % unused_port())  # the process's own: not read
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:%d" % unused_port())
    client = HerokuClient(SECRET, api_url="http://api.example.test:5000",
                          environ={"HTTP_PROXY": "http://ops:p%%40ss@127.0.0.1:%d" % proxy.port})
    assert client.get("/apps/acme-web") == {"via": "proxy"}
    client.get("/account")
    sent = proxy.requests[0]
    assert sent["path"] == "http://api.example.test:5000/apps/acme-web"
    assert sent["headers"]["Host"] == "api.example.test:5000"
    assert sent["headers"]["Proxy-Authorization"] == "Basic " + base64.b64encode(b"ops:p@ss").decode()
    assert sent["headers"]["Authorization"] == "Bearer " + SECRET
    assert proxy.connections == 1


def test_https_goes_through_a_tunnel_with_the_certificate_still_checked(serve, tls):
    server = serve(tls=tls["context"])
    proxy = TunnelProxy()
    try:
        environ = {"HTTPS_PROXY": proxy.url.replace("http://", "http://ops:secret-proxy-word@"), "REQUESTS_CA_BUNDLE": tls["bundle"]}
        client = HerokuClient(SECRET, api_url=server.url, environ=environ)
        client.get("/account")
        client.get("/apps")
        assert proxy.connects == [("localhost:%d" % server.port, "Basic " + base64.b64encode(b"ops:secret-proxy-word").decode())]
        assert [request["path"] for request in server.requests] == ["/account", "/apps"]

        untrusted = HerokuClient(SECRET, api_url=server.url, environ=dict(environ, REQUESTS_CA_BUNDLE=""), max_retries=0)
        with pytest.raises(HerokuAPIError) as raised:
            untrusted.get("/account")
        assert "SSLError" in str(raised.value) and len(server.requests) == 2
    finally:
        proxy.close()


def test_no_proxy_sends_straight_to_the_server(serve):
    server = serve()
    client = HerokuClient(SECRET, api_url=server.url,
                          environ={"HTTP_PROXY": "http://127.0.0.1:%d" % unused_port(), "NO_PROXY": "localhost,127.0.0.1"})
    assert client.get("/account") == {} and len(server.requests) == 1


def test_an_unreachable_proxy_is_named_without_its_credentials():
    client = HerokuClient(SECRET, api_url="https://api.heroku.com", max_retries=0,
                          environ={"HTTPS_PROXY": "http://ops:secret-proxy-word@127.0.0.1:%d" % unused_port()})
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/account")
    assert "ProxyError: through the proxy http://127.0.0.1:" in str(raised.value)
    assert "secret-proxy-word" not in str(raised.value) and "ops:" not in str(raised.value)


def test_a_proxy_of_another_kind_is_refused_naming_it_without_its_credentials():
    client = HerokuClient(SECRET, api_url="https://api.heroku.com", max_retries=0,
                          environ={"HTTPS_PROXY": "socks5://ops:secret-proxy-word@proxy.example:1080"})
    with pytest.raises(HerokuAPIError) as raised:
        client.get("/account")
    assert "the proxy socks5://proxy.example is not an http:// proxy" in str(raised.value)
    assert "secret-proxy-word" not in str(raised.value) and client.writes_sent == 0


def test_clients_connecting_at_once_load_the_trust_store_once(monkeypatch):
    """Concurrent reads (heroku_client.concurrently) connect together: one of them makes the context, the others wait
    for it rather than each loading the trust store."""
    made = []
    make = heroku_http._new_tls_context

    def slow_make(trust):
        made.append(trust)
        time.sleep(0.05)  # long enough for every thread to ask meanwhile
        return make(trust)

    monkeypatch.setattr(heroku_http, "_TLS_CONTEXTS", {})
    monkeypatch.setattr(heroku_http, "_new_tls_context", slow_make)
    start = threading.Barrier(4, timeout=10)
    contexts = []

    def connect():
        start.wait()
        contexts.append(heroku_http.tls_context(False))

    threads = [threading.Thread(target=connect) for _number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len(contexts) == 4 and all(context is contexts[0] for context in contexts)
