"""OCI images of Fir apps and what runs them: an image created and read by id or digest, a Fir app's release
of an image (its artifacts name it, a rollback goes back to it, a config change keeps it), the refusals of a
slug on Fir and of an image on Cedar (422 `invalid_params`), a Fir build's image, and build cancel."""
import urllib.request

import pytest

PROCESS_TYPES = {"web": {"name": "web", "display_cmd": "npm start", "command": "/cnb/process/web",
                         "working_dir": "/workspace", "default": True}}
DIGEST = "sha256:" + "ab" * 32


@pytest.fixture
def fir(api):
    api.post("/spaces", {"name": "fir-space", "team": "acme", "generation": "fir"})
    return api.post("/teams/apps", {"name": "fir-app", "team": "acme", "space": "fir-space"}).body


def test_an_image_is_created_and_read_by_id_or_digest_as_a_list(api, fir):
    created = api.post("/apps/fir-app/oci-images", {"digest": DIGEST, "process_types": PROCESS_TYPES,
                                                    "commit": "60883d9e", "architecture": "arm64"})
    assert created.status == 201
    image = created.body
    assert image["digest"] == DIGEST and image["process_types"] == PROCESS_TYPES
    assert image["stack"]["name"] == "cnb" and image["architecture"] == "arm64" and image["commit"] == "60883d9e"
    assert api.get("/apps/fir-app/oci-images/%s" % image["id"]).body == [image]
    assert api.get("/apps/%s/oci-images/%s" % (fir["id"], DIGEST)).body == [image]
    missing = api.get("/apps/fir-app/oci-images/01234567-89ab-cdef-0123-456789abcdef")
    assert (missing.status, missing.body["id"]) == (404, "not_found")


def test_a_cedar_app_has_no_images_and_another_app_does_not_find_them(api, sim, fir):
    sim.seed_app("cedar-app")
    refused = api.post("/apps/cedar-app/oci-images", {"digest": DIGEST})
    assert (refused.status, refused.body["id"]) == (422, "invalid_params")
    assert "Fir apps" in refused.body["message"]
    image = api.post("/apps/fir-app/oci-images", {"digest": DIGEST}).body
    assert api.get("/apps/cedar-app/oci-images/%s" % image["id"]).status == 404


def test_a_fir_release_runs_an_image_named_in_its_artifacts(api, fir):
    image = api.post("/apps/fir-app/oci-images", {"digest": DIGEST, "process_types": PROCESS_TYPES}).body
    created = api.post("/apps/fir-app/releases", {"oci_image": image["id"], "description": "from CI"})
    assert created.status == 201
    release = created.body
    assert release["artifacts"] == [{"type": "oci-image", "id": image["id"]}] and release["slug"] is None
    assert release["description"] == "from CI" and release["current"] and release["eligible_for_rollback"]
    # By digest as well (the oci-image identity); then a config change keeps what runs.
    second = api.post("/apps/fir-app/oci-images", {"process_types": PROCESS_TYPES}).body
    by_digest = api.post("/apps/fir-app/releases", {"oci_image": second["digest"]}).body
    assert by_digest["artifacts"] == [{"type": "oci-image", "id": second["id"]}]
    api.patch("/apps/fir-app/config-vars", {"FLAG": "on"})
    newest = api.get("/apps/fir-app/releases/%d" % (by_digest["version"] + 1)).body
    assert newest["artifacts"] == [{"type": "oci-image", "id": second["id"]}]
    rolled = api.post("/apps/fir-app/releases", {"release": release["id"]}).body
    assert rolled["artifacts"] == [{"type": "oci-image", "id": image["id"]}]
    assert rolled["description"] == "Rollback to v%d" % release["version"]


def test_each_generation_refuses_the_other_kind_of_code(api, sim, fir):
    sim.seed_app("cedar-app")
    slug = api.post("/apps/cedar-app/slugs", {"process_types": {"web": "npm start"}}).body
    image = api.post("/apps/fir-app/oci-images", {"digest": DIGEST}).body
    before = len(api.get("/apps/fir-app/releases").body)
    on_fir = api.post("/apps/fir-app/releases", {"slug": slug["id"]})
    assert (on_fir.status, on_fir.body["id"]) == (422, "invalid_params") and "oci_image" in on_fir.body["message"]
    on_cedar = api.post("/apps/cedar-app/releases", {"oci_image": image["id"]})
    assert (on_cedar.status, on_cedar.body["id"]) == (422, "invalid_params") and "slug" in on_cedar.body["message"]
    assert len(api.get("/apps/fir-app/releases").body) == before
    # Heroku's schema requires a slug, which a Fir app's oci_image stands for.
    assert api.post("/apps/fir-app/releases", {"description": "nothing"}).body["message"] == "Require params: slug."
    assert api.post("/apps/fir-app/releases", {"oci_image": "sha256:" + "0" * 64}).status == 404


def test_a_fir_build_makes_an_image_and_a_release_of_it(api, fir):
    build = api.post("/apps/fir-app/builds", {"source_blob": {"url": "https://x.test/app.tgz", "version": "abc1234"}}).body
    done = api.get("/apps/fir-app/builds/%s" % build["id"]).body
    assert done["status"] == "succeeded" and done["slug"] is None
    release = api.get("/apps/fir-app/releases/%s" % done["release"]["id"]).body
    (artifact,) = release["artifacts"]
    assert artifact["type"] == "oci-image"
    assert api.get("/apps/fir-app/oci-images/%s" % artifact["id"]).body[0]["commit"] == "abc1234"


def test_a_fir_build_refuses_classic_buildpacks(api, fir):
    refused = api.post("/apps/fir-app/builds", {"source_blob": {"url": "https://x.test/app.tgz"},
                                                "buildpacks": [{"name": "heroku/nodejs"}]})
    assert (refused.status, refused.body["id"]) == (422, "invalid_params") and "project.toml" in refused.body["message"]
    assert api.get("/apps/fir-app/builds").body == []


def test_a_pending_build_is_cancelled_and_a_finished_one_is_refused(api, sim):
    sim.seed_app("acme-web")
    sim.set_async_reads(3)
    build = api.post("/apps/acme-web/builds", {"source_blob": {"url": "https://x.test/app.tgz"}}).body
    releases = len(api.get("/apps/acme-web/releases").body)
    cancelled = api.delete("/apps/acme-web/builds/%s" % build["id"])
    assert cancelled.status == 200 and cancelled.body["status"] == "failed" and cancelled.body["id"] == build["id"]
    # Its completion comes and goes: a cancelled build stays failed and makes no release.
    for _ in range(3):
        assert api.get("/apps/acme-web/builds/%s" % build["id"]).body["status"] == "failed"
    assert len(api.get("/apps/acme-web/releases").body) == releases
    stream = api.get("/apps/acme-web/builds/%s" % build["id"]).body["output_stream_url"]
    with urllib.request.urlopen(stream, timeout=10) as answer:
        assert answer.read().decode().splitlines()[-1].endswith("Build cancelled")
    sim.set_async_reads(1)
    other = api.post("/apps/acme-web/builds", {"source_blob": {"url": "https://x.test/app.tgz"}}).body
    assert api.get("/apps/acme-web/builds/%s" % other["id"]).body["status"] == "succeeded"
    refused = api.delete("/apps/acme-web/builds/%s" % other["id"])
    assert (refused.status, refused.body["id"]) == (422, "invalid_params")
    assert "already finished (succeeded)" in refused.body["message"]
    assert api.delete("/apps/acme-web/builds/01234567-89ab-cdef-0123-456789abcdef").status == 404
