"""Config vars of an app (a change makes a release) and of one of its releases."""
from ..core import CONFIG_KEY_RE, invalid, require_object
from .releases import find_release


def get_config(ctx, app):
    a = ctx.world.app(app)
    return dict(ctx.world.s["config"][a["id"]])


def get_release_config(ctx, app, release):
    a = ctx.world.app(app)
    return dict(find_release(ctx.world, a, release)["config"])


def config_changes(body):
    """A config-var PATCH body (an app's or a pipeline stage's): names to strings, null removes."""
    body = require_object(body)
    for key, value in body.items():
        if not CONFIG_KEY_RE.match(key):
            raise invalid(f"Invalid params: config var name {key!r} may only contain letters, "
                          "digits and underscores.")
        if value is not None and not isinstance(value, str):
            raise invalid(f"Invalid params: the value of config var {key} must be a string or null.")
    return body


def patch_config(ctx, app):
    w = ctx.world
    a = w.app(app)
    w.set_config(a, config_changes(ctx.body), release_phase=True)
    return dict(w.s["config"][a["id"]])


ROUTES = (
    ("/apps/{app}/config-vars", {"GET": get_config, "PATCH": patch_config}),
    ("/apps/{app}/releases/{release}/config-vars", {"GET": get_release_config}),
)
