"""Apps, team apps, app features, buildpack installations, ACM, domains,
log drains and collaborators."""
import re

from .. import views
from ..catalogue import APP_FEATURES
from ..core import (EMAIL_RE, check_type, invalid, new_id, not_found, now, require,
                    require_object, stable_id)
from ..server import Page

HOSTNAME_RE = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
TEAM_PERMISSIONS = ["view", "deploy", "operate", "manage"]


def _bool_field(body, field):
    check_type(body, field, bool)
    return body.get(field)


def _app_update(w, app, body):
    check_type(body, "name", str)
    if body.get("name") is not None:
        w.rename_app(app, body["name"])
    if _bool_field(body, "maintenance") is not None:
        app["maintenance"] = body["maintenance"]
    if body.get("build_stack") is not None:
        app["build_stack_id"] = w.stack(body["build_stack"])["id"]
    app["updated_at"] = now()


def register(r):
    # ---- apps ------------------------------------------------------------
    @r.route("POST", "/apps")
    def create_app(ctx):
        w = ctx.world
        body = require_object(ctx.body)
        for f in ("name", "region", "stack"):
            check_type(body, f, str)
        app = w.create_app(name=body.get("name"), region=body.get("region"), stack=body.get("stack"))
        return 201, views.app(w, app)

    @r.route("POST", "/teams/apps")
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
        app = w.create_app(name=body.get("name"), region=body.get("region"), stack=body.get("stack"),
                           team=team, space=body.get("space"), locked=body.get("locked", False),
                           internal_routing=body.get("internal_routing"),
                           owner=team_rec["id"] if team_rec else None)
        return 201, views.team_app(w, app)

    @r.route("GET", "/apps")
    def list_apps(ctx):
        w = ctx.world
        return Page(w.s["apps"].values(), lambda a: views.app(w, a))

    @r.route("GET", "/users/{user}/apps")
    def list_user_apps(ctx, user):
        w = ctx.world
        u = w.user(user)
        return Page([a for a in w.s["apps"].values() if a["owner_id"] == u["id"]], lambda a: views.app(w, a))

    @r.route("GET", "/teams/{team}/apps")
    def list_team_apps(ctx, team):
        w = ctx.world
        t = w.team(team)
        return Page([a for a in w.s["apps"].values() if a["team_id"] == t["id"]],
                    lambda a: views.team_app(w, a))

    @r.route("POST", "/filters/apps")
    def filter_apps(ctx):
        # Schema "filter-apps": {"in": {"id": [...]}} -> team-app list (the CLI's pipelines:info).
        w = ctx.world
        body = require_object(ctx.body)
        ids = (body.get("in") or {}).get("id") if isinstance(body.get("in"), dict) else None
        if not isinstance(ids, list):
            raise invalid("Invalid params: in.id must be a list of app ids.")
        return Page([w.s["apps"][i] for i in ids if isinstance(i, str) and i in w.s["apps"]],
                    lambda a: views.team_app(w, a))

    @r.route("GET", "/apps/{app}")
    def get_app(ctx, app):
        return views.app(ctx.world, ctx.world.app(app))

    @r.route("GET", "/teams/apps/{app}")
    def get_team_app(ctx, app):
        return views.team_app(ctx.world, ctx.world.app(app))

    @r.route("GET", "/apps/{app}/sni-endpoints")
    def list_sni_endpoints(ctx, app):
        # TLS certificates are not simulated; domains:add lists them before adding.
        ctx.world.app(app)
        return Page([], lambda x: x)

    @r.route("PATCH", "/apps/{app}")
    def patch_app(ctx, app):
        w = ctx.world
        a = w.app(app)
        _app_update(w, a, require_object(ctx.body))
        return views.app(w, a)

    @r.route("PATCH", "/teams/apps/{app}")
    def patch_team_app(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        # The schema's three PATCH variants each require one of these.
        if not set(body) & {"locked", "owner", "name", "maintenance", "build_stack"}:
            raise invalid("Missing required params: locked or owner.")
        if _bool_field(body, "locked") is not None:
            if not a["team_id"]:
                raise invalid("Only team apps can be locked.")
            a["locked"] = body["locked"]
        owner = body.get("owner")
        if owner is not None:
            if isinstance(owner, dict):
                owner = owner.get("name") or owner.get("id") or owner.get("email")
            if not isinstance(owner, str):
                raise invalid("Invalid params: owner must be a team name or an email.")
            if "@" in owner:
                u = w.user(owner)
                a["team_id"], a["owner_id"], a["locked"] = None, u["id"], False
            else:
                t = w.team(owner)
                a["team_id"], a["owner_id"] = t["id"], t["id"]
        _app_update(w, a, body)
        return views.team_app(w, a)

    @r.route("DELETE", "/apps/{app}")
    def delete_app(ctx, app):
        w = ctx.world
        a = w.app(app)
        out = views.app(w, a)
        w.delete_app(a)
        return out

    # ---- ACM -----------------------------------------------------------------
    def set_acm(value):
        def handler(ctx, app):
            a = ctx.world.app(app)
            if value is not None:
                a["acm"] = value
                a["updated_at"] = now()
            return views.app(ctx.world, a)
        return handler

    r.add("POST", "/apps/{app}/acm", set_acm(True))
    r.add("DELETE", "/apps/{app}/acm", set_acm(False))
    r.add("PATCH", "/apps/{app}/acm", set_acm(None))

    # ---- features --------------------------------------------------------------
    def find_feature(ident):
        for f in APP_FEATURES:
            if ident in (f[0], stable_id("feature:" + f[0])):
                return f
        raise not_found("feature")

    @r.route("GET", "/apps/{app}/features")
    def list_features(ctx, app):
        a = ctx.world.app(app)
        enabled = ctx.world.s["features"][a["id"]]
        recs = [views.feature(f, enabled.get(f[0], False)) for f in APP_FEATURES]
        return Page(recs, lambda x: x)

    @r.route("GET", "/apps/{app}/features/{feature}")
    def get_feature(ctx, app, feature):
        a = ctx.world.app(app)
        f = find_feature(feature)
        return views.feature(f, ctx.world.s["features"][a["id"]].get(f[0], False))

    @r.route("PATCH", "/apps/{app}/features/{feature}")
    def patch_feature(ctx, app, feature):
        a = ctx.world.app(app)
        f = find_feature(feature)
        body = require_object(ctx.body)
        require(body, "enabled")
        check_type(body, "enabled", bool)
        ctx.world.s["features"][a["id"]][f[0]] = body["enabled"]
        return views.feature(f, body["enabled"])

    # ---- buildpack installations -------------------------------------------------
    @r.route("GET", "/apps/{app}/buildpack-installations")
    def list_buildpacks(ctx, app):
        a = ctx.world.app(app)
        return [dict(b) for b in ctx.world.s["buildpacks"][a["id"]]]

    @r.route("PUT", "/apps/{app}/buildpack-installations")
    def put_buildpacks(ctx, app):
        a = ctx.world.app(app)
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

    # ---- domains ---------------------------------------------------------------
    def app_domains(w, a):
        return [d for d in w.s["domains"].values() if d["app_id"] == a["id"]]

    def find_domain(w, a, ident):
        if ident in (a["heroku_domain_id"], f"{a['name']}.herokuapp.com"):
            return None
        for d in app_domains(w, a):
            if ident in (d["id"], d["hostname"]):
                return d
        raise not_found("domain")

    @r.route("GET", "/apps/{app}/domains")
    def list_domains(ctx, app):
        w = ctx.world
        a = w.app(app)
        recs = [views.heroku_domain(w, a)] + [views.domain(w, a, d) for d in app_domains(w, a)]
        return Page(recs, lambda x: x, "hostname")

    @r.route("POST", "/apps/{app}/domains")
    def create_domain(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "hostname")
        host = body["hostname"]
        if not isinstance(host, str) or not HOSTNAME_RE.match(host.lower()):
            raise invalid("Hostname is invalid.")
        host = host.lower()
        if any(d["hostname"] == host for d in w.s["domains"].values()) or host.endswith(".herokuapp.com"):
            raise invalid("Hostname is already taken.")
        ts = now()
        d = {"id": new_id(), "app_id": a["id"], "hostname": host, "kind": "custom",
             "cname": f"{host.replace('*.', 'wildcard.')}.herokudns.com", "status": "succeeded",
             "created_at": ts, "updated_at": ts}
        w.s["domains"][d["id"]] = d
        return 201, views.domain(w, a, d)

    @r.route("GET", "/apps/{app}/domains/{domain}")
    def get_domain(ctx, app, domain):
        w = ctx.world
        a = w.app(app)
        d = find_domain(w, a, domain)
        return views.heroku_domain(w, a) if d is None else views.domain(w, a, d)

    @r.route("DELETE", "/apps/{app}/domains/{domain}")
    def delete_domain(ctx, app, domain):
        w = ctx.world
        a = w.app(app)
        d = find_domain(w, a, domain)
        if d is None:
            raise invalid("The default herokuapp.com domain cannot be removed.")
        del w.s["domains"][d["id"]]
        return views.domain(w, a, d)

    # ---- log drains --------------------------------------------------------------
    def find_drain(w, a, ident):
        for d in w.s["drains"].values():
            if d["app_id"] == a["id"] and ident in (d["id"], d["url"], d["token"]):
                return d
        raise not_found("log drain")

    @r.route("GET", "/apps/{app}/log-drains")
    def list_drains(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page([d for d in w.s["drains"].values() if d["app_id"] == a["id"]], lambda d: views.drain(w, d))

    @r.route("POST", "/apps/{app}/log-drains")
    def create_drain(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "url")
        url = body["url"]
        if not isinstance(url, str) or not re.match(r"^(https?|syslog(\+tls)?)://[^\s]+$", url):
            raise invalid("Url is invalid.")
        if any(d["app_id"] == a["id"] and d["url"] == url for d in w.s["drains"].values()):
            raise invalid("Url has already been taken.")
        ts = now()
        d = {"id": new_id(), "app_id": a["id"], "url": url, "token": "d." + new_id(),
             "created_at": ts, "updated_at": ts}
        w.s["drains"][d["id"]] = d
        return 201, views.drain(w, d)

    @r.route("GET", "/apps/{app}/log-drains/{drain}")
    def get_drain(ctx, app, drain):
        w = ctx.world
        return views.drain(w, find_drain(w, w.app(app), drain))

    @r.route("GET", "/addons/{addon}/log-drains")
    def list_addon_drains(ctx, addon):
        w = ctx.world
        ad = w.addon(addon)
        return Page([d for d in w.s["drains"].values() if d.get("addon_id") == ad["id"]],
                    lambda d: views.drain(w, d))

    @r.route("PUT", "/addons/{addon}/log-drains/{drain}")
    def put_addon_drain(ctx, addon, drain):
        # An add-on provider moves its drain; the drain then reports that add-on.
        w = ctx.world
        ad = w.addon(addon)
        body = require_object(ctx.body)
        require(body, "url")
        url = body["url"]
        if not isinstance(url, str) or not re.match(r"^(https?|syslog(\+tls)?)://[^\s]+$", url):
            raise invalid("Url is invalid.")
        d = find_drain(w, w.s["apps"][ad["app_id"]], drain)
        d.update(url=url, addon_id=ad["id"], updated_at=now())
        return views.drain(w, d)

    @r.route("DELETE", "/apps/{app}/log-drains/{drain}")
    def delete_drain(ctx, app, drain):
        w = ctx.world
        d = find_drain(w, w.app(app), drain)
        del w.s["drains"][d["id"]]
        return views.drain(w, d)

    # ---- collaborators -------------------------------------------------------------
    def collaborator_records(w, a):
        recs = [c for c in w.s["collaborators"].values() if c["app_id"] == a["id"]]
        if not a["team_id"]:
            owner = {"id": stable_id("owner:" + a["id"]), "app_id": a["id"], "user_id": a["owner_id"],
                     "role": "owner", "permissions": [], "created_at": a["created_at"],
                     "updated_at": a["created_at"]}
            recs.insert(0, owner)
        return recs

    def find_collaborator(w, a, ident):
        for c in collaborator_records(w, a):
            u = w.s["users"][c["user_id"]]
            if ident in (c["id"], u["id"]) or ident.lower() == u["email"].lower():
                return c
        raise not_found("collaborator")

    def add_collaborator(ctx, app, team_route):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "user")
        user = body["user"]
        if isinstance(user, dict):
            user = user.get("email") or user.get("id")
        if not isinstance(user, str) or not (EMAIL_RE.match(user) or user in w.s["users"]):
            raise invalid("Invalid params: user must be an email address or a user id.")
        u = w.s["users"][user] if user in w.s["users"] else w.user_by_email(user, create=True)
        if any(c["user_id"] == u["id"] for c in collaborator_records(w, a)):
            raise invalid(f"{u['email']} is already a collaborator on {a['name']}.")
        perms = body.get("permissions")
        if a["team_id"]:
            perms = perms if perms is not None else ["view", "deploy"]
            if not isinstance(perms, list) or any(p not in TEAM_PERMISSIONS for p in perms):
                raise invalid("Invalid params: permissions must be a list of view, deploy, operate, manage.")
            if "view" not in perms:
                perms = ["view"] + perms
        else:
            perms = []
        role = ("admin" if u["email"] in w.s["teams"][a["team_id"]]["members"] and
                w.s["teams"][a["team_id"]]["members"][u["email"]] == "admin" else "member"
                ) if a["team_id"] else "collaborator"
        ts = now()
        c = {"id": new_id(), "app_id": a["id"], "user_id": u["id"], "role": role,
             "permissions": sorted(perms, key=TEAM_PERMISSIONS.index), "created_at": ts, "updated_at": ts}
        w.s["collaborators"][c["id"]] = c
        return 201, views.collaborator(w, a, c)

    def list_collaborators(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page(collaborator_records(w, a), lambda c: views.collaborator(w, a, c))

    def get_collaborator(ctx, app, collaborator):
        w = ctx.world
        a = w.app(app)
        return views.collaborator(w, a, find_collaborator(w, a, collaborator))

    def delete_collaborator(ctx, app, collaborator):
        w = ctx.world
        a = w.app(app)
        c = find_collaborator(w, a, collaborator)
        if c["role"] == "owner":
            raise invalid("The app owner cannot be removed as a collaborator.")
        del w.s["collaborators"][c["id"]]
        return views.collaborator(w, a, c)

    def patch_collaborator(ctx, app, collaborator):
        w = ctx.world
        a = w.app(app)
        c = find_collaborator(w, a, collaborator)
        body = require_object(ctx.body)
        perms = body.get("permissions")
        if not isinstance(perms, list) or any(p not in TEAM_PERMISSIONS for p in perms):
            raise invalid("Invalid params: permissions must be a list of view, deploy, operate, manage.")
        if "view" not in perms:
            perms = ["view"] + perms
        c["permissions"] = sorted(set(perms), key=TEAM_PERMISSIONS.index)
        c["updated_at"] = now()
        return views.collaborator(w, a, c)

    for prefix in ("/apps", "/teams/apps"):
        r.add("GET", prefix + "/{app}/collaborators", list_collaborators)
        r.add("POST", prefix + "/{app}/collaborators",
              lambda ctx, app, t=prefix != "/apps": add_collaborator(ctx, app, t))
        r.add("GET", prefix + "/{app}/collaborators/{collaborator}", get_collaborator)
        r.add("DELETE", prefix + "/{app}/collaborators/{collaborator}", delete_collaborator)
    r.add("PATCH", "/teams/apps/{app}/collaborators/{collaborator}", patch_collaborator)
