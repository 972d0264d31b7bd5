# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_build's cancel_on_timeout, and a Fir app's build of an OCI image, through real ansible-playbook runs
against the simulator. A build ends only when it is read by its id (the simulator's clock counted in reads), and
wait_timeout=0 ends the wait at its first look, before any read: no test waits for real seconds."""

import re

from converge import Playbook, assert_writes
from sim_api import api

BUILDS = "/apps/acme-web/builds"
BUILD = re.compile(BUILDS + r"/[0-9a-f-]{36}")


def build(**args):
    return {"name": "build", "herokuops.platform.heroku_build": dict(dict(app="acme-web"), **args)}


def source(name, wait_timeout=0):
    return dict(source_url="https://example.com/%s.tgz" % name, version=name, unique_version=True, wait_timeout=wait_timeout)


def test_a_build_pending_when_the_wait_ends_is_cancelled_when_asked_and_else_left_running(sim, run_playbook):
    sim.seed_app("acme-web")
    releases_before = len(api(sim, "GET", "/apps/acme-web/releases")[1])
    sim.set_async_reads(1)
    sim.clear_requests()
    plan = Playbook(run_playbook)
    cancelled = plan.task(build(cancel_on_timeout=True, **source("v1")), label="cancelled", ignore_errors=True)
    left = plan.task(build(**source("v2")), label="left running", ignore_errors=True)
    # The build left running is awaited by the next run, not made again: its first read of the build ends it.
    awaited = plan.task(build(**source("v2", wait_timeout=60)), label="awaited", status="ok")
    plan.run()

    record = cancelled["heroku_build"]
    assert cancelled.status == "failed" and cancelled["changed"] is True
    assert record["cancelled"] is True and record["status"] == "failed"
    assert_writes(cancelled.writes, [
        ("POST", BUILDS, {"source_blob": {"url": "https://example.com/v1.tgz", "checksum": None, "version": "v1"}}),
        ("DELETE", BUILDS + "/" + record["id"], None)])
    assert cancelled["msg"] == ("Timed out after 0s waiting for the build of app acme-web; last seen state: build %s "
                                "pending. Build %s of app acme-web was cancelled (cancel_on_timeout): its status is now "
                                "failed." % (record["id"], record["id"]))
    assert record["output"][-1].endswith("Build cancelled")
    assert api(sim, "GET", BUILDS + "/" + record["id"])[1]["status"] == "failed"

    kept = left["heroku_build"]
    assert left.status == "failed" and left["changed"] is True and kept["cancelled"] is False
    assert_writes(left.writes, [
        ("POST", BUILDS, {"source_blob": {"url": "https://example.com/v2.tgz", "checksum": None, "version": "v2"}})])
    assert left["msg"].endswith("Build %s of app acme-web is still running and was left running: the next run awaits "
                                "it (cancel_on_timeout=true cancels it instead)." % kept["id"])
    assert awaited["heroku_build"]["awaited"] is True and awaited["heroku_build"]["id"] == kept["id"]
    assert awaited["heroku_build"]["status"] == "succeeded" and awaited.writes == []
    assert ("GET", BUILDS + "/" + kept["id"]) in awaited.calls
    # The cancelled build made no release; the one left running made one.
    assert len(api(sim, "GET", "/apps/acme-web/releases")[1]) == releases_before + 1


def test_a_fir_app_is_built_into_an_oci_image_once(sim, run_playbook):
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "GET", "/spaces/acme-fir")[1]["state"] == "allocated"
    assert api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})[0] == 201
    task = build(app="fir-web", source_url="https://example.com/fir.tgz", version="f1", unique_version=True)
    plan = Playbook(run_playbook)
    built = plan.converge(task, writes=[("POST", "/apps/fir-web/builds", {"source_blob": {
        "url": "https://example.com/fir.tgz", "checksum": None, "version": "f1"}})],
        reads=[("GET", "/apps/fir-web/releases"), ("GET", "/apps/fir-web/builds")])
    # Classic buildpacks: refused before any write, the app read for its generation once a build is to be made.
    refused = plan.fails(build(app="fir-web", source_url="https://example.com/fir2.tgz", buildpacks=["heroku/nodejs"]),
                         "buildpacks is not available on app fir-web, a Fir app: Fir builds with Cloud Native "
                         "Buildpacks, named in the app's project.toml", requests=True)
    plan.run()

    assert refused.calls == [("GET", "/apps/fir-web/releases"), ("GET", "/apps/fir-web")]

    done = built.real["heroku_build"]
    assert done["status"] == "succeeded" and done["slug_id"] is None and done["oci_image_id"]
    release = api(sim, "GET", "/apps/fir-web/releases/%s" % done["release_id"])[1]
    assert release["artifacts"] == [{"type": "oci-image", "id": done["oci_image_id"]}]
    assert built.again["heroku_build"]["oci_image_id"] == done["oci_image_id"]
    assert built.again["heroku_build"]["id"] == done["id"]
