# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where the modules run: inside Ansible's worker on the controller, or as module runs everywhere else.

At -vvv a module run shows its AnsiballZ payload being executed; the in-process path shows none.
"""

import pytest

from converge import assert_writes
from sim_api import API_KEY

SECRET = "a-Config-secret-5521"


def config(**args):
    return {"name": "config", "herokuops.platform.heroku_config": dict(dict(app="acme-web"), **args)}


def ran_as_module(result, module="heroku_config"):
    return ("AnsiballZ_%s.py" % module) in result.output


def comparable(record):
    """A task's result without what differs by nature between two runs of the same change."""
    return dict((key, value) for key, value in record.result.items() if key not in ("invocation", "_ansible_no_log"))


def test_on_the_controller_the_module_runs_in_the_worker_unless_turned_off(sim, run_playbook, tmp_path):
    sim.seed_app("acme-web", config={"KEEP": "1"})
    tasks = [
        dict(config(config={"A": "1"}), name="in process"),
        dict(config(config={"A": "1"}), name="again, in process"),
        dict(config(config={"B": "2"}), name="as a module", vars={"herokuops_platform_in_process": False}),
        dict(config(config={"B": "2"}), name="again, as a module", vars={"herokuops_platform_in_process": False}),
        # The harness gives Ansible a HOME of its own: the async job's results go where both halves look.
        dict(config(config={"C": "3"}), name="async", vars={"ansible_async_dir": str(tmp_path / "async")},
             **{"async": 30, "poll": 1}),
    ]
    result = run_playbook(tasks, verbosity=3, diff=True)
    assert result.rc == 0, result.output
    assert not ran_as_module(result.__class__(rc=0, stdout=result.output_of("in process")))
    assert ran_as_module(result.__class__(rc=0, stdout=result.output_of("as a module")))
    assert ran_as_module(result.__class__(rc=0, stdout=result.output_of("async")))
    # The same runner either way: the same results, keys and diffs, a change then none.
    inside, module = comparable(result.task("in process")), comparable(result.task("as a module"))
    assert inside["changed"] is module["changed"] is True
    assert inside["heroku_config"]["added_keys"] == ["A"] and module["heroku_config"]["added_keys"] == ["B"]
    assert set(inside["heroku_config"]) == set(module["heroku_config"])
    assert inside["diff"]["after"] == {"config": {"A": "******** (added)"}}
    assert module["diff"]["after"] == {"config": {"B": "******** (added)"}}
    assert result.task("again, in process").status == result.task("again, as a module").status == "ok"
    for name, sent in (("in process", {"A": "1"}), ("as a module", {"B": "2"}), ("async", {"C": "3"})):
        assert_writes(result.task(name).writes, [("PATCH", "/apps/acme-web/config-vars", sent)])
    # The invocation Ansible shows at -vvv holds the same masked arguments.
    assert result.task("in process")["invocation"]["module_args"]["config"] == {"A": "********"}
    assert result.task("as a module")["invocation"]["module_args"]["config"] == {"B": "********"}
    assert result.task("in process")["invocation"]["module_args"]["api_key"] == \
        result.task("as a module")["invocation"]["module_args"]["api_key"]


def test_module_defaults_of_the_group_and_of_the_module_reach_the_worker(sim, run_playbook):
    """Every module runs through one action plugin: the defaults of one module still reach that module alone, and
    the plugin runs the module the task names, short or in full."""
    sim.seed_app("acme-web")
    playbook = [{
        "name": "defaults", "hosts": "localhost", "connection": "local", "gather_facts": False,
        "collections": ["herokuops.platform"],
        "module_defaults": {
            "group/herokuops.platform.heroku": {"api_key": API_KEY, "timeout": 7},
            "herokuops.platform.heroku_config_info": {"app": "acme-web"},
        },
        "tasks": [
            {"name": "info", "herokuops.platform.heroku_config_info": {}},
            {"name": "short name", "heroku_app_info": {"name": "acme-web"}},
        ],
    }]
    result = run_playbook(playbook, unset_env=["HEROKU_API_KEY"], verbosity=3)
    record = result.task("info")
    assert record.status == "ok", result.output
    assert record["invocation"]["module_args"]["timeout"] == 7 and record["invocation"]["module_args"]["app"] == "acme-web"
    short = result.task("short name")
    assert short.status == "ok" and [app["name"] for app in short["heroku_app_info"]] == ["acme-web"]
    assert short["invocation"]["module_args"]["timeout"] == 7 and "app" not in short["invocation"]["module_args"]
    assert API_KEY not in result.output and not ran_as_module(result, "heroku_config_info")
    assert not ran_as_module(result, "heroku_app_info")


@pytest.mark.both_paths
def test_the_tasks_environment_reaches_the_client_proxies_and_key_included(sim, run_playbook):
    sim.seed_app("acme-web")
    # Nothing listens on port 9: a request sent through that proxy fails; NO_PROXY lets it go straight to Heroku.
    proxy = {"HTTP_PROXY": "http://127.0.0.1:9", "http_proxy": "http://127.0.0.1:9"}
    result = run_playbook([
        dict(config(config={"A": "1"}, max_retries=0), name="through the proxy", environment=proxy, ignore_errors=True),
        dict(config(config={"A": "1"}), name="no proxy for the API", environment=dict(proxy, NO_PROXY="127.0.0.1")),
    ])
    through = result.task("through the proxy")
    assert through.status == "failed" and "ProxyError" in through["msg"] and through.requests == []
    assert result.task("no proxy for the API").status == "changed"
    assert_writes(result.task("no proxy for the API").writes, [("PATCH", "/apps/acme-web/config-vars", {"A": "1"})])

    result = run_playbook([dict(config(config={"A": "2"}), name="key from the task's environment",
                                environment={"HEROKU_API_KEY": API_KEY})], unset_env=["HEROKU_API_KEY"])
    assert result.task("key from the task's environment").status == "changed", result.output
    assert_writes(result.task("key from the task's environment").writes,
                  [("PATCH", "/apps/acme-web/config-vars", {"A": "2"})])


@pytest.mark.both_paths
def test_an_unexpected_error_is_a_failure_that_shows_no_secret(sim, run_playbook):
    # Heroku answering a pipeline's read with an empty object is nothing the modules expect.
    sim.inject_fault(method="GET", path=r"^/pipelines/shop$", status=200)
    result = run_playbook([{"name": "pipeline", "ignore_errors": True, "herokuops.platform.heroku_pipeline": {
        "name": "shop", "stage_config_vars": {"staging": {"SESSION_SECRET": SECRET}}}}], verbosity=4)
    record = result.task("pipeline")
    assert record.status == "failed" and record["changed"] is False
    assert "Unexpected error" in record["msg"] and "KeyError" in record["msg"]
    assert SECRET not in result.output and API_KEY not in result.output
    assert [request["method"] for request in record.requests] == ["GET"]
