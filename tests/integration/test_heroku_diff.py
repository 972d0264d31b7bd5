# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_diff and the herokuops.platform.parity playbook through real ansible-playbook runs against the simulator.

The apps are seeded behind the modules' back (``sim.seed_app`` and the simulator's API), so that every kind of
difference is there to find; each run is checked for what it found, that it sent reads only, each app's once, and
that no config value (nor a digest of one) shows anywhere in its output.
"""

import collections
import re

import pytest

from converge import Playbook, fails_before_any_request
from sim_api import api

SDK = {"Accept": "application/vnd.heroku+json; version=3.sdk"}
# Config values planted to be looked for in the whole output: not one may show.
SHARED = "Shared-Value-Planted-7731"
ONLY_STAGING = "Staging-Only-Planted-9012"
ONLY_FIR = "Fir-Only-Planted-3321"
STAGING_SECRET = "Staging-Secret-Planted-4410"
PRODUCTION_SECRET = "Production-Secret-Planted-5582"
# An HMAC-SHA256 in hex, as the module digests values: none may show either.
DIGEST = re.compile(r"(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])")


def diff(**args):
    return {"name": "diff", "herokuops.platform.heroku_diff": args}


def app_reads(name, fir=False):
    """The reads of one app after its own (``GET /apps/<name>``), in the module's order: one an aspect."""
    base = "/apps/" + name
    return ([("GET", base + "/config-vars"), ("GET", base + "/addons")]
            + ([] if fir else [("GET", base + "/buildpack-installations")])
            + [("GET", base + "/features"), ("GET", base + "/formation"), ("GET", base + "/domains"),
               ("GET", base + ("/telemetry-drains" if fir else "/log-drains"))])


def add_addon(sim, app, plan):
    status, body = api(sim, "POST", "/apps/%s/addons" % app, {"plan": plan})
    assert status in (201, 202), body


def enable(sim, app, *features):
    for feature in features:
        assert api(sim, "PATCH", "/apps/%s/features/%s" % (app, feature), {"enabled": True})[0] == 200


def set_buildpacks(sim, app, *buildpacks):
    status, body = api(sim, "PUT", "/apps/%s/buildpack-installations" % app,
                       {"updates": [{"buildpack": buildpack} for buildpack in buildpacks]})
    assert status == 200, body


def add_domains(sim, app, *hostnames):
    for hostname in hostnames:
        assert api(sim, "POST", "/apps/%s/domains" % app, {"hostname": hostname, "sni_endpoint": None})[0] == 201


def config_values(sim, app):
    return api(sim, "GET", "/apps/%s/config-vars" % app)[1]


def staging_and_fir(sim):
    """shop-staging, a Cedar app, and shop-fir, a Fir app in a space, differing in every way heroku_diff compares.
    Returns every config value either holds (those add-ons set included)."""
    sim.seed_app("shop-staging", region="eu", stack="heroku-22",
                 process_types={"web": "npm start", "worker": "node worker.js"},
                 config={"SHARED": SHARED, "NEW_CHECKOUT": ONLY_STAGING},
                 formation={"web": {"quantity": 2, "size": "standard-2x"}, "worker": 1})
    set_buildpacks(sim, "shop-staging", "heroku/nodejs")
    add_addon(sim, "shop-staging", "heroku-postgresql:essential-0")
    add_addon(sim, "shop-staging", "scheduler:standard")
    enable(sim, "shop-staging", "preboot", "runtime-dyno-metadata")
    add_domains(sim, "shop-staging", "www.example.com", "shop.example.com")
    assert api(sim, "POST", "/apps/shop-staging/log-drains", {"url": "syslog+tls://logs.example.com:6514"})[0] == 201

    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    fir = sim.seed_app("shop-fir", team="acme", space="acme-fir", process_types={"web": "npm start", "clock": "node clock.js"},
                       config={"SHARED": SHARED, "LEGACY_FLAG": ONLY_FIR})
    add_addon(sim, "shop-fir", "heroku-postgresql:standard-0")
    add_addon(sim, "shop-fir", "heroku-redis:mini")
    enable(sim, "shop-fir", "preboot")
    status, body = api(sim, "POST", "/telemetry-drains", {
        "owner": {"id": fir["id"], "type": "app"}, "signals": ["logs"],
        "exporter": {"type": "otlphttp", "endpoint": "https://otel.example.com/v1"}}, headers=SDK)
    assert status == 201, body
    values = list(config_values(sim, "shop-staging").values()) + list(config_values(sim, "shop-fir").values())
    assert SHARED in values and len(values) == 7, values  # the two DATABASE_URLs and REDIS_URL are the add-ons'
    return values


def assert_no_value(output, values):
    for value in values:
        assert value not in output, "a config value shows in the output"
    assert not DIGEST.search(output), "a digest shows in the output: %s" % DIGEST.search(output).group(0)


@pytest.mark.both_paths
def test_two_apps_every_kind_of_difference_reads_only_and_no_value_at_vvvv(sim, run_playbook):
    values = staging_and_fir(sim)
    staging_id = api(sim, "GET", "/apps/shop-staging")[1]["id"]
    sim.clear_requests()
    plan = Playbook(run_playbook)
    compare = plan.task(diff(apps=["shop-staging", "shop-fir"], expected=["DATABASE_URL", "dyno_quantity"]),
                        label="compare", status="ok")
    in_check_mode = plan.task(diff(apps=["shop-staging", "shop-fir"], expected=["DATABASE_URL", "dyno_quantity"]),
                              label="in check mode", status="ok", check_mode=True, diff=True)
    reversed_ = plan.task(diff(apps=["shop-fir", "shop-staging"], expected=["*"]), label="reversed, all expected",
                          status="ok")
    same_app = plan.fails(diff(apps=["shop-staging", staging_id]), "apps names one app twice", requests=True,
                          label="one app by name and by id")
    missing = plan.fails(diff(apps=["shop-staging", "shop-gone"]), "App shop-gone was not found.", requests=True,
                         label="an app not there")
    result = plan.run(verbosity=4)

    pair, = compare["heroku_diff"]["pairs"]
    assert (pair["a"], pair["b"], pair["a_stage"], pair["b_stage"]) == ("shop-staging", "shop-fir", None, None)
    found = [(d["kind"], d["key"], d["status"], d.get("a"), d.get("b"), d["expected"]) for d in pair["differences"]]
    assert found == [
        ("generation", "generation", "differs", "cedar", "fir", False),
        ("region", "region", "differs", "eu", "virginia", False),
        ("space", "space", "differs", None, "acme-fir", False),
        ("stack", "stack", "differs", "heroku-22", "heroku-24", False),
        ("buildpacks", "buildpacks", "differs", ["heroku/nodejs"], [], False),
        ("config", "DATABASE_URL", "differs", None, None, True),
        ("config", "LEGACY_FLAG", "only_in_b", None, None, False),
        ("config", "NEW_CHECKOUT", "only_in_a", None, None, False),
        ("config", "REDIS_URL", "only_in_b", None, None, False),
        ("addon", "heroku-postgresql", "differs", "heroku-postgresql:essential-0", "heroku-postgresql:standard-0", False),
        ("addon", "heroku-redis", "only_in_b", None, "heroku-redis:mini", False),
        ("addon", "scheduler", "only_in_a", "scheduler:standard", None, False),
        ("feature", "runtime-dyno-metadata", "only_in_a", True, False, False),
        ("process_type", "clock", "only_in_b", None, {"size": "Private-S", "quantity": 0}, False),
        ("process_type", "worker", "only_in_a", {"size": "Basic", "quantity": 1}, None, False),
        ("dyno_size", "web", "differs", "Standard-2X", "Private-S", False),
        ("dyno_quantity", "web", "differs", 2, 1, True),
        ("custom_domains", "custom_domains", "differs", 2, 0, False),
        ("log_drains", "log_drains", "differs", 1, 0, False),
        ("telemetry_drains", "telemetry_drains", "differs", 0, 1, False),
    ]
    # A config var's difference carries no value at all, not even an empty one.
    assert all("a" not in d and "b" not in d for d in pair["differences"] if d["kind"] == "config")
    assert pair["config"] == {"DATABASE_URL": "differs", "LEGACY_FLAG": "only_in_b", "NEW_CHECKOUT": "only_in_a",
                              "REDIS_URL": "only_in_b", "SHARED": "same"}
    assert (pair["drift"], pair["unexpected"], pair["expected"]) == (True, 18, 2)
    assert pair["summary"].startswith("shop-staging vs shop-fir: drift: 18 unexpected differences (generation differs, "
                                      "region differs, ")
    assert pair["summary"].endswith("; 2 expected (config DATABASE_URL, dyno_quantity web).")
    assert (compare["heroku_diff"]["drift"], compare["heroku_diff"]["unexpected"]) == (True, 18)
    assert compare["heroku_diff"]["unused_expected"] == []

    # Each app's own read first (both, so that one app named twice fails before more), then one read an aspect; the
    # apps' reads under way together, in no fixed order.
    assert sorted(compare.calls[:2]) == [("GET", "/apps/shop-fir"), ("GET", "/apps/shop-staging")]
    assert sorted(compare.calls[2:]) == sorted(app_reads("shop-staging") + app_reads("shop-fir", fir=True))
    # Check mode reads the same and finds the same; --diff shows nothing, there being nothing to change.
    assert sorted(in_check_mode.calls) == sorted(compare.calls)
    assert in_check_mode["heroku_diff"] == compare["heroku_diff"]
    assert in_check_mode["diff"] == {"before": {}, "after": {}}

    # The other way round, every difference expected: the same differences, a and b swapped, and no drift.
    pair_reversed, = reversed_["heroku_diff"]["pairs"]
    swapped = {"only_in_a": "only_in_b", "only_in_b": "only_in_a", "differs": "differs"}
    assert [(d["kind"], d["key"], swapped[d["status"]], d.get("b"), d.get("a")) for d in pair_reversed["differences"]] == \
        [found_[:5] for found_ in found]
    assert all(d["expected"] for d in pair_reversed["differences"])
    assert (pair_reversed["drift"], pair_reversed["unexpected"], pair_reversed["expected"]) == (False, 0, 20)
    assert pair_reversed["summary"].startswith("shop-fir vs shop-staging: no drift; 20 expected (generation, region, ")
    assert reversed_["heroku_diff"]["drift"] is False

    assert same_app["msg"] == ("apps names one app twice (shop-staging and %s are the same app): name two apps." % staging_id)
    assert sorted(same_app.calls) == sorted([("GET", "/apps/shop-staging"), ("GET", "/apps/" + staging_id)])
    assert sorted(missing.calls) == [("GET", "/apps/shop-gone"), ("GET", "/apps/shop-staging")]

    assert not result.changed and all(task.writes == [] for task in result.results), result
    assert sim.writes() == []
    # The output holds the whole report, with the module's arguments as -vvvv shows them, and no value.
    assert '"SHARED": "same"' in result.output and "module_args" in result.output
    assert_no_value(result.output, values)


def pipeline(sim, name, stages):
    """A pipeline coupling each app of ``stages`` (stage -> app names, made before) to its stage."""
    status, made = api(sim, "POST", "/pipelines", {"name": name})
    assert status == 201, made
    for stage, apps in stages.items():
        for app in apps:
            app_id = api(sim, "GET", "/apps/" + app)[1]["id"]
            status, body = api(sim, "POST", "/pipeline-couplings", {"app": app_id, "pipeline": made["id"], "stage": stage})
            assert status == 201, body
    return made


def shop(sim):
    """Pipeline shop: shop-dev (development), shop-staging (staging), shop-eu and shop-us (production). Staging and
    production differ as production always does (DATABASE_URL, dyno quantities); shop-dev and shop-us each differ in
    more. Returns every config value the apps hold."""
    process_types = {"web": "npm start", "worker": "node worker.js"}
    for app, quantity in (("shop-dev", 1), ("shop-staging", 1), ("shop-eu", 3), ("shop-us", 3)):
        sim.seed_app(app, process_types=process_types, formation={"web": quantity},
                     config={"SHARED": SHARED, "SESSION_SECRET": PRODUCTION_SECRET if quantity == 3 else STAGING_SECRET})
        add_addon(sim, app, "heroku-postgresql:essential-0")
        set_buildpacks(sim, app, *(("heroku/python", "heroku/nodejs") if app == "shop-us" else ("heroku/nodejs", "heroku/python")))
    # shop-dev has a debug flag, and shop-us a feature the others have not.
    assert api(sim, "PATCH", "/apps/shop-dev/config-vars", {"DEBUG": ONLY_STAGING})[0] == 200
    enable(sim, "shop-us", "http-session-affinity")
    pipeline(sim, "shop", {"development": ["shop-dev"], "staging": ["shop-staging"], "production": ["shop-eu", "shop-us"]})
    return [value for app in ("shop-dev", "shop-staging", "shop-eu", "shop-us") for value in config_values(sim, app).values()]


def summaries(task):
    return [pair["summary"] for pair in task["heroku_diff"]["pairs"]]


def test_pipeline_stages_each_app_read_once_and_stage_by_stage(sim, run_playbook):
    values = shop(sim)
    sim.seed_app("solo-web")
    pipeline(sim, "solo", {"production": ["solo-web"]})
    pipeline_id = api(sim, "GET", "/pipelines/shop")[1]["id"]
    sim.clear_requests()
    plan = Playbook(run_playbook)
    expected = ["DATABASE_URL", "SESSION_SECRET", "dyno_quantity"]
    every_stage = plan.task(diff(pipeline="shop", expected=expected), label="every stage", status="ok")
    # Read one request after another (every stage's are 8 at once): the same report.
    staging = plan.task(diff(pipeline="shop", stage="staging", expected=expected, concurrency=1), label="staging", status="ok")
    development = plan.task(diff(pipeline=pipeline_id, stage="development", expected=expected), label="development",
                            status="ok")
    one_stage = plan.fails(diff(pipeline="solo"), "Pipeline solo has apps in the production stage only: two stages "
                                                  "with apps are needed to compare them.", requests=True)
    no_staging = plan.fails(diff(pipeline="solo", stage="staging"), "Pipeline solo has no apps in the staging stage.",
                            requests=True, label="an empty stage")
    unknown = plan.fails(diff(pipeline="shop-nope"), "Pipeline shop-nope was not found.", requests=True,
                         label="no such pipeline")
    result = plan.run()

    report = every_stage["heroku_diff"]
    assert [(p["a"], p["a_stage"], p["b"], p["b_stage"]) for p in report["pairs"]] == [
        ("shop-dev", "development", "shop-staging", "staging"),
        ("shop-staging", "staging", "shop-eu", "production"),
        ("shop-staging", "staging", "shop-us", "production"),
    ]
    assert summaries(every_stage) == [
        "shop-dev vs shop-staging: drift: 1 unexpected difference (config DEBUG only_in_a); 1 expected (config "
        "DATABASE_URL).",
        "shop-staging vs shop-eu: no drift; 3 expected (config DATABASE_URL, config SESSION_SECRET, dyno_quantity web).",
        "shop-staging vs shop-us: drift: 2 unexpected differences (buildpacks differs, feature http-session-affinity "
        "only_in_b); 3 expected (config DATABASE_URL, config SESSION_SECRET, dyno_quantity web).",
    ]
    assert [p["config"] for p in report["pairs"]][0] == {"DATABASE_URL": "differs", "DEBUG": "only_in_a",
                                                         "SESSION_SECRET": "same", "SHARED": "same"}
    buildpacks = next(d for d in report["pairs"][2]["differences"] if d["kind"] == "buildpacks")
    # Order matters: the same buildpacks the other way round are a difference.
    assert (buildpacks["a"], buildpacks["b"]) == (["heroku/nodejs", "heroku/python"], ["heroku/python", "heroku/nodejs"])
    assert (report["drift"], report["unexpected"]) == (True, 3)

    # The pipeline, its couplings, then each app once, one read an aspect: shop-staging, in every pair, too.
    reads = every_stage.calls
    assert reads[:2] == [("GET", "/pipelines/shop"), ("GET", "/pipelines/%s/pipeline-couplings" % pipeline_id)]
    assert len(reads) == 2 + 4 * 8 and all(count == 1 for count in collections.Counter(reads).values()), reads
    assert sorted(reads[2:]) == sorted([("GET", "/apps/" + app_id) for app_id in ids(sim, "shop-dev", "shop-staging", "shop-eu", "shop-us")]
                                       + [read for app in ("shop-dev", "shop-staging", "shop-eu", "shop-us") for read in app_reads(app)])

    # One stage with the next: staging with production only, development with staging only (the pipeline by id).
    assert summaries(staging) == summaries(every_stage)[1:]
    assert len(staging.calls) == 2 + 3 * 8
    assert summaries(development) == summaries(every_stage)[:1]
    assert len(development.calls) == 2 + 2 * 8

    assert one_stage.calls == no_staging.calls == [("GET", "/pipelines/solo"), ("GET", "/pipelines/%s/pipeline-couplings"
                                                                                % api(sim, "GET", "/pipelines/solo")[1]["id"])]
    assert unknown.calls == [("GET", "/pipelines/shop-nope")]
    assert not result.changed and sim.writes() == []
    assert_no_value(result.output, values)


def ids(sim, *apps):
    return [api(sim, "GET", "/apps/" + app)[1]["id"] for app in apps]


def test_bad_input_fails_before_any_request(sim, run_playbook):
    fails_before_any_request(run_playbook, [
        (diff(apps=["shop-staging"]), "apps must name two apps to compare, not 1."),
        (diff(apps=["shop-staging", "shop-web", "shop-eu"]), "apps must name two apps to compare, not 3."),
        (diff(apps=["shop-staging", "shop-staging"]), "apps names shop-staging twice: name two different apps."),
        (diff(apps=["shop-staging", "Shop_Web"]), "apps[1]='Shop_Web' is not a valid app name"),
        (diff(apps=["shop-staging", "shop-web"], pipeline="shop"), "parameters are mutually exclusive: apps|pipeline"),
        (diff(expected=["DATABASE_URL"]), "one of the following is required: apps, pipeline"),
        (diff(apps=["shop-staging", "shop-web"], stage="staging"), "stage names a stage of a pipeline: set pipeline too"),
        (diff(pipeline="shop", stage="production"), "value of stage must be one of: development, staging, got: production"),
        (diff(pipeline="Shop Pipeline"), "pipeline='Shop Pipeline' is not a valid pipeline name"),
        (diff(pipeline="shop", concurrency=33), "concurrency=33 is out of range: use from 1 to 32 requests at once."),
    ])


def test_parity_playbook_fails_on_unexpected_drift_and_passes_when_only_expected_keys_differ(sim, run_named):
    values = shop(sim)
    for app in ("calm-staging", "calm-web"):
        sim.seed_app(app, config={"SHARED": SHARED})
        add_addon(sim, app, "heroku-postgresql:essential-0")
    pipeline(sim, "calm", {"staging": ["calm-staging"], "production": ["calm-web"]})
    values += config_values(sim, "calm-staging").values()
    sim.clear_requests()

    drifted = run_named("parity", {"pipeline": "shop", "expected": ["DATABASE_URL", "SESSION_SECRET", "dyno_quantity"]})
    assert drifted.rc != 0, drifted
    failure = drifted.task("Fail on unexpected drift")
    assert failure.status == "failed"
    assert failure["msg"] == (
        "Pipeline shop drifted: 3 unexpected differences. "
        "shop-dev vs shop-staging: drift: 1 unexpected difference (config DEBUG only_in_a); 1 expected (config "
        "DATABASE_URL). "
        "shop-staging vs shop-us: drift: 2 unexpected differences (buildpacks differs, feature http-session-affinity "
        "only_in_b); 3 expected (config DATABASE_URL, config SESSION_SECRET, dyno_quantity web). "
        "Make the apps agree, or name what may differ in expected (-e expected=NAME,KIND or KIND:KEY).")
    assert_no_value(drifted.output, values)

    # As on the command line: -e expected=DATABASE_URL,REDIS_URL (a comma-separated string). The two apps differ
    # only in DATABASE_URL; REDIS_URL, which they do not differ in, is named.
    calm = run_named("parity", {"pipeline": "calm", "expected": "DATABASE_URL,REDIS_URL"})
    assert calm.rc == 0, calm
    assert calm.task("Fail on unexpected drift").status == "skipped"
    assert calm.task("Name what expected names but no pair differs in")["msg"] == (
        "expected names REDIS_URL, which no pair differs in: a misspelt name, or a difference gone.")
    assert drifted.task("Name what expected names but no pair differs in").status == "skipped"
    assert calm.task("Show each pair of apps compared")["msg"] == [
        "calm-staging vs calm-web: no drift; 1 expected (config DATABASE_URL)."]
    assert_no_value(calm.output, values)
    assert sim.writes() == []

    # Variables are checked before any request, every one at once.
    sim.clear_requests()
    bad = run_named("parity", {"stage": "production"})
    assert bad.rc != 0 and bad.task("Check the variables").status == "failed", bad
    assert "missing required arguments: pipeline" in bad.output and "production" in bad.output
    assert sim.requests == []
