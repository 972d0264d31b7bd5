"""Add-on services and plans, add-ons, attachments and the resolve actions."""
from .. import views
from ..catalogue import ADDON_SERVICES
from ..core import ApiError, invalid, not_found, require, require_object
from ..server import Page


def _plans_of(w, svc):
    return [p for p in w.plans.values() if p["addon_service"]["id"] == svc["id"]]


def _live(w):
    return [a for a in w.s["addons"].values() if a["state"] != "deprovisioned"]


def register(r):
    # ---- catalogue -------------------------------------------------------------
    @r.route("GET", "/addon-services")
    def list_services(ctx):
        return Page(ctx.world.services.values(), lambda x: x, "name")

    @r.route("GET", "/addon-services/{svc}")
    def get_service(ctx, svc):
        return ctx.world.service(svc)

    @r.route("GET", "/addon-services/{svc}/plans")
    def list_plans(ctx, svc):
        return Page(_plans_of(ctx.world, ctx.world.service(svc)), lambda x: x, "name")

    @r.route("GET", "/addon-services/{svc}/plans/{plan}")
    def get_plan(ctx, svc, plan):
        s = ctx.world.service(svc)
        for p in _plans_of(ctx.world, s):
            if plan in (p["id"], p["name"], p["name"].split(":", 1)[1]):
                return p
        raise not_found("add-on plan")

    @r.route("GET", "/plans/{plan}")
    def get_plan_by_id(ctx, plan):
        return ctx.world.resolve_plan(plan)

    # ---- add-ons ---------------------------------------------------------------
    @r.route("POST", "/apps/{app}/addons")
    def create_addon(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "plan")
        att = body.get("attachment")
        if att is not None and not isinstance(att, dict):
            raise invalid("Invalid params: attachment must be an object.")
        config = body.get("config")
        if config is not None and not isinstance(config, dict):
            raise invalid("Invalid params: config must be an object.")
        addon = w.create_addon(a, body["plan"], name=body.get("name"),
                               attachment_name=(att or {}).get("name"), config=config)
        return 201, views.addon(w, addon)

    @r.route("GET", "/addons")
    def list_addons(ctx):
        w = ctx.world
        return Page(_live(w), lambda ad: views.addon(w, ad))

    @r.route("GET", "/apps/{app}/addons")
    def list_app_addons(ctx, app):
        w = ctx.world
        a = w.app(app)
        # Heroku lists add-ons owned by the app and those attached to it.
        attached = {att["addon_id"] for att in w.s["attachments"].values() if att["app_id"] == a["id"]}
        recs = [ad for ad in _live(w) if ad["app_id"] == a["id"] or ad["id"] in attached]
        return Page(recs, lambda ad: views.addon(w, ad))

    @r.route("GET", "/users/{user}/addons")
    def list_user_addons(ctx, user):
        w = ctx.world
        u = w.user(user)
        recs = [ad for ad in _live(w) if w.s["apps"][ad["app_id"]]["owner_id"] == u["id"]]
        return Page(recs, lambda ad: views.addon(w, ad))

    @r.route("GET", "/teams/{team}/addons")
    def list_team_addons(ctx, team):
        w = ctx.world
        t = w.team(team)
        recs = [ad for ad in _live(w) if w.s["apps"][ad["app_id"]]["team_id"] == t["id"]]
        return Page(recs, lambda ad: views.addon(w, ad))

    @r.route("GET", "/addons/{addon}")
    def get_addon(ctx, addon):
        return views.addon(ctx.world, ctx.world.addon(addon))

    @r.route("GET", "/apps/{app}/addons/{addon}")
    def get_app_addon(ctx, app, addon):
        w = ctx.world
        return views.addon(w, w.addon(addon, w.app(app)))

    @r.route("PATCH", "/apps/{app}/addons/{addon}")
    def patch_addon(ctx, app, addon):
        w = ctx.world
        ad = w.addon(addon, w.app(app))
        body = require_object(ctx.body)
        require(body, "plan")
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

    @r.route("DELETE", "/apps/{app}/addons/{addon}")
    def delete_addon(ctx, app, addon):
        w = ctx.world
        ad = w.addon(addon, w.app(app))
        return views.addon(w, w.delete_addon(ad))

    # ---- attachments -------------------------------------------------------------
    @r.route("GET", "/addon-attachments")
    def list_attachments(ctx):
        w = ctx.world
        return Page(w.s["attachments"].values(), lambda att: views.attachment(w, att))

    @r.route("GET", "/apps/{app}/addon-attachments")
    def list_app_attachments(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page([x for x in w.s["attachments"].values() if x["app_id"] == a["id"]],
                    lambda att: views.attachment(w, att))

    @r.route("GET", "/addons/{addon}/addon-attachments")
    def list_addon_attachments(ctx, addon):
        w = ctx.world
        ad = w.addon(addon)
        return Page([x for x in w.s["attachments"].values() if x["addon_id"] == ad["id"]],
                    lambda att: views.attachment(w, att))

    def find_attachment(w, ident, app=None):
        for att in w.s["attachments"].values():
            if app is not None and att["app_id"] != app["id"]:
                continue
            if ident in (att["id"], att["name"]):
                return att
        raise not_found("add-on attachment")

    @r.route("GET", "/addon-attachments/{att}")
    def get_attachment(ctx, att):
        return views.attachment(ctx.world, find_attachment(ctx.world, att))

    @r.route("GET", "/apps/{app}/addon-attachments/{att}")
    def get_app_attachment(ctx, app, att):
        w = ctx.world
        return views.attachment(w, find_attachment(w, att, w.app(app)))

    @r.route("POST", "/addon-attachments")
    def create_attachment(ctx):
        w = ctx.world
        body = require_object(ctx.body)
        require(body, "addon", "app")
        ad = w.addon(body["addon"])
        a = w.app(body["app"])
        name = body.get("name")
        if name is None:
            name = w._attachment_name(a, ADDON_SERVICES[w.services[ad["service_id"]]["name"]])
        if not isinstance(name, str):
            raise invalid("Invalid params: name must be a string.")
        name = name.upper().replace("-", "_")
        if any(x["app_id"] == a["id"] and x["name"] == name for x in w.s["attachments"].values()):
            raise invalid(f"Name {name} is already used by another attachment on this app.")
        att = w.attach(ad, a, name)
        return 201, views.attachment(w, att)

    @r.route("DELETE", "/addon-attachments/{att}")
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

    # ---- resolve actions (the CLI calls these before addons:info/destroy) ------------
    @r.route("POST", "/actions/addons/resolve")
    def resolve_addons(ctx):
        w = ctx.world
        body = require_object(ctx.body)
        require(body, "addon")
        ident, app_ident = body["addon"], body.get("app")
        app = w.app(app_ident) if app_ident else None
        found = []
        for ad in _live(w):
            if ident in (ad["id"], ad["name"]):
                found.append(ad)
        if not found and app is not None:
            for att in w.s["attachments"].values():
                if att["app_id"] == app["id"] and att["name"] == ident:
                    found.append(w.s["addons"][att["addon_id"]])
        svc = body.get("addon_service")
        if svc:
            found = [ad for ad in found if w.services[ad["service_id"]]["name"] == svc]
        if not found:
            raise not_found("add-on")
        return [views.addon(w, ad) for ad in found]

    @r.route("POST", "/actions/addon-attachments/resolve")
    def resolve_attachments(ctx):
        w = ctx.world
        body = require_object(ctx.body)
        require(body, "addon_attachment")
        ident, app_ident = body["addon_attachment"], body.get("app")
        app = w.app(app_ident) if app_ident else None
        found = []
        for att in w.s["attachments"].values():
            if app is not None and att["app_id"] != app["id"]:
                continue
            ad = w.s["addons"][att["addon_id"]]
            if ident in (att["id"], att["name"], ad["name"], ad["id"]):
                found.append(att)
        svc = body.get("addon_service")
        if svc:
            found = [x for x in found if w.services[w.s["addons"][x["addon_id"]]["service_id"]]["name"] == svc]
        if not found:
            raise not_found("add-on attachment")
        return [views.attachment(w, x) for x in found]


__all__ = ["register", "ApiError"]
