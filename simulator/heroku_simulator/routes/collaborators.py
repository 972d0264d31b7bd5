"""Collaborators of an app (schema `collaborator` under /apps, `team-app-collaborator` under
/teams/apps), the team app permissions, and the team features the Heroku CLI reads to decide
whether a team app takes permissions.

* Both prefixes serve the same records of any app: the CLI lists a team app's collaborators,
  permissions included, under /apps, and the schema calls permissions "only applicable if the app
  is on a team".
* A personal app lists its owner (role `owner`, no permissions), who cannot be removed.
* /apps/{app}/collaborators takes `user` and `silent` only: Heroku answers
  `Unknown params: permissions.` to a permission there. Permissions go through /teams/apps and only
  to a team app; a personal app answers 422 to them.
* A team app's collaborators always hold `view`; an unknown permission answers 422 naming the
  allowed ones.
* Emails are found whatever their case.
* `silent` suppresses Heroku's invitation e-mail: each record keeps `invited` (not in the answer)
  so that tests can see whether one would have been sent.
"""
from functools import partial

from .. import views
from ..catalogue import CREATED
from ..core import invalid, is_uuid, new_id, not_found, now, stable_id
from ..server import Page

TEAM_PERMISSIONS = ["view", "deploy", "operate", "manage"]
# Without permissions, a collaborator added to a team app gets what the Dashboard preselects.
DEFAULT_TEAM_PERMISSIONS = ["view", "deploy"]
# Heroku Enterprise teams have fine-grained app permissions; the CLI checks this feature before
# sending any (access:add) and every simulated team has it.
TEAM_FEATURES = [("org-access-controls", "App permissions", "Fine-grained access controls for team apps.",
                  "https://devcenter.heroku.com/articles/app-permissions")]


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


def team_permissions(a, perms):
    """Permission names in Heroku's order; `view` always comes with the others."""
    if not a["team_id"]:
        raise invalid(f"Invalid params: permissions apply to team apps only; {a['name']} is a personal app.")
    if any(p not in TEAM_PERMISSIONS for p in perms):
        raise invalid("Invalid params: permissions must be a list of view, deploy, operate, manage.")
    return sorted({"view", *perms}, key=TEAM_PERMISSIONS.index)


def add_collaborator(ctx, app, team_route):
    w = ctx.world
    a = w.app(app)
    body = ctx.body  # its fields' types are checked against the schema (validation.py)
    if not team_route and "permissions" in body:
        raise invalid("Unknown params: permissions.")
    silent = body.get("silent", False)
    user = body["user"]
    # An invitation creates the account, under the address in lower case as Heroku keeps it.
    u = w.user(user) if user == "~" or is_uuid(user) else w.user_by_email(user.lower(), create=True)
    if any(c["user_id"] == u["id"] for c in collaborator_records(w, a)):
        raise invalid(f"{u['email']} is already a collaborator on {a['name']}.")
    perms, role = [], "collaborator"
    if body.get("permissions") is not None:
        perms = team_permissions(a, body["permissions"])
    elif a["team_id"]:
        perms = list(DEFAULT_TEAM_PERMISSIONS)
    if a["team_id"]:
        team_role = w.s["teams"][a["team_id"]]["members"].get(u["email"])
        role = team_role if team_role in ("admin", "member") else "collaborator"
    ts = now()
    c = {"id": new_id(), "app_id": a["id"], "user_id": u["id"], "role": role,
         "permissions": perms, "created_at": ts, "updated_at": ts, "invited": not silent}
    w.s["collaborators"][c["id"]] = c
    return 201, views.collaborator(w, a, c)


def list_collaborators(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page(collaborator_records(w, a), partial(views.collaborator, w, a))


def collaborator_of(ctx, app, ident):
    """The world, the app the path names and its collaborator `ident` (id, user id or email)."""
    w = ctx.world
    a = w.app(app)
    return w, a, find_collaborator(w, a, ident)


def get_collaborator(ctx, app, collaborator):
    w, a, c = collaborator_of(ctx, app, collaborator)
    return views.collaborator(w, a, c)


def delete_collaborator(ctx, app, collaborator):
    w, a, c = collaborator_of(ctx, app, collaborator)
    if c["role"] == "owner":
        raise invalid("The app owner cannot be removed as a collaborator.")
    del w.s["collaborators"][c["id"]]
    return views.collaborator(w, a, c)


def patch_collaborator(ctx, app, collaborator):
    w, a, c = collaborator_of(ctx, app, collaborator)
    body = ctx.body
    if c["role"] == "owner":
        raise invalid("The app owner's permissions cannot be changed.")
    c["permissions"] = team_permissions(a, body["permissions"])
    c["updated_at"] = now()
    return views.collaborator(w, a, c)


def list_permissions(ctx):
    return [{"name": name, "description": views.TEAM_PERMS[name]} for name in TEAM_PERMISSIONS]


def team_feature(t, feature):
    name, display_name, description, doc_url = feature
    return {"created_at": CREATED, "description": description, "display_name": display_name,
            "doc_url": doc_url, "enabled": True, "feedback_email": "feedback@heroku.com",
            "id": stable_id("team-feature:%s:%s" % (t["id"], name)), "name": name, "state": "general",
            "updated_at": CREATED}


def list_team_features(ctx, team):
    t = ctx.world.team(team)
    return [team_feature(t, feature) for feature in TEAM_FEATURES]


def get_team_feature(ctx, team, feature):
    for item in list_team_features(ctx, team):
        if feature in (item["id"], item["name"]):
            return item
    raise not_found("feature")


# /teams/permissions must come before platform's /teams/{team}: routes/__init__.py lists this family first.
ROUTES = (
    ("/teams/permissions", {"GET": list_permissions}),
    ("/teams/{team}/features", {"GET": list_team_features}),
    ("/teams/{team}/features/{feature}", {"GET": get_team_feature}),
    ("/apps/{app}/collaborators", {
        "GET": list_collaborators,
        "POST": partial(add_collaborator, team_route=False),
    }),
    ("/apps/{app}/collaborators/{collaborator}", {"GET": get_collaborator, "DELETE": delete_collaborator}),
    ("/teams/apps/{app}/collaborators", {
        "GET": list_collaborators,
        "POST": partial(add_collaborator, team_route=True),
    }),
    ("/teams/apps/{app}/collaborators/{collaborator}", {
        "GET": get_collaborator,
        "DELETE": delete_collaborator,
        "PATCH": patch_collaborator,
    }),
)
