"""Enterprise accounts: one, `acme-enterprise`, owning the teams created through it.

Kept small on purpose: it serves the team routes under /enterprise-accounts that
Heroku's schema lists (list and create teams) and the account's own info.
"""
from .. import views
from ..catalogue import CREATED
from ..core import not_found, now, require_object, stable_id
from .platform import new_team

NAME = "acme-enterprise"


def accounts(w):
    """The world's enterprise accounts, created on first use (state files stay valid)."""
    eid = stable_id("enterprise-account:" + NAME)
    return w.s.setdefault("enterprise_accounts", {eid: {
        "id": eid, "name": NAME, "created_at": CREATED, "updated_at": CREATED, "trial": False}})


def find(w, ident):
    for ea in accounts(w).values():
        if ident in (ea["id"], ea["name"]):
            return ea
    raise not_found("enterprise account")


def view(w, ea):
    return {"created_at": ea["created_at"], "id": ea["id"], "identity_provider": None,
            "name": ea["name"], "permissions": ["view", "create_teams", "manage_licenses", "billing"],
            "trial": ea["trial"], "updated_at": ea["updated_at"]}


def list_accounts(ctx):
    w = ctx.world
    return [view(w, ea) for ea in accounts(w).values()]


def get_account(ctx, ea):
    return view(ctx.world, find(ctx.world, ea))


def patch_account(ctx, ea):
    w = ctx.world
    rec = find(w, ea)
    body = require_object(ctx.body)
    if isinstance(body.get("name"), str) and body["name"]:
        rec["name"], rec["updated_at"] = body["name"], now()
    return view(w, rec)


def list_teams(ctx, ea):
    w = ctx.world
    rec = find(w, ea)
    return [views.team(w, t) for t in w.s["teams"].values() if t.get("enterprise_account_id") == rec["id"]]


def create_team(ctx, ea):
    w = ctx.world
    rec = find(w, ea)
    team = new_team(w, require_object(ctx.body), enterprise_account_id=rec["id"])
    return 201, views.team(w, team)


ROUTES = (
    ("/enterprise-accounts", {"GET": list_accounts}),
    ("/enterprise-accounts/{ea}", {"GET": get_account, "PATCH": patch_account}),
    ("/enterprise-accounts/{ea}/teams", {"GET": list_teams, "POST": create_team}),
)
