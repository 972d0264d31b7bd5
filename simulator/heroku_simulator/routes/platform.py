"""Account and users, rate limits, the catalogue (regions, stacks, dyno sizes) and teams (their
members: teams.py)."""

from .. import views
from ..catalogue import STACK_STATE
from ..core import ApiError, invalid, new_id, now, require_object
from ..server import Page
from ..world import World
from .common import every, one


# ---- account and users -------------------------------------------------------

def get_account(ctx):
    return views.account(ctx.world)


def patch_account(ctx):
    body = require_object(ctx.body)
    if "name" in body:
        ctx.world.account["name"] = body["name"]
    return views.account(ctx.world)


def own_user(w, user):
    """The account itself: Heroku lets nobody change or delete another user."""
    u = w.user(user)
    if u["id"] != w.account["id"]:
        raise ApiError(403, "forbidden", "You do not have access to that user.")
    return u


def patch_user(ctx, user):
    w = ctx.world
    u = own_user(w, user)
    body = require_object(ctx.body)
    if "name" in body:
        u["name"] = body["name"]
    return views.account(w, u)


def delete_account(ctx, user="~"):
    w = ctx.world
    u = own_user(w, user)
    # A deleted account's tokens stop working: every later request is 401
    # (until sim.reset(); see Simulator.authorized).
    w.s["account_deleted"] = True
    return views.account(w, u)


def rate_limits(ctx):
    return {"remaining": ctx.sim.rate.remaining()}


# ---- catalogue -----------------------------------------------------------------

def list_regions(ctx):
    return Page(ctx.world.regions.values(), dict, "name")


def get_region(ctx, region):
    return ctx.world.region(region)


def list_stacks(ctx):
    return Page(ctx.world.stacks.values(), dict, "name")


def get_stack(ctx, stack):
    return ctx.world.stack(stack)


def list_dyno_sizes(ctx):
    return Page(ctx.world.dyno_sizes.values(), dict, "name")


def get_dyno_size(ctx, size):
    return ctx.world.dyno_size(size)


def list_app_stacks(ctx, app):
    """The stacks an app may move to: every public one (the simulator's apps are all Cedar)."""
    ctx.world.app(app)
    return Page([s for s in ctx.world.stacks.values() if s["state"] == STACK_STATE], dict, "name")


def list_app_dyno_sizes(ctx, app):
    """The sizes an app may scale to: Private (Shield in a Shield space) sizes in a space, the others outside."""
    w = ctx.world
    a = w.app(app)
    space = w.s["spaces"].get(a["space_id"]) if a["space_id"] else None
    if space is None:
        sizes = [d for d in w.dyno_sizes.values() if not d["private_space_only"]]
    else:
        prefix = "Shield-" if space["shield"] else "Private-"
        sizes = [d for d in w.dyno_sizes.values() if d["name"].startswith(prefix)]
    return Page(sizes, dict, "name")


# ---- teams -----------------------------------------------------------------------

def new_team(w, body, **extra):
    """A team named by the request body, its creator its admin; `extra` fields (such as the
    enterprise account) go on the record."""
    name = body.get("name")
    if not isinstance(name, str) or not name:
        raise invalid("Missing required params: name.")
    if any(t["name"] == name for t in w.s["teams"].values()):
        raise invalid("Name is already taken.")
    tid = new_id()
    w.s["teams"][tid] = {"id": tid, "name": name, "created_at": now(), "updated_at": now(),
                         "default": False, "members": {w.account["email"]: "admin"}, **extra}
    return w.s["teams"][tid]


def create_team(ctx):
    w = ctx.world
    return 201, views.team(w, new_team(w, require_object(ctx.body)))


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


def delete_team(ctx, team):
    w = ctx.world
    t = w.team(team)
    if any(a["team_id"] == t["id"] for a in w.s["apps"].values()):
        raise invalid("Team still owns apps; transfer or delete them first.")
    out = views.team(w, t)
    del w.s["teams"][t["id"]]
    return out


ROUTES = (
    ("/account", {"GET": get_account, "PATCH": patch_account, "DELETE": delete_account}),
    ("/users/{user}", {"GET": one(World.user, views.account), "PATCH": patch_user, "DELETE": delete_account}),
    ("/account/rate-limits", {"GET": rate_limits}),
    ("/regions", {"GET": list_regions}),
    ("/regions/{region}", {"GET": get_region}),
    ("/stacks", {"GET": list_stacks}),
    ("/stacks/{stack}", {"GET": get_stack}),
    ("/dyno-sizes", {"GET": list_dyno_sizes}),
    ("/dyno-sizes/{size}", {"GET": get_dyno_size}),
    ("/apps/{app}/available-stacks", {"GET": list_app_stacks}),
    ("/apps/{app}/available-dyno-sizes", {"GET": list_app_dyno_sizes}),
    ("/teams", {"GET": every("teams", views.team), "POST": create_team}),
    ("/teams/{team}", {"GET": one(World.team, views.team), "PATCH": patch_team, "DELETE": delete_team}),
)
