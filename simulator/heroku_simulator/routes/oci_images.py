"""OCI images of Fir apps (schema `oci-image`): what a Fir app's release runs, as a slug is what a Cedar
app's runs.

* `POST /apps/{app}/oci-images`: an image of a Fir app (its digest, process types, buildpacks...); a Cedar
  app has slugs, and is refused with 422 `invalid_params`.
* `GET /apps/{app}/oci-images/{oci_image}`: the app's images with that id or digest, a list as the schema
  answers; none is a 404. Another app's image is not found.

A release names one by id or digest (`POST /apps/{app}/releases` with `oci_image`, routes/releases.py).
"""
import hashlib

from .. import views
from ..catalogue import FIR
from ..core import invalid, new_id, not_found, now, stable_id

# What Heroku answers when a Cedar app is given an OCI image.
CEDAR_REFUSES = "OCI images are only available for Fir apps. Cedar apps run slugs."
# Fir images are built on Heroku's CNB stack.
STACK = {"id": stable_id("stack:cnb"), "name": "cnb"}
DEFAULT_PROCESS_TYPES = {"web": {"name": "web", "display_cmd": "npm start", "command": "/cnb/process/web",
                                 "working_dir": "/workspace", "default": True}}


def oci_image(w, rec):
    return {"id": rec["id"], "base_image_name": rec["base_image_name"], "base_top_layer": rec["base_top_layer"],
            "commit": rec["commit"], "commit_description": rec["commit_description"],
            "image_repo": rec["image_repo"], "digest": rec["digest"], "stack": dict(STACK),
            "process_types": dict(rec["process_types"]), "buildpacks": list(rec["buildpacks"]),
            "created_at": rec["created_at"], "updated_at": rec["updated_at"], "architecture": rec["architecture"]}


def process_type(name, given):
    """A process type as Heroku answers it, each field there: what the body gave, the rest as Heroku's CNB fills it."""
    command = given.get("command") or "/cnb/process/" + name
    return {"name": given.get("name") or name, "display_cmd": given.get("display_cmd") or command, "command": command,
            "working_dir": given.get("working_dir") or "/workspace", "default": given.get("default", name == "web")}


def buildpack(given):
    return {"id": given.get("id") or "", "version": given.get("version") or "", "homepage": given.get("homepage") or ""}


def create_image(w, app, digest=None, process_types=None, commit="", commit_description="", buildpacks=(),
                 base_image_name="heroku/heroku:24-cnb", base_top_layer=None, architecture="amd64"):
    """An OCI image of Fir app `app` (a record); a digest made from its id where none is given."""
    ts, image_id = now(), new_id()
    digest = digest or "sha256:" + hashlib.sha256(image_id.encode()).hexdigest()
    rec = {"id": image_id, "app_id": app["id"], "digest": digest,
           "process_types": dict((name, process_type(name, given or {}))
                                 for name, given in (process_types or DEFAULT_PROCESS_TYPES).items()),
           "commit": commit, "commit_description": commit_description,
           "buildpacks": [buildpack(given) for given in buildpacks if isinstance(given, dict)],
           "base_image_name": base_image_name, "base_top_layer": base_top_layer or digest,
           "image_repo": "%s/builds" % app["id"], "architecture": architecture, "created_at": ts, "updated_at": ts}
    w.s["oci_images"][rec["id"]] = rec
    return rec


def find_image(w, a, ident):
    """The image of app `a` with id or digest `ident` (Heroku's oci-image identity)."""
    for rec in w.s["oci_images"].values():
        if rec["app_id"] == a["id"] and ident in (rec["id"], rec["digest"]):
            return rec
    raise not_found("OCI image")


def create(ctx, app):
    w = ctx.world
    a = w.app(app)
    if views.app_generation(w, a) != FIR:
        raise invalid(CEDAR_REFUSES)
    body = ctx.body or {}
    given = dict((key, body[key]) for key in ("digest", "process_types", "commit", "commit_description",
                                              "buildpacks", "base_image_name", "base_top_layer", "architecture")
                 if body.get(key) is not None)
    return 201, oci_image(w, create_image(w, a, **given))


def info(ctx, app, oci_image_id):
    w = ctx.world
    return [oci_image(w, find_image(w, w.app(app), oci_image_id))]


ROUTES = (
    ("/apps/{app}/oci-images", {"POST": create}),
    ("/apps/{app}/oci-images/{oci_image_id}", {"GET": info}),
)
