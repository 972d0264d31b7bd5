"""A team's members as Heroku serves them: roles, case-insensitive emails, the last admin, paging."""


def roles(api, team="acme"):
    return {m["email"]: m["role"] for m in api.get("/teams/%s/members" % team).body}


def test_put_creates_and_updates_whatever_the_case(api):
    r = api.put("/teams/acme/members", {"email": "dave@example.com", "role": "viewer"})
    assert r.status == 200 and r.body["role"] == "viewer" and r.body["user"]["email"] == "dave@example.com"
    r = api.patch("/teams/acme/members", {"email": "Dave@Example.COM", "role": "member"})
    assert r.status == 200 and r.body["email"] == "dave@example.com"
    assert roles(api) == {"ops@example.com": "admin", "alice@example.com": "admin", "bob@example.com": "member",
                          "dave@example.com": "member"}
    assert api.delete("/teams/acme/members/DAVE@example.com").body["email"] == "dave@example.com"
    assert "dave@example.com" not in roles(api)


def test_a_role_heroku_does_not_grant_or_a_missing_field_is_refused(api):
    r = api.put("/teams/acme/members", {"email": "dave@example.com", "role": "owner"})
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert r.body["message"] == "Invalid params: role must be one of admin, viewer, member."
    assert api.put("/teams/acme/members", {"email": "dave@example.com"}).status == 422
    assert api.put("/teams/acme/members", {"email": "not-an-email", "role": "member"}).status == 422
    assert "dave@example.com" not in roles(api)


def test_unknown_members_and_teams_answer_404(api):
    assert api.delete("/teams/acme/members/nobody@example.com").body["id"] == "not_found"
    # carol exists, but is not in acme.
    assert api.delete("/teams/acme/members/carol@example.com").status == 404
    assert api.get("/teams/acme/members/carol@example.com/apps").status == 404
    assert api.get("/teams/no-such-team/members").status == 404


def test_the_last_admin_can_be_neither_removed_nor_demoted(api):
    assert roles(api, "acme-staging") == {"ops@example.com": "admin", "carol@example.com": "member"}
    r = api.delete("/teams/acme-staging/members/ops@example.com")
    assert r.status == 422 and "at least one admin" in r.body["message"]
    assert api.put("/teams/acme-staging/members", {"email": "ops@example.com", "role": "member"}).status == 422
    # With a second admin, either may go.
    assert api.put("/teams/acme-staging/members", {"email": "carol@example.com", "role": "admin"}).status == 200
    assert api.put("/teams/acme-staging/members", {"email": "ops@example.com", "role": "member"}).status == 200
    assert api.delete("/teams/acme-staging/members/ops@example.com").status == 200
    assert roles(api, "acme-staging") == {"carol@example.com": "admin"}


def test_members_page_by_email(api):
    for number in range(250):
        assert api.put("/teams/acme/members", {"email": "m%03d@example.com" % number, "role": "member"}).status == 200
    first = api.get("/teams/acme/members")
    assert first.status == 206 and len(first.body) == 200
    items, pages = api.list_all("/teams/acme/members", "email ..; max=200")
    assert pages == 2 and len({m["email"] for m in items}) == 253
