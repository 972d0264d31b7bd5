"""Run the real Heroku CLI (npm ``heroku``, HEROKU_CLI_VERSION) against the simulator.

The CLI is installed once per machine into ``~/.cache/herokuops-platform/heroku-cli-<version>`` (under
``$XDG_CACHE_HOME`` if set), outside the checkout, so that a fresh clone does not install it again; when npm
cannot install it these tests FAIL, unless ``HEROKU_CLI_SKIP=1`` asks to skip them.
Every test checks the simulator's state afterwards through its HTTP API (or
``sim.world``): the exit code alone proves nothing.
"""
import fcntl
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

# An exact version: the cached install is then the very CLI a fresh install gets. Bump it to test a newer one.
HEROKU_CLI_VERSION = "11.10.0"
CACHE_HOME = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
# HEROKU_CLI_DIR moves the install (e.g. to prove that a failed install fails the tests).
CLI_DIR = Path(os.environ.get("HEROKU_CLI_DIR")
               or CACHE_HOME / "herokuops-platform" / ("heroku-cli-" + HEROKU_CLI_VERSION))
CLI_BIN = CLI_DIR / "node_modules" / ".bin" / "heroku"
API_KEY = "cli-test-key"
COMMAND_TIMEOUT = 90
# A node process per command: a few seconds each, minutes in all (and the install on a machine's first run).
pytestmark = pytest.mark.long_running


def _inside_git_repo(path):
    return any((p / ".git").exists() for p in [path, *path.parents])


def _install_cli():
    """Install the CLI once into CLI_DIR; returns None or why it failed.

    Two pytest workers, or two checkouts on one machine, may want it at once: a lock lets one install it, and the
    install goes to a scratch directory renamed into place, so an interrupted one leaves no half-made CLI_DIR."""
    if CLI_BIN.exists():
        return None
    npm = shutil.which("npm")
    if not npm:
        return "npm is not installed, cannot install the Heroku CLI"
    CLI_DIR.parent.mkdir(parents=True, exist_ok=True)
    with open(CLI_DIR.parent / (CLI_DIR.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if CLI_BIN.exists():  # installed while we waited for the lock
            return None
        scratch = Path(tempfile.mkdtemp(prefix=CLI_DIR.name + ".", dir=CLI_DIR.parent))
        try:
            try:
                proc = subprocess.run([npm, "install", "--prefix", str(scratch), "--no-audit", "--no-fund",
                                       "--no-save", "heroku@" + HEROKU_CLI_VERSION],
                                      cwd=scratch, capture_output=True, text=True, timeout=900)
            except subprocess.TimeoutExpired:
                return "npm install heroku@%s timed out after 900 s" % HEROKU_CLI_VERSION
            if proc.returncode != 0 or not (scratch / "node_modules" / ".bin" / "heroku").exists():
                return "npm install heroku@%s failed (rc=%s):\n%s\n%s" % (
                    HEROKU_CLI_VERSION, proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
            shutil.rmtree(CLI_DIR, ignore_errors=True)  # what a failed install left behind
            scratch.rename(CLI_DIR)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return None


@pytest.fixture(scope="session")
def heroku_bin():
    """The CLI's path, or the install error: tests then FAIL in their body (not
    an ERROR, not a skip) unless HEROKU_CLI_SKIP=1 asks to skip them."""
    if os.environ.get("HEROKU_CLI_SKIP") == "1":
        pytest.skip("HEROKU_CLI_SKIP=1: real Heroku CLI tests skipped on request")
    error = _install_cli()
    return (None, error + " (set HEROKU_CLI_SKIP=1 to skip these tests)") if error else (str(CLI_BIN), None)


@pytest.fixture(scope="session")
def sim():
    from heroku_simulator import Simulator
    s = Simulator(api_key=API_KEY).start(port=0)
    yield s
    s.stop()


class Http:
    """The simulator's own API, to check state independently of the CLI."""

    def __init__(self, url):
        self.url = url.rstrip("/")
        self.s = requests.Session()
        self.s.headers.update({"Accept": "application/vnd.heroku+json; version=3",
                               "Authorization": "Bearer " + API_KEY})

    def get(self, path, expect=200):
        r = self.s.get(self.url + path, timeout=10)
        assert r.status_code == expect, "GET %s -> %s %s" % (path, r.status_code, r.text[:300])
        return r.json()

    def post(self, path, body):
        r = self.s.post(self.url + path, json=body, timeout=10)
        assert r.status_code < 300, "POST %s -> %s %s" % (path, r.status_code, r.text[:300])
        return r.json()


class _NotFound(BaseHTTPRequestHandler):
    def _answer(self):
        body = b'{"id": "not_found", "message": "Not found."}'
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def particleboard():
    """Where the CLI asks Heroku's Particleboard API (after GET /account and GET /teams/{x}): a server that answers
    404, which the CLI ignores. A closed port would do as well, but the CLI retries a refused connection with
    backoff for 6 s a call, and some commands make several."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotFound)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def http(sim):
    return Http(sim.url)


@pytest.fixture(scope="session")
def cli(heroku_bin, sim, particleboard, tmp_path_factory):
    path, error = heroku_bin
    home = tmp_path_factory.mktemp("heroku-cli-home")
    work = tmp_path_factory.mktemp("heroku-cli-cwd")
    # apps:create adds a git remote to the repository it stands in.
    assert not _inside_git_repo(work), "CLI scratch dir %s is inside a git repository" % work
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "HEROKU_HOST": sim.url.rstrip("/"),
        "HEROKU_API_KEY": API_KEY,
        "DISABLE_TELEMETRY": "true",
        "HEROKU_DISABLE_AUTOUPDATE": "1",
        "HEROKU_SKIP_NEW_VERSION_CHECK": "true",
        "HEROKU_PARTICLEBOARD_URL": particleboard,
        "NO_COLOR": "1",
        "FORCE_COLOR": "0",
        "LANG": "C.UTF-8",
    }
    assert "127.0.0.1" in env["HEROKU_HOST"] or "localhost" in env["HEROKU_HOST"], \
        "the CLI silently swaps a non-local HEROKU_HOST for the real Heroku"

    def run(*args, ok=True):
        start = len(sim.requests)
        if error:
            pytest.fail(error)
        try:
            proc = subprocess.run([path, *args], cwd=work, env=env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            pytest.fail("heroku %s timed out after %ss\n%s" % (" ".join(args), COMMAND_TIMEOUT, exc.stderr))
        if ok:
            assert proc.returncode == 0, "heroku %s -> rc %s\nstdout: %s\nstderr: %s\nrequests: %s" % (
                " ".join(args), proc.returncode, proc.stdout[-2000:], proc.stderr[-3000:],
                ["%s %s -> %s" % (r["method"], r["path"], r["status"]) for r in sim.requests[start:]])
        return proc
    return run


def name(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:8])


@pytest.fixture
def app(sim):
    """A personal app with a release defining web and worker."""
    n = name("cli")
    sim.seed_app(n, process_types={"web": "bundle exec puma", "worker": "bundle exec sidekiq"},
                 config={"EXISTING": "1"})
    return n


def run_json(cli, *args):
    proc = cli(*args)
    try:
        return json.loads(proc.stdout)
    except ValueError:
        pytest.fail("heroku %s did not print JSON:\n%s\n%s" % (" ".join(args), proc.stdout[-2000:], proc.stderr[-1000:]))


# --- apps -------------------------------------------------------------------

def test_cli_is_heroku_11(cli):
    proc = cli("--version")
    assert proc.stdout.startswith("heroku/11."), proc.stdout


def test_apps_create(cli, http, sim):
    n = name("new")
    proc = cli("apps:create", n, "--region", "eu")
    got = http.get("/apps/%s" % n)
    assert got["name"] == n and got["region"]["name"] == "eu"
    assert "Creating %s... done, region is eu" % n in proc.stderr, proc.stderr
    assert got["web_url"] in proc.stdout, proc.stdout
    assert any(r["method"] == "POST" and r["path"] == "/apps" for r in sim.requests)


def test_apps_json(cli, http, app):
    listed = run_json(cli, "apps", "--json")
    assert isinstance(listed, list)
    api = http.get("/users/~/apps")
    assert sorted(a["name"] for a in listed) == sorted(a["name"] for a in api)
    assert app in {a["name"] for a in listed}


def test_apps_info_json(cli, http, app):
    http.post("/apps/%s/collaborators" % app, {"user": "dev@example.com"})
    info = run_json(cli, "apps:info", "-a", app, "--json")
    api = http.get("/apps/%s" % app)
    assert info["app"]["id"] == api["id"] and info["app"]["name"] == app
    assert info["app"]["stack"]["name"] == api["stack"]["name"]
    collab_emails = {c["user"]["email"] for c in http.get("/apps/%s/collaborators" % app)}
    assert {c["user"]["email"] for c in info["collaborators"]} == collab_emails
    assert "dev@example.com" in collab_emails
    # Its dynos are the formation's: web=1 and worker=0 for a fresh app.
    running = {f["type"]: f["quantity"] for f in http.get("/apps/%s/formation" % app) if f["quantity"]}
    shown = {}
    for d in info["dynos"]:
        shown[d["type"]] = shown.get(d["type"], 0) + 1
    assert shown == running and running, (info["dynos"], running)


def test_apps_rename(cli, http, app):
    new = name("renamed")
    proc = cli("apps:rename", new, "-a", app)
    got = http.get("/apps/%s" % new)
    assert got["name"] == new
    assert "Renaming %s to %s... done" % (app, new) in proc.stderr, proc.stderr
    assert got["web_url"] in proc.stdout, proc.stdout
    http.get("/apps/%s" % app, expect=404)


# --- config -----------------------------------------------------------------

def test_config_set(cli, http, app):
    before = len(http.get("/apps/%s/releases" % app))
    proc = cli("config:set", "FOO=bar", "WITH_SPACE=a b", "-a", app)
    cfg = http.get("/apps/%s/config-vars" % app)
    assert cfg["FOO"] == "bar" and cfg["WITH_SPACE"] == "a b" and cfg["EXISTING"] == "1"
    releases = http.get("/apps/%s/releases" % app)
    assert len(releases) == before + 1
    # It prints what it set and the version of the release the change made.
    assert re.search(r"^FOO:\s+bar$", proc.stdout, re.M), proc.stdout
    assert re.search(r"^WITH_SPACE:\s+a b$", proc.stdout, re.M), proc.stdout
    newest = max(r["version"] for r in releases)
    assert "done, v%d" % newest in proc.stderr, proc.stderr


def test_config_unset(cli, http, app):
    http.s.patch(http.url + "/apps/%s/config-vars" % app, json={"GONE": "soon"}, timeout=10)
    proc = cli("config:unset", "GONE", "-a", app)
    assert "GONE" not in http.get("/apps/%s/config-vars" % app)
    newest = max(r["version"] for r in http.get("/apps/%s/releases" % app))
    assert "Unsetting GONE and restarting %s... done, v%d" % (app, newest) in proc.stderr, proc.stderr


def test_config_json(cli, http, app):
    http.s.patch(http.url + "/apps/%s/config-vars" % app, json={"SECRET": "s3cret"}, timeout=10)
    shown = run_json(cli, "config", "--json", "-a", app)
    assert shown == http.get("/apps/%s/config-vars" % app)
    assert shown["SECRET"] == "s3cret"


# --- formation --------------------------------------------------------------

def formation(http, app):
    return {f["type"]: f for f in http.get("/apps/%s/formation" % app)}


def test_ps_scale(cli, http, app):
    proc = cli("ps:scale", "web=2", "worker=3", "-a", app)
    f = formation(http, app)
    assert f["web"]["quantity"] == 2 and f["worker"]["quantity"] == 3
    for t in ("web", "worker"):
        assert "%s at %d:%s" % (t, f[t]["quantity"], f[t]["size"]) in proc.stderr, proc.stderr


def test_ps_type(cli, http, app):
    proc = cli("ps:type", "web=standard-2x", "-a", app)
    f = formation(http, app)
    assert f["web"]["size"].lower() == "standard-2x"
    assert f["worker"]["size"].lower() != "standard-2x"
    # The table it prints is the formation the API now holds.
    for t, row in f.items():
        assert re.search(r"^\s*%s\s+%s\s+%d\s" % (t, re.escape(row["size"]), row["quantity"]),
                         proc.stdout, re.M), proc.stdout


def dynos(http, app):
    return {d["name"]: d for d in http.get("/apps/%s/dynos" % app)}


def test_ps_lists_dynos_restart_and_stop(cli, http, sim, app):
    http.s.patch(http.url + "/apps/%s/formation" % app, json={"updates": [{"type": "worker", "quantity": 2}]},
                 timeout=10)
    listed = {d["name"]: d for d in run_json(cli, "ps", "-a", app, "--json")}
    assert listed == dynos(http, app) and sorted(listed) == ["web.1", "worker.1", "worker.2"]
    proc = cli("ps", "-a", app)
    assert "=== worker (Basic): bundle exec sidekiq (2)" in proc.stdout and "web.1: up" in proc.stdout, proc.stdout
    sim.set_async_delay(30)
    try:
        cli("ps:restart", "--process-type", "worker", "-a", app)
        states = {n: d["state"] for n, d in dynos(http, app).items()}
        assert states == {"web.1": "up", "worker.1": "starting", "worker.2": "starting"}, states
        cli("ps:restart", "--dyno-name", "web.1", "-a", app)
        assert dynos(http, app)["web.1"]["state"] == "starting"
        cli("ps:stop", "--dyno-name", "worker.2", "-a", app)
        assert sorted(dynos(http, app)) == ["web.1", "worker.1"]
        cli("ps:stop", "--process-type", "worker", "-a", app)
        assert sorted(dynos(http, app)) == ["web.1"]
    finally:
        sim.set_async_delay(0)
    methods = [(r["method"], r["path"]) for r in sim.requests if r["method"] in ("DELETE", "POST")]
    assert ("DELETE", "/apps/%s/formations/worker" % app) in methods
    assert ("POST", "/apps/%s/dynos/worker.2/actions/stop" % app) in methods


def test_run_detached(cli, http, sim, app):
    sim.set_async_delay(30)
    try:
        proc = cli("run:detached", "-a", app, "-e", "TOKEN=s3cret", "--size", "standard-2x", "rake", "db:migrate")
        one_off = [d for d in dynos(http, app).values() if d["type"] == "run"]
    finally:
        sim.set_async_delay(0)
    assert len(one_off) == 1 and one_off[0]["command"] == "rake db:migrate", one_off
    assert one_off[0]["size"] == "Standard-2X" and one_off[0]["state"] == "starting"
    assert "heroku logs --app %s --dyno %s" % (app, one_off[0]["name"]) in proc.stdout, proc.stdout


def test_releases(cli, http, app):
    http.s.patch(http.url + "/apps/%s/config-vars" % app, json={"A": "1"}, timeout=10)
    proc = cli("releases", "-a", app)
    api = http.get("/apps/%s/releases" % app)
    assert api, "no releases"
    for rel in api:
        assert "v%d" % rel["version"] in proc.stdout, proc.stdout
    newest = max(api, key=lambda r: r["version"])
    assert newest["description"].split()[0] in proc.stdout


def test_releases_info_and_rollback(cli, http, app):
    http.s.patch(http.url + "/apps/%s/config-vars" % app, json={"A": "1"}, timeout=10)
    info = run_json(cli, "releases:info", "v2", "-a", app, "--json")
    assert info["version"] == 2 and info["slug"]["id"]
    proc = cli("rollback", "v2", "-a", app)
    newest = max(http.get("/apps/%s/releases" % app), key=lambda r: r["version"])
    assert newest["description"] == "Rollback to v2" and newest["current"] is True
    assert newest["slug"]["id"] == info["slug"]["id"]
    assert "v%d" % newest["version"] in proc.stdout + proc.stderr


# --- add-ons ----------------------------------------------------------------

def test_addons_create(cli, http, app):
    db = name("db")
    proc = cli("addons:create", "heroku-postgresql:essential-0", "-a", app, "--name", db)
    addons = http.get("/apps/%s/addons" % app)
    assert [(a["name"], a["plan"]["name"]) for a in addons] == [(db, "heroku-postgresql:essential-0")]
    assert "DATABASE_URL" in http.get("/apps/%s/config-vars" % app)
    assert "Creating heroku-postgresql:essential-0 on %s" % app in proc.stderr, proc.stderr
    assert db in proc.stdout, proc.stdout
    # Its price comes from the plan it got expanded (Accept-Expansion: plan).
    plan = http.get("/plans/%s" % addons[0]["plan"]["id"])
    assert "(max $%g/%s)" % (plan["price"]["cents"] / 100, plan["price"]["unit"]) in proc.stderr, proc.stderr


def test_addons_info(cli, http, app):
    addon = http.post("/apps/%s/addons" % app, {"plan": "heroku-redis:mini"})
    proc = cli("addons:info", addon["name"], "-a", app)
    api = http.get("/addons/%s" % addon["id"])
    plan = http.get("/plans/%s" % api["plan"]["id"])
    atts = http.get("/addons/%s/addon-attachments" % addon["id"])
    shown = dict(line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line and not line.startswith("="))
    shown = {k.strip(): v.strip() for k, v in shown.items()}
    assert "=== %s" % api["name"] in proc.stdout, proc.stdout
    assert shown["Plan"] == api["plan"]["name"] == "heroku-redis:mini", shown
    assert shown["Max Price"] == "$%g/%s" % (plan["price"]["cents"] / 100, plan["price"]["unit"]), shown
    assert shown["Attachments"] == ", ".join(sorted("%s::%s" % (a["app"]["name"], a["name"]) for a in atts)), shown
    assert shown["Owning app"] == api["app"]["name"] == app, shown
    assert shown["State"] == {"provisioned": "created", "provisioning": "creating"}[api["state"]], shown


def test_addons_destroy(cli, http, app):
    addon = http.post("/apps/%s/addons" % app, {"plan": "heroku-redis:mini"})
    proc = cli("addons:destroy", addon["name"], "-a", app, "--confirm", app)
    assert "Destroying %s on %s... done" % (addon["name"], app) in proc.stderr, proc.stderr
    assert addon["id"] not in {a["id"] for a in http.get("/apps/%s/addons" % app)}
    assert "REDIS_URL" not in http.get("/apps/%s/config-vars" % app)


# --- pipelines --------------------------------------------------------------

def test_pipelines_create(cli, http, app):
    p = name("pipe")
    proc = cli("pipelines:create", p, "-a", app, "-s", "staging")
    assert "Creating %s pipeline... done" % p in proc.stderr, proc.stderr
    assert "Adding %s to %s pipeline as staging... done" % (app, p) in proc.stderr, proc.stderr
    pipeline = http.get("/pipelines/%s" % p)
    coupling = http.get("/apps/%s/pipeline-couplings" % app)
    assert coupling["pipeline"]["id"] == pipeline["id"] and coupling["stage"] == "staging"


def test_pipelines_add(cli, http, app, sim):
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    proc = cli("pipelines:add", pipeline["name"], "-a", app, "-s", "production")
    assert "Adding %s to %s pipeline as production... done" % (app, pipeline["name"]) in proc.stderr, proc.stderr
    couplings = http.get("/pipelines/%s/pipeline-couplings" % pipeline["id"])
    assert [(c["app"]["id"], c["stage"]) for c in couplings] == [(http.get("/apps/%s" % app)["id"], "production")]


def test_pipelines_info(cli, http, app):
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    http.post("/pipeline-couplings", {"app": app, "pipeline": pipeline["id"], "stage": "staging"})
    info = run_json(cli, "pipelines:info", pipeline["name"], "--json")
    assert info["pipeline"]["id"] == pipeline["id"]
    assert [a["name"] for a in info["apps"]] == [app]
    coupling = info["apps"][0]["pipelineCoupling"]
    assert coupling["stage"] == "staging" and coupling["pipeline"]["id"] == pipeline["id"]


def promotion_pipeline(http, sim):
    """A source app whose release has a release phase, in staging, and one production app; their names."""
    source, target = name("src"), name("prod")
    sim.seed_app(source, process_types={"web": "npm start", "release": "node migrate.js"})
    sim.seed_app(target, process_types={"web": "npm start"})
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    for app_name, stage in ((source, "staging"), (target, "production")):
        http.post("/pipeline-couplings", {"app": app_name, "pipeline": pipeline["id"], "stage": stage})
    return source, target


def test_pipelines_promote_streams_the_release_phase(cli, http, sim):
    source, target = promotion_pipeline(http, sim)
    proc = cli("pipelines:promote", "-a", source)
    assert "Promotion successful" in proc.stdout, proc.stdout + proc.stderr
    assert "Running release command: node migrate.js" in proc.stdout, proc.stdout
    newest = max(http.get("/apps/%s/releases" % target), key=lambda r: r["version"])
    slug = max(http.get("/apps/%s/releases" % source), key=lambda r: r["version"])["slug"]
    assert (newest["status"], newest["current"], newest["slug"]) == ("succeeded", True, slug)


def test_pipelines_promote_reports_a_failed_release_phase(cli, http, sim):
    source, target = promotion_pipeline(http, sim)
    sim.release_phase(target, "fail")
    proc = cli("pipelines:promote", "-a", source, "--to", target, ok=False)
    assert proc.returncode == 1 and "Promotion to some apps failed" in proc.stderr, proc.stdout + proc.stderr
    assert "Release phase failed" in proc.stdout, proc.stdout
    newest = max(http.get("/apps/%s/releases" % target), key=lambda r: r["version"])
    assert (newest["status"], newest["current"]) == ("failed", False)


# --- spaces -----------------------------------------------------------------

def test_spaces_create(cli, http):
    s = name("space")
    proc = cli("spaces:create", s, "--team", "acme", "--region", "virginia")
    space = http.get("/spaces/%s" % s)
    assert space["team"]["name"] == "acme" and space["region"]["name"] == "virginia"
    shown = {k.strip(): v.strip() for k, v in
             (line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)}
    assert shown["ID"] == space["id"] and shown["Team"] == "acme" and shown["Region"] == "virginia", shown
    assert shown["CIDR"] == space["cidr"], shown
    # It prints the create answer; allocation goes on in the background.
    assert shown["State"] == "allocating" and space["state"] in ("allocating", "allocated"), shown


def test_spaces_info(cli, http):
    space = http.post("/spaces", {"name": name("space"), "team": "acme"})
    info = run_json(cli, "spaces:info", space["name"], "--json")
    api = http.get("/spaces/%s" % space["name"])
    assert info["id"] == api["id"] and info["name"] == api["name"]
    assert info["team"]["name"] == "acme" and info["state"] == api["state"]


# --- domains, drains, access --------------------------------------------------

def test_domains_add(cli, http, app):
    host = "%s.example.com" % name("www")
    proc = cli("domains:add", host, "-a", app)
    domains = {d["hostname"]: d for d in http.get("/apps/%s/domains" % app)}
    assert host in domains and domains[host]["kind"] == "custom"
    assert "DNS Target %s" % domains[host]["cname"] in proc.stdout, proc.stdout


def row(output, hostname):
    """The table line of one hostname in the CLI's output."""
    lines = [line for line in output.splitlines() if hostname in line]
    assert lines, "%s not shown:\n%s" % (hostname, output)
    return lines[0]


def test_domains_wait_and_acm_statuses(cli, http, app):
    """domains:add --wait polls the new domain until its status leaves `pending`; certs:auto shows
    the ACM statuses (cert issued, failed with its reason) and Heroku's advice for a failure."""
    good = "%s.example.com" % name("www")
    bad = "%s-acm-fail.example.com" % name("shop")
    cli("domains:add", good.upper(), "-a", app, "--wait")
    assert http.get("/apps/%s/domains/%s" % (app, good))["status"] == "succeeded"
    cli("domains:add", bad, "-a", app)
    proc = cli("certs:auto:enable", "-a", app)
    assert http.get("/apps/%s" % app)["acm"] is True, proc.stderr
    # One async step per request: let `failing` become `failed`, so certs:auto --wait ends at once.
    statuses = [{d["hostname"]: d["acm_status"] for d in http.get("/apps/%s/domains" % app)} for _ in range(2)]
    assert statuses[-1][good] == "cert issued" and statuses[-1][bad] == "failed", statuses
    proc = cli("certs:auto", "-a", app, "--wait")
    assert "Cert issued" in row(proc.stdout, good)
    assert "Failed" in row(proc.stdout, bad) and "Failing CCA check" in row(proc.stdout, bad)
    assert "Some domains failed validation after multiple attempts" in proc.stdout, proc.stdout
    proc = cli("domains:update", good, "--cert", "no-such-cert", "-a", app, ok=False)
    assert proc.returncode != 0 and "Couldn't find that SNI endpoint" in proc.stderr, proc.stderr
    assert http.get("/apps/%s/domains/%s" % (app, good))["sni_endpoint"] is None


def test_certs_add_list_info_update_remove(cli, http, app, tmp_path):
    """certs:add uploads a chain and key (POST, then the app's domains: none matches, so no prompt);
    certs lists them, certs:info --show-domains resolves the domain ids an endpoint carries,
    certs:update renews it in place (PATCH), certs:remove deletes it (DELETE)."""
    from heroku_simulator.certificates import TestCA
    ca = TestCA()
    host = "%s.example.com" % name("secure")
    files = {}
    for label, (crt, key) in (("first", ca.issue(host)), ("renewed", ca.issue(host, days=365))):
        files[label] = (tmp_path / (label + ".crt"), tmp_path / (label + ".key"))
        files[label][0].write_text(crt + ca.pem)
        files[label][1].write_text(key)
    proc = cli("certs:add", str(files["first"][0]), str(files["first"][1]), "-a", app)
    endpoints = http.get("/apps/%s/sni-endpoints" % app)
    assert [e["ssl_cert"]["cert_domains"] for e in endpoints] == [[host]]
    endpoint = endpoints[0]["name"]
    assert host in proc.stdout and "SSL certificate is not trusted." in proc.stdout, proc.stdout
    assert endpoint in row(cli("certs", "-a", app).stdout, host)
    cli("domains:add", host, "-a", app)
    cli("domains:update", host, "--cert", endpoint, "-a", app)
    proc = cli("certs:info", "--name", endpoint, "--show-domains", "-a", app)
    assert host in proc.stdout and "Domain(s)" in proc.stdout, proc.stdout
    expires = endpoints[0]["ssl_cert"]["expires_at"]
    cli("certs:update", str(files["renewed"][0]), str(files["renewed"][1]), "--name", endpoint, "--confirm", app, "-a", app)
    renewed = http.get("/apps/%s/sni-endpoints/%s" % (app, endpoint))
    assert renewed["ssl_cert"]["expires_at"] > expires
    assert renewed["domains"] == [http.get("/apps/%s/domains/%s" % (app, host))["id"]]
    cli("certs:remove", "--name", endpoint, "--confirm", app, "-a", app)
    assert http.get("/apps/%s/sni-endpoints" % app) == []
    assert http.get("/apps/%s/domains/%s" % (app, host))["sni_endpoint"] is None


def test_drains_add(cli, http, app):
    url = "https://%s.logs.example.com/drain" % name("d")
    proc = cli("drains:add", url, "-a", app)
    drains = http.get("/apps/%s/log-drains" % app)
    assert url in {d["url"] for d in drains}
    assert url in proc.stdout + proc.stderr


def test_drains_list_and_remove_by_url_or_token(cli, http, app):
    """drains lists the app's own drains with their tokens, and an add-on's under Add-on Drains (reading the
    add-on for its plan); drains:remove finds a drain by URL or token in the path; an add-on's drain stays."""
    url = "https://user:pw@%s.logs.example.com/drain?x=1" % name("d")
    syslog = "syslog+tls://%s.logs.example.com:6514" % name("d")
    cli("drains:add", url, "-a", app)
    cli("drains:add", syslog, "-a", app)
    http.post("/apps/%s/addons" % app, {"plan": "papertrail:choklad", "name": name("logs")})
    listed = run_json(cli, "drains", "-a", app, "--json")
    tokens = dict((d["url"], d["token"]) for d in listed)
    (managed,) = [d for d in listed if d["addon"]]
    proc = cli("drains", "-a", app)
    assert "%s (%s)" % (syslog, tokens[syslog]) in proc.stdout, proc.stdout
    assert "Add-on Drains" in proc.stdout and "papertrail:choklad (%s)" % managed["addon"]["name"] in proc.stdout
    proc = cli("drains:remove", url, "-a", app)
    assert "Successfully removed drain %s" % url in proc.stdout, proc.stdout
    cli("drains:remove", tokens[syslog], "-a", app)
    proc = cli("drains:remove", managed["token"], "-a", app, ok=False)
    assert proc.returncode != 0 and "Error ID: invalid_params" in proc.stderr, proc.stderr
    assert "can only be removed by removing the" in " ".join(proc.stderr.replace("›", " ").split()), proc.stderr
    assert [d["id"] for d in http.get("/apps/%s/log-drains" % app)] == [managed["id"]]


def unwrapped(text):
    """The CLI's message as one line: it wraps errors at the terminal width behind a `›` margin."""
    return " ".join(text.replace("\u203a", " ").split())


def test_access_add(cli, http, app):
    proc = cli("access:add", "qa@example.com", "-a", app)
    emails = {c["user"]["email"] for c in http.get("/apps/%s/collaborators" % app)}
    assert "qa@example.com" in emails
    assert "Adding qa@example.com access to the app %s... done" % app in proc.stderr, proc.stderr
    proc = cli("access", "-a", app)
    assert "collaborator" in row(proc.stdout, "qa@example.com") and "owner" in row(proc.stdout, "ops@example.com")
    # Permissions are for team apps: the CLI says so itself, and Heroku refuses to remove the owner.
    proc = cli("access:update", "qa@example.com", "-a", app, "-p", "deploy", ok=False)
    assert proc.returncode != 0 and "is not owned by a team" in unwrapped(proc.stderr), proc.stderr
    proc = cli("access:remove", "ops@example.com", "-a", app, ok=False)
    assert proc.returncode != 0 and "The app owner cannot be removed" in unwrapped(proc.stderr), proc.stderr
    cli("access:remove", "QA@example.com", "-a", app)
    http.get("/apps/%s/collaborators/qa@example.com" % app, expect=404)


def test_access_on_a_team_app_with_permissions(cli, http, sim):
    """access:add reads the team's features and sends permissions (view added) to the team route; access
    shows them, with the team's admins; access:update changes them; access:remove removes the collaborator."""
    app = name("team")
    sim.seed_app(app, team="acme")
    path = "/teams/apps/%s/collaborators/dev@example.com" % app
    cli("access:add", "Dev@Example.com", "-a", app, "--permissions", "deploy,operate")
    assert sorted(p["name"] for p in http.get(path)["permissions"]) == ["deploy", "operate", "view"]
    proc = cli("access", "-a", app)
    assert "deploy, operate, view" in row(proc.stdout, "dev@example.com"), proc.stdout
    assert "admin" in row(proc.stdout, "alice@example.com"), proc.stdout
    start = len(sim.requests)
    cli("access:update", "dev@example.com", "-a", app, "-p", "manage")
    assert sorted(p["name"] for p in http.get(path)["permissions"]) == ["manage", "view"]
    assert [r["method"] for r in sim.requests[start:] if r["write"]] == ["PATCH"]
    cli("access:remove", "dev@example.com", "-a", app)
    http.get(path, expect=404)


# --- features (heroku features, heroku labs) ------------------------------------

def enabled_features(http, path):
    return {f["name"]: f["enabled"] for f in http.get(path)}


def test_features_enable_disable(cli, http, app):
    """`heroku features` shows an app's generally available features; Heroku Labs ones are left to `heroku labs`."""
    cli("features:enable", "preboot", "-a", app)
    assert enabled_features(http, "/apps/%s/features" % app)["preboot"] is True
    proc = cli("features", "-a", app)
    lines = proc.stdout.splitlines()
    assert any(line.startswith("[+] preboot") for line in lines), proc.stdout
    assert any(line.startswith("[ ] http-session-affinity") for line in lines), proc.stdout
    assert "runtime-dyno-metadata" not in proc.stdout, proc.stdout
    # Enabling what is enabled is an error of the CLI's own, after one read.
    proc = cli("features:enable", "preboot", "-a", app, ok=False)
    assert proc.returncode != 0 and "already enabled" in proc.stderr, proc.stderr
    cli("features:disable", "preboot", "-a", app)
    assert enabled_features(http, "/apps/%s/features" % app)["preboot"] is False


def test_labs_account_and_app_features(cli, http, app):
    """`heroku labs` lists the account's and an app's Labs features; labs:enable tries the account's feature
    first and, on its 404, the app's, so account and app feature names must not collide."""
    cli("labs:enable", "app-overview")
    assert enabled_features(http, "/account/features")["app-overview"] is True
    cli("labs:enable", "runtime-dyno-metadata", "-a", app)
    assert enabled_features(http, "/apps/%s/features" % app)["runtime-dyno-metadata"] is True
    proc = cli("labs", "-a", app)
    assert "User Features ops@example.com" in proc.stdout, proc.stdout
    lines = proc.stdout.splitlines()
    assert any(line.startswith("[+] app-overview") for line in lines), proc.stdout
    assert any(line.startswith("[+] runtime-dyno-metadata") for line in lines), proc.stdout
    assert not any("preboot" in line for line in lines), "general features belong to `heroku features`"
    cli("labs:disable", "app-overview")
    cli("labs:disable", "runtime-dyno-metadata", "-a", app)
    assert enabled_features(http, "/account/features")["app-overview"] is False
    assert enabled_features(http, "/apps/%s/features" % app)["runtime-dyno-metadata"] is False
    proc = cli("labs:enable", "no-such-feature", ok=False)
    assert proc.returncode != 0 and "Couldn't find that feature" in proc.stderr, proc.stderr


# --- team members -------------------------------------------------------------

def team_roles(http, team):
    return {m["email"]: m["role"] for m in http.get("/teams/%s/members" % team)}


def test_members_add_set_list_remove(cli, http):
    """members:add PUTs and members:set PATCHes /teams/{team}/members (after reading the team and its features:
    no team-invite-acceptance, so no invitation); members:remove DELETEs by email; `members --json` lists them."""
    team = http.post("/teams", {"name": name("crew")})["name"]
    cli("members:add", "dave@example.com", "--role", "viewer", "--team", team)
    assert team_roles(http, team) == {"ops@example.com": "admin", "dave@example.com": "viewer"}
    cli("members:set", "Dave@Example.com", "--role", "admin", "--team", team)
    assert team_roles(http, team)["dave@example.com"] == "admin"
    listed = run_json(cli, "members", "--team", team, "--json")
    assert {m["email"]: m["role"] for m in listed} == team_roles(http, team)
    proc = cli("members", "--team", team, "--role", "admin")
    assert "dave@example.com" in proc.stdout and "ops@example.com" in proc.stdout, proc.stdout
    cli("members:remove", "dave@example.com", "--team", team)
    assert team_roles(http, team) == {"ops@example.com": "admin"}
    # Heroku refuses to remove a team's last admin, and the CLI shows its message.
    proc = cli("members:remove", "ops@example.com", "--team", team, ok=False)
    assert proc.returncode != 0 and "at least one admin" in proc.stderr, proc.stderr
    proc = cli("members:add", "erin@example.com", "--role", "owner", "--team", team, ok=False)
    assert proc.returncode != 0 and "role must be one of" in proc.stderr, proc.stderr


# --- app webhooks -------------------------------------------------------------

def test_webhooks_add_list_info_update_deliveries_remove(cli, http, sim, app):
    """webhooks:add POSTs /apps/{app}/webhooks (the secret and authorization kept, never shown); webhooks and
    webhooks:info read them; webhooks:update PATCHes; a config change is an api:release event whose delivery
    webhooks:deliveries lists (`Range: seq ..; order=desc,max=1000`); webhooks:remove DELETEs."""
    url = "https://%s.example.com/hooks" % name("wh")
    cli("webhooks:add", "-i", "api:release,api:formation", "-l", "notify", "-u", url, "-s", "cli-secret-1",
        "-t", "Bearer cli-token", "-a", app)
    hooks = http.get("/apps/%s/webhooks" % app)
    assert [(h["url"], h["include"], h["level"]) for h in hooks] == [(url, ["api:release", "api:formation"], "notify")]
    hook = hooks[0]
    stored = sim.world.s["webhooks"][hook["id"]]
    assert (stored["secret"], stored["authorization"]) == ("cli-secret-1", "Bearer cli-token")
    assert "secret" not in hook and "authorization" not in hook
    proc = cli("webhooks", "-a", app)
    assert hook["id"] in proc.stdout and url in proc.stdout and "api:release,api:formation" in proc.stdout, proc.stdout
    proc = cli("webhooks:info", hook["id"], "-a", app)
    assert url in proc.stdout and "notify" in proc.stdout, proc.stdout
    cli("webhooks:update", hook["id"], "-i", "api:release,api:app", "-l", "sync", "-u", url, "-a", app)
    assert http.get("/apps/%s/webhooks/%s" % (app, hook["id"]))["include"] == ["api:release", "api:app"]
    cli("config:set", "WEBHOOK_EVENT=1", "-a", app)
    deliveries = http.get("/apps/%s/webhook-deliveries" % app)
    assert [(d["event"]["include"], d["status"]) for d in deliveries] == [("api:release", "succeeded")]
    proc = cli("webhooks:deliveries", "-a", app)
    assert deliveries[0]["id"] in proc.stdout and "succeeded" in proc.stdout and "api:release" in proc.stdout, proc.stdout
    proc = cli("webhooks:add", "-i", "api:nope", "-l", "notify", "-u", url, "-a", app, ok=False)
    assert proc.returncode != 0 and "unknown event types api:nope" in proc.stderr, proc.stderr
    cli("webhooks:remove", hook["id"], "-a", app)
    assert http.get("/apps/%s/webhooks" % app) == []


# --- telemetry drains (Fir) ---------------------------------------------------------

def test_telemetry_add_list_info_update_remove(cli, http, sim):
    """telemetry:add reads the app (for its id) and POSTs /telemetry-drains with owner {id, type}; telemetry lists
    the app's drains, telemetry:info reads one and its app by id; telemetry:update PATCHes the signals;
    telemetry:remove DELETEs. Each telemetry route goes with `Accept: ...; version=3.sdk`. A Cedar app is refused."""
    space = http.post("/spaces", {"name": name("fir"), "team": "acme", "generation": "fir"})
    app = http.post("/teams/apps", {"name": name("fir"), "team": "acme", "space": space["name"]})
    endpoint = "https://%s.otel.example.com" % name("t")
    start = len(sim.requests)
    cli("telemetry:add", endpoint, "--app", app["name"], "--signals", "logs,traces", "--headers", '{"x-api-key": "cli-key"}')
    posted = [r for r in sim.requests[start:] if r["method"] == "POST"]
    assert [r["accept"] for r in posted] == ["application/vnd.heroku+json; version=3.sdk"]
    (drain,) = http.get("/apps/%s/telemetry-drains" % app["name"])
    assert drain["owner"] == {"id": app["id"], "type": "app"} and drain["signals"] == ["logs", "traces"]
    assert drain["exporter"] == {"type": "otlphttp", "endpoint": endpoint, "headers": {"x-api-key": "cli-key"}}
    proc = cli("telemetry", "--app", app["name"])
    assert drain["id"] in proc.stdout and endpoint in proc.stdout, proc.stdout
    proc = cli("telemetry:info", drain["id"])
    assert app["name"] in proc.stdout and endpoint in proc.stdout and "HTTP" in proc.stdout, proc.stdout
    cli("telemetry:update", drain["id"], "--signals", "metrics")
    assert http.get("/telemetry-drains/%s" % drain["id"])["signals"] == ["metrics"]
    cli("telemetry:remove", drain["id"])
    assert http.get("/apps/%s/telemetry-drains" % app["name"]) == []
    cedar = http.post("/apps", {"name": name("cedar")})
    proc = cli("telemetry:add", endpoint, "--app", cedar["name"], ok=False)
    assert proc.returncode != 0 and "only available for Fir apps" in unwrapped(proc.stderr), proc.stderr


# --- pipelines:promote and the release a promotion promotes (source.release) ---------------------------

def test_pipelines_promote_promotes_the_release_the_source_runs_and_names_the_targets_releases(cli, http, sim):
    """pipelines:promote sends no source.release: Heroku promotes the release the source runs, not a newer one
    still in its release phase, and the promotion says which (source.release.id); each promotion target names the
    release it made (release.id), which the CLI polls for."""
    source, targets = name("src"), [name("prod"), name("prod")]
    sim.seed_app(source, process_types={"web": "npm start"})
    for target in targets:
        sim.seed_app(target, process_types={"web": "npm start"})
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    for app_name, stage in [(source, "staging")] + [(target, "production") for target in targets]:
        http.post("/pipeline-couplings", {"app": app_name, "pipeline": pipeline["id"], "stage": stage})
    running = max(http.get("/apps/%s/releases" % source), key=lambda r: r["version"])
    sim.release_phase(source, "hang")
    slug = http.post("/apps/%s/slugs" % source, {"process_types": {"web": "npm start --newer", "release": "migrate"}})
    newer = http.post("/apps/%s/releases" % source, {"slug": slug["id"]})
    assert newer["status"] == "pending" and newer["slug"]["id"] != running["slug"]["id"]

    start = len(sim.requests)
    proc = cli("pipelines:promote", "-a", source, "--to", ",".join(targets))
    assert "Promotion successful" in proc.stdout, proc.stdout + proc.stderr
    (promotion_id,) = {r["path"].split("/")[2] for r in sim.requests[start:]
                       if r["method"] == "GET" and r["path"].endswith("/promotion-targets")}
    promotion = http.get("/pipeline-promotions/%s" % promotion_id)
    assert promotion["source"]["release"] == {"id": running["id"]} and promotion["status"] == "completed"
    listed = http.get("/pipeline-promotions/%s/promotion-targets" % promotion_id)
    made = dict((t["app"]["id"], t["release"]["id"]) for t in listed)
    for target in targets:
        newest = max(http.get("/apps/%s/releases" % target), key=lambda r: r["version"])
        assert made[newest["app"]["id"]] == newest["id"]
        assert (newest["status"], newest["current"], newest["slug"]) == ("succeeded", True, running["slug"])


# --- Fir spaces -----------------------------------------------------------------

def test_spaces_create_and_info_of_a_fir_space(cli, http, sim):
    """spaces:create --generation fir POSTs /spaces with `generation: fir` (and `features: []`, which the CLI always
    sends) and prints the answer's generation; spaces:info prints it too, and on Fir the NAT read it tries is refused
    (Fir has no stable outbound IPs), which the CLI lets go."""
    s = name("fir")
    start = len(sim.requests)
    proc = cli("spaces:create", s, "--team", "acme", "--region", "virginia", "--generation", "fir")
    posted = [r for r in sim.requests[start:] if r["method"] == "POST"]
    assert [(r["path"], r["status"]) for r in posted] == [("/spaces", 201)], posted
    space = http.get("/spaces/%s" % s)
    assert space["generation"]["name"] == "fir" and space["team"]["name"] == "acme", space
    shown = {k.strip(): v.strip() for k, v in
             (line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)}
    assert shown["ID"] == space["id"] and shown["Generation"] == "fir" and shown["State"] == "allocating", shown
    sim.world.tick()
    start = len(sim.requests)
    proc = cli("spaces:info", s)
    assert [(r["path"], r["status"]) for r in sim.requests[start:] if r["path"].endswith("/nat")] == [
        ("/spaces/%s/nat" % s, 422)], sim.requests[start:]
    shown = {k.strip(): v.strip() for k, v in
             (line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)}
    assert shown["ID"] == space["id"] and shown["Generation"] == "fir" and shown["State"] == "allocated", shown
    assert "Outbound IPs" not in shown, shown
    info = run_json(cli, "spaces:info", s, "--json")
    assert info["generation"]["name"] == "fir" and info["id"] == space["id"], info
    # A Cedar space says so as well, the CLI's default generation.
    cedar = name("space")
    proc = cli("spaces:create", cedar, "--team", "acme")
    assert http.get("/spaces/%s" % cedar)["generation"]["name"] == "cedar"
    assert re.search(r"^Generation:\s+cedar$", proc.stdout, re.M), proc.stdout


def test_releases_and_rollback_of_a_fir_app_running_oci_images(cli, http):
    """A Fir app's releases run OCI images (named in their artifacts): the CLI lists them, and its rollback goes
    back to the image of the release named."""
    space = http.post("/spaces", {"name": name("fir"), "team": "acme", "generation": "fir"})
    app = http.post("/teams/apps", {"name": name("fir"), "team": "acme", "space": space["name"]})
    first, second = (http.post("/apps/%s/oci-images" % app["name"], {"commit": commit}) for commit in ("c0ffee1", "c0ffee2"))
    released = [http.post("/apps/%s/releases" % app["name"], {"oci_image": image["id"], "description": "Deploy %s" % image["commit"]})
                for image in (first, second)]
    proc = cli("releases", "-a", app["name"])
    for release in released:
        assert "v%d" % release["version"] in proc.stdout and release["description"] in proc.stdout, proc.stdout
    cli("rollback", "v%d" % released[0]["version"], "-a", app["name"])
    newest = max(http.get("/apps/%s/releases" % app["name"]), key=lambda r: r["version"])
    assert newest["description"] == "Rollback to v%d" % released[0]["version"] and newest["current"] is True
    assert newest["artifacts"] == [{"type": "oci-image", "id": first["id"]}] and newest["slug"] is None


# --- VPN connections of a Private Space -------------------------------------------------------

def test_spaces_vpn_connect_wait_config_connections_info_update_destroy(cli, http, sim):
    """spaces:vpn:connect POSTs /spaces/{space}/vpn-connections; spaces:vpn:wait reads it until active;
    spaces:vpn:config shows the tunnels with their pre-shared keys; spaces:vpn:connections lists, spaces:vpn:info
    reads one; spaces:vpn:update PATCHes the routable CIDRs; spaces:vpn:destroy DELETEs. A Fir space is refused."""
    space = http.post("/spaces", {"name": name("vpn"), "team": "acme"})["name"]
    cli("spaces:vpn:connect", "office", "--ip", "35.161.69.30", "--cidrs", "172.16.0.0/16,192.168.4.0/24", "--space", space)
    (vpn,) = http.get("/spaces/%s/vpn-connections" % space)
    assert vpn["name"] == "office" and vpn["public_ip"] == "35.161.69.30"
    assert vpn["routable_cidrs"] == ["172.16.0.0/16", "192.168.4.0/24"]
    proc = cli("spaces:vpn:wait", "office", "--space", space, "--interval", "1", "--timeout", "30")
    assert "allocated" in proc.stdout + proc.stderr, proc.stdout
    keys = [tunnel["pre_shared_key"] for tunnel in sim.world.s["vpn_connections"][vpn["id"]]["tunnels"]]
    assert len(keys) == 2
    proc = cli("spaces:vpn:config", "office", "--space", space)
    assert all(key in proc.stdout for key in keys) and "35.161.69.30" in proc.stdout, proc.stdout
    listed = run_json(cli, "spaces:vpn:connections", "--space", space, "--json")
    assert [(c["name"], c["status"]) for c in listed] == [("office", "active")]
    proc = cli("spaces:vpn:info", "office", "--space", space)
    assert vpn["id"] in proc.stdout and "172.16.0.0/16" in proc.stdout and "Tunnel 2" in proc.stdout, proc.stdout
    cli("spaces:vpn:update", "office", "--cidrs", "172.16.0.0/16", "--space", space)
    assert http.get("/spaces/%s/vpn-connections/office" % space)["routable_cidrs"] == ["172.16.0.0/16"]
    cli("spaces:vpn:destroy", "office", "--space", space, "--confirm", "office")
    assert http.get("/spaces/%s/vpn-connections" % space) == []
    fir = http.post("/spaces", {"name": name("fir"), "team": "acme", "generation": "fir"})["name"]
    proc = cli("spaces:vpn:connect", "office", "--ip", "35.161.69.30", "--cidrs", "172.16.0.0/16", "--space", fir, ok=False)
    assert proc.returncode != 0 and "not available for Fir spaces" in unwrapped(proc.stderr), proc.stderr
    assert http.get("/spaces/%s/vpn-connections" % fir) == []


# --- trusted IP ranges of a Private Space ------------------------------------------------------

def test_spaces_trusted_ips_add_remove_and_list(cli, http, sim):
    """spaces:trusted-ips:add reads /spaces/{space}/inbound-ruleset and PUTs it back whole (the answer's id, space and
    dates included) with one more allow rule; spaces:trusted-ips:remove PUTs it without the rule; spaces:trusted-ips
    lists the rules. A space still allocating refuses the PUT, and the CLI says so."""
    sim.freeze_async(True)
    try:
        space = http.post("/spaces", {"name": name("trust"), "team": "acme"})["name"]
        proc = cli("spaces:trusted-ips:add", "203.0.113.0/24", "--space", space, ok=False)
        assert proc.returncode != 0 and "once it is allocated" in unwrapped(proc.stderr), proc.stderr
    finally:
        sim.freeze_async(False)
    assert http.get("/spaces/%s" % space)["state"] == "allocated"
    proc = cli("spaces:trusted-ips:add", "203.0.113.0/24", "--space", space)
    assert "Added 203.0.113.0/24 to trusted IP ranges on %s" % space in proc.stdout, proc.stdout
    cli("spaces:trusted-ips:remove", "0.0.0.0/0", "--space", space)
    listed = run_json(cli, "spaces:trusted-ips", "--space", space, "--json")
    assert listed["rules"] == [{"action": "allow", "source": "203.0.113.0/24"}], listed
    assert http.get("/spaces/%s/inbound-ruleset" % space)["rules"] == listed["rules"]


def test_spaces_create_with_a_log_drain_url(cli, http, sim):
    """spaces:create --log-drain-url (a hidden flag) sends the schema's log_drain_url with the creation, the only way
    Heroku's schema sets a space's log drain; the space's answer never shows it. (spaces:drains:get and
    spaces:drains:set call /spaces/{space}/log-drain, which the schema does not have: not served.)"""
    s = name("drained")
    start = len(sim.requests)
    cli("spaces:create", s, "--team", "acme", "--log-drain-url", "https://logs.example.com/spaces")
    (create,) = [r for r in sim.requests[start:] if r["method"] == "POST" and r["path"] == "/spaces"]
    assert create["body"]["log_drain_url"] == "https://logs.example.com/spaces" and create["status"] == 201
    assert "log_drain_url" not in http.get("/spaces/%s" % s)


# --- peering and teams ------------------------------------------------------------

def test_spaces_peering_info_peerings_accept_destroy_and_teams(cli, http, sim):
    """spaces:peering:info reads /spaces/{space}/peering-info; spaces:peerings lists the peerings;
    spaces:peerings:accept POSTs /spaces/{space}/peerings with the pcx_id (the dogwood variant, not the schema's
    accept action); spaces:peerings:destroy DELETEs the peering; teams lists /teams. A Fir space is refused."""
    from heroku_simulator.routes.peering import add_peering
    space = http.post("/spaces", {"name": name("peer"), "team": "acme", "region": "virginia"})["name"]
    info = http.get("/spaces/%s/peering-info" % space)
    proc = cli("spaces:peering:info", space)
    assert info["aws_account_id"] in proc.stdout and info["vpc_id"] in proc.stdout, proc.stdout
    assert info["vpc_cidr"] in proc.stdout and info["unavailable_cidr_blocks"][0] in proc.stdout, proc.stdout
    pending = add_peering(sim.world, space, "pcx-0123456789abcdef0")["pcx_id"]
    active = add_peering(sim.world, space, "pcx-0fedcba987654321", status="active")["pcx_id"]
    listed = run_json(cli, "spaces:peerings", space, "--json")
    assert sorted((p["pcx_id"], p["status"]) for p in listed) == [(pending, "pending-acceptance"), (active, "active")]
    cli("spaces:peerings:accept", pending, "--space", space)
    assert http.get("/spaces/%s/peerings/%s" % (space, pending))["status"] in ("provisioning", "active")
    cli("spaces:peerings:destroy", active, "--space", space, "--confirm", active)
    assert [p["pcx_id"] for p in http.get("/spaces/%s/peerings" % space)] == [pending]
    fir = http.post("/spaces", {"name": name("fir"), "team": "acme", "generation": "fir"})["name"]
    proc = cli("spaces:peering:info", fir, ok=False)
    assert proc.returncode != 0 and "not available for Fir spaces" in unwrapped(proc.stderr), proc.stderr
    proc = cli("teams")
    assert all(team["name"] in proc.stdout for team in http.get("/teams")), proc.stdout


# --- add-on attachments -----------------------------------------------------------

def test_addons_attach_as_and_detach(cli, http, app):
    """addons:attach --as POSTs /addon-attachments with the name (the add-on's config vars set on the app under it);
    addons:detach DELETEs the attachment by id; a name the app already has is refused with Heroku's message."""
    owner = name("owner")
    http.post("/apps", {"name": owner})
    addon = http.post("/apps/%s/addons" % owner, {"plan": "papertrail:choklad", "name": name("logs")})
    proc = cli("addons:attach", addon["name"], "-a", app, "--as", "SHARED_LOGS")
    assert "SHARED_LOGS" in proc.stdout + proc.stderr, proc.stderr
    (attachment,) = http.get("/apps/%s/addon-attachments" % app)
    assert attachment["name"] == "SHARED_LOGS" and attachment["addon"]["id"] == addon["id"]
    assert attachment["addon"]["app"]["name"] == owner
    assert "SHARED_LOGS_API_TOKEN" in http.get("/apps/%s/config-vars" % app)
    proc = cli("addons:attach", addon["name"], "-a", app, "--as", "SHARED_LOGS", ok=False)
    assert proc.returncode != 0 and "already used by another attachment" in unwrapped(proc.stderr), proc.stderr
    cli("addons:detach", "SHARED_LOGS", "-a", app)
    assert http.get("/apps/%s/addon-attachments" % app) == []
    assert "SHARED_LOGS_API_TOKEN" not in http.get("/apps/%s/config-vars" % app)
    assert [a["name"] for a in http.get("/addons/%s/addon-attachments" % addon["id"])] == ["PAPERTRAIL"]


# --- pipeline rename and transfer -----------------------------------------------------

def test_pipelines_rename_and_transfer(cli, http, app):
    """pipelines:rename PATCHes /pipelines/{id} with the new name; pipelines:transfer reads the team for its id and
    POSTs /pipeline-transfers, which gives the coupled apps to the team too."""
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    http.post("/pipeline-couplings", {"app": app, "pipeline": pipeline["id"], "stage": "staging"})
    renamed = name("pipe")
    proc = cli("pipelines:rename", pipeline["name"], renamed)
    assert "Renaming %s pipeline to %s... done" % (pipeline["name"], renamed) in proc.stderr, proc.stderr
    assert http.get("/pipelines/%s" % renamed)["id"] == pipeline["id"]
    proc = cli("pipelines:transfer", "acme", "-p", renamed, "--confirm", renamed)
    assert "Transferring %s pipeline to the acme team... done" % renamed in proc.stderr, proc.stderr
    team = http.get("/teams/acme")
    assert http.get("/pipelines/%s" % renamed)["owner"] == {"id": team["id"], "type": "team"}
    assert http.get("/apps/%s" % app)["team"]["name"] == "acme"
    # Back to the account: the CLI finds no team of that name and reads the user instead.
    account = http.get("/account")
    proc = cli("pipelines:transfer", account["email"], "-p", renamed, "--confirm", renamed)
    assert "Transferring %s pipeline to the %s account... done" % (renamed, account["email"]) in proc.stderr, proc.stderr
    assert http.get("/pipelines/%s" % renamed)["owner"] == {"id": account["id"], "type": "user"}


def test_reviewapps_enable_settings_and_disable(cli, http, sim):
    """reviewapps:enable reads the pipeline, then (the account's dashboard-repositories-api feature on) the GitHub
    repository it is connected to from GET /pipelines/{id}/repo, and POSTs the review-app config with that
    repository; with flags it PATCHes the settings instead; reviewapps:disable DELETEs the config."""
    pipeline = http.post("/pipelines", {"name": name("pipe")})
    sim.connect_pipeline_repo(pipeline["id"], "acme/shop", repo_id=777)
    feature = "/account/features/dashboard-repositories-api"
    assert http.s.patch(http.url + feature, json={"enabled": True}, timeout=10).status_code == 200
    try:
        start = len(sim.requests)
        proc = cli("reviewapps:enable", "-p", pipeline["name"])
        assert "Configuring pipeline... done" in proc.stderr, proc.stderr
        repo_read = [r for r in sim.requests[start:] if r["path"] == "/pipelines/%s/repo" % pipeline["id"]]
        assert [r["status"] for r in repo_read] == [200]
        enable = [r for r in sim.requests[start:] if r["method"] == "POST"]
        assert [(r["path"], r["status"], r["body"]["repo"]) for r in enable] == [
            ("/pipelines/%s/review-app-config" % pipeline["id"], 201, "acme/shop")]
        config = http.get("/pipelines/%s/review-app-config" % pipeline["id"])
        assert config["repo"] == {"id": 777} and config["automatic_review_apps"] is False

        proc = cli("reviewapps:enable", "-p", pipeline["name"], "--autodeploy", "--autodestroy", "--wait-for-ci")
        assert "Enabling auto deployment..." in proc.stdout and "Enabling wait for CI..." in proc.stdout, proc.stdout
        config = http.get("/pipelines/%s/review-app-config" % pipeline["id"])
        assert (config["automatic_review_apps"], config["destroy_stale_apps"], config["wait_for_ci"]) == (True, True, True)

        cli("reviewapps:disable", "-p", pipeline["name"])
        http.get("/pipelines/%s/review-app-config" % pipeline["id"], expect=404)
    finally:
        http.s.patch(http.url + feature, json={"enabled": False}, timeout=10)
