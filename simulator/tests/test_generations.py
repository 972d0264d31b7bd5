"""Heroku's platform generations: `/generations`, one by name or id, a team's available generations; Fir
spaces (created with `generation: fir`) whose apps are Fir; and Heroku's 422 `invalid_params` for what
Fir has not (Shield, space log drains, trusted IP ranges, NAT, classic buildpacks, stacks, internal
routing, log drains), while Cedar spaces and apps go on as before."""
import pytest


def test_lists_cedar_and_fir(api):
    listed = api.get("/generations").body
    assert [g["name"] for g in listed] == ["cedar", "fir"]
    assert set(listed[0]) == {"id", "name", "created_at", "updated_at"}
    fir = listed[1]
    assert api.get("/generations/fir").body == fir
    assert api.get("/generations/%s" % fir["id"]).body == fir
    assert api.get("/generations/dogwood").status == 404
    assert [g["name"] for g in api.get("/teams/acme/available-generations").body] == ["cedar", "fir"]
    assert api.get("/teams/nobody/available-generations").status == 404


def test_a_fir_space_and_its_apps_are_fir(api):
    fir_id = api.get("/generations/fir").body["id"]
    space = api.post("/spaces", {"name": "fir-space", "team": "acme", "region": "virginia", "generation": "fir"})
    assert space.status == 201 and space.body["generation"] == {"id": fir_id, "name": "fir"}
    assert api.get("/spaces/fir-space").body["generation"]["name"] == "fir"
    app = api.post("/teams/apps", {"name": "fir-app", "team": "acme", "space": "fir-space"})
    assert app.status == 201 and app.body["generation"]["name"] == "fir"
    assert api.get("/apps/fir-app").body["generation"]["name"] == "fir"
    # Cedar stays the default, for spaces and for apps outside a space.
    assert api.post("/spaces", {"name": "cedar-space", "team": "acme"}).body["generation"]["name"] == "cedar"
    assert api.post("/apps", {"name": "plain-app"}).body["generation"]["name"] == "cedar"
    assert api.post("/spaces", {"name": "odd-space", "team": "acme", "generation": "dogwood"}).status == 422


@pytest.mark.parametrize("body, words", [
    ({"shield": True}, "Shield"),
    ({"log_drain_url": "https://logs.example.com/x"}, "telemetry drains"),
])
def test_fir_spaces_refuse_what_fir_has_not(api, body, words):
    r = api.post("/spaces", dict(body, name="no-space", team="acme", generation="fir"))
    assert r.status == 422 and r.body["id"] == "invalid_params" and words in r.body["message"]
    assert api.get("/spaces/no-space").status == 404
    # The same on Cedar is fine.
    assert api.post("/spaces", dict(body, name="cedar-ok", team="acme")).status == 201


def test_fir_refuses_rulesets_nat_buildpacks_stacks_routing_and_log_drains(api):
    api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"})
    api.post("/spaces", {"name": "cedar-space", "team": "acme"})
    refused = [
        api.get("/spaces/fir-space/inbound-ruleset"),
        api.put("/spaces/fir-space/inbound-ruleset", {"rules": []}),
        api.get("/spaces/fir-space/inbound-rulesets"),
        api.get("/spaces/fir-space/nat"),
        api.post("/teams/apps", {"name": "routed", "team": "acme", "space": "fir-space", "internal_routing": True}),
        api.post("/teams/apps", {"name": "stacked", "team": "acme", "space": "fir-space", "stack": "heroku-24"}),
    ]
    api.post("/teams/apps", {"name": "fir-app", "team": "acme", "space": "fir-space"})
    refused += [
        api.get("/apps/fir-app/buildpack-installations"),
        api.put("/apps/fir-app/buildpack-installations", {"updates": [{"buildpack": "heroku/ruby"}]}),
        api.patch("/apps/fir-app", {"build_stack": "heroku-24"}),
        api.post("/apps/fir-app/log-drains", {"url": "https://logs.example.com/x"}),
    ]
    assert [(r.status, r.body["id"]) for r in refused] == [(422, "invalid_params")] * len(refused)
    assert "project.toml" in refused[6].body["message"]
    assert api.get("/apps/fir-app/log-drains").body == []
    assert api.get("/apps/routed").status == 404 and api.get("/apps/stacked").status == 404
    # A Cedar space and its apps keep all of it.
    assert api.get("/spaces/cedar-space/inbound-ruleset").status == 200
    api.post("/teams/apps", {"name": "cedar-app", "team": "acme", "space": "cedar-space", "internal_routing": True})
    assert api.put("/apps/cedar-app/buildpack-installations", {"updates": [{"buildpack": "heroku/ruby"}]}).status == 200
    assert api.post("/apps/cedar-app/log-drains", {"url": "https://logs.example.com/x"}).status == 201
