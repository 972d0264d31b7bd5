"""Buildpack installations: an app's ordered buildpacks, replaced as a whole by PUT."""
from ..core import invalid, require_object
from .generations import app_refuses


def list_buildpacks(ctx, app):
    a = ctx.world.app(app)
    app_refuses(ctx.world, a, "buildpacks")
    return [dict(b) for b in ctx.world.s["buildpacks"][a["id"]]]


def put_buildpacks(ctx, app):
    a = ctx.world.app(app)
    app_refuses(ctx.world, a, "buildpacks")
    body = require_object(ctx.body)
    updates = body.get("updates")
    if not isinstance(updates, list):
        raise invalid("Missing required params: updates.")
    out = []
    for i, up in enumerate(updates):
        bp = up.get("buildpack") if isinstance(up, dict) else None
        if not isinstance(bp, str) or not bp:
            raise invalid("Invalid params: updates[].buildpack must be a buildpack name or URL.")
        out.append({"ordinal": i, "buildpack": {"url": bp, "name": bp}})
    ctx.world.s["buildpacks"][a["id"]] = out
    return [dict(b) for b in out]


ROUTES = (
    ("/apps/{app}/buildpack-installations", {"GET": list_buildpacks, "PUT": put_buildpacks}),
)
