"""Serializers: internal records -> the schema's response shapes.
Each function lists every property of its schema definition, so strict
schema validation (strictProperties) and typed clients are satisfied."""
from . import storage
from .catalogue import CEDAR, generation_ref


def _ref(rec, *fields):
    return {f: rec[f] for f in fields} if rec else None


def account(w, u=None):
    u = u or w.account
    default_team = next((t for t in w.s["teams"].values() if t.get("default")), None)
    return {"allow_tracking": True, "beta": False, "created_at": u["created_at"], "email": u["email"],
            "federated": False, "id": u["id"], "identity_provider": None, "last_login": u["updated_at"],
            "name": u["name"], "sms_number": None, "suspended_at": None, "delinquent_at": None,
            "two_factor_authentication": True, "updated_at": u["updated_at"], "verified": True,
            "country_of_residence": None,
            "default_organization": _ref(default_team, "id", "name"),
            "default_team": _ref(default_team, "id", "name")}


def team(w, t):
    role = t["members"].get(w.account["email"])
    ea = w.s.get("enterprise_accounts", {}).get(t.get("enterprise_account_id"))
    return {"id": t["id"], "created_at": t["created_at"], "credit_card_collections": False,
            "default": bool(t.get("default")), "enterprise_account": _ref(ea, "id", "name"),
            "identity_provider": None,
            "membership_limit": None, "name": t["name"], "provisioned_licenses": False,
            "role": role, "type": "enterprise" if ea else "team", "updated_at": t["updated_at"]}


def team_member(w, t, email, role):
    u = w.user_by_email(email)
    return {"created_at": u["created_at"], "email": u["email"], "federated": False,
            "id": u["id"], "identity_provider": None, "role": role,
            "two_factor_authentication": True, "updated_at": u["updated_at"],
            "user": {"email": u["email"], "id": u["id"], "name": u["name"]}}


def _owner(w, a):
    if a["team_id"] and a["owner_id"] == a["team_id"]:
        t = w.s["teams"][a["team_id"]]
        return {"email": f"{t['name']}@herokumanager.com", "id": t["id"]}
    u = w.s["users"].get(a["owner_id"]) or w.account
    return {"email": u["email"], "id": u["id"]}


def _app_common(w, a):
    stack = w.stacks[a["stack_id"]]
    build_stack = w.stacks[a["build_stack_id"]]
    region = w.regions[a["region_id"]]
    return {"archived_at": None, "buildpack_provided_description": None,
            "build_stack": {"id": build_stack["id"], "name": build_stack["name"]},
            "created_at": a["created_at"], "generation": generation_ref(app_generation(w, a)),
            "git_url": f"https://git.heroku.com/{a['name']}.git",
            "id": a["id"], "internal_routing": a["internal_routing"], "maintenance": a["maintenance"],
            "name": a["name"], "owner": _owner(w, a),
            "region": {"id": region["id"], "name": region["name"]},
            "released_at": a["released_at"], "repo_size": None, "slug_size": None,
            "stack": {"id": stack["id"], "name": stack["name"]}, "updated_at": a["updated_at"],
            "web_url": f"https://{a['name']}.herokuapp.com/"}


def app(w, a):
    out = _app_common(w, a)
    t = w.s["teams"].get(a["team_id"]) if a["team_id"] else None
    sp = w.s["spaces"].get(a["space_id"]) if a["space_id"] else None
    out.update({"acm": a["acm"], "organization": _ref(t, "id", "name"), "team": _ref(t, "id", "name"),
                "space": {"id": sp["id"], "name": sp["name"], "shield": sp["shield"]} if sp else None})
    return out


def team_app(w, a):
    out = _app_common(w, a)
    t = w.s["teams"].get(a["team_id"]) if a["team_id"] else None
    sp = w.s["spaces"].get(a["space_id"]) if a["space_id"] else None
    out.update({"joined": False, "locked": a["locked"], "team": _ref(t, "id", "name"),
                "space": _ref(sp, "id", "name")})
    return out


def release(w, r):
    a = w.s["apps"][r["app_id"]]
    cur = w.current_release(a)
    u = w.s["users"].get(r["user_id"]) or w.account
    return {"addon_plan_names": list(r["addon_plan_names"]), "app": {"name": a["name"], "id": a["id"]},
            "created_at": r["created_at"], "description": r["description"], "id": r["id"],
            "updated_at": r["updated_at"], "slug": {"id": r["slug_id"]} if r["slug_id"] else None,
            # What the release runs (a slug on Cedar, an OCI image on Fir), and whether a rollback may go back to it.
            "artifacts": ([{"type": "slug", "id": r["slug_id"]}] if r["slug_id"] else [])
            + ([{"type": "oci-image", "id": r["oci_image_id"]}] if r.get("oci_image_id") else []),
            "eligible_for_rollback": bool(r["slug_id"] or r.get("oci_image_id")) and r["status"] == "succeeded",
            "status": r["status"], "user": {"id": u["id"], "email": u["email"]},
            "version": r["version"], "current": cur is not None and cur["id"] == r["id"],
            "output_stream_url": storage.stream_url(w, "releases", r["id"]) if r.get("release_phase") else None}


def slug(w, s):
    st = w.stacks[s["stack_id"]]
    return {"blob": {"method": "get", "url": f"https://s3.example.com/slugs/{s['id']}.tgz"},
            "buildpack_provided_description": s["buildpack_provided_description"],
            "checksum": s["checksum"], "commit": s["commit"], "commit_description": s["commit_description"],
            "created_at": s["created_at"], "id": s["id"], "process_types": dict(s["process_types"]),
            "size": s["size"], "stack": {"id": st["id"], "name": st["name"]}, "updated_at": s["updated_at"]}


def build(w, b):
    u = w.s["users"].get(b["user_id"]) or w.account
    return {"app": {"id": b["app_id"]}, "buildpacks": b["buildpacks"], "created_at": b["created_at"],
            "id": b["id"], "output_stream_url": storage.stream_url(w, "builds", b["id"]),
            "source_blob": dict({"version_description": None}, **b["source_blob"]),
            "release": {"id": b["release_id"]} if b.get("release_id") else None,
            "slug": {"id": b["slug_id"]} if b.get("slug_id") else None,
            "stack": b["stack"], "status": b["status"], "updated_at": b["updated_at"],
            "user": {"id": u["id"], "email": u["email"]}}


def formation(w, a, f):
    return {"app": {"name": a["name"], "id": a["id"]}, "command": f["command"],
            "created_at": f["created_at"], "id": f["id"], "quantity": f["quantity"],
            # Heroku's 2025 schema names the size in dyno_size and keeps the deprecated size beside it.
            "dyno_size": _ref(w.dyno_size(f["size"], legacy=True), "id", "name"),
            "size": f["size"], "type": f["type"], "updated_at": f["updated_at"]}


def feature(f, enabled):
    name, display, desc, state = f
    from .core import stable_id
    return {"created_at": "2023-01-01T00:00:00Z", "description": desc,
            "doc_url": f"https://devcenter.heroku.com/articles/{name}", "enabled": enabled,
            "id": stable_id("feature:" + name), "name": name, "state": state,
            "updated_at": "2023-01-01T00:00:00Z", "display_name": display,
            "feedback_email": "feedback@heroku.com"}


def addon(w, ad):
    a = w.s["apps"].get(ad["app_id"])
    plan = w.plans[ad["plan_id"]]
    svc = w.services[ad["service_id"]]
    team = w.s["teams"].get(a["team_id"]) if a and a["team_id"] else None
    if team:
        billing = {"id": team["id"], "name": team["name"], "type": "team"}
    else:
        billing = {"id": ad["app_id"], "name": a["name"] if a else "", "type": "app"}
    var_names = []
    for att in w.s["attachments"].values():
        if att["addon_id"] == ad["id"] and att["app_id"] == ad["app_id"]:
            var_names = w.addon_var_names(ad, att["name"])
            break
    return {"actions": [], "addon_service": {"id": svc["id"], "name": svc["name"]},
            "billing_entity": billing,
            "app": {"id": ad["app_id"], "name": a["name"] if a else ad.get("app_name", "")},
            "billed_price": dict(plan["price"]), "config_vars": var_names,
            "created_at": ad["created_at"], "id": ad["id"], "name": ad["name"],
            "plan": {"id": plan["id"], "name": plan["name"]}, "provider_id": ad["provider_id"],
            "provision_message": ad.get("provision_message", ""),
            "state": ad["state"], "updated_at": ad["updated_at"],
            "web_url": f"https://addons-sso.heroku.com/apps/{ad['app_id']}/addons/{ad['id']}"}


def attachment(w, att):
    ad = w.s["addons"][att["addon_id"]]
    owner = w.s["apps"].get(ad["app_id"])
    a = w.s["apps"][att["app_id"]]
    return {"addon": {"id": ad["id"], "name": ad["name"],
                      "app": {"id": ad["app_id"], "name": owner["name"] if owner else ""}},
            "app": {"id": a["id"], "name": a["name"]}, "created_at": att["created_at"],
            "id": att["id"], "name": att["name"], "namespace": att["namespace"],
            "updated_at": att["updated_at"],
            "web_url": f"https://addons-sso.heroku.com/apps/{a['id']}/addons/{ad['id']}",
            "log_input_url": None}


def pipeline(w, p):
    return {"created_at": p["created_at"], "generation": generation_ref(pipeline_generation(w, p)), "id": p["id"], "name": p["name"],
            "owner": dict(p["owner"]) if p["owner"] else None, "updated_at": p["updated_at"]}


def coupling(w, c):
    p = w.s["pipelines"].get(c["pipeline_id"])
    a = w.s["apps"].get(c["app_id"])
    return {"app": {"id": c["app_id"], "name": a["name"] if a else None},
            "created_at": c["created_at"], "id": c["id"],
            "pipeline": {"id": c["pipeline_id"], "name": p["name"] if p else None},
            "stage": c["stage"], "updated_at": c["updated_at"]}


def promotion(w, pr):
    return {"created_at": pr["created_at"], "id": pr["id"], "pipeline": {"id": pr["pipeline_id"]},
            "source": {"app": {"id": pr["source_app_id"]}, "release": {"id": pr["source_release_id"]}},
            "status": pr["status"], "updated_at": pr["updated_at"]}


def promotion_target(w, t):
    return {"app": {"id": t["app_id"]}, "error_message": t["error_message"], "id": t["id"],
            "pipeline_promotion": {"id": t["promotion_id"]},
            "release": {"id": t["release_id"]} if t["release_id"] else None, "status": t["status"]}


def space(w, sp):
    t = w.s["teams"][sp["team_id"]]
    r = w.regions[sp["region_id"]]
    return {"created_at": sp["created_at"], "generation": generation_ref(space_generation(sp)), "id": sp["id"],
            "name": sp["name"],
            "organization": {"name": t["name"]}, "team": {"id": t["id"], "name": t["name"]},
            "region": {"id": r["id"], "name": r["name"]}, "shield": sp["shield"], "state": sp["state"],
            "updated_at": sp["updated_at"], "cidr": sp["cidr"], "data_cidr": sp["data_cidr"]}


def ruleset(w, sp, rs):
    return {"id": rs["id"], "space": {"id": sp["id"], "name": sp["name"]}, "created_at": rs["created_at"],
            "rules": [dict(r) for r in rs["rules"]], "created_by": rs["created_by"]}


def space_nat(w, sp):
    allocated = sp["state"] == "allocated"
    return {"created_at": sp["created_at"], "sources": list(sp["nat_sources"]) if allocated else [],
            "state": "enabled" if allocated else "updating", "updated_at": sp["updated_at"]}


SPACE_PERMISSIONS = {"create_apps": "Create apps in the space", "view_logs": "View logs of apps in the space",
                     "view_metrics": "View metrics of apps in the space"}


def space_access(w, sp, u, acc):
    return {"space": {"name": sp["name"], "id": sp["id"]}, "created_at": acc["created_at"],
            "id": acc["id"], "updated_at": acc["updated_at"],
            "permissions": [{"description": SPACE_PERMISSIONS.get(p, p), "name": p} for p in acc["permissions"]],
            "user": {"email": u["email"], "id": u["id"]}}


def domain(w, a, d):
    # Records saved before ACM and SNI endpoints were simulated lack those fields.
    sni = w.s["sni_endpoints"].get(d.get("sni_endpoint_id") or "")
    return {"acm_status": d.get("acm_status"), "acm_status_reason": d.get("acm_status_reason"),
            "app": {"name": a["name"], "id": a["id"]}, "cname": d["cname"], "created_at": d["created_at"],
            "hostname": d["hostname"], "id": d["id"], "kind": d["kind"], "updated_at": d["updated_at"],
            "status": d["status"], "sni_endpoint": _ref(sni, "id", "name")}


def heroku_domain(w, a):
    return domain(w, a, {"id": a["heroku_domain_id"], "hostname": f"{a['name']}.herokuapp.com",
                         "kind": "heroku", "cname": None, "status": "none",
                         "created_at": a["created_at"], "updated_at": a["created_at"]})


def sni_endpoint(w, e):
    # As Heroku's live API serves it (the stored schema predates `app`, `domains`, `ssl_cert` and
    # `display_name`, and still lists the `cname` Heroku no longer sends). `domains` are domain ids.
    a = w.s["apps"][e["app_id"]]
    return {"app": {"id": a["id"], "name": a["name"]}, "certificate_chain": e["certificate_chain"],
            "created_at": e["created_at"], "display_name": e.get("display_name"),
            "domains": [d["id"] for d in w.s["domains"].values() if d.get("sni_endpoint_id") == e["id"]],
            "id": e["id"], "name": e["name"], "ssl_cert": dict(e["ssl_cert"]), "updated_at": e["updated_at"]}


def drain(w, d):
    ad = w.s["addons"].get(d.get("addon_id") or "")
    a = w.s["apps"].get(d["app_id"])
    addon = None
    if ad:
        owner = w.s["apps"].get(ad["app_id"])
        addon = dict(_ref(ad, "id", "name"), app=_ref(owner, "id", "name"))
    return {"addon": addon, "app": _ref(a, "id", "name"), "created_at": d["created_at"], "id": d["id"],
            "token": d["token"], "updated_at": d["updated_at"], "url": d["url"]}


TEAM_PERMS = {"view": "Can view the app", "deploy": "Can deploy the app",
              "operate": "Can operate the app", "manage": "Can manage the app"}


def collaborator(w, a, c):
    u = w.s["users"][c["user_id"]]
    return {"app": {"name": a["name"], "id": a["id"]}, "created_at": c["created_at"], "id": c["id"],
            "permissions": [{"name": p, "description": TEAM_PERMS.get(p, p)} for p in c["permissions"]],
            "role": c["role"], "updated_at": c["updated_at"],
            "user": {"email": u["email"], "federated": False, "id": u["id"]}}


def expand(w, body, header):
    """`Accept-Expansion: addon_service,plan` swaps those {id, name} references for
    the full records, as Heroku does; the CLI's addons:info reads plan.price.unit."""
    tables = {"plan": w.plans, "addon_service": w.services}
    wanted = [k.strip() for k in header.split(",") if k.strip() in tables]

    def one(item):
        if not isinstance(item, dict):
            return item
        out = dict(item)
        for key in wanted:
            ref = out.get(key)
            if isinstance(ref, dict) and ref.get("id") in tables[key]:
                out[key] = dict(tables[key][ref["id"]])
        return out
    return [one(i) for i in body] if isinstance(body, list) else one(body)


def space_generation(sp):
    """Cedar or Fir, chosen when the space was created (records saved before Fir was simulated are Cedar)."""
    return sp.get("generation") or CEDAR


def pipeline_generation(w, p):
    """A pipeline's generation is that of the first app coupled to it (Heroku keeps a pipeline's apps of one
    generation); a pipeline without apps is Cedar."""
    couplings = sorted((c for c in w.s["couplings"].values() if c["pipeline_id"] == p["id"] and c["app_id"] in w.s["apps"]),
                       key=lambda c: c["created_at"])
    return app_generation(w, w.s["apps"][couplings[0]["app_id"]]) if couplings else CEDAR


def app_generation(w, a):
    """An app's generation is its space's; an app outside a space is Cedar."""
    sp = w.s["spaces"].get(a["space_id"]) if a.get("space_id") else None
    return space_generation(sp) if sp else CEDAR
