"""OpenTelemetry drains (schema `telemetry-drain`) of a Fir app or space.

* `POST /telemetry-drains` with `owner` {id, type: app|space}, `signals` and `exporter` {type, endpoint,
  headers}; `GET /apps/{app}/telemetry-drains`, `GET /spaces/{space}/telemetry-drains`; `GET`, `PATCH`
  (signals, exporter) and `DELETE /telemetry-drains/{id}`.
* Only Fir has them: a drain for a Cedar app or space is refused with 422 `invalid_params` (a Cedar
  owner lists none). The owner is named by id, as Heroku's schema says (the CLI reads the app first).
* The exporter's headers (a vendor's API key) are kept and returned as Heroku's schema shows them.
"""
from functools import partial
from urllib.parse import urlsplit

from .. import views
from ..catalogue import FIR
from ..core import invalid, new_id, not_found, now, require_object
from ..server import Page
from .common import record_by_id, removed

SIGNALS = ("traces", "metrics", "logs")
# What Heroku answers when a Cedar app or space is given a telemetry drain.
CEDAR_REFUSES = {"app": "Telemetry drains are only available for Fir apps. Use log drains for Cedar apps.",
                 "space": "Telemetry drains are only available for Fir spaces."}


def owner_record(w, owner):
    """The app or space a create body's owner names (by id), refused unless it is Fir."""
    kind, ident = owner["type"], owner["id"]
    if kind == "app":
        record = w.s["apps"].get(ident)
        generation = views.app_generation(w, record) if record else None
    else:
        record = w.s["spaces"].get(ident)
        generation = views.space_generation(record) if record else None
    if record is None:
        raise not_found(kind)
    if generation != FIR:
        raise invalid(CEDAR_REFUSES[kind])
    return record


def checked(body, creating):
    """The signals and exporter of a create or update body, each checked as Heroku checks it."""
    fields = {}
    if "signals" in body or creating:
        signals = body.get("signals")
        if not isinstance(signals, list) or not signals or len(set(signals)) != len(signals):
            raise invalid("Invalid params: signals must be a non-empty list of distinct signals (traces, metrics, logs).")
        fields["signals"] = list(signals)
    if "exporter" in body:
        exporter = body["exporter"]
        parts = urlsplit(exporter["endpoint"])
        if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in exporter["endpoint"]):
            raise invalid("Invalid params: exporter.endpoint must be an absolute URL.")
        if len(exporter.get("headers") or {}) > 20:
            raise invalid("Invalid params: exporter.headers takes at most 20 headers.")
        fields["exporter"] = {"type": exporter["type"], "endpoint": exporter["endpoint"],
                              "headers": dict(exporter.get("headers") or {})}
    return fields


def drain_view(w, d):
    return {"created_at": d["created_at"], "exporter": dict(d["exporter"], headers=dict(d["exporter"]["headers"])),
            "id": d["id"], "owner": {"id": d["owner_id"], "type": d["owner_type"]}, "signals": list(d["signals"]),
            "updated_at": d["updated_at"]}


find_drain = record_by_id("telemetry_drains", "telemetry drain")


def create_drain(ctx):
    w = ctx.world
    body = require_object(ctx.body)
    owner = owner_record(w, body["owner"])
    stamp = now()
    d = dict(checked(body, creating=True), id=new_id(), owner_id=owner["id"], owner_type=body["owner"]["type"],
             created_at=stamp, updated_at=stamp)
    w.s["telemetry_drains"][d["id"]] = d
    return 201, drain_view(w, d)


def owner_drains(w, owner_id):
    return Page([d for d in w.s["telemetry_drains"].values() if d["owner_id"] == owner_id], partial(drain_view, w))


def list_app_drains(ctx, app):
    return owner_drains(ctx.world, ctx.world.app(app)["id"])


def list_space_drains(ctx, space):
    return owner_drains(ctx.world, ctx.world.space(space)["id"])


def get_drain(ctx, telemetry_drain):
    return drain_view(ctx.world, find_drain(ctx.world, telemetry_drain))


def update_drain(ctx, telemetry_drain):
    w = ctx.world
    d = find_drain(w, telemetry_drain)
    d.update(checked(require_object(ctx.body), creating=False), updated_at=now())
    return drain_view(w, d)


ROUTES = (
    ("/telemetry-drains", {"POST": create_drain}),
    ("/telemetry-drains/{telemetry_drain}", {
        "GET": get_drain, "PATCH": update_drain, "DELETE": removed(find_drain, "telemetry_drains", drain_view)}),
    ("/apps/{app}/telemetry-drains", {"GET": list_app_drains}),
    ("/spaces/{space}/telemetry-drains", {"GET": list_space_drains}),
)
