"""Behaviour per resource group."""
import time

import pytest


def wait_for(fn, timeout=3.0):
    end = time.time() + timeout
    while time.time() < end:
        value = fn()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not reached")


# ---- platform ----------------------------------------------------------------

def test_account_and_catalogue(api):
    me = api.get("/account").body
    assert api.get("/users/~").body["id"] == me["id"]
    assert {r["name"] for r in api.get("/regions").body} >= {"us", "eu", "virginia", "tokyo"}
    assert api.get("/regions/eu").body["private_capable"] is False
    stacks = api.get("/stacks").body
    assert [s["name"] for s in stacks if s["default"]] == ["heroku-24"]
    assert api.get("/dyno-sizes/STANDARD-2x").body["name"] == "Standard-2X"
    assert api.get("/dyno-sizes/huge").status == 404
    assert {t["name"] for t in api.get("/teams").body} == {"acme", "acme-staging"}
    members = api.get("/teams/acme/members").body
    assert me["email"] in {m["email"] for m in members}


# ---- apps ------------------------------------------------------------------------

def test_app_create_rename_delete(api):
    r = api.post("/apps", {"name": "my-app", "region": "eu", "stack": "heroku-22"})
    assert r.status == 201
    assert (r.body["region"]["name"], r.body["stack"]["name"]) == ("eu", "heroku-22")
    assert api.post("/apps", {"name": "my-app"}).body == {
        "id": "invalid_params", "message": "Name is already taken",
        "url": "https://devcenter.heroku.com/articles/platform-api-reference"}
    r = api.patch("/apps/my-app", {"name": "renamed-app", "maintenance": True, "build_stack": "heroku-24"})
    assert (r.body["name"], r.body["maintenance"], r.body["build_stack"]["name"]) == ("renamed-app", True, "heroku-24")
    assert api.get("/apps/my-app").status == 404
    assert api.get(f"/apps/{r.body['id']}").body["name"] == "renamed-app"
    d = api.delete("/apps/renamed-app")
    assert d.status == 200 and d.body["name"] == "renamed-app"
    assert api.get("/apps/renamed-app").body["message"] == "Couldn't find that app."
    assert api.post("/apps", {"name": "my-app"}).status == 201   # name free again


@pytest.mark.parametrize("name", ["A-app", "ab", "1app", "app-", "a" * 31, "app_x"])
def test_invalid_app_names(api, name):
    r = api.post("/apps", {"name": name})
    assert r.status == 422 and r.body["id"] == "invalid_params" and "Name" in r.body["message"]


def test_generated_name_and_bad_region(api):
    r = api.post("/apps", {})
    assert r.status == 201 and r.body["name"]
    assert api.post("/apps", {"region": "virginia"}).status == 422
    assert api.post("/apps", {"region": "mars"}).status == 404


def test_team_apps(api):
    r = api.post("/teams/apps", {"name": "team-app", "team": "acme", "locked": True})
    assert r.status == 201 and r.body["team"]["name"] == "acme" and r.body["locked"] is True
    assert api.get("/apps/team-app").body["team"]["name"] == "acme"
    assert [a["name"] for a in api.get("/teams/acme/apps").body] == ["team-app"]
    assert api.get("/teams/acme-staging/apps").body == []
    r = api.patch("/teams/apps/team-app", {"owner": "acme-staging", "locked": False})
    assert (r.body["team"]["name"], r.body["locked"]) == ("acme-staging", False)
    personal = api.post("/teams/apps", {"name": "personal-app", "personal": True}).body
    assert personal["team"] is None


def test_features_buildpacks_acm(api, sim):
    sim.seed_app("feat-app")
    feats = {f["name"]: f["enabled"] for f in api.get("/apps/feat-app/features").body}
    assert feats["preboot"] is False and "runtime-dyno-metadata" in feats
    assert api.patch("/apps/feat-app/features/preboot", {"enabled": True}).body["enabled"] is True
    assert api.get("/apps/feat-app/features/preboot").body["enabled"] is True
    assert api.get("/apps/feat-app/features/nope").status == 404
    bps = api.put("/apps/feat-app/buildpack-installations",
                  {"updates": [{"buildpack": "heroku/nodejs"},
                               {"buildpack": "https://github.com/heroku/heroku-buildpack-ruby"}]}).body
    assert [(b["ordinal"], b["buildpack"]["name"]) for b in bps] == [
        (0, "heroku/nodejs"), (1, "https://github.com/heroku/heroku-buildpack-ruby")]
    assert api.get("/apps/feat-app/buildpack-installations").body == bps
    assert api.post("/apps/feat-app/acm").body["acm"] is True
    assert api.delete("/apps/feat-app/acm").body["acm"] is False


# ---- config vars and releases ----------------------------------------------------------

def test_config_merge_null_and_releases(api, sim):
    sim.seed_app("cfg-app", config={"KEEP": "1"})
    before = len(api.get("/apps/cfg-app/releases").body)
    r = api.patch("/apps/cfg-app/config-vars", {"FOO": "bar", "BAZ": "qux"})
    assert r.body == {"KEEP": "1", "FOO": "bar", "BAZ": "qux"}
    r = api.patch("/apps/cfg-app/config-vars", {"FOO": None, "NEW": "x"})
    assert r.body == {"KEEP": "1", "BAZ": "qux", "NEW": "x"}
    api.patch("/apps/cfg-app/config-vars", {"NEW": "x"})          # no change: no release
    rels = api.get("/apps/cfg-app/releases").body
    assert len(rels) == before + 2
    assert rels[-1]["version"] == before + 2 and rels[-1]["current"] is True
    assert "Set NEW config var" in rels[-1]["description"] and "Remove FOO" in rels[-1]["description"]
    assert rels[-2]["description"] == "Set FOO, BAZ config vars"
    latest = api.get("/apps/cfg-app/releases", headers={"Range": "version ..; order=desc,max=1"})
    assert latest.status == 206 and [x["version"] for x in latest.body] == [before + 2]
    assert api.get(f"/apps/cfg-app/releases/{before + 2}").body["id"] == rels[-1]["id"]
    assert api.get(f"/apps/cfg-app/releases/{rels[0]['id']}").body["version"] == 1


@pytest.mark.parametrize("body", [{"N": 1}, {"N": True}, {"N": ["x"]}, {"bad-key": "x"}])
def test_config_rejects_non_strings(api, sim, body):
    sim.seed_app("cfg-bad")
    r = api.patch("/apps/cfg-bad/config-vars", body)
    assert r.status == 422 and r.body["id"] == "invalid_params"
    assert api.get("/apps/cfg-bad/config-vars").body == {}


def test_slug_release_and_rollback(api, sim):
    sim.seed_app("rel-app", process_types={"web": "old"})
    slug = api.post("/apps/rel-app/slugs", {"process_types": {"web": "new", "clock": "clock.js"}}).body
    rel = api.post("/apps/rel-app/releases", {"slug": slug["id"], "description": "ship it"})
    assert rel.status == 201 and rel.body["slug"]["id"] == slug["id"]
    assert api.get(f"/apps/rel-app/slugs/{slug['id']}").body["process_types"]["clock"] == "clock.js"
    assert {f["type"] for f in api.get("/apps/rel-app/formation").body} == {"web", "clock"}
    rb = api.post("/apps/rel-app/releases", {"release": api.get("/apps/rel-app/releases/2").body["id"]})
    assert rb.body["description"] == "Rollback to v2"
    assert {f["type"] for f in api.get("/apps/rel-app/formation").body} == {"web"}


def test_builds_succeed_and_fail(api, sim):
    sim.set_async_delay(0.1)
    sim.seed_app("build-app")
    b = api.post("/apps/build-app/builds", {"source_blob": {"url": "https://x.test/app.tgz", "version": "abc123"}})
    assert b.status == 201 and b.body["status"] == "pending"
    done = wait_for(lambda: (lambda x: x if x["status"] != "pending" else None)(
        api.get(f"/apps/build-app/builds/{b.body['id']}").body))
    assert done["status"] == "succeeded" and done["slug"] and done["release"]
    assert api.get(f"/apps/build-app/slugs/{done['slug']['id']}").body["process_types"] == {"web": "npm start"}
    f = api.post("/apps/build-app/builds", {"source_blob": {"url": "https://x.test/fail.tgz"}}).body
    failed = wait_for(lambda: (lambda x: x if x["status"] != "pending" else None)(
        api.get(f"/apps/build-app/builds/{f['id']}").body))
    assert failed["status"] == "failed" and failed["slug"] is None
    assert len(api.get("/apps/build-app/builds").body) == 2


# ---- formation --------------------------------------------------------------------------

def test_formation_defaults_and_batch(api, sim):
    sim.seed_app("form-app")
    form = {f["type"]: f for f in api.get("/apps/form-app/formation").body}
    assert (form["web"]["quantity"], form["web"]["size"], form["worker"]["quantity"]) == (1, "Basic", 0)
    r = api.patch("/apps/form-app/formation", {"updates": [
        {"type": "web", "quantity": "3", "size": "standard-2x"}, {"type": "worker", "quantity": 2}]})
    assert r.status == 200
    assert {(f["type"], f["quantity"], f["size"]) for f in r.body} == {("web", 3, "Standard-2X"),
                                                                        ("worker", 2, "Basic")}
    one = api.patch("/apps/form-app/formation/worker", {"quantity": 0, "size": "Performance-M"}).body
    assert (one["quantity"], one["size"]) == (0, "Performance-M")
    assert api.get("/apps/form-app/formation/web").body["quantity"] == 3


def test_formation_takes_and_shows_the_2025_schemas_dyno_size(api, sim):
    """Heroku's 2025 schema scales with dyno_size ({name} or {id}) and shows it beside the deprecated size."""
    sim.seed_app("form-2025")
    one = api.patch("/apps/form-2025/formation/web", {"dyno_size": {"name": "standard-2x"}}).body
    assert (one["size"], one["dyno_size"]["name"]) == ("Standard-2X", "Standard-2X")
    assert one["dyno_size"]["id"] == api.get("/dyno-sizes/Standard-2X").body["id"]
    performance = api.get("/dyno-sizes/Performance-M").body["id"]
    r = api.patch("/apps/form-2025/formation", {"updates": [{"type": "web", "dyno_size": {"id": performance}}]})
    assert [(f["size"], f["dyno_size"]["id"]) for f in r.body if f["type"] == "web"] == [("Performance-M", performance)]
    assert api.patch("/apps/form-2025/formation/web", {"dyno_size": {"name": "Gigantic"}}).status == 422


def test_an_app_lists_the_sizes_and_stacks_it_may_use(api, sim):
    sim.seed_app("sizes-common")
    assert api.post("/spaces", {"name": "sizes-space", "team": "acme"}).status == 201
    sim.seed_app("sizes-private", team="acme", space="sizes-space")
    common = {d["name"] for d in api.get("/apps/sizes-common/available-dyno-sizes").body}
    assert {"Eco", "Basic", "Standard-2X", "Performance-L"} <= common and not any("Private" in s for s in common)
    assert {d["name"] for d in api.get("/apps/sizes-private/available-dyno-sizes").body} == {
        "Private-S", "Private-M", "Private-L"}
    assert {s["name"] for s in api.get("/apps/sizes-common/available-stacks").body} == {"heroku-22", "heroku-24"}
    assert api.get("/apps/nowhere-app/available-dyno-sizes").status == 404


def test_formation_errors_are_atomic(api, sim):
    sim.seed_app("form-err", process_types={"web": "npm start"})
    r = api.patch("/apps/form-err/formation", {"updates": [{"type": "web", "quantity": 5},
                                                           {"type": "worker", "quantity": 1}]})
    assert r.status == 404 and r.body["message"] == "Couldn't find that process type (worker)."
    assert api.get("/apps/form-err/formation/web").body["quantity"] == 1
    assert api.patch("/apps/form-err/formation/web", {"size": "Gigantic"}).status == 422
    assert api.patch("/apps/form-err/formation/web", {"quantity": -1}).status == 422
    assert api.patch("/apps/form-err/formation/web", {"size": "Private-S"}).status == 422
    assert api.get("/apps/form-err/formation/clock").status == 404


def test_new_app_has_no_process_types(api):
    api.post("/apps", {"name": "bare-app"})
    assert api.get("/apps/bare-app/formation").body == []
    assert api.patch("/apps/bare-app/formation/web", {"quantity": 1}).status == 404


# ---- add-ons -------------------------------------------------------------------------------

def test_addon_catalogue(api):
    assert {s["name"] for s in api.get("/addon-services").body} == {
        "heroku-postgresql", "heroku-redis", "papertrail", "scheduler", "heroku-kafka"}
    plans = api.get("/addon-services/heroku-postgresql/plans").body
    assert [p["name"] for p in plans if p["default"]] == ["heroku-postgresql:essential-0"]
    assert api.get("/addon-services/heroku-redis/plans/premium-0").body["name"] == "heroku-redis:premium-0"


def test_addon_lifecycle_async(api, sim):
    sim.set_async_delay(0.2)
    sim.seed_app("addon-app")
    r = api.post("/apps/addon-app/addons", {"plan": {"name": "heroku-postgresql:essential-0"}})
    assert r.status == 201 and r.body["state"] == "provisioning"
    assert "DATABASE_URL" not in api.get("/apps/addon-app/config-vars").body
    wait_for(lambda: api.get(f"/apps/addon-app/addons/{r.body['id']}").body["state"] == "provisioned")
    assert api.get("/apps/addon-app/config-vars").body["DATABASE_URL"].startswith("postgres://")
    rels = api.get("/apps/addon-app/releases").body
    assert rels[-1]["description"] == "Add heroku-postgresql:essential-0"
    assert rels[-1]["addon_plan_names"] == ["heroku-postgresql:essential-0"]
    # Plan change, then delete: vars vanish and the answer says deprovisioned.
    up = api.patch(f"/apps/addon-app/addons/{r.body['name']}", {"plan": "heroku-postgresql:standard-0"})
    assert up.body["plan"]["name"] == "heroku-postgresql:standard-0"
    d = api.delete(f"/apps/addon-app/addons/{r.body['id']}")
    assert d.status == 200 and d.body["state"] == "deprovisioned"
    assert "DATABASE_URL" not in api.get("/apps/addon-app/config-vars").body
    assert api.get(f"/addons/{r.body['id']}").status == 404
    assert api.get("/apps/addon-app/releases").body[-1]["description"] == "Remove heroku-postgresql:standard-0"


def test_addon_frozen_stays_provisioning(api, sim):
    sim.freeze_async(True)
    sim.seed_app("frozen-app")
    ad = api.post("/apps/frozen-app/addons", {"plan": "heroku-redis"}).body
    time.sleep(0.05)
    assert api.get(f"/addons/{ad['id']}").body["state"] == "provisioning"
    sim.freeze_async(False)
    assert api.get(f"/addons/{ad['id']}").body["state"] == "provisioned"
    assert "REDIS_URL" in api.get("/apps/frozen-app/config-vars").body


def test_addon_names_attachments_and_resolve(api, sim):
    sim.seed_app("att-app")
    sim.seed_app("other-app")
    first = api.post("/apps/att-app/addons", {"plan": "heroku-postgresql:essential-1", "name": "main-db"}).body
    second = api.post("/apps/att-app/addons", {"plan": "heroku-postgresql",
                                               "attachment": {"name": "REPORTING"}}).body
    third = api.post("/apps/att-app/addons", {"plan": "heroku-postgresql"}).body
    cfg = api.get("/apps/att-app/config-vars").body
    assert {"DATABASE_URL", "REPORTING_URL"} <= set(cfg)
    assert any(k.startswith("HEROKU_POSTGRESQL_") for k in cfg)
    assert second["config_vars"] == ["REPORTING_URL"]
    assert api.post("/apps/att-app/addons", {"plan": "heroku-redis", "name": "main-db"}).status == 422
    assert api.post("/apps/att-app/addons", {"plan": "nope:plan"}).status == 404
    papertrail = api.post("/apps/att-app/addons", {"plan": "papertrail:choklad"}).body
    assert papertrail["state"] == "provisioned" and "PAPERTRAIL_API_TOKEN" in api.get("/apps/att-app/config-vars").body
    assert api.post("/apps/att-app/addons", {"plan": "scheduler"}).body["config_vars"] == []
    # Attach the first database to another app.
    att = api.post("/addon-attachments", {"addon": first["id"], "app": "other-app", "name": "SHARED"})
    assert att.status == 201 and att.body["addon"]["app"]["name"] == "att-app"
    assert "SHARED_URL" in api.get("/apps/other-app/config-vars").body
    assert {a["id"] for a in api.get("/apps/other-app/addons").body} == {first["id"]}
    assert len(api.get(f"/addons/{first['id']}/addon-attachments").body) == 2
    assert api.delete(f"/addon-attachments/{att.body['id']}").status == 200
    assert "SHARED_URL" not in api.get("/apps/other-app/config-vars").body
    # Resolve actions answer arrays.
    res = api.post("/actions/addons/resolve", {"addon": "main-db", "app": "att-app"})
    assert res.status == 200 and [a["id"] for a in res.body] == [first["id"]]
    res = api.post("/actions/addons/resolve", {"addon": "REPORTING", "app": "att-app"})
    assert [a["id"] for a in res.body] == [second["id"]]
    res = api.post("/actions/addon-attachments/resolve", {"addon_attachment": "DATABASE", "app": "att-app"})
    assert [a["addon"]["id"] for a in res.body] == [first["id"]]
    assert api.post("/actions/addons/resolve", {"addon": "ghost"}).status == 404
    assert len(api.get("/apps/att-app/addons").body) == 5
    assert third["id"] in {a["id"] for a in api.get("/addons").body}


def test_team_addons(api, sim):
    sim.seed_app("team-addon-app", team="acme")
    api.post("/apps/team-addon-app/addons", {"plan": "papertrail"})
    addons = api.get("/teams/acme/addons").body
    assert [a["billing_entity"]["type"] for a in addons] == ["team"]
    assert api.get("/teams/acme-staging/addons").body == []


# ---- pipelines --------------------------------------------------------------------------------

def test_pipelines_and_couplings(api, sim):
    sim.seed_app("pipe-stg")
    p = api.post("/pipelines", {"name": "my-pipe"})
    assert p.status == 201 and p.body["owner"]["type"] == "user"
    assert api.post("/pipelines", {"name": "my-pipe"}).status == 422
    assert api.post("/pipelines", {"name": "X"}).status == 422
    c = api.post("/pipeline-couplings", {"app": "pipe-stg", "pipeline": p.body["id"], "stage": "staging"})
    assert c.status == 201 and c.body["stage"] == "staging"
    assert api.post("/pipeline-couplings", {"app": "pipe-stg", "pipeline": p.body["id"],
                                            "stage": "staging"}).status == 422
    assert api.get("/apps/pipe-stg/pipeline-couplings").body["id"] == c.body["id"]
    assert api.patch(f"/pipeline-couplings/{c.body['id']}", {"stage": "production"}).body["stage"] == "production"
    assert api.patch(f"/pipeline-couplings/{c.body['id']}", {"stage": "nope"}).status == 422
    assert len(api.get(f"/pipelines/{p.body['id']}/pipeline-couplings").body) == 1
    assert [x["name"] for x in api.get("/pipelines?eq[name]=my-pipe").body] == ["my-pipe"]
    assert api.patch(f"/pipelines/{p.body['id']}", {"name": "renamed-pipe"}).body["name"] == "renamed-pipe"
    assert api.get("/pipelines/renamed-pipe").status == 200
    assert api.delete(f"/pipeline-couplings/{c.body['id']}").status == 200
    assert api.get("/apps/pipe-stg/pipeline-couplings").status == 404
    team_pipe = api.post("/pipelines", {"name": "team-pipe", "owner": {"id": api.get("/teams/acme").body["id"], "type": "team"}}).body
    assert team_pipe["owner"]["type"] == "team"
    assert api.delete(f"/pipelines/{team_pipe['id']}").status == 200
    assert api.get(f"/pipelines/{team_pipe['id']}").status == 404


def test_promotion_with_failing_target(api, sim):
    sim.set_async_delay(0.1)
    ids = {n: sim.seed_app(n, process_types={"web": f"run {n}"})["id"] for n in ("src-app", "ok-app", "bad-app")}
    p = api.post("/pipelines", {"name": "promo-pipe"}).body
    for name, stage in [("src-app", "staging"), ("ok-app", "production"), ("bad-app", "production")]:
        api.post("/pipeline-couplings", {"app": name, "pipeline": p["id"], "stage": stage})
    sim.fail_promotion_target("bad-app")
    promo = api.post("/pipeline-promotions", {"pipeline": {"id": p["id"]}, "source": {"app": {"id": ids["src-app"]}},
                                              "targets": [{"app": {"id": ids["ok-app"]}},
                                                          {"app": {"id": ids["bad-app"]}}]})
    assert promo.status == 201 and promo.body["status"] == "pending"
    pid = promo.body["id"]
    wait_for(lambda: api.get(f"/pipeline-promotions/{pid}").body["status"] == "completed")
    targets = {t["app"]["id"]: t for t in api.get(f"/pipeline-promotions/{pid}/promotion-targets").body}
    assert targets[ids["ok-app"]]["status"] == "succeeded" and targets[ids["ok-app"]]["release"]
    assert targets[ids["bad-app"]]["status"] == "failed" and targets[ids["bad-app"]]["error_message"]
    assert api.get("/apps/ok-app/formation/web").body["command"] == "run src-app"
    assert api.get("/apps/bad-app/formation/web").body["command"] == "run bad-app"


def promotion_pipeline(api, sim, name, targets):
    """A pipeline promoting src-app (staging) to `targets` (production); answers their ids by name."""
    ids = {n: sim.seed_app(n, process_types={"web": f"run {n}"})["id"] for n in ("src-app",) + targets}
    p = api.post("/pipelines", {"name": name}).body
    for app, stage in [("src-app", "staging")] + [(t, "production") for t in targets]:
        api.post("/pipeline-couplings", {"app": app, "pipeline": p["id"], "stage": stage})
    return p, ids


def promote(api, p, ids, targets):
    return api.post("/pipeline-promotions", {"pipeline": {"id": p["id"]}, "source": {"app": {"id": ids["src-app"]}},
                                             "targets": [{"app": {"id": ids[t]}} for t in targets]})


def latest_release(api, app):
    return api.get(f"/apps/{app}/releases", headers={"Range": "version ..; order=desc, max=1"}).body[0]


def test_promotion_release_is_pending_on_the_target_at_once(api, sim):
    sim.freeze_async(True)
    p, ids = promotion_pipeline(api, sim, "pending-pipe", ("ok-app",))
    source = latest_release(api, "src-app")
    before = latest_release(api, "ok-app")
    released_at = api.get("/apps/ok-app").body["released_at"]
    promo = promote(api, p, ids, ["ok-app"]).body
    pending = latest_release(api, "ok-app")
    assert (pending["status"], pending["current"]) == ("pending", False)
    assert pending["version"] == before["version"] + 1
    assert pending["description"] == f"Promote src-app v{source['version']}"
    assert pending["slug"] == source["slug"]
    assert api.get(f"/apps/ok-app/releases/{pending['id']}").body["status"] == "pending"
    assert api.get(f"/apps/ok-app/releases/v{pending['version']}").body["id"] == pending["id"]
    target = api.get(f"/pipeline-promotions/{promo['id']}/promotion-targets").body[0]
    assert (target["status"], target["release"]) == ("pending", {"id": pending["id"]})
    # The app still runs its previous release while the new one's release phase runs.
    assert api.get(f"/apps/ok-app/releases/{before['id']}").body["current"] is True
    assert api.get("/apps/ok-app/formation/web").body["command"] == "run ok-app"
    assert api.get("/apps/ok-app").body["released_at"] == released_at

    sim.freeze_async(False)
    assert api.get(f"/pipeline-promotions/{promo['id']}").body["status"] == "completed"
    done = api.get(f"/apps/ok-app/releases/{pending['id']}").body
    assert (done["status"], done["current"]) == ("succeeded", True)
    assert api.get(f"/apps/ok-app/releases/{before['id']}").body["current"] is False
    assert api.get("/apps/ok-app/formation/web").body["command"] == "run src-app"
    assert api.get("/apps/ok-app").body["released_at"] == done["updated_at"]
    assert api.get(f"/pipeline-promotions/{promo['id']}/promotion-targets").body[0]["status"] == "succeeded"


def test_failed_promotion_target_keeps_its_previous_release(api, sim):
    sim.freeze_async(True)
    p, ids = promotion_pipeline(api, sim, "failed-pipe", ("ok-app", "bad-app"))
    sim.fail_promotion_target("bad-app")
    before = latest_release(api, "bad-app")
    released_at = api.get("/apps/bad-app").body["released_at"]
    promo = promote(api, p, ids, ["ok-app", "bad-app"]).body
    assert latest_release(api, "bad-app")["status"] == "pending"

    sim.freeze_async(False)
    targets = {t["app"]["id"]: t for t in api.get(f"/pipeline-promotions/{promo['id']}/promotion-targets").body}
    bad = targets[ids["bad-app"]]
    assert bad["status"] == "failed" and bad["error_message"]
    failed = latest_release(api, "bad-app")
    assert (failed["id"], failed["status"], failed["current"]) == (bad["release"]["id"], "failed", False)
    assert api.get(f"/apps/bad-app/releases/{before['id']}").body["current"] is True
    assert api.get("/apps/bad-app/formation/web").body["command"] == "run bad-app"
    assert api.get("/apps/bad-app").body["released_at"] == released_at
    assert latest_release(api, "ok-app")["status"] == "succeeded"


def test_config_change_during_a_pending_promotion_stays_current(api, sim):
    sim.freeze_async(True)
    p, ids = promotion_pipeline(api, sim, "config-pipe", ("ok-app",))
    promote(api, p, ids, ["ok-app"])
    api.patch("/apps/ok-app/config-vars", {"LOG_LEVEL": "debug"})
    sim.freeze_async(False)
    promoted, config_change = api.get("/apps/ok-app/releases").body[-2:]
    assert (promoted["status"], promoted["current"]) == ("succeeded", False)
    assert (config_change["status"], config_change["current"]) == ("succeeded", True)
    assert api.get("/apps/ok-app/formation/web").body["command"] == "run ok-app"


def test_promotion_targets_run_the_release_phase_of_the_promoted_slug(api, sim):
    """A target is pending while the release phase of the promoted slug runs; the promotion completes once
    every target has ended, so never while one hangs."""
    sim.freeze_async(True)
    ids = {n: sim.seed_app(n, process_types={"web": f"run {n}"})["id"] for n in ("ok-app", "bad-app", "stuck-app")}
    ids["src-app"] = sim.seed_app("src-app", process_types={"web": "run src", "release": "migrate"})["id"]
    p = api.post("/pipelines", {"name": "phase-pipe"}).body
    for app, stage in [("src-app", "staging"), ("ok-app", "production"), ("bad-app", "production")]:
        api.post("/pipeline-couplings", {"app": app, "pipeline": p["id"], "stage": stage})
    sim.release_phase("bad-app", "fail")
    promo = promote(api, p, ids, ["ok-app", "bad-app"]).body
    sim.freeze_async(False)
    wait_for(lambda: api.get(f"/pipeline-promotions/{promo['id']}").body["status"] == "completed")
    targets = {t["app"]["id"]: t for t in api.get(f"/pipeline-promotions/{promo['id']}/promotion-targets").body}
    assert targets[ids["ok-app"]]["status"] == "succeeded" and targets[ids["ok-app"]]["error_message"] is None
    assert targets[ids["bad-app"]]["status"] == "failed" and "Release phase failed" in targets[ids["bad-app"]]["error_message"]
    ok, bad = latest_release(api, "ok-app"), latest_release(api, "bad-app")
    assert (ok["status"], ok["current"], bad["status"], bad["current"]) == ("succeeded", True, "failed", False)
    assert ok["output_stream_url"] and bad["output_stream_url"]
    assert api.get("/apps/bad-app/formation/web").body["command"] == "run bad-app"

    api.post("/pipeline-couplings", {"app": "stuck-app", "pipeline": p["id"], "stage": "production"})
    sim.release_phase("stuck-app", "hang")
    stuck = promote(api, p, ids, ["stuck-app"]).body
    for _ in range(3):
        assert api.get(f"/pipeline-promotions/{stuck['id']}").body["status"] == "pending"
    assert api.get(f"/pipeline-promotions/{stuck['id']}/promotion-targets").body[0]["status"] == "pending"
    assert latest_release(api, "stuck-app")["status"] == "pending"
    assert api.get("/apps/stuck-app/formation/web").body["command"] == "run stuck-app"


def test_promotion_validation(api, sim):
    a = sim.seed_app("lonely-app")
    p = api.post("/pipelines", {"name": "empty-pipe"}).body
    r = api.post("/pipeline-promotions", {"pipeline": {"id": p["id"]}, "source": {"app": {"id": a["id"]}},
                                          "targets": [{"app": {"id": a["id"]}}]})
    assert r.status == 422


def test_stage_config_vars(api):
    p = api.post("/pipelines", {"name": "cfg-pipe"}).body
    assert api.get(f"/pipelines/{p['id']}/stage/review/config-vars").body == {}
    assert api.patch(f"/pipelines/{p['id']}/stage/review/config-vars", {"A": "1", "B": "2"}).body == {"A": "1", "B": "2"}
    assert api.patch(f"/pipelines/{p['id']}/stage/review/config-vars", {"A": None}).body == {"B": "2"}
    assert api.patch(f"/pipelines/{p['id']}/stage/review/config-vars", {"A": 3}).status == 422


# ---- spaces ----------------------------------------------------------------------------------

def test_space_allocation_and_delete(api, sim):
    sim.set_async_delay(0.2)
    r = api.post("/spaces", {"name": "my-space", "team": "acme", "region": "frankfurt", "shield": True})
    assert r.status == 201 and r.body["state"] == "allocating" and r.body["region"]["name"] == "frankfurt"
    assert api.get("/spaces/my-space/nat").body["sources"] == []
    wait_for(lambda: api.get("/spaces/my-space").body["state"] == "allocated")
    assert len(api.get("/spaces/my-space/nat").body["sources"]) > 0
    assert api.post("/spaces", {"name": "my-space", "team": "acme"}).status == 422
    assert api.post("/spaces", {"name": "other", "team": "acme", "region": "us"}).status == 422
    assert api.post("/spaces", {"name": "no-team"}).status == 422
    assert api.post("/spaces", {"name": "bad-cidr", "team": "acme", "cidr": "8.8.0.0/16"}).status == 422
    # A space's log drain is taken at creation only, over HTTPS only, and never shown.
    assert api.post("/spaces", {"name": "drained", "team": "acme", "log_drain_url": "syslog://logs.example.com:514"}).status == 422
    drained = api.post("/spaces", {"name": "drained", "team": "acme", "log_drain_url": "https://logs.example.com/x"})
    assert drained.status == 201 and "log_drain_url" not in drained.body
    # An app in a shield space gets Shield dynos; a space with apps can't be deleted.
    app = api.post("/teams/apps", {"name": "spaced-app", "space": "my-space"}).body
    assert app["space"]["name"] == "my-space" and app["region"]["name"] == "frankfurt"
    assert api.delete("/spaces/my-space").status == 422
    api.delete("/apps/spaced-app")
    assert api.delete("/spaces/my-space").body["state"] == "deleting"
    wait_for(lambda: api.get("/spaces/my-space").status == 404)
    assert api.patch("/spaces/nope", {"name": "x"}).status == 404


def test_a_ruleset_waits_for_the_space_to_be_allocated(api, sim):
    sim.freeze_async(True)
    api.post("/spaces", {"name": "young-space", "team": "acme"})
    # The ruleset a space starts with reads at once; a new one is refused until the space is allocated.
    assert api.get("/spaces/young-space/inbound-ruleset").body["rules"] == [{"action": "allow", "source": "0.0.0.0/0"}]
    refused = api.put("/spaces/young-space/inbound-ruleset", {"rules": [{"action": "allow", "source": "10.0.0.0/8"}]})
    assert refused.status == 422 and refused.body["id"] == "invalid_params"
    assert "allocating" in refused.body["message"] and "once it is allocated" in refused.body["message"]
    assert api.get("/spaces/young-space/inbound-ruleset").body["rules"] == [{"action": "allow", "source": "0.0.0.0/0"}]
    sim.freeze_async(False)
    assert api.get("/spaces/young-space").body["state"] == "allocated"
    assert api.put("/spaces/young-space/inbound-ruleset", {"rules": []}).status == 200


def test_space_rules_and_members(api, sim):
    api.post("/spaces", {"name": "rule-space", "team": "acme"})
    assert api.get("/spaces/rule-space/inbound-ruleset").body["rules"] == [{"action": "allow", "source": "0.0.0.0/0"}]
    rules = [{"action": "allow", "source": "10.0.0.0/8"}, {"action": "deny", "source": "1.2.3.4/32"}]
    assert api.put("/spaces/rule-space/inbound-ruleset", {"rules": rules}).body["rules"] == rules
    assert api.get("/spaces/rule-space/inbound-ruleset").body["rules"] == rules
    assert api.put("/spaces/rule-space/inbound-ruleset", {"rules": [{"action": "maybe", "source": "x"}]}).status == 422
    assert api.patch("/spaces/rule-space", {"name": "renamed-space"}).body["name"] == "renamed-space"
    members = api.get("/spaces/renamed-space/members").body
    assert "alice@example.com" in {m["user"]["email"] for m in members}
    r = api.patch("/spaces/renamed-space/members/bob@example.com", {"permissions": [{"name": "create_apps"}]})
    assert [p["name"] for p in r.body["permissions"]] == ["create_apps"]
    assert api.get("/spaces/renamed-space/members/carol@example.com").status == 404


# ---- domains, drains, collaborators ------------------------------------------------------------

def test_domains(api, sim):
    sim.seed_app("dom-app")
    assert [d["kind"] for d in api.get("/apps/dom-app/domains").body] == ["heroku"]
    d = api.post("/apps/dom-app/domains", {"hostname": "www.example.com", "sni_endpoint": None})
    assert d.status == 201 and d.body["kind"] == "custom" and d.body["cname"]
    assert api.post("/apps/dom-app/domains", {"hostname": "www.example.com", "sni_endpoint": None}).status == 422
    assert api.post("/apps/dom-app/domains", {"hostname": "not a host", "sni_endpoint": None}).status == 422
    assert api.get("/apps/dom-app/domains/www.example.com").body["id"] == d.body["id"]
    assert api.delete(f"/apps/dom-app/domains/{d.body['id']}").status == 200
    assert api.get("/apps/dom-app/domains/www.example.com").status == 404


def test_log_drains(api, sim):
    sim.seed_app("drain-app")
    url = "syslog+tls://logs.example.com:6514"
    d = api.post("/apps/drain-app/log-drains", {"url": url})
    assert d.status == 201 and d.body["token"].startswith("d.")
    assert api.post("/apps/drain-app/log-drains", {"url": url}).status == 422
    assert api.post("/apps/drain-app/log-drains", {"url": "ftp://x"}).status == 422
    assert [x["url"] for x in api.get("/apps/drain-app/log-drains").body] == [url]
    from urllib.parse import quote
    assert api.delete(f"/apps/drain-app/log-drains/{quote(url, safe='')}").status == 200
    assert api.get("/apps/drain-app/log-drains").body == []


def test_collaborators(api, sim):
    sim.seed_app("collab-app")
    r = api.post("/apps/collab-app/collaborators", {"user": "dave@example.com", "silent": True})
    assert r.status == 201 and r.body["user"]["email"] == "dave@example.com"
    assert api.post("/apps/collab-app/collaborators", {"user": "dave@example.com"}).status == 422
    assert api.post("/apps/collab-app/collaborators", {"user": "not-an-email"}).status == 422
    roles = {c["user"]["email"]: c["role"] for c in api.get("/apps/collab-app/collaborators").body}
    assert roles == {"ops@example.com": "owner", "dave@example.com": "collaborator"}
    assert api.get("/apps/collab-app/collaborators/dave@example.com").body["id"] == r.body["id"]
    assert api.delete("/apps/collab-app/collaborators/dave@example.com").status == 200
    assert api.delete("/apps/collab-app/collaborators/ops@example.com").status == 422


def test_team_app_collaborators(api, sim):
    sim.seed_app("team-collab", team="acme")
    r = api.post("/teams/apps/team-collab/collaborators", {"user": "bob@example.com", "permissions": ["deploy"]})
    assert r.status == 201 and [p["name"] for p in r.body["permissions"]] == ["view", "deploy"]
    r = api.patch("/teams/apps/team-collab/collaborators/bob@example.com", {"permissions": ["view", "operate"]})
    assert [p["name"] for p in r.body["permissions"]] == ["view", "operate"]
    assert api.post("/teams/apps/team-collab/collaborators",
                    {"user": "x@example.com", "permissions": ["fly"]}).status == 422
    assert len(api.get("/teams/apps/team-collab/collaborators").body) == 1


# ---- seed_app -----------------------------------------------------------------------------------

def test_seed_app_formation_and_config(sim, api):
    app = sim.seed_app("seeded-app", team="acme", config={"A": "1"},
                       formation={"web": {"quantity": 2, "size": "standard-1x"}, "worker": 3})
    assert app["team"]["name"] == "acme"
    form = {f["type"]: (f["quantity"], f["size"]) for f in api.get("/apps/seeded-app/formation").body}
    assert form == {"web": (2, "Standard-1X"), "worker": (3, "Basic")}
    assert api.get("/apps/seeded-app/config-vars").body == {"A": "1"}
    assert api.get("/apps/seeded-app/releases").body[-1]["current"] is True


def test_deleting_app_detaches_shared_addon(api, sim):
    sim.seed_app("owner-app")
    sim.seed_app("borrower-app")
    ad = api.post("/apps/owner-app/addons", {"plan": "heroku-redis"}).body
    api.post("/addon-attachments", {"addon": ad["id"], "app": "borrower-app", "name": "CACHE"})
    assert "CACHE_URL" in api.get("/apps/borrower-app/config-vars").body
    api.delete("/apps/owner-app")
    assert "CACHE_URL" not in api.get("/apps/borrower-app/config-vars").body
    assert api.get("/apps/borrower-app/addon-attachments").body == []


def test_restart_and_stop_act_on_one_process_type(api, sim):
    """The 2025 schema's dyno.restart_formation (DELETE /apps/{app}/formations/{type}) and
    dyno.stop_formation (POST .../actions/stop): only that type's dynos, an empty object answered,
    and Heroku's 404 for a type the app does not have."""
    sim.seed_app("form-act", process_types={"web": "npm start", "worker": "node worker.js"},
                 formation={"web": 2, "worker": 1})
    sim.set_async_delay(3600)
    sim.set_async_reads(1000)
    assert {d["name"]: d["state"] for d in api.get("/apps/form-act/dynos").body} == {
        "web.1": "up", "web.2": "up", "worker.1": "up"}
    r = api.delete("/apps/form-act/formations/worker")
    assert (r.status, r.body) == (202, {})
    assert {d["name"]: d["state"] for d in api.get("/apps/form-act/dynos").body} == {
        "web.1": "up", "web.2": "up", "worker.1": "starting"}
    r = api.post("/apps/form-act/formations/web/actions/stop", None)
    assert (r.status, r.body) == (202, {})
    # Stopped dynos are gone until the formation brings them back.
    assert [d["name"] for d in api.get("/apps/form-act/dynos").body] == ["worker.1"]
    for method, path in (("DELETE", "/apps/form-act/formations/clock"),
                         ("POST", "/apps/form-act/formations/clock/actions/stop")):
        r = api(method, path)
        assert (r.status, r.body["id"]) == (404, "not_found"), path
    assert api.delete("/apps/nowhere-app/formations/web").status == 404


def test_what_an_estates_compliance_reads_see_deprecated_stacks_retired_sizes_acm_and_maintenance(api, sim, tmp_path):
    # Heroku keeps listing a stack whose end of life it has announced, as "deprecated"; apps may not move to it.
    assert api.post("/__simulator/stack-state", {"stack": "heroku-22", "state": "beta"}).body["state"] == "beta"
    assert api.post("/__simulator/stack-state", {"stack": "heroku-99", "state": "beta"}).status == 404
    assert sim.set_stack_state("heroku-22", "deprecated")["state"] == "deprecated"
    assert {s["name"]: s["state"] for s in api.get("/stacks").body} == {"heroku-22": "deprecated", "heroku-24": "public"}
    assert api.get("/stacks/heroku-22").body["state"] == "deprecated"
    old = sim.seed_app("old-free", stack="heroku-22", formation={"web": {"quantity": 0, "size": "free"}}, maintenance=True)
    assert old["stack"]["name"] == "heroku-22" and old["maintenance"] is True and old["acm"] is False
    assert {s["name"] for s in api.get("/apps/old-free/available-stacks").body} == {"heroku-24"}
    # A formation still names the size Heroku retired; the size list and a formation update know it no longer.
    web = api.get("/apps/old-free/formation/web").body
    assert (web["size"], web["dyno_size"]["name"], web["quantity"]) == ("Free", "Free", 0)
    assert not {"Free", "Hobby"} & {d["name"] for d in api.get("/dyno-sizes").body}
    assert api.get("/dyno-sizes/hobby").status == 404
    assert api.patch("/apps/old-free/formation/web", {"size": "Hobby"}).status == 422
    assert api.patch("/apps/old-free/formation/web", {"size": "Eco", "quantity": 1}).status == 200
    assert sim.seed_app("secured", acm=True)["acm"] is True and api.get("/apps/secured").body["acm"] is True
    # The stack's state outlives a save and a load; a reset brings the starting catalogue back.
    sim.save(str(tmp_path / "state.json"))
    sim.reset()
    assert {s["state"] for s in api.get("/stacks").body} == {"public"}
    sim.load(str(tmp_path / "state.json"))
    assert api.get("/stacks/heroku-22").body["state"] == "deprecated"
