"""Formation: an app's process types (defined by its current release), their quantity and size;
one type at a time or a batch that applies all-or-nothing."""
from functools import partial

from .. import views
from ..core import invalid, is_uuid, not_found, now, require_object
from ..server import Page


def quantity(value):
    # The CLI sends quantities as strings ("2"); Heroku accepts both.
    if isinstance(value, bool):
        raise invalid("Invalid params: quantity must be an integer.")
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)
    if not isinstance(value, int):
        raise invalid("Invalid params: quantity must be an integer.")
    if value < 0:
        raise invalid("Invalid params: quantity must be at least 0.")
    return value


def find_type(w, a, ident):
    """A process type of the formation by type name or id."""
    form = w.s["formation"][a["id"]]
    if ident in form:
        return form[ident]
    if is_uuid(ident):
        for f in form.values():
            if f["id"] == ident:
                return f
    raise not_found(f"process type ({ident})")


def plan_update(w, a, ptype, spec):
    """Check one update; returns (formation record, quantity or None, size name or None)."""
    form = w.s["formation"][a["id"]]
    if ptype not in form:
        raise not_found(f"process type ({ptype})")
    f = form[ptype]
    qty = quantity(spec["quantity"]) if spec.get("quantity") is not None else None
    size = None
    # Heroku's 2025 schema names the size {"name": ...} or {"id": ...} in dyno_size; the CLI still sends size.
    wanted = spec.get("size")
    if wanted is None and isinstance(spec.get("dyno_size"), dict):
        wanted = spec["dyno_size"].get("name") or spec["dyno_size"].get("id")
    if wanted is not None:
        if not isinstance(wanted, str):
            raise invalid("Invalid params: size must be a string.")
        try:
            size_rec = w.dyno_size(wanted)
        except Exception:
            raise invalid(f"Invalid params: size {wanted} is not a valid dyno size.")
        if size_rec["private_space_only"] and not a["space_id"]:
            raise invalid(f"{size_rec['name']} dynos are only available in Private Spaces.")
        if a["space_id"] and size_rec["name"] in ("Eco", "Basic"):
            raise invalid(f"{size_rec['name']} dynos are not available in Private Spaces.")
        size = size_rec["name"]
    return f, qty, size


def apply_update(f, qty, size):
    if qty is not None:
        f["quantity"] = qty
    if size is not None:
        f["size"] = size
    f["updated_at"] = now()


def list_formation(ctx, app):
    w = ctx.world
    a = w.app(app)
    return Page(w.s["formation"][a["id"]].values(), partial(views.formation, w, a), "type")


def get_formation(ctx, app, ptype):
    w = ctx.world
    a = w.app(app)
    return views.formation(w, a, find_type(w, a, ptype))


def patch_formation(ctx, app, ptype):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    f, qty, size = plan_update(w, a, find_type(w, a, ptype)["type"], body)
    apply_update(f, qty, size)
    w.webhook_event(a, "api:formation", "update", lambda: views.formation(w, a, f))
    return views.formation(w, a, f)


def batch_formation(ctx, app):
    w = ctx.world
    a = w.app(app)
    body = require_object(ctx.body)
    updates = body.get("updates")
    if not isinstance(updates, list):
        raise invalid("Missing required params: updates.")
    # Validate everything first: a batch applies all-or-nothing.
    planned = []
    for up in updates:
        if not isinstance(up, dict) or not isinstance(up.get("type"), str):
            raise invalid("Invalid params: updates[].type is required.")
        planned.append(plan_update(w, a, up["type"], up))
    for f, qty, size in planned:
        apply_update(f, qty, size)
        w.webhook_event(a, "api:formation", "update", partial(views.formation, w, a, f))
    return [views.formation(w, a, f) for f, _, _ in planned]


ROUTES = (
    ("/apps/{app}/formation", {"GET": list_formation, "PATCH": batch_formation}),
    ("/apps/{app}/formation/{ptype}", {"GET": get_formation, "PATCH": patch_formation}),
)
