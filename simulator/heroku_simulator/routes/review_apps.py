"""A pipeline's review-app configuration (schema `review-app-config`) and the GitHub repository the pipeline is
connected to.

* `GET /pipelines/{pipeline}/repo` (the Heroku CLI's `reviewapps:enable` reads it, with `Accept: ...;
  version=3.repositories-api`, once the account feature `dashboard-repositories-api` is on; Heroku's schema does
  not list it): the repository the pipeline is connected to, `{"id": <GitHub's repository id>, "full_name":
  "org/repo"}`, or 404 `not_found` for a pipeline that is not connected. A pipeline is connected in the Dashboard
  or by `heroku pipelines:connect` (through a service other than the Platform API): here a test connects one
  with `Simulator.connect_pipeline_repo`.
* `POST /pipelines/{pipeline}/review-app-config` enables review apps with the repository's `full_name` as `repo`
  (required), `PATCH` changes the settings given, `GET` reads them, `DELETE` disables review apps. Heroku answers
  404 `not_found` to enabling them on a pipeline not connected to that repository (the Terraform provider reads
  "Not found" there as "the pipeline is not connected to GitHub"), 409 `conflict` to enabling them twice, and
  404 to a `GET`, `PATCH` or `DELETE` of a pipeline whose review apps are off.
* What Heroku refuses answers 422 `invalid_params`: `stale_days` outside 1 to 30 (Heroku's range, as the
  Terraform provider checks it), a `deploy_target` region that is not a Common Runtime region, a `base_name` on a
  Fir pipeline (one whose first app is a Fir app: Fir has no predictable review app names); an unknown space
  answers 404 `not_found`. A region target is answered with the region's id (a UUID), whatever named it.
"""
from .. import views
from ..core import ApiError, invalid, not_found, require, require_object
from .common import removed
from .generations import refuse_on_fir

# Heroku destroys a stale review app after 1 to 30 days without a deploy; 5 is its default.
STALE_DAYS = (1, 30)
DEFAULT_STALE_DAYS = 5
SETTINGS = ("automatic_review_apps", "destroy_stale_apps", "stale_days", "wait_for_ci", "base_name", "deploy_target")


def config_view(w, c):
    return {"repo": {"id": c["repo_id"]}, "automatic_review_apps": c["automatic_review_apps"],
            "deploy_target": dict(c["deploy_target"]) if c["deploy_target"] else None,
            "destroy_stale_apps": c["destroy_stale_apps"], "stale_days": c["stale_days"], "pipeline_id": c["pipeline_id"],
            "wait_for_ci": c["wait_for_ci"], "base_name": c["base_name"]}


def connection(w, p):
    repo = w.s["pipeline_repos"].get(p["id"])
    if repo is None:
        raise not_found("repository")
    return repo


def get_repo(ctx, pipeline):
    return dict(connection(ctx.world, ctx.world.pipeline(pipeline)))


def deploy_target(w, value):
    """Heroku's `{"id", "type"}` of a deploy target: a space by id or name, or a Common Runtime region by name or
    id; the answer names either by its id."""
    if value is None:
        return None
    if value.get("type") == "space":
        return {"id": w.space(value["id"])["id"], "type": "space"}
    region = next((r for r in w.regions.values() if value["id"] in (r["id"], r["name"])), None)
    if region is None or region["private_capable"]:
        common = ", ".join(sorted(r["name"] for r in w.regions.values() if not r["private_capable"]))
        raise invalid(f"Invalid params: deploy_target.id must be a Common Runtime region ({common}) or a space.")
    return {"id": region["id"], "type": "region"}


def apply_settings(w, c, body):
    if body.get("base_name") is not None:
        # Fir pipelines have no predictable review app names.
        refuse_on_fir(views.pipeline_generation(w, w.s["pipelines"][c["pipeline_id"]]), "base_name")
    for field in SETTINGS:
        if field not in body:
            continue
        value = body[field]
        if field == "stale_days":
            if value is None or not STALE_DAYS[0] <= value <= STALE_DAYS[1]:
                raise invalid("Invalid params: stale_days must be between %d and %d." % STALE_DAYS)
        elif field == "deploy_target":
            value = deploy_target(w, value)
        elif field != "base_name" and value is None:
            continue
        c[field] = value


def enabled_config(w, pipeline):
    p = w.pipeline(pipeline)
    c = w.s["review_app_configs"].get(p["id"])
    if c is None:
        raise not_found("review app config")
    return c


def enable(ctx, pipeline):
    w = ctx.world
    body = require(ctx.body, "repo")
    p = w.pipeline(pipeline)
    repo = w.s["pipeline_repos"].get(p["id"])
    if repo is None or str(body["repo"]).lower() != repo["full_name"].lower():
        # Heroku's answer where the pipeline is not connected to that repository.
        raise ApiError(404, "not_found", "Not found.")
    if p["id"] in w.s["review_app_configs"]:
        raise ApiError(409, "conflict", "Review apps are already enabled for this pipeline.")
    c = {"pipeline_id": p["id"], "repo_id": repo["id"], "automatic_review_apps": False, "destroy_stale_apps": False,
         "stale_days": DEFAULT_STALE_DAYS, "wait_for_ci": False, "base_name": None, "deploy_target": None}
    apply_settings(w, c, body)
    w.s["review_app_configs"][p["id"]] = c
    return 201, config_view(w, c)


def info(ctx, pipeline):
    return config_view(ctx.world, enabled_config(ctx.world, pipeline))


def update(ctx, pipeline):
    w = ctx.world
    c = enabled_config(w, pipeline)
    changed = dict(c)
    apply_settings(w, changed, require_object(ctx.body))
    c.update(changed)
    return config_view(w, c)


def connect(w, pipeline, full_name, repo_id):
    """Connect `pipeline` to the GitHub repository `full_name` ("org/repo"), as the Dashboard or `heroku
    pipelines:connect` do (None: disconnect it)."""
    p = w.pipeline(pipeline)
    if full_name is None:
        w.s["pipeline_repos"].pop(p["id"], None)
        return None
    if repo_id is None:
        # GitHub's repository ids are integers.
        repo_id = 100000 + len(w.s["pipeline_repos"]) + 1
    w.s["pipeline_repos"][p["id"]] = {"id": repo_id, "full_name": full_name}
    return dict(w.s["pipeline_repos"][p["id"]])


ROUTES = (
    ("/pipelines/{pipeline}/repo", {"GET": get_repo}),
    ("/pipelines/{pipeline}/review-app-config", {
        "POST": enable, "GET": info, "PATCH": update,
        "DELETE": removed(enabled_config, "review_app_configs", config_view, key="pipeline_id")}),
)
