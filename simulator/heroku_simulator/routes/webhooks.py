"""App webhooks: subscriptions (`/apps/{app}/webhooks`), the events that happened on an app one of
them includes (`/webhook-events`) and their deliveries (`/webhook-deliveries`), recorded by
World.webhook_event when a release, a scale, an app update... happens.

Heroku never returns a webhook's `secret` or `authorization`: they are kept, never shown. Without a
`secret`, Heroku makes one up (and returns it once, in a `Heroku-Webhook-Secret` header this
simulator does not send)."""
from urllib.parse import urlsplit

from ..core import invalid, new_id, now, require_object
from ..server import Page
from ..world import World
from .common import one_of_app, record_of_app, removed_under, under

# The entities Heroku's app webhooks notify about (Dev Center, "App Webhooks"): `dyno` is a dyno's
# state changes, `api:dyno` a dyno started through the API.
EVENT_TYPES = ("api:addon-attachment", "api:addon", "api:app", "api:build", "api:collaborator", "api:domain",
               "api:dyno", "api:formation", "api:release", "api:sni-endpoint", "dyno")
LEVELS = ("notify", "sync")


def find_webhook(w, a, ident):
    return record_of_app(w, "webhooks", a, ident, "webhook")


def webhook_view(w, h):
    a = w.s["apps"][h["app_id"]]
    return {"app": {"id": a["id"], "name": a["name"]}, "created_at": h["created_at"], "id": h["id"],
            "include": list(h["include"]), "level": h["level"], "updated_at": h["updated_at"], "url": h["url"]}


def event_view(w, e):
    u = w.s["users"].get(e["actor_id"]) or w.account
    return {"created_at": e["created_at"], "id": e["id"], "include": e["include"],
            "payload": {"action": e["action"], "actor": {"email": u["email"], "id": u["id"]}, "data": e["data"],
                        "previous_data": e["previous_data"], "resource": e["resource"],
                        "version": "application/vnd.heroku+json; version=3"},
            "updated_at": e["updated_at"]}


def delivery_view(d):
    return {"created_at": d["created_at"], "event": {"id": d["event_id"], "include": d["include"]}, "id": d["id"],
            "last_attempt": dict(d["last_attempt"]) if d["last_attempt"] else None,
            "next_attempt_at": d["next_attempt_at"], "num_attempts": d["num_attempts"], "status": d["status"],
            "updated_at": d["updated_at"], "webhook": {"id": d["webhook_id"], "level": d["webhook_level"]}}


def checked(body, creating):
    """The fields of a create or update body, each checked as Heroku checks it."""
    if creating:
        missing = [field for field in ("include", "level", "url") if field not in body]
        if missing:
            raise invalid(f"Missing required params: {', '.join(missing)}.")
    fields = {}
    if "include" in body:
        include = body["include"]
        if not isinstance(include, list) or not include or not all(isinstance(i, str) for i in include):
            raise invalid("Invalid params: include must be a non-empty list of event types.")
        unknown = [i for i in include if i not in EVENT_TYPES]
        if unknown:
            raise invalid(f"Invalid params: include has unknown event types {', '.join(unknown)}; "
                          f"allowed: {', '.join(EVENT_TYPES)}.")
        fields["include"] = sorted(set(include), key=include.index)
    if "level" in body:
        if body["level"] not in LEVELS:
            raise invalid("Invalid params: level must be one of notify, sync.")
        fields["level"] = body["level"]
    if "url" in body:
        url = body["url"]
        parts = urlsplit(url) if isinstance(url, str) else None
        # The schema's format is uri; Heroku's own example is http://example.com, so plain http passes.
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in url):
            raise invalid("Invalid params: url must be an absolute http:// or https:// URL.")
        fields["url"] = url
    for field in ("secret", "authorization"):
        if field in body:
            if body[field] is not None and not isinstance(body[field], str):
                raise invalid(f"Invalid params: {field} must be a string or null.")
            fields[field] = body[field]
    return fields


# ---- routes --------------------------------------------------------------------------

def create_webhook(ctx, app):
    w = ctx.world
    a = w.app(app)
    fields = checked(require_object(ctx.body), creating=True)
    ts = now()
    h = {"id": new_id(), "app_id": a["id"], "secret": None, "authorization": None, "created_at": ts, "updated_at": ts}
    h.update(fields)
    if h["secret"] is None:
        h["secret"] = new_id().replace("-", "") * 2
    w.s["webhooks"][h["id"]] = h
    return 201, webhook_view(w, h)


def update_webhook(ctx, app, webhook):
    w = ctx.world
    h = find_webhook(w, w.app(app), webhook)
    h.update(checked(require_object(ctx.body), creating=False))
    h["updated_at"] = now()
    return webhook_view(w, h)


def list_deliveries(ctx, app):
    # The CLI asks for `Range: seq ..; order=desc,max=1000` and filters with `?eq[status]=`.
    w = ctx.world
    a = w.app(app)
    return Page([d for d in w.s["webhook_deliveries"].values() if d["app_id"] == a["id"]], delivery_view, "seq")


def get_delivery(ctx, app, delivery):
    w = ctx.world
    return delivery_view(record_of_app(w, "webhook_deliveries", w.app(app), delivery, "webhook delivery"))


def get_event(ctx, app, event):
    w = ctx.world
    return event_view(w, record_of_app(w, "webhook_events", w.app(app), event, "webhook event"))


ROUTES = (
    ("/apps/{app}/webhooks", {
        "GET": under(World.app, "webhooks", "app_id", webhook_view),
        "POST": create_webhook,
    }),
    ("/apps/{app}/webhooks/{webhook}", {
        "GET": one_of_app(find_webhook, webhook_view),
        "PATCH": update_webhook,
        "DELETE": removed_under(World.app, find_webhook, "webhooks", webhook_view),
    }),
    ("/apps/{app}/webhook-deliveries", {"GET": list_deliveries}),
    ("/apps/{app}/webhook-deliveries/{delivery}", {"GET": get_delivery}),
    ("/apps/{app}/webhook-events", {"GET": under(World.app, "webhook_events", "app_id", event_view)}),
    ("/apps/{app}/webhook-events/{event}", {"GET": get_event}),
)
