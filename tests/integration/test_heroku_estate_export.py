# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_estate_export through real ansible-playbook runs: an estate exported, then converged by the role unchanged."""

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import playbook_harness
from converge import Playbook, fails_before_any_request
from sim_api import API_KEY, api

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_DIR = REPO_ROOT / ".cache" / "collections"  # as in conftest.py
ANSIBLE_HOME = REPO_ROOT / ".cache" / "ansible-home"
BIN = Path(sys.executable).parent
APPS = ["estate-%02d" % index for index in range(20)]
PIPELINES = ["shop", "blog", "api", "jobs", "docs"]
READS_PER_CEDAR_APP = 10


def export(**args):
    return {"name": "export", "herokuops.platform.heroku_estate_export": args}


def secret(index, what):
    """A value seeded in the estate that no file, result or output may show."""
    return "zq%s%02dsecretvalue" % (what, index)


def seed_estate(sim):
    """20 apps, even ones in team acme and odd ones personal, each with config vars, a formation, add-ons, a custom
    domain, drains (one with credentials), a collaborator, a webhook with a secret, a pipeline stage, buildpacks and
    features; seeded through the simulator's helpers and its API in a second or so."""
    sim.set_async_delay(0)
    for index, name in enumerate(APPS):
        team = "acme" if index % 2 == 0 else None
        sim.seed_app(name, team=team, region="eu" if index % 3 else "us",
                     config={"SECRET_KEY": secret(index, "config"), "LOG_LEVEL": "info"},
                     formation={"web": {"quantity": 1 + index % 3, "size": "standard-1x"}, "worker": index % 2})
    for index, name in enumerate(APPS):
        created = [
            ("POST", "/apps/%s/addons" % name, {"plan": "heroku-postgresql:essential-0", "name": "db-%s" % name}),
            ("POST", "/apps/%s/domains" % name, {"hostname": "www.%s.example.com" % name, "sni_endpoint": None}),
            ("POST", "/apps/%s/log-drains" % name,
             {"url": "https://logger:%s@logs.example.com/ingest" % secret(index, "drainpass")}),
            ("POST", "/apps/%s/log-drains" % name, {"url": "syslog+tls://logs.example.net"}),
            ("POST", "/apps/%s/webhooks" % name, {"url": "https://hooks.example.com/heroku/%s" % name,
                                                  "include": ["api:release", "api:build"], "level": "notify",
                                                  "secret": secret(index, "webhook")}),
            ("PUT", "/apps/%s/buildpack-installations" % name, {"updates": [{"buildpack": "heroku/python"}]}),
            ("PATCH", "/apps/%s/features/preboot" % name, {"enabled": index % 2 == 0}),
        ]
        if index % 2 == 0:
            created.append(("POST", "/teams/apps/%s/collaborators" % name,
                            {"user": "carol@example.com", "permissions": ["view", "deploy"], "silent": True}))
        else:
            created.append(("POST", "/apps/%s/collaborators" % name, {"user": "dave@example.com", "silent": True}))
        if index % 4 == 1:
            created.append(("POST", "/apps/%s/addons" % name, {"plan": "papertrail:choklad"}))
        if index == 7:
            created.append(("PATCH", "/apps/%s" % name, {"maintenance": True}))
        for method, where, body in created:
            status, answer = api(sim, method, where, body)
            assert status in (200, 201, 202), (method, where, status, answer)
    pipelines = dict((name, api(sim, "POST", "/pipelines", {"name": name})[1]["id"]) for name in PIPELINES)
    for index, name in enumerate(APPS[:16]):
        stage = "staging" if index % 2 else "production"
        assert api(sim, "POST", "/pipeline-couplings", {"app": name, "pipeline": pipelines[PIPELINES[index // 4]],
                                                        "stage": stage})[0] == 201
    # An add-on of estate-00 attached to estate-03 as well: estate-03's add-ons list it, and it is not its own.
    assert api(sim, "POST", "/addon-attachments", {"addon": "db-estate-00", "app": "estate-03", "name": "SHARED"})[0] == 201
    # What the add-ons put on the apps (database URLs with passwords) is as secret as the seeded values.
    addon_values = []
    for name in APPS:
        addon_values += [value for key, value in api(sim, "GET", "/apps/%s/config-vars" % name)[1].items()
                         if key not in ("SECRET_KEY", "LOG_LEVEL")]
    sim.clear_requests()
    return [secret(index, what) for index in range(len(APPS)) for what in ("config", "drainpass", "webhook")] + addon_values


def run(sim, tmp_path, command, results):
    """One ansible-playbook process over an inventory of our own, with the harness's environment and callback."""
    env = playbook_harness.playbook_env(sim.url, API_KEY, COLLECTIONS_DIR, ANSIBLE_HOME)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(HOME=str(home), HEROKUOPS_TEST_RESULTS_FILE=str(results), ANSIBLE_INVENTORY_UNPARSED_FAILED="1")
    proc = subprocess.run(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=600, stdin=subprocess.DEVNULL, check=False)
    records = json.loads(results.read_text(encoding="utf-8")) if results.exists() else []
    return proc, [(record["host"], playbook_harness.task_result(record)) for record in records]


def files_under(directory):
    return dict((str(path.relative_to(directory)), path.read_text(encoding="utf-8"))
                for path in sorted(directory.rglob("*")) if path.is_file())


def test_an_estate_of_20_apps_exported_then_converged_without_a_change(sim, run_playbook, tmp_path):
    secrets = seed_estate(sim)
    dest = tmp_path / "estate"
    # The third run reads one request after another (the others 8 at once): the same files, so no write.
    exported = run_playbook([dict(export(dest=str(dest)), check_mode=True),
                             export(dest=str(dest)), export(dest=str(dest), concurrency=1)], diff=True, verbosity=4)
    assert exported.rc == 0, exported.stdout
    check, real, again = exported.results
    # Check mode: says what it would write, writes nothing; the real run writes; the same estate again: no write.
    assert check.changed and not any(item["changed"] is False for item in check["heroku_estate_export"]["apps"])
    assert real.changed and again.status == "ok" and not again.changed
    assert not any(item["changed"] for item in again["heroku_estate_export"]["apps"])
    for step in (check, real, again):
        assert step.writes == []
        # One list of apps and one of couplings, then the same 9 reads for each app, each once.
        assert step["heroku_estate_export"]["requests"] == len(step.requests) == 2 + READS_PER_CEDAR_APP * len(APPS)
        assert len(set(step.calls)) == len(step.calls)
    written = files_under(dest)
    assert sorted(written) == ["heroku.yml"] + ["host_vars/%s.yml" % name for name in APPS]
    # --diff: each file's text, before (none) and after; in check mode the same.
    names = ["host_vars/%s.yml" % name for name in APPS] + ["heroku.yml"]
    for step in (check, real):
        assert step.result["diff"]["before"] == "".join("==> %s <==\n" % name for name in names)
        assert step.result["diff"]["after"] == "".join("==> %s <==\n%s" % (name, written[name]) for name in names)
    assert again.result["diff"] == {"before": "", "after": ""}
    for relative in written:
        assert stat.S_IMODE(os.stat(dest / relative).st_mode) == 0o600
    # No config value, drain credential, webhook secret nor add-on URL anywhere: files, results, -vvvv output.
    everything = exported.stdout + json.dumps([step.result for step in exported.results]) + "".join(written.values())
    for value in secrets:
        assert value not in everything

    one = yaml.safe_load(written["host_vars/estate-00.yml"])
    assert one == {
        "heroku_app_name": "estate-00", "heroku_app_region": "us", "heroku_app_stack": "heroku-24",
        "heroku_app_team": "acme", "heroku_app_buildpacks": ["heroku/python"],
        "heroku_app_features": {"http-session-affinity": False, "log-runtime-metrics": False, "preboot": True,
                                "runtime-dyno-metadata": False, "spaces-dns-discovery": False},
        "heroku_app_maintenance": False,
        "heroku_app_addons": [{"name": "db-estate-00", "plan": "heroku-postgresql:essential-0",
                               "attachment_name": "DATABASE"}],
        "heroku_app_attachments": [],
        "heroku_app_domains": [{"hostname": "www.estate-00.example.com"}],
        "heroku_app_drains": [{"url": "syslog+tls://logs.example.net"}],
        "heroku_app_collaborators": [{"email": "carol@example.com", "permissions": ["deploy", "view"]}],
        "heroku_app_webhooks": [{"url": "https://hooks.example.com/heroku/estate-00",
                                 "include": ["api:build", "api:release"], "level": "notify"}],
        "heroku_app_formation": [{"type": "web", "quantity": 1, "size": "Standard-1X"},
                                 {"type": "worker", "quantity": 0, "size": "Basic"}],
        "heroku_app_pipeline": "shop", "heroku_app_pipeline_stage": "production",
    }
    header = written["host_vars/estate-00.yml"].split("---\n")[0]
    assert "# Config vars, values left out" in header and "LOG_LEVEL SECRET_KEY" in header.replace(",", "")
    assert "DATABASE_URL" in header and re.search(r"log drain d\.[0-9a-f-]+ \(https://logs\.example\.com/\*+\)", header)
    shared = yaml.safe_load(written["host_vars/estate-03.yml"])
    assert shared["heroku_app_addons"] == [{"name": "db-estate-03", "plan": "heroku-postgresql:essential-0",
                                            "attachment_name": "DATABASE"}]
    assert shared["heroku_app_attachments"] == [{"addon": "db-estate-00", "as": "SHARED"}]
    shared_result = next(item for item in real["heroku_estate_export"]["apps"] if item["name"] == "estate-03")
    assert shared_result["config_keys"] == ["LOG_LEVEL", "SECRET_KEY"]
    assert shared_result["addon_config_keys"] == ["DATABASE_URL", "SHARED_URL"]
    assert "heroku_app_team" not in shared and shared["heroku_app_collaborators"] == [{"email": "dave@example.com"}]
    assert yaml.safe_load(written["host_vars/estate-07.yml"])["heroku_app_maintenance"] is True
    assert "heroku_app_pipeline" not in yaml.safe_load(written["host_vars/estate-19.yml"])
    assert yaml.safe_load(written["heroku.yml"]) == {"plugin": "herokuops.platform.heroku"}
    result_vars = dict((item["name"], item["variables"]) for item in real["heroku_estate_export"]["apps"])
    assert result_vars["estate-00"] == one

    # The converge of what was written, every app a host of the exported inventory: reads only, nothing changed.
    playbook = tmp_path / "converge.yml"
    playbook.write_text(yaml.safe_dump([{
        "name": "Converge the estate", "hosts": "all", "connection": "local", "gather_facts": False,
        "vars": {"ansible_python_interpreter": sys.executable}, "roles": ["herokuops.platform.app"]}]))
    sim.clear_requests()
    proc, tasks = run(sim, tmp_path, [str(BIN / "ansible-playbook"), "-i", str(dest), str(playbook)],
                      tmp_path / "converge-results.json")
    assert proc.returncode == 0, proc.stdout
    assert sim.writes() == []
    assert sorted(set(host for host, _task in tasks)) == APPS
    assert [(host, task.name) for host, task in tasks if task.changed] == []
    assert set(task.status for _host, task in tasks) <= {"ok", "skipped"}
    # Every aspect was converged (not skipped) for every app.
    for step in ("Converge the app itself", "Converge the add-ons", "Converge the custom domains", "Converge the log drains",
                 "Converge the collaborators", "Converge the webhooks", "Couple to its pipeline stage",
                 "Scale the defined process types"):
        ran = sorted(host for host, task in tasks if task.name.startswith("herokuops.platform.app : " + step)
                     and task.status == "ok")
        assert ran == (APPS[:16] if step.startswith("Couple") else APPS), step
    # The one shared add-on, attached to estate-03, is found as it is.
    assert [host for host, task in tasks if "Attach the shared add-ons" in task.name and task.status == "ok"] == ["estate-03"]


FIR_ENDPOINT = "https://otel.example.com/v1"
CRED_DRAIN = "syslog+tls://acme:%s@logs.example.com:6514" % secret(1, "drainref")
ODD_WEBHOOK = "https://hooks.example.com/h/{{no_such_variable}}"


def seed_team_estate(sim):
    """Team acme: a Cedar app with config, a credentialed drain and a webhook whose URL looks like a template, a Fir
    app with a telemetry drain whose header is a vendor's key; and a personal app outside the team."""
    sim.set_async_delay(0)
    sim.seed_app("acme-web", team="acme", config={"SECRET_KEY": secret(1, "config"), "LOG_LEVEL": "debug"},
                 formation={"web": 2})
    sim.seed_app("solo-app", config={"TOKEN": secret(2, "config")})
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    status, fir_app = api(sim, "POST", "/teams/apps", {"name": "fir-web", "team": "acme", "space": "acme-fir"})
    assert status == 201, fir_app
    for method, where, body in [
            ("POST", "/apps/acme-web/log-drains", {"url": CRED_DRAIN}),
            ("POST", "/apps/acme-web/webhooks", {"url": ODD_WEBHOOK, "include": ["api:release"], "level": "sync"}),
            ("PATCH", "/apps/fir-web/config-vars", {"OTEL_SERVICE_NAME": secret(3, "config")}),
            ("POST", "/telemetry-drains", {"owner": {"id": fir_app["id"], "type": "app"}, "signals": ["traces", "logs"],
                                           "exporter": {"type": "otlphttp", "endpoint": FIR_ENDPOINT,
                                                        "headers": {"x-api-key": secret(4, "header")}}})]:
        status, answer = api(sim, method, where, body)
        assert status in (200, 201), (where, status, answer)
    token = api(sim, "GET", "/apps/acme-web/log-drains")[1][0]["token"]
    sim.clear_requests()
    # What a user keeps in a vault after an export with secrets=reference.
    vault = {"vault_heroku_config": {"acme-web": {"SECRET_KEY": secret(1, "config"), "LOG_LEVEL": "debug"},
                                     "fir-web": {"OTEL_SERVICE_NAME": secret(3, "config")}},
             "vault_heroku_drains": {"acme-web": {token: CRED_DRAIN}},
             "vault_heroku_telemetry_headers": {"fir-web": {FIR_ENDPOINT: {"x-api-key": secret(4, "header")}}}}
    return token, vault


@pytest.mark.both_paths
def test_a_team_exported_with_references_to_a_vault_converges_without_a_change(sim, run_playbook, tmp_path):
    token, vault = seed_team_estate(sim)
    dest = tmp_path / "estate"
    plan = Playbook(run_playbook)
    steps = plan.converge(export(dest=str(dest), team="acme", secrets="reference"), writes=[],
                          after_check=lambda: not dest.exists() or pytest.fail("check mode wrote %s" % dest))
    result = plan.run(verbosity=4)
    for value in [secret(1, "config"), secret(1, "drainref"), secret(3, "config"), secret(4, "header")]:
        assert value not in result.output
    written = files_under(dest)
    assert sorted(written) == ["heroku.yml", "host_vars/acme-web.yml", "host_vars/fir-web.yml"]
    assert yaml.safe_load(written["heroku.yml"]) == {"plugin": "herokuops.platform.heroku", "teams": ["acme"]}
    web = written["host_vars/acme-web.yml"]
    assert '  SECRET_KEY: "{{ vault_heroku_config[\'acme-web\'][\'SECRET_KEY\'] }}"' in web
    assert '  - url: "{{ vault_heroku_drains[\'acme-web\'][\'%s\'] }}"' % token in web
    # Heroku's text that looks like a template is never evaluated by Ansible.
    assert '  - url: !unsafe "%s"' % ODD_WEBHOOK in web
    fir = yaml.safe_load(written["host_vars/fir-web.yml"])
    assert not set(fir) & {"heroku_app_stack", "heroku_app_buildpacks", "heroku_app_drains"}
    assert fir["heroku_app_telemetry_drains"] == [{
        "endpoint": FIR_ENDPOINT, "signals": ["logs", "traces"], "exporter": "otlphttp",
        "headers": {"x-api-key": "{{ vault_heroku_telemetry_headers['fir-web']['%s']['x-api-key'] }}" % FIR_ENDPOINT}}]
    assert fir["heroku_app_config"] == {"OTEL_SERVICE_NAME": "{{ vault_heroku_config['fir-web']['OTEL_SERVICE_NAME'] }}"}
    apps = dict((item["name"], item) for item in steps.real["heroku_estate_export"]["apps"])
    assert sorted(apps) == ["acme-web", "fir-web"] and apps["acme-web"]["config_keys"] == ["LOG_LEVEL", "SECRET_KEY"]
    # The Fir app: no buildpacks and no log drains read (9 reads), and one read of the app where the team's list
    # does not say its generation.
    listed = dict((app["name"], app) for app in api(sim, "GET", "/teams/acme/apps")[1])
    generation_read = 0 if "generation" in listed["fir-web"] else 1
    assert steps.real["heroku_estate_export"]["requests"] == len(steps.real.requests) == 2 + 10 + 9 + generation_read
    fir_app_id = listed["fir-web"]["id"]
    fir_reads = [path for _method, path in steps.real.calls if "/%s/" % fir_app_id in path]
    assert len(fir_reads) == 9 and not [path for path in fir_reads if path.endswith(("/log-drains", "/buildpack-installations"))]

    # The converge, given the vault's values: config set, drain and headers as they are, nothing changed.
    (tmp_path / "vault.yml").write_text(yaml.safe_dump(vault), encoding="utf-8")
    playbook = tmp_path / "converge.yml"
    playbook.write_text(yaml.safe_dump([{
        "name": "Converge the estate", "hosts": "all", "connection": "local", "gather_facts": False,
        "vars": {"ansible_python_interpreter": sys.executable}, "roles": ["herokuops.platform.app"]}]))
    sim.clear_requests()
    proc, tasks = run(sim, tmp_path, [str(BIN / "ansible-playbook"), "-vvvv", "-i", str(dest), "-e",
                                      "@" + str(tmp_path / "vault.yml"), str(playbook)], tmp_path / "converge-results.json")
    assert proc.returncode == 0, proc.stdout
    assert sim.writes() == [] and [(host, task.name) for host, task in tasks if task.changed] == []
    ran = sorted((host, task.name.split(" : ")[1].split(" of ")[0]) for host, task in tasks if task.status == "ok")
    for host, step in [("acme-web", "Set the config vars"), ("fir-web", "Set the config vars"),
                       ("acme-web", "Converge the log drains"), ("fir-web", "Converge the telemetry drains"),
                       ("acme-web", "Converge the webhooks")]:
        assert (host, step) in ran
    for value in [secret(1, "config"), secret(1, "drainref"), secret(3, "config"), secret(4, "header")]:
        assert value not in proc.stdout

    # A file whose mode was loosened is written again (0600), and only it; another app's old file is left alone.
    os.chmod(dest / "host_vars" / "acme-web.yml", 0o644)
    (dest / "host_vars" / "gone-app.yml").write_text("heroku_app_name: gone-app\n", encoding="utf-8")
    again = run_playbook([export(dest=str(dest), team="acme", secrets="reference")])
    assert again.rc == 0, again.stdout
    assert [item["name"] for item in again.results[0]["heroku_estate_export"]["apps"] if item["changed"]] == ["acme-web"]
    assert stat.S_IMODE(os.stat(dest / "host_vars" / "acme-web.yml").st_mode) == 0o600
    assert (dest / "host_vars" / "gone-app.yml").read_text(encoding="utf-8") == "heroku_app_name: gone-app\n"
    assert files_under(dest)["host_vars/acme-web.yml"] == web


def test_listed_apps_and_bad_input(sim, run_playbook, tmp_path):
    sim.seed_app("acme-web", config={"SECRET_KEY": secret(1, "config")})
    api_id = sim.seed_app("acme-api")["id"]
    sim.clear_requests()
    not_a_directory = tmp_path / "a-file"
    not_a_directory.write_text("", encoding="utf-8")
    fails_before_any_request(run_playbook, [
        (export(dest=str(not_a_directory)), "dest=%r is a file" % str(not_a_directory)),
        (export(dest="estate"), "dest='estate' is a relative path"),
        (export(dest=str(tmp_path / "out"), team="acme", apps=["acme-web"]), "mutually exclusive: team|apps"),
        (export(dest=str(tmp_path / "out"), apps=["Acme_Web"]), "apps[0]='Acme_Web' is not a valid app name"),
        (export(dest=str(tmp_path / "out"), apps=[]), "apps is empty"),
        (export(dest=str(tmp_path / "out"), team="no team"), "team='no team' is not a valid team name"),
        (export(dest=str(tmp_path / "out"), reference_prefix="vault-heroku"), "reference_prefix='vault-heroku'"),
        (export(dest=str(tmp_path / "out"), secrets="plain"), "secrets"),
        (export(dest=str(tmp_path / "out"), concurrency=0),
         "concurrency=0 is out of range: use from 1 to 32 requests at once."),
    ])
    assert not (tmp_path / "out").exists()
    # Listed apps (by name or id): one read of each, then its aspects; the inventory selects them by name; an unknown app fails
    # before any file is written.
    result = run_playbook([export(dest=str(tmp_path / "out"), apps=["acme-web", api_id], inventory=True),
                           dict(export(dest=str(tmp_path / "missing"), apps=["acme-web", "no-such-app"]),
                                ignore_errors=True)])
    listed, missing = result.results
    assert listed.changed and listed["heroku_estate_export"]["requests"] == 2 + 1 + 2 * 10
    assert [item["name"] for item in listed["heroku_estate_export"]["apps"]] == ["acme-api", "acme-web"]
    assert yaml.safe_load((tmp_path / "out" / "heroku.yml").read_text()) == {
        "plugin": "herokuops.platform.heroku", "name_pattern": "^(acme-api|acme-web)$"}
    assert missing.failed and "App no-such-app was not found (apps)." in missing.result["msg"]
    assert missing.writes == [] and not (tmp_path / "missing").exists()
