"""Dynos: the formation's, and one-off dynos while they run.

What is kept (in the world's `dynos` collection, app id -> dyno name -> record) is what Heroku's
dyno manager would know: each dyno's state and the release it runs. It moves on lazily, when
a dyno route is called, one step per request once the world's async delay has passed since the
last step (as the world's pending queue does) or, while the world counts reads, on the async_reads-th
call of the app's dyno routes since, and not at all while the world is frozen:

* a formation dyno that is restarted (or scaled up) is `starting`, then `up` on the release
  that was current when it started;
* after a new release the formation's dynos keep running the old one until they restart
  (one async delay), then start on the new release;
* a stopped formation dyno is gone from the list until the formation brings it back (one
  async delay), `starting` then `up`;
* a one-off dyno (`POST /apps/{app}/dynos`) is `starting`, `up`, and gone after two more async
  delays; a command containing `sleep infinity` never ends by itself and one containing
  `crash` ends `crashed` (and stays listed so); `time_to_live` ends either at that age; stopping
  or restarting one ends it at once.
"""
import random
import re
import time

from ..core import invalid, new_id, not_found, now, require_object, stable_id
from ..server import Page

# Heroku's ceiling on a one-off dyno's time_to_live (schema: "max 86400 seconds (24 hours)").
MAX_TIME_TO_LIVE = 86400
# How many async delays a one-off dyno runs once up, unless its command says otherwise.
ONE_OFF_RUN_DELAYS = 2
ENV_KEY = re.compile(r"^\w+$")
TYPE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,128}$")


# ---- the state, moved on lazily ------------------------------------------

def _release_ref(rel):
    return {"id": rel["id"], "version": rel["version"]} if rel else None


def _later(w, t, delays=1):
    """When a step `delays` async delays from now comes: a time, or a count of reads of the app's dynos."""
    if w.async_reads:
        return dict(due=None, reads_left=w.async_reads * delays)
    return dict(due=t + w.async_delay * delays, reads_left=None)


def _arrived(rec, t):
    """Whether `rec`'s next step has come, at time `t` in a read of the app's dynos (which this counts)."""
    if rec.get("reads_left") is not None:
        rec["reads_left"] -= 1
        return rec["reads_left"] <= 0
    return rec["due"] is not None and t >= rec["due"]


def _start(w, a, rec, t):
    """(Re)start a dyno: `starting` on the app's current release, `up` one async delay later."""
    rec.update(phase="starting", release=_release_ref(w.current_release(a)), created_at=now(), updated_at=now(),
               next="up", target_release=None, **_later(w, t))


def _formation_record(w, a, ptype, index, t, up):
    rec = {"name": "%s.%d" % (ptype, index), "type": ptype, "one_off": False,
           "id": stable_id("dyno:%s:%s.%d" % (a["id"], ptype, index)), "attach_url": None}
    _start(w, a, rec, t)
    if up:
        rec.update(phase="up", due=None, reads_left=None, next=None)
    return rec


def _step(w, a, records, rec, t):
    """One transition of `rec` whose time has come."""
    kind = rec["next"]
    rec.update(due=None, reads_left=None, next=None, updated_at=now())
    if kind == "up":
        rec["phase"] = "up"
        if rec["one_off"] and rec.get("run_delays") is not None:
            rec.update(next="end", **_later(w, t, rec["run_delays"]))
    elif kind == "start":
        _start(w, a, rec, t)
    elif kind == "end":
        if rec["crash"]:
            rec["phase"] = "crashed"
        else:
            del records[rec["name"]]


def app_records(w, a):
    """The app's dyno records, moved on to now and in step with its formation and current release."""
    store = w.s["dynos"]
    first_seen = a["id"] not in store
    records = store.setdefault(a["id"], {})
    t = time.time()
    form = w.s["formation"][a["id"]]
    wanted = set()
    for f in form.values():
        for index in range(1, f["quantity"] + 1):
            name = "%s.%d" % (f["type"], index)
            wanted.add(name)
            if name not in records:
                # A seeded app's dynos are running already; one scaled up later starts now.
                records[name] = _formation_record(w, a, f["type"], index, t, up=first_seen)
    for name in [n for n, rec in records.items() if not rec["one_off"] and n not in wanted]:
        del records[name]
    if w.frozen:
        return records
    current = w.current_release(a)
    for rec in list(records.values()):
        if rec["one_off"] and rec["ends_at"] is not None and t >= rec["ends_at"]:
            del records[rec["name"]]
            continue
        if _arrived(rec, t):
            _step(w, a, records, rec, t)
            continue
        running = (rec["release"] or {}).get("id")
        if (not rec["one_off"] and current and running != current["id"]
                and rec.get("target_release") != current["id"] and rec["phase"] != "hidden"):
            # A new release: the dyno restarts on it one async delay from now.
            rec.update(target_release=current["id"], next="start", **_later(w, t))
    return records


def view(w, a, rec):
    form = w.s["formation"][a["id"]].get(rec["type"]) if not rec["one_off"] else None
    return {"app": {"id": a["id"], "name": a["name"]}, "attach_url": rec["attach_url"],
            "command": form["command"] if form else rec["command"], "created_at": rec["created_at"],
            "id": rec["id"], "name": rec["name"], "release": rec["release"],
            "size": form["size"] if form else rec["size"], "state": rec["phase"], "type": rec["type"],
            "updated_at": rec["updated_at"]}


def visible(records):
    return [rec for rec in records.values() if rec["phase"] != "hidden"]


def find(records, dyno):
    for rec in visible(records):
        if dyno in (rec["id"], rec["name"]):
            return rec
    raise not_found("dyno")


def targets(w, a, records, dyno):
    """The dynos a restart or stop of `dyno` reaches: one by name or id, or (as Heroku still
    accepts) every dyno of a process type named there."""
    of_type = [rec for rec in visible(records) if rec["type"] == dyno]
    if of_type or dyno in w.s["formation"][a["id"]]:
        return of_type
    return [find(records, dyno)]


def of_formation_type(w, a, records, ptype):
    if ptype not in w.s["formation"][a["id"]] and not any(rec["type"] == ptype for rec in records.values()):
        raise not_found("formation")
    return [rec for rec in visible(records) if rec["type"] == ptype]


def restart(w, a, records, recs, stopping=False):
    """Restart the dynos `recs`, or stop them: a one-off dyno ends either way (it is not brought back); a
    stopped formation dyno is gone until the formation brings it back after a while."""
    t = time.time()
    for rec in recs:
        if rec["one_off"]:
            records.pop(rec["name"], None)
        elif stopping:
            rec.update(phase="hidden", next="start", updated_at=now(), **_later(w, t))
        else:
            _start(w, a, rec, t)


# ---- routes ----------------------------------------------------------------

def _app(ctx, app):
    w = ctx.world
    a = w.app(app)
    return w, a, app_records(w, a)


def list_dynos(ctx, app):
    w, a, records = _app(ctx, app)
    return Page([view(w, a, rec) for rec in sorted(visible(records), key=lambda r: r["name"])], lambda d: d, "id")


def get_dyno(ctx, app, dyno):
    w, a, records = _app(ctx, app)
    return view(w, a, find(records, dyno))


def check_run(w, body):
    command = body.get("command")
    if not isinstance(command, str) or not command.strip():
        raise invalid("Missing required params: command.")
    env = body.get("env")
    if env is not None and (not isinstance(env, dict) or any(
            not ENV_KEY.match(str(k)) or not isinstance(v, str) for k, v in env.items())):
        raise invalid("Invalid params: env must map names of letters, digits and underscores to strings.")
    ttl = body.get("time_to_live")
    if ttl is not None and (not isinstance(ttl, int) or isinstance(ttl, bool) or not 1 <= ttl <= MAX_TIME_TO_LIVE):
        raise invalid("Invalid params: time_to_live must be an integer from 1 to %d seconds." % MAX_TIME_TO_LIVE)
    ptype = body.get("type") or "run"
    if not isinstance(ptype, str) or not TYPE_NAME.match(ptype):
        raise invalid("Invalid params: type must be a process type name such as run.")
    size = body.get("size")
    if size is not None:
        try:
            size = w.dyno_size(size)["name"]
        except Exception:
            raise invalid("No such dyno size as %s." % size) from None
    return command, ptype, size, ttl


def run_dyno(ctx, app):
    w, a, records = _app(ctx, app)
    command, ptype, size, ttl = check_run(w, require_object(ctx.body))
    t = time.time()
    name = "%s.%d" % (ptype, random.randint(1000, 9999))
    while name in records:
        name = "%s.%d" % (ptype, random.randint(1000, 9999))
    endless = "sleep infinity" in command
    rec = {"name": name, "type": ptype, "one_off": True, "id": new_id(), "command": command,
           "size": size or ("Private-S" if a["space_id"] else "Basic"),
           "attach_url": None, "crash": "crash" in command,
           "run_delays": None if endless else ONE_OFF_RUN_DELAYS,
           "ends_at": t + ttl if ttl else None}
    _start(w, a, rec, t)
    if ctx.body.get("attach"):
        rec["attach_url"] = "rendezvous://rendezvous.runtime.heroku.com:5000/%s" % rec["id"]
    records[name] = rec
    return 201, view(w, a, rec)


def acting(select, stopping=False):
    """A route that restarts, or stops, the dynos `select` picks from the path's last name."""
    def handler(ctx, app, **named):
        w, a, records = _app(ctx, app)
        restart(w, a, records, select(w, a, records, *named.values()), stopping)
        return 202, {}
    return handler


def formation_dynos(w, a, records):
    return [rec for rec in visible(records) if not rec["one_off"]]


ROUTES = (
    ("/apps/{app}/dynos", {"GET": list_dynos, "POST": run_dyno, "DELETE": acting(formation_dynos)}),
    ("/apps/{app}/dynos/{dyno}", {"GET": get_dyno, "DELETE": acting(targets)}),
    ("/apps/{app}/dynos/{dyno}/actions/stop", {"POST": acting(targets, stopping=True)}),
    # The 2025 schema's dyno.restart_formation and dyno.stop_formation, which the Heroku CLI (v11)
    # sends for `ps:restart --process-type` and `ps:stop --process-type`.
    ("/apps/{app}/formations/{ptype}", {"DELETE": acting(of_formation_type)}),
    ("/apps/{app}/formations/{ptype}/actions/stop", {"POST": acting(of_formation_type, stopping=True)}),
)
