"""Config vars, releases, slugs, builds and formation."""
from .. import views
from ..core import CONFIG_KEY_RE, invalid, is_uuid, new_id, not_found, now, require, require_object
from ..server import Page


def _find_release(w, a, ident):
    for rel in w.s["releases"][a["id"]]:
        if rel["id"] == ident or str(rel["version"]) == str(ident).lstrip("v"):
            return rel
    raise not_found("release")


def _quantity(value):
    # The CLI sends quantities as strings ("2"); Heroku accepts both.
    if isinstance(value, bool):
        raise invalid("Invalid params: quantity must be an integer.")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if not isinstance(value, int):
        raise invalid("Invalid params: quantity must be an integer.")
    if value < 0:
        raise invalid("Invalid params: quantity must be at least 0.")
    return value


def _update_formation(w, a, ptype, spec):
    form = w.s["formation"][a["id"]]
    if ptype not in form:
        raise not_found(f"process type ({ptype})")
    f = form[ptype]
    quantity = _quantity(spec["quantity"]) if spec.get("quantity") is not None else None
    size = None
    if spec.get("size") is not None:
        if not isinstance(spec["size"], str):
            raise invalid("Invalid params: size must be a string.")
        try:
            size_rec = w.dyno_size(spec["size"])
        except Exception:
            raise invalid(f"Invalid params: size {spec['size']} is not a valid dyno size.")
        if size_rec["private_space_only"] and not a["space_id"]:
            raise invalid(f"{size_rec['name']} dynos are only available in Private Spaces.")
        if a["space_id"] and size_rec["name"] in ("Eco", "Basic"):
            raise invalid(f"{size_rec['name']} dynos are not available in Private Spaces.")
        size = size_rec["name"]
    return f, quantity, size


def register(r):
    # ---- config vars ---------------------------------------------------------
    @r.route("GET", "/apps/{app}/config-vars")
    def get_config(ctx, app):
        a = ctx.world.app(app)
        return dict(ctx.world.s["config"][a["id"]])

    @r.route("GET", "/apps/{app}/releases/{release}/config-vars")
    def get_release_config(ctx, app, release):
        a = ctx.world.app(app)
        return dict(_find_release(ctx.world, a, release)["config"])

    @r.route("PATCH", "/apps/{app}/config-vars")
    def patch_config(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        for key, value in body.items():
            if not CONFIG_KEY_RE.match(key):
                raise invalid(f"Invalid params: config var name {key!r} may only contain letters, "
                              "digits and underscores.")
            if value is not None and not isinstance(value, str):
                raise invalid(f"Invalid params: the value of config var {key} must be a string or null.")
        w.set_config(a, body)
        return dict(w.s["config"][a["id"]])

    # ---- releases ----------------------------------------------------------------
    @r.route("GET", "/apps/{app}/releases")
    def list_releases(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page(w.s["releases"][a["id"]], lambda rel: views.release(w, rel), "version")

    @r.route("GET", "/apps/{app}/releases/{release}")
    def get_release(ctx, app, release):
        w = ctx.world
        a = w.app(app)
        return views.release(w, _find_release(w, a, release))

    @r.route("POST", "/apps/{app}/releases")
    def create_release(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        if body.get("release") is not None:   # rollback
            old = _find_release(w, a, str(body["release"]))
            slug = w.s["slugs"].get(old["slug_id"]) if old["slug_id"] else None
            w.s["config"][a["id"]] = dict(old["config"])
            rel = w.create_release(a, f"Rollback to v{old['version']}", slug=slug,
                                   process_types=None if slug else dict(old["process_types"]))
            return 201, views.release(w, rel)
        require(body, "slug")
        slug_id = body["slug"]
        slug = w.s["slugs"].get(slug_id) if isinstance(slug_id, str) else None
        if slug is None:
            raise not_found("slug")
        desc = body.get("description")
        if desc is not None and not isinstance(desc, str):
            raise invalid("Invalid params: description must be a string.")
        rel = w.create_release(a, desc or f"Deploy {slug['id'][:8]}", slug=slug)
        return 201, views.release(w, rel)

    # ---- slugs ---------------------------------------------------------------------
    @r.route("POST", "/apps/{app}/slugs")
    def create_slug(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "process_types")
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

    @r.route("GET", "/apps/{app}/slugs/{slug}")
    def get_slug(ctx, app, slug):
        w = ctx.world
        a = w.app(app)
        s = w.s["slugs"].get(slug)
        if s is None or s["app_id"] != a["id"]:
            raise not_found("slug")
        return views.slug(w, s)

    # ---- builds -------------------------------------------------------------------
    @r.route("POST", "/apps/{app}/builds")
    def create_build(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        require(body, "source_blob")
        blob = body["source_blob"]
        if not isinstance(blob, dict) or not isinstance(blob.get("url"), str):
            raise invalid("Invalid params: source_blob.url is required.")
        buildpacks = body.get("buildpacks")
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
        w.schedule("build", b["id"])
        return 201, views.build(w, b)

    @r.route("GET", "/apps/{app}/builds")
    def list_builds(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page([b for b in w.s["builds"].values() if b["app_id"] == a["id"]], lambda b: views.build(w, b))

    @r.route("GET", "/apps/{app}/builds/{build}")
    def get_build(ctx, app, build):
        w = ctx.world
        a = w.app(app)
        b = w.s["builds"].get(build)
        if b is None or b["app_id"] != a["id"]:
            raise not_found("build")
        return views.build(w, b)

    @r.route("DELETE", "/apps/{app}/build-cache")
    def delete_build_cache(ctx, app):
        # Nothing is cached in the simulator; Heroku answers 202 with no resource.
        ctx.world.app(app)
        return 202, {}

    # ---- formation ------------------------------------------------------------------
    @r.route("GET", "/apps/{app}/formation")
    def list_formation(ctx, app):
        w = ctx.world
        a = w.app(app)
        return Page(w.s["formation"][a["id"]].values(), lambda f: views.formation(w, a, f), "type")

    def find_type(w, a, ident):
        form = w.s["formation"][a["id"]]
        if ident in form:
            return form[ident]
        if is_uuid(ident):
            for f in form.values():
                if f["id"] == ident:
                    return f
        raise not_found(f"process type ({ident})")

    @r.route("GET", "/apps/{app}/formation/{ptype}")
    def get_formation(ctx, app, ptype):
        w = ctx.world
        a = w.app(app)
        return views.formation(w, a, find_type(w, a, ptype))

    @r.route("PATCH", "/apps/{app}/formation/{ptype}")
    def patch_formation(ctx, app, ptype):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        f, quantity, size = _update_formation(w, a, find_type(w, a, ptype)["type"], body)
        _apply(f, quantity, size)
        return views.formation(w, a, f)

    @r.route("PATCH", "/apps/{app}/formation")
    def batch_formation(ctx, app):
        w = ctx.world
        a = w.app(app)
        body = require_object(ctx.body)
        updates = body.get("updates")
        if not isinstance(updates, list):
            raise invalid("Missing required params: updates.")
        # Validate everything first: a batch applies all-or-nothing.
        planned = []
        for up in updates:
            if not isinstance(up, dict) or not isinstance(up.get("type"), str):
                raise invalid("Invalid params: updates[].type is required.")
            planned.append(_update_formation(w, a, up["type"], up))
        for f, quantity, size in planned:
            _apply(f, quantity, size)
        return [views.formation(w, a, f) for f, _, _ in planned]


def _apply(f, quantity, size):
    if quantity is not None:
        f["quantity"] = quantity
    if size is not None:
        f["size"] = size
    f["updated_at"] = now()
