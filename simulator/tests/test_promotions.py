"""Promotion of a chosen release (the 2025 API's ``source.release.id``): the targets get that release's slug, not
the source's newest; a release that is not the source's is refused; the promotion targets name their releases."""

import time

import pytest


def wait_for(fn, timeout=3.0):
    deadline = time.time() + timeout
    while not fn():
        assert time.time() < deadline, "timed out"
        time.sleep(0.02)


@pytest.fixture
def pipeline(api, sim):
    """src-app (staging) with two releases of different slugs, and ok-app (production): answers the pipeline,
    the app ids, and src-app's first and second releases."""
    ids = {name: sim.seed_app(name, process_types={"web": "run " + name})["id"] for name in ("src-app", "ok-app")}
    first = api.get("/apps/src-app/releases").body[-1]
    slug = api.post("/apps/src-app/slugs", {"process_types": {"web": "run newer"}}).body
    second = api.post("/apps/src-app/releases", {"slug": slug["id"]}).body
    assert second["slug"]["id"] != first["slug"]["id"] and second["current"] is True
    p = api.post("/pipelines", {"name": "chosen-pipe"}).body
    for app, stage in (("src-app", "staging"), ("ok-app", "production")):
        assert api.post("/pipeline-couplings", {"app": app, "pipeline": p["id"], "stage": stage}).status == 201
    return p, ids, first, second


def promote(api, p, ids, release=None):
    source = {"app": {"id": ids["src-app"]}}
    if release is not None:
        source["release"] = {"id": release}
    return api.post("/pipeline-promotions", {"pipeline": {"id": p["id"]}, "source": source,
                                             "targets": [{"app": {"id": ids["ok-app"]}}]})


def test_a_chosen_release_is_promoted_not_the_newest(api, pipeline):
    p, ids, first, second = pipeline
    promo = promote(api, p, ids, first["id"])
    assert promo.status == 201, promo.body
    assert promo.body["source"] == {"app": {"id": ids["src-app"]}, "release": {"id": first["id"]}}
    wait_for(lambda: api.get("/pipeline-promotions/%s" % promo.body["id"]).body["status"] == "completed")
    target = api.get("/pipeline-promotions/%s/promotion-targets" % promo.body["id"]).body[0]
    assert target["status"] == "succeeded" and target["release"]["id"]
    made = api.get("/apps/ok-app/releases/%s" % target["release"]["id"]).body
    assert made["slug"] == first["slug"] and made["current"] is True
    assert made["description"] == "Promote src-app v%s" % first["version"]
    assert api.get("/apps/ok-app/formation/web").body["command"] == "run src-app"


def test_without_a_release_the_source_s_current_one_is_promoted(api, pipeline):
    p, ids, _first, second = pipeline
    promo = promote(api, p, ids)
    assert promo.status == 201 and promo.body["source"]["release"] == {"id": second["id"]}
    wait_for(lambda: api.get("/pipeline-promotions/%s" % promo.body["id"]).body["status"] == "completed")
    target = api.get("/pipeline-promotions/%s/promotion-targets" % promo.body["id"]).body[0]
    assert api.get("/apps/ok-app/releases/%s" % target["release"]["id"]).body["slug"] == second["slug"]


def test_a_release_not_of_the_source_is_refused_before_anything_changes(api, pipeline):
    p, ids, _first, _second = pipeline
    others = api.get("/apps/ok-app/releases").body
    for release in (others[-1]["id"], "01234567-89ab-cdef-0123-456789abcdef"):
        refused = promote(api, p, ids, release)
        assert (refused.status, refused.body["id"]) == (404, "not_found"), refused.body
        assert refused.body["message"] == "Couldn't find that release."
    assert api.get("/apps/ok-app/releases").body == others


def test_a_fir_release_is_promoted_with_its_oci_image(api):
    """A Fir app's release runs an OCI image and no slug: its promotion gives the target a release of that image."""
    api.post("/spaces", {"name": "fir-pipe-space", "team": "acme", "generation": "fir"})
    ids = dict((name, api.post("/teams/apps", {"name": name, "team": "acme", "space": "fir-pipe-space"}).body["id"])
               for name in ("fir-stage", "fir-prod"))
    image = api.post("/apps/fir-stage/oci-images", {"process_types": {"web": {"name": "web", "command": "/cnb/process/web"}}}).body
    source_release = api.post("/apps/fir-stage/releases", {"oci_image": image["id"]}).body
    p = api.post("/pipelines", {"name": "fir-pipe"}).body
    for app, stage in (("fir-stage", "staging"), ("fir-prod", "production")):
        assert api.post("/pipeline-couplings", {"app": app, "pipeline": p["id"], "stage": stage}).status == 201
    promo = api.post("/pipeline-promotions", {"pipeline": {"id": p["id"]}, "source": {"app": {"id": ids["fir-stage"]}},
                                              "targets": [{"app": {"id": ids["fir-prod"]}}]})
    assert promo.status == 201, promo.body
    wait_for(lambda: api.get("/pipeline-promotions/%s" % promo.body["id"]).body["status"] == "completed")
    target = api.get("/pipeline-promotions/%s/promotion-targets" % promo.body["id"]).body[0]
    made = api.get("/apps/fir-prod/releases/%s" % target["release"]["id"]).body
    assert made["artifacts"] == source_release["artifacts"] == [{"type": "oci-image", "id": image["id"]}]
    assert made["slug"] is None and made["status"] == "succeeded" and made["current"] is True
