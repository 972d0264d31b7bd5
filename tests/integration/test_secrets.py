# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No secret reaches the output, whole or in part: every module of the collection at -vvvv with --diff.

One playbook runs every module twice: once where everything succeeds, then, after a checkpoint has told the
simulator to refuse every write (and every read of ``echo-read``) with an error text that quotes what it was sent,
the body and the ``Authorization`` header included, as Heroku's ``invalid_params`` messages quote a refused value.
The output must then hold none of the secrets the tasks sent: not the whole value, nor a line of the private key,
a URL's password, a token without its scheme, a signed URL's token.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from converge import UUID, body_matches
from heroku_simulator.certificates import TestCA
from heroku_simulator.routes.peering import add_peering
from playbook_harness import checkpoint_task
from sim_api import API_KEY, api
from test_inventory import BIN, PLUGIN, run

pytestmark = pytest.mark.both_paths

ALL_MODULES = set(path.stem for path in (Path(__file__).resolve().parents[2] / "plugins" / "modules").glob("heroku_*.py"))
CONFIG_SECRET = "cfg-Secret-Value-5521"
STAGE_SECRET = "stage-Secret-Value-6130"
ADDON_PASSWORD = "addon-Pass-8812"
DRAIN_PASSWORD = "drain-Pass-3310"
WEBHOOK_SECRET = "hook-Secret-7741"
WEBHOOK_TOKEN = "hook-Token-9921"
REQUEST_SECRET = "req-Secret-6610"
DYNO_SECRET = "dyno-Env-Secret-4401"
BUILD_TOKEN = "build-Token-2290"
SEEDED_SECRET = "seeded-Secret-3371"
SEEDED_DRAIN_PASSWORD = "seeded-Drain-Pass-5150"
TELEMETRY_KEY = "otel-Key-4417"
PEERING_PCX = "pcx-0123456789abcdef0"
SPACE_DRAIN_TOKEN = "space-Drain-Token-8264"

ADDON_URL = "redis://fork:%s@redis.example.com:6379" % ADDON_PASSWORD
DRAIN_URL = "syslog+tls://ops:%s@logs.example.com:6514" % DRAIN_PASSWORD
BUILD_URL = "https://codeload.example.com/acme/shop/tar.gz/main?token=%s" % BUILD_TOKEN
SPACE_DRAIN_URL = "https://logs.example.com/spaces?token=%s" % SPACE_DRAIN_TOKEN


# As a user's playbook holds them: in a vars file (a vault), named by templates. (Ansible itself quotes a failed
# task's playbook lines around it: literal secrets there would be Ansible's leak, not the collection's.)
SECRET_VARS = dict(config=CONFIG_SECRET, stage=STAGE_SECRET, addon_url=ADDON_URL, drain_url=DRAIN_URL,
                   webhook_secret=WEBHOOK_SECRET, webhook_authorization="Bearer " + WEBHOOK_TOKEN,
                   request=REQUEST_SECRET, dyno=DYNO_SECRET, build_url=BUILD_URL, telemetry=TELEMETRY_KEY,
                   space_drain_url=SPACE_DRAIN_URL)


def every_task(app, read_app, suffix, export_dir):
    """One task of each module; ``app`` takes the writes, ``read_app`` the reads of the _info modules; the estate
    export writes its files under ``export_dir``."""
    def task(module, **args):
        return {"name": "%s %s" % (module, suffix), "herokuops.platform." + module: args, "ignore_errors": suffix == "refused"}

    return [
        task("heroku_app", name=app, maintenance=True),
        task("heroku_app_info", name=read_app),
        task("heroku_config", app=app, config={"SESSION_SECRET": "{{ s.config }}"}),
        # heroku_config_info returns values: reading them is what it is for. The first round reads an app without secrets.
        task("heroku_config_info", app=read_app if suffix == "refused" else "prod-ok"),
        # Compares config values inside the run, never returning one: the first round compares the app holding the
        # secrets with another, the second fails on Heroku's answer for echo-read.
        task("heroku_diff", apps=[app, "echo-read" if suffix == "refused" else "prod-ok"]),
        task("heroku_formation", app=app, processes=[{"type": "web", "quantity": 2}]),
        task("heroku_formation_info", app=read_app),
        task("heroku_addon", app=app, plan="heroku-redis:mini", config={"fork": "{{ s.addon_url }}"}, wait=False),
        task("heroku_addon_info", app=read_app),
        task("heroku_pipeline", name="shop-" + suffix, stages={"production": [app]},
             stage_config_vars={"review": {"STAGE_SECRET": "{{ s.stage }}"}}),
        task("heroku_pipeline_info", name="echo-read" if suffix == "refused" else "shop-" + suffix),
        task("heroku_pipeline_promotion", pipeline="promote-" + suffix, source="staging-" + suffix, wait=False),
        task("heroku_space", name="space-" + suffix, team="acme", wait=False, log_drain_url="{{ s.space_drain_url }}"),
        task("heroku_space_info", name="echo-read" if suffix == "refused" else "space-" + suffix),
        task("heroku_space_member_access", space="echo-read" if suffix == "refused" else "space-" + suffix,
             email="bob@example.com", permissions=["view_logs"]),
        task("heroku_space_member_access_info", space="echo-read" if suffix == "refused" else "space-" + suffix),
        task("heroku_domain", app=app, hostname="www-%s.example.com" % suffix),
        task("heroku_domain_info", app=read_app),
        task("heroku_certificate", app=app, certificate="{{ s.certificate }}", private_key="{{ s.key }}"),
        task("heroku_certificate_info", app=read_app),
        task("heroku_drain", app=app, url="{{ s.drain_url }}"),
        task("heroku_drain_info", app=read_app),
        task("heroku_collaborator", app=app, email="carol@example.com"),
        task("heroku_collaborator_info", app=read_app),
        task("heroku_team_member", team="acme", members=[{"email": "dave-%s@example.com" % suffix, "role": "member"}]),
        task("heroku_team_member_info", team="echo-read" if suffix == "refused" else "acme"),
        task("heroku_webhook", app=app, url="https://hooks.example.com/heroku", include=["api:release"],
             secret="{{ s.webhook_secret }}", authorization="{{ s.webhook_authorization }}"),
        task("heroku_webhook_info", app=read_app),
        # A Fir app of its own: only Fir has telemetry drains (a Cedar owner fails before any request could quote them).
        task("heroku_telemetry_drain", app="fir-" + suffix, endpoint="https://otel.example.com/v1", signals=["logs"],
             headers={"x-api-key": "{{ s.telemetry }}"}),
        task("heroku_telemetry_drain_info", app=read_app if suffix == "refused" else "fir-ok"),
        task("heroku_feature", app=app, name="preboot", enabled=True),
        task("heroku_feature_info", app=read_app),
        task("heroku_build", app=app, source_url="{{ s.build_url }}", wait=False),
        task("heroku_release_info", app=read_app),
        task("heroku_release", app=app, previous=True, wait=False),
        task("heroku_dyno", app=app, state="run", command="echo hello", env={"TOKEN": "{{ s.dyno }}"}, wait=False),
        task("heroku_dyno_info", app=read_app),
        task("heroku_request", method="PATCH", path="/apps/{app}/config-vars", path_params={"app": app},
             body={"REQ_SECRET": "{{ s.request }}", "PLAIN": "shown"}, secret_fields=["REQ_SECRET"]),
        # Heroku gives the secrets here: the tunnels' pre-shared keys, checked at the end of the test.
        task("heroku_space_vpn", space="space-" + suffix, name="office", public_ip="35.161.69.30",
             routable_cidrs=["172.16.0.0/16"]),
        task("heroku_space_vpn_info", space="echo-read" if suffix == "refused" else "space-" + suffix),
        # A Cedar space of its own, with a peering pending acceptance (test set-up).
        task("heroku_space_peering", space="echo-read" if suffix == "refused" else "peer-ok", pcx_id=PEERING_PCX),
        task("heroku_space_peering_info", space="echo-read" if suffix == "refused" else "peer-ok"),
        task("heroku_team_info", name="echo-read" if suffix == "refused" else "acme"),
        # An add-on of the app's own, shared with the round's production app under an attachment name.
        dict(task("heroku_addon", app=app, plan="papertrail:choklad", name="logs-" + suffix), name="heroku_addon to share " + suffix),
        task("heroku_addon_attachment", app="prod-" + suffix, addon="logs-" + suffix, name="SHARED_LOGS"),
        task("heroku_addon_attachment_info", app=read_app),
        # A pipeline of its own, connected to GitHub (test set-up).
        task("heroku_review_app_config", pipeline="review-" + suffix, automatic=True),
        task("heroku_review_app_config_info", pipeline="echo-read" if suffix == "refused" else "review-ok"),
        # The app holding the seeded config value and drain password, written as the role's variables.
        task("heroku_estate_export", apps=[read_app], dest=str(export_dir)),
    ]


def refuse_everything(sim):
    """Every write, and every read of echo-read, answered 422 with a message that quotes what was sent."""
    for method, path in (("POST", r"^/(?!filters/)"), ("PATCH", ".*"), ("PUT", ".*"), ("DELETE", ".*"), ("GET", "echo-read")):
        sim.inject_fault(method=method, path=path, status=422, error_id="invalid_params", count=None,
                         message="Invalid request, got: {sent}")


def test_no_secret_reaches_the_output_of_any_module_whole_or_in_part(sim, run_playbook, tmp_path):
    ca = TestCA()
    certificate, key = ca.issue("www-ok.example.com", days=200)
    for name in ("acme-web", "echo-web"):
        sim.seed_app(name, team="acme", config={"SEEDED": SEEDED_SECRET, "OTHER": "v"})
    # A second release with a slug, so that the refused round's rollback has one to go back to.
    setup = [{"name": "a release of echo-web to roll back from (set-up)",
              "herokuops.platform.heroku_config": {"app": "echo-web", "config": {"SETUP": "done"}}}]
    for suffix in ("ok", "refused"):
        sim.seed_app("staging-" + suffix, team="acme")
        sim.seed_app("prod-" + suffix, team="acme")
        setup.append({"name": "pipeline to promote in round %s (set-up)" % suffix, "herokuops.platform.heroku_pipeline": {
            "name": "promote-" + suffix, "stages": {"staging": ["staging-" + suffix], "production": ["prod-" + suffix]}}})
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "POST", "/spaces", {"name": "peer-ok", "team": "acme"})[0] == 201
    with sim.lock:
        add_peering(sim.world, "peer-ok", PEERING_PCX)
    for suffix in ("ok", "refused"):
        assert api(sim, "POST", "/teams/apps", {"name": "fir-" + suffix, "team": "acme", "space": "acme-fir"})[0] == 201
        assert api(sim, "POST", "/pipelines", {"name": "review-" + suffix})[0] == 201
        sim.connect_pipeline_repo("review-" + suffix, "acme/shop")
    with sim.lock:
        sim.world.add_drain(sim.world.app("acme-web"), "https://u:%s@drains.example.com/x" % SEEDED_DRAIN_PASSWORD)
    secrets_file = tmp_path / "secrets.yml"
    secrets_file.write_text(yaml.safe_dump({"s": dict(SECRET_VARS, certificate=certificate, key=key)}))
    export_dir = tmp_path / "estate"
    tasks = setup + every_task("acme-web", "acme-web", "ok", export_dir)
    tasks.append(checkpoint_task("refuse"))
    tasks += every_task("echo-web", "echo-read", "refused", export_dir)
    play = {"name": "every module", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "vars_files": [str(secrets_file)], "tasks": tasks}

    result = run_playbook([play], verbosity=4, diff=True, checkpoints={"refuse": lambda _result: refuse_everything(sim)})

    # A module added to the collection fails this test until it is run here too.
    assert set(key.split(".")[-1] for entry in tasks for key in entry if key.startswith("herokuops.")) == ALL_MODULES
    for record in result.results:
        if record.name.endswith(" ok"):
            assert record.status in ("ok", "changed"), (record.name, record.get("msg"))
        elif record.name.endswith(" refused") and "set-up" not in record.name:
            # Each failed on Heroku's answer, whose text quoted what the task sent (shown, with the secrets masked).
            assert record.status == "failed", (record.name, result.output)
            assert "authorization=" in record["msg"], (record.name, record["msg"])

    # Masked in the output, each secret still reached Heroku whole, in the write that carries it (the first round's).
    writes = sim.writes()
    for method, path, body in [
            ("PATCH", "/apps/[^/]+/config-vars", {"SESSION_SECRET": CONFIG_SECRET}),
            ("PATCH", "/apps/acme-web/config-vars", {"REQ_SECRET": REQUEST_SECRET, "PLAIN": "shown"}),
            ("PATCH", "/pipelines/[^/]+/stage/review/config-vars", {"STAGE_SECRET": STAGE_SECRET}),
            ("POST", "/apps/[^/]+/addons", {"plan": "heroku-redis:mini", "config": {"fork": ADDON_URL}}),
            ("POST", "/apps/[^/]+/log-drains", {"url": DRAIN_URL}),
            ("POST", "/spaces", {"name": "space-ok", "team": "acme", "log_drain_url": SPACE_DRAIN_URL}),
            ("POST", "/apps/[^/]+/webhooks", {"url": "https://hooks.example.com/heroku", "include": ["api:release"],
                                              "level": "notify", "secret": WEBHOOK_SECRET,
                                              "authorization": "Bearer " + WEBHOOK_TOKEN}),
            ("POST", "/apps/[^/]+/builds", {"source_blob": {"url": BUILD_URL, "checksum": None, "version": None}}),
            ("POST", "/apps/[^/]+/dynos", {"command": "echo hello", "env": {"TOKEN": DYNO_SECRET}, "attach": False, "type": "run"}),
            ("POST", "/apps/[^/]+/sni-endpoints", {"certificate_chain": certificate, "private_key": key}),
            ("POST", "/telemetry-drains", {"owner": {"id": UUID, "type": "app"}, "signals": ["logs"], "exporter": {
                "type": "otlphttp", "endpoint": "https://otel.example.com/v1", "headers": {"x-api-key": TELEMETRY_KEY}}})]:
        assert any(record["method"] == method and re.fullmatch(path, record["path"]) and body_matches(body, record["body"])
                   for record in writes), (method, path, [r["body"] for r in writes if r["path"].endswith(path.rsplit("/", 1)[1])])

    key_lines = [line for line in key.splitlines() if line and not line.startswith("-----")]
    secrets = [API_KEY, CONFIG_SECRET, STAGE_SECRET, ADDON_PASSWORD, DRAIN_PASSWORD, WEBHOOK_SECRET, WEBHOOK_TOKEN,
               REQUEST_SECRET, DYNO_SECRET, BUILD_TOKEN, SEEDED_SECRET, SEEDED_DRAIN_PASSWORD, TELEMETRY_KEY,
               SPACE_DRAIN_TOKEN] + key_lines
    leaked = [secret for secret in secrets if secret in result.output]
    assert not leaked, leaked
    exported = (export_dir / "host_vars" / "acme-web.yml").read_text()
    assert "SEEDED" in exported and not [secret for secret in secrets if secret in exported], exported
    # What is not secret stays readable: config var names (their values are all secret), Heroku's error id, the names.
    assert '"PLAIN": "********"' in result.output and '"REQ_SECRET": "********"' in result.output
    assert "invalid_params" in result.output and "echo-web" in result.output
    # The pre-shared keys Heroku gave the first round's VPN connection (the module's result and the _info's): masked.
    pre_shared_keys = [tunnel["pre_shared_key"] for vpn in sim.world.s["vpn_connections"].values() for tunnel in vpn["tunnels"]]
    assert len(pre_shared_keys) == 2 and not [key for key in pre_shared_keys if key in result.output]


def test_the_lookup_and_the_inventory_plugin_never_show_the_key_heroku_quotes(sim, tmp_path):
    sim.seed_app("echo-read")
    sim.seed_app("acme-web")
    sim.inject_fault(method="GET", path="echo-read", status=422, error_id="invalid_params", count=None,
                     message="Invalid request, got: {sent}")
    playbook = tmp_path / "lookup.yml"
    playbook.write_text(yaml.safe_dump([{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": [
        {"name": "refused read", "ansible.builtin.debug": {"msg": "{{ lookup('herokuops.platform.heroku', '/apps/echo-read') }}"},
         "ignore_errors": True},
        {"name": "limit 0", "ansible.builtin.debug": {
            "msg": "{{ query('herokuops.platform.heroku', '/apps/acme-web/releases', limit=0) }}"}, "ignore_errors": True},
        {"name": "limit -1", "ansible.builtin.debug": {
            "msg": "{{ query('herokuops.platform.heroku', '/apps/acme-web/releases', limit=-1) }}"}, "ignore_errors": True},
    ]}]))
    sim.clear_requests()
    proc = run(sim, tmp_path, [str(BIN / "ansible-playbook"), "-vvvv", "-i", "localhost,", str(playbook)])
    output = proc.stdout + proc.stderr
    assert "GET /apps/echo-read failed (422 invalid_params)" in output and "authorization=Bearer ********" in output
    assert output.count("limit=0 is out of range: use 1 or more") and output.count("limit=-1 is out of range")
    assert [request["path"] for request in sim.requests] == ["/apps/echo-read"]

    config = tmp_path / "estate.heroku.yml"
    config.write_text(yaml.safe_dump({"plugin": PLUGIN, "pipelines": False}))
    sim.clear_faults()
    sim.inject_fault(method="*", path="apps", status=422, error_id="invalid_params", count=None,
                     message="Invalid request, got: {sent}")
    proc = run(sim, tmp_path, [str(BIN / "ansible-inventory"), "-vvvv", "-i", str(config), "--list"])
    assert proc.returncode != 0 and "authorization=Bearer ********" in proc.stdout + proc.stderr
    for text in (output, proc.stdout + proc.stderr):
        assert API_KEY not in text
