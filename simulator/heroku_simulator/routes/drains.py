"""Log drains of an app, and those add-ons manage.

Heroku takes syslog://, syslog+tls://, http:// and https:// drain URLs that name a host, gives each
drain a token `d.<uuid>` (written into every log line it forwards) and finds a drain by id, URL or
token. A logging add-on (papertrail in the catalogue) adds a drain when it is provisioned; that drain
lists on the app with `addon` set, cannot be removed through the app (only with the add-on, see
World.add_addon_drain) and moves with `PUT /addons/{addon}/log-drains/{drain}`, which add-on
providers call."""
import re
from functools import partial
from urllib.parse import urlsplit

from .. import views
from ..core import invalid, not_found, now, require, require_object
from ..server import Page
from .common import one_of_app
from .generations import app_refuses

DRAIN_SCHEMES = ("syslog", "syslog+tls", "http", "https")
HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^[0-9a-f:.]+$")


def drain_url(body):
    """The URL of a create or update body, as Heroku checks it; its messages never echo the URL (it holds
    credentials)."""
    require(body, "url")
    url = body["url"]
    if not isinstance(url, str) or re.search(r"[\s\x00-\x1f\x7f]", url):
        raise invalid("Url is invalid.")
    parts = urlsplit(url)
    if parts.scheme not in DRAIN_SCHEMES or not url.startswith(parts.scheme + "://"):
        raise invalid("Url must use one of the schemes syslog, syslog+tls, http or https.")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if not parts.hostname or not HOST_RE.match(parts.hostname) or port == 0:
        raise invalid("Url is invalid: it must name a host (and a port from 1 to 65535, if any).")
    return url


def app_drains(w, a):
    return [d for d in w.s["drains"].values() if d["app_id"] == a["id"]]


def find_drain(w, a, ident):
    for d in app_drains(w, a):
        if ident in (d["id"], d["url"], d["token"]):
            return d
    raise not_found("log drain")


def check_unused(w, a, url, drain=None):
    if any(d["url"] == url and d is not drain for d in app_drains(w, a)):
        raise invalid("Url has already been taken.")


def list_drains(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page(app_drains(w, a), partial(views.drain, w))


def create_drain(ctx, app):
    w = ctx.world
    a = w.app(app)
    app_refuses(w, a, "log_drains")
    url = drain_url(require_object(ctx.body))
    check_unused(w, a, url)
    return 201, views.drain(w, w.add_drain(a, url))


def delete_drain(ctx, app, drain):
    w = ctx.world
    d = find_drain(w, w.app(app), drain)
    if d.get("addon_id") in w.s["addons"]:
        raise invalid("Log drains added by add-ons can only be removed by removing the add-on.")
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
    a = w.s["apps"][ad["app_id"]]
    d = find_drain(w, a, drain)
    check_unused(w, a, url, drain=d)
    d.update(url=url, addon_id=ad["id"], updated_at=now())
    return views.drain(w, d)


ROUTES = (
    ("/apps/{app}/log-drains", {"GET": list_drains, "POST": create_drain}),
    ("/apps/{app}/log-drains/{drain}", {"GET": one_of_app(find_drain, views.drain), "DELETE": delete_drain}),
    ("/addons/{addon}/log-drains", {"GET": list_addon_drains}),
    ("/addons/{addon}/log-drains/{drain}", {"PUT": put_addon_drain}),
)
