"""App features (`runtime-dyno-metadata`, `preboot`, ...): list, info, enable or disable."""
from .. import views
from ..catalogue import APP_FEATURES
from ..core import check_type, not_found, require, require_object, stable_id
from ..server import Page


def find_feature(ident):
    for f in APP_FEATURES:
        if ident in (f[0], stable_id("feature:" + f[0])):
            return f
    raise not_found("feature")


def list_features(ctx, app):
    a = ctx.world.app(app)
    enabled = ctx.world.s["features"][a["id"]]
    recs = [views.feature(f, enabled.get(f[0], False)) for f in APP_FEATURES]
    return Page(recs, dict)


def get_feature(ctx, app, feature):
    a = ctx.world.app(app)
    f = find_feature(feature)
    return views.feature(f, ctx.world.s["features"][a["id"]].get(f[0], False))


def patch_feature(ctx, app, feature):
    a = ctx.world.app(app)
    f = find_feature(feature)
    body = require_object(ctx.body)
    require(body, "enabled")
    check_type(body, "enabled", bool)
    ctx.world.s["features"][a["id"]][f[0]] = body["enabled"]
    return views.feature(f, body["enabled"])


ROUTES = (
    ("GET", "/apps/{app}/features", list_features),
    ("GET", "/apps/{app}/features/{feature}", get_feature),
    ("PATCH", "/apps/{app}/features/{feature}", patch_feature),
)
