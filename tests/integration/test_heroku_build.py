# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_build through real ansible-playbook runs against the simulator."""

import gzip
import hashlib
import re

import pytest

from converge import Matcher, Playbook, assert_writes
from sim_api import api

PROCFILE = "web: node server.js\nrelease: node migrate.js\n"
TOKEN = "t0ken-that-must-not-leak-4711"
STORAGE = re.compile(r"/__storage/sources/[^/]+")
BUILDS = re.compile(r"/apps/acme-web/builds/[^/]+")
RELEASES = re.compile(r"/apps/acme-web/releases/[^/]+")
ARCHIVE = {"bytes": Matcher(lambda size: isinstance(size, int) and size > 0, "the archive's size")}


def uploaded(sim, checksum, version):
    """The writes of a build of a local source: a source URL, the archive put there, the build of that URL."""
    get_url = re.compile(re.escape(sim.url) + r"/__storage/sources/[^/?]+\?.+")
    return [("POST", "/sources", None), ("PUT", STORAGE, ARCHIVE),
            ("POST", "/apps/acme-web/builds", {"source_blob": {"url": get_url, "checksum": checksum, "version": version}})]


def build_of(url, checksum=None, version=None, buildpacks=None):
    """The build of a source URL, as heroku_build asks for it."""
    body = {"source_blob": {"url": url, "checksum": checksum, "version": version}}
    if buildpacks is not None:
        body["buildpacks"] = buildpacks
    return [("POST", "/apps/acme-web/builds", body)]


# The simulator runs with no async delay: a build (and a release phase) is pending when made and ends at the
# next request, a poll of the module; freeze_async and release_phase hold one as long as a step needs.
READS = [("GET", "/apps/acme-web/releases"), ("GET", "/apps/acme-web/builds")]


def build(**args):
    return {"name": "build", "herokuops.platform.heroku_build": dict(dict(app="acme-web"), **args)}


def source_tree(tmp_path, name="app", procfile=PROCFILE):
    root = tmp_path / name
    (root / "lib").mkdir(parents=True)
    (root / "Procfile").write_text(procfile)
    (root / "server.js").write_text("require('http').createServer().listen(process.env.PORT)\n")
    (root / "lib" / "util.js").write_text("module.exports = {}\n")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


def current(sim, app="acme-web"):
    releases = api(sim, "GET", "/apps/%s/releases" % app, headers={"Range": "version ..; order=desc, max=20"})[1]
    return next(release for release in releases if release["current"])


@pytest.mark.both_paths
def test_a_directory_is_uploaded_built_and_released_once_and_a_build_left_running_is_awaited(sim, run_playbook, tmp_path):
    sim.seed_app("acme-web", process_types={"web": "npm start"})
    tree = source_tree(tmp_path)
    seeded = current(sim)
    plan = Playbook(run_playbook)
    steps = plan.converge(build(source_path=str(tree), version="v1", output_lines=3), reads=READS,
                          writes=lambda: uploaded(sim, steps.check["heroku_build"]["source_checksum"], "v1"))
    # The .git directory is no part of the source: a new commit of the same tree changes nothing.
    plan.checkpoint(lambda: (tree / ".git" / "HEAD").write_text("ref: refs/heads/other\n"))
    unchanged = plan.task(build(source_path=str(tree), version="v1"), label="same tree", status="ok", diff=True)

    def change_and_freeze():
        (tree / "server.js").write_text("// changed\n")
        sim.freeze_async(True)

    plan.checkpoint(change_and_freeze)
    started = plan.task(build(source_path=str(tree), version="v2", wait=False), label="changed tree",
                        status="changed", diff=True)
    checked = plan.task(build(source_path=str(tree), version="v2"), label="check while running", check_mode=True,
                        status="ok")
    plan.checkpoint(lambda: sim.freeze_async(False))
    awaited = plan.task(build(source_path=str(tree), version="v2"), label="awaited", status="ok")
    plan.run()

    check = steps.check
    assert check["heroku_build"]["id"] is None and check["heroku_build"]["source_checksum"].startswith("SHA256:")
    assert check["diff"]["before"] == dict(release_version=seeded["version"], slug_id=seeded["slug"]["id"],
                                           source_checksum=None, source_version=None)
    assert check["diff"]["after"]["release_version"] == seeded["version"] + 1
    assert check["diff"]["after"]["source_version"] == "v1"

    real = steps.real["heroku_build"]
    assert real["status"] == "succeeded" and real["release_status"] == "succeeded" and not real["awaited"]
    assert real["source_checksum"] == check["heroku_build"]["source_checksum"]
    assert real["output"][-1] == "-----> Launching... done, v%d" % real["release_version"]
    assert len(real["output"]) == 3
    slug = api(sim, "GET", "/apps/acme-web/slugs/" + real["slug_id"])[1]
    assert slug["process_types"] == {"web": "node server.js", "release": "node migrate.js"}
    # The upload went to the signed URL without the API key; the build and its release were polled.
    upload = [r for r in steps.real.requests if r["method"] == "PUT"][0]
    assert upload["auth"] is False
    # The output stream too, read once, after the build ended.
    streams = [r for r in steps.real.requests if r["path"].startswith("/__storage/streams/")]
    assert [(r["method"], r["auth"]) for r in streams] == [("GET", False)]
    assert [r for r in steps.real.requests if r["method"] == "GET" and BUILDS.fullmatch(r["path"])]
    assert [r for r in steps.real.requests if r["method"] == "GET" and RELEASES.fullmatch(r["path"])]
    # The idempotence reads ask for one short page each, newest first.
    assert [r["range"] for r in steps.again.requests] == ["version ..; order=desc, max=20",
                                                          "created_at ..; order=desc, max=20"]
    again = steps.again["heroku_build"]
    assert again["id"] == real["id"] and again["release_version"] == real["release_version"] and again["output"] == []
    assert steps.again["diff"]["before"] == steps.again["diff"]["after"]
    assert unchanged.writes == [] and len(unchanged.requests) == 2

    assert started["heroku_build"]["status"] == "pending" and started["heroku_build"]["output"] == []
    assert_writes(started.writes, uploaded(sim, started["heroku_build"]["source_checksum"], "v2"))
    assert started["heroku_build"]["source_checksum"] != real["source_checksum"]
    assert started["diff"]["before"]["source_version"] == "v1" and started["diff"]["after"]["source_version"] == "v2"
    assert checked["heroku_build"]["awaited"] is True and checked.writes == []
    record = awaited["heroku_build"]
    assert record["awaited"] is True and awaited.writes == [] and record["id"] == started["heroku_build"]["id"]
    assert record["status"] == "succeeded" and record["release_status"] == "succeeded" and record["output"]
    assert current(sim)["id"] == record["release_id"]


def test_a_url_source_builds_once_when_it_can_be_recognised(sim, run_playbook):
    sim.seed_app("acme-web", process_types={"web": "npm start"})
    plan = Playbook(run_playbook)
    url = "https://releases.example.com/acme-web-1.4.2.tgz?token=" + TOKEN
    by_version = plan.converge(build(source_url=url, version="1.4.2", unique_version=True,
                                     buildpacks=["heroku/nodejs"]),
                               writes=build_of(url, version="1.4.2", buildpacks=[{"name": "heroku/nodejs"}]), reads=READS)
    # The buildpacks are part of what a build is: the same source with others is built again, once.
    other_buildpacks = plan.converge(build(source_url=url, version="1.4.2", unique_version=True,
                                           buildpacks=["heroku/ruby", "https://example.com/bp.tgz"]),
                                     writes=build_of(url, version="1.4.2", buildpacks=[
                                         {"name": "heroku/ruby"}, {"url": "https://example.com/bp.tgz"}]),
                                     reads=READS, label="other buildpacks")
    # Naming none takes the app's: the same source is the same build, whatever it was built with.
    any_buildpacks = plan.task(build(source_url=url, version="1.4.2", unique_version=True), label="any buildpacks",
                               status="ok")
    checksum = "SHA256:" + hashlib.sha256(b"the tarball").hexdigest()
    # Hex digits in upper case are the same checksum.
    by_checksum = plan.converge(build(source_url=url, checksum="SHA256:" + checksum[7:].upper()),
                                writes=build_of(url, checksum=checksum), reads=READS, label="by checksum")
    unknown = plan.task(build(source_url=url, wait=False), label="unrecognisable", status="changed")
    unknown_again = plan.task(build(source_url=url, wait=False), label="unrecognisable again", status="changed")
    result = plan.run(diff=True, verbosity=4)

    real = by_version.real["heroku_build"]
    assert real["buildpacks"] == ["heroku/nodejs"] and real["source_version"] == "1.4.2"
    sent = api(sim, "GET", "/apps/acme-web/builds/" + real["id"])[1]
    assert sent["source_blob"]["url"] == url and sent["source_blob"]["version"] == "1.4.2"
    assert by_version.again["heroku_build"]["id"] == real["id"]
    rebuilt = other_buildpacks.real["heroku_build"]
    assert rebuilt["id"] != real["id"] and rebuilt["buildpacks"] == ["heroku/ruby", "https://example.com/bp.tgz"]
    assert other_buildpacks.check["diff"]["before"]["buildpacks"] == ["heroku/nodejs"]
    assert other_buildpacks.check["diff"]["after"]["buildpacks"] == ["heroku/ruby", "https://example.com/bp.tgz"]
    assert other_buildpacks.again["heroku_build"]["id"] == rebuilt["id"]
    assert other_buildpacks.again["diff"]["before"] == other_buildpacks.again["diff"]["after"]
    assert any_buildpacks["heroku_build"]["id"] == rebuilt["id"] and any_buildpacks.calls == list(READS)
    assert by_checksum.again["heroku_build"]["source_checksum"] == checksum
    # Nothing to recognise it by: one read of the releases (for the diff), no read of the builds, a build each run.
    assert unknown.calls[0] == ("GET", "/apps/acme-web/releases")
    assert [call for call in unknown.calls if call[1] == "/apps/acme-web/builds"] == [("POST", "/apps/acme-web/builds")]
    assert_writes(unknown.writes, build_of(url))
    assert_writes(unknown_again.writes, build_of(url))
    # The URL's token never shows, even at -vvvv, nor does the API key.
    assert TOKEN not in result.stdout and TOKEN not in repr([task.result for task in result.results])
    assert "test-api-key" not in result.stdout


def test_bad_input_failed_builds_failed_release_phases_and_api_errors_fail_the_task(sim, run_playbook, tmp_path):
    sim.seed_app("acme-web", process_types={"web": "npm start"})
    sim.seed_app("acme-api", process_types={"web": "npm start"})
    tree = source_tree(tmp_path)
    plan = Playbook(run_playbook)
    (tmp_path / "app.tgz").write_bytes(b"not gzip at all")
    # gzip, but what it holds is no tar: Heroku would take the upload and fail the build.
    (tmp_path / "notes.tar.gz").write_bytes(gzip.compress(b"release notes, not a tarball\n" * 40))
    (tmp_path / "notes.txt").write_text("x")
    wrong = "SHA256:" + "0" * 64
    for args, message in [
        (dict(source_path=str(tree), checksum="md5:abc"), "checksum='md5:abc' is not a checksum Heroku takes"),
        (dict(source_path=str(tree), checksum=wrong), "checksum %s does not match source_path" % wrong),
        (dict(source_path=str(tmp_path / "missing")), "does not exist"),
        (dict(source_path=str(tmp_path / "notes.txt")), "is neither a directory nor a .tar.gz or .tgz file"),
        (dict(source_path=str(tmp_path / "app.tgz")), "is not a gzip'd tar archive"),
        (dict(source_path=str(tmp_path / "notes.tar.gz")),
         "source_path %s is not a gzip'd tar archive: it is gzip'd, but what it holds is not a tar." % (
             tmp_path / "notes.tar.gz")),
        (dict(source_url="ftp://example.com/a.tgz"), "source_url must be an http:// or https:// URL"),
        (dict(), "one of the following is required: source_url, source_path"),
        (dict(source_url="https://example.com/a.tgz", source_path=str(tree)), "mutually exclusive"),
        (dict(app="../account", source_path=str(tree)), "app='../account' is not a valid app name"),
        (dict(source_path=str(tree), buildpacks=["heroku nodejs"]), "buildpacks[0]='heroku nodejs' is not a buildpack"),
        (dict(source_path=str(tree), output_lines=-1), "output_lines=-1 is out of range"),
    ]:
        plan.fails(build(**args), message)
    bad_url = plan.task(build(source_url="https://example.com/fail.tgz", version="x"), label="bad url",
                        ignore_errors=True)
    plan.checkpoint(lambda: sim.fail_builds("acme-api"))
    failing = plan.task(build(app="acme-api", source_path=str(tree)), label="failing builds", ignore_errors=True)
    plan.checkpoint(lambda: sim.release_phase("acme-web", "fail"))
    release_fails = plan.task(build(source_path=str(tree)), label="release phase fails", ignore_errors=True)
    plan.checkpoint(lambda: sim.release_phase("acme-web", "hang"))
    hangs = plan.task(build(source_path=str(tree), version="v3", wait_timeout=1), label="release phase hangs",
                      ignore_errors=True)
    plan.checkpoint(lambda: sim.release_phase("acme-web", None))
    missing = plan.task(build(app="acme-nope", source_path=str(tree)), label="no app", ignore_errors=True)
    plan.checkpoint(lambda: sim.inject_fault(method="POST", path=r"/apps/acme-web/builds$", status=422,
                                             error_id="invalid_params", message="Source blob is invalid."))
    refused = plan.task(build(source_url="https://example.com/new.tgz"), label="refused", ignore_errors=True)
    result = plan.run()

    for step in (bad_url, failing):
        assert step.status == "failed" and step["changed"] is True
        assert step["msg"].startswith("Build %s of app " % step["heroku_build"]["id"])
        assert "Push failed" in step["msg"] and step["heroku_build"]["output"][-2:] == step["msg"].splitlines()[-2:]
        assert step["heroku_build"]["status"] == "failed"

    record = release_fails["heroku_build"]
    assert release_fails.status == "failed" and release_fails["changed"] is True
    assert record["status"] == "succeeded" and record["release_status"] == "failed"
    assert "Release v%d of app acme-web" % record["release_version"] in release_fails["msg"]
    assert "failed in its release phase, status failed" in release_fails["msg"]
    assert record["release_output"] and record["release_output"][-1] in release_fails["msg"]

    assert hangs.status == "failed" and hangs["changed"] is True
    assert re.search(r"Timed out after 1s waiting for the build of app acme-web; last seen state: build \S+ "
                     r"succeeded; release v\d+ pending", hangs["msg"]), hangs["msg"]

    assert missing["msg"] == "App acme-nope was not found." and missing.writes == []
    assert refused.status == "failed" and refused["changed"] is False
    assert_writes(refused.writes, build_of("https://example.com/new.tgz"))
    assert_writes(bad_url.writes, build_of("https://example.com/fail.tgz", version="x"))
    assert refused["msg"].startswith("POST /apps/acme-web/builds failed (422 invalid_params): Source blob is invalid.")
    assert "[request-id " in refused["msg"] and refused["failure"]["request_id"]
    # The signed upload URLs' signatures never show in an error or a result.
    assert "signature=" not in result.stdout and "signature=" not in repr([task.result for task in result.results])
