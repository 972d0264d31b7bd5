# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""How two Heroku apps differ: the spec of heroku_diff, a read-only Operation.

Two apps are compared (``apps``), or every app of a pipeline stage with every app of the next stage that holds apps
(``pipeline``, ``stage``; without ``stage`` each such pair of stages, development to staging to production). Each
app is read once, one request an aspect, however many pairs it is in: the app itself (generation, region, space,
stack), its config vars, add-ons, buildpacks (Cedar: a Fir app has none), features, formation, domains and its log
drains (Cedar) or telemetry drains (Fir), the one each generation has.

No config value leaves ``read``: each is replaced at once by an HMAC-SHA256 under a salt drawn for this run and
forgotten with it, so two values compare equal or not, and nothing a run returns, prints or raises can give a
value, nor a digest anyone could test a guess against in another run.

Hooks, and what the vocabulary lacks for each:
- ``read``: the apps to read depend on what the pipeline's couplings say, and each app's reads on its generation
  (Sources and Reads read what the options name, a fixed list).
- ``report``: the comparison itself, a pure function of what was read (tested as a table).
The plan is the vocabulary's read-only one (``Operation.plan=None``): nothing to change, nothing to diff.
"""

from __future__ import annotations

import fnmatch
import hashlib
import hmac
import json
import os

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import CONCURRENCY_RANGE, HerokuStateError, concurrently
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import FIR, name_of as generation_of
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module, OnlyWith, Operation

# The stages compared, in the order a release moves through them; review apps come and go, so they are left out.
STAGES = ("development", "staging", "production")

# Every kind of difference, in the order a pair's differences are listed. Those of one value an app (its stack) are
# keyed by the kind itself; the others by what differs (a config var's name, an add-on's service, a process type).
KINDS = ("generation", "region", "space", "stack", "buildpacks", "config", "addon", "feature", "process_type",
         "dyno_size", "dyno_quantity", "custom_domains", "log_drains", "telemetry_drains")
SINGLE = ("generation", "region", "space", "stack", "buildpacks", "custom_domains", "log_drains", "telemetry_drains")

# Bytes of the per-run salt (the HMAC key): SHA-256's output length, the least RFC 2104 recommends.
SALT_BYTES = 32


# -- the reads (a reader) ------------------------------------------------------------------------------------------

def digest(salt, value):
    """A config value as this run compares it: its HMAC under the run's salt (JSON, so that null differs from "")."""
    return hmac.new(salt, json.dumps(value).encode("utf-8"), hashlib.sha256).hexdigest()


def name_of(item, *keys):
    for key in keys:
        item = (item or {}).get(key)
    return item


def found_app(client, app):
    found = client.get_or_none(path("app.info", app=app))
    if found is None:
        raise HerokuStateError("App %s was not found." % app)
    return found


def snapshot(client, app, salt):
    """What an app is, as compared: one read an aspect after ``app`` (its ``app.info``), config values digested."""
    name = app["name"]
    fir = generation_of(app) == FIR
    config = client.get(path("config-var.info_for_app", app=name)) or {}
    digests = dict((key, digest(salt, value)) for key, value in config.items())
    del config  # nothing below may see a value
    plans = {}
    for addon in client.list(path("add-on.list_by_app", app=name)):
        plans.setdefault(name_of(addon, "addon_service", "name"), []).append(name_of(addon, "plan", "name"))
    # A Fir app has no buildpacks of its own (Cloud Native Buildpacks, named in its project.toml): nothing to read.
    buildpacks = [] if fir else [name_of(item, "buildpack", "name") or name_of(item, "buildpack", "url")
                                 for item in client.list(path("buildpack-installation.list", app=name))]
    features = client.list(path("app-feature.list", app=name))
    formation = client.list(path("formation.list", app=name))
    domains = client.list(path("domain.list", app=name))
    # Each generation has its own drains: log drains on Cedar, telemetry drains on Fir.
    drains = len(client.list(path("telemetry-drain.list_by_app" if fir else "log-drain.list", app=name)))
    return dict(
        name=name, generation=generation_of(app), region=name_of(app, "region", "name"),
        space=name_of(app, "space", "name"), stack=name_of(app, "stack", "name"), buildpacks=buildpacks,
        config=digests, addons=dict((service, ", ".join(sorted(names))) for service, names in plans.items()),
        features=sorted(feature["name"] for feature in features if feature.get("enabled")),
        formation=dict((process["type"], dict(size=process.get("size"), quantity=process.get("quantity")))
                       for process in formation),
        custom_domains=sum(1 for domain in domains if domain.get("kind") == "custom"),
        log_drains=0 if fir else drains, telemetry_drains=drains if fir else 0,
    )


def stage_pairs(params, couplings):
    """The (stage, next stage) pairs to compare, each stage with its apps' ids, from the pipeline's couplings."""
    by_stage = dict((stage, [item["app"]["id"] for item in couplings if item.get("stage") == stage]) for stage in STAGES)
    held = [stage for stage in STAGES if by_stage[stage]]
    pipeline, stage = params["pipeline"], params.get("stage")
    if stage is not None:
        if not by_stage[stage]:
            raise HerokuStateError("Pipeline %s has no apps in the %s stage." % (pipeline, stage))
        following = [other for other in held if STAGES.index(other) > STAGES.index(stage)]
        if not following:
            raise HerokuStateError("Pipeline %s has no apps in the stages after %s to compare them with." % (pipeline, stage))
        pairs = [(stage, following[0])]
    else:
        if len(held) < 2:
            raise HerokuStateError("Pipeline %s has apps in %s: two stages with apps are needed to compare them." % (
                pipeline, "no stage" if not held else "the %s stage only" % held[0]))
        pairs = list(zip(held, held[1:]))
    return [((first, by_stage[first]), (second, by_stage[second])) for first, second in pairs]


def read(client, params):
    """Each app to compare, read once, and the pairs (app, app, stage, stage) to compare them in."""
    if params.get("apps"):
        pairs = [(params["apps"][0], params["apps"][1], None, None)]
        wanted = list(params["apps"])
    else:
        pipeline = client.get_or_none(path("pipeline.info", pipeline=params["pipeline"]))
        if pipeline is None:
            raise HerokuStateError("Pipeline %s was not found." % params["pipeline"])
        couplings = client.list(path("pipeline-coupling.list_by_pipeline", pipeline=pipeline["id"]))
        pairs = [(a, b, first, second) for (first, apps_a), (second, apps_b) in stage_pairs(params, couplings)
                 for a in apps_a for b in apps_b]
        wanted = []
        for a, b, _first, _second in pairs:
            wanted += [app for app in (a, b) if app not in wanted]
    apps = dict(zip(wanted, concurrently(client, [lambda own, app=app: found_app(own, app) for app in wanted],
                                         params["concurrency"])))
    if params.get("apps") and apps[wanted[0]]["id"] == apps[wanted[1]]["id"]:
        raise HerokuStateError("apps names one app twice (%s and %s are the same app): name two apps." % tuple(wanted))
    # Drawn for this run only and never kept: digests compare within it and mean nothing outside it.
    salt = os.urandom(SALT_BYTES)
    snapshots = dict(zip(wanted, concurrently(client, [lambda own, app=app: snapshot(own, apps[app], salt) for app in wanted],
                                              params["concurrency"])))
    pairs = [(snapshots[a], snapshots[b], first, second) for a, b, first, second in pairs]
    # Heroku lists couplings by id: by stage, then by the apps' names, a report reads the same each run.
    return dict(pairs=sorted(pairs, key=lambda pair: (STAGES.index(pair[2]) if pair[2] else 0, pair[0]["name"],
                                                      pair[1]["name"])))


# -- the comparison (a hook) --------------------------------------------------------------------------------------

def difference(kind, key, status, a=None, b=None, shown=True):
    found = dict(kind=kind, key=key, status=status)
    if shown:
        found.update(a=a, b=b)
    return found


def compared_sets(kind, a, b, values_a, values_b):
    """Differences of two mappings key -> value (an add-on's service -> plans): each key in one only, or held by
    both with other values."""
    found = []
    for key in sorted(set(a) | set(b)):
        if key not in b:
            found.append(difference(kind, key, "only_in_a", values_a(key), values_b(key)))
        elif key not in a:
            found.append(difference(kind, key, "only_in_b", values_a(key), values_b(key)))
        elif a[key] != b[key]:
            found.append(difference(kind, key, "differs", values_a(key), values_b(key)))
    return found


def config_statuses(a, b):
    """Each config var of either app: ``same``, ``differs``, ``only_in_a`` or ``only_in_b``."""
    return dict((key, "only_in_a" if key not in b else "only_in_b" if key not in a else
                 "same" if a[key] == b[key] else "differs") for key in sorted(set(a) | set(b)))


def differences(a, b):
    """Every difference between two snapshots, by kind in KINDS order, then by key."""
    found = []
    for kind in ("generation", "region", "space", "stack", "buildpacks"):
        if a[kind] != b[kind]:
            found.append(difference(kind, kind, "differs", a[kind], b[kind]))
    found += [difference("config", key, status, shown=False)
              for key, status in config_statuses(a["config"], b["config"]).items() if status != "same"]
    found += compared_sets("addon", a["addons"], b["addons"], a["addons"].get, b["addons"].get)
    features_a, features_b = dict.fromkeys(a["features"], True), dict.fromkeys(b["features"], True)
    found += compared_sets("feature", features_a, features_b, lambda key: key in features_a, lambda key: key in features_b)
    types_a, types_b = a["formation"], b["formation"]
    found += compared_sets("process_type", dict.fromkeys(types_a, True), dict.fromkeys(types_b, True),
                           types_a.get, types_b.get)
    for process in sorted(set(types_a) & set(types_b)):
        size_a, size_b = types_a[process]["size"], types_b[process]["size"]
        # Heroku spells a size as it was asked for (standard-2x, Standard-2X): the same size either way.
        if (size_a or "").lower() != (size_b or "").lower():
            found.append(difference("dyno_size", process, "differs", size_a, size_b))
    for process in sorted(set(types_a) & set(types_b)):
        if types_a[process]["quantity"] != types_b[process]["quantity"]:
            found.append(difference("dyno_quantity", process, "differs", types_a[process]["quantity"],
                                    types_b[process]["quantity"]))
    for kind in ("custom_domains", "log_drains", "telemetry_drains"):
        if a[kind] != b[kind]:
            found.append(difference(kind, kind, "differs", a[kind], b[kind]))
    # Stable: within a kind, the keys stay sorted.
    return sorted(found, key=lambda one: KINDS.index(one["kind"]))


def is_expected(found, expected):
    """Whether a difference is one the user said may be: an entry (a shell-style pattern) matching its key (a config
    var's name, DATABASE_URL), its kind (dyno_quantity: every process type's) or both as ``kind:key``."""
    names = (found["key"], found["kind"], "%s:%s" % (found["kind"], found["key"]))
    return any(fnmatch.fnmatchcase(name, entry) for entry in expected for name in names)


def described(found):
    return found["kind"] if found["kind"] in SINGLE else "%s %s" % (found["kind"], found["key"])


def summary(a, b, listed):
    """One line for a pair: whether it drifted and what differs, by kind, key and status, never a value."""
    unexpected = [found for found in listed if not found["expected"]]
    expected = [found for found in listed if found["expected"]]
    head = "%s vs %s: " % (a, b)
    if not listed:
        return head + "no differences."
    parts = []
    if unexpected:
        parts.append("drift: %d unexpected difference%s (%s)" % (
            len(unexpected), "" if len(unexpected) == 1 else "s",
            ", ".join("%s %s" % (described(found), found["status"]) for found in unexpected)))
    else:
        parts.append("no drift")
    if expected:
        parts.append("%d expected (%s)" % (len(expected), ", ".join(described(found) for found in expected)))
    return head + "; ".join(parts) + "."


def compare(a, b, stage_a, stage_b, expected):
    listed = differences(a, b)
    for found in listed:
        found["expected"] = is_expected(found, expected)
    unexpected = sum(1 for found in listed if not found["expected"])
    return dict(a=a["name"], b=b["name"], a_stage=stage_a, b_stage=stage_b, drift=bool(unexpected),
                unexpected=unexpected, expected=len(listed) - unexpected, differences=listed,
                config=config_statuses(a["config"], b["config"]), summary=summary(a["name"], b["name"], listed))


def report(state, _plan, _outcome, params, _check_mode):
    expected = params.get("expected") or []
    pairs = [compare(a, b, stage_a, stage_b, expected) for a, b, stage_a, stage_b in state["pairs"]]
    unexpected = sum(pair["unexpected"] for pair in pairs)
    # An entry that matched nothing is a typo (DATABSE_URL) or a difference gone: either way worth a look.
    found = [found for pair in pairs for found in pair["differences"]]
    unused = [entry for entry in expected if not any(is_expected(one, [entry]) for one in found)]
    return dict(pairs=pairs, drift=bool(unexpected), unexpected=unexpected, unused_expected=unused), None


DIFF = Operation(
    result_key="heroku_diff", result_keys=("pairs", "drift", "unexpected", "unused_expected"),
    read=read, plan=None, perform=None, report=report,
    names=dict(apps=("pair", "app"), pipeline="pipeline", concurrency=("range", CONCURRENCY_RANGE)),
    rules=(OnlyWith("stage", "pipeline", message="stage names a stage of a pipeline: set pipeline too, or compare two "
                                                 "apps with apps."),),
)

HEROKU_DIFF = Module(DIFF, dict(
    apps=dict(type="list", elements="str"), pipeline=dict(type="str"),
    stage=dict(type="str", choices=list(STAGES[:-1])),
    expected=dict(type="list", elements="str", default=[]), concurrency=dict(type="int", default=8),
), mutually_exclusive=(("apps", "pipeline"),), required_one_of=(("apps", "pipeline"),))
