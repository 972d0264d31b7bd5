# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compliance groups of the inventory plugin: which apps lack ACM, run on a deprecated stack or one whose end of
life is near, ship their logs nowhere, are in maintenance, have no collaborator but their owner, name a retired dyno size, and which generation
each is on.

Each group reads only what it needs, once for the whole estate where Heroku lets it: the app list already holds
ACM, maintenance, stack and generation; the stacks' states are one list (``GET /stacks``); drains, collaborators
and formation exist only per app, so those groups cost one request per app each. A host records which groups'
facts were read (``READ_KEY``), so that a cache filled without them is not taken for one that has them.
"""

from __future__ import annotations

import datetime
import re

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, concurrently
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import FIR
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import dig

PREFIX = "compliance_"
ALL = "all"
# Option value -> the group it makes (generation makes one group per generation: generation_cedar, generation_fir).
GROUPS = dict(
    no_acm=PREFIX + "no_acm",
    stack_deprecated=PREFIX + "stack_deprecated",
    stack_end_of_life=PREFIX + "stack_end_of_life",
    no_log_drain=PREFIX + "no_log_drain",
    maintenance=PREFIX + "maintenance",
    no_collaborators=PREFIX + "no_collaborators",
    legacy_dyno_size=PREFIX + "legacy_dyno_size",
    generation="generation_",
)
CHOICES = tuple(GROUPS) + (ALL,)
# The sizes Heroku retired when its free tier ended (November 2022): Eco and Basic replaced them.
LEGACY_DYNO_SIZES = ("free", "hobby")
# What `/stacks` says of a stack whose end of life Heroku has announced; the API gives no end-of-life date.
DEPRECATED = "deprecated"
# The host variable each group's facts are in, beside the heroku_app_info ones.
STACK_STATE = "heroku_stack_state"
STACK_END_OF_LIFE = "heroku_stack_end_of_life"
LOG_DRAINS = "heroku_log_drain_count"
COLLABORATORS = "heroku_collaborators"
FORMATION = "heroku_formation"
# Where a host (not its variables) keeps the groups whose facts were read for it.
READ_KEY = "compliance_read"


def wanted_groups(values):
    """The group names of the option's values, in GROUPS' order; ``all`` stands for every one."""
    values = set(values or ())
    return tuple(name for name in GROUPS if ALL in values or name in values)


def check_legacy_sizes(option, sizes):
    """Fail unless ``sizes`` names one dyno size or more: an empty list would empty the group without a word."""
    if not sizes:
        raise HerokuInputError("%s is empty: name the retired dyno sizes, such as %s." % (
            option, ", ".join(LEGACY_DYNO_SIZES)), option=option)
    for index, size in enumerate(sizes):
        if not isinstance(size, str) or not size.strip() or size != size.strip():
            raise HerokuInputError("%s[%d]=%r is not a dyno size name: use a name such as %s." % (
                option, index, size, ", ".join(LEGACY_DYNO_SIZES)), option=option)


def check_end_of_life(dates_option, dates, days_option, days):
    """The end-of-life dates by stack name as ISO dates, refusing what is not one, and a number of days not below 0.

    YAML gives an unquoted date as a date, a quoted one as text: both are taken.
    """
    if days is None or days < 0:
        raise HerokuInputError("%s=%r: give a number of days from 0 (the stacks past their end of life only)." % (
            days_option, days), option=days_option)
    checked = {}
    for stack, when in (dates or {}).items():
        try:
            checked[stack] = datetime.date.fromisoformat(str(when)).isoformat()
        except ValueError:
            raise HerokuInputError("%s[%s]=%r is not a date: write it as YYYY-MM-DD, such as 2027-04-30." % (
                dates_option, stack, when), option=dates_option)
    return checked


def stack_end_of_life(stack, dates):
    """The day (ISO) ``stack`` reaches its end of life, or None where it is not known.

    ``dates`` (the user's, as Heroku's Stacks page announces them) come first. Otherwise a stack ``heroku-NN`` is
    built on Ubuntu NN.04, and Heroku's stack update policy retires it with Canonical's five years of standard
    support, on April 30 of year NN+5 (heroku-18 on 2023-04-30, heroku-20 on 2025-04-30). Heroku's API gives a
    stack's state, never this date.
    """
    if stack in dates:
        return dates[stack]
    match = re.fullmatch(r"heroku-(\d\d)", stack or "")
    return datetime.date(2005 + int(match.group(1)), 4, 30).isoformat() if match else None


def end_of_life_horizon(days, today=None):
    """The last day (ISO) an end of life may fall on to put an app in compliance_stack_end_of_life."""
    return ((today or datetime.date.today()) + datetime.timedelta(days=days)).isoformat()


def covers(hosts, wanted):
    """Whether every host holds the facts of every wanted group (a cache filled with fewer groups does not)."""
    return all(set(wanted) <= set(host.get(READ_KEY, ())) for host in hosts)


def read_facts(client, hosts, wanted, teams=False, concurrency=1):
    """Add to each host of ``hosts`` (``{"name", "vars"}``) the facts the ``wanted`` groups need, in place; the reads of
    each app go up to ``concurrency`` at once.

    ``teams``: the apps came from ``/teams/{team}/apps``, whose items have no ``acm`` nor ``generation``; those
    come from the account's app list (one list), and for an app it does not hold, the app itself.
    """
    if not hosts or not wanted:
        return

    def of_each_app(read):
        """``read(client, app's host variables)`` for every host, in the hosts' order."""
        return concurrently(client, [lambda own, hostvars=host["vars"]: read(own, hostvars) for host in hosts], concurrency)

    if teams and {"no_acm", "generation"} & set(wanted):
        _complete_team_apps(client, hosts, concurrency)
    if "stack_deprecated" in wanted:
        states = dict((stack.get("name"), stack.get("state")) for stack in client.list(path("stack.list")))
        for host in hosts:
            host["vars"][STACK_STATE] = states.get(host["vars"].get("heroku_stack"))
    if "no_log_drain" in wanted:
        space_drains = _space_telemetry_drains(client, hosts, concurrency)
        counts = of_each_app(lambda own, hostvars: _log_drain_count(own, hostvars, space_drains))
        for host, count in zip(hosts, counts):
            host["vars"][LOG_DRAINS] = count
    if "no_collaborators" in wanted:
        lists = of_each_app(lambda own, hostvars: own.list_or_none(path("collaborator.list", app=hostvars["heroku_id"])))
        for host, collaborators in zip(hosts, lists):
            owner = (host["vars"].get("heroku_owner") or "").lower()
            host["vars"][COLLABORATORS] = None if collaborators is None else sorted(
                email for email in (dig(item, ("user", "email")) for item in collaborators)
                if email and email.lower() != owner)
    if "legacy_dyno_size" in wanted:
        formations = of_each_app(lambda own, hostvars: own.list_or_none(path("formation.list", app=hostvars["heroku_id"])))
        for host, formation in zip(hosts, formations):
            host["vars"][FORMATION] = None if formation is None else dict(
                (item.get("type"), dict(size=dig(item, ("dyno_size", "name")) or item.get("size"),
                                        quantity=item.get("quantity")))
                for item in formation)
    for host in hosts:
        host[READ_KEY] = sorted(set(host.get(READ_KEY, ())) | set(wanted))


def _complete_team_apps(client, hosts, concurrency):
    apps = dict((app.get("id"), app) for app in client.list(path("app.list")))
    # An app of the team the account has not joined is not in its own list: each such app is read itself.
    unlisted = [host["vars"]["heroku_id"] for host in hosts if host["vars"]["heroku_id"] not in apps]
    read = concurrently(client, [lambda own, app_id=app_id: own.get_or_none(path("app.info", app=app_id)) for app_id in unlisted],
                        concurrency)
    apps.update(zip(unlisted, read))
    for host in hosts:
        app = apps.get(host["vars"]["heroku_id"]) or {}
        host["vars"]["heroku_acm"] = app.get("acm")
        host["vars"]["heroku_generation"] = dig(app, ("generation", "name"))


def _space_telemetry_drains(client, hosts, concurrency):
    """The telemetry drains of each space a Fir app of ``hosts`` is in, by space name: read once a space, before the
    apps' own (read concurrently, they would each read it)."""
    spaces = sorted(set(host["vars"]["heroku_space"] for host in hosts
                        if host["vars"].get("heroku_generation") == FIR and host["vars"].get("heroku_space")))
    drains = concurrently(client, [lambda own, space=space: own.list_or_none(path("telemetry-drain.list_by_space", space=space))
                                   for space in spaces], concurrency)
    return dict((space, space_drains or []) for space, space_drains in zip(spaces, drains))


def _log_drain_count(client, hostvars, space_drains):
    """How many drains carry the app's logs; None if the app is gone.

    A Cedar app has log drains; a Fir app has none but telemetry drains, its own and its space's, of which
    those with the ``logs`` signal count. A Cedar space's own log drain cannot be read through the API.
    """
    app_id = hostvars["heroku_id"]
    if hostvars.get("heroku_generation") != FIR:
        drains = client.list_or_none(path("log-drain.list", app=app_id))
        return None if drains is None else len(drains)
    drains = client.list_or_none(path("telemetry-drain.list_by_app", app=app_id))
    if drains is None:
        return None
    return len([drain for drain in drains + space_drains.get(hostvars.get("heroku_space"), [])
                if "logs" in (drain.get("signals") or ())])


def groups_of(hostvars, wanted, legacy_sizes=LEGACY_DYNO_SIZES, end_of_life_horizon=None):
    """The compliance groups an app's host variables put it in; an unknown fact (None) puts it in none.

    ``end_of_life_horizon``: the last day (ISO) on which a stack's end of life puts its apps in
    compliance_stack_end_of_life (ISO dates compare as text).
    """
    end_of_life = hostvars.get(STACK_END_OF_LIFE)
    legacy = set(size.lower() for size in legacy_sizes)
    formation = hostvars.get(FORMATION) or {}
    member = dict(
        no_acm=hostvars.get("heroku_acm") is False,
        stack_deprecated=hostvars.get(STACK_STATE) == DEPRECATED,
        stack_end_of_life=bool(end_of_life and end_of_life_horizon and end_of_life <= end_of_life_horizon),
        no_log_drain=hostvars.get(LOG_DRAINS) == 0,
        maintenance=hostvars.get("heroku_maintenance") is True,
        no_collaborators=hostvars.get(COLLABORATORS) == [],
        legacy_dyno_size=any(str(process.get("size") or "").lower() in legacy for process in formation.values()),
    )
    groups = [GROUPS[name] for name in wanted if member.get(name)]
    if "generation" in wanted and hostvars.get("heroku_generation"):
        groups.append(GROUPS["generation"] + hostvars["heroku_generation"])
    return groups
