"""Domains of an app: its default `<app>.herokuapp.com` and its custom domains, with the DNS target
(`cname`), the ACM certificate's progress (`acm_status`, driven by start_domain below and
routes/acm.py) and the SNI endpoint a domain is bound to; and the app's SNI endpoints (uploaded
certificates: a chain and its private key, read with ../certificates.py; the key is checked and
never stored nor shown). Tests give an app one with World.add_sni_endpoint too."""
import re

from .. import certificates, views
from ..core import invalid, new_id, not_found, now, require_object
from ..server import Page
from ..world import completes, World
from .common import one_of_app, under

HOSTNAME_RE = re.compile(r"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def custom_domains(w, a):
    return [d for d in w.s["domains"].values() if d["app_id"] == a["id"]]


def find_domain(w, a, ident):
    """A custom domain by id or hostname; None for the app's herokuapp.com domain. Hostnames compare
    case-insensitively: Heroku stores them lower case and finds `WWW.Example.com` too."""
    host = ident.lower()
    if ident == a["heroku_domain_id"] or host == f"{a['name']}.herokuapp.com":
        return None
    for d in custom_domains(w, a):
        if ident == d["id"] or host == d["hostname"]:
            return d
    raise not_found("domain")


def domain_view(w, a, d):
    return views.heroku_domain(w, a) if d is None else views.domain(w, a, d)


def find_sni_endpoint(w, a, ident):
    for e in w.s["sni_endpoints"].values():
        if e["app_id"] == a["id"] and ident in (e["id"], e["name"]):
            return e
    raise not_found("SNI endpoint")


def sni_endpoint_id(w, a, body):
    """The `sni_endpoint` a create or update must carry since November 2021 (Heroku changelog
    1938): null, or the id or name of one of the app's SNI endpoints (else 404)."""
    ident = body["sni_endpoint"]
    if ident is None:
        return None
    if not isinstance(ident, str):
        raise invalid("Invalid params: sni_endpoint must be null or the id or name of an SNI endpoint.")
    return find_sni_endpoint(w, a, ident)["id"]


def domain_owner(w, host):
    """The id of the app that has hostname `host`, or None. Every herokuapp.com name is taken: by the
    app of that name, or by Heroku."""
    if host.endswith(".herokuapp.com"):
        return w.app_names.get(host[:-len(".herokuapp.com")], "heroku")
    return next((d["app_id"] for d in w.s["domains"].values() if d["hostname"] == host), None)


def require_params(body, *fields):
    """Heroku's 422 for absent fields; a null value is present (`"sni_endpoint": null` is fine)."""
    missing = [f for f in fields if f not in body]
    if missing:
        raise invalid(f"Require params: {', '.join(missing)}.")


# ---- routes --------------------------------------------------------------------------

def list_domains(ctx, app):
    w = ctx.world
    a = w.app(app)
    recs = [views.heroku_domain(w, a)] + [views.domain(w, a, d) for d in custom_domains(w, a)]
    return Page(recs, dict, "hostname")


def create_domain(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    require_params(body, "hostname", "sni_endpoint")
    host = body["hostname"]
    if not isinstance(host, str) or len(host) > 253 or not HOSTNAME_RE.match(host.lower()):
        raise invalid("Hostname is invalid.")
    host = host.lower()
    sni = sni_endpoint_id(w, a, body)
    owner = domain_owner(w, host)
    if owner == a["id"]:
        raise invalid("Domain already added to this app.")
    if owner is not None:
        raise invalid(f"{host} is currently in use by another app.")
    ts = now()
    d = {"id": new_id(), "app_id": a["id"], "hostname": host, "kind": "custom",
         "cname": f"{host.replace('*.', 'wildcard.')}.herokudns.com", "sni_endpoint_id": sni,
         "created_at": ts, "updated_at": ts}
    w.s["domains"][d["id"]] = d
    start_domain(w, a, d)
    return 201, views.domain(w, a, d)


def get_domain(ctx, app, domain):
    w = ctx.world
    a = w.app(app)
    return domain_view(w, a, find_domain(w, a, domain))


def update_domain(ctx, app, domain):
    """Bind the domain to an SNI endpoint, or unbind it (null)."""
    w = ctx.world
    a = w.app(app)
    d = find_domain(w, a, domain)
    body = require_object(ctx.body)
    require_params(body, "sni_endpoint")
    sni = sni_endpoint_id(w, a, body)
    if d is None:
        raise invalid("The default herokuapp.com domain cannot be bound to an SNI endpoint.")
    if sni != d.get("sni_endpoint_id"):
        d["sni_endpoint_id"], d["updated_at"] = sni, now()
    return views.domain(w, a, d)


def delete_domain(ctx, app, domain):
    w = ctx.world
    a = w.app(app)
    d = find_domain(w, a, domain)
    if d is None:
        raise invalid("The default herokuapp.com domain cannot be removed.")
    del w.s["domains"][d["id"]]
    return views.domain(w, a, d)


def certificate_fields(body):
    """The chain and key of a create or update, checked as Heroku checks them (422 otherwise):
    PEM certificates, an unencrypted private key, and the key of the first (leaf) certificate."""
    body = require_object(body)
    require_params(body, "certificate_chain", "private_key")
    try:
        chain = certificates.load_chain(body["certificate_chain"])
    except ValueError:
        raise invalid("certificate_chain is not a PEM certificate chain.")
    try:
        key = certificates.load_key(body["private_key"])
    except ValueError:
        raise invalid("private_key is not an unencrypted PEM private key.")
    if not certificates.key_matches(chain[0], key):
        raise invalid("Private key does not match the certificate.")
    return {"certificate_chain": body["certificate_chain"], "ssl_cert": certificates.ssl_cert(chain)}


def create_sni_endpoint(ctx, app):
    w = ctx.world
    a = w.app(app)
    return 201, views.sni_endpoint(w, w.add_sni_endpoint(a, **certificate_fields(ctx.body)))


def update_sni_endpoint(ctx, app, sni_endpoint):
    """A new certificate (and key) for the endpoint: a renewal. Its name and domains stay."""
    w = ctx.world
    e = find_sni_endpoint(w, w.app(app), sni_endpoint)
    e.update(certificate_fields(ctx.body), updated_at=now())
    return views.sni_endpoint(w, e)


def delete_sni_endpoint(ctx, app, sni_endpoint):
    w = ctx.world
    e = find_sni_endpoint(w, w.app(app), sni_endpoint)
    answer = views.sni_endpoint(w, e)
    # Its domains stay on the app, bound to no endpoint.
    for d in w.s["domains"].values():
        if d.get("sni_endpoint_id") == e["id"]:
            d["sni_endpoint_id"], d["updated_at"] = None, now()
    del w.s["sni_endpoints"][e["id"]]
    return answer


# ---- custom domains and their ACM certificates (World.tick runs what World.schedule put off) ----------------------------

# Heroku's ACM statuses of a custom domain: "pending" while the certificate is ordered, then
# "cert issued"; or "failing" (validation fails, Heroku keeps trying) and at last "failed" (it gave
# up until `heroku certs:auto:refresh`). The reason is the schema's example of acm_status_reason.
ACM_FAILURE_REASON = "Failing CCA check"


def start_domain(w, app, domain):
    """A new custom domain: Heroku sets up its DNS target (`status` pending -> succeeded) and,
    with ACM on, orders its certificate at the same time."""
    domain["status"] = "pending"
    order_certificate(w, app, domain)
    w.webhook_event(app, "api:domain", "create", lambda: views.domain(w, app, domain))


def order_certificate(w, app, domain):
    """(Re)start ACM for a custom domain (`acm_status` pending -> cert issued); with ACM off
    there is no ACM status at all."""
    domain["acm_status"] = "pending" if app["acm"] else None
    domain["acm_status_reason"] = None
    domain["updated_at"] = now()
    w.schedule("domain", domain["id"])


def cancel_certificate(domain):
    domain["acm_status"] = domain["acm_status_reason"] = None
    domain["updated_at"] = now()


def acm_fails(w, hostname):
    return "acm-fail" in hostname or hostname in w.s.get("acm_failing", [])


@completes("domain")
def complete_domain(w, rid):
    domain = w.s["domains"].get(rid)
    app = w.s["apps"].get(domain["app_id"]) if domain else None
    if not domain or not app:
        return
    before = dict(domain)
    if domain["status"] == "pending":
        domain["status"] = "succeeded"
    acm = domain.get("acm_status")
    if app["acm"] and acm in ("pending", "failing"):
        if not acm_fails(w, domain["hostname"]):
            domain["acm_status"], domain["acm_status_reason"] = "cert issued", None
        elif acm == "pending":
            domain["acm_status"], domain["acm_status_reason"] = "failing", ACM_FAILURE_REASON
            w.schedule("domain", rid)   # one more attempt before Heroku gives up
        else:
            domain["acm_status"] = "failed"
    if domain != before:
        domain["updated_at"] = now()


ROUTES = (
    ("/apps/{app}/domains", {"GET": list_domains, "POST": create_domain}),
    ("/apps/{app}/domains/{domain}", {"GET": get_domain, "PATCH": update_domain, "DELETE": delete_domain}),
    # The CLI's domains:add lists them first, to offer a choice when there are several.
    ("/apps/{app}/sni-endpoints", {
        "GET": under(World.app, "sni_endpoints", "app_id", views.sni_endpoint),
        "POST": create_sni_endpoint,
    }),
    ("/apps/{app}/sni-endpoints/{sni_endpoint}", {
        "GET": one_of_app(find_sni_endpoint, views.sni_endpoint),
        "PATCH": update_sni_endpoint,
        "DELETE": delete_sni_endpoint,
    }),
)
