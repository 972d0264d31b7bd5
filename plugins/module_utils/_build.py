# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Builds of an app from source: the operation heroku_build runs.

A build is an action, not a state: a run decides whether it is needed by reading the app's
newest releases and builds (one page of each) and finding the build behind the current
release. Its source says whether the task's source already runs: the same checksum, or the
same version when the user vouches that versions are unique. A local directory is packed into
a gzip'd tar that is the same bytes for the same tree, so its checksum identifies it too.

A Fir app's build makes an OCI image instead of a slug: what a build made is its slug, else the image its release
runs. A build still pending when wait_timeout ends is cancelled (Heroku's build cancel) when the task asks.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import stat
import tarfile
import zlib

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError, HerokuInputError, HerokuStateError, HerokuWaitTimeout, wait_until,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Generations, Module, Operation, Plan, required
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import CHECKSUM
# Scheme and host, the rest masked: a token hides in a tarball URL's path as well as in its query.
from ansible_collections.herokuops.platform.plugins.module_utils._drain import mask_url
from ansible_collections.herokuops.platform.plugins.module_utils._release import code_of, current_of, image_of, slug_of

# One page of the newest releases and builds: the current release is among the first few (a failed
# release phase leaves newer, failed ones above it), and its build among the newest builds.
RECENT = 20
# Version control data is no part of an app's source (a git deploy never sends it), and it changes with
# every commit, which would make the same tree look like a new source.
SKIPPED = (".git",)
RESULT_KEYS = ("id", "status", "slug_id", "release_id", "release_version", "release_status", "buildpacks",
               "source_checksum", "source_version", "output", "release_output", "awaited", "oci_image_id", "cancelled")


# -- masking (a hook) ---------------------------------------------------------------------------------

def mask_arguments(params):
    """The arguments as Ansible may echo them (-vvv): the source URL masked but for its scheme and host."""
    url = params.get("source_url")
    return dict(params, source_url=None if url is None else mask_url(url))


# -- the source (local computation, before any request) --------------------------------------------

def pack(directory):
    """A gzip'd tar of ``directory``'s tree, the same bytes for the same tree: entries sorted, owners, times
    and modes normalised (executable or not), no timestamp in the gzip header."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for relative in _entries(directory):
            full = os.path.join(directory, relative)
            info = tar.gettarinfo(full, arcname=relative)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mtime = 0
            if info.isdir():
                info.mode = 0o755
            elif info.isreg():
                info.mode = 0o755 if os.stat(full).st_mode & stat.S_IXUSR else 0o644
            else:
                info.mode = 0o777
            if info.isreg():
                with open(full, "rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as compressed:
        compressed.write(raw.getvalue())
    return out.getvalue()


def _entries(directory):
    """Relative paths of the directories, files and symlinks under ``directory``, sorted; sockets and devices skipped."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(name for name in dirs if not (root == directory and name in SKIPPED))
        for name in dirs + sorted(files):
            full = os.path.join(root, name)
            mode = os.lstat(full).st_mode
            if stat.S_ISDIR(mode) or stat.S_ISREG(mode) or stat.S_ISLNK(mode):
                found.append(os.path.relpath(full, directory))
    return sorted(found)


def holds_tar(data):
    """Whether gzip'd ``data`` holds a tar archive: its first header is read, not the whole archive."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            tar.next()
        return True
    except (tarfile.TarError, OSError, EOFError, zlib.error):
        return False


def checksum_of(data):
    return "SHA256:" + hashlib.sha256(data).hexdigest()


def normal_checksum(checksum):
    """``SHA256:`` and lower case hex digits, as Heroku writes it; anything else as it is."""
    if not isinstance(checksum, str) or not CHECKSUM.fullmatch(checksum):
        return checksum
    return "SHA256:" + checksum[7:].lower()


def local_source(params):
    """The bytes to upload and their checksum; a checksum the user gave must be theirs."""
    path = params["source_path"]
    try:
        if os.path.isdir(path):
            data = pack(path)
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as exc:
        raise HerokuInputError("Could not read source_path %s: %s." % (path, exc.strerror or exc), option="source_path")
    if not os.path.isdir(path) and data[:2] != b"\x1f\x8b":
        raise HerokuInputError("source_path %s is not a gzip'd tar archive." % path, option="source_path")
    if not os.path.isdir(path) and not holds_tar(data):
        # Heroku would take the upload and fail the build minutes later.
        raise HerokuInputError("source_path %s is not a gzip'd tar archive: it is gzip'd, but what it holds is not a "
                               "tar." % path, option="source_path")
    computed = checksum_of(data)
    given = normal_checksum(params.get("checksum"))
    if given is not None and given != computed:
        raise HerokuInputError("checksum %s does not match source_path %s, whose checksum is %s." % (
            given, path, computed), option="checksum")
    return data, computed


# -- what the decision needs (reads) -----------------------------------------------------------------

def read(client, params):
    archive, checksum = local_source(params) if params.get("source_path") else (None, normal_checksum(params.get("checksum")))
    app = params["app"]
    releases = client.list_or_none(path("release.list", app=app), range_field="version", descending=True,
                                   limit=RECENT)
    if releases is None:
        raise HerokuStateError("App %s was not found." % app)
    matchable = checksum is not None or (params["unique_version"] and params.get("version") is not None)
    # Heroku lists builds by creation time, as its CLI reads the newest.
    builds = client.list(path("build.list", app=app), range_field="created_at", descending=True,
                         limit=RECENT) if matchable else []
    return dict(archive=archive, checksum=checksum, releases=releases, builds=builds)


# -- the decision (a hook) -------------------------------------------------------------------------

def same_source(build, checksum, params):
    blob = build.get("source_blob") or {}
    if checksum is not None and normal_checksum(blob.get("checksum")) == checksum:
        return True
    return bool(params["unique_version"] and params.get("version") is not None and blob.get("version") == params["version"])


def buildpacks_of(build):
    """The buildpacks a build ran, as names (or URLs where they have no name); None when Heroku does not say."""
    return [item.get("name") or item.get("url") for item in (build or {}).get("buildpacks") or ()] or None


def same_buildpacks(build, params):
    """Whether ``build`` ran the buildpacks the task names, in order; a task that names none takes the app's."""
    wanted = params.get("buildpacks")
    if not wanted:
        return True
    ran = build.get("buildpacks") or []

    def known_as(item):
        url = item.get("url") or ""
        return (item.get("name"), url, url[len("urn:buildpack:"):] if url.startswith("urn:buildpack:") else None)

    return len(ran) == len(wanted) and all(value in known_as(item) for value, item in zip(wanted, ran))


def same_build(build, checksum, params):
    """The buildpacks are part of what a build is: the same source built with others is another build."""
    return same_source(build, checksum, params) and same_buildpacks(build, params)


def describe_source(build):
    blob = (build or {}).get("source_blob") or {}
    return blob.get("checksum"), blob.get("version")


def made_by(build, releases):
    """What a build made: its slug, or on a Fir app the OCI image its release runs (when that release is among
    ``releases``, by id); None before it succeeded."""
    return slug_of(build) or image_of(releases.get(release_id(build)))


def plan(state, params):
    checksum = state["checksum"]
    releases = dict((release["id"], release) for release in state["releases"])
    current = current_of(state["releases"])
    built = next((build for build in state["builds"] if build.get("status") == "succeeded"
                  and made_by(build, releases) and made_by(build, releases) == code_of(current)), None)
    before_checksum, before_version = describe_source(built)
    before = dict(release_version=(current or {}).get("version"), slug_id=slug_of(current),
                  source_checksum=before_checksum, source_version=before_version)
    if params.get("buildpacks"):
        before["buildpacks"] = buildpacks_of(built)
    if built is not None and same_build(built, checksum, params):
        return Plan(changed=False, diff=(before, before), work=dict(running=built, current=current))
    # The same build made by an earlier run that did not wait, or gave up waiting: awaited, not built again.
    for build in state["builds"]:
        release = releases.get(((build.get("release") or {}).get("id")))
        if same_build(build, checksum, params) and (
                build.get("status") == "pending" or (build.get("status") == "succeeded" and release is not None
                                                     and release.get("status") == "pending")):
            return Plan(changed=False, diff=(before, before), work=dict(awaited=build, release=release))
    newest = state["releases"][0]["version"] if state["releases"] else 0
    after = dict(release_version=newest + 1, slug_id=None, source_checksum=checksum, source_version=params.get("version"))
    if params.get("buildpacks"):
        after["buildpacks"] = list(params["buildpacks"])
    return Plan(changed=True, diff=(before, after), work=dict())


# -- the writes and the wait (readers and writers) --------------------------------------------------

def buildpack(value):
    # A registry name (heroku/nodejs) is a name to Heroku; anything else is where to fetch it from.
    return {"url": value} if "://" in value or value.startswith("urn:") else {"name": value}


def perform(client, state, plan_, params):
    url = params.get("source_url")
    if url is None:
        blob = client.post(path("source.create"))["source_blob"]
        client.put_signed(blob["put_url"], state["archive"])
        url = blob["get_url"]
    body = dict(source_blob=dict(url=url, checksum=state["checksum"], version=params.get("version")))
    if params.get("buildpacks"):
        body["buildpacks"] = [buildpack(value) for value in params["buildpacks"]]
    return client.post(path("build.create", app=params["app"]), body)


def release_id(build):
    return (build.get("release") or {}).get("id")


def unfinished(value):
    """What is still under way, as an error would say it, or None when all has ended."""
    build, release = value["build"], value["release"]
    if build["status"] == "pending":
        return "build %s pending" % build["id"]
    if release is not None and release.get("status") == "pending":
        return "build %s succeeded; release v%s pending (its release phase is running)" % (build["id"], release["version"])
    if build["status"] == "succeeded" and release_id(build) and release is None:
        return "build %s succeeded; its release not read yet" % build["id"]
    return None


def tail(client, url, lines):
    if not url or not lines:
        return []
    return client.get_signed(url).splitlines()[-lines:]


def settle(client, state, plan_, build, params):
    """The build, then its release (with its release phase), waited for in one loop bounded by wait_timeout,
    each read again only while unfinished; then the tail of each log that matters, read once."""
    work = plan_.work
    if "running" in work:
        return dict(build=work["running"], release=work["current"], output=[], release_output=[])
    current = dict(build=build or work["awaited"], release=work.get("release"), output=[], release_output=[])
    if not params["wait"]:
        return current
    app = params["app"]
    polled = []

    def poll():
        # The first look is at what is already known (the build just created): no read for it.
        if polled:
            if current["build"]["status"] == "pending":
                current["build"] = client.get(path("build.info", app=app, build=current["build"]["id"]))
            if current["build"]["status"] == "succeeded" and release_id(current["build"]) and (
                    current["release"] is None or current["release"]["status"] == "pending"):
                current["release"] = client.get(path("release.info", app=app, release=release_id(current["build"])))
        polled.append(True)
        return current

    try:
        wait_until(poll, lambda value: unfinished(value) is None, what="the build of app %s" % app,
                   timeout=params["wait_timeout"], describe=unfinished)
    except HerokuWaitTimeout as exc:
        current["timed_out"] = str(exc)
        if params["cancel_on_timeout"] and current["build"]["status"] == "pending":
            current["build"], current["cancelled"] = cancel(client, app, current["build"])
    current["output"] = tail(client, current["build"].get("output_stream_url"), params["output_lines"])
    if current["release"] is not None and current["release"]["status"] == "failed":
        current["release_output"] = tail(client, current["release"].get("output_stream_url"), params["output_lines"])
    return current


def cancel(client, app, build):
    """Heroku's build cancel of a pending build: the build as it is then, and whether the cancel was taken. Heroku
    refuses one that ended meanwhile; it is read again to say how it ended."""
    where = path("build.cancel", app=app, build=build["id"])
    try:
        return client.delete(where), True
    except HerokuAPIError as exc:
        if exc.status != 422:
            raise
        return client.get(path("build.info", app=app, build=build["id"])), False


# -- the result (a hook) -------------------------------------------------------------------------------

def report(state, plan_, outcome, params, check_mode):
    payload = dict((key, None) for key in RESULT_KEYS)
    payload.update(output=[], release_output=[], awaited="awaited" in plan_.work, cancelled=False,
                   source_checksum=state["checksum"], source_version=params.get("version"))
    if outcome is None:  # check mode
        build, release = plan_.work.get("running") or plan_.work.get("awaited"), plan_.work.get("current") or plan_.work.get("release")
    else:
        build, release = outcome["build"], outcome["release"]
        payload.update(output=outcome["output"], release_output=outcome["release_output"],
                       cancelled=outcome.get("cancelled", False))
    if build is not None:
        checksum, version = describe_source(build)
        payload.update(id=build["id"], status=build["status"], slug_id=slug_of(build), release_id=release_id(build),
                       buildpacks=buildpacks_of(build),
                       source_checksum=checksum, source_version=version)
    if release is not None:
        payload.update(release_version=release.get("version"), release_status=release.get("status"),
                       oci_image_id=image_of(release))
    if build is None and params.get("buildpacks"):
        payload["buildpacks"] = list(params["buildpacks"])
    timed_out = (outcome or {}).get("timed_out")
    return payload, failure(payload, params, shown=min(params["output_lines"], 20), timed_out=timed_out)


def failure(payload, params, shown, timed_out=None):
    def last(lines):
        return "\n".join(lines[-shown:]) if lines and shown else "(no output read)"

    if timed_out and payload["cancelled"]:
        return "%s. Build %s of app %s was cancelled (cancel_on_timeout): its status is now %s." % (
            timed_out, payload["id"], params["app"], payload["status"])
    if timed_out and payload["status"] == "pending":
        return ("%s. Build %s of app %s is still running and was left running: the next run awaits it "
                "(cancel_on_timeout=true cancels it instead)." % (timed_out, payload["id"], params["app"]))
    if timed_out and payload["status"] == "succeeded" and payload["release_status"] in (None, "pending"):
        return "%s. The build succeeded; its release had not ended when the wait did, and goes on at Heroku." % timed_out
    if payload["status"] == "failed":
        return "Build %s of app %s failed. The last lines of its output:\n%s" % (payload["id"], params["app"], last(payload["output"]))
    if payload["release_status"] == "failed":
        return ("Release v%s of app %s (build %s) failed in its release phase, status %s: the app keeps running its "
                "previous release. The last lines of the release phase output:\n%s" % (
                    payload["release_version"], params["app"], payload["id"], payload["release_status"],
                    last(payload["release_output"])))
    return None


BUILD = Operation(
    result_key="heroku_build", result_keys=RESULT_KEYS, read=read, plan=plan, perform=perform, settle=settle,
    report=report, wait_timeout="wait_timeout", mask_arguments=mask_arguments,
    # One of source_url and source_path: Ansible's mutually_exclusive and required_one_of below.
    names=dict(app="app", checksum="checksum", source_url="archive_url", source_path="archive_path",
               buildpacks="buildpacks", output_lines=("range", (0, 10000, " lines"))),
    # A Fir app builds with Cloud Native Buildpacks: its app is read for its generation only when buildpacks are
    # named and a build is to be made.
    generations=Generations("app", "app", parent="app", parent_read="app.info"),
)

HEROKU_BUILD = Module(BUILD, dict(
    app=required(), source_url=dict(type="str"), source_path=dict(type="path"), checksum=dict(type="str"),
    version=dict(type="str"), unique_version=dict(type="bool", default=False),
    buildpacks=dict(type="list", elements="str"), output_lines=dict(type="int", default=100),
    wait=dict(type="bool", default=True), wait_timeout=dict(type="int", default=1800),
    cancel_on_timeout=dict(type="bool", default=False),
), mutually_exclusive=(("source_url", "source_path"),), required_one_of=(("source_url", "source_path"),))
