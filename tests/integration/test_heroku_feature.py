# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_feature and heroku_feature_info through real ansible-playbook runs against the simulator."""

import pytest

from converge import Playbook, assert_writes
from sim_api import API_KEY, api

APP_FEATURE = "/apps/acme-web/features/preboot"
ACCOUNT_FEATURE = "/account/features/app-overview"


def feature(**args):
    return {"name": "feature", "herokuops.platform.heroku_feature": args}


def info(label, **args):
    return {"name": label, "herokuops.platform.heroku_feature_info": args}


def enabled(sim, path):
    return api(sim, "GET", path)[1]["enabled"]


@pytest.mark.both_paths
def test_enable_and_disable_an_app_feature_and_an_account_feature_and_no_key_at_vvvv(sim, run_playbook):
    sim.seed_app("acme-web")
    seen = {}
    plan = Playbook(run_playbook)

    def converge(path, **args):
        # One GET of the feature, one PATCH when it differs; again: the GET only.
        # The key as an option: Ansible echoes options at -vvvv, and it must show masked.
        return plan.converge(feature(api_key=API_KEY, **args), writes=[("PATCH", path, {"enabled": args["enabled"]})],
                             reads=[("GET", path)],
                             after_check=lambda: seen.setdefault(path, []).append(enabled(sim, path)))

    app_on = converge(APP_FEATURE, app="acme-web", name="preboot", enabled=True)
    app_off = converge(APP_FEATURE, app="acme-web", name="preboot", enabled=False)
    account_on = converge(ACCOUNT_FEATURE, name="app-overview", enabled=True)
    account_off = converge(ACCOUNT_FEATURE, name="app-overview", enabled=False)
    result = plan.run(verbosity=4)
    assert API_KEY not in result.stdout and API_KEY not in repr([task.result for task in result.results])

    # Check mode left each feature as it was.
    assert seen == {APP_FEATURE: [False, True], ACCOUNT_FEATURE: [False, True]}
    for step, was, now in ((app_on, False, True), (app_off, True, False), (account_on, False, True),
                           (account_off, True, False)):
        assert step.check["diff"] == step.real["diff"] == {"before": {"enabled": was}, "after": {"enabled": now}}
        assert step.check["heroku_feature"]["enabled"] is now and step.real["heroku_feature"]["enabled"] is now
        assert step.again["diff"] == {"before": {}, "after": {}}
        assert step.again["heroku_feature"] == step.real["heroku_feature"]
    assert app_on.real["heroku_feature"] == {
        "name": "preboot", "enabled": True, "state": "general", "description": "Provide seamless web dyno deploys.",
        "doc_url": "https://devcenter.heroku.com/articles/preboot", "display_name": "Preboot", "app": "acme-web"}
    account = account_on.real["heroku_feature"]
    assert account["name"] == "app-overview" and account["app"] is None and account["state"] == "beta"
    assert enabled(sim, APP_FEATURE) is False and enabled(sim, ACCOUNT_FEATURE) is False


def test_info_lists_the_apps_or_the_accounts_features_or_one(sim, run_playbook):
    sim.seed_app("acme-web")
    assert api(sim, "PATCH", "/apps/acme-web/features/runtime-dyno-metadata", {"enabled": True})[0] == 200
    assert api(sim, "PATCH", "/account/features/metrics-request-volume", {"enabled": True})[0] == 200
    result = run_playbook([
        info("app", app="acme-web"),
        info("app one", app="acme-web", name="runtime-dyno-metadata"),
        info("account"),
        info("account one", name="metrics-request-volume"),
        # What does not exist fails, naming it (an empty list read as "not enabled").
        dict(info("account none", name="preboot"), ignore_errors=True),
        dict(info("app none", app="acme-web", name="prebot"), ignore_errors=True),
        dict(info("no app", app="acme-nope"), ignore_errors=True),
        dict(info("no app one", app="acme-nope", name="preboot"), ignore_errors=True),
    ], check=True)
    listed = dict((item["name"], item) for item in result.task("app")["heroku_feature_info"])
    assert sorted(listed) == ["http-session-affinity", "log-runtime-metrics", "preboot", "runtime-dyno-metadata",
                              "spaces-dns-discovery"]
    assert listed["runtime-dyno-metadata"]["enabled"] is True and listed["preboot"]["enabled"] is False
    assert all(item["app"] == "acme-web" for item in listed.values())
    assert [(item["name"], item["enabled"]) for item in result.task("app one")["heroku_feature_info"]] == [
        ("runtime-dyno-metadata", True)]
    account = dict((item["name"], item) for item in result.task("account")["heroku_feature_info"])
    assert sorted(account) == ["access-token-v2", "app-overview", "dashboard-repositories-api", "metrics-request-volume"]
    assert account["metrics-request-volume"]["enabled"] is True and account["app-overview"]["app"] is None
    assert [item["name"] for item in result.task("account one")["heroku_feature_info"]] == ["metrics-request-volume"]
    # preboot is an app's feature, not the account's.
    assert result.task("account none")["msg"] == (
        "name=preboot: the account has no feature preboot. For an app's feature set app; without name, this module "
        "lists the account's features.")
    assert result.task("app none")["msg"] == (
        "name=prebot: app acme-web has no feature prebot. Nearest: preboot. Without name, this module lists its "
        "features.")
    assert result.task("no app")["msg"] == result.task("no app one")["msg"] == "App acme-nope was not found."
    # One request each: a name is picked out of the list, which also tells an unknown app from an unknown feature.
    expected = {"app": "/apps/acme-web/features", "app one": "/apps/acme-web/features",
                "account": "/account/features", "account one": "/account/features",
                "account none": "/account/features", "app none": "/apps/acme-web/features",
                "no app one": "/apps/acme-nope/features"}
    for name, path in expected.items():
        record = result.task(name)
        assert record.status == ("failed" if "none" in name or "no app" in name else "ok")
        assert [(r["method"], r["path"]) for r in record.requests] == [("GET", path)]


def test_bad_input_unknown_features_and_api_errors_fail_clearly(sim, run_playbook):
    sim.seed_app("acme-web")
    sim.inject_fault(method="PATCH", path=r"^/account/features/access-token-v2$", status=403, error_id="forbidden",
                     message="You do not have access to this feature.")
    plan = Playbook(run_playbook)
    # Bad input: no request at all.
    for args, message in (
        (dict(name="../account", enabled=True), "name='../account' is not a valid feature name"),
        (dict(name="Preboot", app="acme-web", enabled=True), "name='Preboot' is not a valid feature name"),
        (dict(name="preboot", app="Acme_Web", enabled=True), "app='Acme_Web' is not a valid app name"),
        (dict(name="preboot", app="acme-web", enabled="maybe"), "argument 'enabled' is of type"),
        (dict(name="preboot", app="acme-web"), "missing required arguments: enabled"),
    ):
        plan.fails(feature(**args), message)
    # What Heroku does not know: reads, no write, and a message naming the feature (or the app).
    unknown = [
        plan.fails(feature(name="nope", app="acme-web", enabled=True),
                   "Feature nope was not found on app acme-web: Heroku has no app feature of that name", requests=True),
        plan.fails(feature(name="preboot", enabled=True),
                   "Account feature preboot was not found: Heroku has no account feature of that name. For an "
                   "app's feature set app", requests=True),
        plan.fails(feature(name="preboot", app="acme-nope", enabled=True),
                   "App acme-nope was not found, so its feature preboot cannot be set.", requests=True),
    ]
    refused = plan.task(feature(name="access-token-v2", enabled=True), label="refused", ignore_errors=True)
    plan.run()

    assert [len(step.requests) for step in unknown] == [2, 1, 2]
    record = refused.result
    assert record.status == "failed" and record["changed"] is False
    request_id = record.requests[-1]["request_id"]
    assert record["msg"] == ("PATCH /account/features/access-token-v2 failed (403 forbidden): "
                             "You do not have access to this feature. [request-id %s]" % request_id)
    assert record["failure"]["id"] == "forbidden" and record["failure"]["request_id"] == request_id
    assert_writes(record.writes, [("PATCH", "/account/features/access-token-v2", {"enabled": True})])
    assert enabled(sim, "/account/features/access-token-v2") is False
