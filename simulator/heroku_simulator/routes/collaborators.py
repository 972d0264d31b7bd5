"""Collaborators of an app, under /apps and /teams/apps: a personal app's owner (listed, never
removed) and collaborators; a team app's members with view/deploy/operate/manage permissions."""
from functools import partial

from .. import views
from ..core import EMAIL_RE, invalid, new_id, not_found, now, require, require_object, stable_id
from ..server import Page

TEAM_PERMISSIONS = ["view", "deploy", "operate", "manage"]


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


def team_permissions(perms):
    """Permission names in Heroku's order; `view` always comes with the others."""
    if not isinstance(perms, list) or any(p not in TEAM_PERMISSIONS for p in perms):
        raise invalid("Invalid params: permissions must be a list of view, deploy, operate, manage.")
    return sorted({"view", *perms}, key=TEAM_PERMISSIONS.index)


def add_collaborator(ctx, app):
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
    if a["team_id"]:
        perms = body.get("permissions")
        perms = team_permissions(["view", "deploy"] if perms is None else perms)
        members = w.s["teams"][a["team_id"]]["members"]
        role = "admin" if members.get(u["email"]) == "admin" else "member"
    else:
        perms, role = [], "collaborator"
    ts = now()
    c = {"id": new_id(), "app_id": a["id"], "user_id": u["id"], "role": role,
         "permissions": perms, "created_at": ts, "updated_at": ts}
    w.s["collaborators"][c["id"]] = c
    return 201, views.collaborator(w, a, c)


def list_collaborators(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page(collaborator_records(w, a), partial(views.collaborator, w, a))


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
    c["permissions"] = team_permissions(body.get("permissions"))
    c["updated_at"] = now()
    return views.collaborator(w, a, c)


# A team app's collaborators are served under both prefixes by the same handlers: what differs
# (permissions, roles) follows from the app, not from the URL.
ROUTES = (
    ("GET", "/apps/{app}/collaborators", list_collaborators),
    ("POST", "/apps/{app}/collaborators", add_collaborator),
    ("GET", "/apps/{app}/collaborators/{collaborator}", get_collaborator),
    ("DELETE", "/apps/{app}/collaborators/{collaborator}", delete_collaborator),
    ("GET", "/teams/apps/{app}/collaborators", list_collaborators),
    ("POST", "/teams/apps/{app}/collaborators", add_collaborator),
    ("GET", "/teams/apps/{app}/collaborators/{collaborator}", get_collaborator),
    ("DELETE", "/teams/apps/{app}/collaborators/{collaborator}", delete_collaborator),
    ("PATCH", "/teams/apps/{app}/collaborators/{collaborator}", patch_collaborator),
)
