# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_release and heroku_release_info through real ansible-playbook runs against the simulator."""

import re
import threading
import time

import pytest

from converge import Playbook, assert_writes
from sim_api import API_KEY, api

RELEASES = "/apps/acme-web/releases"
LIST = [("GET", RELEASES)]
# A rollback to a release of the slug the app runs compares the config vars of both releases.
CONFIG_READ = ("GET", re.compile(RELEASES + r"/[0-9a-f-]{36}/config-vars"))
WEB = {"web": "npm start"}
WITH_RELEASE_PHASE = {"web": "npm start", "release": "node migrate.js"}
POLL = re.compile(r"/apps/acme-web/releases/[0-9a-f-]{36}")


def release(**args):
    return {"name": "release", "herokuops.platform.heroku_release": dict(dict(app="acme-web"), **args)}


def info(**args):
    return {"name": "info", "herokuops.platform.heroku_release_info": dict(dict(app="acme-web"), **args)}


def deploy(sim, app="acme-web", process_types=None, count=1):
    """New slugs released on ``app`` straight in the simulator's world, as deploys would; the last slug's id."""
    with sim.lock:
        world = sim.world
        record = world.app(app)
        for _number in range(count):
            slug = world.create_slug(record, process_types or WEB)
            world.create_release(record, "Deploy %s" % slug["id"][:8], slug=slug)
    return slug["id"]


def rollback_to(sim, version, app="acme-web"):
    """The write of a rollback to release ``version``: a new release of that one, which Heroku takes by id."""
    release_id = api(sim, "GET", "/apps/%s/releases/%d" % (app, version))[1]["id"]
    return ("POST", "/apps/%s/releases" % app, {"release": release_id})


def releases(sim, app="acme-web"):
    """The newest releases first."""
    return api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=20"})[1]


def current(sim, app="acme-web"):
    return next(item for item in releases(sim, app) if item["current"])


def unfreeze_once_a_release_is_polled(sim):
    """Let frozen releases settle only once the module polls one: it must wait, not find it over already."""
    since = len(sim.requests)

    def watch():
        deadline = time.time() + 60
        while time.time() < deadline and not any(
                request["method"] == "GET" and POLL.fullmatch(request["path"]) for request in sim.requests[since:]):
            time.sleep(0.05)
        sim.freeze_async(False)
    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def bad_input(plan):
    """Tasks that fail before any request, or after reads only, on acme-web at v4."""
    for task, message in [
        (release(), "Set exactly one of version, slug, oci_image or previous=true (none given)"),
        (release(version=2, slug="01234567-89ab-cdef-0123-456789abcdef"), "(version and slug given)"),
        (release(version=0), "version=0 is out of range: use 1 or more."),
        (release(slug="../account"), "slug='../account' is not a valid slug id"),
        (release(version=2, description="x"), "description is only for a release of a slug"),
        (release(app="../account", previous=True), "app='../account' is not a valid app name"),
        (release(version="v2"), "version"),
        (info(limit=-1), "limit=-1 is out of range: use 0 or more."),
    ]:
        plan.fails(task, message)
    for task, message in [
        (release(version=99), "version=99: app acme-web has no release v99; its newest is v4."),
        # v1 carries no code: a rollback to it would make a new release on every run.
        (release(version=1), "version=1: release v1 of app acme-web (Initial release) has no slug: it carries no "
                             "code to roll back to."),
        (info(version=99), "version=99: app acme-web has no release v99, or there is no app acme-web."),
        (release(app="nope", version=1), "App nope was not found."),
        (info(app="nope"), "App nope was not found."),
    ]:
        plan.fails(task, message, requests=True)


def refusals(plan, sim):
    """A slug Heroku cannot find, then an API error: each fails with Heroku's answer, nothing changed."""
    # Not looked up first (another app's slug can be released too): Heroku's 404 to the create says it.
    unknown = plan.task(release(slug="01234567-89ab-cdef-0123-456789abcdef"), label="unknown slug",
                        ignore_errors=True, status="failed")
    plan.checkpoint(lambda: sim.inject_fault(method="POST", path=r"/releases$", status=422, error_id="invalid_params",
                                             message="Slug is not compiled yet."))
    refused = plan.task(release(version=2), label="refused", ignore_errors=True, status="failed")
    return unknown, refused


@pytest.mark.both_paths
def test_bad_input_errors_roll_back_pin_previous_a_version_far_back_and_info_over_two_pages(sim, run_playbook):
    sim.seed_app("acme-web")  # v1 (no slug), v2 (slug A)
    slug_b = deploy(sim)      # v3
    slug_c = deploy(sim)      # v4, current
    sim.seed_app("acme-old")
    deploy(sim, app="acme-old", count=1003)  # v3 .. v1005: more than one page of 1,000
    sim.seed_app("acme-one")  # v1 (no slug), v2 (slug): nothing before v2 to roll back to
    newest = current(sim, "acme-old")
    old = "/apps/acme-old/releases"
    seen = {}
    plan = Playbook(run_playbook)
    bad_input(plan)
    unknown, refused = refusals(plan, sim)
    # Again, the current release runs v3's slug: the config vars of both are compared (equal: no change).
    rollback = plan.converge(release(version=3), writes=lambda: [rollback_to(sim, 3)],
                             reads=LIST + [CONFIG_READ, CONFIG_READ],
                             after_check=lambda: seen.update(after_check=current(sim)["version"]))
    pin = plan.converge(release(slug=slug_c, description="Pin C"),
                        writes=[("POST", RELEASES, {"slug": slug_c, "description": "Pin C"})], reads=LIST)
    plan.fails(release(app="acme-one", previous=True), "App acme-one has no release with a slug that succeeded "
               "before v2 to roll back to.", requests=True)
    previous_check = plan.task(release(previous=True), label="previous in check mode", check_mode=True, diff=True,
                               status="changed")
    previous = plan.task(release(previous=True), label="previous", diff=True, status="changed")
    # An action: it rolls back again each time it runs.
    previous_again = plan.task(release(previous=True), label="previous again", status="changed")
    # Once rolled back, the current release runs v2's slug: its config vars and v2's are compared.
    config_read = ("GET", re.compile(re.escape(old) + "/[0-9a-f-]{36}/config-vars"))
    far = plan.converge(release(app="acme-old", version=2), writes=lambda: [rollback_to(sim, 2, app="acme-old")],
                        reads=[("GET", old), ("GET", old + "/2"), config_read, config_read])
    listed = plan.task(info(app="acme-old"), label="twenty")
    everything = plan.task(info(app="acme-old", limit=0), label="all")
    one = plan.task(info(app="acme-old", version=2), label="one")
    none = plan.fails(info(app="acme-old", version=5000), "version=5000: app acme-old has no release v5000",
                      requests=True)
    plan.run()

    assert "POST /apps/acme-web/releases failed (422 invalid_params): Slug is not compiled yet. [request-id " in refused["msg"]
    assert refused["failure"]["id"] == "invalid_params" and refused["failure"]["request_id"]
    assert refused["changed"] is False
    assert unknown["msg"].startswith("POST /apps/acme-web/releases failed (404 not_found): ")
    assert unknown["changed"] is False
    assert_writes(unknown.writes, [("POST", RELEASES, {"slug": "01234567-89ab-cdef-0123-456789abcdef"})])
    assert_writes(refused.writes, [rollback_to(sim, 2)])

    assert seen["after_check"] == 4
    check = rollback.check
    assert check["diff"] == {"before": {"version": 4, "slug_id": slug_c, "description": "Deploy %s" % slug_c[:8]},
                             "after": {"version": 5, "slug_id": slug_b, "description": "Rollback to v3"}}
    assert check["heroku_release"]["id"] is None and check["heroku_release"]["version"] == 5
    assert check["heroku_release"]["previous_release"]["version"] == 4
    done = rollback.real["heroku_release"]
    assert (done["version"], done["slug_id"], done["status"], done["current"]) == (5, slug_b, "succeeded", True)
    assert done["description"] == "Rollback to v3" and done["user_email"] and done["created_at"]
    assert done["previous_release"]["version"] == 4 and done["previous_release"]["slug_id"] == slug_c
    again = rollback.again["heroku_release"]
    assert again["version"] == 5 and again["previous_release"]["version"] == 5
    assert rollback.again["diff"]["before"] == rollback.again["diff"]["after"]
    # The list is read once, newest first, a page that holds the current release and the target.
    assert rollback.again.requests[0]["range"] == "version ..; order=desc, max=50"

    assert pin.real["heroku_release"]["version"] == 6 and pin.real["heroku_release"]["description"] == "Pin C"
    assert pin.check["diff"]["after"] == {"version": 6, "slug_id": slug_c, "description": "Pin C"}

    # The newest release that succeeded before v6 is v5, then v6 before v7.
    assert previous_check.writes == [] and previous_check["diff"]["after"] == {
        "version": 7, "slug_id": slug_b, "description": "Rollback to v5"}
    assert previous["heroku_release"]["description"] == "Rollback to v5"
    assert previous["heroku_release"]["slug_id"] == slug_b and previous["heroku_release"]["version"] == 7
    assert previous["diff"]["before"]["version"] == 6
    assert previous_again["heroku_release"]["description"] == "Rollback to v6"
    assert_writes(previous.writes, [rollback_to(sim, 5)])
    assert_writes(previous_again.writes, [rollback_to(sim, 6)])
    assert current(sim)["version"] == 8 and current(sim)["slug"]["id"] == slug_c

    assert far.real["heroku_release"]["version"] == 1006
    assert far.real["heroku_release"]["previous_release"]["id"] == newest["id"]
    assert [item["version"] for item in listed["heroku_release_info"]] == list(range(1006, 986, -1))
    assert [call[:2] for call in listed.calls] == [("GET", old)]
    assert listed.requests[0]["range"] == "version ..; order=desc, max=20"
    items = everything["heroku_release_info"]
    assert [item["version"] for item in items] == list(range(1006, 0, -1))
    assert len(everything.requests) == 2
    assert sum(item["current"] for item in items) == 1 and items[0]["current"] is True
    item = one["heroku_release_info"]
    assert len(item) == 1 and item[0]["version"] == 2 and set(item[0]) == {
        "id", "version", "status", "description", "slug_id", "current", "user_email", "created_at", "oci_image_id"}
    assert item[0]["oci_image_id"] is None
    assert none.calls == [("GET", old + "/5000")]


def test_the_release_phase_is_waited_for_and_a_failure_or_a_hang_fails_the_task(sim, run_playbook):
    sim.seed_app("acme-web", process_types=WITH_RELEASE_PHASE)   # v2 (slug A)
    deploy(sim, process_types=WITH_RELEASE_PHASE)                # v3 (slug B; settles at once: made in the world)
    # No async delay: a release phase is pending when its release is made and ends at the next request, the
    # module's first poll; freeze_async and release_phase hold one as long as a step needs.
    seen = {}
    plan = Playbook(run_playbook)
    waited = plan.task(release(version=2), label="waited", status="changed")
    plan.checkpoint(lambda: sim.freeze_async(True))
    started = plan.task(release(version=3, wait=False), label="started", status="changed")
    plan.checkpoint(lambda: seen.update(watcher=unfreeze_once_a_release_is_polled(sim)))
    # A newer release of the slug wanted, still pending: waited for, not sent again.
    awaited = plan.task(release(version=3), label="awaited", diff=True, status="ok")
    plan.checkpoint(lambda: sim.release_phase("acme-web", "fail"))
    failed = plan.task(release(version=2), label="failed", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: sim.release_phase("acme-web", "hang"))
    hung = plan.task(release(version=2, wait_timeout=1), label="hung", ignore_errors=True, status="failed")
    plan.checkpoint(lambda: sim.release_phase("acme-web", None))
    # The app runs slug B (v5), but the hung v7 would replace it if it ever succeeded: a newer release pins B.
    pinned = plan.task(release(version=3), label="pinned", status="changed")
    pinned_again = plan.task(release(version=3), label="pinned again", status="ok")
    result = plan.run(verbosity=4)
    seen["watcher"].join()

    record = waited["heroku_release"]
    assert (record["version"], record["status"], record["current"]) == (4, "succeeded", True)
    assert [call for call in waited.calls if POLL.fullmatch(call[1])], waited.calls
    assert record["output"] == []

    assert started["heroku_release"]["status"] == "pending" and started["heroku_release"]["version"] == 5
    assert awaited.writes == []
    record = awaited["heroku_release"]
    assert (record["version"], record["status"], record["current"]) == (5, "succeeded", True)
    assert awaited["diff"]["before"]["version"] == 4 and awaited["diff"]["after"]["version"] == 5

    assert failed["changed"] is True
    assert failed["msg"].startswith("Release v6 of app acme-web failed (status failed): its release phase failed "
                                    "and the app keeps running v5.")
    assert "Error: the release command exited with status 1" in failed["msg"]
    assert failed["heroku_release"]["status"] == "failed" and failed["heroku_release"]["version"] == 6
    assert "Running release command: node migrate.js" in failed["heroku_release"]["output"]
    # The output stream is a signed URL, not the API: read without the API key.
    stream = [request for request in failed.requests if request["path"].startswith("/__storage/streams/releases/")]
    assert len(stream) == 1 and stream[0]["auth"] is False

    assert hung["changed"] is True
    assert "Timed out after 1s waiting for release v7 of app acme-web; last seen state: pending" in hung["msg"]
    assert "app acme-web keeps running v5" in hung["msg"]
    assert hung["heroku_release"]["status"] == "pending"

    assert pinned["heroku_release"]["version"] == 8 and pinned["heroku_release"]["current"] is True
    assert pinned_again.writes == [] and pinned_again["heroku_release"]["version"] == 8
    assert next(item for item in releases(sim) if item["current"])["version"] == 8
    assert API_KEY not in result.stdout
    for step, version in ((waited, 2), (started, 3), (failed, 2), (hung, 2), (pinned, 3)):
        assert_writes(step.writes, [rollback_to(sim, version)])
