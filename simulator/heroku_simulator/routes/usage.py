"""Usage reports of a team and of an enterprise account, by day or by month (schemas `team-daily-usage`,
`team-monthly-usage`, `enterprise-account-daily-usage`, `enterprise-account-monthly-usage`).

* The range is the query string's: `start` is required (Heroku's 2025 schema), a date `YYYY-MM-DD` by day
  or a month `YYYY-MM` by month; `end` is optional. Either missing or malformed answers 422
  `invalid_params` naming it, as Heroku answers a body's missing or invalid field.
* Without `end`, a daily report runs to today and a monthly one is the month of `start` (Heroku's
  description: "If no end date is specified, one month of usage is returned"). No day after today, nor
  before the team existed, has usage; an `end` before `start` is an empty range.
* One answer holds the whole range (Heroku does not page these); each day or month lists the team's apps
  that existed then. Dyno usage is the formation's dyno units a day (a size's `precise_dyno_units` times
  its quantity); add-ons, data, partner, space and Connect usage are 0.0: the simulator bills none.
"""
import calendar
import datetime
import re

from ..core import invalid, utcnow
from .enterprise import find as find_enterprise

DAY = ("a date, YYYY-MM-DD", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "%Y-%m-%d")
MONTH = ("a month, YYYY-MM", re.compile(r"^[0-9]{4}-[0-9]{2}$"), "%Y-%m")


def bound(ctx, name, shape, required):
    """The query parameter `name` as a date (a month's first day), None when absent and optional."""
    values = ctx.query.get(name) or []
    if not values or values[0] == "":
        if required:
            raise invalid("Require params: %s." % name)
        return None
    words, pattern, format_ = shape
    try:
        if not pattern.match(values[0]):
            raise ValueError(values[0])
        return datetime.datetime.strptime(values[0], format_).date()
    except ValueError:
        raise invalid("Invalid params: %s must be %s." % (name, words))


def today():
    return utcnow().date()


def created_on(record):
    return datetime.date.fromisoformat(record["created_at"][:10])


def dyno_units(w, app):
    """An app's dyno units for one day of its current formation."""
    units = 0.0
    for process in w.s["formation"].get(app["id"], {}).values():
        size = next((s for s in w.dyno_sizes.values() if s["name"].lower() == str(process["size"]).lower()), None)
        units += process["quantity"] * (size["precise_dyno_units"] if size else 1.0)
    return units


def app_usage(w, team, first_day, days):
    """Each app of `team` that existed by the range's last day, with its usage over `days` days from `first_day`."""
    apps = []
    for app in sorted(w.s["apps"].values(), key=lambda a: a["name"]):
        if app.get("team_id") != team["id"] or created_on(app) > first_day + datetime.timedelta(days=days - 1):
            continue
        lived = min(days, (first_day + datetime.timedelta(days=days) - max(first_day, created_on(app))).days)
        apps.append({"addons": 0.0, "app_name": app["name"], "data": 0.0,
                     "dynos": round(dyno_units(w, app) * lived, 3), "partner": 0.0})
    return apps


def team_usage(w, team, first_day, days, monthly):
    return totals(team, "apps", app_usage(w, team, first_day, days), monthly)


def totals(owner, key, parts, monthly):
    """A team's or an enterprise account's usage: its parts (apps, teams) and their dynos summed; a monthly report
    also counts Heroku Connect."""
    usage = {"addons": 0.0, key: parts, "data": 0.0, "dynos": round(sum(p["dynos"] for p in parts), 3),
             "id": owner["id"], "name": owner["name"], "partner": 0.0, "space": 0.0}
    if monthly:
        usage["connect"] = 0.0
    return usage


def days_of(ctx, born):
    """The days of a daily report: from `start` to `end` (or today), none before `born` nor after today."""
    start, end = bound(ctx, "start", DAY, True), bound(ctx, "end", DAY, False)
    day, last = max(start, born), min(end or today(), today())
    while day <= last:
        yield day
        day += datetime.timedelta(days=1)


def months_of(ctx, born):
    """(first day, days counted) of each month of a monthly report, from `start` to `end` (or `start` alone)."""
    start, end = bound(ctx, "start", MONTH, True), bound(ctx, "end", MONTH, False)
    month, last = start, min(end or start, today().replace(day=1))
    while month <= last:
        following = (month + datetime.timedelta(days=calendar.monthrange(month.year, month.month)[1]))
        first, stop = max(month, born), min(following, today() + datetime.timedelta(days=1))
        if first < stop:
            yield month, first, (stop - first).days
        month = following


def team_daily(ctx, team):
    w = ctx.world
    t = w.team(team)
    return [dict(team_usage(w, t, day, 1, False), date=day.isoformat()) for day in days_of(ctx, created_on(t))]


def team_monthly(ctx, team):
    w = ctx.world
    t = w.team(team)
    return [dict(team_usage(w, t, first, days, True), month=month.strftime("%Y-%m"))
            for month, first, days in months_of(ctx, created_on(t))]


def enterprise_teams(w, ea):
    return sorted((t for t in w.s["teams"].values() if t.get("enterprise_account_id") == ea["id"]), key=lambda t: t["name"])


def enterprise_daily(ctx, ea):
    w = ctx.world
    rec = find_enterprise(w, ea)
    teams = enterprise_teams(w, rec)
    return [dict(totals(rec, "teams", [team_usage(w, t, day, 1, False) for t in teams if created_on(t) <= day], False),
                 date=day.isoformat())
            for day in days_of(ctx, created_on(rec))]


def enterprise_monthly(ctx, ea):
    w = ctx.world
    rec = find_enterprise(w, ea)
    teams = enterprise_teams(w, rec)
    answer = []
    for month, first, days in months_of(ctx, created_on(rec)):
        last = first + datetime.timedelta(days=days - 1)
        usage = [team_usage(w, t, max(first, created_on(t)), (last - max(first, created_on(t))).days + 1, True)
                 for t in teams if created_on(t) <= last]
        answer.append(dict(totals(rec, "teams", usage, True), month=month.strftime("%Y-%m")))
    return answer


ROUTES = (
    ("/teams/{team}/usage/daily", {"GET": team_daily}),
    ("/teams/{team}/usage/monthly", {"GET": team_monthly}),
    ("/enterprise-accounts/{ea}/usage/daily", {"GET": enterprise_daily}),
    ("/enterprise-accounts/{ea}/usage/monthly", {"GET": enterprise_monthly}),
)
