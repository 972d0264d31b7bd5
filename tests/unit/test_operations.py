"""Heroku's operations as heroku_request and the heroku lookup know them, and how many users can reach.

The facts come from Heroku's schema in ../shared/heroku (never copied here): the shipped extract must be
what scripts/heroku_operations.py makes of it, and every operation of the integration connector that
users already have must reach Heroku through this collection.
"""

from __future__ import annotations

import datetime
import difflib
import importlib
import importlib.util
import json
import os
import re
from pathlib import Path

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._operations import OPERATIONS, QUERIES
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import template
from ansible_collections.herokuops.platform.plugins.module_utils._request import masked, resolve
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Info, Module, Resource

REPO_ROOT = Path(__file__).resolve().parents[2]
MODULE_UTILS = REPO_ROOT / "plugins" / "module_utils"
SHARED = REPO_ROOT.parent / "shared" / "heroku"
SCHEMA = SHARED / "platform-api-schema-2025.json"
CONNECTOR = SHARED / "connector-operations.txt"


def shared_file(path):
    if not path.is_file():
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no", "off"):
            pytest.fail("%s is missing: CI always has ../shared beside the checkout" % path)
        pytest.skip("%s is not beside this checkout" % path)
    return path


# -- the extract -----------------------------------------------------------------------------

def load_generator():
    spec = importlib.util.spec_from_file_location("heroku_operations", REPO_ROOT / "scripts" / "heroku_operations.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    return generator


def test_the_shipped_operations_are_what_the_generator_makes_of_herokus_schema():
    generator = load_generator()
    schema = json.loads(shared_file(SCHEMA).read_text(encoding="utf-8"))
    expected = generator.render(generator.extract(schema))
    shipped = (REPO_ROOT / "plugins" / "module_utils" / "_operations.py").read_text(encoding="utf-8")
    assert shipped == expected, "run scripts/heroku_operations.py and commit plugins/module_utils/_operations.py"


# -- resolving what a task names ------------------------------------------------------------------

@pytest.mark.parametrize("params, method, path, name", [
    (dict(operation="release.list", path_params={"app": "shop-web"}), "GET", "/apps/shop-web/releases", "release.list"),
    (dict(path="/apps/{app}/releases", path_params={"app": "shop-web"}), "GET", "/apps/shop-web/releases", "release.list"),
    (dict(path="/apps/{app_id_or_name}/releases", path_params={"app_id_or_name": "shop-web"}), "GET",
     "/apps/shop-web/releases", "release.list"),
    (dict(path="/apps/shop-web/releases"), "GET", "/apps/shop-web/releases", "release.list"),
    (dict(method="PATCH", path="/apps/shop-web", body={"maintenance": True}), "PATCH", "/apps/shop-web", "app.update"),
    # Heroku's own literal segment wins over a parameter that would take it as a name.
    (dict(path="/teams/apps/shop-web"), "GET", "/teams/apps/shop-web", "team-app.info"),
    # A parameter with no name pattern (a release's id or version) is still quoted as one segment.
    (dict(operation="release.info", path_params={"app": "shop-web", "release": "../account#"}), "GET",
     "/apps/shop-web/releases/..%2Faccount%23", "release.info"),
    (dict(method="POST", path="/filters/apps", body={"in": {"id": []}}), "POST", "/filters/apps", "filter-apps.apps"),
])
def test_an_operation_is_named_by_the_schema_or_by_method_and_path(params, method, path, name):
    call = resolve(params)
    assert (call.method, call.path, call.name) == (method, path, name)


def test_reads_are_gets_and_lists_answered_to_a_post():
    assert resolve(dict(path="/apps")).reads and resolve(dict(method="POST", path="/filters/apps")).reads
    assert not resolve(dict(method="POST", path="/apps")).reads
    assert resolve(dict(path="/apps")).lists and not resolve(dict(path="/apps/shop-web")).lists


@pytest.mark.parametrize("params, message", [
    (dict(operation="release.lst"), "operation='release.lst' is not an operation of Heroku's Platform API; did you mean release.list"),
    (dict(path="/apps/{app}/relases", path_params={"app": "x"}), "GET /apps/{app}/relases is not an operation"),
    (dict(method="PUT", path="/apps/shop-web"), "PUT /apps/shop-web is not an operation of Heroku's Platform API; that path takes GET, "
     "PATCH, DELETE"),
    (dict(operation="release.list"), "path_params.app is required by GET /apps/{app}/releases"),
    (dict(path="/apps/{app}/releases"), "path_params.app is required by GET /apps/{app}/releases"),
    (dict(operation="app.info", path_params={"app": "x", "extra": "y"}), "path_params.extra is not a parameter of GET /apps/{app}"),
    (dict(path="/apps/x?y=1"), "must be an API path"),
    (dict(operation="release.info", path_params={"app": "shop-web", "release": ".."}), "'..' cannot name a Heroku resource"),
    (dict(operation="app.info", path_params={"app": "../account#"}), "path_params.app='../account#' is not a valid app name"),
    (dict(path="/apps/Shop_Web"), "path: its {app} segment: app='Shop_Web' is not a valid app name"),
    (dict(path="/apps/shop-web/releases", sort_by="version desc"), "sort_by='version desc' is not a field a list is paged by"),
    (dict(path="/apps/shop-web", body={"name": "x"}), "body: GET /apps/{app} (app.info) takes no body"),
    (dict(method="POST", path="/account/app-transfers", body={"app": "x"}), "body.recipient is required by POST /account/app-transfers"),
    (dict(method="PATCH", path="/apps/shop-web", body={"maintenance": "yes"}), "body.maintenance must be boolean for PATCH /apps/{app}"),
    (dict(method="POST", path="/apps", body=["x"]), "body must be an object for POST /apps (app.create)"),
    (dict(method="PATCH", path="/account/features/x"), "body.enabled is required by PATCH /account/features/{account_feature}"),
])
def test_what_cannot_be_sent_fails_naming_the_option(params, message):
    with pytest.raises(HerokuInputError) as raised:
        resolve(params)
    assert message in str(raised.value)


def test_fields_the_user_names_secret_are_masked_at_any_depth():
    value = {"token": "t0k3n", "access_token": {"token": "x"}, "items": [{"token": "y", "name": "n"}], "none": None}
    assert masked(value, ["token"]) == {"token": "********", "access_token": {"token": "********"},
                                        "items": [{"token": "********", "name": "n"}], "none": None}


# -- coverage of what users already reach through the integration connector ---------------------------

def connector_operations():
    """(name, description, path parameters) of each operation the connector lists."""
    lines = [line.strip() for line in shared_file(CONNECTOR).read_text(encoding="utf-8").splitlines() if line.strip()]
    operations = []
    for index, line in enumerate(lines):
        if re.fullmatch(r"[a-z][A-Za-z0-9_]*", line) and "Parameters" in lines[index + 1:index + 3]:
            operations.append((line, "" if lines[index + 1] == "Parameters" else lines[index + 1], []))
        elif operations and re.fullmatch(r"[A-Za-z0-9$-]+_[A-Za-z0-9_]+ \(required\)", line):
            operations[-1][2].append(line.split(" ")[0])
    return operations


def schema_descriptions():
    schema = json.loads(shared_file(SCHEMA).read_text(encoding="utf-8"))
    found = {}
    for resource, definition in [("schema", schema)] + sorted(schema["definitions"].items()):
        for link in definition.get("links") or []:
            if "method" in link:
                title = re.sub(r"[^a-z0-9]+", "_", (link.get("title") or "link").lower()).strip("_")
                found["%s.%s" % (resource, title)] = (link.get("description") or "").strip()
    return found


def words(text):
    return set(re.findall(r"[a-z]+", text.lower().replace("add-on", "addon").replace("add_on", "addon")))


def schema_operation(name, description, parameters, descriptions):
    """The schema's operation a connector operation is: the same path parameters (their resources), then the
    closest description, then the closest name."""
    # The connector names a path parameter <resource>_<definition> (pipeline-coupling_stage), as the schema does.
    wanted = sorted(load_generator().parameter_name(*parameter.split("_", 1)) for parameter in parameters)
    scored = []
    for operation, (_method, operation_path, *_rest) in OPERATIONS.items():
        have = sorted(re.sub(r"_\d+$", "", parameter) for parameter in re.findall(r"\{(\w+)\}", operation_path))
        # What Heroku's own clients send beyond the schema (the generator's BEYOND_SCHEMA) the connector has not.
        if have == wanted and operation in descriptions:
            # Heroku's 2025 descriptions often add sentences to the connector's (an example, a link): the
            # connector's text is compared with as much of the schema's.
            schema_text = descriptions[operation].lower()[:max(len(description), 1)]
            text = difflib.SequenceMatcher(None, schema_text, description.lower()).ratio()
            both, either = words(name) & words(operation), words(name) | words(operation)
            scored.append((text + 0.5 * len(both) / len(either), operation))
    return max(scored)[1] if scored else None


# A request a spec's reader or writer sends itself, or describes for the runner to send:
# client.<call>("/path"), client.<call>(api_path("/a/{}", ...)), Request("PATCH", api_path("/a/{}", ...), ...).
CLIENT_CALL = re.compile(r"client\.(\w+)\(\s*(?:api_path\(\s*)?\"(/[^\"]*)\"")
DESCRIBED = re.compile(r"Request\(\"(GET|POST|PUT|PATCH|DELETE)\",\s*(?:api_path\(\s*)?\"(/[^\"]*)\"")
# A (method, path) a reader hands to client.request, e.g. heroku_dyno's restart and stop.
METHOD_AND_PATH = re.compile(r"\"(GET|POST|PUT|PATCH|DELETE)\",\s*api_path\(\s*\"(/[^\"]*)\"")
# An operation a spec file names, as heroku_paths takes it: "domain.info".
OPERATION_NAME = re.compile(r"\"([a-z][a-z-]*\.[a-z_]+)\"")
CALL_METHODS = dict(get="GET", get_or_none="GET", list="GET", list_or_none="GET", post="POST", put="PUT",
                    patch="PATCH", delete="DELETE")


def dedicated_operations():
    """Operation -> the module whose spec file sends it: the item and create operations of each Resource, the sources
    of each Info, every operation a spec file names (``"domain.info"``), and every request its readers and writers
    still send by path template (Operations, sections, look-ups)."""
    declared = []
    named = {}
    for path in sorted(MODULE_UTILS.glob("_*.py")):
        if path.stem in ("_operations", "_request"):
            continue  # heroku_request reaches every operation generically: that is the other count
        spec_module = importlib.import_module("ansible_collections.herokuops.platform.plugins.module_utils." + path.stem)
        modules = dict((name.lower(), value) for name, value in vars(spec_module).items() if isinstance(value, Module))
        for module, entry in modules.items():
            spec = entry.spec
            if isinstance(spec, Resource):
                declared += [(method, template(spec.paths.item), module) for method in ("GET", "PATCH", "DELETE")]
                if spec.paths.create:
                    declared.append(("POST", template(spec.paths.create), module))
            elif isinstance(spec, Info):
                declared += [("GET", template(source.path), module) for source in spec.sources]
        owner = next((name for name in modules if not name.endswith("_info")), path.stem)
        source = path.read_text(encoding="utf-8")
        for operation in OPERATION_NAME.findall(source):
            if operation in OPERATIONS:
                named.setdefault(operation, owner)
        for call, path_template in CLIENT_CALL.findall(source):
            if call in CALL_METHODS:
                declared.append((CALL_METHODS[call], path_template, owner))
        declared += [(method, path_template, owner) for method, path_template in DESCRIBED.findall(source)]
        declared += [(method, path_template, owner) for method, path_template in METHOD_AND_PATH.findall(source)]

    served = {}

    def shape(path_template):
        return re.sub(r"\{\w*\}", "{}", path_template)
    for operation, (method, path_template, *_rest) in OPERATIONS.items():
        for declared_method, declared_path, module in declared:
            if declared_method == method and shape(declared_path) == shape(path_template):
                served.setdefault(operation, module)
    for operation, module in named.items():
        served.setdefault(operation, module)
    return served


# The connector still offers operations Heroku's 2025 schema no longer has (connector name -> Heroku's old operation):
# SSL endpoints (SNI endpoints, heroku_certificate, replaced them), outbound rulesets, and whitelisted add-on
# services (allowed-add-on-service.*, by heroku_request). Matched by their closest likeness they would pass for the
# inbound ruleset's or the SNI endpoint's, so they are named here, and counted apart.
REMOVED_BY_HEROKU = {
    "create_ssl_endpoint_for_app": "ssl-endpoint.create",
    "delete_ssl_endpoint_for_app": "ssl-endpoint.delete",
    "get_ssl_endpoing_for_app": "ssl-endpoint.info",
    "list_ssl_endpoints_for_app": "ssl-endpoint.list",
    "update_ssl_endpoint": "ssl-endpoint.update",
    "create_outbound_ruleset": "outbound-ruleset.create",
    "get_current_outbound_ruleset_for_space": "outbound-ruleset.current",
    "get_outbound_ruleset_for_space": "outbound-ruleset.info",
    "list_outbound_rulesets_for_space": "outbound-ruleset.list",
    "list_whitelisted_add_ons_for_team": "whitelisted-add-on-service.list_by_team",
    "remove_whitelisted_add_on_service": "whitelisted-add-on-service.delete_by_team",
    "whitelist_add_on_for_team": "whitelisted-add-on-service.create_by_team",
}


def test_operations_heroku_removed_are_refused_by_name_and_path():
    """What Heroku's 2025 schema dropped is not offered: heroku_request fails before any request."""
    assert set(REMOVED_BY_HEROKU) <= set(name for name, _description, _parameters in connector_operations())
    for operation in REMOVED_BY_HEROKU.values():
        assert operation not in OPERATIONS
        with pytest.raises(HerokuInputError, match="operation='%s' is not an operation" % re.escape(operation)):
            resolve(dict(operation=operation))
    for path in ("/apps/shop-web/ssl-endpoints", "/spaces/acme-eu/outbound-ruleset", "/teams/acme/whitelisted-addon-services"):
        with pytest.raises(HerokuInputError, match="is not an operation"):
            resolve(dict(path=path))


def test_an_operation_heroku_renamed_is_suggested_by_its_new_name():
    with pytest.raises(HerokuInputError, match="did you mean team-daily-usage.info"):
        resolve(dict(operation="team-usage-daily.info", path_params={"team": "acme"}))


USAGE = dict(operation="team-daily-usage.info", path_params={"team": "acme"})


def test_the_gets_that_take_a_query_are_herokus_usage_reports_with_a_required_start():
    """Heroku's 2025 schema gives these GETs a `schema`: their query string, not a body."""
    assert sorted(QUERIES) == ["enterprise-account-daily-usage.info", "enterprise-account-monthly-usage.info",
                               "team-daily-usage.info", "team-monthly-usage.info"]
    for name, (parameters, required) in QUERIES.items():
        assert OPERATIONS[name][0] == "GET" and OPERATIONS[name][3:] == (None, [], False)
        assert sorted(parameters) == ["end", "start"] and required == ["start"]
    assert QUERIES["team-daily-usage.info"][0]["start"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert QUERIES["team-monthly-usage.info"][0]["end"]["pattern"] == "^[0-9]{4}-[0-9]{2}$"


@pytest.mark.parametrize("params, path, query", [
    (dict(USAGE, query={"start": "2025-09-01"}), "/teams/acme/usage/daily", {"start": "2025-09-01"}),
    (dict(USAGE, query={"start": "2025-09-01", "end": "2025-09-30"}), "/teams/acme/usage/daily",
     {"start": "2025-09-01", "end": "2025-09-30"}),
    # YAML reads an unquoted 2025-09-01 as a date; an end left null is no end.
    (dict(USAGE, query={"start": datetime.date(2025, 9, 1), "end": None}), "/teams/acme/usage/daily", {"start": "2025-09-01"}),
    (dict(path="/enterprise-accounts/acme-enterprise/usage/monthly", query={"start": "2025-01", "end": "2025-06"}),
     "/enterprise-accounts/acme-enterprise/usage/monthly", {"start": "2025-01", "end": "2025-06"}),
    (dict(operation="app.list", query={}), "/apps", {}),
])
def test_a_usage_report_takes_its_dates_in_query(params, path, query):
    call = resolve(params)
    assert (call.path, call.query) == (path, query)


@pytest.mark.parametrize("params, message", [
    (USAGE, "query.start is required by GET /teams/{team}/usage/daily (team-daily-usage.info): a date, YYYY-MM-DD, "
     "such as 2019-01-25."),
    (dict(USAGE, query={"end": "2025-09-30"}), "query.start is required by GET /teams/{team}/usage/daily"),
    (dict(USAGE, query={"start": "2025-9-1"}), "query.start='2025-9-1' is not what GET /teams/{team}/usage/daily "
     "(team-daily-usage.info) takes: a date, YYYY-MM-DD, such as 2019-01-25."),
    (dict(USAGE, query={"start": "2025-02-30"}), "query.start='2025-02-30' is not what"),
    (dict(USAGE, query={"start": "2025-09-01", "end": "2025-09-01&team=other"}), "query.end='2025-09-01&team=other' is not"),
    (dict(USAGE, query={"start": ["2025-09-01"]}), "query.start is not what GET /teams/{team}/usage/daily"),
    (dict(operation="team-monthly-usage.info", path_params={"team": "acme"}, query={"start": "2025-09-01"}),
     "query.start='2025-09-01' is not what GET /teams/{team}/usage/monthly (team-monthly-usage.info) takes: a month, "
     "YYYY-MM, such as 2019-01."),
    (dict(USAGE, query={"start": "2025-09-01", "from": "2025-08-01"}),
     "query.from is not a parameter of GET /teams/{team}/usage/daily (team-daily-usage.info): use end, start."),
    (dict(USAGE, query="start=2025-09-01"), "query must be a dict of query parameters"),
    (dict(USAGE, body={"start": "2025-09-01"}), "takes no body (a GET sends none, so Heroku would never see it). "
     "Leave body out; its parameters go in query."),
    (dict(method="POST", path="/apps", query={"region": "eu"}), "query: POST /apps (app.create) takes no query parameters. "
     "A query goes with a GET whose schema names its parameters: enterprise-account-daily-usage.info, "
     "enterprise-account-monthly-usage.info, team-daily-usage.info, team-monthly-usage.info. Leave query out; what a "
     "POST sends goes in body."),
    (dict(path="/apps", query={"page": "2"}), "query: GET /apps (app.list) takes no query parameters."),
])
def test_a_query_the_operation_does_not_take_fails_naming_the_option(params, message):
    with pytest.raises(HerokuInputError) as raised:
        resolve(params)
    assert message in str(raised.value) and raised.value.option in ("query", "body")


def coverage():
    descriptions = schema_descriptions()
    dedicated = dedicated_operations()
    counts = dict(dedicated=0, generic=0, removed=0, query=0, unreachable=[])
    for name, description, parameters in connector_operations():
        if name in REMOVED_BY_HEROKU:
            counts["removed"] += 1
            continue
        operation = schema_operation(name, description, parameters, descriptions)
        if operation is None:
            counts["unreachable"].append(name)
        elif operation in dedicated:
            counts["dedicated"] += 1
        else:
            counts["generic"] += 1
            counts["query"] += operation in QUERIES
    return counts


def test_every_connector_operation_reaches_heroku_through_a_module_or_heroku_request():
    counts = coverage()
    assert counts["unreachable"] == [], "no module nor heroku_request reaches: %s" % counts["unreachable"]
    total = counts["dedicated"] + counts["generic"] + counts["removed"]
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    sentence = ("Of the %d operations an integration connector offers for Heroku, %d are served by a dedicated module of "
                "this collection and %d by `heroku_request`, %d of them (Heroku's usage reports) with the `query` their "
                "`start` date goes in. The other %d are gone from Heroku's 2025 API (SSL endpoints, outbound rulesets, "
                "whitelisted add-on services)." % (
                    total, counts["dedicated"], counts["generic"], counts["query"], counts["removed"]))
    assert sentence in readme, "README.md should say, as computed now: " + sentence


def test_dedicated_modules_serve_the_operations_their_specs_declare():
    served = dedicated_operations()
    assert served["app.create"] == "heroku_app" and served["domain.info"] == "heroku_domain"
    assert served["config-var.info_for_app"] == "heroku_config"
    # Requests a spec's own writers send or describe count too: an Operation's, a section's.
    assert served["log-drain.create"] == "heroku_drain" and served["team-member.delete"] == "heroku_team_member"
    assert served["buildpack-installation.update"] == "heroku_app"
    assert served["build.create"] == "heroku_build" and served["source.create"] == "heroku_build"


def test_a_query_value_named_in_secret_fields_is_masked_in_the_arguments_and_the_result():
    from ansible_collections.herokuops.platform.plugins.module_utils._request import mask_arguments, plan, report
    params = dict(USAGE, query={"start": "2025-09-01", "end": "2025-09-30"}, body=None, secret_fields=["end"])
    assert mask_arguments(params)["query"] == {"start": "2025-09-01", "end": "********"}
    state = dict(call=resolve(params), answer=[])
    result, _warning = report(state, plan(state, params), [], params, False)
    assert result["query"] == {"start": "2025-09-01", "end": "********"} and result["path"] == "/teams/acme/usage/daily"
