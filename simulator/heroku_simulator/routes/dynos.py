"""Dynos: derived from the formation and the current release, never stored.

`heroku apps:info` and `ps` list them; a missing route made the CLI show an app
with no dynos at all. One-off dynos (`POST /apps/{app}/dynos`) finish at once,
so they are answered but not kept; restarts and stops change nothing here.
"""
import random

from ..core import invalid, not_found, require_object, stable_id


def dyno_record(w, a, ptype, index, size, command, state="up"):
    rel = w.current_release(a)
    name = "%s.%s" % (ptype, index)
    return {"app": {"id": a["id"], "name": a["name"]},
            "attach_url": None, "command": command,
            "created_at": rel["updated_at"] if rel else a["created_at"],
            "id": stable_id("dyno:%s:%s" % (a["id"], name)), "name": name,
            "release": {"id": rel["id"], "version": rel["version"]} if rel else None,
            "size": size, "state": state, "type": ptype,
            "updated_at": rel["updated_at"] if rel else a["updated_at"]}


def app_dynos(w, a):
    out = []
    for f in sorted(w.s["formation"][a["id"]].values(), key=lambda f: f["type"]):
        out.extend(dyno_record(w, a, f["type"], i, f["size"], f["command"]) for i in range(1, f["quantity"] + 1))
    return out


def find_dyno(w, a, dyno):
    for d in app_dynos(w, a):
        if dyno in (d["id"], d["name"]):
            return d
    raise not_found("dyno")


def list_dynos(ctx, app):
    w = ctx.world
    return app_dynos(w, w.app(app))


def get_dyno(ctx, app, dyno):
    w = ctx.world
    return find_dyno(w, w.app(app), dyno)


def run_dyno(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    if not isinstance(body.get("command"), str) or not body["command"]:
        raise invalid("Invalid params: command is required.")
    ptype = body.get("type") or "run"
    size = body.get("size") or "Basic"
    d = dyno_record(w, a, ptype, random.randint(1000, 9999), size, body["command"], state="starting")
    if body.get("attach"):
        d["attach_url"] = "rendezvous://rendezvous.runtime.heroku.com:5000/%s" % d["id"]
    return 201, d


def restart_all(ctx, app):
    ctx.world.app(app)
    return 202, {}


def dyno_action(ctx, app, dyno):
    """Restart or stop one dyno: nothing to change here, but the dyno must exist."""
    w = ctx.world
    find_dyno(w, w.app(app), dyno)
    return 202, {}


ROUTES = (
    ("GET", "/apps/{app}/dynos", list_dynos),
    ("GET", "/apps/{app}/dynos/{dyno}", get_dyno),
    ("POST", "/apps/{app}/dynos", run_dyno),
    ("DELETE", "/apps/{app}/dynos", restart_all),
    ("DELETE", "/apps/{app}/dynos/{dyno}", dyno_action),
    ("POST", "/apps/{app}/dynos/{dyno}/actions/stop", dyno_action),
)
