"""Prove the simulator against Heroku's own JSON hyper-schema.

The schema, Heroku's of September 2025, is read at test time from
``<repo>/../shared/heroku/platform-api-schema-2025.json`` (or ``$HEROKU_SCHEMA_PATH``); it is
never copied into the project.  Without it the module is skipped with the reason, except under
CI (``$CI`` set), where it fails (see schema_file.py).  Three families of tests, each
parametrized so one route or one field is one test id:

* ``test_route`` -- every ``(method, href)`` in the ``links`` of the resources
  below is sent over real HTTP with placeholders replaced by real ids/names of
  objects created through the API.  The route must answer 2xx (not an unknown
  route 404/405) and the JSON answer (each item of a list) must validate against
  the link's ``targetSchema`` -- or the resource definition where the link has
  none -- with ``strictProperties: true`` enforced as ``additionalProperties:
  false`` and every listed property required.
* ``test_required_field`` -- for links whose request ``schema`` has
  ``required``, a request missing one field answers 422 ``invalid_params``
  naming that field.
* ``test_request_bodies_match_schema`` -- the bodies this test sends are
  themselves valid for the link's request schema (so a pass means something).
"""
import copy
import itertools
import json
import re
import urllib.parse
import uuid

import jsonschema  # pinned in tests/requirements.txt: missing means a broken setup, not a skip
import pytest
import requests

from schema_file import missing_schema, schema_path

SCHEMA_PATH = schema_path()

# Without the schema: a skip that says why, or under CI (which always has it) a failure.
_MISSING = missing_schema(SCHEMA_PATH)
if _MISSING and _MISSING[0] == "fail":
    pytest.fail(_MISSING[1], pytrace=False)
if _MISSING:
    pytest.skip(_MISSING[1], allow_module_level=True)


SCHEMA = json.loads(SCHEMA_PATH.read_text())

RESOURCES = [
    "account", "rate-limit", "region", "stack", "dyno-size", "team", "team-member", "app",
    "team-app", "app-feature", "buildpack-installation", "config-var", "release", "slug",
    "build", "formation", "add-on-service", "plan", "add-on", "add-on-attachment", "pipeline",
    "pipeline-coupling", "pipeline-promotion", "pipeline-promotion-target",
    "pipeline-config-var", "space", "inbound-ruleset", "space-nat", "space-app-access",
    "domain", "log-drain", "collaborator", "account-feature", "sni-endpoint",
    # Not in the brief's list, but the CLI's apps:info and ps read it.
    "dyno",
    # heroku_collaborator's team route; the CLI's access commands read the other two.
    "team-app-collaborator", "team-app-permission", "team-feature",
    # heroku_webhook and heroku_webhook_info.
    "app-webhook", "app-webhook-delivery", "app-webhook-event",
    # heroku_build uploads a local source through it.
    "source",
    # heroku_space's generation (issue 24).
    "generation",
    # What a Fir app's release runs (heroku_release's oci_image).
    "oci-image",
    # heroku_space_vpn and heroku_space_vpn_info (issue 25).
    "vpn-connection",
    # heroku_review_app_config and heroku_review_app_config_info (issue 25).
    "review-app-config",
]

# Routes of the resources above that the simulator deliberately does not serve.
# Key: (method, href with placeholders shown as {resource}); value: why.
NOT_SERVED = {
    ("POST", "/apps/{app}/sources"): "deactivated by Heroku on 2017-08-01 in favour of POST /sources",
}

# Links whose answer carries no resource body worth validating.
NO_BODY = {("DELETE", "/apps/{app}/build-cache")}


# ---------------------------------------------------------------------------
# schema helpers

PLACEHOLDER_RE = re.compile(r"\{\(([^)]+)\)\}")


def placeholder_refs(href):
    return [urllib.parse.unquote(m) for m in PLACEHOLDER_RE.findall(href)]


def pretty_href(href):
    """``/apps/{(%23%2Fdefinitions%2Fapp...identity)}`` -> ``/apps/{app}``."""
    def name(m):
        parts = urllib.parse.unquote(m.group(1)).split("/")
        res, attr = parts[2], parts[-1]
        return "{%s}" % (res if attr in ("identity", "id") else "%s-%s" % (res, attr))
    return PLACEHOLDER_RE.sub(name, href)


def strict_copy(schema):
    """In-memory copy where ``strictProperties: true`` becomes draft-04 rules.

    Heroku's ``strictProperties`` means "exactly these properties": no others
    (``additionalProperties: false``) and, for the answers we check, all of
    them present (``required``).  Every object schema that lists properties
    (strict or not, nested or top-level) requires them all in an answer.
    """
    doc = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("strictProperties") is True:
                node["additionalProperties"] = False
            # Every property the schema lists must be present, nested objects
            # included (a nullable object may still be null).
            if isinstance(node.get("properties"), dict) and node["properties"]:
                node["required"] = sorted(node["properties"])
            for key, value in node.items():
                if key == "links":
                    # Request schemas stay as they are; only answers are checked.
                    for link in value:
                        if isinstance(link, dict) and "targetSchema" in link:
                            walk(link["targetSchema"])
                    continue
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["definitions"])
    for name in RESOURCES:
        res = doc["definitions"][name]
        if isinstance(res.get("properties"), dict) and res["properties"]:
            res["required"] = sorted(res["properties"])
    return doc


STRICT = strict_copy(SCHEMA)

DATE_TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("date-time")
def _date_time(value):
    return not isinstance(value, str) or bool(DATE_TIME_RE.match(value))


@FORMATS.checks("date")
def _date(value):
    return not isinstance(value, str) or bool(re.match(r"^\d{4}-\d{2}-\d{2}$", value))


@FORMATS.checks("uuid")
def _uuid(value):
    if not isinstance(value, str):
        return True
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


@FORMATS.checks("email")
def _email(value):
    return not isinstance(value, str) or bool(re.match(r"^[^@\s]+@[^@\s]+$", value))


@FORMATS.checks("uri")
def _uri(value):
    # Lenient on purpose: the schema marks domain.hostname (a bare host name) as a uri.
    return not isinstance(value, str) or bool(re.match(r"^\S+$", value))


def validator_for(schema, doc=STRICT):
    # Refs are all "#/definitions/...": resolve them against the whole document.
    wrapper = {"allOf": [schema], "definitions": doc["definitions"]}
    return jsonschema.Draft4Validator(wrapper, format_checker=FORMATS)


def schema_errors(instance, schema, doc=STRICT):
    out = []
    for err in validator_for(schema, doc).iter_errors(instance):
        # Report the innermost failures of anyOf/oneOf so the field is named.
        leaves = [err]
        while any(e.context for e in leaves):
            leaves = list(itertools.chain.from_iterable(e.context or [e] for e in leaves))
        for leaf in leaves:
            path = "$" + "".join("[%d]" % p if isinstance(p, int) else ".%s" % p
                                 for p in leaf.absolute_path)
            out.append("%s: %s" % (path, leaf.message))
    return sorted(set(out))


# ---------------------------------------------------------------------------
# route table from the schema

def _links():
    rows = []
    for res in RESOURCES:
        for index, link in enumerate(SCHEMA["definitions"][res].get("links", [])):
            rows.append((res, index, link))
    return rows


LINKS = _links()


def link_id(res, link):
    return "%s:%s %s [%s]" % (res, link["method"], pretty_href(link["href"]), link.get("title"))


# ---------------------------------------------------------------------------
# the simulator and the objects it holds

@pytest.fixture(scope="module")
def sim():
    import heroku_simulator  # a simulator that does not import is an error, not a skip
    s = heroku_simulator.Simulator(api_key="schema-key").start(port=0)
    yield s
    s.stop()


class Api:
    def __init__(self, url, key):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers.update({
            "Accept": "application/vnd.heroku+json; version=3",
            "Authorization": "Bearer %s" % key,
        })

    def call(self, method, path, body=None, **kw):
        return self.session.request(method, self.url + path,
                                    json=body if body is not None else None, timeout=15, **kw)

    def ok(self, method, path, body=None):
        resp = self.call(method, path, body)
        assert resp.status_code < 300, "setup %s %s -> %s %s" % (method, path, resp.status_code, resp.text[:500])
        return resp.json() if resp.content else None


def certificate_body():
    """A chain and key for an SNI endpoint, made now by a test CA (certificates.py)."""
    from heroku_simulator.certificates import default_ca
    chain, key = default_ca().issue(uniq("www") + ".example.com")
    return {"certificate_chain": chain + default_ca().pem, "private_key": key}


def uniq(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


PROCESS_TYPES = {"web": "bundle exec puma -C config/puma.rb", "worker": "bundle exec sidekiq"}


class Ctx:
    """Objects created lazily through the API; a fresh Ctx gives throwaway ones."""

    def __init__(self, api):
        self.api = api
        self._cache = {}

    def __getattr__(self, name):
        if name.startswith("_") or not hasattr(type(self), "make_" + name):
            raise AttributeError(name)
        if name not in self._cache:
            self._cache[name] = getattr(self, "make_" + name)()
        return self._cache[name]

    def _new_app(self):
        app = self.api.ok("POST", "/apps", {"name": uniq("fid")})
        slug = self.api.ok("POST", "/apps/%s/slugs" % app["id"], {"process_types": PROCESS_TYPES})
        self.api.ok("POST", "/apps/%s/releases" % app["id"], {"slug": slug["id"], "description": "first code"})
        return app

    def make_account(self):
        return self.api.ok("GET", "/account")

    def make_app(self):
        return self._new_app()

    def make_app2(self):
        return self._new_app()

    def make_app3(self):
        return self._new_app()

    def make_slug(self):
        return self.api.ok("POST", "/apps/%s/slugs" % self.app["id"], {"process_types": PROCESS_TYPES})

    def make_release(self):
        return self.api.ok("POST", "/apps/%s/releases" % self.app["id"], {"slug": self.slug["id"]})

    def make_build(self):
        return self.api.ok("POST", "/apps/%s/builds" % self.app["id"], {
            "source_blob": {"url": "https://example.com/source.tgz", "version": "v1"}})

    def make_team(self):
        return self.api.ok("POST", "/teams", {"name": uniq("team")})

    def make_enterprise(self):
        return self.api.ok("GET", "/enterprise-accounts")[0]

    def make_enterprise_team(self):
        return self.api.ok("POST", "/enterprise-accounts/%s/teams" % self.enterprise["id"], {"name": uniq("eteam")})

    def make_team_member(self):
        return self.api.ok("PUT", "/teams/acme/members", {"email": uniq("m") + "@example.com", "role": "member"})

    def make_team_app(self):
        return self.api.ok("POST", "/teams/apps", {"name": uniq("tapp"), "team": "acme"})

    def make_addon(self):
        return self.api.ok("POST", "/apps/%s/addons" % self.app["id"], {"plan": "heroku-postgresql:essential-0"})

    def make_attachment(self):
        return self.api.ok("POST", "/addon-attachments", {"addon": self.addon["id"], "app": self.app2["id"]})

    def make_app_attachment(self):
        """The attachment the add-on got on its own app when it was created."""
        atts = self.api.ok("GET", "/addons/%s/addon-attachments" % self.addon["id"])
        return next(a for a in atts if a["app"]["id"] == self.app["id"])

    def make_pipeline(self):
        return self.api.ok("POST", "/pipelines", {"name": uniq("pipe")})

    def make_coupling(self):
        return self.api.ok("POST", "/pipeline-couplings",
                           {"app": self.app["id"], "pipeline": self.pipeline["id"], "stage": "staging"})

    def make_target_coupling(self):
        return self.api.ok("POST", "/pipeline-couplings",
                           {"app": self.app2["id"], "pipeline": self.pipeline["id"], "stage": "production"})

    def make_promotion(self):
        self.coupling, self.target_coupling  # noqa: B018 - both apps must be coupled first
        return self.api.ok("POST", "/pipeline-promotions", {
            "pipeline": {"id": self.pipeline["id"]},
            "source": {"app": {"id": self.app["id"]}},
            "targets": [{"app": {"id": self.app2["id"]}}]})

    def make_space(self):
        return self.api.ok("POST", "/spaces", {"name": uniq("space"), "team": "acme", "region": "virginia"})

    def make_ruleset(self):
        return self.api.ok("GET", "/spaces/%s/inbound-ruleset" % self.space["id"])

    def make_space_member(self):
        members = self.api.ok("GET", "/spaces/%s/members" % self.space["id"])
        return members[0]["user"] if members else self.account

    def make_domain(self):
        return self.api.ok("POST", "/apps/%s/domains" % self.app["id"],
                           {"hostname": uniq("www") + ".example.com", "sni_endpoint": None})

    def make_drain(self):
        return self.api.ok("POST", "/apps/%s/log-drains" % self.app["id"],
                           {"url": "https://%s.logs.example.com/drain" % uniq("d")})

    def make_addon_drain(self):
        """A drain the add-on owns (an add-on provider moves it with PUT)."""
        d = self.api.ok("POST", "/apps/%s/log-drains" % self.app["id"],
                        {"url": "https://%s.logs.example.com/addon" % uniq("d")})
        return self.api.ok("PUT", "/addons/%s/log-drains/%s" % (self.addon["id"], d["id"]), {"url": d["url"]})

    def make_team_addon(self):
        return self.api.ok("POST", "/apps/%s/addons" % self.team_app["id"], {"plan": "heroku-redis:mini"})

    def make_team_coupling(self):
        return self.api.ok("POST", "/pipeline-couplings",
                           {"app": self.team_app["id"], "pipeline": self.pipeline["id"], "stage": "development"})

    def warm(self):
        """Create everything up front so list routes have items to validate."""
        for name in ("app", "app2", "addon", "attachment", "coupling", "target_coupling", "team_app",
                     "team_addon", "team_coupling", "space", "domain", "sni_endpoint", "drain", "collaborator", "team_collaborator",
                     "team_member", "build", "release", "addon_drain", "enterprise_team", "webhook_event"):
            getattr(self, name)
        return self

    def make_sni_endpoint(self):
        """An endpoint serving a domain, so that its `domains` has an id to check."""
        endpoint = self.api.ok("POST", "/apps/%s/sni-endpoints" % self.app["id"], certificate_body())
        self.api.ok("PATCH", "/apps/%s/domains/%s" % (self.app["id"], self.domain["id"]), {"sni_endpoint": endpoint["id"]})
        return self.api.ok("GET", "/apps/%s/sni-endpoints/%s" % (self.app["id"], endpoint["id"]))

    def make_collaborator(self):
        return self.api.ok("POST", "/apps/%s/collaborators" % self.app["id"], {"user": "dev@example.com"})

    def make_webhook(self):
        return self.api.ok("POST", "/apps/%s/webhooks" % self.app["id"], {
            "url": "https://%s.example.com/hooks" % uniq("wh"), "include": ["api:release"], "level": "notify"})

    def make_webhook_delivery(self):
        """A config change makes a release, an event the webhook includes: an event and its delivery."""
        self.webhook
        self.api.ok("PATCH", "/apps/%s/config-vars" % self.app["id"], {"WEBHOOK_TEST": uniq("v")})
        return self.api.ok("GET", "/apps/%s/webhook-deliveries" % self.app["id"])[-1]

    def make_webhook_event(self):
        return self.api.ok("GET", "/apps/%s/webhook-events/%s" % (self.app["id"], self.webhook_delivery["event"]["id"]))

    def make_fir_app(self):
        """An app of a Fir space: the one kind that has OCI images."""
        return self.api.ok("POST", "/teams/apps", {"name": uniq("firapp"), "team": "acme", "space": self.fir_space["name"]})

    def make_fir_space(self):
        return self.api.ok("POST", "/spaces", {"name": uniq("fir"), "team": "acme", "generation": "fir"})

    def make_oci_image(self):
        return self.api.ok("POST", "/apps/%s/oci-images" % self.fir_app["id"], {"digest": "sha256:" + "c" * 64})

    def make_team_collaborator(self):
        return self.api.ok("POST", "/teams/apps/%s/collaborators" % self.team_app["id"],
                           {"user": uniq("tc") + "@example.com", "permissions": ["deploy"]})

    def make_connected_pipeline(self):
        """A pipeline connected to a GitHub repository (Heroku's Dashboard does that; here the simulator's seeding)."""
        pipeline = self.api.ok("POST", "/pipelines", {"name": uniq("review")})
        self.api.sim.connect_pipeline_repo(pipeline["id"], "acme/" + pipeline["name"])
        return pipeline

    def make_review_pipeline(self):
        """Another connected pipeline, whose review apps are on (the Enable link's test turns on the first one's)."""
        pipeline = self.api.ok("POST", "/pipelines", {"name": uniq("review")})
        self.api.sim.connect_pipeline_repo(pipeline["id"], "acme/" + pipeline["name"])
        self.api.ok("POST", "/pipelines/%s/review-app-config" % pipeline["id"], {"repo": "acme/" + pipeline["name"]})
        return pipeline

    def make_vpn(self):
        """A VPN connection of the space, read again so that it is active with its tunnels."""
        vpn = self.api.ok("POST", "/spaces/%s/vpn-connections" % self.space["id"], VPN_BODY())
        return self.api.ok("GET", "/spaces/%s/vpn-connections/%s" % (self.space["id"], vpn["id"]))


def placeholder_value(ref, ctx, res, link):
    """A real id or name for one ``{(#/definitions/x/definitions/identity)}``."""
    target = ref.split("/")[2]
    table = {
        "account": lambda: ctx.space_member["email"] if res == "space-app-access" else ctx.account["id"],
        "region": lambda: "virginia",
        "enterprise-account": lambda: ctx.enterprise["id"],
        # Heroku's schema names a generation's path by the stack's identity: a generation's name goes there.
        "stack": lambda: "fir" if res == "generation" else "heroku-24",
        "dyno-size": lambda: "Standard-1X",
        "team": lambda: ctx.team["name"] if (res, link["method"]) == ("team", "DELETE") else "acme",
        "team-member": lambda: ctx.team_member["email"],
        # Permissions go only to a team app, through the team route's {app}.
        "app": lambda: (ctx.team_app["name"] if res == "team-app-collaborator"
                        else ctx.fir_app["name"] if res == "oci-image" else ctx.app["name"]),
        "team-app": lambda: ctx.team_app["name"],
        "app-feature": lambda: "preboot",
        "account-feature": lambda: "app-overview",
        "release": lambda: str(ctx.release["version"]),
        "slug": lambda: ctx.slug["id"],
        "build": lambda: ctx.build["id"],
        "formation": lambda: "web",
        # A dyno's name (web.1), or for the formation routes its process type.
        "dyno": lambda: "web" if ref.endswith("formation_type") else "web.1",
        "add-on-service": lambda: "heroku-postgresql",
        "plan": lambda: "heroku-postgresql:essential-0",
        "add-on": lambda: ctx.addon["id"],
        "add-on-attachment": lambda: (ctx.app_attachment["name"] if ref.endswith("scopedIdentity")
                                      else ctx.attachment["id"]),
        "pipeline": lambda: (ctx.pipeline["id"] if res != "review-app-config"
                             else ctx.connected_pipeline["id"] if link["method"] == "POST" else ctx.review_pipeline["id"]),
        "pipeline-coupling": lambda: "review" if ref.endswith("/stage") else ctx.coupling["id"],
        "pipeline-promotion": lambda: ctx.promotion["id"],
        "space": lambda: ctx.space["name"],
        "inbound-ruleset": lambda: ctx.ruleset["id"],
        "domain": lambda: ctx.domain["hostname"],
        "log-drain": lambda: (ctx.addon_drain["id"] if link["href"].startswith("/addons/")
                              else ctx.drain["token"] if link["method"] == "GET" else ctx.drain["url"]),
        "collaborator": lambda: ctx.collaborator["user"]["email"],
        "sni-endpoint": lambda: ctx.sni_endpoint["name"],
        "team-app-collaborator": lambda: ctx.team_collaborator["user"]["email"],
        "team-feature": lambda: "org-access-controls",
        "app-webhook": lambda: ctx.webhook["id"],
        "app-webhook-delivery": lambda: ctx.webhook_delivery["id"],
        "app-webhook-event": lambda: ctx.webhook_event["id"],
        "oci-image": lambda: ctx.oci_image["id"],
        "vpn-connection": lambda: ctx.vpn["id"],
    }
    if target not in table:
        raise KeyError("no test value for placeholder %s" % ref)
    return urllib.parse.quote(str(table[target]()), safe="@:~")


def fill_href(href, ctx, res, link):
    return PLACEHOLDER_RE.sub(
        lambda m: placeholder_value(urllib.parse.unquote(m.group(1)), ctx, res, link), href)


# Request bodies, keyed (resource, link title).  Each must be valid for the
# link's request schema (checked by test_request_bodies_match_schema).
BODIES = {
    ("account", "Update"): lambda c: {"allow_tracking": True},
    ("account", "Update By User"): lambda c: {"beta": False},
    ("team", "Create"): lambda c: {"name": uniq("team")},
    ("team", "Create in Enterprise Account"): lambda c: {"name": uniq("eteam")},
    ("team", "Update"): lambda c: {"default": False},
    ("team-member", "Create or Update"): lambda c: {"email": uniq("m") + "@example.com", "role": "member"},
    # The request enum allows "viewer" but the response enum does not, so use "admin".
    ("team-member", "Create"): lambda c: {"email": uniq("m") + "@example.com", "role": "admin"},
    ("team-member", "Update"): lambda c: {"email": "dev@example.com", "role": "member"},
    ("app", "Create"): lambda c: {"name": uniq("app"), "region": "us", "stack": "heroku-24"},
    ("app", "Update"): lambda c: {"maintenance": False},
    ("team-app", "Create"): lambda c: {"name": uniq("tapp"), "team": "acme", "region": "us"},
    ("team-app", "Update Locked"): lambda c: {"locked": True},
    ("team-app", "Transfer to Account"): lambda c: {"owner": c.account["email"]},
    ("team-app", "Transfer to Team"): lambda c: {"owner": "acme-staging"},
    ("app-feature", "Update"): lambda c: {"enabled": True},
    ("account-feature", "Update"): lambda c: {"enabled": True},
    ("buildpack-installation", "Update"): lambda c: {"updates": [{"buildpack": "heroku/ruby"}]},
    ("config-var", "Update"): lambda c: {"FOO": "bar", "REMOVED": None},
    ("release", "Create"): lambda c: {"slug": c.slug["id"], "description": "deploy"},
    ("release", "Rollback"): lambda c: {"release": c.release["id"]},
    ("slug", "Create"): lambda c: {"process_types": PROCESS_TYPES},
    ("build", "Create"): lambda c: {"source_blob": {"url": "https://example.com/src.tgz", "version": "v2"}},
    ("formation", "Batch Update"): lambda c: {"updates": [{"type": "web", "quantity": 2,
                                                           "dyno_size": {"name": "Standard-1X"}}]},
    ("formation", "Update"): lambda c: {"quantity": 1, "dyno_size": {"name": "Standard-2X"}},
    ("dyno", "Create"): lambda c: {"command": "bash", "attach": False, "size": "Basic", "type": "run"},
    ("add-on", "Create"): lambda c: {"plan": "heroku-redis:mini"},
    ("add-on", "Update"): lambda c: {"plan": "heroku-postgresql:essential-1"},
    ("add-on", "Resolution"): lambda c: {"addon": c.addon["name"], "app": c.app["name"]},
    ("add-on-attachment", "Create"): lambda c: {"addon": c.addon["id"], "app": c.app2["id"]},
    ("add-on-attachment", "Resolution"): lambda c: {"addon_attachment": c.attachment["name"],
                                                   "app": c.app2["name"]},
    ("pipeline", "Create"): lambda c: {"name": uniq("pipe")},
    ("pipeline", "Update"): lambda c: {"name": uniq("renamed")},
    ("pipeline-coupling", "Create"): lambda c: {"app": c.app3["id"], "pipeline": c.pipeline["id"],
                                               "stage": "development"},
    ("pipeline-coupling", "Update"): lambda c: {"stage": "production"},
    ("pipeline-promotion", "Create"): lambda c: (c.coupling, c.target_coupling) and {
        "pipeline": {"id": c.pipeline["id"]}, "source": {"app": {"id": c.app["id"]}},
        "targets": [{"app": {"id": c.app2["id"]}}]},
    ("pipeline-config-var", "Update"): lambda c: {"REVIEW_FLAG": "on", "GONE": None},
    ("space", "Create"): lambda c: {"name": uniq("space"), "team": "acme", "region": "virginia"},
    ("space", "Update"): lambda c: {"name": uniq("space")},
    ("inbound-ruleset", "Create"): lambda c: {"rules": [{"action": "allow", "source": "10.0.0.0/8"},
                                                        {"action": "deny", "source": "0.0.0.0/0"}]},
    ("space-app-access", "Update"): lambda c: {"permissions": [{"name": "view_logs"}, {"name": "create_apps"}]},
    ("domain", "Create"): lambda c: {"hostname": uniq("api") + ".example.com", "sni_endpoint": None},
    ("domain", "Update"): lambda c: {"sni_endpoint": None},
    ("log-drain", "Create"): lambda c: {"url": "https://%s.logs.example.com/x" % uniq("d")},
    ("log-drain", "Update"): lambda c: {"url": "https://%s.logs.example.com/y" % uniq("d")},
    ("collaborator", "Create"): lambda c: {"user": "qa@example.com", "silent": True},
    ("sni-endpoint", "Create"): lambda c: certificate_body(),
    ("sni-endpoint", "Update"): lambda c: certificate_body(),
    ("team-app-collaborator", "Create"): lambda c: {"user": uniq("qa") + "@example.com", "silent": True,
                                                   "permissions": ["view", "operate"]},
    ("team-app-collaborator", "Update"): lambda c: {"permissions": ["deploy", "manage"]},
    ("app-webhook", "Create"): lambda c: {"url": "https://%s.example.com/hooks" % uniq("wh"), "level": "sync",
                                          "include": ["api:release", "api:formation"], "secret": None,
                                          "authorization": "Bearer %s" % uniq("t")},
    ("app-webhook", "Update"): lambda c: {"include": ["api:app"], "level": "notify"},
    ("oci-image", "Create"): lambda c: {"digest": "sha256:" + "d" * 64, "architecture": "amd64", "commit": "60883d9e",
                                        "process_types": {"web": {"name": "web", "command": "/cnb/process/web"}},
                                        "buildpacks": [{"id": "heroku/nodejs", "version": "3.0.0"}]},
    ("vpn-connection", "Create"): lambda c: VPN_BODY(),
    ("vpn-connection", "Update"): lambda c: {"routable_cidrs": ["172.17.0.0/16", "192.168.4.0/24"]},
    ("review-app-config", "Enable"): lambda c: {"repo": "acme/" + c.connected_pipeline["name"], "automatic_review_apps": True,
                                                "destroy_stale_apps": True, "stale_days": 5, "wait_for_ci": False,
                                                "base_name": "shop-pr", "deploy_target": {"id": "us", "type": "region"}},
    ("review-app-config", "Update"): lambda c: {"stale_days": 10, "deploy_target": {"id": c.space["id"], "type": "space"}},
}

# Links that change or remove what they touch get a throwaway Ctx so the shared
# objects stay usable for the other route tests.
MUTATING = {
    ("team-app", "Transfer to Account"), ("team-app", "Transfer to Team"),
    ("pipeline", "Update"), ("pipeline-coupling", "Update"), ("space", "Update"),
    ("release", "Rollback"), ("add-on", "Update"),
}


def is_mutating(res, link):
    return link["method"] == "DELETE" or (res, link.get("title")) in MUTATING


@pytest.fixture(scope="module")
def api(sim):
    api = Api(sim.url, "schema-key")
    # What only the simulator's seeding does (a pipeline's GitHub repository).
    api.sim = sim
    return api


@pytest.fixture(scope="module")
def shared_ctx(api):
    return Ctx(api).warm()


def response_schema(res, link, body):
    if link.get("targetSchema"):
        return link["targetSchema"]
    ref = {"$ref": "#/definitions/%s" % res}
    return {"type": ["array"], "items": ref} if isinstance(body, list) else ref


def send(api, ctx, res, link, body_override=None, drop=None):
    href = fill_href(link["href"], ctx, res, link)
    factory = BODIES.get((res, link.get("title")))
    body = body_override if body_override is not None else (factory(ctx) if factory else None)
    if drop is not None:
        body = {k: v for k, v in (body or {}).items() if k != drop}
    if link["method"] in ("POST", "PATCH", "PUT") and body is None:
        body = {}
    return href, body, api.call(link["method"], href, body)


ROUTE_PARAMS = [pytest.param(res, idx, id=link_id(res, link)) for res, idx, link in LINKS]


@pytest.mark.parametrize("res,idx", ROUTE_PARAMS)
def test_route(request, sim, api, shared_ctx, res, idx):
    link = SCHEMA["definitions"][res]["links"][idx]
    key = (link["method"], pretty_href(link["href"]))
    if key in NOT_SERVED:
        pytest.skip("not served by design: %s" % NOT_SERVED[key])
    if link["method"] == "DELETE" and res == "account":
        # Deleting the account revokes its key: do it in a simulator of its own.
        import heroku_simulator
        own = heroku_simulator.Simulator(api_key="schema-key").start(port=0)
        request.addfinalizer(own.stop)
        api = Api(own.url, "schema-key")
    ctx = Ctx(api) if is_mutating(res, link) else shared_ctx
    if key == ("DELETE", "/apps/{app}/builds/{build}"):
        # Only a pending build can be cancelled: the throwaway build does not end before its cancel.
        sim.freeze_async(True)
        request.addfinalizer(lambda: sim.freeze_async(False))
    href, body, resp = send(api, ctx, res, link)
    detail = "%s %s body=%s -> %s %s" % (link["method"], href, json.dumps(body), resp.status_code,
                                          resp.text[:600])
    unknown_route = resp.status_code == 405 or (
        resp.status_code == 404 and "endpoint" in resp.text)  # Heroku's unknown-route wording
    assert not unknown_route, "route not served: " + detail
    assert 200 <= resp.status_code < 300, "route did not succeed: " + detail
    assert resp.headers.get("Request-Id"), "no Request-Id header: " + detail
    if key in NO_BODY:
        return
    payload = resp.json()
    # An empty list would validate vacuously: every list here has objects to show.
    assert payload != [], "empty list proves nothing: " + detail
    errors = schema_errors(payload, response_schema(res, link, payload))
    assert not errors, "%s answer does not match schema of %s:\n  %s" % (
        detail[:200], res, "\n  ".join(errors))


def _required_params():
    out = []
    for res, idx, link in LINKS:
        for field in (link.get("schema") or {}).get("required", []):
            if (link["method"], pretty_href(link["href"])) in NOT_SERVED:
                continue
            out.append(pytest.param(res, idx, field, id="%s:%s" % (link_id(res, link), field)))
    return out


def sibling_required(res, link):
    """Fields required by any link sharing this method+href (e.g. create vs rollback)."""
    names = set()
    for other in SCHEMA["definitions"][res]["links"]:
        if other["method"] == link["method"] and other["href"] == link["href"]:
            names.update((other.get("schema") or {}).get("required", []))
    return names


@pytest.mark.parametrize("res,idx,field", _required_params())
def test_required_field(api, shared_ctx, res, idx, field):
    link = SCHEMA["definitions"][res]["links"][idx]
    href, body, resp = send(api, Ctx(api) if is_mutating(res, link) else shared_ctx, res, link, drop=field)
    detail = "%s %s body=%s -> %s %s" % (link["method"], href, json.dumps(body), resp.status_code,
                                          resp.text[:400])
    assert resp.status_code == 422, "missing %r not rejected: %s" % (field, detail)
    err = resp.json()
    assert err.get("id") == "invalid_params", detail
    message = err.get("message", "")
    # Where two links share method+href (create vs rollback), naming the other
    # variant's missing field is also a right answer.
    others = [f for f in sibling_required(res, link) - {field} if f not in body]
    assert re.search(r"\b%s\b" % re.escape(field), message) or any(
        re.search(r"\b%s\b" % re.escape(f), message) for f in others), \
        "422 message does not name %r: %s" % (field, detail)


@pytest.mark.parametrize("res,title", sorted(BODIES))
def test_request_bodies_match_schema(api, res, title):
    """The bodies above are valid requests per the schema (unstrict copy)."""
    link = next((l for l in SCHEMA["definitions"][res]["links"] if l.get("title") == title), None)
    assert link is not None, "no link %r in %s" % (title, res)

    class Fake:
        def __getattr__(self, name):
            return {"id": str(uuid.uuid4()), "name": "example-name", "email": "a@example.com",
                    "version": 1, "user": {"email": "a@example.com"}}
    body = BODIES[(res, title)](Fake())
    errors = schema_errors(body, link.get("schema") or {}, doc=SCHEMA)
    assert not errors, errors


def test_every_listed_resource_is_in_schema():
    missing = [r for r in RESOURCES if r not in SCHEMA["definitions"]]
    assert not missing


def test_domain_answers_validate_in_every_state(sim, api):
    """The domain links answer every state a domain goes through, each valid for the schema: ACM
    off, pending, cert issued, failing and failed (with a reason), bound to an SNI endpoint, and the
    app's herokuapp.com domain (test_route sees only the states its order happens to give)."""
    app = Ctx(api).app["name"]
    path = "/apps/%s/domains" % app
    answers = [api.ok("POST", path, {"hostname": uniq("plain") + ".example.com", "sni_endpoint": None})]
    answers.append(api.ok("GET", "%s/%s" % (path, answers[-1]["hostname"].upper())))
    api.ok("POST", "/apps/%s/acm" % app)
    for host in (uniq("www") + ".example.com", uniq("shop-acm-fail") + ".example.com"):
        answers.append(api.ok("POST", path, {"hostname": host, "sni_endpoint": None}))
        answers.extend(api.ok("GET", "%s/%s" % (path, host)) for _ in range(2))
    with sim.lock:
        endpoint = sim.world.add_sni_endpoint(app)
    answers.append(api.ok("PATCH", "%s/%s" % (path, answers[0]["id"]), {"sni_endpoint": endpoint["name"]}))
    answers.extend(api.ok("GET", path))
    seen = {(a["kind"], a["status"], a["acm_status"], bool(a["acm_status_reason"]), bool(a["sni_endpoint"]))
            for a in answers}
    assert seen >= {("heroku", "none", None, False, False), ("custom", "pending", None, False, False),
                    ("custom", "pending", "pending", False, False),
                    ("custom", "succeeded", "cert issued", False, False),
                    ("custom", "succeeded", "failing", True, False), ("custom", "succeeded", "failed", True, False),
                    ("custom", "succeeded", None, False, False),
                    ("custom", "succeeded", "cert issued", False, True)}, seen
    for answer in answers:
        errors = schema_errors(answer, {"$ref": "#/definitions/domain"})
        assert not errors, "%s does not match the domain schema:\n  %s" % (json.dumps(answer), "\n  ".join(errors))


def test_dyno_answers_validate_in_every_state(api):
    """The dyno links answer the states a dyno goes through, each valid for the schema: a one-off dyno
    starting, up and crashed, attached or not, and the formation's dynos."""
    app = Ctx(api).app["name"]
    path = "/apps/%s/dynos" % app
    answers = [api.ok("POST", path, {"command": "bin/crash", "attach": True}),
               api.ok("POST", path, {"command": "sleep infinity", "size": "standard-2x", "env": {"A": "1"},
                                     "time_to_live": 60})]
    api.ok("DELETE", "/apps/%s/formations/web" % app)
    for _ in range(3):
        answers.extend(api.ok("GET", path))
    answers.append(api.ok("GET", "%s/%s" % (path, answers[1]["name"])))
    seen = {(a["type"], a["state"], bool(a["attach_url"])) for a in answers}
    assert seen >= {("run", "starting", True), ("run", "crashed", True), ("run", "starting", False),
                    ("run", "up", False), ("web", "up", False)}, seen
    for answer in answers:
        errors = schema_errors(answer, {"$ref": "#/definitions/dyno"})
        assert not errors, "%s does not match the dyno schema:\n  %s" % (json.dumps(answer), "\n  ".join(errors))


# Heroku's usage reports: a GET whose link `schema` is its query string (`start` required), so test_route, which
# sends a link's schema as a body, does not send them; these send it as the query the schema describes.
USAGE_RESOURCES = ["team-daily-usage", "team-monthly-usage", "enterprise-account-daily-usage",
                   "enterprise-account-monthly-usage"]


def usage_query(res, link):
    """A range the link's own query schema takes: this month (by month), or this month to today (by day)."""
    import datetime
    today = datetime.datetime.now(datetime.timezone.utc).date()
    first = today.replace(day=1)
    start, end = (first.strftime("%Y-%m"), today.strftime("%Y-%m")) if "monthly" in res else (first.isoformat(), today.isoformat())
    query = {"start": start, "end": end}
    errors = schema_errors(query, link["schema"], doc=SCHEMA)
    assert not errors, errors
    return query


@pytest.mark.parametrize("res", USAGE_RESOURCES)
def test_usage_route(api, shared_ctx, res):
    """Each usage report answers what its targetSchema says (strict: every property, none other), for a range given
    in the query; without its required query parameter it answers 422 invalid_params naming it."""
    (link,) = SCHEMA["definitions"][res]["links"]
    assert link["method"] == "GET" and link["schema"]["required"] == ["start"]
    shared_ctx.enterprise_team  # noqa: B018 - an enterprise account's report lists its teams
    href = fill_href(link["href"], shared_ctx, res, link)
    resp = api.call("GET", href, params=usage_query(res, link))
    detail = "GET %s -> %s %s" % (resp.url, resp.status_code, resp.text[:600])
    assert resp.status_code == 200, detail
    payload = resp.json()
    assert payload != [], "empty list proves nothing: " + detail
    errors = schema_errors(payload, link["targetSchema"])
    assert not errors, "%s answer does not match schema of %s:\n  %s" % (detail[:200], res, "\n  ".join(errors))
    for field in link["schema"]["required"]:
        query = dict((name, value) for name, value in usage_query(res, link).items() if name != field)
        resp = api.call("GET", href, params=query)
        assert resp.status_code == 422 and resp.json()["id"] == "invalid_params", resp.text
        assert re.search(r"\b%s\b" % field, resp.json()["message"]), resp.text
    resp = api.call("GET", href, params={"start": "20250901"})
    assert resp.status_code == 422 and resp.json()["id"] == "invalid_params", resp.text


def VPN_BODY():
    """A VPN connection's create body (heroku_space_vpn's routes)."""
    return {"name": uniq("vpn"), "public_ip": "35.161.69.30", "routable_cidrs": ["172.16.0.0/16"]}
