"""Automated Certificate Management of an app: on, off, refresh. Turning it on orders a certificate
for each custom domain (`acm_status` pending -> cert issued, see domains.order_certificate); off
clears their ACM status; a refresh (`heroku certs:auto:refresh`) retries the failing and failed."""
from .. import views
from ..core import now
from .domains import cancel_certificate, custom_domains, order_certificate


def enable_acm(ctx, app):
    w = ctx.world
    a = w.app(app)
    if not a["acm"]:
        a["acm"], a["updated_at"] = True, now()
        for d in custom_domains(w, a):
            order_certificate(w, a, d)
    return views.app(w, a)


def disable_acm(ctx, app):
    w = ctx.world
    a = w.app(app)
    if a["acm"]:
        a["acm"], a["updated_at"] = False, now()
        for d in custom_domains(w, a):
            cancel_certificate(d)
    return views.app(w, a)


def refresh_acm(ctx, app):
    w = ctx.world
    a = w.app(app)
    if a["acm"]:
        for d in custom_domains(w, a):
            if d.get("acm_status") in ("failing", "failed"):
                order_certificate(w, a, d)
    return views.app(w, a)


ROUTES = (
    ("/apps/{app}/acm", {"POST": enable_acm, "DELETE": disable_acm, "PATCH": refresh_acm}),
)
