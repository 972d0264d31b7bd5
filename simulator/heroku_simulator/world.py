"""World state: plain dicts (so save/load is json.dump/json.load), the shared lookups, the
operations that touch several resources at once (releases, add-on vars) and the scheduling of
asynchronous state changes, which each family ends in its own module (routes/<family>.py registers
them with `completes`). Callers hold the simulator lock."""
import json
import random
import time

from . import catalogue, certificates, views
from .core import ApiError, invalid, new_id, not_found, now, stable_id, is_uuid

# Collections keyed by id. Per-app collections are keyed by app id.
COLLECTIONS = ["users", "teams", "apps", "releases", "slugs", "builds", "formation",
               "config", "features", "buildpacks", "addons", "attachments", "domains",
               "drains", "collaborators", "pipelines", "couplings", "promotions",
               "targets", "stage_config", "spaces", "rulesets", "space_access", "sni_endpoints",
               "pending", "account_features",  # account_features: feature name -> enabled
               "webhooks", "webhook_events", "webhook_deliveries",
               "sources", "outputs",  # outputs: "builds:<id>" / "releases:<id>" -> lines of output
               "dynos",  # dynos: app id -> dyno name -> state and release (routes/dynos.py moves them on)
               "telemetry_drains",
               "oci_images",  # a Fir app's images (routes/oci_images.py), as slugs are a Cedar app's
               "vpn_connections",
               "peerings",  # peerings: pcx_id -> a Private Space's VPC peering (routes/peering.py)
               "stack_states",  # stack name -> the state a test gave it (Simulator.set_stack_state)
               # pipeline id -> its GitHub repository / its review-app configuration (routes/review_apps.py)
               "pipeline_repos", "review_app_configs"]
# kind -> what ends a scheduled change of that kind, (world, id): each family (routes/<family>.py) adds its own.
COMPLETIONS = {}


def completes(kind):
    """Register the decorated function(world, id) as what ends a change scheduled as `kind`."""
    def register(function):
        COMPLETIONS[kind] = function
        return function
    return register


# The collection holding the resource of each kind of asynchronous transition (World.schedule).
TRANSITION_COLLECTIONS = {"addon": "addons", "space": "spaces", "space_delete": "spaces", "build": "builds",
                          "domain": "domains", "promotion": "promotions", "release_phase": "releases",
                          "vpn": "vpn_connections",
                          "peering": "peerings"}


class World:
    def __init__(self, data=None):
        self.async_delay = 0.0
        self.async_reads = 0           # > 0: a transition ends on this many reads of its resource, not by time
        self.frozen = False
        self.failing_targets = set()   # app names whose promotion target fails
        self.failing_builds = set()    # app names whose builds fail
        self.release_phase_modes = {}  # app name -> "fail" | "hang": how its release phases end
        self.base_url = ""             # where /__storage/ URLs point (the running server)
        if data is None:
            self._build_start()
        else:
            self.s = data
            # State files saved before a collection existed load with it empty.
            for name in COLLECTIONS:
                data.setdefault(name, {})
        self.regions = catalogue.region_records()
        self.stacks = catalogue.stack_records()
        for stack in self.stacks.values():
            stack["state"] = self.s["stack_states"].get(stack["name"], stack["state"])
        self.dyno_sizes = catalogue.dyno_size_records()
        self.legacy_dyno_sizes = catalogue.dyno_size_records(catalogue.LEGACY_DYNO_SIZES)
        self.services, self.plans = catalogue.service_records()
        self._index()

    # ---- building / persistence ------------------------------------------

    def _build_start(self):
        s = self.s = {name: {} for name in COLLECTIONS}
        s["pending"] = []
        s["counter"] = 0
        acct = stable_id("user:ops@example.com")
        s["account_id"] = acct
        self._add_user("ops@example.com", "Ops Engineer", acct)
        others = [self._add_user(e, n) for e, n in [("alice@example.com", "Alice"),
                                                      ("bob@example.com", "Bob"),
                                                      ("carol@example.com", "Carol")]]
        for tname, members in [("acme", [("alice@example.com", "admin"), ("bob@example.com", "member")]),
                               ("acme-staging", [("carol@example.com", "member")])]:
            tid = stable_id("team:" + tname)
            s["teams"][tid] = {"id": tid, "name": tname, "created_at": catalogue.CREATED,
                               "updated_at": catalogue.CREATED, "default": tname == "acme",
                               "members": {"ops@example.com": "admin", **dict(members)}}
        del others

    def _add_user(self, email, name=None, uid=None):
        uid = uid or stable_id("user:" + email)
        self.s["users"][uid] = {"id": uid, "email": email, "name": name,
                                "created_at": catalogue.CREATED, "updated_at": catalogue.CREATED}
        return uid

    def _index(self):
        self.app_names = {a["name"]: a["id"] for a in self.s["apps"].values()}

    def dump(self):
        return json.dumps(self.s)

    @classmethod
    def from_json(cls, text):
        return cls(json.loads(text))

    # ---- small lookups -----------------------------------------------------

    @property
    def account(self):
        return self.s["users"][self.s["account_id"]]

    def next_number(self):
        self.s["counter"] += 1
        return self.s["counter"]

    def user(self, ident):
        if ident in ("~", self.s["account_id"]):
            return self.account
        if ident in self.s["users"]:
            return self.s["users"][ident]
        for u in self.s["users"].values():
            if u["email"].lower() == str(ident).lower():
                return u
        raise not_found("user")

    def user_by_email(self, email, create=False):
        for u in self.s["users"].values():
            if u["email"].lower() == email.lower():
                return u
        if create:
            return self.s["users"][self._add_user(email)]
        raise not_found("user")

    @staticmethod
    def _find(coll, ident, what, field="name", ci=False):
        if ident in coll:
            return coll[ident]
        for rec in coll.values():
            v = rec.get(field)
            if v == ident or (ci and isinstance(v, str) and v.lower() == str(ident).lower()):
                return rec
        raise not_found(what)

    def team(self, ident):
        return self._find(self.s["teams"], ident, "team")

    def region(self, ident):
        return self._find(self.regions, ident, "region")

    def stack(self, ident):
        return self._find(self.stacks, ident, "stack")

    def dyno_size(self, ident, legacy=False):
        """A size of `/dyno-sizes`; with `legacy`, also one Heroku retired that a formation may still name."""
        try:
            return self._find(self.dyno_sizes, ident, "dyno size", ci=True)
        except ApiError:
            if not legacy:
                raise
        return self._find(self.legacy_dyno_sizes, ident, "dyno size", ci=True)

    def service(self, ident):
        return self._find(self.services, ident, "add-on service")

    def space(self, ident):
        return self._find(self.s["spaces"], ident, "space")

    def pipeline(self, ident):
        return self._find(self.s["pipelines"], ident, "pipeline")

    def app(self, ident):
        apps = self.s["apps"]
        if ident in apps:
            return apps[ident]
        if ident in self.app_names:
            return apps[self.app_names[ident]]
        raise not_found("app")

    def default_stack(self):
        return next(s for s in self.stacks.values() if s["default"])

    # ---- apps --------------------------------------------------------------

    def random_app_name(self):
        while True:
            name = f"{random.choice(catalogue.WORDS)}-{random.choice(catalogue.NOUNS)}-{random.randint(10000, 99999)}"
            if name not in self.app_names:
                return name

    def create_app(self, name=None, region=None, stack=None, team=None, space=None,
                   locked=False, internal_routing=None, owner=None):
        from .core import APP_NAME_RE
        if name is None:
            name = self.random_app_name()
        if not isinstance(name, str) or not APP_NAME_RE.match(name):
            raise invalid("Name must start with a letter, end with a letter or digit and can only "
                          "contain lowercase letters, digits, and dashes.")
        if name in self.app_names:
            raise invalid("Name is already taken")
        space_rec = self.space(space) if space else None
        if space_rec:
            region_rec = self.region(space_rec["region_id"])
            team = team or self.s["teams"][space_rec["team_id"]]["name"]
        else:
            region_rec = self.region(region or "us")
            if region_rec["private_capable"]:
                raise invalid(f"Region {region_rec['name']} is only available for apps in Private Spaces.")
        team_rec = self.team(team) if team else None
        stack_rec = self.stack(stack) if stack else self.default_stack()
        if internal_routing and not space_rec:
            raise invalid("Internal routing is only available for apps in Private Spaces.")
        ts = now()
        aid = new_id()
        app = {"id": aid, "name": name, "created_at": ts, "updated_at": ts, "released_at": None,
               "region_id": region_rec["id"], "stack_id": stack_rec["id"],
               "build_stack_id": stack_rec["id"], "team_id": team_rec["id"] if team_rec else None,
               "owner_id": owner or self.s["account_id"], "space_id": space_rec["id"] if space_rec else None,
               "maintenance": False, "locked": bool(locked), "acm": False,
               "internal_routing": bool(internal_routing) if space_rec else None,
               "heroku_domain_id": new_id()}
        self.s["apps"][aid] = app
        self.app_names[name] = aid
        self.s["releases"][aid] = []
        self.s["formation"][aid] = {}
        self.s["config"][aid] = {}
        self.s["features"][aid] = {}
        self.s["buildpacks"][aid] = []
        self.create_release(app, "Initial release")
        return app

    def rename_app(self, app, name):
        from .core import APP_NAME_RE
        if name == app["name"]:
            return
        if not isinstance(name, str) or not APP_NAME_RE.match(name):
            raise invalid("Name must start with a letter, end with a letter or digit and can only "
                          "contain lowercase letters, digits, and dashes.")
        if name in self.app_names:
            raise invalid("Name is already taken")
        del self.app_names[app["name"]]
        app["name"] = name
        self.app_names[name] = app["id"]

    def delete_app(self, app):
        aid = app["id"]
        for addon in [a for a in self.s["addons"].values() if a["app_id"] == aid]:
            self._drop_addon(addon, release=False)
        for att in [a for a in self.s["attachments"].values() if a["app_id"] == aid]:
            del self.s["attachments"][att["id"]]
        for coll in ("domains", "sni_endpoints", "drains", "collaborators", "couplings", "builds", "slugs",
                     "webhooks", "webhook_events", "webhook_deliveries"):
            for rid in [k for k, v in self.s[coll].items() if v.get("app_id") == aid]:
                del self.s[coll][rid]
        for coll in ("releases", "formation", "config", "features", "buildpacks", "dynos"):
            self.s[coll].pop(aid, None)
        del self.s["apps"][aid]
        del self.app_names[app["name"]]

    # ---- releases and formation --------------------------------------------

    def current_release(self, app):
        rels = self.s["releases"][app["id"]]
        for rel in reversed(rels):
            if rel["status"] == "succeeded":
                return rel
        return rels[-1] if rels else None

    def process_types(self, app):
        rel = self.current_release(app)
        return dict(rel["process_types"]) if rel else {}

    def create_release(self, app, description, slug=None, config=None, process_types=None, pending=False,
                       slug_id=None, release_phase=False, oci_image=None):
        """A release, current at once unless `pending`: then its release phase is still running and the
        app keeps running its current release until settle_release. `slug_id` carries another
        release's slug without looking it up, as the slug record can be gone with its app.
        `release_phase`: a release a user made (a deploy, a config change, a rollback) runs the
        `release` process type when it has one; releases add-ons make do not (Heroku's rule).
        `oci_image`: what a Fir app's release runs instead of a slug; a release of neither keeps what the
        current one runs."""
        aid = app["id"]
        rels = self.s["releases"][aid]
        prev = self.current_release(app)
        oci_image_id = oci_image["id"] if oci_image is not None else None
        if oci_image is not None:
            process_types = dict((name, (kind or {}).get("command")) for name, kind in oci_image["process_types"].items())
        elif slug is not None:
            process_types = dict(slug["process_types"])
            slug_id = slug["id"]
        elif process_types is None:
            process_types = dict(prev["process_types"]) if prev else {}
        if slug_id is None and oci_image is None and prev:
            slug_id = prev["slug_id"]
            oci_image_id = prev.get("oci_image_id")
        ts = now()
        rel = {"id": new_id(), "app_id": aid, "version": len(rels) + 1, "description": description,
               "slug_id": slug_id, "oci_image_id": oci_image_id, "status": "pending" if pending else "succeeded",
               "created_at": ts, "updated_at": ts,
               "user_id": self.s["account_id"], "process_types": process_types,
               "config": dict(self.s["config"][aid] if config is None else config),
               "addon_plan_names": sorted(self.plans[a["plan_id"]]["name"] for a in self.s["addons"].values()
                                          if a["app_id"] == aid and a["state"] != "deprovisioned")}
        runs_phase = release_phase and not pending and "release" in process_types
        if runs_phase:
            pending = True
            self.start_release_phase(rel)
        rels.append(rel)
        if not pending:
            self._make_current(app, rel)
        self.webhook_event(app, "api:release", "create", lambda: views.release(self, rel))
        return rel

    def start_release_phase(self, rel):
        """Run `rel`'s release command: it stays pending until routes/releases.py's
        complete_release_phase settles it."""
        rel["status"] = "pending"
        rel["release_phase"] = True
        self.s["outputs"]["releases:" + rel["id"]] = [f"Running release command: {rel['process_types']['release']}"]
        self.schedule("release_phase", rel["id"])

    def release_phase_outcome(self, app):
        """How a release phase of `app` ends now: "succeed", "fail" or "hang" (never)."""
        return self.release_phase_modes.get(app["name"]) or "succeed"

    def settle_release(self, app, rel, succeeded):
        """End a pending release's release phase. A failed release stays in the list, never current."""
        rel["status"] = "succeeded" if succeeded else "failed"
        rel["updated_at"] = now()
        # A release made while this one was pending (a config change) is newer and stays current.
        if succeeded and self.current_release(app) is rel:
            self._make_current(app, rel)
        self.webhook_event(app, "api:release", "update", lambda: views.release(self, rel))

    def _make_current(self, app, rel):
        app["released_at"] = rel["updated_at"]
        app["updated_at"] = rel["updated_at"]
        self._sync_formation(app, rel["process_types"])

    def _sync_formation(self, app, process_types):
        # The `release` type runs once per release, in the release phase: it is no part of the formation.
        process_types = {ptype: command for ptype, command in process_types.items() if ptype != "release"}
        form = self.s["formation"][app["id"]]
        for ptype in list(form):
            if ptype not in process_types:
                del form[ptype]
        default_size = "Basic"
        if app["space_id"]:
            default_size = "Shield-S" if self.s["spaces"].get(app["space_id"], {}).get("shield") else "Private-S"
        ts = now()
        for ptype, command in process_types.items():
            if ptype in form:
                form[ptype]["command"] = command
            else:
                form[ptype] = {"id": new_id(), "type": ptype, "command": command,
                               "quantity": 1 if ptype == "web" else 0, "size": default_size,
                               "created_at": ts, "updated_at": ts}

    def set_config(self, app, changes, description=None, release_phase=False):
        """Merge config changes (None removes); a release only when something changed."""
        cfg = self.s["config"][app["id"]]
        set_keys, removed = [], []
        for key, value in changes.items():
            if value is None:
                if key in cfg:
                    del cfg[key]
                    removed.append(key)
            elif cfg.get(key) != value:
                cfg[key] = value
                set_keys.append(key)
        if not set_keys and not removed:
            return None
        if description is None:
            parts = []
            if set_keys:
                parts.append(f"Set {', '.join(set_keys)} config var{'s' if len(set_keys) > 1 else ''}")
            if removed:
                parts.append(f"Remove {', '.join(removed)} config var{'s' if len(removed) > 1 else ''}")
            description = "; ".join(parts)
        return self.create_release(app, description, release_phase=release_phase)

    # ---- add-ons -------------------------------------------------------------

    def resolve_plan(self, plan):
        if isinstance(plan, dict):
            plan = plan.get("name") or plan.get("id")
        if not isinstance(plan, str) or not plan:
            raise invalid("Missing required params: plan.")
        if plan in self.plans:
            return self.plans[plan]
        svc_name, _, plan_name = plan.partition(":")
        svc = None
        for s in self.services.values():
            if s["name"] == svc_name or catalogue.ADDON_SERVICES[s["name"]]["short"] == svc_name:
                svc = s
        if svc is None:
            raise not_found("add-on service")
        for p in self.plans.values():
            if p["addon_service"]["id"] != svc["id"]:
                continue
            if (plan_name and p["name"] == f"{svc['name']}:{plan_name}") or (not plan_name and p["default"]):
                return p
        raise not_found("add-on plan")

    def addon(self, ident, app=None):
        for a in self.s["addons"].values():
            if app is not None and a["app_id"] != app["id"]:
                continue
            if a["id"] == ident or a["name"] == ident:
                return a
        if app is not None:
            for att in self.s["attachments"].values():
                if att["app_id"] == app["id"] and att["name"] == ident:
                    return self.s["addons"][att["addon_id"]]
        raise not_found("add-on")

    def _attachment_name(self, app, spec):
        used = {a["name"] for a in self.s["attachments"].values() if a["app_id"] == app["id"]}
        if spec["attachment"] not in used:
            return spec["attachment"]
        prefix = "HEROKU_" + spec["short"].upper()
        for color in catalogue.ADDON_COLORS:
            if f"{prefix}_{color}" not in used:
                return f"{prefix}_{color}"
        return f"{prefix}_{self.next_number()}"

    def create_addon(self, app, plan_spec, name=None, attachment_name=None, config=None):
        plan = self.resolve_plan(plan_spec)
        svc = self.services[plan["addon_service"]["id"]]
        spec = catalogue.ADDON_SERVICES[svc["name"]]
        from .core import ADDON_NAME_RE
        if name is not None:
            if not isinstance(name, str) or not ADDON_NAME_RE.match(name):
                raise invalid("Name must start with a letter and can only contain letters, digits, "
                              "underscores and dashes.")
            if any(a["name"] == name for a in self.s["addons"].values()):
                raise invalid("Name is already taken")
        else:
            name = f"{spec['short']}-{random.choice(catalogue.WORDS)}-{self.next_number()}"
        if attachment_name is not None:
            if not isinstance(attachment_name, str) or not attachment_name:
                raise invalid("Invalid params: attachment.name must be a string.")
            attachment_name = attachment_name.upper().replace("-", "_")
            if any(a["name"] == attachment_name for a in self.s["attachments"].values()
                   if a["app_id"] == app["id"]):
                raise invalid(f"Name {attachment_name} is already used by another attachment on this app.")
        else:
            attachment_name = self._attachment_name(app, spec)
        ts = now()
        addon = {"id": new_id(), "name": name, "app_id": app["id"], "plan_id": plan["id"],
                 "service_id": svc["id"], "state": "provisioning", "created_at": ts, "updated_at": ts,
                 "provider_id": f"resource{self.next_number()}@heroku.com", "config": config or {}}
        self.s["addons"][addon["id"]] = addon
        self.attach(addon, app, attachment_name)
        if spec["async"]:
            self.schedule("addon", addon["id"], spec["slowness"])
        else:
            self.finish_addon(addon)
        self.webhook_event(app, "api:addon", "create", lambda: views.addon(self, addon))
        return addon

    def attach(self, addon, app, name):
        ts = now()
        att = {"id": new_id(), "addon_id": addon["id"], "app_id": app["id"], "name": name,
               "namespace": None, "created_at": ts, "updated_at": ts}
        self.s["attachments"][att["id"]] = att
        if addon["state"] == "provisioned":
            self._apply_attachment_vars(att, add=True)
        self.webhook_event(app, "api:addon-attachment", "create", lambda: views.attachment(self, att))
        return att

    def addon_var_names(self, addon, att_name):
        spec = catalogue.ADDON_SERVICES[self.services[addon["service_id"]]["name"]]
        return [f"{att_name}_{suffix}" for suffix in spec["vars"]]

    def _addon_var_value(self, addon, var):
        svc = self.services[addon["service_id"]]["name"]
        token = addon["id"].replace("-", "")[:16]
        if svc == "heroku-postgresql":
            return f"postgres://u{token}:p{token}@ec2-db.compute-1.amazonaws.com:5432/d{token}"
        if svc == "heroku-redis":
            return f"rediss://:p{token}@ec2-redis.compute-1.amazonaws.com:6379"
        if svc == "heroku-kafka":
            return f"kafka+ssl://ec2-kafka-{token}.compute-1.amazonaws.com:9096"
        return token

    def _apply_attachment_vars(self, att, add, description=None):
        """Put (or take away) an attachment's vars on its app; returns True if a release was made."""
        addon = self.s["addons"][att["addon_id"]]
        app = self.s["apps"].get(att["app_id"])
        if app is None:
            return False
        names = self.addon_var_names(addon, att["name"])
        if not names:
            return False
        changes = {n: (self._addon_var_value(addon, n) if add else None) for n in names}
        verb = "Attach" if add else "Detach"
        description = description or f"{verb} {att['name']} (@ref:{addon['name']})"
        return self.set_config(app, changes, description) is not None

    def finish_addon(self, addon):
        addon["state"] = "provisioned"
        addon["updated_at"] = now()
        plan = self.plans[addon["plan_id"]]["name"]
        released = False
        for att in list(self.s["attachments"].values()):
            if att["addon_id"] == addon["id"]:
                own = att["app_id"] == addon["app_id"]
                released |= self._apply_attachment_vars(att, True, f"Add {plan}" if own else None)
        # Add-ons without vars (scheduler) still make a release on their app.
        app = self.s["apps"].get(addon["app_id"])
        if app and not released:
            self.create_release(app, f"Add {plan}")
        # A logging add-on drains its app's logs to its provider: a drain the add-on manages.
        drain = catalogue.ADDON_SERVICES[self.services[addon["service_id"]]["name"]].get("drain")
        if app and drain:
            self.add_addon_drain(addon, drain.format(port=10000 + self.next_number()))

    def _drop_addon(self, addon, release=True):
        plan = self.plans[addon["plan_id"]]["name"]
        provisioned = addon["state"] == "provisioned"
        # Remove from the index first so the release's addon_plan_names leaves it out.
        del self.s["addons"][addon["id"]]
        self.s["addons"][addon["id"]] = dict(addon, state="deprovisioned")
        released = False
        for att in [a for a in self.s["attachments"].values() if a["addon_id"] == addon["id"]]:
            own = att["app_id"] == addon["app_id"]
            # Even without releases on the owner (app deletion), other apps lose the vars.
            if provisioned and (release or not own):
                released |= self._apply_attachment_vars(att, False, f"Remove {plan}" if own else None)
            del self.s["attachments"][att["id"]]
        for drain_id in [k for k, d in self.s["drains"].items() if d.get("addon_id") == addon["id"]]:
            del self.s["drains"][drain_id]
        del self.s["addons"][addon["id"]]
        app = self.s["apps"].get(addon["app_id"])
        if app and release and provisioned and not released:
            self.create_release(app, f"Remove {plan}")

    def add_drain(self, app, url, addon=None):
        """A log drain of `app` (managed by `addon` when given), with Heroku's `d.<uuid>` token."""
        ts = now()
        d = {"id": new_id(), "app_id": app["id"], "url": url, "token": "d." + new_id(),
             "addon_id": addon["id"] if addon else None, "created_at": ts, "updated_at": ts}
        self.s["drains"][d["id"]] = d
        return d

    def add_addon_drain(self, addon, url):
        """The drain an add-on adds to its app: listed on the app with `addon` set, removed with the add-on."""
        return self.add_drain(self.s["apps"][addon["app_id"]], url, addon)

    def delete_addon(self, addon):
        self._drop_addon(addon)
        addon["state"] = "deprovisioned"
        addon["updated_at"] = now()
        return addon

    # ---- asynchronous transitions ---------------------------------------------

    def schedule(self, kind, rid, slowness=1):
        """Queue `rid`'s transition `kind`: due `async_delay` seconds (times `slowness`) from now, or, while
        the world counts reads (`async_reads`), on the async_reads-th GET that names the resource from now on."""
        if self.async_reads:
            # The test says how many reads it wants: the add-on's slowness does not scale them.
            self.s["pending"].append({"kind": kind, "id": rid, "reads_left": self.async_reads,
                                      "names": self._names_read_by(kind, rid)})
        else:
            self.s["pending"].append({"kind": kind, "id": rid, "due": time.time() + self.async_delay * slowness})

    def _names_read_by(self, kind, rid):
        """The path segments by which a GET reads the resource of a transition: its id, and its name,
        hostname or (a release) version."""
        record = self.s[TRANSITION_COLLECTIONS[kind]].get(rid) or {}
        return [rid] + [str(record[key]) for key in ("name", "hostname", "version") if record.get(key) is not None]

    def tick(self, read_path=None):
        """Advance every transitional resource whose time has come: whose delay has passed or, counted in
        reads, which the GET of `read_path` (the request about to be served) reads for the last time needed."""
        if self.frozen or not self.s["pending"]:
            return
        t = time.time()
        segments = set(read_path.split("/")) if read_path else set()
        due, waiting = [], []
        for p in self.s["pending"]:
            if "reads_left" in p:
                if segments.intersection(p["names"]):
                    p["reads_left"] -= 1
                ready = p["reads_left"] <= 0
            else:
                ready = p["due"] <= t
            (due if ready else waiting).append(p)
        if not due:
            return
        self.s["pending"] = waiting
        for p in due:
            handler = COMPLETIONS.get(p["kind"])
            if handler:
                handler(self, p["id"])

    # ---- custom domains and ACM ----------------------------------------------------

    def fail_acm(self, hostname, fail=True):
        """ACM fails for `hostname` (kept in the state, so reset() forgets it); it always fails for a
        hostname containing `acm-fail`."""
        failing = self.s.setdefault("acm_failing", [])
        host = hostname.lower()
        if fail and host not in failing:
            failing.append(host)
        elif not fail and host in failing:
            failing.remove(host)

    def add_sni_endpoint(self, app, name=None, certificate_chain=None, ssl_cert=None):
        """An SNI endpoint of `app` (record or id or name), named by Heroku unless `name` is given.
        POST /apps/{app}/sni-endpoints passes the checked chain and its `ssl_cert`; a test that
        calls this with neither gets a certificate for `<name>.example.com` from a test CA."""
        app = self.app(app) if isinstance(app, str) else app
        name = name or f"{random.choice(catalogue.NOUNS)}-{self.next_number()}"
        if certificate_chain is None:
            certificate_chain, _key = certificates.default_ca().issue(f"{name}.example.com")
            ssl_cert = certificates.ssl_cert(certificates.load_chain(certificate_chain))
        ts = now()
        rec = {"id": new_id(), "app_id": app["id"], "created_at": ts, "updated_at": ts, "name": name,
               "display_name": None, "certificate_chain": certificate_chain, "ssl_cert": ssl_cert}
        self.s["sni_endpoints"][rec["id"]] = rec
        return rec

    # ---- app webhooks ------------------------------------------------------

    def webhook_event(self, app, include, action, data):
        """Something happened on `app` (`include` is its event type, e.g. api:release): an event, and a
        delivery to each webhook of the app that includes it; nothing when none does. `data` (a function)
        gives the resource's representation. Deliveries are attempted at once: a receiver whose URL holds
        `fail` answers 500, so a notify webhook's delivery fails and a sync one's is retried later; any
        other receiver answers 200."""
        hooks = [h for h in self.s["webhooks"].values() if h["app_id"] == app["id"] and include in h["include"]]
        if not hooks:
            return None
        ts = now()
        event = {"id": new_id(), "app_id": app["id"], "include": include, "action": action,
                 "resource": include.split(":")[-1], "data": data(), "previous_data": {},
                 "actor_id": self.s["account_id"], "created_at": ts, "updated_at": ts}
        self.s["webhook_events"][event["id"]] = event
        retry_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
        for hook in hooks:
            failed = "fail" in hook["url"]
            retrying = failed and hook["level"] == "sync"
            delivery = {"id": new_id(), "seq": self.next_number(), "app_id": app["id"], "webhook_id": hook["id"],
                        "webhook_level": hook["level"], "event_id": event["id"], "include": include,
                        "status": "retrying" if retrying else "failed" if failed else "succeeded",
                        "num_attempts": 1, "next_attempt_at": retry_at if retrying else None,
                        "last_attempt": {"id": new_id(), "code": 500 if failed else 200, "error_class": None,
                                         "status": "failed" if failed else "succeeded",
                                         "created_at": ts, "updated_at": ts},
                        "created_at": ts, "updated_at": ts}
            self.s["webhook_deliveries"][delivery["id"]] = delivery
        return event

    # ---- slugs -----------------------------------------------------------

    def create_slug(self, app, process_types, commit=None, stack=None, checksum=None,
                    commit_description=None, buildpack_provided_description=None):
        ts = now()
        stack_rec = self.stack(stack) if stack else self.stacks[app["build_stack_id"]]
        slug = {"id": new_id(), "app_id": app["id"], "process_types": dict(process_types),
                "commit": commit, "commit_description": commit_description, "checksum": checksum,
                "buildpack_provided_description": buildpack_provided_description,
                "stack_id": stack_rec["id"], "size": None, "created_at": ts, "updated_at": ts}
        self.s["slugs"][slug["id"]] = slug
        return slug


def lookup_by_id_or(records, ident, field, what):
    """Find a record in an iterable by id or by another field."""
    for rec in records:
        if rec["id"] == ident or rec.get(field) == ident:
            return rec
    raise not_found(what)


__all__ = ["World", "lookup_by_id_or", "ApiError", "is_uuid"]
