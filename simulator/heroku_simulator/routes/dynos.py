"""Dynos: derived from the formation and the current release, never stored.

`heroku apps:info` and `ps` list them; a missing route made the CLI show an app
with no dynos at all. One-off dynos (`POST /apps/{app}/dynos`) finish at once,
so they are answered but not kept; restarts and stops change nothing here.
"""
import random

from ..core import invalid, not_found, require_object, stable_id


def _dyno(w, a, ptype, index, size, command, state="up"):
    rel = w.current_release(a)
    name = "%s.%s" % (ptype, index)
    return {"app": {"id": a["id"], "name": a["name"]},
            "attach_url": None, "command": command,
            "created_at": rel["updated_at"] if rel else a["created_at"],
            "id": stable_id("dyno:%s:%s" % (a["id"], name)), "name": name,
            "release": {"id": rel["id"], "version": rel["version"]} if rel else None,
            "size": size, "state": state, "type": ptype,
            "updated_at": rel["updated_at"] if rel else a["updated_at"]}


def _dynos(w, a):
    out = []
    for f in sorted(w.s["formation"][a["id"]].values(), key=lambda f: f["type"]):
        out.extend(_dyno(w, a, f["type"], i, f["size"], f["command"]) for i in range(1, f["quantity"] + 1))
    return out


def _find(w, a, dyno):
    for d in _dynos(w, a):
        if dyno in (d["id"], d["name"]):
            return d
    raise not_found("dyno")


def register(r):
    @r.route("GET", "/apps/{app}/dynos")
    def list_dynos(ctx, app):
        w = ctx.world
        return _dynos(w, w.app(app))

    @r.route("GET", "/apps/{app}/dynos/{dyno}")
    def get_dyno(ctx, app, dyno):
        w = ctx.world
        return _find(w, w.app(app), dyno)

    @r.route("POST", "/apps/{app}/dynos")
    def run_dyno(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        if not isinstance(body.get("command"), str) or not body["command"]:
            raise invalid("Invalid params: command is required.")
        ptype = body.get("type") or "run"
        size = body.get("size") or "Basic"
        d = _dyno(w, a, ptype, random.randint(1000, 9999), size, body["command"], state="starting")
        if body.get("attach"):
            d["attach_url"] = "rendezvous://rendezvous.runtime.heroku.com:5000/%s" % d["id"]
        return 201, d

    @r.route("DELETE", "/apps/{app}/dynos")
    def restart_all(ctx, app):
        ctx.world.app(app)
        return 202, {}

    @r.route("DELETE", "/apps/{app}/dynos/{dyno}")
    def restart_dyno(ctx, app, dyno):
        w = ctx.world
        _find(w, w.app(app), dyno)
        return 202, {}

    @r.route("POST", "/apps/{app}/dynos/{dyno}/actions/stop")
    def stop_dyno(ctx, app, dyno):
        w = ctx.world
        _find(w, w.app(app), dyno)
        return 202, {}
