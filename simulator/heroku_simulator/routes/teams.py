"""A team's members and their roles (schema `team-member`).

* PUT, POST and PATCH /teams/{team}/members all create or update a member, as the schema has them.
* A role outside the schema's admin, viewer and member answers 422 naming them.
* Emails are found whatever their case; a member added again in other case is the same member.
* Heroku keeps at least one admin in a team: removing or demoting the last one answers 422.
* An unknown member answers 404.
"""
from functools import partial

from .. import views
from ..core import EMAIL_RE, invalid, not_found
from ..server import Page
from .apps import list_team_apps


def member_records(w, t):
    return [{"id": w.user_by_email(e)["id"], "email": e, "role": role}
            for e, role in t["members"].items()]


def team_member(w, t, member):
    """The user `member` (id or email, any case), who must belong to team `t`."""
    u = w.user(member)
    if u["email"] not in t["members"]:
        raise not_found("team member")
    return u


def member_view(w, t, m):
    return views.team_member(w, t, m["email"], m["role"])


def refuse_last_admin(t, email, role=None):
    """Heroku keeps at least one admin in a team: neither removing nor demoting the last one is allowed."""
    admins = [e for e, r in t["members"].items() if r == "admin"]
    if admins == [email] and role != "admin":
        raise invalid("A team must have at least one admin: make another member admin first.")


def list_members(ctx, team):
    w = ctx.world
    t = w.team(team)
    return Page(member_records(w, t), partial(member_view, w, t), "email")


def put_member(ctx, team):
    w = ctx.world
    t = w.team(team)
    body = ctx.body  # fields, their types and the role checked against the schema (validation.py)
    if not EMAIL_RE.match(body["email"]):
        raise invalid("Invalid params: email is not an email address.")
    # An address new to Heroku gets an account (Heroku invites it), in lower case.
    email = w.user_by_email(body["email"].lower(), create=True)["email"]
    refuse_last_admin(t, email, body["role"])
    t["members"][email] = body["role"]
    return views.team_member(w, t, email, body["role"])


def delete_member(ctx, team, member):
    w = ctx.world
    t = w.team(team)
    u = team_member(w, t, member)
    refuse_last_admin(t, u["email"])
    role = t["members"].pop(u["email"])
    return views.team_member(w, t, u["email"], role)


def list_member_apps(ctx, team, member):
    w = ctx.world
    team_member(w, w.team(team), member)
    return list_team_apps(ctx, team=team)


ROUTES = (
    ("/teams/{team}/members", {"GET": list_members, "PUT": put_member, "POST": put_member, "PATCH": put_member}),
    ("/teams/{team}/members/{member}", {"DELETE": delete_member}),
    ("/teams/{team}/members/{member}/apps", {"GET": list_member_apps}),
)
