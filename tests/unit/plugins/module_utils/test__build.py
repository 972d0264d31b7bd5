# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_build's decisions: the packing of a directory (same tree, same bytes), the checks of what users
type, whether a run builds, awaits or finds the source running, and how a failure is reported."""

from __future__ import annotations

import gzip
import io
import os
import tarfile

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._build import (
    BUILD, HEROKU_BUILD, checksum_of, local_source, mask_arguments, pack, plan, report, settle,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import validate_arguments
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuAPIError, HerokuInputError

CHECKSUM = "SHA256:" + "ab" * 32
OTHER = "SHA256:" + "cd" * 32


def params(**overrides):
    base = dict(app="acme-web", source_url=None, source_path=None, checksum=None, version=None, unique_version=False,
                buildpacks=None, output_lines=100, wait=True, wait_timeout=60, cancel_on_timeout=False)
    base.update(overrides)
    return base


def tree(root):
    (root / "lib").mkdir(parents=True)
    (root / "Procfile").write_text("web: node server.js\n")
    (root / "lib" / "util.js").write_text("module.exports = {}\n")
    (root / "bin").write_text("#!/bin/sh\n")
    os.chmod(root / "bin", 0o700)
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    return root


# -- packing -------------------------------------------------------------------------------------

def test_the_same_tree_packs_to_the_same_bytes_whatever_its_times_owners_and_mode_bits(tmp_path):
    first = pack(str(tree(tmp_path / "one")))
    second_root = tree(tmp_path / "two")
    os.utime(second_root / "Procfile", (1, 1))
    os.chmod(second_root / "lib" / "util.js", 0o600)
    os.chmod(second_root / "bin", 0o750)
    (second_root / ".git" / "HEAD").write_text("ref: refs/heads/other\n")
    assert pack(str(second_root)) == first
    assert first[4:8] == b"\0\0\0\0"  # no timestamp in the gzip header

    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(first))) as tar:
        members = dict((member.name, member) for member in tar.getmembers())
    assert sorted(members) == ["Procfile", "bin", "lib", "lib/util.js"]  # .git left out, nothing above the root
    assert members["bin"].mode == 0o755 and members["Procfile"].mode == 0o644 and members["lib"].mode == 0o755
    assert all(member.mtime == 0 and member.uid == 0 and member.uname == "" for member in members.values())


def test_a_change_of_content_changes_the_checksum(tmp_path):
    root = tree(tmp_path / "app")
    before = checksum_of(pack(str(root)))
    (root / "Procfile").write_text("web: node other.js\n")
    assert checksum_of(pack(str(root))) != before


def test_a_local_archive_is_taken_as_it_is_and_a_given_checksum_must_be_its_own(tmp_path):
    archive = tmp_path / "app.tgz"
    archive.write_bytes(pack(str(tree(tmp_path / "app"))))
    data, checksum = local_source(params(source_path=str(archive)))
    assert data == archive.read_bytes() and checksum == checksum_of(data)
    assert local_source(params(source_path=str(archive), checksum="SHA256:" + checksum[7:].upper()))[1] == checksum
    with pytest.raises(HerokuInputError) as raised:
        local_source(params(source_path=str(archive), checksum=CHECKSUM))
    assert raised.value.option == "checksum" and checksum in str(raised.value)


# -- checks -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (dict(app="acme-web"), "one of the following is required: source_url, source_path"),
    (dict(app="acme-web", source_url="https://example.com/a.tgz", source_path="/tmp"),
     "parameters are mutually exclusive: source_url|source_path"),
])
def test_one_source_exactly_is_ansibles_check(args, message):
    validation, _params, _secrets = validate_arguments(HEROKU_BUILD, dict(args, api_key="k"))
    assert [str(error) for error in validation.errors] == [message]


@pytest.mark.parametrize("overrides, option, message", [
    (dict(source_url="https://example.com/a.tgz", checksum="SHA256:abc"), "checksum", "is not a checksum"),
    (dict(source_url="file:///etc/passwd"), "source_url", "must be an http:// or https:// URL"),
    (dict(source_url="https://example.com/a b.tgz"), "source_url", "must be an http:// or https:// URL"),
    (dict(source_path="/nonexistent/app"), "source_path", "does not exist"),
    (dict(source_url="https://example.com/a.tgz", buildpacks=["heroku/nodejs", "../x"]), "buildpacks", "buildpacks[1]"),
    (dict(source_url="https://example.com/a.tgz", output_lines=10001), "output_lines", "out of range"),
])
def test_bad_input_names_its_option(overrides, option, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(BUILD, params(**overrides))
    assert raised.value.option == option and message in str(raised.value)


def test_a_source_url_is_never_echoed_but_for_its_scheme_and_host():
    masked = mask_arguments(params(source_url="https://user:pw@example.com/t0ken/a.tgz?sig=s3cret"))
    assert masked["source_url"] == "https://example.com/********"
    with pytest.raises(HerokuInputError) as raised:
        check_input(BUILD, params(source_url="gopher://example.com/t0ken"))
    assert "t0ken" not in str(raised.value)


# -- the decision -------------------------------------------------------------------------------------

def release(version, slug, status="succeeded", current=False):
    return dict(id="r%d" % version, version=version, slug={"id": slug}, status=status, current=current)


def build(ident, slug, checksum=None, version=None, status="succeeded", release_id=None):
    return dict(id=ident, status=status, slug={"id": slug} if slug else None, release={"id": release_id} if release_id else None,
                source_blob=dict(checksum=checksum, version=version, url="https://example.com/x.tgz"), buildpacks=None)


# The current release (v3) runs slug s1 of build b1; v4 failed its release phase.
RELEASES = [release(4, "s2", "failed"), release(3, "s1", current=True), release(2, "s0")]
BUILDS = [build("b2", "s2", OTHER, "v2", release_id="r4"), build("b1", "s1", CHECKSUM, "v1", release_id="r3")]


@pytest.mark.parametrize("checksum, overrides, builds, outcome", [
    (CHECKSUM, dict(), BUILDS, "running"),
    (OTHER, dict(), BUILDS, "build"),                            # built, but its release phase failed: build again
    (None, dict(version="v1", unique_version=True), BUILDS, "running"),
    (None, dict(version="v1"), [], "build"),                     # versions not said to be unique: nothing to match
    (None, dict(version="v9", unique_version=True), BUILDS, "build"),
    ("SHA256:" + "ef" * 32, dict(), [build("b3", None, "SHA256:" + "ef" * 32, status="pending")] + BUILDS, "awaited"),
    ("SHA256:" + "ef" * 32, dict(), [build("b3", "s3", "SHA256:" + "ef" * 32, release_id="r5")] + BUILDS, "awaited"),
    ("SHA256:" + "ef" * 32, dict(), [build("b3", None, "SHA256:" + "ef" * 32, status="failed")] + BUILDS, "build"),
])
def test_a_run_builds_only_what_the_current_release_does_not_run(checksum, overrides, builds, outcome):
    releases = RELEASES
    if any(item["id"] == "b3" and item["release"] for item in builds):
        releases = [release(5, "s3", "pending")] + RELEASES
    decided = plan(dict(checksum=checksum, releases=releases, builds=builds, archive=None), params(**overrides))
    assert decided.changed == (outcome == "build")
    assert (outcome in decided.work) or outcome == "build"
    before, after = decided.diff
    # Without the builds read (nothing to match the source by), the current release's source is not known.
    known = dict(source_checksum=CHECKSUM, source_version="v1") if builds else dict(source_checksum=None, source_version=None)
    assert before == dict(release_version=3, slug_id="s1", **known)
    if outcome == "build":
        assert after == dict(release_version=(releases[0]["version"] + 1), slug_id=None, source_checksum=checksum,
                             source_version=overrides.get("version"))
    else:
        assert after == before


NODE = [dict(name="heroku/nodejs", url="urn:buildpack:heroku/nodejs")]


@pytest.mark.parametrize("buildpacks, ran, changed", [
    (None, NODE, False),                                   # none named: the app's own, whatever they were
    (["heroku/nodejs"], NODE, False),
    (["urn:buildpack:heroku/nodejs"], NODE, False),
    (["heroku/ruby"], NODE, True),                         # the same source with another buildpack: built again
    (["heroku/nodejs", "heroku/ruby"], NODE, True),
    (["heroku/nodejs"], None, True),                       # what it ran is not known: built
    (["https://example.com/bp.tgz"], [dict(url="https://example.com/bp.tgz")], False),
])
def test_the_buildpacks_a_task_names_are_part_of_the_build(buildpacks, ran, changed):
    builds = [dict(BUILDS[1], buildpacks=ran)]
    decided = plan(dict(checksum=CHECKSUM, releases=RELEASES, builds=builds, archive=None), params(buildpacks=buildpacks))
    assert decided.changed is changed
    before, after = decided.diff
    if buildpacks:
        assert before["buildpacks"] == ([item.get("name") or item["url"] for item in ran] if ran else None)
        assert after["buildpacks"] == (buildpacks if changed else before["buildpacks"])
    else:
        assert "buildpacks" not in before and "buildpacks" not in after


def test_a_pending_build_of_the_same_source_with_other_buildpacks_is_not_awaited():
    pending = dict(build("b3", None, OTHER, status="pending"), buildpacks=NODE)
    state = dict(checksum=OTHER, releases=RELEASES, builds=[pending] + BUILDS, archive=None)
    assert plan(state, params(buildpacks=["heroku/nodejs"])).work == dict(awaited=pending, release=None)
    assert plan(state, params(buildpacks=["heroku/ruby"])).changed is True


def test_a_gzip_file_that_holds_no_tar_is_refused(tmp_path):
    archive = tmp_path / "notes.tar.gz"
    archive.write_bytes(gzip.compress(b"not a tar\n" * 100))
    with pytest.raises(HerokuInputError) as raised:
        local_source(params(source_path=str(archive)))
    assert raised.value.option == "source_path" and "is not a gzip'd tar archive: it is gzip'd" in str(raised.value)
    empty = tmp_path / "empty.tgz"
    empty.write_bytes(gzip.compress(b"\0" * 1024))  # an empty tar is a tar
    assert local_source(params(source_path=str(empty)))[0] == empty.read_bytes()


def test_an_app_without_releases_is_built():
    decided = plan(dict(checksum=CHECKSUM, releases=[], builds=[], archive=None), params())
    assert decided.changed and decided.diff[0]["release_version"] is None and decided.diff[1]["release_version"] == 1


# -- the report ----------------------------------------------------------------------------------------

def test_a_failed_build_reports_the_end_of_its_output_and_a_failed_release_phase_its_own():
    state = dict(checksum=CHECKSUM, releases=RELEASES, builds=[], archive=None)
    decided = plan(state, params())
    output = ["line %d" % number for number in range(30)]
    failed = dict(build=build("b9", None, CHECKSUM, status="failed"), release=None, output=output, release_output=[])
    payload, problem = report(state, decided, failed, params(), False)
    assert payload["status"] == "failed" and payload["output"] == output
    assert problem.startswith("Build b9 of app acme-web failed.") and problem.splitlines()[-20:] == output[-20:]
    assert "line 9\n" not in problem

    released = dict(build=build("b9", "s9", CHECKSUM, release_id="r5"), release=release(5, "s9", "failed"),
                    output=output, release_output=["migrating", "error: relation exists"])
    payload, problem = report(state, decided, released, params(), False)
    assert payload["release_status"] == "failed" and payload["release_version"] == 5
    assert "Release v5 of app acme-web (build b9) failed in its release phase, status failed" in problem
    assert problem.endswith("migrating\nerror: relation exists")

    payload, problem = report(state, decided, None, params(buildpacks=["heroku/nodejs"]), True)
    assert problem is None and payload["id"] is None and payload["buildpacks"] == ["heroku/nodejs"]
    assert payload["source_checksum"] == CHECKSUM


# -- a Fir app's builds make OCI images; a build pending when the wait ends is cancelled when asked ------------

def fir_release(version, image, status="succeeded", current=False):
    return dict(id="r%d" % version, version=version, slug=None, status=status, current=current,
                artifacts=[dict(type="oci-image", id=image)])


def test_a_fir_build_is_matched_by_the_oci_image_its_release_runs():
    releases = [fir_release(3, "i1", current=True), fir_release(2, "i0")]
    builds = [build("b1", None, CHECKSUM, release_id="r3"), build("b0", None, OTHER, release_id="r2")]
    state = dict(checksum=CHECKSUM, releases=releases, builds=builds, archive=None)
    assert plan(state, params()).work["running"]["id"] == "b1"
    # The source of an older build, whose image no longer runs: built again.
    assert plan(dict(state, checksum=OTHER), params()).changed is True
    payload, _problem = report(state, plan(state, params()), None, params(), True)
    assert payload["oci_image_id"] == "i1" and payload["slug_id"] is None


class Client:
    """Answers a build cancel as Heroku does (the build, failed; or 422 when it ended), recording what is sent."""

    def __init__(self, ended=None):
        self.sent, self.ended = [], ended

    def delete(self, path):
        self.sent.append(("DELETE", path))
        if self.ended:
            raise HerokuAPIError("DELETE", path, status=422, error_id="invalid_params", message="finished")
        return dict(build("b9", None, CHECKSUM, status="failed"), output_stream_url=None)

    def get(self, path):
        self.sent.append(("GET", path))
        return dict(build("b9", "s9", CHECKSUM, status=self.ended), output_stream_url=None)


def waited(client, **overrides):
    state = dict(checksum=CHECKSUM, releases=RELEASES, builds=[], archive=None)
    decided = plan(state, params())
    created = dict(build("b9", None, CHECKSUM, status="pending"), output_stream_url=None)
    outcome = settle(client, state, decided, created, params(wait_timeout=0, **overrides))
    return report(state, decided, outcome, params(**overrides), False)


def test_a_build_pending_when_the_wait_ends_is_cancelled_only_when_asked():
    client = Client()
    payload, problem = waited(client, cancel_on_timeout=True)
    assert client.sent == [("DELETE", "/apps/acme-web/builds/b9")]
    assert payload["cancelled"] is True and payload["status"] == "failed"
    assert problem.startswith("Timed out after 0s waiting for the build of app acme-web; last seen state: build b9 pending")
    assert problem.endswith("Build b9 of app acme-web was cancelled (cancel_on_timeout): its status is now failed.")

    client = Client()
    payload, problem = waited(client)
    assert client.sent == [] and payload["cancelled"] is False and payload["status"] == "pending"
    assert problem.endswith("Build b9 of app acme-web is still running and was left running: the next run awaits it "
                            "(cancel_on_timeout=true cancels it instead).")


def test_a_build_that_ended_before_its_cancel_is_read_and_reported_as_it_ended():
    client = Client(ended="failed")
    payload, problem = waited(client, cancel_on_timeout=True)
    assert client.sent == [("DELETE", "/apps/acme-web/builds/b9"), ("GET", "/apps/acme-web/builds/b9")]
    assert payload["cancelled"] is False and payload["status"] == "failed"
    assert problem.startswith("Build b9 of app acme-web failed.")
