"""Deploys as Heroku runs them: a source uploaded through POST /sources, a build of it, its output
stream, and the release phase of the release it makes (succeeded, failed, or never ending)."""
import hashlib
import io
import tarfile
import time
import urllib.error
import urllib.request

import pytest


def tarball(files, top="app"):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def raw(method, url, data=None):
    """A request as a client sends it to storage: no API key, no JSON."""
    req = urllib.request.Request(url, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def settled(api, path, timeout=3.0):
    end = time.time() + timeout
    while time.time() < end:
        body = api.get(path).body
        if body["status"] != "pending":
            return body
        time.sleep(0.02)
    raise AssertionError(f"{path} still pending")


def upload(api, data):
    blob = api.post("/sources").body["source_blob"]
    assert raw("PUT", blob["put_url"], data)[0] == 200
    return blob["get_url"]


PROCFILE = "web: node server.js\nrelease: node migrate.js\n"


def test_a_build_of_an_uploaded_source_runs_its_procfile_and_release_phase(api, sim):
    sim.set_async_delay(0.05)
    sim.seed_app("deploy-app")
    data = tarball({"Procfile": PROCFILE, "server.js": "//"})
    url = upload(api, data)
    assert raw("GET", url) == (200, data)
    checksum = "SHA256:" + hashlib.sha256(data).hexdigest()
    build = api.post("/apps/deploy-app/builds", {"source_blob": {"url": url, "checksum": checksum, "version": "1.2.3"}})
    assert build.status == 201 and build.body["status"] == "pending"
    done = settled(api, f"/apps/deploy-app/builds/{build.body['id']}")
    assert done["status"] == "succeeded" and done["source_blob"]["checksum"] == checksum
    slug = api.get(f"/apps/deploy-app/slugs/{done['slug']['id']}").body
    assert slug["process_types"] == {"web": "node server.js", "release": "node migrate.js"}
    assert slug["checksum"] == checksum and slug["commit"] == "1.2.3"
    release = api.get(f"/apps/deploy-app/releases/{done['release']['id']}").body
    log = raw("GET", done["output_stream_url"])[1].decode()
    assert log.splitlines()[-1] == f"-----> Launching... done, v{release['version']}"
    assert "Procfile declares types -> release, web" in log
    # The release phase runs before the release becomes current.
    assert release["status"] == "pending" and not release["current"]
    release = settled(api, f"/apps/deploy-app/releases/{release['id']}")
    assert release["status"] == "succeeded" and release["current"]
    assert "node migrate.js" in raw("GET", release["output_stream_url"])[1].decode()
    # Storage never saw the API key: the client sent none, and the log says so.
    assert all(not r["auth"] for r in sim.requests if r["path"].startswith("/__storage/"))
    assert [r["write"] for r in sim.requests if r["method"] == "PUT"] == [True]


@pytest.mark.parametrize("source, expected", [
    (None, "nothing was uploaded"),
    (b"not a tarball", "not a gzip'd tarball"),
    ("bad-checksum", "Checksum mismatch"),
    ("https://example.com/fail.tgz", "the build script exited with status 1"),
    ("fail_builds", "the build script exited with status 1"),
])
def test_a_build_fails_on_a_source_it_cannot_use(api, sim, source, expected):
    sim.seed_app("broken-app")
    checksum = None
    if source is None:
        url = api.post("/sources").body["source_blob"]["get_url"]
    elif isinstance(source, bytes):
        url = upload(api, source)
    elif source == "bad-checksum":
        url, checksum = upload(api, tarball({"Procfile": PROCFILE})), "SHA256:" + "0" * 64
    elif source == "fail_builds":
        sim.fail_builds("broken-app")
        url = "https://example.com/app.tgz"
    else:
        url = source
    build = api.post("/apps/broken-app/builds", {"source_blob": {"url": url, "checksum": checksum}}).body
    done = settled(api, f"/apps/broken-app/builds/{build['id']}")
    assert (done["status"], done["slug"], done["release"]) == ("failed", None, None)
    log = raw("GET", done["output_stream_url"])[1].decode()
    assert expected in log and log.splitlines()[-1] == " !     Push failed"
    assert [r["version"] for r in api.get("/apps/broken-app/releases").body] == [1, 2]


def test_storage_urls_need_their_signature_and_builds_a_valid_checksum(api, sim):
    blob = api.post("/sources").body["source_blob"]
    forged = blob["put_url"].replace("signature=", "signature=0")
    assert raw("PUT", forged, b"x")[0] == 403
    sim.seed_app("sum-app")
    bad = api.post("/apps/sum-app/builds", {"source_blob": {"url": blob["get_url"], "checksum": "md5:abc"}})
    assert bad.status == 422 and "checksum" in bad.body["message"]
    assert api.post("/apps/sum-app/builds", {"source_blob": {"url": "ftp://x/y.tgz"}}).status == 422


@pytest.mark.parametrize("mode", ["fail", "hang"])
def test_a_release_phase_that_fails_or_never_ends_leaves_the_app_on_its_release(api, sim, mode):
    sim.seed_app("phase-app", process_types={"web": "npm start", "release": "node migrate.js"})
    before = api.get("/apps/phase-app/releases").body[-1]
    sim.release_phase("phase-app", mode)
    # A config change, a rollback and a release of a slug all run the release phase.
    api.patch("/apps/phase-app/config-vars", {"FLAG": "on"})
    rollback = api.post("/apps/phase-app/releases", {"release": before["id"]}).body
    pinned = api.post("/apps/phase-app/releases", {"slug": before["slug"]["id"]}).body
    time.sleep(0.05)
    releases = api.get("/apps/phase-app/releases").body
    expected = "failed" if mode == "fail" else "pending"
    assert [(r["status"], r["current"]) for r in releases[-3:]] == [(expected, False)] * 3
    assert [r["id"] for r in releases if r["current"]] == [before["id"]]
    if mode == "fail":
        text = raw("GET", api.get(f"/apps/phase-app/releases/{rollback['id']}").body["output_stream_url"])[1].decode()
        assert "exited with status 1" in text
    sim.release_phase("phase-app", None)
    again = api.post("/apps/phase-app/releases", {"slug": before["slug"]["id"]}).body
    assert settled(api, f"/apps/phase-app/releases/{again['id']}")["current"]
    assert pinned["output_stream_url"] and before["output_stream_url"] is None


def test_releases_made_without_a_release_process_type_or_by_add_ons_are_current_at_once(api, sim):
    sim.seed_app("plain-app", process_types={"web": "npm start"})
    first = api.get("/apps/plain-app/releases").body[0]
    release = api.post("/apps/plain-app/releases", {"release": first["id"]}).body
    assert (release["status"], release["current"], release["output_stream_url"]) == ("succeeded", True, None)
    sim.seed_app("addon-app", process_types={"web": "npm start", "release": "node migrate.js"})
    api.post("/apps/addon-app/addons", {"plan": "heroku-redis:mini"})
    assert all(r["status"] == "succeeded" for r in api.get("/apps/addon-app/releases").body)
