"""Account, rate limits, regions, stacks, dyno sizes, teams."""
from .. import views
from ..core import invalid, new_id, now, require_object
from ..server import Page


def register(r):
    @r.route("GET", "/account")
    def get_account(ctx):
        return views.account(ctx.world)

    @r.route("PATCH", "/account")
    def patch_account(ctx):
        body = require_object(ctx.body)
        if "name" in body:
            ctx.world.account["name"] = body["name"]
        return views.account(ctx.world)

    @r.route("GET", "/users/{user}")
    def get_user(ctx, user):
        return views.account(ctx.world, ctx.world.user(user))

    @r.route("GET", "/account/rate-limits")
    def rate_limits(ctx):
        return {"remaining": ctx.sim.rate.remaining()}

    @r.route("GET", "/regions")
    def regions(ctx):
        return Page(ctx.world.regions.values(), lambda x: x, "name")

    @r.route("GET", "/regions/{region}")
    def region(ctx, region):
        return ctx.world.region(region)

    @r.route("GET", "/stacks")
    def stacks(ctx):
        return Page(ctx.world.stacks.values(), lambda x: x, "name")

    @r.route("GET", "/stacks/{stack}")
    def stack(ctx, stack):
        return ctx.world.stack(stack)

    @r.route("GET", "/dyno-sizes")
    def dyno_sizes(ctx):
        return Page(ctx.world.dyno_sizes.values(), lambda x: x, "name")

    @r.route("GET", "/dyno-sizes/{size}")
    def dyno_size(ctx, size):
        return ctx.world.dyno_size(size)

    @r.route("GET", "/teams")
    def teams(ctx):
        w = ctx.world
        return Page(w.s["teams"].values(), lambda t: views.team(w, t))

    @r.route("GET", "/teams/{team}")
    def team(ctx, team):
        return views.team(ctx.world, ctx.world.team(team))

    @r.route("POST", "/teams")
    def create_team(ctx):
        w = ctx.world
        body = require_object(ctx.body)
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise invalid("Missing required params: name.")
        if any(t["name"] == name for t in w.s["teams"].values()):
            raise invalid("Name is already taken.")
        tid = new_id()
        w.s["teams"][tid] = {"id": tid, "name": name, "created_at": now(), "updated_at": now(),
                             "default": False, "members": {w.account["email"]: "admin"}}
        return 201, views.team(w, w.s["teams"][tid])

    @r.route("PATCH", "/teams/{team}")
    def patch_team(ctx, team):
        w = ctx.world
        t = w.team(team)
        body = require_object(ctx.body)
        if isinstance(body.get("name"), str) and body["name"]:
            t["name"] = body["name"]
        if isinstance(body.get("default"), bool):
            if body["default"]:
                for other in w.s["teams"].values():
                    other["default"] = False
            t["default"] = body["default"]
        t["updated_at"] = now()
        return views.team(w, t)

    @r.route("DELETE", "/teams/{team}")
    def delete_team(ctx, team):
        w = ctx.world
        t = w.team(team)
        if any(a["team_id"] == t["id"] for a in w.s["apps"].values()):
            raise invalid("Team still owns apps; transfer or delete them first.")
        out = views.team(w, t)
        del w.s["teams"][t["id"]]
        return out

    def member_records(w, t):
        return [{"id": w.user_by_email(e)["id"], "email": e, "role": role}
                for e, role in t["members"].items()]

    @r.route("GET", "/teams/{team}/members")
    def members(ctx, team):
        w = ctx.world
        t = w.team(team)
        return Page(member_records(w, t), lambda m: views.team_member(w, t, m["email"], m["role"]), "email")

    def put_member(ctx, team):
        w = ctx.world
        t = w.team(team)
        body = require_object(ctx.body)
        email, role = body.get("email"), body.get("role")
        if not isinstance(email, str) or "@" not in email:
            raise invalid("Invalid params: email is required.")
        if role not in ("admin", "collaborator", "member", "owner"):
            raise invalid("Invalid params: role must be one of admin, collaborator, member, owner.")
        w.user_by_email(email, create=True)
        t["members"][email] = role
        return views.team_member(w, t, email, role)

    r.add("PUT", "/teams/{team}/members", put_member)
    r.add("POST", "/teams/{team}/members", put_member)
    r.add("PATCH", "/teams/{team}/members", put_member)

    @r.route("DELETE", "/teams/{team}/members/{member}")
    def delete_member(ctx, team, member):
        w = ctx.world
        t = w.team(team)
        u = w.user(member)
        if u["email"] not in t["members"]:
            from ..core import not_found
            raise not_found("team member")
        role = t["members"].pop(u["email"])
        return views.team_member(w, t, u["email"], role)

    @r.route("GET", "/teams/{team}/members/{member}/apps")
    def member_apps(ctx, team, member):
        w = ctx.world
        t = w.team(team)
        u = w.user(member)
        if u["email"] not in t["members"]:
            from ..core import not_found
            raise not_found("team member")
        return Page([a for a in w.s["apps"].values() if a["team_id"] == t["id"]],
                    lambda a: views.team_app(w, a))

    @r.route("PATCH", "/users/{user}")
    def patch_user(ctx, user):
        w = ctx.world
        u = w.user(user)
        if u["id"] != w.account["id"]:
            from ..core import ApiError
            raise ApiError(403, "forbidden", "You do not have access to that user.")
        body = require_object(ctx.body)
        if "name" in body:
            u["name"] = body["name"]
        return views.account(w, u)

    @r.route("DELETE", "/account")
    @r.route("DELETE", "/users/{user}")
    def delete_account(ctx, user="~"):
        w = ctx.world
        u = w.user(user)
        if u["id"] != w.account["id"]:
            from ..core import ApiError
            raise ApiError(403, "forbidden", "You do not have access to that user.")
        # A deleted account's tokens stop working: every later request is 401
        # (until sim.reset(); see Simulator.authorized).
        w.s["account_deleted"] = True
        return views.account(w, u)
