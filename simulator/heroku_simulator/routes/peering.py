"""A Private Space's VPC peering (schema `peering` and `peering-info`).

* A peering connection is requested from the customer's AWS account, never through Heroku's API: a test
  adds one with `add_peering(world, space, ...)`, in `pending-acceptance` unless it says otherwise.
* `GET /spaces/{space}/peering-info`: what the AWS side needs (Heroku's AWS account, region, VPC id and
  CIDR, the dyno CIDR blocks to route, the CIDR blocks a peer must not overlap).
* `GET /spaces/{space}/peerings`, `GET /spaces/{space}/peerings/{pcx_id}` (unknown: 404).
* `POST .../peerings/{pcx_id}/actions/accept`: only a `pending-acceptance` peering is accepted (else 422
  `invalid_params` naming its status); it goes to `provisioning`, then `active` through World.schedule
  (kind `peering`, ended by `complete_peering`).
* `POST /spaces/{space}/peerings` with `{"pcx_id": ...}`: the same accept, as the Heroku CLI's
  `spaces:peerings:accept` sends it (Accept `version=3.dogwood`); not in Heroku's schema.
* `DELETE .../peerings/{pcx_id}`: rejects a pending peering (`rejected`) or destroys a provisioning or
  active one (`deleted`); the answer is the peering so, and the space lists it no more. A peering in
  any other status answers 422.
* A Fir space has no VPC peering (Heroku's Private Space Peering article): its peering info, list,
  accept and destroy answer 422 `invalid_params`; one peering read by its id answers 404, as a Fir
  space holds none.
"""
import hashlib
import ipaddress

from ..core import invalid, not_found, now
from ..server import Page
from ..world import completes
from .generations import space_refuses

PENDING, PROVISIONING, ACTIVE = "pending-acceptance", "provisioning", "active"
DESTROYABLE = {PENDING: "rejected", PROVISIONING: "deleted", ACTIVE: "deleted"}


def _digits(seed, count):
    return str(int(hashlib.sha256(seed.encode()).hexdigest(), 16))[:count]


def heroku_aws_account(sp):
    """The AWS account of Heroku's side of a space: stable for the space."""
    return _digits("aws:" + sp["id"], 12)


def space_vpc(sp):
    return "vpc-" + hashlib.sha256(("vpc:" + sp["id"]).encode()).hexdigest()[:17]


def add_peering(w, space, pcx_id=None, status=PENDING, vpc_id="vpc-0a1b2c3d4e5f60718", cidr_blocks=("192.168.0.0/16",),
                aws_account_id="210987654321", aws_region=None):
    """A peering connection the customer's AWS account requested to `space` (name or id): its record."""
    sp = w.space(space)
    pcx_id = pcx_id or "pcx-" + hashlib.sha256(("pcx:%s:%d" % (sp["id"], w.next_number())).encode()).hexdigest()[:17]
    rec = {"pcx_id": pcx_id, "space_id": sp["id"], "type": "customer-managed", "cidr_blocks": list(cidr_blocks),
           "status": status, "aws_vpc_id": vpc_id, "aws_account_id": aws_account_id,
           "aws_region": aws_region or w.regions[sp["region_id"]]["provider"]["region"],
           "expires": "2099-01-01T00:00:00Z", "updated_at": now()}
    w.s["peerings"][pcx_id] = rec
    return rec


def view(w, rec):
    return dict((key, rec[key]) for key in ("type", "pcx_id", "cidr_blocks", "status", "aws_vpc_id", "aws_region",
                                            "aws_account_id", "expires"))


def peering_space(w, space):
    sp = w.space(space)
    space_refuses(sp, "peering")
    return sp


def find(w, sp, pcx_id):
    rec = w.s["peerings"].get(pcx_id)
    if rec is None or rec["space_id"] != sp["id"] or rec["status"] in DESTROYABLE.values():
        raise not_found("peering")
    return rec


def peering_info(ctx, space):
    w = ctx.world
    sp = peering_space(w, space)
    network = ipaddress.ip_network(sp["cidr"])
    # Heroku routes four /20 blocks of the space's /16 to its dynos, as its Peering article shows.
    dynos = [str(block) for block in list(network.subnets(new_prefix=20))[8:10] + list(network.subnets(new_prefix=20))[0:2]]
    return {"aws_account_id": heroku_aws_account(sp), "aws_region": w.regions[sp["region_id"]]["provider"]["region"],
            "vpc_id": space_vpc(sp), "vpc_cidr": sp["cidr"], "dyno_cidr_blocks": dynos,
            "space_cidr_blocks": dynos, "unavailable_cidr_blocks": [sp["data_cidr"]]}


def list_peerings(ctx, space):
    w = ctx.world
    sp = peering_space(w, space)
    recs = [rec for rec in w.s["peerings"].values()
            if rec["space_id"] == sp["id"] and rec["status"] not in DESTROYABLE.values()]
    return Page(recs, lambda rec: view(w, rec), "pcx_id")


def get_peering(ctx, space, pcx_id):
    w = ctx.world
    sp = w.space(space)
    return view(w, find(w, sp, pcx_id))


def accept_peering_by_body(ctx, space):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    if not isinstance(body.get("pcx_id"), str):
        raise invalid("Invalid params: pcx_id is required.")
    return accept_peering(ctx, space, body["pcx_id"])


def accept_peering(ctx, space, pcx_id):
    w = ctx.world
    sp = peering_space(w, space)
    rec = find(w, sp, pcx_id)
    if rec["status"] != PENDING:
        raise invalid(f"Peering connection {pcx_id} is {rec['status']}: only a peering connection pending "
                      "acceptance can be accepted.")
    rec["status"], rec["updated_at"] = PROVISIONING, now()
    w.schedule("peering", pcx_id)
    return view(w, rec)


def destroy_peering(ctx, space, pcx_id):
    w = ctx.world
    sp = peering_space(w, space)
    rec = find(w, sp, pcx_id)
    if rec["status"] not in DESTROYABLE:
        raise invalid(f"Peering connection {pcx_id} is {rec['status']} and cannot be rejected or destroyed.")
    rec["status"], rec["updated_at"] = DESTROYABLE[rec["status"]], now()
    return view(w, rec)


@completes("peering")
def complete_peering(w, pcx_id):
    rec = w.s["peerings"].get(pcx_id)
    if rec and rec["status"] == PROVISIONING:
        rec["status"], rec["updated_at"] = ACTIVE, now()


ROUTES = (
    ("/spaces/{space}/peering-info", {"GET": peering_info}),
    ("/spaces/{space}/peerings", {"GET": list_peerings, "POST": accept_peering_by_body}),
    ("/spaces/{space}/peerings/{pcx_id}", {"GET": get_peering, "DELETE": destroy_peering}),
    ("/spaces/{space}/peerings/{pcx_id}/actions/accept", {"POST": accept_peering}),
)
