"""Small shared helpers: errors, ids, timestamps, pagination, validation."""
import bisect
import datetime
import re
import uuid

DOC_URL = "https://devcenter.heroku.com/articles/platform-api-reference"

# Error ids answered by default for an injected fault of a given status.
DEFAULT_ERROR_IDS = {
    400: "bad_request", 401: "unauthorized", 402: "payment_required",
    403: "forbidden", 404: "not_found", 409: "conflict", 410: "gone",
    422: "invalid_params", 423: "locked", 429: "rate_limit",
    500: "internal_server_error", 502: "bad_gateway", 503: "service_unavailable",
    504: "gateway_timeout",
}
DEFAULT_MESSAGES = {
    429: "Your account reached the API rate limit\nPlease wait a few minutes before making new requests",
    500: "Internal server error.",
    503: "The service is temporarily unavailable. Please try again later.",
}


class ApiError(Exception):
    """Raised by route handlers; the server turns it into a Heroku error body."""

    def __init__(self, status, error_id, message, headers=None):
        super().__init__(message)
        self.status = status
        self.error_id = error_id
        self.message = message
        self.headers = headers or {}

    def body(self):
        return {"id": self.error_id, "message": self.message, "url": DOC_URL}


def not_found(what):
    return ApiError(404, "not_found", f"Couldn't find that {what}.")


def invalid(message):
    return ApiError(422, "invalid_params", message)


def new_id():
    return str(uuid.uuid4())


def stable_id(name):
    """Catalogue ids are deterministic so saved state files stay consistent."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "heroku-simulator:" + name))


#: the time the simulator answers with when a test set it (Simulator.set_clock), else None: the real time. The
#: process's, not one simulator's: every resource's timestamps and the usage reports' today read it.
_clock = None


def set_clock(when):
    """Answer with `when` (an aware datetime) as the time from now on; None: the real time again."""
    global _clock  # pylint: disable=global-statement
    _clock = when


def utcnow():
    return _clock or datetime.datetime.now(datetime.timezone.utc)


def now():
    return utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")


def is_uuid(value):
    try:
        uuid.UUID(str(value))
        return True
    except ValueError:
        return False


APP_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{1,28}[a-z0-9]$")
PIPELINE_NAME_RE = re.compile(r"^[a-z][a-z0-9-]{2,29}$")
SPACE_NAME_RE = re.compile(r"^[a-z0-9](?:[a-z0-9]|-(?!-))+[a-z0-9]$")
ADDON_NAME_RE = re.compile(r"^[a-zA-Z][A-Za-z0-9_-]+$")
CONFIG_KEY_RE = re.compile(r"^\w+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def require_object(body):
    if not isinstance(body, dict):
        raise invalid("Request body must be a JSON object.")
    return body


def require(body, *fields):
    """The request body, a JSON object with a value for each of `fields` (Heroku's 422 otherwise)."""
    body = require_object(body)
    for field in fields:
        if body.get(field) is None:
            raise invalid(f"Missing required params: {field}.")
    return body


def check_type(body, field, types, label=None):
    if field in body and body[field] is not None and not isinstance(body[field], types):
        raise invalid(f"Invalid params: {label or field} has the wrong type.")


# ---- pagination ---------------------------------------------------------

RANGE_RE = re.compile(r"^\s*(?P<field>[a-z_]+)\s*(?P<start>[^;]*?)\s*(?:;\s*(?P<opts>.*))?$")


def parse_range(header, default_field="id"):
    """Parse `field [start]..[end]; max=N, order=asc|desc` (Heroku's Range)."""
    spec = {"field": default_field, "start": None, "exclusive": False,
            "end": None, "max": 200, "order": "asc"}
    if not header:
        return spec
    m = RANGE_RE.match(header)
    if not m:
        raise ApiError(400, "bad_request", "Invalid Range header.")
    spec["field"] = m.group("field")
    bounds = m.group("start") or ""
    if ".." in bounds:
        start, end = bounds.split("..", 1)
    else:
        start, end = bounds, ""
    start, end = start.strip(), end.strip()
    if start.startswith("]"):
        spec["exclusive"] = True
        start = start[1:]
    spec["start"] = start or None
    spec["end"] = end or None
    for opt in re.split(r"[,;]", m.group("opts") or ""):
        if "=" not in opt:
            continue
        key, value = (p.strip() for p in opt.split("=", 1))
        if key == "max":
            try:
                spec["max"] = max(1, min(1000, int(value)))
            except ValueError:
                raise ApiError(400, "bad_request", "Invalid Range header: max must be an integer.")
        elif key == "order" and value in ("asc", "desc"):
            spec["order"] = value
    return spec


def _sort_key(value):
    # Numbers sort numerically, everything else as text; None first.
    if value is None:
        return (0, 0, "")
    if isinstance(value, bool):
        return (1, int(value), "")
    if isinstance(value, (int, float)):
        return (1, value, "")
    return (2, 0, str(value))


def paginate(records, range_header, default_field="id"):
    """Return (page_records, next_range_header_or_None, spec)."""
    spec = parse_range(range_header, default_field)
    field = spec["field"]
    if records and field not in records[0]:
        field = default_field if default_field in records[0] else "id"
    desc = spec["order"] == "desc"
    # Plain string keys when possible: sorting 10,000 apps per page must stay cheap.
    all_str = all(isinstance(r.get(field), str) for r in records)
    if all_str:
        keyed = [((r[field], r.get("id", "")), r) for r in records]
    else:
        keyed = [((_sort_key(r.get(field)), r.get("id", "")), r) for r in records]
    keyed.sort(key=lambda kr: kr[0], reverse=desc)
    if spec["start"] is not None:
        start = spec["start"]
        if not all_str:
            sample = next((r.get(field) for r in records if r.get(field) is not None), None)
            if isinstance(sample, int) and not isinstance(sample, bool):
                try:
                    start = int(start)
                except ValueError:
                    pass
            start = _sort_key(start)
        keys = [k[0] for k, _ in keyed]
        if desc:
            # keys descend: keep those below (or at) start.
            lo = 0
            while lo < len(keys) and (keys[lo] >= start if spec["exclusive"] else keys[lo] > start):
                lo += 1
            keyed = keyed[lo:]
        else:
            cut = bisect.bisect_right(keys, start) if spec["exclusive"] else bisect.bisect_left(keys, start)
            keyed = keyed[cut:]
    page = [r for _, r in keyed[: spec["max"]]]
    next_range = None
    if len(keyed) > spec["max"]:
        last = page[-1].get(field)
        next_range = f"{field} ]{last}..; max={spec['max']}"
        if desc:
            next_range += ", order=desc"
    return page, next_range, spec
