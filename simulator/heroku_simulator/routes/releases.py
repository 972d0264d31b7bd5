"""Releases of an app: list, info, create from a slug (Cedar) or an OCI image (Fir), roll back.

A Cedar app runs slugs and a Fir app OCI images: a release of the other kind is refused with 422
`invalid_params`, as Heroku refuses it."""
from functools import partial

from .. import views
from ..catalogue import FIR
from ..core import invalid, not_found, require, require_object
from ..server import Page
from ..world import completes
from .common import one_of_app
from .oci_images import find_image


def find_release(w, a, ident):
    """A release by id or version (`12` or `v12`)."""
    for rel in w.s["releases"][a["id"]]:
        if rel["id"] == ident or str(rel["version"]) == str(ident).lstrip("v"):
            return rel
    raise not_found("release")


def list_releases(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page(w.s["releases"][a["id"]], partial(views.release, w), "version")


def create_release(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    if body.get("release") is not None:   # rollback
        old = find_release(w, a, str(body["release"]))
        slug = w.s["slugs"].get(old["slug_id"]) if old["slug_id"] else None
        image = w.s["oci_images"].get(old.get("oci_image_id") or "")
        w.s["config"][a["id"]] = dict(old["config"])
        rel = w.create_release(a, f"Rollback to v{old['version']}", slug=slug, oci_image=image,
                               process_types=None if slug or image else dict(old["process_types"]), release_phase=True)
        return 201, views.release(w, rel)
    fir = views.app_generation(w, a) == FIR
    if body.get("oci_image") is not None or fir:
        return create_from_image(w, a, body, fir)
    require(body, "slug")
    slug_id = body["slug"]
    slug = w.s["slugs"].get(slug_id) if isinstance(slug_id, str) else None
    if slug is None:
        raise not_found("slug")
    desc = body.get("description")
    if desc is not None and not isinstance(desc, str):
        raise invalid("Invalid params: description must be a string.")
    rel = w.create_release(a, desc or f"Deploy {slug['id'][:8]}", slug=slug, release_phase=True)
    return 201, views.release(w, rel)


# What Heroku answers a release of the kind of code the app's generation does not run.
REFUSED = {"slug": "Fir apps run OCI images, not slugs: create the release with oci_image.",
           "oci_image": "Cedar apps run slugs, not OCI images: create the release with slug."}


def create_from_image(w, a, body, fir):
    """A Fir app's release of one of its OCI images (by id or digest)."""
    if not fir:
        raise invalid(REFUSED["oci_image"])
    if body.get("slug"):
        raise invalid(REFUSED["slug"])
    require(body, "oci_image")
    image = find_image(w, a, body["oci_image"])
    desc = body.get("description")
    rel = w.create_release(a, desc or f"Deploy {image['digest'][7:15]}", oci_image=image, release_phase=True)
    return 201, views.release(w, rel)


# ---- release phases ending (World.tick runs what World.schedule put off) ----------------------------

@completes("release_phase")
def complete_release_phase(w, rid):
    for aid, rels in w.s["releases"].items():
        rel = next((r for r in rels if r["id"] == rid), None)
        if rel is None or rel["status"] != "pending":
            continue
        app = w.s["apps"].get(aid)
        outcome = w.release_phase_outcome(app)
        if outcome == "hang":
            return
        out = w.s["outputs"].setdefault("releases:" + rid, [])
        if outcome == "fail":
            out += ["Error: the release command exited with status 1", "Release failed: the app keeps running "
                    "its previous release"]
        else:
            out.append("Release command completed successfully")
        w.settle_release(app, rel, outcome == "succeed")
        return


ROUTES = (
    ("/apps/{app}/releases", {"GET": list_releases, "POST": create_release}),
    ("/apps/{app}/releases/{release}", {"GET": one_of_app(find_release, views.release)}),
)
