"""What a deploy is made of: sources (upload URLs), builds (source -> slug -> release, or on a Fir app
source -> OCI image -> release, asynchronously; complete_build says when one fails), slugs, and the build
cache. A pending build can be cancelled (it becomes failed); a finished one cannot."""
import re

from .. import storage, views
from ..core import invalid, new_id, now, require
from ..catalogue import FIR
from ..world import completes, World
from .common import record_of_app, under
from .generations import app_refuses
from .oci_images import create_image

CHECKSUM = re.compile(r"^SHA256:[0-9a-fA-F]{64}$")


# ---- slugs ------------------------------------------------------------------------

def create_slug(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require(ctx.body, "process_types")
    pt = body["process_types"]
    if not isinstance(pt, dict) or any(not isinstance(v, str) for v in pt.values()):
        raise invalid("Invalid params: process_types must map process type names to commands.")
    for f in ("commit", "commit_description", "checksum", "buildpack_provided_description", "stack"):
        if body.get(f) is not None and not isinstance(body[f], str):
            raise invalid(f"Invalid params: {f} must be a string.")
    slug = w.create_slug(a, pt, commit=body.get("commit"), stack=body.get("stack"),
                         checksum=body.get("checksum"), commit_description=body.get("commit_description"),
                         buildpack_provided_description=body.get("buildpack_provided_description"))
    out = views.slug(w, slug)
    out["blob"] = {"method": "put", "url": f"https://s3.example.com/slugs/{slug['id']}.tgz?upload"}
    return 201, out


def get_slug(ctx, app, slug):
    w = ctx.world
    return views.slug(w, record_of_app(w, "slugs", w.app(app), slug, "slug"))


# ---- builds -------------------------------------------------------------------------

def create_build(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require(ctx.body, "source_blob")
    blob = body["source_blob"]
    if not isinstance(blob, dict) or not isinstance(blob.get("url"), str):
        raise invalid("Invalid params: source_blob.url is required.")
    storage.check_blob_url(blob["url"])
    for f in ("checksum", "version"):
        if blob.get(f) is not None and not isinstance(blob[f], str):
            raise invalid(f"Invalid params: source_blob.{f} must be a string.")
    if blob.get("checksum") and not CHECKSUM.match(blob["checksum"]):
        raise invalid("Invalid params: source_blob.checksum must be SHA256: followed by 64 hex digits.")
    buildpacks = body.get("buildpacks")
    if buildpacks:
        app_refuses(w, a, "buildpacks")
    if buildpacks is not None:
        if not isinstance(buildpacks, list):
            raise invalid("Invalid params: buildpacks must be a list.")
        buildpacks = [{"url": b.get("url") or b.get("name"), "name": b.get("name") or b.get("url")}
                      for b in buildpacks if isinstance(b, dict)]
    ts = now()
    b = {"id": new_id(), "app_id": a["id"], "buildpacks": buildpacks,
         "source_blob": {"checksum": blob.get("checksum"), "url": blob["url"],
                         "version": blob.get("version")},
         "release_id": None, "slug_id": None, "stack": w.stacks[a["build_stack_id"]]["name"],
         "status": "pending", "user_id": w.s["account_id"], "created_at": ts, "updated_at": ts}
    w.s["builds"][b["id"]] = b
    w.s["outputs"]["builds:" + b["id"]] = [f"-----> Building on the {b['stack'].capitalize()} stack"]
    w.schedule("build", b["id"])
    return 201, views.build(w, b)


def get_build(ctx, app, build):
    w = ctx.world
    return views.build(w, record_of_app(w, "builds", w.app(app), build, "build"))


def cancel_build(ctx, app, build):
    """Heroku's build cancel: a pending build stops and fails; one that has ended is refused (422)."""
    w = ctx.world
    b = record_of_app(w, "builds", w.app(app), build, "build")
    if b["status"] != "pending":
        raise invalid(f"Build {b['id']} has already finished ({b['status']}): only a pending build can be cancelled.")
    b["status"] = "failed"
    b["updated_at"] = now()
    w.s["outputs"].setdefault("builds:" + b["id"], []).append(" !     Build cancelled")
    # Its completion, still queued, finds it no longer pending and leaves it as it is.
    w.webhook_event(w.app(app), "api:build", "update", lambda: views.build(w, b))
    return views.build(w, b)


# ---- sources: where a client uploads what it builds ------------------------------------

def create_source(ctx):
    w = ctx.world
    return 201, {"source_blob": storage.source_urls(w, storage.create_source(w))}


def delete_build_cache(ctx, app):
    # Nothing is cached in the simulator; Heroku answers 202 with no resource.
    ctx.world.app(app)
    return 202, {}


# ---- builds ending (World.tick runs what World.schedule put off) ----------------------------

@completes("build")
def complete_build(w, rid):
    """A pending build ends: it fails on a source it cannot use (see storage.py), else it makes a
    slug from the source's Procfile and a release, whose release phase may still run."""
    build = w.s["builds"].get(rid)
    app = w.s["apps"].get(build["app_id"]) if build else None
    if not build or not app or build["status"] != "pending":
        return
    build["updated_at"] = now()
    blob = build["source_blob"]
    out = w.s["outputs"].setdefault("builds:" + rid, [])
    out.append("-----> Fetching source")
    process_types, problem = {"web": "npm start"}, None
    source = storage.source_of_url(w, blob["url"])
    if "fail" in blob["url"] or app["name"] in w.failing_builds:
        problem = "npm ERR! code ELIFECYCLE: the build script exited with status 1"
    elif source is not None:
        data = storage.source_bytes(source)
        if data is None:
            problem = "Unable to fetch source: nothing was uploaded to the source URL"
        elif blob.get("checksum") and blob["checksum"].lower() != storage.checksum_of(data).lower():
            problem = f"Checksum mismatch: expected {blob['checksum']}, got {storage.checksum_of(data)}"
        else:
            try:
                process_types = storage.read_procfile(data) or process_types
            except ValueError:
                problem = "Unable to read source: it is not a gzip'd tarball"
    if problem:
        build["status"] = "failed"
        out += [" !     " + problem, " !     Push failed"]
        w.webhook_event(app, "api:build", "update", lambda: views.build(w, build))
        return
    out += ["-----> Node.js app detected", "-----> Installing dependencies", "-----> Build succeeded!",
            "-----> Discovering process types",
            "       Procfile declares types -> " + ", ".join(sorted(process_types)),
            "-----> Compressing...", "       Done: 42.1M"]
    if views.app_generation(w, app) == FIR:
        # A Fir build makes an OCI image, not a slug: its release names the image in its artifacts.
        image = create_image(w, app, commit=blob.get("version") or "", process_types=dict(
            (name, {"name": name, "display_cmd": command, "command": "/cnb/process/" + name,
                    "working_dir": "/workspace", "default": name == "web"}) for name, command in process_types.items()))
        made, artifact = image, dict(oci_image=image)
    else:
        slug = w.create_slug(app, process_types, commit=blob.get("version"), checksum=blob.get("checksum"))
        app["stack_id"] = app["build_stack_id"]
        build["slug_id"] = slug["id"]
        made, artifact = slug, dict(slug=slug)
    build["status"] = "succeeded"
    rel = w.create_release(app, f"Deploy {(blob.get('version') or made['id'])[:8]}", release_phase=True, **artifact)
    build["release_id"] = rel["id"]
    out.append(f"-----> Launching... done, v{rel['version']}")
    w.webhook_event(app, "api:build", "update", lambda: views.build(w, build))


ROUTES = (
    ("/sources", {"POST": create_source}),
    ("/apps/{app}/slugs", {"POST": create_slug}),
    ("/apps/{app}/slugs/{slug}", {"GET": get_slug}),
    ("/apps/{app}/builds", {"POST": create_build, "GET": under(World.app, "builds", "app_id", views.build)}),
    ("/apps/{app}/builds/{build}", {"GET": get_build, "DELETE": cancel_build}),
    ("/apps/{app}/build-cache", {"DELETE": delete_build_cache}),
)
