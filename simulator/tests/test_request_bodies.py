"""Request bodies are checked against Heroku's 2025 schema before a handler runs: what Heroku refuses
answers its 422 `invalid_params` naming the field, what it takes (unknown fields included, unless the
schema refuses them) reaches the handler. The rules ship in heroku_simulator/request_bodies.py,
generated from the schema by scripts/heroku_request_bodies.py; the schema itself is read from
../shared/heroku beside the checkout only to prove the rules current (see schema_file.py)."""
import importlib.util
import json
import re

import pytest

from heroku_simulator import routes
from heroku_simulator.validation import RULES, shape
from schema_file import REPO, missing_schema, schema_path

GENERATOR = REPO / "scripts" / "heroku_request_bodies.py"


@pytest.fixture(scope="module")
def schema():
    path = schema_path()
    missing = missing_schema(path)
    if missing:
        (pytest.fail if missing[0] == "fail" else pytest.skip)(missing[1])
    return json.loads(path.read_text(encoding="utf-8"))


def load_generator():
    spec = importlib.util.spec_from_file_location("heroku_request_bodies", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    return generator


def test_the_shipped_rules_are_what_the_generator_makes_of_herokus_2025_schema(schema):
    generator = load_generator()
    shipped = (REPO / "simulator" / "heroku_simulator" / "request_bodies.py").read_text(encoding="utf-8")
    assert shipped == generator.render(generator.extract(schema)), \
        "run scripts/heroku_request_bodies.py and commit simulator/heroku_simulator/request_bodies.py"


def served_routes():
    return [(method, pattern) for method, pattern, _handler in routes.served()]


def test_every_route_whose_schema_link_takes_a_body_checks_it_and_only_one_route_is_not_herokus(schema):
    links = {}
    for definition in schema["definitions"].values():
        for link in definition.get("links") or []:
            if "method" in link:
                template = re.sub(r"\{\([^)]*\)\}", "{}", link["href"])
                links.setdefault((link["method"], template), []).append(link)
    router = routes.build_router()
    checked = {(method, regex.pattern): bool(getattr(handler, "rules", None))
               for method, regex, handler in router.routes}
    not_herokus = []
    for (method, pattern), regex in zip(served_routes(), (regex for _m, regex, _h in router.routes)):
        key = (method, shape(pattern))
        if key not in links:
            not_herokus.append((method, pattern))
            continue
        takes_body = method != "GET" and any("schema" in link for link in links[key])
        assert checked[(method, regex.pattern)] == takes_body, (method, pattern)
    # Heroku serves it (the CLI's pipelines:list reads it) though its schema does not list it.
    # And the CLI's spaces:peerings:accept POSTs the pcx_id to the space's peerings (routes/peering.py), and its
    # reviewapps:* read the GitHub repository a pipeline is connected to (routes/review_apps.py).
    assert not_herokus == [("GET", "/users/{user}/pipeline-couplings"), ("POST", "/spaces/{space}/peerings"),
                           ("GET", "/pipelines/{pipeline}/repo")]


def test_the_rules_cover_every_link_that_takes_a_body(schema):
    bodies = sum(1 for definition in schema["definitions"].values() for link in definition.get("links") or []
                 if "schema" in link and link["method"] != "GET")
    assert sum(len(rules) for rules in RULES.values()) == bodies == 89


@pytest.fixture
def team_app(sim):
    sim.seed_app("body-app", team="acme")
    return "body-app"


REFUSED = [
    # Team app permissions are names; a bare string is no list of them, nor is a list of objects.
    ("POST", "/teams/apps/body-app/collaborators", {"user": "dave@example.com", "permissions": "view"},
     "Invalid params: permissions must be an array."),
    ("POST", "/teams/apps/body-app/collaborators", {"user": "dave@example.com", "permissions": [{"name": "view"}]},
     "Invalid params: permissions[0] must be a string."),
    ("PATCH", "/teams/apps/body-app/collaborators/ops@example.com", {},
     "Require params: permissions."),
    ("POST", "/apps/body-app/collaborators", {"user": "dave"},
     "Invalid params: user must be an email address, a UUID or ~."),
    ("POST", "/apps/body-app/collaborators", {"user": "dave@example.com", "silent": "yes"},
     "Invalid params: silent must be a boolean."),
    # The schema refuses other fields of a new webhook (additionalProperties: false).
    ("POST", "/apps/body-app/webhooks",
     {"url": "https://h.example.com", "include": ["api:app"], "level": "notify", "retries": 3},
     "Unknown params: retries."),
    ("POST", "/apps/body-app/webhooks", {"url": "https://h.example.com", "include": ["api:app"], "level": "often"},
     "Invalid params: level must be one of notify, sync."),
    ("PATCH", "/apps/body-app", {"maintenance": "yes"}, "Invalid params: maintenance must be a boolean."),
    ("PATCH", "/apps/body-app/config-vars", {"BAD-KEY": "x"}, "Invalid params: BAD-KEY: a key must match ^\\w+$."),
    ("PATCH", "/apps/body-app/config-vars", {"PORT": 5000}, "Invalid params: PORT must be a string or null."),
    ("PATCH", "/apps/body-app/formation", {"updates": [{"quantity": 1}]}, "Require params: updates[0].type."),
    ("PATCH", "/apps/body-app/formation", {"updates": {"type": "web"}}, "Invalid params: updates must be an array."),
    # A release is made of a slug or rolls back to a release, both named by id.
    ("POST", "/apps/body-app/releases", {}, "Require params: slug."),
    ("POST", "/apps/body-app/releases", {"release": "2"}, "Invalid params: release must be a UUID."),
    ("POST", "/apps/body-app/addons", {"plan": "heroku-redis:mini", "config": {"max-memory": "1"}},
     "Invalid params: config.max-memory: a key must match ^\\w+$."),
    ("PATCH", "/apps/body-app/domains/body-app.herokuapp.com", {}, "Require params: sni_endpoint."),
    ("POST", "/apps", ["body-app"], "Request body must be a JSON object."),
    ("PUT", "/teams/acme/members", {"email": "dave@example.com", "role": "owner"},
     "Invalid params: role must be one of admin, viewer, member."),
]


@pytest.mark.parametrize("method, path, body, message", REFUSED, ids=[m for *_, m in REFUSED])
def test_a_body_herokus_schema_refuses_answers_its_422_and_changes_nothing(api, sim, team_app, method, path, body,
                                                                          message):
    before = sim.world.dump()
    r = api(method, path, body)
    assert (r.status, r.body["id"], r.body["message"]) == (422, "invalid_params", message)
    assert sim.world.dump() == before


def test_space_member_permissions_are_objects_naming_each_permission(api, sim):
    api.post("/spaces", {"name": "body-space", "team": "acme"})
    r = api.patch("/spaces/body-space/members/bob@example.com", {"permissions": ["create_apps"]})
    assert (r.status, r.body["message"]) == (422, "Invalid params: permissions[0] must be an object.")
    r = api.patch("/spaces/body-space/members/bob@example.com", {"permissions": [{"name": "create_apps"}]})
    assert r.status == 200 and [p["name"] for p in r.body["permissions"]] == ["create_apps"]


def test_fields_the_schema_does_not_name_pass_as_on_heroku(api, team_app):
    r = api.patch("/apps/body-app", {"maintenance": True, "note": "not Heroku's"})
    assert r.status == 200 and r.body["maintenance"] is True


def test_a_team_app_is_moved_by_any_of_its_patch_links(api, sim, team_app):
    # PATCH /teams/apps/{app} is three links (locked, to an account, to a team): a body one of them takes passes.
    assert api.patch("/teams/apps/body-app", {"locked": True}).body["locked"] is True
    r = api.patch("/teams/apps/body-app", {"locked": "yes"})
    assert (r.status, r.body["message"]) == (422, "Invalid params: locked must be a boolean.")


def test_what_the_heroku_cli_sends_beyond_the_schema_passes_as_on_heroku(api, team_app):
    # ps:scale web=2:Standard-2X sends a string quantity and a size by name; addons:create names the plan as an object.
    r = api.patch("/apps/body-app/formation", {"updates": [{"type": "web", "quantity": "2", "size": "Standard-2X"}]})
    assert r.status == 200 and (r.body[0]["quantity"], r.body[0]["size"]) == (2, "Standard-2X")
    assert api.post("/apps/body-app/addons", {"plan": {"name": "heroku-redis:mini"}}).status == 201
