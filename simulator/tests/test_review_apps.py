"""A pipeline's review-app configuration and the GitHub repository it is connected to: enabling review apps needs
the connection (Heroku's 404 without it, or for another repository), what Heroku refuses (stale_days outside 1 to
30, a private region, an unknown space), PATCH of some settings, DELETE, and the connection read as the Heroku
CLI reads it."""


def pipeline(api, name="shop"):
    answer = api.post("/pipelines", {"name": name})
    assert answer.status == 201
    return answer.body["id"]


def test_enabling_needs_the_pipeline_connected_to_that_repository(api, sim):
    pid = pipeline(api)
    assert api.get("/pipelines/%s/repo" % pid).status == 404
    refused = api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop"})
    assert (refused.status, refused.body["id"]) == (404, "not_found")
    assert api.get("/pipelines/%s/review-app-config" % pid).status == 404

    connection = sim.connect_pipeline_repo("shop", "acme/shop")
    assert api.get("/pipelines/%s/repo" % pid).body == connection == {"id": connection["id"], "full_name": "acme/shop"}
    other = api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/other"})
    assert (other.status, other.body["id"]) == (404, "not_found")

    enabled = api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop", "automatic_review_apps": True})
    assert enabled.status == 201
    assert enabled.body == {"repo": {"id": connection["id"]}, "automatic_review_apps": True, "deploy_target": None,
                            "destroy_stale_apps": False, "stale_days": 5, "pipeline_id": pid, "wait_for_ci": False,
                            "base_name": None}
    again = api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop"})
    assert (again.status, again.body["id"]) == (409, "conflict")


def test_settings_change_in_place_and_delete_disables_review_apps(api, sim):
    pid = pipeline(api)
    sim.connect_pipeline_repo(pid, "acme/shop", repo_id=4242)
    space = api.post("/spaces", {"name": "review-space", "team": "acme", "region": "virginia"}).body
    api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop", "deploy_target": {"id": "eu", "type": "region"}})
    eu = api.get("/regions/eu").body["id"]
    assert api.get("/pipelines/%s/review-app-config" % pid).body["deploy_target"] == {"id": eu, "type": "region"}

    changed = api.patch("/pipelines/%s/review-app-config" % pid, {
        "destroy_stale_apps": True, "stale_days": 30, "base_name": "shop-pr",
        "deploy_target": {"id": space["name"], "type": "space"}})
    assert changed.status == 200
    assert changed.body["repo"] == {"id": 4242} and changed.body["stale_days"] == 30
    assert changed.body["destroy_stale_apps"] is True and changed.body["base_name"] == "shop-pr"
    assert changed.body["deploy_target"] == {"id": space["id"], "type": "space"}
    assert changed.body["automatic_review_apps"] is False

    gone = api.delete("/pipelines/%s/review-app-config" % pid)
    assert gone.status == 200 and gone.body["stale_days"] == 30
    assert api.get("/pipelines/%s/review-app-config" % pid).status == 404
    assert api.delete("/pipelines/%s/review-app-config" % pid).status == 404


def test_what_heroku_refuses_changes_nothing(api, sim):
    pid = pipeline(api)
    sim.connect_pipeline_repo(pid, "acme/shop")
    path = "/pipelines/%s/review-app-config" % pid
    for body, status in (({"repo": "acme/shop", "stale_days": 0}, 422), ({"repo": "acme/shop", "stale_days": 31}, 422),
                         ({"repo": "acme/shop", "deploy_target": {"id": "virginia", "type": "region"}}, 422),
                         ({"repo": "acme/shop", "deploy_target": {"id": "nowhere", "type": "space"}}, 404),
                         ({"repo": "acme/shop", "stale_days": "5"}, 422), ({}, 422)):
        refused = api.post(path, body)
        assert refused.status == status, (body, refused.body)
        assert refused.body["id"] == ("not_found" if status == 404 else "invalid_params")
    assert api.get(path).status == 404
    assert api.post(path, {"repo": "acme/shop", "stale_days": 7}).status == 201
    assert api.patch(path, {"stale_days": 45}).status == 422
    assert api.get(path).body["stale_days"] == 7


def test_deleting_the_pipeline_forgets_its_repository_and_review_apps(api, sim):
    pid = pipeline(api)
    sim.connect_pipeline_repo(pid, "acme/shop")
    assert api.post("/pipelines/%s/review-app-config" % pid, {"repo": "acme/shop"}).status == 201
    assert api.delete("/pipelines/%s" % pid).status == 200
    pid = pipeline(api)
    assert api.get("/pipelines/%s/repo" % pid).status == 404
    with sim.lock:
        assert sim.world.s["review_app_configs"] == {} and sim.world.s["pipeline_repos"] == {}


def test_a_fir_pipeline_has_no_predictable_review_app_names(api, sim):
    """A pipeline is of its first app's generation; Heroku refuses base_name on a Fir one."""
    assert api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"}).status == 201
    assert api.post("/teams/apps", {"name": "fir-web", "team": "acme", "space": "fir-space"}).status == 201
    pid = pipeline(api)
    assert api.get("/pipelines/%s" % pid).body["generation"]["name"] == "cedar"
    assert api.post("/pipeline-couplings", {"app": "fir-web", "pipeline": pid, "stage": "staging"}).status == 201
    assert api.get("/pipelines/%s" % pid).body["generation"]["name"] == "fir"
    sim.connect_pipeline_repo(pid, "acme/shop")
    path = "/pipelines/%s/review-app-config" % pid
    refused = api.post(path, {"repo": "acme/shop", "base_name": "shop-pr"})
    assert (refused.status, refused.body["id"]) == (422, "invalid_params") and "Fir" in refused.body["message"]
    assert api.post(path, {"repo": "acme/shop", "base_name": None}).status == 201
    assert api.patch(path, {"base_name": "shop-pr"}).status == 422
    assert api.get(path).body["base_name"] is None
