# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_request and the heroku lookup through real ansible-playbook runs against the simulator."""

import datetime

import pytest

from converge import assert_writes, fails_before_any_request
from sim_api import API_KEY, api

SECRET = "stage-Secret-value-3317"


def request(**args):
    return {"name": "request", "herokuops.platform.heroku_request": args}


@pytest.mark.both_paths
def test_reads_are_sent_in_check_mode_and_change_nothing_writes_are_not(sim, run_playbook):
    sim.seed_app("shop-web", config={"A": "1"})
    for version in range(3):
        assert api(sim, "PATCH", "/apps/shop-web/config-vars", {"V": str(version)})[0] == 200
    result = run_playbook([
        dict(request(operation="release.list", path_params={"app": "shop-web"}, sort_by="version", order="desc", limit=1),
             name="latest release"),
        dict(request(path="/apps/shop-web/releases"), name="every release"),
        dict(request(method="POST", path="/filters/apps", body={"in": {"id": [api(sim, "GET", "/apps/shop-web")[1]["id"]]}}),
             name="a list answered to a POST"),
        dict(request(method="PATCH", path="/apps/{app}", path_params={"app": "shop-web"}, body={"maintenance": True}),
             name="a write"),
    ], check=True, diff=True)
    latest = result.task("latest release")
    assert latest.status == "ok" and latest["heroku_request"]["sent"] is True
    versions = [release["version"] for release in api(sim, "GET", "/apps/shop-web/releases")[1]]
    assert [release["version"] for release in latest["heroku_request"]["response"]] == [max(versions)]
    assert latest.requests[0]["range"] == "version ..; order=desc, max=1"
    assert len(result.task("every release")["heroku_request"]["response"]) == len(versions)
    assert [app["name"] for app in result.task("a list answered to a POST")["heroku_request"]["response"]] == ["shop-web"]
    assert result.task("a list answered to a POST").status == "ok"

    write = result.task("a write")
    assert write.status == "changed" and write.writes == [] and write.requests == []
    assert write["heroku_request"]["sent"] is False and write["heroku_request"]["response"] is None
    assert write["diff"]["after"] == {"request": {"method": "PATCH", "path": "/apps/shop-web", "body": {"maintenance": True}}}
    assert api(sim, "GET", "/apps/shop-web")[1]["maintenance"] is False

    result = run_playbook([dict(request(operation="app.update", path_params={"app": "shop-web"},
                                        body={"maintenance": True}), name="a write")])
    write = result.task("a write")
    assert write.status == "changed"
    assert_writes(write.writes, [("PATCH", "/apps/shop-web", {"maintenance": True})])
    assert write["heroku_request"]["response"]["maintenance"] is True


@pytest.mark.both_paths
def test_secret_fields_are_masked_in_the_result_the_diff_and_the_arguments(sim, run_playbook):
    sim.seed_app("shop-web")
    assert api(sim, "POST", "/pipelines", {"name": "shop"})[0] == 201
    drain = "https://user:%s@logs.example.com/drain" % SECRET
    result = run_playbook([
        # Config vars: every value is a secret, named in secret_fields or not.
        dict(request(operation="pipeline-config-var.update", path_params={"pipeline": "shop", "stage": "staging"},
                     body={"SESSION_SECRET": SECRET, "LOG_LEVEL": "info"}, secret_fields=["SESSION_SECRET"]),
             name="stage config vars"),
        dict(request(operation="log-drain.create", path_params={"app": "shop-web"}, body={"url": drain},
                     secret_fields=["url"]), name="drain"),
    ], diff=True, verbosity=4)
    record = result.task("stage config vars")
    assert record.status == "changed", result.output
    assert record["heroku_request"]["response"] == {"SESSION_SECRET": "********", "LOG_LEVEL": "********"}
    assert record["diff"]["after"]["request"]["body"] == {"SESSION_SECRET": "********", "LOG_LEVEL": "********"}
    created = result.task("drain")
    assert created["heroku_request"]["response"]["url"] == "********" and created["heroku_request"]["response"]["token"]
    assert created["diff"]["after"]["request"]["body"] == {"url": "********"}
    assert SECRET not in result.output and API_KEY not in result.output
    # Masked in what Ansible shows, sent as given.
    assert_writes(record.writes, [("PATCH", "/pipelines/shop/stage/staging/config-vars",
                                   {"SESSION_SECRET": SECRET, "LOG_LEVEL": "info"})])
    assert_writes(created.writes, [("POST", "/apps/shop-web/log-drains", {"url": drain})])
    assert api(sim, "GET", "/pipelines/shop/stage/staging/config-vars")[1]["SESSION_SECRET"] == SECRET


def test_what_cannot_be_sent_fails_before_any_request_and_heroku_errors_name_the_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (request(operation="release.lst"), "did you mean release.list"),
        (request(operation="release.list"), "path_params.app is required by GET /apps/{app}/releases"),
        (request(path="/apps/x/releases?limit=1"), "must be an API path"),
        (request(method="PUT", path="/apps/shop-web"), "that path takes GET, PATCH, DELETE"),
        (request(method="PATCH", path="/apps/shop-web", body={"maintenance": "yes"}), "body.maintenance must be boolean"),
        (request(method="POST", path="/account/app-transfers", body={"app": "shop-web"}), "body.recipient is required"),
        (request(operation="app.info", path="/apps/shop-web"), "mutually exclusive"),
        (request(path="/apps", limit=0), "limit=0 is out of range"),
    ])


def test_names_sort_by_and_bodies_that_would_go_astray_fail_before_any_request(sim, run_playbook):
    # Every name typed is checked against Heroku's pattern for its kind, as the dedicated modules check theirs;
    # sort_by reaches the Range header; a body with a GET or a DELETE would be dropped or ignored unseen.
    fails_before_any_request(run_playbook, [
        (request(operation="release.list", path_params={"app": "Shop_Web"}), "path_params.app='Shop_Web' is not a valid app name"),
        (request(path="/apps/{target}/releases", path_params={"target": "../account"}),
         "path_params.target='../account' is not a valid app name"),
        (request(path="/apps/Shop_Web/releases"), "path: its {app} segment: app='Shop_Web' is not a valid app name"),
        (request(operation="collaborator.info", path_params={"app": "shop-web", "collaborator": "a?b=1@example.com"}),
         "path_params.collaborator='a?b=1@example.com' is not a valid email"),
        (request(operation="team-member.delete", path_params={"team": "acme", "team_member": "ops@localhost"}),
         "path_params.team_member='ops@localhost' is not a valid email"),
        (request(operation="pipeline.info", path_params={"pipeline": "-shop"}), "path_params.pipeline='-shop' is not a valid pipeline name"),
        (request(operation="domain.info", path_params={"app": "shop-web", "domain": "www.example.com:443"}),
         "path_params.domain='www.example.com:443' is not a valid hostname"),
        (request(operation="release.list", path_params={"app": "shop-web"}, sort_by="version; max=1000"),
         "sort_by='version; max=1000' is not a field a list is paged by"),
        (request(path="/apps/shop-web", sort_by="version"), "sort_by goes with a list only"),
        (request(path="/apps/shop-web/releases", body={"status": "failed"}), "body: GET /apps/{app}/releases (release.list) takes no body"),
        (request(method="DELETE", path="/apps/shop-web/domains/www.example.com", body={"confirm": "shop-web"}),
         "body: DELETE /apps/{app}/domains/{domain} (domain.delete) takes no body"),
    ])


def test_names_heroku_takes_pass_the_checks(sim, run_playbook):
    sim.seed_app("shop-web")
    app_id = api(sim, "GET", "/apps/shop-web")[1]["id"]
    result = run_playbook([
        dict(request(path="/apps/{app}/releases", path_params={"app": app_id}, sort_by="version", order="desc", limit=1),
             name="by id"),
        dict(request(path="/users/~/apps"), name="the key's own account"),
        dict(request(operation="collaborator.list", path_params={"app": "shop-web"}, sort_by="created_at"), name="sorted"),
    ])
    assert result.rc == 0, result
    assert result.task("by id")["heroku_request"]["path"] == "/apps/%s/releases" % app_id
    assert [app["name"] for app in result.task("the key's own account")["heroku_request"]["response"]] == ["shop-web"]
    assert result.task("sorted").requests[0]["range"].startswith("created_at ..")
    result = run_playbook([dict(request(operation="app.info", path_params={"app": "acme-nope"}), ignore_errors=True)])
    record = result.task("request")
    assert record.status == "failed" and record["changed"] is False
    assert record["msg"].startswith("GET /apps/acme-nope failed (404 not_found): ") and "[request-id " in record["msg"]


def test_the_lookup_reads_in_templates(sim, run_playbook):
    sim.seed_app("shop-web", team="acme")
    sim.seed_app("shop-api", team="acme")
    result = run_playbook([
        {"name": "latest", "ansible.builtin.debug": {"msg": "{{ lookup('herokuops.platform.heroku', '/apps/shop-web/releases', "
                                                            "sort_by='version', order='desc', limit=1) }}"}},
        {"name": "team apps", "ansible.builtin.debug": {"msg": "{{ query('herokuops.platform.heroku', '/teams/{team}/apps', "
                                                               "path_params={'team': 'acme'}) | map(attribute='name') | sort }}"}},
        {"name": "a write", "ansible.builtin.debug": {"msg": "{{ lookup('herokuops.platform.heroku', '/apps/../account') }}"},
         "ignore_errors": True},
    ])
    assert result.task("latest")["msg"]["version"] == 2 and result.task("latest")["msg"]["status"] == "succeeded"
    assert result.task("team apps")["msg"] == ["shop-api", "shop-web"]
    assert result.task("a write").status == "failed"
    assert "must be an API path" in result.task("a write")["msg"] or "is not an operation" in result.task("a write")["msg"]
    assert all(request["method"] == "GET" for request in sim.requests)


@pytest.mark.both_paths
def test_a_usage_report_is_read_with_the_dates_of_its_query(sim, run_playbook):
    sim.seed_app("shop-web", team="acme", formation={"web": {"quantity": 2, "size": "Standard-2X"}})
    today = datetime.datetime.now(datetime.timezone.utc).date()
    sim.set_clock(datetime.datetime.combine(today, datetime.time(12), datetime.timezone.utc))  # one today, past midnight too
    start, yesterday = today - datetime.timedelta(days=2), today - datetime.timedelta(days=1)
    result = run_playbook([
        dict(request(operation="team-daily-usage.info", path_params={"team": "acme"},
                     query={"start": start.isoformat(), "end": yesterday.isoformat()}), name="usage"),
        # Written unquoted, YAML reads a date: it is sent as written.
        dict(request(path="/teams/acme/usage/daily", query={"start": today}), name="today's usage"),
        dict(request(operation="team-monthly-usage.info", path_params={"team": "acme"}, query={"start": today.strftime("%Y-%m")}),
             name="this month"),
    ], check=True)
    assert result.rc == 0, result.output
    usage = result.task("usage")
    assert usage.status == "ok" and usage["changed"] is False
    assert usage["heroku_request"]["query"] == {"start": start.isoformat(), "end": yesterday.isoformat()}
    assert [day["date"] for day in usage["heroku_request"]["response"]] == [start.isoformat(), yesterday.isoformat()]
    # The request line as Heroku gets it: the path, and the query the client built.
    assert [(r["method"], r["path"], r["query"]) for r in usage.requests] == [
        ("GET", "/teams/acme/usage/daily", "end=%s&start=%s" % (yesterday.isoformat(), start.isoformat()))]
    todays = result.task("today's usage")
    assert [(r["path"], r["query"]) for r in todays.requests] == [("/teams/acme/usage/daily", "start=%s" % today.isoformat())]
    (day,) = todays["heroku_request"]["response"]
    assert day["date"] == today.isoformat() and day["name"] == "acme"
    assert {"addons": 0.0, "app_name": "shop-web", "data": 0.0, "dynos": 4.0, "partner": 0.0} in day["apps"]
    assert [month["month"] for month in result.task("this month")["heroku_request"]["response"]] == [today.strftime("%Y-%m")]


def test_a_query_the_operation_does_not_take_fails_before_any_request(sim, run_playbook):
    usage = dict(operation="team-daily-usage.info", path_params={"team": "acme"})
    fails_before_any_request(run_playbook, [
        (request(**usage), "query.start is required by GET /teams/{team}/usage/daily (team-daily-usage.info): "
         "a date, YYYY-MM-DD, such as 2019-01-25."),
        (request(**usage, query={"end": "2025-09-30"}), "query.start is required"),
        (request(**usage, query={"start": "2025-09-01&team=other"}), "query.start='2025-09-01&team=other' is not what"),
        (request(**usage, query={"start": "2025-09-01", "from": "2025-08-01"}), "query.from is not a parameter of GET "
         "/teams/{team}/usage/daily (team-daily-usage.info): use end, start."),
        (request(**usage, body={"start": "2025-09-01"}), "Leave body out; its parameters go in query."),
        (request(method="POST", path="/apps", body={"name": "shop-new"}, query={"region": "eu"}),
         "query: POST /apps (app.create) takes no query parameters."),
        (request(path="/apps/shop-web/releases", query={"limit": "1"}), "query: GET /apps/{app}/releases (release.list) takes no query"),
    ])
    assert not any(r["path"].endswith("/usage/daily") or r["method"] == "POST" for r in sim.requests)


def test_the_lookup_reads_a_usage_report_with_its_query(sim, run_playbook):
    sim.seed_app("shop-web", team="acme")
    day = datetime.datetime.now(datetime.timezone.utc).date()
    sim.set_clock(datetime.datetime.combine(day, datetime.time(12), datetime.timezone.utc))  # one today, past midnight too
    today = day.isoformat()
    usage = "{{ query('herokuops.platform.heroku', '/teams/acme/usage/daily', query={'start': '%s'}) | map(attribute='date') }}"
    result = run_playbook([
        {"name": "usage", "ansible.builtin.debug": {"msg": usage % today}},
        {"name": "no start", "ansible.builtin.debug": {"msg": "{{ query('herokuops.platform.heroku', '/teams/acme/usage/daily') }}"},
         "ignore_errors": True},
    ])
    assert result.task("usage")["msg"] == [today]
    assert "query.start is required by GET /teams/{team}/usage/daily" in result.task("no start")["msg"]
    assert [(r["path"], r["query"]) for r in sim.requests] == [("/teams/acme/usage/daily", "start=%s" % today)]


def test_herokus_error_names_the_request_line_with_its_query(sim, run_playbook):
    result = run_playbook([dict(request(operation="team-daily-usage.info", path_params={"team": "acme-nope"},
                                        query={"start": "2025-09-01"}), ignore_errors=True)])
    record = result.task("request")
    assert record.status == "failed" and record["changed"] is False
    assert record["msg"].startswith("GET /teams/acme-nope/usage/daily?start=2025-09-01 failed (404 not_found): ")
    assert record["failure"]["path"] == "/teams/acme-nope/usage/daily?start=2025-09-01"
    assert API_KEY not in result.output
