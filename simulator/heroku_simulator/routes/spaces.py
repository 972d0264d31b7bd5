"""Private spaces (allocated asynchronously), their inbound ruleset, NAT and member access."""
import ipaddress
import random
import re
from functools import partial

from .. import views
from ..core import SPACE_NAME_RE, check_type, invalid, new_id, not_found, now, require, require_object
from ..server import Page
from ..world import completes, World
from ..catalogue import CEDAR, GENERATIONS
from .common import every, one, renamed, under
from .generations import refuse_on_fir, space_refuses

CIDR_RE = re.compile(r"^((?:10|172\.(?:1[6-9]|2[0-9]|3[01])|192\.168)\..*.+\/16)$")
RULE_SOURCE_RE = re.compile(r"^(\d{1,3}\.){3}\d{1,3}/\d{1,2}$")
SPACE_PERMS = ("create_apps", "view_logs", "view_metrics")


def check_cidr(value, field):
    try:
        ipaddress.ip_network(value)
    except ValueError:
        raise invalid(f"Invalid params: {field} is not a valid CIDR block.")


def new_space_name(w, name):
    if not isinstance(name, str) or not SPACE_NAME_RE.match(name):
        raise invalid("Name must contain only lowercase letters, digits and single dashes.")
    if any(s["name"] == name for s in w.s["spaces"].values()):
        raise invalid("Name is already taken")
    return name


def access_record(w, sp, u):
    """A team member's access to the space, made on first use from the member's team role."""
    acc = w.s["space_access"].setdefault(sp["id"], {})
    if u["id"] not in acc:
        role = w.s["teams"][sp["team_id"]]["members"].get(u["email"])
        if role is None:
            raise not_found("space member")
        perms = list(SPACE_PERMS) if role == "admin" else ["view_logs", "view_metrics"]
        acc[u["id"]] = {"id": new_id(), "permissions": perms, "created_at": sp["created_at"],
                        "updated_at": sp["created_at"]}
    return acc[u["id"]]


def access_view(w, sp, rec):
    return views.space_access(w, sp, w.s["users"][rec["user_id"]], rec)


# ---- spaces ----------------------------------------------------------------------------

def create_space(ctx):
    w = ctx.world
    body = require(ctx.body, "name", "team")
    for f in ("name", "team", "region", "cidr", "data_cidr"):
        check_type(body, f, str)
    check_type(body, "shield", bool)
    check_type(body, "generation", str)
    gen = body.get("generation") or CEDAR
    if gen not in GENERATIONS:
        raise invalid(f"Invalid params: generation must be one of {', '.join(GENERATIONS)}.")
    if body.get("shield"):
        refuse_on_fir(gen, "shield")
    if body.get("log_drain_url") is not None:
        refuse_on_fir(gen, "log_drain_url")
        # The schema: "Only settable during space creation and enables direct logging. Must use HTTPS."
        check_type(body, "log_drain_url", str)
        if not body["log_drain_url"].startswith("https://"):
            raise invalid("Invalid params: log_drain_url must use HTTPS.")
    name = new_space_name(w, body["name"])
    team = w.team(body["team"])
    region = w.region(body.get("region") or "virginia")
    if not region["private_capable"]:
        raise invalid(f"Region {region['name']} does not support Private Spaces.")
    cidr = body.get("cidr") or "10.0.0.0/16"
    if not CIDR_RE.match(cidr):
        raise invalid("Invalid params: cidr must be a private /16 block (10.x, 172.16-31.x or 192.168.x).")
    check_cidr(cidr, "cidr")
    data_cidr = body.get("data_cidr") or "10.1.0.0/16"
    check_cidr(data_cidr, "data_cidr")
    ts = now()
    sp = {"id": new_id(), "name": name, "team_id": team["id"], "region_id": region["id"],
          "shield": bool(body.get("shield", False)), "state": "allocating", "cidr": cidr,
          "data_cidr": data_cidr, "created_at": ts, "updated_at": ts, "generation": gen,
          "nat_sources": [f"52.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
                          for _ in range(4)]}
    w.s["spaces"][sp["id"]] = sp
    w.s["rulesets"][sp["id"]] = {"id": new_id(), "created_at": ts, "created_by": w.account["email"],
                                 "rules": [{"action": "allow", "source": "0.0.0.0/0"}]}
    w.s["space_access"][sp["id"]] = {}
    w.schedule("space", sp["id"])
    return 201, views.space(w, sp)


def delete_space(ctx, space):
    w = ctx.world
    sp = w.space(space)
    if any(a["space_id"] == sp["id"] for a in w.s["apps"].values()):
        raise invalid("Space still contains apps; delete or move them first.")
    if sp["state"] != "deleting":
        sp["state"] = "deleting"
        sp["updated_at"] = now()
        w.schedule("space_delete", sp["id"])
    return views.space(w, sp)


# ---- inbound ruleset ---------------------------------------------------------------------

def get_ruleset(ctx, space):
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "inbound_ruleset")
    return views.ruleset(w, sp, w.s["rulesets"][sp["id"]])


def list_rulesets(ctx, space):
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "inbound_ruleset")
    return Page([w.s["rulesets"][sp["id"]]], partial(views.ruleset, w, sp))


def get_ruleset_by_id(ctx, space, ruleset):
    # Only the current ruleset is kept, so only its id is found.
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "inbound_ruleset")
    rs = w.s["rulesets"][sp["id"]]
    if ruleset != rs["id"]:
        raise not_found("inbound ruleset")
    return views.ruleset(w, sp, rs)


def put_ruleset(ctx, space):
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "inbound_ruleset")
    body = require_object(ctx.body)
    if sp["state"] != "allocated":
        # Heroku sets a space's trusted IP ranges on its network, which exists once the space is allocated (the
        # Terraform provider and `heroku spaces:wait` wait for it first); the ruleset a space starts with is read
        # at once. The exact wording of Heroku's refusal is not published: this is its usual 422 for refused params.
        raise invalid(f"Space {sp['name']} is {sp['state']}: its trusted IP ranges can be changed once it is allocated.")
    rules = body.get("rules", [])
    if not isinstance(rules, list):
        raise invalid("Invalid params: rules must be a list.")
    clean = []
    for rule in rules:
        if not isinstance(rule, dict) or rule.get("action") not in ("allow", "deny"):
            raise invalid("Invalid params: rules[].action must be allow or deny.")
        src = rule.get("source")
        if not isinstance(src, str) or not RULE_SOURCE_RE.match(src):
            raise invalid("Invalid params: rules[].source must be an IPv4 CIDR block.")
        check_cidr(src if "/" in src else src + "/32", "rules[].source")
        clean.append({"action": rule["action"], "source": src})
    rs = {"id": new_id(), "created_at": now(), "created_by": w.account["email"], "rules": clean}
    w.s["rulesets"][sp["id"]] = rs
    return views.ruleset(w, sp, rs)


# ---- NAT ------------------------------------------------------------------------------------

def get_nat(ctx, space):
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "nat")
    return views.space_nat(w, sp)


# ---- member access ---------------------------------------------------------------------------

def list_members(ctx, space):
    w = ctx.world
    sp = w.space(space)
    members = [w.user_by_email(e) for e in w.s["teams"][sp["team_id"]]["members"]]
    recs = [dict(access_record(w, sp, u), user_id=u["id"]) for u in members]
    return Page(recs, partial(access_view, w, sp))


def get_member(ctx, space, member):
    w = ctx.world
    sp = w.space(space)
    u = w.user(member)
    return views.space_access(w, sp, u, access_record(w, sp, u))


def patch_member(ctx, space, member):
    w = ctx.world
    sp = w.space(space)
    u = w.user(member)
    acc = access_record(w, sp, u)
    # The schema makes permissions a list of {"name": ...} objects (validation.py).
    names = [p.get("name") for p in ctx.body["permissions"]]
    if any(n not in SPACE_PERMS for n in names):
        raise invalid(f"Invalid params: permissions must be among {', '.join(SPACE_PERMS)}.")
    acc["permissions"] = sorted(set(names), key=SPACE_PERMS.index)
    acc["updated_at"] = now()
    return views.space_access(w, sp, u, acc)


# ---- spaces allocated and deleted (World.tick runs what World.schedule put off) ----------------------------

@completes("space")
def complete_space(w, rid):
    space = w.s["spaces"].get(rid)
    if space and space["state"] == "allocating":
        space["state"] = "allocated"
        space["updated_at"] = now()


@completes("space_delete")
def complete_space_delete(w, rid):
    w.s["spaces"].pop(rid, None)
    w.s["rulesets"].pop(rid, None)


ROUTES = (
    ("/spaces", {"POST": create_space, "GET": every("spaces", views.space)}),
    ("/teams/{team}/spaces", {"GET": under(World.team, "spaces", "team_id", views.space)}),
    ("/spaces/{space}", {
        "GET": one(World.space, views.space),
        "PATCH": renamed(World.space, new_space_name, views.space),
        "DELETE": delete_space,
    }),
    ("/spaces/{space}/inbound-ruleset", {"GET": get_ruleset, "PUT": put_ruleset}),
    ("/spaces/{space}/inbound-rulesets", {"GET": list_rulesets}),
    ("/spaces/{space}/inbound-rulesets/{ruleset}", {"GET": get_ruleset_by_id}),
    ("/spaces/{space}/nat", {"GET": get_nat}),
    ("/spaces/{space}/members", {"GET": list_members}),
    ("/spaces/{space}/members/{member}", {"GET": get_member, "PATCH": patch_member}),
)
