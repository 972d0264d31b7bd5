# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The herokuops.platform.app role and the collection's playbooks, through real ansible-playbook runs.

The playbooks run by their full names (``ansible-playbook herokuops.platform.scale``), found through
ANSIBLE_COLLECTIONS_PATH in the harness's environment, exactly as a user runs them.
"""

import http.server
import io
import re
import tarfile
import threading
from pathlib import Path

import pytest
import requests
import yaml
from ansible.release import __version__ as ANSIBLE_CORE_VERSION

from heroku_simulator.certificates import TestCA
from converge import assert_writes
from sim_api import API_KEY, api

REPO_ROOT = Path(__file__).resolve().parents[2]
# converge_estate needs 2.19: older ansible-core renders a templated null as an empty string.
ESTATE_CORE = tuple(int(part) for part in ANSIBLE_CORE_VERSION.split(".")[:2]) >= (2, 19)
DEMO_SOURCE = REPO_ROOT / "playbooks" / "files" / "demo-shop"  # its Procfile: web, worker, release


def role_tasks(result, name):
    """Results of the role's task ``name`` (recorded as ``<role> : <name>``), in order."""
    return [r for r in result.results if r.name.split(" : ", 1)[-1] == name]


def role_task(result, name):
    found = role_tasks(result, name)
    assert found, f"no task {name!r} ran: {[r.name for r in result.results]}\n{result.output}"
    return found[-1]


def release_slug(sim, app):
    return api(sim, "GET", f"/apps/{app}/releases", headers={"Range": "version ..; order=desc, max=1"})[1][0]["slug"]


def formation(sim, app):
    return {p["type"]: (p["quantity"], p["size"]) for p in api(sim, "GET", f"/apps/{app}/formation")[1]}


# --- playbooks, by their full names -------------------------------------------------------------

def test_converge_estate_then_promote_then_scale(sim, run_named, tmp_path):
    sim.seed_app("shop-staging", region="eu", process_types={"web": "npm start", "worker": "node worker.js"})
    sim.seed_app("shop-web", region="eu", process_types={"web": "npm start", "worker": "node worker.js"})
    estate = tmp_path / "estate.yml"
    estate.write_text(yaml.safe_dump({"heroku_estate_apps": [
        {"name": "shop-staging", "region": "eu", "pipeline": "shop", "pipeline_stage": "staging",
         "config": {"NODE_ENV": "staging"}},
        {"name": "shop-web", "region": "eu", "pipeline": "shop", "pipeline_stage": "production",
         "config": {"NODE_ENV": "production", "SESSION_SECRET": "estate-secret-value"},
         "addons": [{"plan": "heroku-postgresql:essential-0", "name": "shop-web-db"}],
         "formation": [{"type": "web", "quantity": 2, "size": "standard-1x"}]},
        # A new app sharing the database of an app listed before it.
        {"name": "shop-new", "region": "eu", "formation": [{"type": "web", "quantity": 1}],
         "attachments": [{"addon": "shop-web-db", "as": "shop_db"}]},
    ]}), encoding="utf-8")

    result = run_named("converge_estate", {"heroku_estate_file": str(estate)})
    if not ESTATE_CORE:
        # Refused before any request, saying why and what to do instead.
        assert result.rc != 0 and "needs ansible-core 2.19 or newer" in result.output, result
        assert sim.requests == []
        return
    assert result.rc == 0, result
    assert "estate-secret-value" not in result.output
    assert api(sim, "GET", "/apps/shop-web/config-vars")[1]["SESSION_SECRET"] == "estate-secret-value"
    assert "DATABASE_URL" in api(sim, "GET", "/apps/shop-web/config-vars")[1]
    assert formation(sim, "shop-web")["web"] == (2, "Standard-1X")
    assert "SHOP_DB_URL" in api(sim, "GET", "/apps/shop-new/config-vars")[1]
    couplings = {c["app"]["name"]: c["stage"] for c in api(sim, "GET", "/pipelines/shop/pipeline-couplings")[1]}
    assert couplings == {"shop-staging": "staging", "shop-web": "production"}
    # shop-new has no release yet: its web type is reported, not scaled, and the run does not fail.
    warned = role_tasks(result, "Warn about process types no release defines yet")
    assert any("Not scaling web on shop-new" in t.get("msg", "") for t in warned), result.output

    staging_slug = release_slug(sim, "shop-staging")
    assert release_slug(sim, "shop-web")["id"] != staging_slug["id"]
    result = run_named("promote", {"pipeline": "shop", "source": "shop-staging"})
    assert result.rc == 0, result
    promotion = result.task("Promote the release of the source app")
    assert promotion.changed
    assert [(t["app"], t["status"]) for t in promotion["heroku_pipeline_promotion"]["targets"]] == [
        ("shop-web", "succeeded")]
    assert release_slug(sim, "shop-web")["id"] == staging_slug["id"]

    sim.clear_requests()
    result = run_named("promote", {"pipeline": "shop", "source": "shop-staging"})
    assert result.rc == 0, result
    assert not result.changed and sim.writes() == []
    assert result.task("Promote the release of the source app")["heroku_pipeline_promotion"]["skipped"] == ["shop-web"]

    scale = {"app": "shop-web", "processes": [{"type": "web", "quantity": 3}, {"type": "worker", "quantity": 1}]}
    result = run_named("scale", scale)
    assert result.rc == 0, result
    assert result.task("Scale the process types").changed
    assert formation(sim, "shop-web") == {"web": (3, "Standard-1X"), "worker": (1, "Basic")}


class SmokeTarget:
    """The app's web front as the deploy playbook's check sees it: answers ``status`` and counts requests."""

    def __init__(self):
        self.status, self.hits = 200, 0
        target = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                target.hits += 1
                self.send_response(target.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def smoke():
    target = SmokeTarget()
    yield target
    target.server.shutdown()
    target.server.server_close()


def current_release(sim, app):
    return next(r for r in api(sim, "GET", f"/apps/{app}/releases")[1] if r["current"])


def test_deploy_builds_scales_checks_and_rolls_back_what_fails(sim, run_named, smoke):
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    before = current_release(sim, "shop-web")
    deploy = {"app": "shop-web", "source_url": "https://artifacts.example.com/shop-1.0.tgz",
              "checksum": "SHA256:" + "1" * 64, "version": "1.0", "processes": [{"type": "web", "quantity": 2}],
              "smoke_url": smoke.url, "smoke_delay": 0}

    result = run_named("deploy", deploy)
    assert result.rc == 0, result
    build = result.task("Build the source and wait for its release")
    assert build.changed and build["heroku_build"]["status"] == "succeeded"
    deployed = current_release(sim, "shop-web")
    assert deployed["version"] == build["heroku_build"]["release_version"] > before["version"]
    assert formation(sim, "shop-web")["web"][0] == 2 and smoke.hits == 1
    assert_writes(build.writes, [("POST", "/apps/shop-web/builds", {"source_blob": {
        "url": "https://artifacts.example.com/shop-1.0.tgz", "checksum": "SHA256:" + "1" * 64, "version": "1.0"}})])
    assert_writes(result.task("Scale the process types").writes,
                  [("PATCH", "/apps/shop-web/formation", {"updates": [{"type": "web", "quantity": 2}]})])

    # The same source again: nothing is built, scaled or rolled back; only reads.
    sim.clear_requests()
    result = run_named("deploy", deploy)
    assert result.rc == 0, result
    assert not result.changed and sim.writes() == []

    # A new source whose app does not answer: rolled back to the release that ran before, and the play fails.
    smoke.status = 500
    result = run_named("deploy", {**deploy, "checksum": "SHA256:" + "2" * 64, "version": "2.0", "smoke_retries": 1})
    assert result.rc != 0
    assert result.task("Roll back to the release that ran before").changed
    assert "Check that the app answers" in result.output and f"Rolled back to v{deployed['version']}." in result.output
    rolled_back = current_release(sim, "shop-web")
    assert rolled_back["slug"] == deployed["slug"] and rolled_back["version"] > deployed["version"] + 1
    assert_writes(result.task("Roll back to the release that ran before").writes,
                  [("POST", "/apps/shop-web/releases", {"release": deployed["id"]})])

    # A build that fails: Heroku never switched, so the rollback changes nothing and the play says so.
    sim.clear_requests()
    result = run_named("deploy", {**deploy, "source_url": "https://artifacts.example.com/fail.tgz",
                                  "checksum": "SHA256:" + "3" * 64})
    assert result.rc != 0
    assert not result.task("Roll back to the release that ran before").changed
    assert f"The app still runs v{rolled_back['version']}." in result.output
    assert_writes(sim.writes(), [("POST", "/apps/shop-web/builds", {"source_blob": {
        "url": "https://artifacts.example.com/fail.tgz", "checksum": "SHA256:" + "3" * 64, "version": "1.0"}})])
    assert current_release(sim, "shop-web")["id"] == rolled_back["id"]


def uploaded_source(sim, directory):
    """The get_url of ``directory`` packed and uploaded to the simulator's storage, as a deploy pipeline would."""
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w:gz") as tar:
        tar.add(str(directory), arcname=".")
    blob = api(sim, "POST", "/sources")[1]["source_blob"]
    assert requests.put(blob["put_url"], data=archive.getvalue()).status_code == 200
    return blob["get_url"]


def test_deploy_refuses_a_typo_in_any_variable_before_any_request(sim, run_named):
    # Before, processes were checked by the formation step, after the build and its release (then rolled back).
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    result = run_named("deploy", {
        "app": "shop-web", "source_url": "https://artifacts.example.com/shop-1.0.tgz?token=deploy-source-token",
        "checksum": "sha256:" + "1" * 64, "wait_timeout": 60, "rollback_wait_timeout": -1, "smoke_url": "shop.example.com/health",
        "processes": [{"type": "web", "quantity": 2, "size": "standard-3x"}, {"type": "worker", "quantity": 1}]})
    assert result.rc != 0
    check = result.task("Check the variables as the modules will, before any request")
    assert check.status == "failed"
    problems = check["msg"]
    assert problems[0].startswith("checksum='sha256:" + "1" * 64 + "' is not a checksum Heroku takes"), problems
    assert problems[1].startswith("processes[0] (type web): size 'standard-3x' is not a Heroku dyno size"), problems
    assert problems[2].startswith("rollback_wait_timeout: wait_timeout=-1 is out of range"), problems
    assert problems[3].startswith("smoke_url must be an http:// or https:// URL"), problems
    assert len(problems) == 4
    assert sim.requests == []
    assert "deploy-source-token" not in result.output

    result = run_named("deploy", {"app": "shop-web", "source_url": "https://artifacts.example.com/shop-1.0.tgz",
                                  "processes": [{"type": "web worker", "quantity": 100000}]})
    assert result.rc != 0
    assert result.task("Check the variables as the modules will, before any request")["msg"] == [
        "processes[0].type='web worker' is not a valid process type name: use 1 to 128 letters, digits, dashes and "
        "underscores, like web or worker."]
    assert sim.requests == []


def test_deploy_whose_release_phase_hangs_ends_saying_what_it_did_and_what_is_pending(sim, run_named):
    # The demo source's Procfile has a release phase, as has the release the app runs: both phases hang.
    sim.seed_app("shop-web", process_types={"web": "npm start", "release": "node migrate.js"})
    before = current_release(sim, "shop-web")
    source_url = uploaded_source(sim, DEMO_SOURCE)
    sim.release_phase("shop-web", "hang")
    result = run_named("deploy", {"app": "shop-web", "source_url": source_url, "smoke_check": False,
                                  "wait_timeout": 2, "rollback_wait_timeout": 1})
    assert result.rc != 0
    # The rollback had its own bound, and the play went on to say what happened.
    rollback = result.task("Roll back to the release that ran before")
    assert rollback.status == "failed" and rollback["changed"] is True
    message = result.task("Fail with what went wrong, what was done about it and what to do")["msg"]
    releases = api(sim, "GET", "/apps/shop-web/releases")[1]
    pending = sorted(release["version"] for release in releases if release["status"] == "pending")
    assert len(pending) == 2
    assert message.startswith('Deploy to shop-web failed at "Build the source and wait for its release": '), message
    assert f"The rollback to v{before['version']} did not finish: " in message
    assert f"The app runs v{before['version']}. Releases still pending (their release phase has not ended): " \
           f"v{pending[0]}, v{pending[1]}." in message
    assert message.endswith(f"ansible-playbook herokuops.platform.rollback -e app=shop-web -e version={before['version']} "
                            "-e wait_timeout=<seconds>."), message
    assert current_release(sim, "shop-web")["id"] == before["id"]
    assert "signature=" not in result.output


def test_rollback_steps_back_or_returns_to_a_version(sim, run_named):
    sim.seed_app("shop-web")
    api(sim, "PATCH", "/apps/shop-web/config-vars", {"FEATURE": "on"})
    first, second = sorted(r["version"] for r in api(sim, "GET", "/apps/shop-web/releases")[1])[-2:]

    result = run_named("rollback", {"app": "shop-web"})
    assert result.rc == 0, result
    release = result.task("Roll back")["heroku_release"]
    assert release["description"] == f"Rollback to v{first}" and release["previous_release"]["version"] == second
    assert "FEATURE" not in api(sim, "GET", "/apps/shop-web/config-vars")[1]

    result = run_named("rollback", {"app": "shop-web", "version": second})
    assert result.rc == 0, result
    assert api(sim, "GET", "/apps/shop-web/config-vars")[1]["FEATURE"] == "on"
    sim.clear_requests()
    result = run_named("rollback", {"app": "shop-web", "version": second})
    assert result.rc == 0 and not result.changed and sim.writes() == [], result


@pytest.mark.parametrize("name, extra_vars, message", [
    ("scale", {"app": "shop-web"}, "missing required arguments: processes"),
    ("deploy", {"app": "shop-web"}, "missing required arguments: source_url"),
    ("rollback", {"app": "shop-web", "version": "latest"}, "version"),
    ("promote", {"source": "shop-staging"}, "missing required arguments: pipeline"),
    ("converge_estate", {}, "Set heroku_estate_apps to a list of apps"),
])
def test_playbooks_refuse_bad_variables_before_any_request(sim, run_named, name, extra_vars, message):
    result = run_named(name, extra_vars)
    assert result.rc != 0
    assert message in result.output
    assert sim.requests == []


# --- the role ------------------------------------------------------------------------------------

ROLE_VARS = {
    "heroku_app_name": "acme-web",
    "heroku_app_region": "eu",
    "heroku_app_stack": "heroku-24",
    "heroku_app_buildpacks": ["heroku/nodejs"],
    "heroku_app_features": {"preboot": True},
    "heroku_app_maintenance": False,
    "heroku_app_config": {"NODE_ENV": "production", "SESSION_SECRET": "role-secret-value"},
    "heroku_app_addons": [{"plan": "heroku-postgresql:essential-0", "attachment_name": "DATABASE"},
                          {"plan": "heroku-redis:mini", "name": "acme-web-cache"}],
    # acme-api's Papertrail, shared; an older attachment of it detached.
    "heroku_app_attachments": [{"addon": "acme-logs", "as": "shared_logs"}, {"as": "OLD_LOGS", "state": "absent"}],
    "heroku_app_formation": [{"type": "web", "quantity": 2, "size": "standard-2x"}, {"type": "worker", "quantity": 1}],
    "heroku_app_pipeline": "acme",
    "heroku_app_pipeline_stage": "production",
    "heroku_app_domains": [{"hostname": "www.acme.example.com"}, {"hostname": "API.acme.example.com"}],
    "heroku_app_drains": [{"url": "syslog+tls://acme:role-drain-password@logs.example.com:6514"}],
    "heroku_app_collaborators": [{"email": "Dana@Example.com"}],
    "heroku_app_webhooks": [{"url": "https://hooks.example.com/acme", "include": ["api:release", "api:formation"],
                             "secret": "role-webhook-secret"}],
    "heroku_app_source": {"path": str(DEMO_SOURCE), "version": "1.0"},
}
ROLE_SECRETS = ("role-secret-value", "role-drain-password", "role-webhook-secret", "role-otel-key")
# A tarball URL with a token, as artifact stores sign them.
TOKEN_SOURCE = {"url": "https://artifacts.example.com/acme-web.tgz?token=role-source-token"}


def with_certificate(role_vars):
    """``role_vars`` with an SSL certificate for the role's domains; returns (vars, the lines of its private key)."""
    cert_pem, key_pem = TestCA().issue("www.acme.example.com", "api.acme.example.com")
    certificate = {"certificate": cert_pem, "private_key": key_pem,
                   "domains": ["www.acme.example.com", "api.acme.example.com"]}
    return {**role_vars, "heroku_app_certificate": certificate}, tuple(key_pem.strip().splitlines()[1:-1])


def role_play(role_vars, module_defaults=None, name="Converge with the app role"):
    return yaml.safe_dump([role_play_data(role_vars, module_defaults, name)])


def role_play_data(role_vars, module_defaults=None, name="Converge with the app role"):
    play = {
        "name": name,
        "hosts": "localhost",
        "connection": "local",
        "gather_facts": False,
        "roles": [{"role": "herokuops.platform.app", "vars": role_vars}],
    }
    if module_defaults:
        play["module_defaults"] = {"group/herokuops.platform.heroku": module_defaults}
    return play


def test_role_converges_an_app_then_changes_nothing(sim, run_playbook):
    sim.seed_app("acme-web", region="eu", process_types={"web": "npm start", "worker": "node worker.js"})
    sim.seed_app("acme-api")
    assert api(sim, "POST", "/apps/acme-api/addons", {"plan": "papertrail:choklad", "name": "acme-logs"})[0] == 201
    status, old_logs = api(sim, "POST", "/addon-attachments", {"addon": "acme-logs", "app": "acme-web", "name": "OLD_LOGS"})
    assert status == 201
    role_vars, key_lines = with_certificate(ROLE_VARS)

    # The role, then the role again, as two plays of one playbook: the second play starts after the first ended;
    # then a preview, in check mode, of a new app deployed from a tarball URL with a token.
    # At -vvvv with --diff: every secret the variables hold stays out of the output and the results.
    preview = dict(role_play_data({**ROLE_VARS, "heroku_app_name": "acme-next", "heroku_app_source": TOKEN_SOURCE},
                                  name="preview"), check_mode=True)
    result = run_playbook(yaml.safe_dump([role_play_data(role_vars, name="converge"),
                                          role_play_data(role_vars, name="again"), preview]), verbosity=4, diff=True)
    assert result.rc == 0, result
    first = [r for r in result.results if r.play == "converge"]
    again = [r for r in result.results if r.play == "again"]
    previewed = [r for r in result.results if r.play == "preview"]
    assert "would deploy https://artifacts.example.com/********" in role_task(
        result, "Say what check mode would do to the new app acme-next")["msg"]
    assert [w for t in previewed for w in t.writes] == []
    for secret in ROLE_SECRETS + key_lines + ("role-source-token",):
        assert secret not in result.output, secret
        assert secret not in repr([task.result for task in result.results]), secret
    assert {t.name.split(" : ", 1)[-1] for t in first if t.changed} >= {
        "Converge the app itself, acme-web", "Set the config vars of acme-web", "Converge the add-ons of acme-web",
        "Attach the shared add-ons of acme-web",
        "Converge the custom domains of acme-web", "Converge the SSL certificate of acme-web",
        "Converge the log drains of acme-web", "Converge the collaborators of acme-web",
        "Converge the webhooks of acme-web", "Deploy the source of acme-web",
        "Couple to its pipeline stage the app acme-web", "Scale the defined process types of acme-web"}
    # The state the first play left; the second play changed nothing (below): no write.
    config = api(sim, "GET", "/apps/acme-web/config-vars")[1]
    assert config["SESSION_SECRET"] == "role-secret-value" and "DATABASE_URL" in config
    # Heroku lists the add-ons attached to the app too (acme-api's acme-logs): those it owns.
    assert sorted(a["name"] for a in api(sim, "GET", "/apps/acme-web/addons")[1] if a["app"]["name"] == "acme-web")[0] == "acme-web-cache"
    # Attached after the add-ons, before the deploy: the release phase sees the shared add-on's vars.
    attached = [item for item in api(sim, "GET", "/apps/acme-web/addon-attachments")[1] if item["addon"]["name"] == "acme-logs"]
    assert [item["name"] for item in attached] == ["SHARED_LOGS"] and "SHARED_LOGS_API_TOKEN" in config
    attach = role_tasks(result, "Attach the shared add-ons of acme-web")[0]
    assert [(r["method"], r["path"], r["body"]) for r in attach.writes] == [
        ("POST", "/addon-attachments", {"addon": "acme-logs", "app": "acme-web", "name": "shared_logs"}),
        ("DELETE", "/addon-attachments/%s" % old_logs["id"], None)]
    steps = [t.name.split(" : ", 1)[-1] for t in first]
    assert steps.index("Converge the add-ons of acme-web") < steps.index("Attach the shared add-ons of acme-web") < \
        steps.index("Deploy the source of acme-web")
    assert formation(sim, "acme-web") == {"web": (2, "Standard-2X"), "worker": (1, "Basic")}
    assert api(sim, "GET", "/apps/acme-web/pipeline-couplings")[1]["stage"] == "production"
    assert [b["buildpack"]["name"] for b in api(sim, "GET", "/apps/acme-web/buildpack-installations")[1]] == [
        "heroku/nodejs"]
    domains = {d["hostname"]: d for d in api(sim, "GET", "/apps/acme-web/domains")[1] if d["kind"] == "custom"}
    assert sorted(domains) == ["api.acme.example.com", "www.acme.example.com"]
    endpoints = api(sim, "GET", "/apps/acme-web/sni-endpoints")[1]
    assert len(endpoints) == 1
    assert {d["sni_endpoint"]["name"] for d in domains.values()} == {endpoints[0]["name"]}
    drains = [d for d in api(sim, "GET", "/apps/acme-web/log-drains")[1] if not d.get("addon")]
    assert [d["url"] for d in drains] == ["syslog+tls://acme:role-drain-password@logs.example.com:6514"]
    assert "dana@example.com" in [c["user"]["email"] for c in api(sim, "GET", "/apps/acme-web/collaborators")[1]]
    webhooks = api(sim, "GET", "/apps/acme-web/webhooks")[1]
    assert [(w["url"], sorted(w["include"])) for w in webhooks] == [
        ("https://hooks.example.com/acme", ["api:formation", "api:release"])]

    assert again and [t for t in again if t.changed] == [] and [w for t in again for w in t.writes] == []
    # Reads only: GETs, and the one list of the pipeline's apps by id (POST /filters/apps).
    assert [(r["method"], r["path"]) for t in again for r in t.requests if r["method"] != "GET"] == [
        ("POST", "/filters/apps")]
    # Exactly the reads the role sent before apps had generations and telemetry drains: the generation check of the
    # drains takes the app's generation from the app's own read, and no telemetry drain is read on a Cedar app.
    assert [(r["method"], re.sub(r"[0-9a-f-]{36}", "{id}", r["path"])) for t in again for r in t.requests] == [
        ("GET", "/apps/acme-web"), ("GET", "/apps/{id}/buildpack-installations"), ("GET", "/apps/{id}/features"),
        ("GET", "/apps/acme-web/config-vars"), ("GET", "/apps/acme-web/addons"), ("GET", "/apps/acme-web/addon-attachments"),
        ("GET", "/apps/acme-web/addons/acme-web-cache"),
        ("GET", "/apps/acme-web/addon-attachments"), ("GET", "/addons/{id}"), ("GET", "/addons/{id}/addon-attachments"),
        ("GET", "/apps/acme-web/addon-attachments"), ("GET", "/apps/acme-web/domains/www.acme.example.com"),
        ("GET", "/apps/acme-web/domains/api.acme.example.com"), ("GET", "/apps/acme-web/sni-endpoints"),
        ("GET", "/apps/acme-web/domains"), ("GET", "/apps/acme-web/log-drains"),
        ("GET", "/apps/acme-web/collaborators/dana@example.com"), ("GET", "/apps/acme-web/webhooks"),
        ("GET", "/pipelines/acme"), ("GET", "/pipelines/{id}/pipeline-couplings"), ("POST", "/filters/apps"),
        ("GET", "/apps/acme-web/releases"), ("GET", "/apps/acme-web/builds"), ("GET", "/apps/acme-web/formation"),
        ("GET", "/apps/acme-web/formation")]


def test_role_in_check_mode_on_a_new_app_says_what_it_would_do_and_writes_nothing(sim, run_playbook):
    # The connection comes from the play's module_defaults alone: the role must not override them.
    # Deployed from a tarball URL with a token: the message shows its scheme and host only.
    result = run_playbook(role_play({**ROLE_VARS, "heroku_app_source": TOKEN_SOURCE},
                                    module_defaults={"api_url": sim.url, "api_key": API_KEY}),
                          check=True, diff=True, unset_env=["HEROKU_API_URL", "HEROKU_API_KEY"])
    assert result.rc == 0, result
    assert result.failed_tasks == []
    assert sim.writes() == []
    assert role_task(result, "Converge the app itself, acme-web").changed
    assert role_task(result, "Couple to its pipeline stage the app acme-web").changed
    would = role_task(result, "Say what check mode would do to the new app acme-web")
    assert would.changed
    assert would["msg"] == ["would set config vars NODE_ENV, SESSION_SECRET (values hidden)",
                            "would provision add-ons heroku-postgresql:essential-0, heroku-redis:mini",
                            "would converge attachments shared_logs, OLD_LOGS",
                            "would deploy https://artifacts.example.com/********",
                            "would scale web, worker once a release defines them",
                            "would converge domains www.acme.example.com, API.acme.example.com",
                            "would converge 1 log drain(s) (URLs hidden)",
                            "would converge collaborators Dana@Example.com",
                            "would converge webhooks to hooks.example.com"]
    for secret in ROLE_SECRETS + ("role-source-token",):
        assert secret not in result.output


def test_role_deploys_a_new_app_before_it_scales_so_its_dynos_run_after_the_first_run(sim, run_playbook):
    role_vars = {"heroku_app_name": "acme-new", "heroku_app_source": {"path": str(DEMO_SOURCE)},
                 "heroku_app_formation": [{"type": "web", "quantity": 2}, {"type": "worker", "quantity": 1}],
                 "heroku_app_formation_undefined_types": "fail"}
    result = run_playbook(role_play(role_vars))
    assert result.rc == 0, result
    running = formation(sim, "acme-new")
    assert (running["web"], running["worker"]) == ((2, "Basic"), (1, "Basic"))
    # The Procfile's release phase ran before the release went live.
    assert current_release(sim, "acme-new")["output_stream_url"]
    # Check mode on an app whose current release lacks the worker: the deploy it would make defines it, so no
    # failure, and no write.
    sim.seed_app("acme-old", process_types={"web": "npm start"})
    sim.clear_requests()
    check = run_playbook(role_play({**role_vars, "heroku_app_name": "acme-old"}), check=True)
    assert check.rc == 0, check
    assert sim.writes() == []
    assert role_task(check, "Deploy the source of acme-old").changed


def test_role_in_check_mode_adds_a_domain_and_its_certificate_without_a_write(sim, run_playbook):
    # The certificate cannot be bound to a domain check mode did not add: the run says what it would do and succeeds.
    sim.seed_app("acme-web")
    role_vars, _key_lines = with_certificate({"heroku_app_name": "acme-web", "heroku_app_domains": ROLE_VARS["heroku_app_domains"]})
    result = run_playbook(role_play(role_vars), check=True, diff=True)
    assert result.rc == 0, result
    assert sim.writes() == []
    assert role_tasks(result, "Converge the custom domains of acme-web")[-1].changed
    assert role_task(result, "Converge the SSL certificate of acme-web").changed
    assert api(sim, "GET", "/apps/acme-web/sni-endpoints")[1] == []


@pytest.mark.parametrize("bad, message", [
    ({"heroku_app_maintenance": "sometimes"}, "heroku_app_maintenance"),
    ({"heroku_app_addons": [{"plan": "heroku-redis:mini", "wait_timeout": "soon"}]}, "wait_timeout"),
    ({"heroku_app_pipeline_stage": "qa"}, "heroku_app_pipeline_stage"),
])
def test_role_argument_specs_reject_bad_input_before_any_request(sim, run_playbook, bad, message):
    result = run_playbook(role_play({**ROLE_VARS, **bad}))
    assert result.rc != 0
    failed = result.failed_tasks
    assert failed and "Validating arguments against arg spec" in failed[0].name, result.output
    assert message in failed[0]["msg"]
    assert sim.requests == []


def test_role_requires_a_name(sim, run_playbook):
    result = run_playbook(role_play({"heroku_app_region": "eu"}))
    assert result.rc != 0
    assert "missing required arguments: heroku_app_name" in result.output
    assert sim.requests == []


def role_case(app_name, role_vars):
    """A block running the role for ``app_name`` whose failure is rescued, so that the next case still runs."""
    return {"name": f"case {app_name}",
            "block": [{"name": f"role for {app_name}", "ansible.builtin.include_role": {"name": "herokuops.platform.app"},
                       "vars": {**ROLE_VARS, **role_vars, "heroku_app_name": app_name}}],
            "rescue": [{"name": f"rescued {app_name}", "ansible.builtin.debug": {"msg": "next case"}}]}


# A typo in every variable the modules check beyond its type, all in one run: each is reported, naming the variable.
EVERY_TYPO = {
    "heroku_app_team": ("acme team", "heroku_app_team: team='acme team' is not a valid team name"),
    "heroku_app_config": ({"BAD-KEY": "role-secret-value"}, "heroku_app_config: config: the name 'BAD-KEY' is not a config var name"),
    "heroku_app_addons": ([{"plan": "heroku postgresql"}], "heroku_app_addons[0]: plan='heroku postgresql'"),
    "heroku_app_attachments": ([{"addon": "acme-logs", "as": "shared-logs"}],
                               "heroku_app_attachments[0].as: name='shared-logs' must start with a letter and hold only"),
    "heroku_app_domains": ([{"hostname": "www.acme.example.com"}, {"hostname": "www.acme_example.com"}],
                           "heroku_app_domains[1]: hostname='www.acme_example.com' is not a valid hostname"),
    "heroku_app_certificate": ({"certificate": "-----BEGIN CERTIFICATE-----"},
                               "heroku_app_certificate: state is present but all of the following are missing: private_key"),
    "heroku_app_drains": ([{"url": "syslog+tls//acme:role-drain-password@logs.example.com:6514"}],
                          "heroku_app_drains[0]: url must be a log drain URL starting with syslog://"),
    "heroku_app_telemetry_drains": ([{"endpoint": "https://otel.example.com", "signals": ["log"],
                                      "headers": {"x-api-key": "role-otel-key"}}],
                                    "heroku_app_telemetry_drains[0]: signals: 'log' is not a signal: use traces, metrics, logs."),
    "heroku_app_collaborators": ([{"email": "Dana@Example.com"}, {"email": "a?b=1@example.com"}],
                                 "heroku_app_collaborators[1]: email='a?b=1@example.com' is not a valid email"),
    "heroku_app_webhooks": ([{"url": "https://hooks.example.com/acme", "include": ["api:relase"], "secret": "role-webhook-secret"}],
                            "heroku_app_webhooks[0]: include: 'api:relase' is not a Heroku webhook event type"),
    "heroku_app_pipeline": ("Acme Pipeline", "heroku_app_pipeline: name='Acme Pipeline' is not a valid pipeline name"),
    "heroku_app_source": ({"url": "https://artifacts.example.com/acme.tgz?token=role-source-token", "checksum": "sha256:abc"},
                          "heroku_app_source: checksum='sha256:abc' is not a checksum Heroku takes"),
    "heroku_app_formation": ([{"type": "web", "quantity": 2, "size": "standard-3x"}],
                             "heroku_app_formation: processes[0] (type web): size 'standard-3x' is not a Heroku dyno size"),
}
# More typos, one run each: (app name, variables, the message).
ONE_TYPO = [
    ("acme-hook", {"heroku_app_webhooks": [{"url": "http://hooks.example.com/acme", "include": ["api:release"]}],
                   "heroku_app_source": {"url": "ftp://artifacts.example.com/acme.tgz?token=role-source-token"}},
     ["heroku_app_webhooks[0]: url='http://hooks.example.com/acme' is not an https:// URL",
      "heroku_app_source: source_url must be an http:// or https:// URL"]),
    ("acme-path", {"heroku_app_source": {"path": str(DEMO_SOURCE) + "-missing"}},
     ["heroku_app_source: source_path %s-missing does not exist" % DEMO_SOURCE]),
    # A bad app name would fail every step that names the app: said once.
    ("Acme_Web", {}, ["heroku_app_name: name='Acme_Web' is not a valid app name"]),
]


def test_role_refuses_a_typo_in_any_variable_before_any_request(sim, run_playbook):
    # Before, drains, webhooks, the source, the certificate, collaborators and domains were checked only at their
    # own step: after the app, its config and its domains were written.
    cases = [("acme-typos", dict((name, value) for name, (value, _message) in EVERY_TYPO.items()),
              [message for _value, message in EVERY_TYPO.values()])] + ONE_TYPO
    play = {"name": "typos", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "tasks": [role_case(app_name, role_vars) for app_name, role_vars, _messages in cases]}
    result = run_playbook(yaml.safe_dump([play]))
    assert result.rc == 0, result
    for app_name, _role_vars, messages in cases:
        check = role_task(result, f"Check before any request the variables of {app_name}")
        assert check.status == "failed", (app_name, check.status, check.get("msg"))
        assert len(check["msg"]) == len(messages), check["msg"]
        for message, problem in zip(messages, check["msg"]):
            assert problem.startswith(message), (message, problem)
    assert sim.requests == []
    for secret in ROLE_SECRETS + ("role-source-token",):
        assert secret not in result.output, secret


def test_promote_takes_the_release_to_promote(sim, run_named):
    """``-e release=<version>``: exactly the release tested in staging goes to production, although staging got a
    newer one since; a second run writes nothing; a release that is neither a version nor an id fails first."""
    sim.seed_app("shop-staging", process_types={"web": "npm start"})
    sim.seed_app("shop-web", process_types={"web": "npm start"})
    pipeline_id = api(sim, "POST", "/pipelines", {"name": "shop"})[1]["id"]
    for name, stage in (("shop-staging", "staging"), ("shop-web", "production")):
        assert api(sim, "POST", "/pipeline-couplings", {"app": name, "pipeline": pipeline_id, "stage": stage})[0] == 201
    tested = api(sim, "GET", "/apps/shop-staging/releases", headers={"Range": "version ..; order=desc, max=1"})[1][0]
    slug = api(sim, "POST", "/apps/shop-staging/slugs", {"process_types": {"web": "npm start --newer"}})[1]
    assert api(sim, "POST", "/apps/shop-staging/releases", {"slug": slug["id"]})[0] == 201
    variables = {"pipeline": "shop", "source": "shop-staging", "release": tested["version"]}
    sim.clear_requests()

    result = run_named("promote", variables)
    assert result.rc == 0, result
    promotion = result.task("Promote the release of the source app")
    assert promotion.changed
    assert_writes(sim.writes(), [("POST", "/pipeline-promotions", {
        "pipeline": {"id": pipeline_id}, "source": {"app": {"id": tested["app"]["id"]}, "release": {"id": tested["id"]}},
        "targets": [{"app": {"id": api(sim, "GET", "/apps/shop-web")[1]["id"]}}]})])
    web = api(sim, "GET", "/apps/shop-web/releases", headers={"Range": "version ..; order=desc, max=1"})[1][0]
    assert web["slug"]["id"] == tested["slug"]["id"] != slug["id"]
    shown = result.task("Show each target's outcome")["msg"]
    assert shown["promoted_release_ids"] == {"shop-web": web["id"]} and shown["release"]["release_id"] == tested["id"]

    sim.clear_requests()
    result = run_named("promote", variables)
    assert result.rc == 0 and not result.changed and sim.writes() == [], result

    sim.clear_requests()
    result = run_named("promote", dict(variables, release="newest"))
    assert result.rc != 0 and "release must be the version of a release of the source app" in result.output
    assert sim.requests == []


FIR_ENDPOINT = "https://otel.example.com/v1"
FIR_HEADER = "role-otel-Header-Key-5521"


def test_role_on_a_fir_app_converges_its_telemetry_drains_and_refuses_log_drains_before_any_write(sim, run_playbook):
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    status, fir_app = api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})
    assert status == 201 and fir_app["generation"]["name"] == "fir", fir_app
    sim.seed_app("acme-cedar")
    sim.clear_requests()
    fir_vars = {"heroku_app_name": "fir-web", "heroku_app_config": {"OTEL_SERVICE_NAME": "fir-web"},
                "heroku_app_telemetry_drains": [{"endpoint": FIR_ENDPOINT, "signals": ["traces", "logs"],
                                                 "headers": {"x-api-key": FIR_HEADER}}]}
    plays = [dict(role_play_data(fir_vars, name="check"), check_mode=True), role_play_data(fir_vars, name="converge"),
             role_play_data(fir_vars, name="again")]
    result = run_playbook(yaml.safe_dump(plays), verbosity=4, diff=True)
    assert result.rc == 0, result
    ran = dict((play, [t for t in result.results if t.play == play]) for play in ("check", "converge", "again"))
    drain_step = "Converge the telemetry drains of fir-web"
    assert [w for t in ran["check"] for w in t.writes] == []
    assert [t.status for t in ran["check"] if t.name.endswith(drain_step)] == ["changed"]
    drains = [w for t in ran["converge"] for w in t.writes if w["path"] == "/telemetry-drains"]
    assert_writes(drains, [("POST", "/telemetry-drains", {
        "owner": {"id": fir_app["id"], "type": "app"}, "signals": ["logs", "traces"],
        "exporter": {"type": "otlphttp", "endpoint": FIR_ENDPOINT, "headers": {"x-api-key": FIR_HEADER}}})])
    assert [t for t in ran["again"] if t.changed] == [] and [w for t in ran["again"] for w in t.writes] == []
    # The drains' generation check reads nothing: the app's read says Fir. No log drain is read on a Fir app.
    again_paths = [r["path"] for t in ran["again"] for r in t.requests]
    assert again_paths.count("/apps/fir-web") == 1 and "/apps/fir-web/log-drains" not in again_paths, again_paths
    assert "/apps/fir-web/telemetry-drains" in again_paths
    assert FIR_HEADER not in result.output and FIR_HEADER not in repr([t.result for t in result.results])

    # A log drain on the Fir app, telemetry drains on a Cedar one: refused before anything the app holds is written.
    sim.clear_requests()
    refused = [("fir-web", {"heroku_app_drains": [{"url": "syslog+tls://acme:role-drain-password@logs.example.com:6514"}]}),
               ("acme-cedar", {"heroku_app_telemetry_drains": fir_vars["heroku_app_telemetry_drains"]})]
    play = {"name": "refused", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "tasks": [{"name": f"case {app_name}",
                       "block": [{"name": f"role for {app_name}", "ansible.builtin.include_role": {"name": "herokuops.platform.app"},
                                  "vars": {**role_vars, "heroku_app_name": app_name, "heroku_app_config": {"LATE": "1"}}}],
                       "rescue": [{"name": f"rescued {app_name}", "ansible.builtin.debug": {"msg": "next case"}}]}
                      for app_name, role_vars in refused]}
    result = run_playbook(yaml.safe_dump([play]))
    assert result.rc == 0, result
    checks = role_tasks(result, "Check the drains against the generation of fir-web") + role_tasks(
        result, "Check the drains against the generation of acme-cedar")
    assert [c.status for c in checks] == ["failed", "failed"], checks
    assert checks[0]["msg"] == ["heroku_app_drains: a log drain is not available on app fir-web, a Fir app: Fir has "
                                "OpenTelemetry drains instead: use heroku_app_telemetry_drains."]
    assert checks[1]["msg"] == ["heroku_app_telemetry_drains: a telemetry drain is not available on app acme-cedar, a "
                                "Cedar app: only Fir apps have telemetry drains; use heroku_app_drains."]
    # Each case read its app, and nothing more: its config var LATE was not written.
    assert sim.writes() == []
    assert [(r["method"], r["path"]) for r in sim.requests] == [("GET", "/apps/fir-web"), ("GET", "/apps/acme-cedar")]
    assert "role-drain-password" not in result.output


@pytest.mark.skipif(not ESTATE_CORE, reason="converge_estate needs ansible-core 2.19")
def test_converge_estate_gives_a_fir_app_its_telemetry_drains(sim, run_named, tmp_path):
    assert api(sim, "POST", "/spaces", {"name": "shop-fir", "team": "acme", "generation": "fir"})[0] == 201
    status, fir_app = api(sim, "POST", "/teams/apps", {"name": "shop-fir-web", "team": "acme", "space": "shop-fir"})
    assert status == 201, fir_app
    estate = tmp_path / "estate.yml"
    telemetry = [{"endpoint": FIR_ENDPOINT, "signals": ["metrics"], "headers": {"x-api-key": FIR_HEADER}}]
    estate.write_text(yaml.safe_dump({"heroku_estate_apps": [{"name": "shop-fir-web", "telemetry_drains": telemetry}]}),
                      encoding="utf-8")
    result = run_named("converge_estate", {"heroku_estate_file": str(estate)})
    assert result.rc == 0, result
    (drain,) = api(sim, "GET", "/apps/shop-fir-web/telemetry-drains")[1]
    assert drain["owner"]["id"] == fir_app["id"] and drain["signals"] == ["metrics"]
    assert drain["exporter"]["endpoint"] == FIR_ENDPOINT and FIR_HEADER not in result.output
