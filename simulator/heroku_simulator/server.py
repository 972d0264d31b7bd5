"""HTTP layer: routing, auth, Accept check, rate limit, faults, latency,
request log and pagination headers. Route handlers live in routes/."""
import base64
import json
import re
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from . import storage
from .core import DEFAULT_ERROR_IDS, DEFAULT_MESSAGES, DOC_URL, ApiError, paginate
from .views import expand

ACCEPT_RE = re.compile(r"application/vnd\.heroku\+json;\s*version=3(\.[\w-]+)?\s*(;|,|$)")


class Router:
    """A list of (method, regex, handler); `{name}` in a pattern matches one path segment."""

    def __init__(self):
        self.routes = []

    def add(self, method, pattern, func):
        regex = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "/?$")
        self.routes.append((method, regex, func))

    def route(self, method, pattern):
        def deco(func):
            self.add(method, pattern, func)
            return func
        return deco

    def match(self, method, path):
        path_known = False
        for m, regex, func in self.routes:
            found = regex.match(path)
            if found:
                path_known = True
                if m == method:
                    return func, {k: unquote(v) for k, v in found.groupdict().items()}
        return None, path_known


class Page:
    """A list answer: the server paginates the records, then serializes one page."""

    def __init__(self, records, serialize, default_field="id"):
        self.records = list(records)
        self.serialize = serialize
        self.default_field = default_field


class Context:
    def __init__(self, sim, method, path, query, headers, raw_body):
        self.sim = sim
        self.world = sim.world
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.raw_body = raw_body
        self._body = None

    @property
    def body(self):
        if self._body is None:
            if not self.raw_body.strip():
                self._body = {}
            else:
                try:
                    self._body = json.loads(self.raw_body)
                except ValueError:
                    raise ApiError(400, "bad_request", "Invalid JSON in request body.")
        return self._body


class RateLimiter:
    """Token bucket: `budget` tokens, refilled continuously."""

    def __init__(self, budget=4500, refill_per_second=1.25):
        self.configure(budget, refill_per_second, None)

    def configure(self, budget, refill_per_second, remaining):
        self.budget = float(budget)
        self.refill = float(refill_per_second)
        self.tokens = float(budget if remaining is None else remaining)
        self.stamp = time.monotonic()

    def _refill(self):
        t = time.monotonic()
        self.tokens = min(self.budget, self.tokens + (t - self.stamp) * self.refill)
        self.stamp = t

    def remaining(self):
        self._refill()
        return int(self.tokens)

    def take(self):
        """Returns (allowed, remaining, retry_after_seconds)."""
        self._refill()
        if self.tokens >= 1:
            self.tokens -= 1
            return True, int(self.tokens), 0
        wait = (1 - self.tokens) / self.refill if self.refill > 0 else 3600
        return False, 0, max(1, int(wait + 0.999))


def filter_records(records, query):
    """Heroku's list filters, e.g. `GET /pipelines?eq[name]=foo` (the CLI uses it)."""
    for key, values in query.items():
        m = re.match(r"^eq\[(\w+)\]$", key)
        if m:
            field = m.group(1)
            records = [r for r in records if str(r.get(field)) in values]
    return records


def error_body(error_id, message):
    return {"id": error_id, "message": message, "url": DOC_URL}


READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# Heroku answers these POSTs with a list and changes nothing: they count as reads.
READ_ONLY_POSTS = {"/filters/apps"}


def is_write(method, path):
    """Whether a request can change Heroku's state: what check mode and a no-change run must not send."""
    return method not in READ_METHODS and not (method == "POST" and path.rstrip("/") in READ_ONLY_POSTS)


def make_handler(sim):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "heroku-simulator"
        # Headers and body go out in two writes; with Nagle on, a keep-alive
        # client waits ~40 ms (delayed ACK) for the body of every answer.
        disable_nagle_algorithm = True

        def log_message(self, *args):  # keep test output quiet
            pass

        def do_GET(self):
            self._handle()

        do_POST = do_PATCH = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_GET

        def _send(self, status, body, headers):
            data = b"" if body is None else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for k, v in headers.items():
                self.send_header(k, str(v))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _send_bytes(self, status, data, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _handle(self):
            started = time.time()
            parts = urlsplit(self.path)
            path = parts.path.rstrip("/") or "/"
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            raw = data.decode("utf-8", "replace")
            if path.startswith("/__simulator"):
                status, body = sim.control(self.command, path, raw)
                return self._send(status, body, {"Request-Id": str(uuid.uuid4())})
            request_id = str(uuid.uuid4())
            record = {"method": self.command, "path": path, "query": parts.query, "status": 0, "write": is_write(self.command, path),
                      "time": started, "request_id": request_id, "range": self.headers.get("Range"),
                      "auth": "Authorization" in self.headers, "body": logged_body(raw),
                      "accept": self.headers.get("Accept")}
            if path.startswith("/__storage/"):
                # An uploaded tarball is bytes, not a body a test compares: only its size is kept.
                record["body"] = {"bytes": len(data)} if data else None
                with sim.lock:
                    status, payload, content_type = storage.handle(sim, self.command, path, parse_qs(parts.query), data)
                record["status"] = status
                sim.log(record)
                return self._send_bytes(status, payload, content_type)
            fault = sim.take_fault(self.command, path)
            if fault and fault["drop"]:
                sim.log(record)
                self.close_connection = True
                return
            if sim.latency:
                time.sleep(sim.latency)
            lose_answer = bool(fault and fault["lose_answer"])
            # A lost answer: the request takes effect as usual, then the connection closes unanswered.
            status, body, headers = self._answer(None if lose_answer else fault, path, parts.query, raw, request_id)
            headers["Request-Id"] = request_id
            headers.setdefault("RateLimit-Remaining", sim.rate.remaining())
            record["status"] = 0 if lose_answer else status
            sim.log(record)
            if lose_answer:
                self.close_connection = True
                return
            self._send(status, body, headers)

        def _answer(self, fault, path, query, raw, request_id):
            headers = {}
            if fault:
                headers = {"Retry-After": fault["retry_after"]} if fault["retry_after"] is not None else {}
                eid = fault["error_id"] or DEFAULT_ERROR_IDS.get(fault["status"], "error")
                msg = fault["message"] or DEFAULT_MESSAGES.get(fault["status"], "Simulated failure.")
                if "{sent}" in msg:
                    # An error text that quotes what it was sent, as Heroku's invalid_params messages quote a value.
                    sent = "%s %s?%s body=%s authorization=%s" % (
                        self.command, path, query, raw, self.headers.get("Authorization"))
                    msg = msg.replace("{sent}", sent)
                if fault["status"] < 400:
                    return fault["status"], {}, headers
                return fault["status"], error_body(eid, msg), headers
            if not sim.authorized(self.headers.get("Authorization")):
                return 401, error_body("unauthorized", "Invalid credentials provided."), headers
            if not ACCEPT_RE.search(self.headers.get("Accept") or ""):
                return 400, error_body("bad_request", "Please specify a version along with Heroku's API "
                                       "MIME type. For example, `Accept: application/vnd.heroku+json; "
                                       "version=3`."), headers
            with sim.lock:
                # Heroku does not charge calls to the rate-limit endpoint itself.
                if path != "/account/rate-limits":
                    ok, remaining, retry = sim.rate.take()
                    headers["RateLimit-Remaining"] = remaining
                    if not ok:
                        headers["Retry-After"] = retry
                        return 429, error_body("rate_limit", DEFAULT_MESSAGES[429]), headers
                func, params = sim.router.match(self.command, path)
                if func is None:
                    if params:
                        return 405, error_body("method_not_allowed", "Method not allowed."), headers
                    return 404, error_body("not_found", "The requested API endpoint was not found. "
                                           "Are you using the right HTTP verb (i.e. `GET` vs. `POST`), "
                                           "and did you specify your API version?"), headers
                ctx = Context(sim, self.command, path, parse_qs(query), self.headers, raw)
                try:
                    sim.world.tick(path if self.command == "GET" else None)  # a GET is a read
                    result = func(ctx, **params)
                except ApiError as err:
                    headers.update(err.headers)
                    return err.status, err.body(), headers
                status = 200
                if isinstance(result, tuple):
                    status, result = result
                if isinstance(result, Page):
                    records = filter_records(result.records, ctx.query)
                    page, next_range, spec = paginate(records, self.headers.get("Range"),
                                                      result.default_field)
                    headers["Accept-Ranges"] = "id, name"
                    if next_range:
                        status = 206
                        headers["Next-Range"] = next_range
                    result = [result.serialize(r) for r in page]
                if self.headers.get("Accept-Expansion") and status < 300:
                    result = expand(sim.world, result, self.headers["Accept-Expansion"])
                return status, result, headers

    return Handler


def logged_body(raw):
    """A request's body as the request log keeps it: the JSON it holds, or its text, or None when there was none."""
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def check_basic(header, api_key):
    try:
        decoded = base64.b64decode(header.split(" ", 1)[1]).decode()
    except (ValueError, IndexError):
        return False
    _, _, password = decoded.partition(":")
    return bool(password) and (api_key is None or password == api_key)
