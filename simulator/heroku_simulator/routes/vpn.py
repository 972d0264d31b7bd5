"""VPN connections of a Private Space (schema `vpn-connection`).

* `POST /spaces/{space}/vpn-connections` with `name`, `public_ip` (the customer gateway's) and
  `routable_cidrs`; `GET` the list; `GET`, `PATCH` (`routable_cidrs` only: Heroku changes nothing else in
  place) and `DELETE /spaces/{space}/vpn-connections/{vpn_connection}` (its id or name).
* A new connection is `pending` and becomes `active` through the world's completion (`World.schedule`:
  at once, after `async_delay`, on the `async_reads`-th read, never while frozen: a VPN that stays pending).
  Its two tunnels, each with Heroku's IP, the customer's IP and a pre-shared key, exist once it is active.
* What Heroku refuses answers 422 `invalid_params`: a name already taken in the space, a public IP that is not
  an IPv4 address, a routable CIDR that is not an IPv4 block or overlaps the space's own network, and any VPN
  connection on a Fir space (Fir has none). Reads of a Fir space's connections find none.
"""
import ipaddress
import random
import secrets
from functools import partial

from ..core import invalid, new_id, not_found, now, require_object
from ..server import Page
from ..world import World, completes
from .common import removed_under
from .generations import space_refuses


def vpn_view(w, v):
    return {"id": v["id"], "name": v["name"], "public_ip": v["public_ip"], "routable_cidrs": list(v["routable_cidrs"]),
            "space_cidr_block": v["space_cidr_block"], "ike_version": v["ike_version"], "status": v["status"],
            "status_message": v["status_message"], "tunnels": [dict(t) for t in v["tunnels"]]}


def space_vpns(w, sp):
    return [v for v in w.s["vpn_connections"].values() if v["space_id"] == sp["id"]]


def find_vpn(w, sp, ident):
    for v in space_vpns(w, sp):
        if ident in (v["id"], v["name"]):
            return v
    raise not_found("vpn connection")


def public_ip(value):
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        raise invalid("Invalid params: public_ip must be an IPv4 address.")
    if address.version != 4:
        raise invalid("Invalid params: public_ip must be an IPv4 address.")
    return str(address)


def routable_cidrs(sp, values):
    if not values:
        raise invalid("Invalid params: routable_cidrs must list at least one CIDR block.")
    space_block = ipaddress.ip_network(sp["cidr"])
    for value in values:
        try:
            block = ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise invalid(f"Invalid params: routable_cidrs: {value} is not a CIDR block.")
        if block.version != 4:
            raise invalid(f"Invalid params: routable_cidrs: {value} is not an IPv4 CIDR block.")
        if block.overlaps(space_block):
            raise invalid(f"Invalid params: supplied CIDR block {value} overlaps the space's network {sp['cidr']}.")
    return list(values)


def create_vpn(ctx, space):
    w = ctx.world
    sp = w.space(space)
    space_refuses(sp, "vpn")
    body = require_object(ctx.body)
    if any(v["name"] == body["name"] for v in space_vpns(w, sp)):
        raise invalid("Name is already taken")
    v = {"id": new_id(), "space_id": sp["id"], "name": body["name"], "public_ip": public_ip(body["public_ip"]),
         "routable_cidrs": routable_cidrs(sp, body["routable_cidrs"]), "space_cidr_block": sp["cidr"],
         "ike_version": 1, "status": "pending", "status_message": "", "tunnels": []}
    w.s["vpn_connections"][v["id"]] = v
    w.schedule("vpn", v["id"])
    return 201, vpn_view(w, v)


def list_vpns(ctx, space):
    w = ctx.world
    return Page(space_vpns(w, w.space(space)), partial(vpn_view, w))


def get_vpn(ctx, space, vpn_connection):
    w = ctx.world
    return vpn_view(w, find_vpn(w, w.space(space), vpn_connection))


def update_vpn(ctx, space, vpn_connection):
    w = ctx.world
    sp = w.space(space)
    v = find_vpn(w, sp, vpn_connection)
    v["routable_cidrs"] = routable_cidrs(sp, require_object(ctx.body)["routable_cidrs"])
    return vpn_view(w, v)


def tunnel(customer_ip, stamp):
    return {"ip": f"52.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}",
            "customer_ip": customer_ip, "pre_shared_key": secrets.token_hex(16), "status": "UP",
            "status_message": "", "last_status_change": stamp}


@completes("vpn")
def complete_vpn(w, rid):
    v = w.s["vpn_connections"].get(rid)
    if v and v["status"] == "pending":
        stamp = now()
        v["status"] = "active"
        v["tunnels"] = [tunnel(v["public_ip"], stamp) for _ in range(2)]


ROUTES = (
    ("/spaces/{space}/vpn-connections", {"POST": create_vpn, "GET": list_vpns}),
    ("/spaces/{space}/vpn-connections/{vpn_connection}", {
        "GET": get_vpn, "PATCH": update_vpn, "DELETE": removed_under(World.space, find_vpn, "vpn_connections", vpn_view)}),
)
