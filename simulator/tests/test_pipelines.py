"""A pipeline's rename and its transfer to another owner, as Heroku serves them."""


def test_a_rename_takes_a_free_name_and_refuses_a_taken_one(api):
    shop = api.post("/pipelines", {"name": "shop"}).body
    api.post("/pipelines", {"name": "store"})
    r = api.patch("/pipelines/%s" % shop["id"], {"name": "shop-eu"})
    assert r.status == 200 and r.body["name"] == "shop-eu" and r.body["id"] == shop["id"]
    assert api.get("/pipelines/shop-eu").body["id"] == shop["id"]
    assert api.get("/pipelines/shop").status == 404
    r = api.patch("/pipelines/%s" % shop["id"], {"name": "store"})
    assert r.status == 422 and r.body["id"] == "invalid_params" and r.body["message"] == "Name is already taken"
    r = api.patch("/pipelines/%s" % shop["id"], {"name": "Shop_EU"})
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert api.get("/pipelines/%s" % shop["id"]).body["name"] == "shop-eu"


def test_a_transfer_gives_the_pipeline_and_its_apps_to_a_team_and_back_to_the_account(api, sim):
    sim.seed_app("shop-web")
    shop = api.post("/pipelines", {"name": "shop"}).body
    api.post("/pipeline-couplings", {"app": "shop-web", "pipeline": shop["id"], "stage": "production"})
    account = api.get("/account").body
    assert shop["owner"] == {"id": account["id"], "type": "user"}
    team = api.get("/teams/acme").body
    r = api.post("/pipeline-transfers", {"pipeline": {"id": shop["id"]}, "new_owner": {"id": team["id"], "type": "team"}})
    assert r.status == 201
    assert r.body == {"pipeline": {"id": shop["id"]}, "previous_owner": {"id": account["id"], "type": "user"},
                      "new_owner": {"id": team["id"], "type": "team"}}
    assert api.get("/pipelines/shop").body["owner"] == {"id": team["id"], "type": "team"}
    assert api.get("/apps/shop-web").body["team"]["name"] == "acme"
    r = api.post("/pipeline-transfers", {"pipeline": {"id": shop["id"]}, "new_owner": {"id": account["id"], "type": "user"}})
    assert r.status == 201 and api.get("/pipelines/shop").body["owner"] == {"id": account["id"], "type": "user"}
    web = api.get("/apps/shop-web").body
    assert web["team"] is None and web["owner"]["email"] == account["email"]


def test_a_transfer_to_a_team_the_account_is_not_in_or_to_no_owner_is_refused(api):
    shop = api.post("/pipelines", {"name": "shop"}).body
    before = shop["owner"]
    team = api.get("/teams/acme").body
    assert api.delete("/teams/acme/members/ops@example.com").status == 200
    r = api.post("/pipeline-transfers", {"pipeline": {"id": shop["id"]}, "new_owner": {"id": team["id"], "type": "team"}})
    assert r.status == 403 and r.body["id"] == "forbidden" and "acme" in r.body["message"]
    r = api.post("/pipeline-transfers", {"pipeline": {"id": shop["id"]},
                                         "new_owner": {"id": "01234567-89ab-cdef-0123-456789abcdef", "type": "team"}})
    assert r.status == 404 and r.body["id"] == "not_found"
    assert api.post("/pipeline-transfers", {"pipeline": {"id": shop["id"]}}).status == 422
    assert api.get("/pipelines/shop").body["owner"] == before
