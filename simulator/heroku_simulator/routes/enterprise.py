"""Enterprise accounts: one, `acme-enterprise`, owning the teams created through it.

Kept small on purpose: it serves the team routes under /enterprise-accounts that
Heroku's schema lists (list and create teams) and the account's own info.
"""
from .. import views
from ..catalogue import CREATED
from ..core import invalid, new_id, not_found, now, require_object, stable_id

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


def register(r):
    @r.route("GET", "/enterprise-accounts")
    def list_accounts(ctx):
        w = ctx.world
        return [view(w, ea) for ea in accounts(w).values()]

    @r.route("GET", "/enterprise-accounts/{ea}")
    def get_account(ctx, ea):
        return view(ctx.world, find(ctx.world, ea))

    @r.route("PATCH", "/enterprise-accounts/{ea}")
    def patch_account(ctx, ea):
        w = ctx.world
        rec = find(w, ea)
        body = require_object(ctx.body)
        if isinstance(body.get("name"), str) and body["name"]:
            rec["name"], rec["updated_at"] = body["name"], now()
        return view(w, rec)

    @r.route("GET", "/enterprise-accounts/{ea}/teams")
    def list_teams(ctx, ea):
        w = ctx.world
        rec = find(w, ea)
        return [views.team(w, t) for t in w.s["teams"].values() if t.get("enterprise_account_id") == rec["id"]]

    @r.route("POST", "/enterprise-accounts/{ea}/teams")
    def create_team(ctx, ea):
        w = ctx.world
        rec = find(w, ea)
        body = require_object(ctx.body)
        name = body.get("name")
        if not isinstance(name, str) or not name:
            raise invalid("Missing required params: name.")
        if any(t["name"] == name for t in w.s["teams"].values()):
            raise invalid("Name is already taken.")
        tid = new_id()
        w.s["teams"][tid] = {"id": tid, "name": name, "created_at": now(), "updated_at": now(),
                             "default": False, "members": {w.account["email"]: "admin"},
                             "enterprise_account_id": rec["id"]}
        return 201, views.team(w, w.s["teams"][tid])
