# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP client every module of this collection talks to Heroku through.

It owns authentication, Heroku's headers, pagination, bounded retries, error
mapping, a wait helper, and a count of the requests it sent. It knows nothing
about Ansible, so unit tests and the benchmark use it directly.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import netrc
import os
import random
import time
from urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # reported through missing_required_lib by the module
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

COLLECTION_VERSION = "0.1.0"
USER_AGENT = "herokuops.platform/%s (Ansible collection)" % COLLECTION_VERSION
DEFAULT_API_URL = "https://api.heroku.com"
ACCEPT = "application/vnd.heroku+json; version=3"
# Heroku pages lists at 200 by default; 1000 is the largest page it serves.
PAGE_SIZE = 1000

# PATCH is retried too: every PATCH this collection sends sets absolute values,
# so sending it twice leaves the same state as sending it once.
IDEMPOTENT_METHODS = frozenset(("GET", "HEAD", "PUT", "PATCH", "DELETE"))


class HerokuError(Exception):
    """Base class of everything this client raises."""


class HerokuAuthError(HerokuError):
    """No API key could be found."""


class HerokuAPIError(HerokuError):
    """A request that Heroku answered with an error, or that never got an answer."""

    def __init__(self, method, path, status=None, error_id=None, message=None, url=None, request_id=None):
        self.method = method
        self.path = path
        self.status = status
        self.error_id = error_id
        self.message = message
        self.url = url
        self.request_id = request_id
        super(HerokuAPIError, self).__init__(str(self))

    def __str__(self):
        if self.status is None:
            text = "%s %s failed: %s" % (self.method, self.path, self.message)
        else:
            text = "%s %s failed (%s %s): %s" % (self.method, self.path, self.status, self.error_id or "error", self.message)
        if self.request_id:
            text += " [request-id %s]" % self.request_id
        return text

    def as_failure(self):
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

    def __init__(self, what, timeout, last_state):
        self.what = what
        self.timeout = timeout
        self.last_state = last_state
        super(HerokuWaitTimeout, self).__init__(
            "Timed out after %ss waiting for %s; last seen state: %s" % (timeout, what, last_state))


def resolve_api_key(api_key=None, api_url=DEFAULT_API_URL, environ=None, netrc_file=None):
    """The key from the option, else HEROKU_API_KEY, else ~/.netrc (what `heroku login` writes)."""
    if api_key:
        return api_key
    environ = os.environ if environ is None else environ
    if environ.get("HEROKU_API_KEY"):
        return environ["HEROKU_API_KEY"]
    host = urlsplit(api_url).hostname or ""
    path = netrc_file or os.path.join(os.path.expanduser("~"), ".netrc")
    if os.path.exists(path):
        try:
            entry = netrc.netrc(path).authenticators(host)
        except (netrc.NetrcParseError, OSError) as exc:
            # The parse error names the file and line, never the secret itself.
            raise HerokuAuthError("Could not read %s: %s" % (path, exc))
        if entry and entry[2]:
            return entry[2]
    raise HerokuAuthError(
        "No Heroku API key found. Set the api_key option, or the HEROKU_API_KEY environment "
        "variable, or run `heroku login` so that %s has an entry for %s." % (path, host))


class HerokuClient:
    """Session, headers, pagination, retries and errors for Heroku's Platform API."""

    def __init__(self, api_key, api_url=DEFAULT_API_URL, timeout=30, validate_certs=True,
                 max_retries=5, retry_timeout=60, session=None, sleep=time.sleep, clock=time.monotonic):
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout
        self.validate_certs = validate_certs
        self.max_retries = max_retries
        self.retry_timeout = retry_timeout
        self.request_count = 0
        self.rate_limit_remaining = None
        self._sleep = sleep
        self._clock = clock
        self._session = session or requests.Session()
        self._session.headers.update({
            "Accept": ACCEPT,
            "Authorization": "Bearer %s" % api_key,
            "User-Agent": USER_AGENT,
        })

    # -- the verbs modules use -------------------------------------------------

    def get(self, path):
        return self.request("GET", path)

    def get_or_none(self, path):
        """The resource, or None where Heroku says it does not exist."""
        try:
            return self.get(path)
        except HerokuAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def list(self, path, range_field="id", descending=False, limit=None, query=None):
        """Every item of a list, following Next-Range to the last page.

        ``limit`` stops after that many items, asking Heroku for no more than
        it needs (``limit=1, descending=True`` on releases is the current one).
        ``query`` is the body of a list Heroku answers to a POST that only reads
        (``/filters/apps``); it is sent again with each page, and retried like a GET.
        """
        items = []
        page_size = min(limit or PAGE_SIZE, PAGE_SIZE)
        next_range = "%s ..; %smax=%d" % (range_field, "order=desc, " if descending else "", page_size)
        while next_range and (limit is None or len(items) < limit):
            if query is None:
                page, response = self._send("GET", path, headers={"Range": next_range})
            else:
                page, response = self._send("POST", path, body=query, headers={"Range": next_range}, retry_safe=True)
            items.extend(page or [])
            # 206 means Heroku holds more; 200 is the last (or only) page.
            next_range = response.headers.get("Next-Range") if response.status_code == 206 else None
        return items if limit is None else items[:limit]

    def post(self, path, body=None, retry_safe=False):
        return self.request("POST", path, body, retry_safe=retry_safe)

    def patch(self, path, body):
        return self.request("PATCH", path, body)

    def put(self, path, body):
        return self.request("PUT", path, body)

    def delete(self, path):
        return self.request("DELETE", path)

    def request(self, method, path, body=None, retry_safe=None):
        data, _response = self._send(method, path, body=body, retry_safe=retry_safe)
        return data

    # -- the machinery ---------------------------------------------------------

    def _send(self, method, path, body=None, headers=None, retry_safe=None):
        if retry_safe is None:
            retry_safe = method in IDEMPOTENT_METHODS
        # Serialised once so every attempt sends the same bytes.
        payload = None if body is None else json.dumps(body)
        request_headers = dict(headers or {})
        if payload is not None:
            request_headers["Content-Type"] = "application/json"
        deadline = self._clock() + self.retry_timeout
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            try:
                response = self._session.request(
                    method, self.api_url + path, data=payload, headers=request_headers,
                    timeout=self.timeout, verify=self.validate_certs)
            except requests.exceptions.RequestException as exc:
                error = HerokuAPIError(method, path, message="%s: %s" % (type(exc).__name__, _first_line(exc)))
                delay = self._backoff(attempt)
                if retry_safe and self._may_retry(attempt, delay, deadline):
                    self._sleep(delay)
                    continue
                raise error

            remaining = response.headers.get("RateLimit-Remaining")
            if remaining is not None and remaining.isdigit():
                self.rate_limit_remaining = int(remaining)
            if response.status_code < 400:
                return _json_or_none(response), response

            error = _api_error(method, path, response)
            # A 429 was refused before Heroku did anything, so even a POST is safe to send again.
            retryable = response.status_code == 429 or (response.status_code >= 500 and retry_safe)
            if retryable:
                delay = _retry_after(response)
                if delay is None:
                    delay = self._backoff(attempt)
                if self._may_retry(attempt, delay, deadline):
                    self._sleep(delay)
                    continue
            raise error

    def _may_retry(self, attempt, delay, deadline):
        return attempt <= self.max_retries and self._clock() + delay <= deadline

    @staticmethod
    def _backoff(attempt, base=0.5, cap=20.0):
        # Full jitter keeps many forks that were refused together from retrying together.
        return random.uniform(0, min(cap, base * (2 ** (attempt - 1))))


def wait_until(fetch, is_done, what, timeout, is_failed=None, describe=None,
               initial_delay=1.0, max_delay=30.0, sleep=None, clock=None):
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
        return response.json()
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


def _retry_after(response):
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: rare from Heroku; fall back to our own backoff


def _first_line(exc):
    # Connection errors from urllib3 nest several lines of context; the first says what happened.
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
