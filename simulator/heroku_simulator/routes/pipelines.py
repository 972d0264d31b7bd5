"""Pipelines, their couplings (an app in a stage), promotions (and their targets), the config
vars of a pipeline stage, and transfers of a pipeline to another owner."""
from functools import partial

from .. import views
from ..core import PIPELINE_NAME_RE, ApiError, invalid, new_id, not_found, now, require, require_object
from ..server import Page
from ..world import completes, World
from .common import every, one, record_by_id, renamed, under
from .apps import transfer_app
from .config import config_changes

STAGES = ("test", "review", "development", "staging", "production")


def ident_of(value, key="id"):
    """Accept either a bare id/name or an object like {"id": ...}."""
    if isinstance(value, dict):
        return value.get(key) or value.get("id") or value.get("name")
    return value


def stage_of(value):
    if value not in STAGES:
        raise invalid(f"Invalid params: stage must be one of {', '.join(STAGES)}.")
    return value


def new_pipeline_name(w, name):
    if not isinstance(name, str) or not PIPELINE_NAME_RE.match(name):
        raise invalid("Name must start with a letter and can only contain lowercase letters, "
                      "digits and dashes (3 to 30 characters).")
    if any(p["name"] == name for p in w.s["pipelines"].values()):
        raise invalid("Name is already taken")
    return name


find_coupling = record_by_id("couplings", "pipeline coupling")
find_promotion = record_by_id("promotions", "pipeline promotion")


# ---- pipelines ---------------------------------------------------------------------

def create_pipeline(ctx):
    w = ctx.world
    body = require(ctx.body, "name")
    name = new_pipeline_name(w, body["name"])
    owner = body.get("owner")
    if owner is None:
        owner = {"id": w.s["account_id"], "type": "user"}
    else:
        if not isinstance(owner, dict) or owner.get("type") not in ("team", "user"):
            raise invalid("Invalid params: owner must be {\"id\": ..., \"type\": \"team\"|\"user\"}.")
        oid = owner.get("id")
        if owner["type"] == "team":
            oid = w.team(oid)["id"]
        else:
            oid = w.user(oid)["id"]
        owner = {"id": oid, "type": owner["type"]}
    ts = now()
    p = {"id": new_id(), "name": name, "owner": owner, "created_at": ts, "updated_at": ts}
    w.s["pipelines"][p["id"]] = p
    return 201, views.pipeline(w, p)


def delete_pipeline(ctx, pipeline):
    w = ctx.world
    p = w.pipeline(pipeline)
    for cid in [c["id"] for c in w.s["couplings"].values() if c["pipeline_id"] == p["id"]]:
        del w.s["couplings"][cid]
    for state in ("stage_config", "pipeline_repos", "review_app_configs"):
        w.s[state].pop(p["id"], None)
    del w.s["pipelines"][p["id"]]
    return views.pipeline(w, p)


def transfer_pipeline(ctx):
    """`POST /pipeline-transfers`: the pipeline changes owner, to a team the account is a member of or to a user (by
    id, as the schema has it), "along with the contained apps" (the schema): each coupled app goes to the new owner
    too. The answer names the previous and the new owner."""
    w = ctx.world
    body = require(ctx.body, "pipeline", "new_owner")
    p = w.pipeline(ident_of(body["pipeline"]))
    owner = body["new_owner"]
    if not isinstance(owner, dict) or owner.get("type") not in ("team", "user") or not isinstance(owner.get("id"), str):
        raise invalid("Invalid params: new_owner must be {\"id\": ..., \"type\": \"team\"|\"user\"}.")
    if owner["type"] == "team":
        t = w.team(owner["id"])
        if w.account["email"] not in t["members"]:
            raise ApiError(403, "forbidden", f"You do not have access to the team {t['name']}.")
        new_owner, app_owner = {"id": t["id"], "type": "team"}, t["name"]
    else:
        u = w.user(owner["id"])
        new_owner, app_owner = {"id": u["id"], "type": "user"}, u["email"]
    for c in w.s["couplings"].values():
        if c["pipeline_id"] == p["id"] and c["app_id"] in w.s["apps"]:
            transfer_app(w, w.s["apps"][c["app_id"]], app_owner)
    previous = dict(p["owner"]) if p["owner"] else None
    p["owner"] = new_owner
    p["updated_at"] = now()
    return 201, {"pipeline": {"id": p["id"]}, "previous_owner": previous, "new_owner": dict(new_owner)}


# ---- couplings -----------------------------------------------------------------------

def create_coupling(ctx):
    w = ctx.world
    body = require(ctx.body, "app", "pipeline", "stage")
    a = w.app(ident_of(body["app"]))
    p = w.pipeline(ident_of(body["pipeline"]))
    stage = stage_of(body["stage"])
    if any(c["app_id"] == a["id"] for c in w.s["couplings"].values()):
        raise invalid(f"App {a['name']} is already part of a pipeline.")
    ts = now()
    c = {"id": new_id(), "app_id": a["id"], "pipeline_id": p["id"], "stage": stage,
         "created_at": ts, "updated_at": ts}
    w.s["couplings"][c["id"]] = c
    return 201, views.coupling(w, c)


def list_user_couplings(ctx, user):
    w = ctx.world
    u = w.user(user)
    return Page([c for c in w.s["couplings"].values()
                 if w.s["apps"].get(c["app_id"], {}).get("owner_id") == u["id"]], partial(views.coupling, w))


def list_team_couplings(ctx, team):
    w = ctx.world
    t = w.team(team)
    return Page([c for c in w.s["couplings"].values()
                 if w.s["apps"].get(c["app_id"], {}).get("team_id") == t["id"]], partial(views.coupling, w))


def app_coupling(ctx, app):
    # The schema's "Info By App": one object, not a list.
    w = ctx.world
    a = w.app(app)
    for c in w.s["couplings"].values():
        if c["app_id"] == a["id"]:
            return views.coupling(w, c)
    raise not_found("pipeline coupling")


def patch_coupling(ctx, coupling):
    w = ctx.world
    c = find_coupling(w, coupling)
    body = require_object(ctx.body)
    if body.get("stage") is not None:
        c["stage"] = stage_of(body["stage"])
        c["updated_at"] = now()
    return views.coupling(w, c)


def delete_coupling(ctx, coupling):
    w = ctx.world
    c = find_coupling(w, coupling)
    del w.s["couplings"][c["id"]]
    return views.coupling(w, c)


# ---- promotions ------------------------------------------------------------------------

def create_promotion(ctx):
    w = ctx.world
    body = require(ctx.body, "pipeline", "source", "targets")
    p = w.pipeline(ident_of(body["pipeline"]))
    source = body["source"]
    if not isinstance(source, dict) or not isinstance(source.get("app"), dict):
        raise invalid("Invalid params: source.app.id is required.")
    src = w.app(ident_of(source["app"]))
    targets = body["targets"]
    if not isinstance(targets, list) or not targets:
        raise invalid("Invalid params: targets must be a non-empty list.")
    coupled = {c["app_id"] for c in w.s["couplings"].values() if c["pipeline_id"] == p["id"]}
    if src["id"] not in coupled:
        raise invalid(f"App {src['name']} is not part of pipeline {p['name']}.")
    target_apps = []
    for t in targets:
        if not isinstance(t, dict) or not isinstance(t.get("app"), dict):
            raise invalid("Invalid params: targets[].app.id is required.")
        ta = w.app(ident_of(t["app"]))
        if ta["id"] not in coupled:
            raise invalid(f"App {ta['name']} is not part of pipeline {p['name']}.")
        target_apps.append(ta)
    rel = chosen_release(w, src, source.get("release")) if source.get("release") is not None else w.current_release(src)
    if rel is None or (rel["slug_id"] is None and rel.get("oci_image_id") is None):
        raise invalid(f"App {src['name']} has no release with a slug or an OCI image to promote.")
    ts = now()
    promo = {"id": new_id(), "pipeline_id": p["id"], "source_app_id": src["id"],
             "source_release_id": rel["id"], "status": "pending", "created_at": ts, "updated_at": None}
    w.s["promotions"][promo["id"]] = promo
    for ta in target_apps:
        tid = new_id()
        target_release = start_promotion_release(w, ta, src, rel)
        w.s["targets"][tid] = {"id": tid, "promotion_id": promo["id"], "app_id": ta["id"],
                               "status": "pending", "error_message": None, "release_id": target_release["id"]}
    w.schedule("promotion", promo["id"])
    return 201, views.promotion(w, promo)


def chosen_release(w, src, release):
    """The source's release a promotion names (``source.release.id``): Heroku looks it up among the source app's
    releases only, so an id of another app's release is not found, as an unknown one is."""
    if not isinstance(release, dict) or not isinstance(release.get("id"), str):
        raise invalid("Invalid params: source.release.id must be a release id.")
    for rel in w.s["releases"][src["id"]]:
        if rel["id"] == release["id"]:
            return rel
    raise not_found("release")


# ---- stage config vars -----------------------------------------------------------------

def get_stage_config(ctx, pipeline, stage):
    w = ctx.world
    p = w.pipeline(pipeline)
    return dict(w.s["stage_config"].get(p["id"], {}).get(stage_of(stage), {}))


def patch_stage_config(ctx, pipeline, stage):
    w = ctx.world
    p = w.pipeline(pipeline)
    cfg = w.s["stage_config"].setdefault(p["id"], {}).setdefault(stage_of(stage), {})
    for key, value in config_changes(ctx.body).items():
        if value is None:
            cfg.pop(key, None)
        else:
            cfg[key] = value
    return dict(cfg)


# ---- promotions (World.tick runs what World.schedule put off) ----------------------------

def start_promotion_release(w, app, source, source_release):
    """The target's release exists as soon as the promotion does, pending while its release phase
    runs: that is the only trace of a running promotion a client can find (Heroku lists no
    promotions of a pipeline)."""
    # A Fir source's release runs an OCI image, which the target's release runs in turn.
    return w.create_release(app, f"Promote {source['name']} v{source_release['version']}",
                            slug_id=source_release["slug_id"], oci_image=w.s["oci_images"].get(source_release.get("oci_image_id")),
                            process_types=dict(source_release["process_types"]), pending=True)


@completes("promotion")
def complete_promotion(w, rid):
    """The slug is copied to the targets: a target whose release has a `release` process type then
    runs its release phase (started here) and stays pending until it ends; the promotion completes
    once every target has ended, so it stays pending for as long as a release phase hangs."""
    promo = w.s["promotions"].get(rid)
    if not promo or promo["status"] != "pending":
        return
    targets = [t for t in w.s["targets"].values() if t["promotion_id"] == rid and t["status"] == "pending"]
    for target in targets:
        app = w.s["apps"].get(target["app_id"])
        rel = next((r for r in w.s["releases"].get(target["app_id"], [])
                    if r["id"] == target["release_id"]), None)
        if app is None or rel is None or app["name"] in w.failing_targets:
            if rel is not None and rel["status"] == "pending":
                w.settle_release(app, rel, False)
            target["status"] = "failed"
            target["error_message"] = "Release failed: the promotion to this app could not be completed."
            continue
        if rel["status"] == "pending" and not rel.get("release_phase"):
            if "release" in rel["process_types"]:
                w.start_release_phase(rel)
            else:
                w.settle_release(app, rel, True)
        if rel["status"] == "succeeded":
            target["status"] = "succeeded"
        elif rel["status"] == "failed":
            target["status"] = "failed"
            target["error_message"] = ("Release phase failed: the release command exited with status 1; "
                                       "the app keeps running its previous release.")
    if any(target["status"] == "pending" for target in targets):
        w.schedule("promotion", rid)
        return
    promo["status"] = "completed"
    promo["updated_at"] = now()


ROUTES = (
    ("/pipelines", {"POST": create_pipeline, "GET": every("pipelines", views.pipeline)}),
    ("/pipelines/{pipeline}", {
        "GET": one(World.pipeline, views.pipeline),
        "PATCH": renamed(World.pipeline, new_pipeline_name, views.pipeline),
        "DELETE": delete_pipeline,
    }),
    ("/pipeline-transfers", {"POST": transfer_pipeline}),
    ("/pipeline-couplings", {"POST": create_coupling, "GET": every("couplings", views.coupling)}),
    ("/users/{user}/pipeline-couplings", {"GET": list_user_couplings}),
    ("/teams/{team}/pipeline-couplings", {"GET": list_team_couplings}),
    ("/pipelines/{pipeline}/pipeline-couplings", {
        "GET": under(World.pipeline, "couplings", "pipeline_id", views.coupling),
    }),
    ("/apps/{app}/pipeline-couplings", {"GET": app_coupling}),
    ("/pipeline-couplings/{coupling}", {
        "GET": one(find_coupling, views.coupling),
        "PATCH": patch_coupling,
        "DELETE": delete_coupling,
    }),
    ("/pipeline-promotions", {"POST": create_promotion}),
    ("/pipeline-promotions/{promotion}", {"GET": one(find_promotion, views.promotion)}),
    ("/pipeline-promotions/{promotion}/promotion-targets", {
        "GET": under(find_promotion, "targets", "promotion_id", views.promotion_target),
    }),
    ("/pipelines/{pipeline}/stage/{stage}/config-vars", {"GET": get_stage_config, "PATCH": patch_stage_config}),
)
