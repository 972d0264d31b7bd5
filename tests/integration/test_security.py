# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials, path safety, honest results and input checks, through real ansible-playbook runs.

Each test runs one playbook of several tasks (``ignore_errors`` where a task must fail), so
that a finding costs a task, not a process.
"""

import re

import pytest
import yaml

from converge import assert_writes
from sim_api import API_KEY, api
from test_inventory import BIN, PLUGIN, loads, run

# Every test here runs with the modules in Ansible's worker and again as module runs: both paths must behave alike.
pytestmark = pytest.mark.both_paths

SECRET = "config-Secret-value-7781"
PROVIDER_SECRET = "fork-Password-4410"


def task(title, module, /, ignore_errors=False, **args):
    entry = {"name": title, "herokuops.platform." + module: args}
    if ignore_errors:
        entry["ignore_errors"] = True
    return entry


def home(tmp_path, name, netrc=None, mode=0o600):
    """A HOME for one task, holding ``netrc`` as its ~/.netrc."""
    path = tmp_path / "homes" / name
    path.mkdir(parents=True)
    if netrc is not None:
        (path / ".netrc").write_text(netrc)
        (path / ".netrc").chmod(mode)
    return str(path)


def test_where_the_key_comes_from_and_what_is_said_about_it(sim, run_playbook, tmp_path):
    sim.seed_app("acme-web")
    stale = "machine 127.0.0.1 login ops@example.com password stale-netrc-key\ndefault login x password other-host-key\n"
    spaced = API_KEY[:4] + " " + API_KEY[4:]

    def with_home(entry, path, **env):
        entry["environment"] = dict(HOME=path, **env)
        return entry

    result = run_playbook([
        # The configured key is what is sent, not a stale ~/.netrc entry for the same host (the
        # environment's key against ~/.netrc: see the inventory test below).
        with_home(task("option key over netrc", "heroku_app_info", name="acme-web", api_key=API_KEY),
                  home(tmp_path, "stale", stale)),
        # A key read from a file keeps its newline; it is stripped, and still never shown.
        with_home(task("key with a newline", "heroku_app_info", name="acme-web", api_key=API_KEY + "\n"),
                  home(tmp_path, "none")),
        with_home(task("key with a space inside", "heroku_app_info", ignore_errors=True, name="acme-web", api_key=spaced),
                  home(tmp_path, "none2")),
        # ~/.netrc alone: a default entry is meant for other hosts and never sent.
        with_home(task("netrc default entry only", "heroku_app_info", ignore_errors=True, name="acme-web"),
                  home(tmp_path, "default", "default login x password other-host-key\n")),
        with_home(task("malformed netrc", "heroku_app_info", ignore_errors=True, name="acme-web"),
                  home(tmp_path, "bad", "machine 127.0.0.1\n  login ops@example.com\n  %s\n" % API_KEY)),
        with_home(task("netrc others can read", "heroku_app_info", name="acme-web"),
                  home(tmp_path, "open", "machine 127.0.0.1 login ops@example.com password %s\n" % API_KEY, mode=0o644)),
        # The key would travel in clear or to an unverified server: said before anything is sent.
        task("plain http to another host", "heroku_app_info", ignore_errors=True, name="acme-web",
             api_url="http://heroku-api.invalid", max_retries=0),
        task("unverified https to another host", "heroku_app_info", ignore_errors=True, name="acme-web",
             api_url="https://heroku-api.invalid", validate_certs=False, max_retries=0),
    ], verbosity=4, unset_env=["HEROKU_API_KEY"])
    for name in ("option key over netrc", "key with a newline", "netrc others can read"):
        assert result.task(name).status == "ok", (name, result.output)
    assert result.task("option key over netrc")["heroku_app_info"][0]["name"] == "acme-web"

    assert result.task("key with a space inside").status == "failed"
    assert "api_key option holds whitespace" in result.task("key with a space inside")["msg"]
    assert "No Heroku API key found" in result.task("netrc default entry only")["msg"]
    assert "line 4 is not valid netrc syntax" in result.task("malformed netrc")["msg"]
    assert "chmod 600" in " ".join(result.task("netrc others can read").get("warnings", []))
    assert "travels unencrypted" in " ".join(result.task("plain http to another host").get("warnings", []))
    assert "certificate is not checked" in " ".join(result.task("unverified https to another host").get("warnings", []))
    for secret in (API_KEY, spaced, "stale-netrc-key", "other-host-key"):
        assert secret not in result.output, secret
    # Every request the simulator saw carried the configured key: none was refused.
    assert all(request["status"] != 401 for request in sim.requests)


def test_env_key_wins_over_netrc_in_the_inventory_plugin_too(sim, tmp_path):
    sim.seed_app("acme-web")
    (tmp_path / "home").mkdir()
    netrc_file = tmp_path / "home" / ".netrc"
    netrc_file.write_text("machine 127.0.0.1 login ops@example.com password stale-netrc-key\n")
    netrc_file.chmod(0o600)
    config = tmp_path / "estate.heroku.yml"
    config.write_text(yaml.safe_dump({"plugin": PLUGIN}))
    proc = run(sim, tmp_path, [str(BIN / "ansible-inventory"), "-i", str(config), "--list"])
    assert proc.returncode == 0, proc.stderr
    assert "acme-web" in loads(proc.stdout)["_meta"]["hostvars"]
    assert "stale-netrc-key" not in proc.stdout + proc.stderr


def test_names_reach_no_url_unchecked(sim, run_playbook):
    sim.seed_app("acme-web")
    sim.clear_requests()
    result = run_playbook([
        task("path traversal", "heroku_config", ignore_errors=True, app="../account#", config={"A": "1"}),
        task("query injection", "heroku_config_info", ignore_errors=True, app="acme-web?x=1"),
        task("trailing newline", "heroku_app", ignore_errors=True, name="shop-web\n"),
        task("new name with a newline", "heroku_app", ignore_errors=True, name="acme-web", new_name="acme-api\n"),
        task("feature name with a slash", "heroku_app", ignore_errors=True, name="acme-web", features={"../x": True}),
        task("addon name with a slash", "heroku_addon_info", ignore_errors=True, name="a/b"),
        task("team with a fragment", "heroku_app_info", ignore_errors=True, team="acme#"),
    ])
    for record in result.results:
        assert record.status == "failed", (record.name, result.output)
    assert "app='../account#' is not a valid app name" in result.task("path traversal")["msg"]
    assert "name='shop-web\\n' is not a valid app name" in result.task("trailing newline")["msg"]
    assert "new_name='acme-api\\n'" in result.task("new name with a newline")["msg"]
    assert "features.../x" in result.task("feature name with a slash")["msg"]
    assert sim.requests == []
    assert api(sim, "GET", "/account")[1]["email"] == "ops@example.com"


def test_bad_input_fails_before_any_request_naming_the_option(sim, run_playbook):
    sim.seed_app("acme-web")
    sim.clear_requests()
    cases = {
        "promote to itself": (task("promote to itself", "heroku_pipeline_promotion", ignore_errors=True, pipeline="shop",
                                   source="shop-staging", targets=["shop-staging"]), "targets names the source"),
        "empty pipeline name": (task("empty pipeline name", "heroku_pipeline", ignore_errors=True, name=""),
                                "name='' is not a valid pipeline name"),
        "zero timeout": (task("zero timeout", "heroku_app_info", ignore_errors=True, name="acme-web", timeout=0),
                         "timeout=0 is out of range: use a whole number from 1 to 3600"),
        "dash as a key": (task("dash as a key", "heroku_config", ignore_errors=True, app="acme-web", config={"-": "x"}),
                          "the name '-' is not a config var name"),
        "empty key": (task("empty key", "heroku_config", ignore_errors=True, app="acme-web", config={"": "x"}),
                      "the name '' is not a config var name"),
        "40 kB value": (task("40 kB value", "heroku_config", ignore_errors=True, app="acme-web",
                             config={"BIG": "x" * 40000}), "Heroku allows 32768 bytes (32 kB) an app"),
        "feature maybe": (task("feature maybe", "heroku_app", ignore_errors=True, name="acme-web",
                               features={"preboot": "maybe"}), "features.preboot='maybe' is not a boolean"),
        "empty buildpack": (task("empty buildpack", "heroku_app", ignore_errors=True, name="acme-web", buildpacks=[""]),
                            "buildpacks[0]='' is not a buildpack"),
        "region typo": (task("region typo", "heroku_space", ignore_errors=True, name="acme-eu", team="acme",
                             region="virgina"), "value of region must be one of"),
        "100000 dynos": (task("100000 dynos", "heroku_formation", ignore_errors=True, app="acme-web",
                              processes=[{"type": "web", "quantity": 100000}]),
                         "processes[0] (type web): quantity=100000 is out of range: use from 0 to 1000"),
        "negative wait": (task("negative wait", "heroku_addon", ignore_errors=True, app="acme-web",
                               plan="heroku-redis:mini", wait_timeout=-1), "wait_timeout=-1 is out of range"),
        "not a url": (task("not a url", "heroku_app_info", ignore_errors=True, name="acme-web",
                           api_url="ftp://api.heroku.com"), "api_url must be an http:// or https:// base URL"),
    }
    result = run_playbook([entry for entry, _message in cases.values()])
    for name, (_entry, message) in cases.items():
        record = result.task(name)
        assert record.status == "failed" and message in record["msg"], (name, record.get("msg"))
        assert "BIG" not in record["msg"] or "x" * 100 not in record["msg"]
    assert sim.requests == []


def test_a_write_that_may_have_taken_effect_is_reported_changed(sim, run_playbook):
    sim.seed_app("acme-old")
    sim.inject_fault(method="POST", path=r"^/apps$", lose_answer=True)
    sim.inject_fault(method="DELETE", path=r"^/apps/[^/]+$", lose_answer=True)  # deleted by id
    sim.freeze_async(True)
    result = run_playbook([
        task("create, answer lost", "heroku_app", ignore_errors=True, name="acme-new"),
        task("provision, wait times out", "heroku_addon", ignore_errors=True, app="acme-old",
             plan="heroku-postgresql:essential-0", wait_timeout=2),
        # The retry of a DELETE whose answer was lost finds the app gone: done, not an error.
        task("delete, answer lost", "heroku_app", name="acme-old", state="absent"),
    ])
    created, provisioned = result.task("create, answer lost"), result.task("provision, wait times out")
    assert created.status == "failed" and created["changed"] is True, result.output
    assert "POST /apps failed" in created["msg"]
    assert provisioned.status == "failed" and provisioned["changed"] is True
    assert "Timed out after 2s" in provisioned["msg"]
    assert result.task("delete, answer lost").status == "changed"
    deletes = [r for r in sim.requests if r["method"] == "DELETE"]
    assert [r["status"] for r in deletes] == [0, 404]  # the lost answer, then the retry finding it gone
    # Each write sent once (the DELETE twice: sent again, it is the same request), each with what it meant.
    assert_writes(created.writes, [("POST", "/apps", {"name": "acme-new"})])
    assert_writes(provisioned.writes, [("POST", "/apps/acme-old/addons", {"plan": "heroku-postgresql:essential-0"})])
    assert_writes(result.task("delete, answer lost").writes, [("DELETE", re.compile(r"/apps/[0-9a-f-]{36}"), None)] * 2)
    assert api(sim, "GET", "/apps/acme-new")[0] == 200
    assert api(sim, "GET", "/apps/acme-old")[0] == 404


def test_secret_values_of_misspelled_and_provider_options_stay_hidden(sim, run_playbook):
    sim.seed_app("acme-web")
    result = run_playbook([
        # Ansible refuses the unknown option; its values may be the secrets the real option masks.
        task("typo", "heroku_config", ignore_errors=True, app="acme-web", confg={"SESSION_SECRET": SECRET}),
        task("provider config", "heroku_addon", app="acme-web", plan="heroku-redis:mini",
             config={"fork": "redis://user:%s@example.com:6379" % PROVIDER_SECRET}),
    ], verbosity=4, diff=True)
    assert result.task("typo").status == "failed"
    assert "Unsupported parameters" in result.task("typo")["msg"] and "confg" in result.task("typo")["msg"]
    assert result.task("provider config").status == "changed", result.output
    # Hidden from the output, sent to Heroku as given.
    assert_writes(result.task("provider config").writes, [("POST", "/apps/acme-web/addons", {
        "plan": "heroku-redis:mini", "config": {"fork": "redis://user:%s@example.com:6379" % PROVIDER_SECRET}})])
    for secret in (SECRET, PROVIDER_SECRET, API_KEY):
        assert secret not in result.output, secret
        assert secret not in repr(result.results), secret


def test_the_inventory_plugin_reports_a_malformed_netrc_without_quoting_it(sim, tmp_path):
    # The word `password` forgotten: Python's netrc parser quotes the token that follows, the key itself.
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / ".netrc").write_text("machine 127.0.0.1\n  login ops@example.com\n  %s\n" % API_KEY)
    (tmp_path / "home" / ".netrc").chmod(0o600)
    config = tmp_path / "estate.heroku.yml"
    config.write_text(yaml.safe_dump({"plugin": PLUGIN}))
    proc = run(sim, tmp_path, [str(BIN / "ansible-inventory"), "-vvvv", "-i", str(config), "--list"],
               env={"HEROKU_API_KEY": None})
    assert proc.returncode != 0
    assert "is not valid netrc syntax" in proc.stdout + proc.stderr
    assert API_KEY not in proc.stdout + proc.stderr
