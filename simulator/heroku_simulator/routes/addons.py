"""Add-ons: the add-on services and plans of the catalogue, add-ons (provisioned asynchronously,
their vars put on the app), attachments to other apps, and the resolve actions the CLI calls."""
from functools import partial

from .. import views
from ..catalogue import ADDON_SERVICES
from ..core import invalid, not_found, require
from ..server import Page
from ..world import completes, World
from .common import every, one, under


def plans_of(w, svc):
    return [p for p in w.plans.values() if p["addon_service"]["id"] == svc["id"]]


def live_addons(w):
    return [a for a in w.s["addons"].values() if a["state"] != "deprovisioned"]


def find_attachment(w, ident, app=None):
    for att in w.s["attachments"].values():
        if app is not None and att["app_id"] != app["id"]:
            continue
        if ident in (att["id"], att["name"]):
            return att
    raise not_found("add-on attachment")


# ---- catalogue -------------------------------------------------------------------

def list_services(ctx):
    return Page(ctx.world.services.values(), dict, "name")


def get_service(ctx, svc):
    return ctx.world.service(svc)


def list_plans(ctx, svc):
    return Page(plans_of(ctx.world, ctx.world.service(svc)), dict, "name")


def get_plan(ctx, svc, plan):
    s = ctx.world.service(svc)
    for p in plans_of(ctx.world, s):
        if plan in (p["id"], p["name"], p["name"].split(":", 1)[1]):
            return p
    raise not_found("add-on plan")


def get_plan_by_id(ctx, plan):
    return ctx.world.resolve_plan(plan)


# ---- add-ons ---------------------------------------------------------------------

def create_addon(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require(ctx.body, "plan")
    att = body.get("attachment")
    if att is not None and not isinstance(att, dict):
        raise invalid("Invalid params: attachment must be an object.")
    config = body.get("config")
    if config is not None and not isinstance(config, dict):
        raise invalid("Invalid params: config must be an object.")
    addon = w.create_addon(a, body["plan"], name=body.get("name"),
                           attachment_name=(att or {}).get("name"), config=config)
    return 201, views.addon(w, addon)


def list_addons(ctx):
    w = ctx.world
    return Page(live_addons(w), partial(views.addon, w))


def list_app_addons(ctx, app):
    w = ctx.world
    a = w.app(app)
    # Heroku lists add-ons owned by the app and those attached to it.
    attached = {att["addon_id"] for att in w.s["attachments"].values() if att["app_id"] == a["id"]}
    recs = [ad for ad in live_addons(w) if ad["app_id"] == a["id"] or ad["id"] in attached]
    return Page(recs, partial(views.addon, w))


def list_user_addons(ctx, user):
    w = ctx.world
    u = w.user(user)
    recs = [ad for ad in live_addons(w) if w.s["apps"][ad["app_id"]]["owner_id"] == u["id"]]
    return Page(recs, partial(views.addon, w))


def list_team_addons(ctx, team):
    w = ctx.world
    t = w.team(team)
    recs = [ad for ad in live_addons(w) if w.s["apps"][ad["app_id"]]["team_id"] == t["id"]]
    return Page(recs, partial(views.addon, w))


def get_app_addon(ctx, app, addon):
    w = ctx.world
    return views.addon(w, w.addon(addon, w.app(app)))


def patch_addon(ctx, app, addon):
    w = ctx.world
    ad = w.addon(addon, w.app(app))
    body = require(ctx.body, "plan")
    plan = w.resolve_plan(body["plan"])
    if plan["addon_service"]["id"] != ad["service_id"]:
        raise invalid("Invalid params: the new plan must belong to the same add-on service.")
    if body.get("name") is not None and body["name"] != ad["name"]:
        if any(x["name"] == body["name"] for x in w.s["addons"].values()):
            raise invalid("Name is already taken")
        ad["name"] = body["name"]
    if plan["id"] != ad["plan_id"]:
        ad["plan_id"] = plan["id"]
        w.create_release(w.s["apps"][ad["app_id"]], f"Upgrade to {plan['name']}")
    return views.addon(w, ad)


def delete_addon(ctx, app, addon):
    w = ctx.world
    ad = w.addon(addon, w.app(app))
    return views.addon(w, w.delete_addon(ad))


# ---- attachments -------------------------------------------------------------------

def get_app_attachment(ctx, app, att):
    w = ctx.world
    return views.attachment(w, find_attachment(w, att, w.app(app)))


def identity_of(value):
    """An add-on or app as the schema names it (its name or id), or as the CLI does, an object holding either."""
    return (value.get("id") or value.get("name") or "") if isinstance(value, dict) else value


def create_attachment(ctx):
    w = ctx.world
    body = require(ctx.body, "addon", "app")
    ad = w.addon(identity_of(body["addon"]))
    a = w.app(identity_of(body["app"]))
    name = body.get("name")
    if name is None:
        name = w._attachment_name(a, ADDON_SERVICES[w.services[ad["service_id"]]["name"]])
    if not isinstance(name, str):
        raise invalid("Invalid params: name must be a string.")
    name = name.upper().replace("-", "_")
    if any(x["app_id"] == a["id"] and x["name"] == name for x in w.s["attachments"].values()):
        raise invalid(f"Name {name} is already used by another attachment on this app.")
    att = w.attach(ad, a, name)
    # Heroku keeps the namespace given (a role's, "role:analytics"); none is null.
    att["namespace"] = body.get("namespace")
    return 201, views.attachment(w, att)


def delete_attachment(ctx, att):
    w = ctx.world
    x = find_attachment(w, att)
    ad = w.s["addons"][x["addon_id"]]
    if x["app_id"] == ad["app_id"] and sum(1 for y in w.s["attachments"].values()
                                           if y["addon_id"] == ad["id"]) == 1:
        raise invalid("Cannot remove the last attachment of an add-on; destroy the add-on instead.")
    out = views.attachment(w, x)
    if ad["state"] == "provisioned":
        w._apply_attachment_vars(x, add=False)
    del w.s["attachments"][x["id"]]
    return out


# ---- resolve actions (the CLI calls these before addons:info/destroy) ------------------

def resolve_request(w, body, field):
    """What a resolve action asks: the name or id in `field`, the app to look in (or None) and the
    add-on service to keep (or None)."""
    body = require(body, field)
    app = w.app(body["app"]) if body.get("app") else None
    return body[field], app, body.get("addon_service")


def resolve_addons(ctx):
    w = ctx.world
    ident, app, svc = resolve_request(w, ctx.body, "addon")
    found = []
    for ad in live_addons(w):
        if ident in (ad["id"], ad["name"]):
            found.append(ad)
    if not found and app is not None:
        for att in w.s["attachments"].values():
            if att["app_id"] == app["id"] and att["name"] == ident:
                found.append(w.s["addons"][att["addon_id"]])
    if svc:
        found = [ad for ad in found if w.services[ad["service_id"]]["name"] == svc]
    if not found:
        raise not_found("add-on")
    return [views.addon(w, ad) for ad in found]


def resolve_attachments(ctx):
    w = ctx.world
    ident, app, svc = resolve_request(w, ctx.body, "addon_attachment")
    found = []
    for att in w.s["attachments"].values():
        if app is not None and att["app_id"] != app["id"]:
            continue
        ad = w.s["addons"][att["addon_id"]]
        if ident in (att["id"], att["name"], ad["name"], ad["id"]):
            found.append(att)
    if svc:
        found = [x for x in found if w.services[w.s["addons"][x["addon_id"]]["service_id"]]["name"] == svc]
    if not found:
        raise not_found("add-on attachment")
    return [views.attachment(w, x) for x in found]


# ---- add-ons provisioned (World.tick runs what World.schedule put off) ----------------------------

@completes("addon")
def complete_addon(w, rid):
    addon = w.s["addons"].get(rid)
    if addon and addon["state"] == "provisioning":
        w.finish_addon(addon)


ROUTES = (
    ("/addon-services", {"GET": list_services}),
    ("/addon-services/{svc}", {"GET": get_service}),
    ("/addon-services/{svc}/plans", {"GET": list_plans}),
    ("/addon-services/{svc}/plans/{plan}", {"GET": get_plan}),
    ("/plans/{plan}", {"GET": get_plan_by_id}),
    ("/apps/{app}/addons", {"POST": create_addon, "GET": list_app_addons}),
    ("/addons", {"GET": list_addons}),
    ("/users/{user}/addons", {"GET": list_user_addons}),
    ("/teams/{team}/addons", {"GET": list_team_addons}),
    ("/addons/{addon}", {"GET": one(World.addon, views.addon)}),
    ("/apps/{app}/addons/{addon}", {"GET": get_app_addon, "PATCH": patch_addon, "DELETE": delete_addon}),
    ("/addon-attachments", {"GET": every("attachments", views.attachment), "POST": create_attachment}),
    ("/apps/{app}/addon-attachments", {"GET": under(World.app, "attachments", "app_id", views.attachment)}),
    ("/addons/{addon}/addon-attachments", {
        "GET": under(World.addon, "attachments", "addon_id", views.attachment),
    }),
    ("/addon-attachments/{att}", {"GET": one(find_attachment, views.attachment), "DELETE": delete_attachment}),
    ("/apps/{app}/addon-attachments/{att}", {"GET": get_app_attachment}),
    ("/actions/addons/resolve", {"POST": resolve_addons}),
    ("/actions/addon-attachments/resolve", {"POST": resolve_attachments}),
)
