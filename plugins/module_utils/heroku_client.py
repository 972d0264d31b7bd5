# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP client every module of this collection talks to Heroku through.

It owns authentication, Heroku's headers, path quoting, pagination, bounded
retries, pacing under the rate limit, error mapping, a wait helper, and a count
of the requests it sent; heroku_http sends them. It knows nothing about Ansible,
so unit tests and the benchmark use it directly.
"""

from __future__ import annotations

import ipaddress
import json
import netrc
import os
import random
import re
import stat
import threading
import time
from typing import Any, Callable, Mapping
from urllib.parse import quote, urlsplit

from ansible_collections.herokuops.platform.plugins.module_utils._operations import OPERATIONS
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_http import Transport, TransportError

# The client once needed the requests library; the standard library is all it needs now. Kept for code that checks them.
HAS_REQUESTS = True
REQUESTS_IMPORT_ERROR = None

COLLECTION_VERSION = "0.5.0"
USER_AGENT = "herokuops.platform/%s (Ansible collection)" % COLLECTION_VERSION
DEFAULT_API_URL = "https://api.heroku.com"
ACCEPT = "application/vnd.heroku+json; version=3"
MASK = "********"
# Heroku pages lists at 200 by default; 1000 is the largest page it serves.
PAGE_SIZE = 1000

# PATCH is retried too: every PATCH this collection sends sets absolute values,
# so sending it twice leaves the same state as sending it once.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "PATCH", "DELETE"))
READ_METHODS = frozenset(("GET", "HEAD"))

# Heroku refills an account's 4,500-request budget at 75 requests a minute. Below
# PACE_BELOW remaining requests a client spaces its requests out, up to one per
# refill interval when the budget is empty, instead of running into 429s.
REFILL_PER_SECOND = 75 / 60.0
PACE_BELOW = 100

# (lowest, highest) accepted for the connection options; checked before any request.
CONNECTION_LIMITS = dict(timeout=(1, 3600), max_retries=(0, 100), retry_timeout=(0, 86400))

#: the most requests a caller of ``concurrently`` may have under way at once (the option ``concurrency``), and how
#: heroku_validate's range check names it
MAX_CONCURRENCY = 32
CONCURRENCY_RANGE = (1, MAX_CONCURRENCY, " requests at once")

# What an API key can hold: Heroku's keys and OAuth tokens are printable ASCII without spaces.
API_KEY_CHARS = re.compile(r"[\x21-\x7e]+")


class HerokuError(Exception):
    """Base class of everything this client raises."""


class HerokuInputError(HerokuError):
    """Input that cannot be sent: found before any request. ``option`` names the option at fault."""

    def __init__(self, message: str, option: str | None = None):
        self.option = option
        super().__init__(message)


class HerokuStateError(HerokuError):
    """What Heroku holds does not allow what was asked: a missing app, a process type no release defines."""


class HerokuOperationFailed(HerokuError):
    """An action that ran and failed (a promotion target's release); ``result`` is what the task reports."""

    def __init__(self, message: str, result: dict):
        self.result = result
        super().__init__(message)


class HerokuAuthError(HerokuError):
    """No usable API key could be found."""


class HerokuAPIError(HerokuError):
    """A request that Heroku answered with an error, or that never got an answer."""

    def __init__(self, method: str, path: str, status: int | None = None, error_id: str | None = None,
                 message: str | None = None, url: str | None = None, request_id: str | None = None, note: str | None = None):
        self.method = method
        self.path = path
        self.status = status
        self.error_id = error_id
        self.message = message
        self.url = url
        self.request_id = request_id
        self.note = note
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.status is None:
            text = "%s %s failed: %s" % (self.method, self.path, self.message)
        else:
            text = "%s %s failed (%s %s): %s" % (self.method, self.path, self.status, self.error_id or "error", self.message)
        if self.request_id:
            text += " [request-id %s]" % self.request_id
        if self.note:
            text += " (%s)" % self.note
        return text

    def as_failure(self) -> dict:
        """The structured form modules return as ``failure`` so playbooks can branch on it."""
        return dict(
            method=self.method,
            path=self.path,
            status=self.status,
            id=self.error_id,
            message=self.message,
            url=self.url,
            request_id=self.request_id,
        )


class HerokuWaitTimeout(HerokuError):
    """A resource did not reach the wanted state in time."""

    def __init__(self, what: str, timeout: float, last_state: Any):
        self.what = what
        self.timeout = timeout
        self.last_state = last_state
        super().__init__("Timed out after %ss waiting for %s; last seen state: %s" % (timeout, what, last_state))


# -- paths -----------------------------------------------------------------------

def api_path(template: str, *values) -> str:
    """``template`` with each ``{}`` replaced by one value, quoted as a single path segment.

    Everything a user types reaches a URL through here: ``../account#`` becomes
    ``..%2Faccount%23``, one segment Heroku answers 404 for, never another endpoint.
    A bare ``.`` or ``..`` would be resolved away by the HTTP library, so it is refused.
    """
    segments = []
    for value in values:
        text = str(value)
        if text in ("", ".", ".."):
            raise HerokuInputError("%r cannot name a Heroku resource in a request path." % text)
        segments.append(quote(text, safe="@"))
    return template.format(*segments)


def query_string(params: Mapping[str, Any]) -> str:
    """``params`` as a URL's query string, each name and value quoted whole: ``&``, ``=``, ``#`` or ``/`` a user
    typed stay inside their value, and never start another parameter, a fragment or a path."""
    return "&".join("%s=%s" % (quote(str(name), safe=""), quote(str(value), safe="")) for name, value in params.items())


def _check_path(path: str) -> None:
    # A last line behind api_path: whatever reaches the wire is one absolute path, with no
    # query, fragment, dot segment, whitespace or control character smuggled in.
    segments = path.split("/")
    if (not path.startswith("/") or re.search(r"[?#\s\x00-\x1f\x7f]", path)
            or any(segment in (".", "..") for segment in segments)):
        raise HerokuInputError("Refusing to send a request to %r: not a plain API path." % path)


# -- credentials and connection options ------------------------------------------

def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_api_url(api_url: str) -> list:
    """Refuse an api_url that is not a plain http(s) base URL; the warnings its use deserves."""
    parts = urlsplit(api_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment or "@" in parts.netloc:
        raise HerokuInputError(
            "api_url must be an http:// or https:// base URL without credentials, query or fragment, "
            "such as https://api.heroku.com.", option="api_url")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return ["api_url %s uses plain http:// toward %s: the Heroku API key travels unencrypted. Use https://."
                % (api_url, parts.hostname)]
    return []


def check_connection_options(timeout: int, max_retries: int, retry_timeout: int, validate_certs: bool = True,
                             api_url: str = DEFAULT_API_URL) -> list:
    """Check the shared connection options before any request; return the warnings they deserve."""
    for option, value in (("timeout", timeout), ("max_retries", max_retries), ("retry_timeout", retry_timeout)):
        low, high = CONNECTION_LIMITS[option]
        if value is None or not low <= value <= high:
            raise HerokuInputError("%s=%r is out of range: use a whole number from %d to %d." % (option, value, low, high),
                                   option=option)
    warnings = check_api_url(api_url)
    host = urlsplit(api_url).hostname
    if not validate_certs and urlsplit(api_url).scheme == "https" and not _is_loopback(host):
        warnings.append("validate_certs=false toward %s: the Heroku API key is sent to a server whose certificate "
                        "is not checked. Only do this for a local test server." % host)
    return warnings


def clean_api_key(value: Any, source: str) -> str | None:
    """The key with surrounding whitespace removed (a file or secret store often adds a newline).

    A key that still holds whitespace, control or non-ASCII characters is refused with a
    message that names where it came from, never the key.
    """
    if value is None:
        return None
    key = str(value).strip()
    if not key:
        return None
    if not API_KEY_CHARS.fullmatch(key):
        raise HerokuAuthError(
            "The Heroku API key from %s holds whitespace, control or non-ASCII characters inside it, which no "
            "Heroku key does; check how it is read. (The key is not shown.)" % source)
    return key


def _netrc_warnings(path: str) -> list:
    if os.name != "posix":
        return []
    info = os.stat(path)
    warnings = []
    if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        warnings.append("%s is readable or writable by other users (mode %s) and holds your Heroku API key: "
                        "run chmod 600 %s." % (path, oct(stat.S_IMODE(info.st_mode)), path))
    if info.st_uid != os.getuid():
        warnings.append("%s belongs to another user (uid %d) but holds the Heroku API key used here." % (path, info.st_uid))
    return warnings


def _key_from_netrc(path: str, host: str) -> str | None:
    try:
        parsed = netrc.netrc(path)
    except netrc.NetrcParseError as exc:
        # The parser's own message quotes the token it choked on, which can be the key itself.
        raise HerokuAuthError("Could not read the Heroku API key from %s: line %s is not valid netrc syntax."
                              % (path, exc.lineno))
    except (OSError, UnicodeDecodeError) as exc:
        raise HerokuAuthError("Could not read %s: %s." % (path, getattr(exc, "strerror", None) or type(exc).__name__))
    # Only the entry for the API host: a `default` entry is meant for other hosts.
    entry = parsed.hosts.get(host)
    return entry[2] if entry else None


def resolve_api_key(api_key: str | None = None, api_url: str = DEFAULT_API_URL, environ: Mapping[str, str] | None = None,
                    netrc_file: str | None = None, warn: Callable[[str], None] | None = None) -> str:
    """The key from the option, else HEROKU_API_KEY, else ~/.netrc's entry for the API host (what `heroku login` writes).

    Whatever the source, the key is stripped of surrounding whitespace and checked. ``warn``
    receives the warnings a user should see (a ~/.netrc others can read).
    """
    key = clean_api_key(api_key, "the api_key option")
    if key:
        return key
    environ = os.environ if environ is None else environ
    key = clean_api_key(environ.get("HEROKU_API_KEY"), "the HEROKU_API_KEY environment variable")
    if key:
        return key
    host = urlsplit(api_url).hostname or ""
    path = netrc_file or os.path.join(environ.get("HOME") or os.path.expanduser("~"), ".netrc")
    if os.path.exists(path):
        key = clean_api_key(_key_from_netrc(path, host), "the %s entry for %s" % (path, host))
        if key:
            for text in _netrc_warnings(path):
                (warn or (lambda _text: None))(text)
            return key
    raise HerokuAuthError(
        "No Heroku API key found. Set the api_key option, or the HEROKU_API_KEY environment "
        "variable, or run `heroku login` so that %s has an entry for %s." % (path, host))


def connect(api_key: str | None = None, api_url: str = DEFAULT_API_URL, validate_certs: bool = True, timeout: int = 30,
            max_retries: int = 5, retry_timeout: int = 60, warn: Callable[[str], None] | None = None,
            environ: Mapping[str, str] | None = None, netrc_file: str | None = None, transport: Any = None) -> HerokuClient:
    """The client every entry point builds the same way: options checked, key resolved, warnings given; nothing sent."""
    warn = warn or (lambda _text: None)
    for text in check_connection_options(timeout, max_retries, retry_timeout, validate_certs, api_url):
        warn(text)
    key = resolve_api_key(api_key, api_url, environ=environ, netrc_file=netrc_file, warn=warn)
    return HerokuClient(key, api_url=api_url, timeout=timeout, validate_certs=validate_certs,
                        max_retries=max_retries, retry_timeout=retry_timeout, transport=transport, environ=environ)


# -- the client ------------------------------------------------------------------

class HerokuClient:
    """Headers, pagination, retries and errors for Heroku's Platform API."""

    def __init__(self, api_key: str, api_url: str = DEFAULT_API_URL, timeout: int = 30, validate_certs: bool = True,
                 max_retries: int = 5, retry_timeout: int = 60, transport: Any = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, environ: Mapping[str, str] | None = None):
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self.validate_certs = validate_certs
        self.max_retries = max_retries
        self.retry_timeout = retry_timeout
        self.request_count = 0
        #: writes that may have taken effect: answered with success, or sent and never answered
        self.writes_sent = 0
        self.rate_limit_remaining = None
        self._sleep = sleep
        self._clock = clock
        self._key = api_key
        self._environ = os.environ if environ is None else environ
        self._given_transport = transport
        # Proxies and CA bundle come from the environment given (a task's, in Ansible's worker), not the process's own.
        self._transport = transport or Transport(timeout, validate_certs, self._environ)

    def __repr__(self) -> str:
        return "HerokuClient(%r, api_key=%s)" % (self.api_url, MASK)

    def secrets(self) -> tuple:
        """What output must never show: for Ansible's no_log masking."""
        return (self._key,)

    def copy(self) -> HerokuClient:
        """The same key, address and options on connections of its own, for another thread: a connection carries one
        request at a time. A transport given to this client (a test's) is shared."""
        return HerokuClient(self._key, api_url=self.api_url, timeout=self.timeout, validate_certs=self.validate_certs,
                            max_retries=self.max_retries, retry_timeout=self.retry_timeout, transport=self._given_transport,
                            sleep=self._sleep, clock=self._clock, environ=self._environ)

    def close(self) -> None:
        """Close its kept-alive connections; a transport it was given is its giver's to close."""
        if self._given_transport is None:
            self._transport.close()

    # -- the verbs modules use -------------------------------------------------

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """``params``: the query parameters, quoted into the query string here (a path holds none)."""
        data, _response = self._send("GET", path, params=params)
        return data

    def get_or_none(self, path: str) -> Any:
        """The resource, or None where Heroku says it does not exist."""
        return self._or_none(self.get, path)

    def list_or_none(self, path: str, **options) -> list | None:
        """Every item of a list (``options`` as for ``list``), or None where Heroku says its parent does not exist."""
        return self._or_none(lambda list_path: self.list(list_path, **options), path)

    @staticmethod
    def _or_none(read, path):
        try:
            return read(path)
        except HerokuAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def list(self, path: str, range_field: str = "id", descending: bool = False, limit: int | None = None,
             query: dict | None = None, params: Mapping[str, Any] | None = None) -> list:
        """Every item of a list, following Next-Range to the last page.

        ``limit`` stops after that many items, asking Heroku for no more than
        it needs (``limit=1, descending=True`` on releases is the current one).
        ``query`` is the body of a list Heroku answers to a POST that only reads
        (``/filters/apps``); it is sent again with each page, and retried like a GET.
        ``params`` are a GET's query parameters (a usage report's ``start``), sent with each page.
        """
        items = []
        page_size = min(limit or PAGE_SIZE, PAGE_SIZE)
        next_range = "%s ..; %smax=%d" % (range_field, "order=desc, " if descending else "", page_size)
        while next_range and (limit is None or len(items) < limit):
            if query is None:
                page, response = self._send("GET", path, headers={"Range": next_range}, params=params)
            else:
                page, response = self._send("POST", path, body=query, headers={"Range": next_range},
                                            retry_safe=True, read_only=True)
            items.extend(page or [])
            # 206 means Heroku holds more; 200 is the last (or only) page.
            next_range = response.headers.get("Next-Range") if response.status_code == 206 else None
        return items if limit is None else items[:limit]

    def post(self, path: str, body: Any = None, retry_safe: bool = False) -> Any:
        return self.request("POST", path, body, retry_safe=retry_safe)

    def patch(self, path: str, body: Any) -> Any:
        return self.request("PATCH", path, body)

    def put(self, path: str, body: Any) -> Any:
        return self.request("PUT", path, body)

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)

    def request(self, method: str, path: str, body: Any = None, retry_safe: bool | None = None) -> Any:
        data, _response = self._send(method, path, body=body, retry_safe=retry_safe)
        return data

    # -- signed URLs outside the API (a source's put_url, a build's output stream) --------

    def put_signed(self, url: str, data: bytes) -> None:
        """PUT raw bytes to a signed URL Heroku handed out, without the API key, retried like any PUT.

        The URL's query string is its signature, a credential: errors name its host and path only.
        Not counted as a write: storing bytes changes nothing on Heroku until a build uses them.
        """
        self._send("PUT", _without_query(url), body=data, url=url, read_only=True)

    def get_signed(self, url: str) -> str:
        """The text at a signed URL Heroku handed out (a build's output stream), read without the API key."""
        _data, response = self._send("GET", _without_query(url), url=url)
        return response.content.decode("utf-8", "replace")

    # -- the machinery ---------------------------------------------------------

    def _send(self, method, path, body=None, headers=None, retry_safe=None, read_only=None, url=None, params=None):
        """``url``: a signed URL outside the API, sent ``body`` as raw bytes and no API key; ``path`` then names it in errors.
        ``params``: query parameters; the query string is built of them here, and errors name it with the path."""
        if url is None:
            _check_path(path)
        target = path
        if params:
            target = path + "?" + query_string(params)
            # What errors name: the request line, which must not carry the key (as typed or as quoted), whatever a
            # user put in a query.
            path = target
            for key in filter(None, {self._key, quote(self._key or "", safe="")}):
                path = path.replace(key, MASK)
        if retry_safe is None:
            retry_safe = method in IDEMPOTENT_METHODS
        is_write = not (method in READ_METHODS or read_only)
        request_headers = dict(headers or {}, **{"Accept": accept_for(method, path), "User-Agent": USER_AGENT})
        if url is not None:
            payload = body  # the signature in the URL is the credential: the API key must not go there
        else:
            request_headers["Authorization"] = "Bearer %s" % self._key
            # Serialised once so every attempt sends the same bytes.
            payload = None if body is None else json.dumps(body)
            if payload is not None:
                request_headers["Content-Type"] = "application/json"
        started = self._clock()
        deadline = started + self.retry_timeout
        attempt = 0
        while True:
            self._pace()
            attempt += 1
            self.request_count += 1
            try:
                response = self._transport.request(method, url or self.api_url + target, payload, request_headers)
            except TransportError as exc:
                if is_write and exc.may_have_arrived:
                    self.writes_sent += 1
                wait = self._retry_wait(self._backoff(attempt), deadline) if retry_safe and attempt <= self.max_retries else None
                if wait is None:
                    raise HerokuAPIError(method, path, message=self._describe(exc, url))
                self._sleep(wait)
                continue

            remaining = response.headers.get("RateLimit-Remaining")
            if remaining is not None and remaining.isdigit():
                self.rate_limit_remaining = int(remaining)
            status = response.status_code
            if status < 300:
                self.writes_sent += is_write
                return _json_or_none(response), response
            if method == "DELETE" and status == 404 and attempt > 1:
                # An earlier attempt deleted it and its answer was lost: gone is what was asked.
                self.writes_sent += 1
                return None, response
            if status < 400:
                raise _redirect_error(method, path, response)
            if status >= 500 and is_write:
                self.writes_sent += 1  # Heroku may have done it before failing to answer
            wait = None
            if status == 429:
                # Refused before Heroku did anything, so even a POST may go again. Bounded by time,
                # not by attempts: under a shared budget every fork gets its turn within retry_timeout.
                # Jitter on Retry-After keeps forks refused together from coming back together.
                delay = _retry_after(response)
                delay = self._backoff(attempt) if delay is None else delay + random.uniform(0, max(1.0, delay))
                wait = self._retry_wait(delay, deadline)
            elif status >= 500 and retry_safe and attempt <= self.max_retries:
                wait = self._retry_wait(self._backoff(attempt), deadline)
            if wait is None:
                error = _api_error(method, path, response)
                if attempt > 1:
                    error.note = "gave up after %d attempts in %.0f s; max_retries is %s, retry_timeout %s s" % (
                        attempt, self._clock() - started, self.max_retries, self.retry_timeout)
                raise error
            self._sleep(wait)

    def _retry_wait(self, delay: float, deadline: float) -> float | None:
        """How long to wait before the next attempt, or None once retry_timeout is spent.

        A wait that would end past the deadline is cut short: one last attempt at the deadline.
        """
        remaining = deadline - self._clock()
        return None if remaining <= 0 else min(delay, remaining)

    def _pace(self):
        remaining = self.rate_limit_remaining
        if remaining is not None and remaining < PACE_BELOW:
            # Spread over [0.5, 1.5] so forks that read the same header do not march in step.
            self._sleep((1 - remaining / PACE_BELOW) / REFILL_PER_SECOND * random.uniform(0.5, 1.5))

    def _describe(self, exc, url=None):
        # Whatever a transport's text quotes, the key never leaves this client.
        text = str(exc).splitlines()[0] if str(exc) else ""
        text = text.replace(self._key, MASK) if self._key else text
        # Nor does a signed URL's signature.
        query = urlsplit(url).query if url else ""
        text = text.replace(query, MASK) if query else text
        return "%s: %s" % (exc.kind, text) if text else exc.kind

    @staticmethod
    def _backoff(attempt, base=0.5, cap=20.0):
        # Full jitter keeps many forks that were refused together from retrying together.
        return random.uniform(0, min(cap, base * (2 ** (attempt - 1))))


def concurrently(client: HerokuClient, reads: list, concurrency: int) -> list:
    """``[read(a_client) for read in reads]`` with up to ``concurrency`` reads under way at once, each thread on a copy
    of ``client`` (a connection carries one request at a time); what the copies send counts in ``client``'s
    ``request_count`` and ``writes_sent``. A failure is raised once the reads under way have ended; the reads not yet
    started when it is seen are dropped. ``concurrency`` 1 runs them one after another on ``client`` itself."""
    if concurrency <= 1 or len(reads) <= 1:
        return [read(client) for read in reads]
    # Imported here: only a few callers read concurrently, and every task's worker imports this file.
    from concurrent.futures import ThreadPoolExecutor  # pylint: disable=import-outside-toplevel

    own = threading.local()
    copies = []

    def on_a_copy(read):
        if not hasattr(own, "client"):
            own.client = client.copy()
            copies.append(own.client)
        return read(own.client)

    executor = ThreadPoolExecutor(max_workers=min(concurrency, len(reads)))
    try:
        futures = [executor.submit(on_a_copy, read) for read in reads]
        return [future.result() for future in futures]
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        for copy in copies:
            client.request_count += copy.request_count
            client.writes_sent += copy.writes_sent
            copy.close()


def _without_query(url):
    """A signed URL as errors may show it: scheme, host and path, never the signature in its query."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    return "%s://%s%s%s" % (parts.scheme, host, ":%d" % port if port else "", parts.path)


def wait_until(fetch: Callable[[], Any], is_done: Callable[[Any], bool], what: str, timeout: float,
               is_failed: Callable[[Any], bool] | None = None, describe: Callable[[Any], Any] | None = None,
               initial_delay: float = 1.0, max_delay: float = 30.0, sleep: Callable[[float], None] | None = None,
               clock: Callable[[], float] | None = None) -> Any:
    """Poll ``fetch()`` with capped exponential backoff until ``is_done(value)``.

    Raises HerokuWaitTimeout with the last seen state when ``timeout`` seconds
    pass, and HerokuError at once when ``is_failed(value)`` holds.
    """
    describe = describe or (lambda value: value)
    # Looked up at call time so that tests can replace time.sleep.
    sleep = sleep or time.sleep
    clock = clock or time.monotonic
    deadline = clock() + timeout
    delay = initial_delay
    while True:
        value = fetch()
        if is_done(value):
            return value
        if is_failed is not None and is_failed(value):
            raise HerokuError("%s failed; last seen state: %s" % (what, describe(value)))
        remaining = deadline - clock()
        if remaining <= 0:
            raise HerokuWaitTimeout(what, timeout, describe(value))
        sleep(min(delay, remaining))
        delay = min(delay * 2, max_delay)


def _json_or_none(response):
    if not response.content:
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _api_error(method, path, response):
    body = _json_or_none(response)
    if not isinstance(body, dict):
        body = {}
    return HerokuAPIError(
        method, path,
        status=response.status_code,
        error_id=body.get("id"),
        message=body.get("message") or response.reason or "no message",
        url=body.get("url"),
        request_id=response.headers.get("Request-Id"),
    )


def _redirect_error(method, path, response):
    # Heroku's API never redirects; following one could carry the key to another host.
    location = urlsplit(response.headers.get("Location") or "")
    target = "%s://%s%s" % (location.scheme, location.netloc, location.path) if location.netloc else "elsewhere"
    return HerokuAPIError(method, path, status=response.status_code, error_id="redirect",
                          message="the server at api_url answered with a redirect to %s, which is not followed: "
                                  "check api_url." % target,
                          request_id=response.headers.get("Request-Id"))


def _retry_after(response):
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from Heroku; fall back to our own backoff


# -- Accept variants ----------------------------------------------------------------

# Heroku's resources whose operations its own clients ask for with a variant of version 3 (the Heroku CLI's
# telemetry:* commands send ``version=3.sdk``; its reviewapps:* commands read a pipeline's repository with
# ``version=3.repositories-api``): every operation of them is sent with it, the others with ACCEPT.
ACCEPT_VARIANTS = {"telemetry-drain": "application/vnd.heroku+json; version=3.sdk",
                   "pipeline-repository": "application/vnd.heroku+json; version=3.repositories-api"}


def _variant_routes():
    """(method, the path's segments, variant) of each operation ACCEPT_VARIANTS names; a placeholder segment
    (``{app}``) stands for any one segment. Segments, not regular expressions: compiling one an operation in
    each task's forked worker cost more than the task's matching ever does."""
    return [(operation[0], operation[1].split("/"), ACCEPT_VARIANTS[name.split(".")[0]])
            for name, operation in sorted(OPERATIONS.items()) if name.split(".")[0] in ACCEPT_VARIANTS]


VARIANT_ROUTES = _variant_routes()


def accept_for(method: str, path: str) -> str:
    """The Accept header of a request: the variant of the operation it sends, where ACCEPT_VARIANTS names one."""
    segments = path.split("?")[0].split("/")
    for variant_method, template, variant in VARIANT_ROUTES:
        if method == variant_method and len(template) == len(segments) and all(
                part == segment or (part.startswith("{") and segment) for part, segment in zip(template, segments)):
            return variant
    return ACCEPT
