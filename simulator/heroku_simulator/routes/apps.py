"""Apps and team apps: create, list (by account, user, team, or ids through
`POST /filters/apps`), info, update (rename, maintenance, build stack, lock, transfer), delete."""
from functools import partial

from .. import views
from ..core import check_type, invalid, now, require_object
from ..server import Page
from ..world import World
from .common import every, one, under
from .generations import app_refuses, refuse_on_fir


def bool_field(body, field):
    check_type(body, field, bool)
    return body.get(field)


def update_app(w, app, body):
    """What `PATCH /apps/{app}` and `PATCH /teams/apps/{app}` both change."""
    check_type(body, "name", str)
    if body.get("name") is not None:
        w.rename_app(app, body["name"])
    if bool_field(body, "maintenance") is not None:
        app["maintenance"] = body["maintenance"]
    if body.get("build_stack") is not None:
        app_refuses(w, app, "stack")
        app["build_stack_id"] = w.stack(body["build_stack"])["id"]
    app["updated_at"] = now()
    w.webhook_event(app, "api:app", "update", lambda: views.app(w, app))


def transfer_app(w, app, owner):
    """Give the app to a team (by name) or to a user (by email)."""
    if isinstance(owner, dict):
        owner = owner.get("name") or owner.get("id") or owner.get("email")
    if not isinstance(owner, str):
        raise invalid("Invalid params: owner must be a team name or an email.")
    if "@" in owner:
        u = w.user(owner)
        app["team_id"], app["owner_id"], app["locked"] = None, u["id"], False
    else:
        t = w.team(owner)
        app["team_id"], app["owner_id"] = t["id"], t["id"]


# ---- create ---------------------------------------------------------------------

def create_app(ctx):
    w = ctx.world
    body = require_object(ctx.body)
    for f in ("name", "region", "stack"):
        check_type(body, f, str)
    app = w.create_app(name=body.get("name"), region=body.get("region"), stack=body.get("stack"))
    return 201, views.app(w, app)


def create_team_app(ctx):
    w = ctx.world
    body = require_object(ctx.body)
    for f in ("name", "region", "stack", "team", "space"):
        check_type(body, f, str)
    for f in ("locked", "personal", "internal_routing"):
        check_type(body, f, bool)
    team = None if body.get("personal") else body.get("team")
    if team is None and not body.get("personal"):
        default = next((t for t in w.s["teams"].values() if t.get("default")), None)
        if default is None:
            raise invalid("Missing required params: team.")
        team = default["name"]
    team_rec = w.team(team) if team else None
    if body.get("space") is not None:
        gen = views.space_generation(w.space(body["space"]))
        if body.get("internal_routing"):
            refuse_on_fir(gen, "internal_routing")
        if body.get("stack") is not None:
            refuse_on_fir(gen, "stack")
    app = w.create_app(name=body.get("name"), region=body.get("region"), stack=body.get("stack"),
                       team=team, space=body.get("space"), locked=body.get("locked", False),
                       internal_routing=body.get("internal_routing"),
                       owner=team_rec["id"] if team_rec else None)
    return 201, views.team_app(w, app)


# ---- list -----------------------------------------------------------------------

# Also the apps of a team member (teams.py).
list_team_apps = under(World.team, "apps", "team_id", views.team_app)


def filter_apps(ctx):
    # Schema "filter-apps": {"in": {"id": [...]}} -> team-app list (the CLI's pipelines:info).
    w = ctx.world
    body = require_object(ctx.body)
    ids = (body.get("in") or {}).get("id") if isinstance(body.get("in"), dict) else None
    if not isinstance(ids, list):
        raise invalid("Invalid params: in.id must be a list of app ids.")
    return Page([w.s["apps"][i] for i in ids if isinstance(i, str) and i in w.s["apps"]],
                partial(views.team_app, w))


# ---- info, update, delete -----------------------------------------------------------

def patch_app(ctx, app):
    w = ctx.world
    a = w.app(app)
    update_app(w, a, require_object(ctx.body))
    return views.app(w, a)


def patch_team_app(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    # The schema's three PATCH variants each require one of these.
    if not set(body) & {"locked", "owner", "name", "maintenance", "build_stack"}:
        raise invalid("Missing required params: locked or owner.")
    if bool_field(body, "locked") is not None:
        if not a["team_id"]:
            raise invalid("Only team apps can be locked.")
        a["locked"] = body["locked"]
    if body.get("owner") is not None:
        transfer_app(w, a, body["owner"])
    update_app(w, a, body)
    return views.team_app(w, a)


def delete_app(ctx, app):
    w = ctx.world
    a = w.app(app)
    out = views.app(w, a)
    w.delete_app(a)
    return out


ROUTES = (
    ("/apps", {"POST": create_app, "GET": every("apps", views.app)}),
    ("/teams/apps", {"POST": create_team_app}),
    ("/users/{user}/apps", {"GET": under(World.user, "apps", "owner_id", views.app)}),
    ("/teams/{team}/apps", {"GET": list_team_apps}),
    ("/filters/apps", {"POST": filter_apps}),
    ("/apps/{app}", {"GET": one(World.app, views.app), "PATCH": patch_app, "DELETE": delete_app}),
    ("/teams/apps/{app}", {"GET": one(World.app, views.team_app), "PATCH": patch_team_app}),
)
