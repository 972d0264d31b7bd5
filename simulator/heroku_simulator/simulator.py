"""The Simulator object: owns the world, the HTTP server thread and the
test-facing knobs (faults, latency, rate limit, async delay, request log)."""
import datetime
import json
import os
import re
import threading

from . import routes
from .core import ApiError, set_clock
from .server import RateLimiter, Server, check_basic, make_handler
from .world import World

DEFAULT_PROCESS_TYPES = {"web": "npm start", "worker": "node worker.js"}


class Simulator:
    def __init__(self, api_key=None, seed=None, state_file=None, latency=0.0, async_delay=0.0):
        self.api_key = api_key
        self.seed = seed
        self.state_file = state_file
        self.latency = float(latency)
        self.lock = threading.RLock()
        self.rate = RateLimiter()
        self.router = routes.build_router()
        self._requests = []
        self._faults = []
        self._async_delay = float(async_delay)
        self._async_reads = 0
        self._frozen = False
        self._failing = set()
        self._failing_builds = set()
        self._release_phases = {}
        self._server = None
        self._thread = None
        self.url = None
        self._world = World()
        if seed is not None:
            self._apply_seed(seed)
        if state_file and os.path.exists(state_file):
            self.load(state_file)
        self._apply_async_settings()
        self._start_state = self._world.dump()

    # ---- lifecycle -----------------------------------------------------------

    def start(self, host="127.0.0.1", port=0):
        self._server = Server((host, port), make_handler(self))
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._world.base_url = self.url
        # A short poll interval keeps stop() (and so each test's teardown) fast.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True,
                                        name="heroku-simulator")
        self._thread.start()
        return self

    def serve_forever(self, host="127.0.0.1", port=5555):
        """Blocking variant used by `python -m heroku_simulator`."""
        self._server = Server((host, port), make_handler(self))
        self.url = f"http://{host}:{self._server.server_address[1]}"
        self._world.base_url = self.url
        return self._server

    def stop(self):
        set_clock(None)  # a clock a test set ends with its simulator
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self.state_file:
            self.save(self.state_file)

    def __enter__(self):
        if self._server is None:
            self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    # ---- world ---------------------------------------------------------------

    @property
    def world(self):
        return self._world

    def _apply_async_settings(self):
        self._world.async_delay = self._async_delay
        self._world.async_reads = self._async_reads
        self._world.frozen = self._frozen
        self._world.failing_targets = self._failing
        self._world.failing_builds = self._failing_builds
        self._world.release_phase_modes = self._release_phases
        self._world.base_url = self.url or ""

    def _apply_seed(self, seed):
        if isinstance(seed, (str, os.PathLike)):
            with open(seed) as fh:
                seed = json.load(fh)
        for app in seed.get("apps", []):
            self.seed_app(**app)
        if "rate_limit" in seed:
            self.set_rate_limit(**seed["rate_limit"])

    def reset(self):
        with self.lock:
            self._world = World.from_json(self._start_state)
            self._faults.clear()
            self._requests.clear()
            self._failing.clear()
            self._failing_builds.clear()
            self._release_phases.clear()
            self._frozen = False
            self.rate.configure(4500, 1.25, None)
            self._apply_async_settings()
        set_clock(None)

    def save(self, path):
        with self.lock:
            text = self._world.dump()
        with open(path, "w") as fh:
            fh.write(text)

    def load(self, path):
        with open(path) as fh:
            text = fh.read()
        with self.lock:
            self._world = World.from_json(text)
            self._apply_async_settings()

    def seed_app(self, name, team=None, region="us", stack="heroku-24", process_types=None,
                 config=None, formation=None, space=None, acm=False, maintenance=False):
        """Create an app with a first deploy defining `process_types` and `config` vars.
        `formation` maps type -> quantity or {"quantity":.., "size":..}; a size may be one Heroku retired
        (Free, Hobby), which an old app's formation still names. `acm` and `maintenance` as the app has them."""
        from . import views
        if process_types is None:
            process_types = dict(DEFAULT_PROCESS_TYPES)
        with self.lock:
            w = self._world
            app = w.create_app(name=name, region=region, stack=stack, team=team, space=space,
                               owner=w.team(team)["id"] if team else None)
            app["acm"], app["maintenance"] = bool(acm), bool(maintenance)
            slug = w.create_slug(app, process_types)
            if config:
                w.s["config"][app["id"]].update({k: str(v) for k, v in config.items()})
            w.create_release(app, f"Deploy {slug['id'][:8]}", slug=slug)
            for ptype, spec in (formation or {}).items():
                form = w.s["formation"][app["id"]]
                if ptype not in form:
                    raise ApiError(404, "not_found", f"Couldn't find that process type ({ptype}).")
                spec = spec if isinstance(spec, dict) else {"quantity": spec}
                if "quantity" in spec:
                    form[ptype]["quantity"] = int(spec["quantity"])
                if "size" in spec:
                    form[ptype]["size"] = w.dyno_size(spec["size"], legacy=True)["name"]
            return views.app(w, app)

    def connect_pipeline_repo(self, pipeline, full_name, repo_id=None):
        """Connect `pipeline` (name or id) to the GitHub repository `full_name` ("org/repo"), as Heroku's Dashboard
        or `heroku pipelines:connect` do through a service the simulator does not stand in for; None disconnects
        it. Returns the connection as `GET /pipelines/{id}/repo` answers it."""
        from .routes.review_apps import connect
        with self.lock:
            return connect(self._world, pipeline, full_name, repo_id)

    def set_stack_state(self, stack, state):
        """Give a stack of `/stacks` the `state` Heroku would: "deprecated" once its end of life is announced."""
        with self.lock:
            rec = self._world.stack(stack)
            rec["state"] = self._world.s["stack_states"][rec["name"]] = str(state)
            return dict(rec)

    # ---- knobs ----------------------------------------------------------------

    def inject_fault(self, method="*", path=".*", status=503, count=1, retry_after=None,
                     error_id=None, message=None, drop=False, lose_answer=False):
        with self.lock:
            self._faults.append({"method": method.upper(), "regex": re.compile(path), "status": int(status),
                                 "count": count, "retry_after": retry_after, "error_id": error_id,
                                 "message": message, "drop": bool(drop), "lose_answer": bool(lose_answer)})

    def clear_faults(self):
        with self.lock:
            self._faults.clear()

    def take_fault(self, method, path):
        with self.lock:
            for fault in self._faults:
                if fault["method"] in ("*", method) and fault["regex"].search(path):
                    if fault["count"] is not None:
                        fault["count"] -= 1
                        if fault["count"] <= 0:
                            self._faults.remove(fault)
                    return fault
        return None

    def set_clock(self, when=None):
        """Answer with `when` as the time from now on (timestamps of what is created, the usage reports' today):
        an ISO 8601 text ("2026-06-15T12:00:00Z") or an aware datetime; None, reset() or stop(): the real time. The
        clock is the process's, shared by its simulators."""
        if isinstance(when, str):
            when = datetime.datetime.fromisoformat(when.replace("Z", "+00:00"))
        set_clock(when)

    def set_latency(self, seconds):
        self.latency = float(seconds)

    def set_rate_limit(self, budget=4500, refill_per_second=1.25, remaining=None):
        with self.lock:
            self.rate.configure(budget, refill_per_second, remaining)

    def set_async_delay(self, seconds):
        """Asynchronous transitions (add-ons, spaces, ACM, builds, release phases, promotions, dynos) end
        `seconds` after they start (0: at the next request)."""
        with self.lock:
            self._async_delay = float(seconds)
            self._async_reads = 0
            self._apply_async_settings()

    def set_async_reads(self, reads):
        """Asynchronous transitions started from now on end on the `reads`-th read (a GET naming the
        resource; for dynos, any read of the app's dynos) instead of by time: with 2, an add-on is still
        provisioning on the first read and provisioned on the second, however long the reader sleeps.
        set_async_delay goes back to time."""
        if isinstance(reads, bool) or not isinstance(reads, int) or reads < 1:
            raise ValueError("reads must be a whole number of at least 1")
        with self.lock:
            self._async_reads = reads
            self._apply_async_settings()

    def freeze_async(self, frozen=True):
        with self.lock:
            self._frozen = bool(frozen)
            self._apply_async_settings()

    def fail_promotion_target(self, app_name, fail=True):
        with self.lock:
            (self._failing.add if fail else self._failing.discard)(app_name)

    def fail_builds(self, app_name, fail=True):
        """Builds of `app_name` fail (their log says why) until called with fail=False."""
        with self.lock:
            (self._failing_builds.add if fail else self._failing_builds.discard)(app_name)

    def release_phase(self, app_name, mode):
        """How release phases of `app_name` end from now on: "fail", "hang" (they never end) or None
        (they succeed)."""
        if mode not in (None, "fail", "hang"):
            raise ValueError("mode must be None, 'fail' or 'hang'")
        with self.lock:
            if mode is None:
                self._release_phases.pop(app_name, None)
            else:
                self._release_phases[app_name] = mode

    def authorized(self, header):
        # DELETE /account marks the world: the deleted account's key stops working.
        if not header or self._world.s.get("account_deleted"):
            return False
        scheme = header.split(" ", 1)[0].lower()
        if scheme == "bearer":
            token = header.split(" ", 1)[1].strip() if " " in header else ""
            return bool(token) and (self.api_key is None or token == self.api_key)
        if scheme == "basic":
            return check_basic(header, self.api_key)
        return False

    # ---- request log ------------------------------------------------------------

    def log(self, record):
        with self.lock:
            self._requests.append(record)

    @property
    def requests(self):
        with self.lock:
            return [dict(r) for r in self._requests]

    def clear_requests(self):
        with self.lock:
            self._requests.clear()

    def writes(self):
        return [r for r in self.requests if r["write"]]

    # ---- HTTP control API (/__simulator/...) -------------------------------------

    def control(self, method, path, raw):
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return 400, {"id": "bad_request", "message": "Invalid JSON."}
        action = path[len("/__simulator"):].strip("/")
        try:
            if action == "requests" and method == "GET":
                return 200, self.requests
            if action == "requests" and method == "DELETE":
                self.clear_requests()
                return 200, {}
            if action == "faults" and method == "POST":
                self.inject_fault(**body)
                return 201, {"ok": True}
            if action == "faults" and method == "DELETE":
                self.clear_faults()
                return 200, {}
            if action == "latency" and method == "POST":
                self.set_latency(body.get("seconds", 0))
                return 200, {"seconds": self.latency}
            if action == "rate-limit" and method == "POST":
                self.set_rate_limit(**body)
                return 200, {"remaining": self.rate.remaining()}
            if action == "async" and method == "POST":
                if "delay" in body:
                    self.set_async_delay(body["delay"])
                if "reads" in body:
                    self.set_async_reads(body["reads"])
                if "frozen" in body:
                    self.freeze_async(body["frozen"])
                answer = {"delay": self._async_delay, "frozen": self._frozen}
                if self._async_reads:
                    answer["reads"] = self._async_reads  # transitions end on reads; the delay waits
                return 200, answer
            if action == "reset" and method == "POST":
                self.reset()
                return 200, {}
            if action == "apps" and method == "POST":
                return 201, self.seed_app(**body)
            if action == "stack-state" and method == "POST":
                return 200, self.set_stack_state(body["stack"], body["state"])
            if action == "save" and method == "POST":
                self.save(body["path"])
                return 200, {"path": body["path"]}
            if action == "promotion-failures" and method == "POST":
                self.fail_promotion_target(body["app"], body.get("fail", True))
                return 200, {}
            if action == "build-failures" and method == "POST":
                self.fail_builds(body["app"], body.get("fail", True))
                return 200, {}
            if action == "release-phase" and method == "POST":
                self.release_phase(body["app"], body.get("mode"))
                return 200, {}
        except ApiError as err:
            return err.status, err.body()
        except (TypeError, KeyError, ValueError, re.error) as err:
            return 400, {"id": "bad_request", "message": str(err)}
        return 404, {"id": "not_found", "message": "Unknown simulator control endpoint."}
