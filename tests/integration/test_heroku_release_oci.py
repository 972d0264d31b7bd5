# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_release's oci_image on a Fir app, and each generation's refusal of the other kind of code, through real
ansible-playbook runs against the simulator."""

from converge import Playbook, assert_writes
from sim_api import api

FIR_RELEASES = "/apps/fir-web/releases"
CEDAR_RELEASES = "/apps/acme-web/releases"
DIGEST = "sha256:" + "5e" * 32


def release(**args):
    return {"name": "release", "herokuops.platform.heroku_release": args}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_release_info": args}


def fir_app_with_images(sim, count=2):
    """The Fir app fir-web (in space acme-fir) and ``count`` OCI images of it, made behind the modules' back."""
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "GET", "/spaces/acme-fir")[1]["state"] == "allocated"
    assert api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})[0] == 201
    images = []
    for number in range(count):
        status, image = api(sim, "POST", "/apps/fir-web/oci-images", {"commit": "c0ffee%d" % number,
                                                                      "digest": DIGEST[:-1] + str(number)})
        assert status == 201, image
        images.append(image["id"])
    return images


def test_a_fir_app_releases_an_oci_image_in_check_mode_for_real_and_again(sim, run_playbook):
    first, second = fir_app_with_images(sim)
    sim.clear_requests()
    plan = Playbook(run_playbook)
    made = plan.converge(release(app="fir-web", oci_image=first, description="Release 2.0.1"),
                         writes=[("POST", FIR_RELEASES, {"oci_image": first, "description": "Release 2.0.1"})],
                         reads=[("GET", FIR_RELEASES)])
    # A rollback goes back to an image too: first second, then back to the release of the first.
    plan.converge(release(app="fir-web", oci_image=second),
                  writes=[("POST", FIR_RELEASES, {"oci_image": second})], reads=[("GET", FIR_RELEASES)])
    back = plan.task(release(app="fir-web", version=2), label="rollback", status="changed")
    listed = plan.task(info(app="fir-web", limit=2), label="info")
    plan.run()

    check, real, again = made
    assert check["diff"]["after"] == {"version": 2, "slug_id": None, "oci_image_id": first, "description": "Release 2.0.1"}
    assert check["heroku_release"]["oci_image_id"] == first and check["heroku_release"]["id"] is None
    # The app's generation is read once, only because a release is to be made.
    assert real.calls == [("GET", FIR_RELEASES), ("GET", "/apps/fir-web"), ("POST", FIR_RELEASES)]
    done = real["heroku_release"]
    assert (done["version"], done["oci_image_id"], done["slug_id"], done["current"]) == (2, first, None, True)
    assert done["description"] == "Release 2.0.1"
    assert again["heroku_release"]["oci_image_id"] == first and again["diff"]["before"] == again["diff"]["after"]
    assert back["heroku_release"]["oci_image_id"] == first and back["heroku_release"]["description"] == "Rollback to v2"
    assert_writes(back.writes, [("POST", FIR_RELEASES, {"release": done["id"]})])
    newest = listed["heroku_release_info"]
    assert [(item["version"], item["oci_image_id"]) for item in newest] == [(4, first), (3, second)]
    current = api(sim, "GET", FIR_RELEASES + "/4")[1]
    assert current["artifacts"] == [{"type": "oci-image", "id": first}] and current["current"] is True


def test_each_generation_refuses_the_other_kind_of_code_before_any_write(sim, run_playbook):
    (image,) = fir_app_with_images(sim, count=1)
    sim.seed_app("acme-web")
    slug = api(sim, "GET", CEDAR_RELEASES + "/2")[1]["slug"]["id"]
    sim.clear_requests()
    plan = Playbook(run_playbook)
    on_fir = plan.fails(release(app="fir-web", slug=slug), "A release of a slug (slug) is not available on app fir-web, "
                        "a Fir app: a Fir app runs OCI images, not slugs: release an OCI image of the app with "
                        "oci_image.", requests=True)
    on_cedar = plan.fails(release(app="acme-web", oci_image=image), "A release of an OCI image (oci_image) is not "
                          "available on app acme-web, a Cedar app: a Cedar app runs slugs, not OCI images: release a "
                          "slug of the app with slug.", requests=True)
    in_check_mode = plan.fails(release(app="acme-web", oci_image=image), "is not available on app acme-web, a Cedar app",
                               requests=True, check_mode=True, label="check mode")
    plan.fails(release(app="fir-web", oci_image=DIGEST), "oci_image='%s' is not an OCI image id" % DIGEST)
    plan.fails(release(app="fir-web", oci_image=image, slug=slug), "(slug and oci_image given)")
    # A Cedar app that runs the slug already: the releases alone are read, no generation.
    unchanged = plan.task(release(app="acme-web", slug=slug), label="no change", status="ok")
    plan.run()

    assert sim.writes() == []
    assert on_fir.calls == [("GET", FIR_RELEASES), ("GET", "/apps/fir-web")]
    assert on_cedar.calls == in_check_mode.calls == [("GET", CEDAR_RELEASES), ("GET", "/apps/acme-web")]
    assert unchanged.calls == [("GET", CEDAR_RELEASES)]
    assert unchanged["heroku_release"]["slug_id"] == slug and unchanged["heroku_release"]["oci_image_id"] is None
