"""Heroku Labs and app features: an app's (`preboot`, `runtime-dyno-metadata`, ...) and the account's own
(`app-overview`, ...): list, info, enable or disable. Features exist whether enabled or not; a name
Heroku does not know answers 404."""
from .. import views
from ..catalogue import ACCOUNT_FEATURES, APP_FEATURES
from ..core import check_type, not_found, require, stable_id
from ..server import Page


def find_feature(catalogue, ident):
    for f in catalogue:
        if ident in (f[0], stable_id("feature:" + f[0])):
            return f
    raise not_found("feature")


def updated(states, f, body):
    body = require(body, "enabled")
    check_type(body, "enabled", bool)
    states[f[0]] = body["enabled"]
    return views.feature(f, body["enabled"])


def list_features(ctx, app):
    states = ctx.world.s["features"][ctx.world.app(app)["id"]]
    return Page([views.feature(f, states.get(f[0], False)) for f in APP_FEATURES], dict)


def get_feature(ctx, app, feature):
    states = ctx.world.s["features"][ctx.world.app(app)["id"]]
    f = find_feature(APP_FEATURES, feature)
    return views.feature(f, states.get(f[0], False))


def patch_feature(ctx, app, feature):
    states = ctx.world.s["features"][ctx.world.app(app)["id"]]
    return updated(states, find_feature(APP_FEATURES, feature), ctx.body)


def list_account_features(ctx):
    states = ctx.world.s["account_features"]
    return Page([views.feature(f, states.get(f[0], False)) for f in ACCOUNT_FEATURES], dict)


def get_account_feature(ctx, feature):
    f = find_feature(ACCOUNT_FEATURES, feature)
    return views.feature(f, ctx.world.s["account_features"].get(f[0], False))


def patch_account_feature(ctx, feature):
    return updated(ctx.world.s["account_features"], find_feature(ACCOUNT_FEATURES, feature), ctx.body)


ROUTES = (
    ("/apps/{app}/features", {"GET": list_features}),
    ("/apps/{app}/features/{feature}", {"GET": get_feature, "PATCH": patch_feature}),
    ("/account/features", {"GET": list_account_features}),
    ("/account/features/{feature}", {"GET": get_account_feature, "PATCH": patch_account_feature}),
)
