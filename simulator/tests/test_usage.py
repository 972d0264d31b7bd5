"""Usage reports of a team and of an enterprise account, by day and by month: the range is the query string's
`start` (required) and `end`; a missing or malformed one answers 422 `invalid_params` naming it."""
import datetime

import pytest

PROCESS_TYPES = {"web": "bundle exec puma", "worker": "bundle exec sidekiq"}


@pytest.fixture(autouse=True)
def today(sim):
    """The simulator's today: its clock held at noon (UTC) of the day the test starts, on which its seed was made,
    so that a run crossing midnight sees one day from start to end."""
    day = datetime.datetime.now(datetime.timezone.utc).date()
    sim.set_clock(datetime.datetime.combine(day, datetime.time(12), datetime.timezone.utc))
    return day


def days_ago(today, days):
    return (today - datetime.timedelta(days=days)).isoformat()


def month_of(day):
    return day.strftime("%Y-%m")


def deployed(api, name, team):
    """A team app with a release: one web dyno (Basic, one dyno unit a day), then scaled as asked."""
    app = api.post("/teams/apps", {"name": name, "team": team}).body
    slug = api.post("/apps/%s/slugs" % name, {"process_types": PROCESS_TYPES}).body
    api.post("/apps/%s/releases" % name, {"slug": slug["id"]})
    return app


def test_a_teams_daily_usage_is_one_entry_a_day_of_the_range_with_the_apps_that_existed(api, today):
    deployed(api, "usage-web", "acme")
    api.patch("/apps/usage-web/formation/web", {"quantity": 2, "dyno_size": {"name": "Standard-2X"}})
    answer = api.get("/teams/acme/usage/daily?start=%s&end=%s" % (days_ago(today, 2), days_ago(today, 0)))
    assert answer.status == 200, answer.body
    assert [day["date"] for day in answer.body] == [days_ago(today, 2), days_ago(today, 1), days_ago(today, 0)]
    team = api.get("/teams/acme").body
    assert {(day["id"], day["name"]) for day in answer.body} == {(team["id"], "acme")}
    # The app was created today: the days before have no usage of it.
    assert [app["app_name"] for app in answer.body[0]["apps"]] == []
    latest = answer.body[-1]
    assert latest["apps"] == [{"addons": 0.0, "app_name": "usage-web", "data": 0.0, "dynos": 4.0, "partner": 0.0}]
    assert latest["dynos"] == 4.0
    assert set(latest) == {"addons", "apps", "data", "date", "dynos", "id", "name", "partner", "space"}


def test_without_end_a_daily_report_runs_to_today_and_a_monthly_one_is_the_month_of_start(api, today):
    assert [day["date"] for day in api.get("/teams/acme/usage/daily?start=%s" % days_ago(today, 1)).body] == [days_ago(today, 1), days_ago(today, 0)]
    months = api.get("/teams/acme/usage/monthly?start=%s" % month_of(today)).body
    assert [month["month"] for month in months] == [month_of(today)]
    assert set(months[0]) == {"addons", "apps", "connect", "data", "dynos", "id", "month", "name", "partner", "space"}


def test_a_monthly_report_counts_the_days_an_app_ran_in_each_month(api, today):
    deployed(api, "usage-monthly", "acme")
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    months = api.get("/teams/acme/usage/monthly?start=%s&end=%s" % (month_of(last_month), month_of(today))).body
    assert [month["month"] for month in months] == [month_of(last_month), month_of(today)]
    assert "usage-monthly" not in [app["app_name"] for app in months[0]["apps"]]
    # Created today: one day of one web dyno so far this month.
    assert {"addons": 0.0, "app_name": "usage-monthly", "data": 0.0, "dynos": 1.0, "partner": 0.0} in months[1]["apps"]


def test_no_usage_after_today_nor_in_an_empty_range(api, today):
    tomorrow = (today + datetime.timedelta(days=1)).isoformat()
    assert api.get("/teams/acme/usage/daily?start=%s" % tomorrow).body == []
    assert api.get("/teams/acme/usage/daily?start=%s&end=%s" % (days_ago(today, 0), days_ago(today, 3))).body == []


def test_an_enterprise_accounts_usage_lists_its_teams(api, today):
    account = api.get("/enterprise-accounts").body[0]
    api.post("/enterprise-accounts/%s/teams" % account["name"], {"name": "usage-eteam"})
    deployed(api, "usage-eteam-web", "usage-eteam")
    days = api.get("/enterprise-accounts/%s/usage/daily?start=%s&end=%s" % (account["id"], days_ago(today, 0), days_ago(today, 0))).body
    assert [(day["date"], day["id"], day["name"]) for day in days] == [(days_ago(today, 0), account["id"], account["name"])]
    assert [(team["name"], [app["app_name"] for app in team["apps"]]) for team in days[0]["teams"]] == [
        ("usage-eteam", ["usage-eteam-web"])]
    assert days[0]["dynos"] == 1.0
    months = api.get("/enterprise-accounts/%s/usage/monthly?start=%s" % (account["name"], month_of(today))).body
    assert [(month["month"], [team["name"] for team in month["teams"]]) for month in months] == [(month_of(today), ["usage-eteam"])]
    assert months[0]["teams"][0]["connect"] == 0.0


@pytest.mark.parametrize("path, message", [
    ("/teams/acme/usage/daily", "Require params: start."),
    ("/teams/acme/usage/daily?end=2025-09-30", "Require params: start."),
    ("/teams/acme/usage/daily?start=2025-9-1", "Invalid params: start must be a date, YYYY-MM-DD."),
    ("/teams/acme/usage/daily?start=2025-02-30", "Invalid params: start must be a date, YYYY-MM-DD."),
    ("/teams/acme/usage/daily?start=2025-09-01&end=tomorrow", "Invalid params: end must be a date, YYYY-MM-DD."),
    ("/teams/acme/usage/monthly?start=2025-09-01", "Invalid params: start must be a month, YYYY-MM."),
    ("/enterprise-accounts/acme-enterprise/usage/daily?start=2025-09", "Invalid params: start must be a date, YYYY-MM-DD."),
    ("/enterprise-accounts/acme-enterprise/usage/monthly", "Require params: start."),
])
def test_a_missing_or_malformed_date_answers_422_naming_it(api, path, message):
    answer = api.get(path)
    assert (answer.status, answer.body["id"], answer.body["message"]) == (422, "invalid_params", message)


def test_an_unknown_team_or_account_is_not_found(api):
    assert api.get("/teams/nope/usage/daily?start=2025-09-01").status == 404
    assert api.get("/enterprise-accounts/nope/usage/monthly?start=2025-09").status == 404
