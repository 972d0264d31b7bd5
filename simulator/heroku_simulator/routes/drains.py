"""Log drains of an app, and those an add-on provider moves onto its add-on."""
import re
from functools import partial

from .. import views
from ..core import invalid, new_id, not_found, now, require, require_object
from ..server import Page

DRAIN_URL_RE = re.compile(r"^(https?|syslog(\+tls)?)://[^\s]+$")


def drain_url(body):
    require(body, "url")
    url = body["url"]
    if not isinstance(url, str) or not DRAIN_URL_RE.match(url):
        raise invalid("Url is invalid.")
    return url


def find_drain(w, a, ident):
    for d in w.s["drains"].values():
        if d["app_id"] == a["id"] and ident in (d["id"], d["url"], d["token"]):
            return d
    raise not_found("log drain")


def list_drains(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page([d for d in w.s["drains"].values() if d["app_id"] == a["id"]], partial(views.drain, w))


def create_drain(ctx, app):
    w = ctx.world
    a = w.app(app)
    url = drain_url(require_object(ctx.body))
    if any(d["app_id"] == a["id"] and d["url"] == url for d in w.s["drains"].values()):
        raise invalid("Url has already been taken.")
    ts = now()
    d = {"id": new_id(), "app_id": a["id"], "url": url, "token": "d." + new_id(),
         "created_at": ts, "updated_at": ts}
    w.s["drains"][d["id"]] = d
    return 201, views.drain(w, d)


def get_drain(ctx, app, drain):
    w = ctx.world
    return views.drain(w, find_drain(w, w.app(app), drain))


def delete_drain(ctx, app, drain):
    w = ctx.world
    d = find_drain(w, w.app(app), drain)
    del w.s["drains"][d["id"]]
    return views.drain(w, d)


def list_addon_drains(ctx, addon):
    w = ctx.world
    ad = w.addon(addon)
    return Page([d for d in w.s["drains"].values() if d.get("addon_id") == ad["id"]], partial(views.drain, w))


def put_addon_drain(ctx, addon, drain):
    # An add-on provider moves its drain; the drain then reports that add-on.
    w = ctx.world
    ad = w.addon(addon)
    url = drain_url(require_object(ctx.body))
    d = find_drain(w, w.s["apps"][ad["app_id"]], drain)
    d.update(url=url, addon_id=ad["id"], updated_at=now())
    return views.drain(w, d)


ROUTES = (
    ("GET", "/apps/{app}/log-drains", list_drains),
    ("POST", "/apps/{app}/log-drains", create_drain),
    ("GET", "/apps/{app}/log-drains/{drain}", get_drain),
    ("GET", "/addons/{addon}/log-drains", list_addon_drains),
    ("PUT", "/addons/{addon}/log-drains/{drain}", put_addon_drain),
    ("DELETE", "/apps/{app}/log-drains/{drain}", delete_drain),
)
