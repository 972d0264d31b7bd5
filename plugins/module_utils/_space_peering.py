# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A Private Space's VPC peering connections: the spec of heroku_space_peering and heroku_space_peering_info.

A peering connection is requested from the peer's AWS account; Heroku's API only accepts it (``peering.accept``,
a POST with no body) or rejects / destroys it (``peering.destroy``). So the resource is never created here: its
``state`` is a switch, ``accepted`` once Heroku's status is ``provisioning`` or ``active``. One hook:
``adjust`` refuses to accept a peering whose status is not ``pending-acceptance`` (the vocabulary has no word for
"this change only from these states"). A Fir space has no peering (heroku_generations.REFUSED, ``Generations``);
Heroku finds no peering there, so the one read of the space that tells its generation happens only then.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import has, instead
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Generations, Info, Module, Param, Paths, Resource, Source, required, switch_of, wait_options,
)

PENDING = "pending-acceptance"
# Heroku's statuses of a peering it has accepted: provisioning, then active.
ACCEPTED_STATUSES = ("provisioning", "active")
# What can no longer be accepted, and what to do instead.
NOT_ACCEPTABLE = {
    "initiating-request": "AWS has not finished requesting it: run again once its status is pending-acceptance",
}
ASK_AGAIN = "ask the owner of the peer VPC to request a new peering connection, and accept that one"

RETURNED = dict(
    space=Param("space"), pcx_id=("pcx_id",), status=("status",), accepted=("status",), type=("type",),
    aws_account_id=("aws_account_id",), aws_region=("aws_region",), aws_vpc_id=("aws_vpc_id",),
    cidr_blocks=("cidr_blocks",), expires=("expires",),
)

# state: accepted is Heroku's accept action, turned on once; absent is its destroy (reject while pending).
ACCEPTED = Field("state", key="accepted", create=False, switch=("peering.accept", "peering.destroy"),
                 codec=switch_of("accepted", ACCEPTED_STATUSES))


def adjust(desired, current, params, reads):
    """Heroku accepts only a peering pending acceptance: any other not yet accepted is refused before any write."""
    status = current.get("status")
    if desired.get("state") and not current.get("accepted") and status != PENDING:
        raise HerokuStateError("Peering %s of space %s is %s, and Heroku accepts only a peering that is %s: %s." % (
            params["pcx_id"], params["space"], status, PENDING, NOT_ACCEPTABLE.get(status, ASK_AGAIN)))
    return desired


SPACE_PEERING = Resource(
    noun="peering", result_key="heroku_space_peering", returned=RETURNED,
    paths=Paths(item="peering.info"),
    identity="pcx_id", parent="space", address=("pcx_id",), creatable=False, fields=(ACCEPTED,),
    missing="Peering %(pcx_id)s was not found in space %(space)s: the peer's AWS account requests a peering "
            "connection first (herokuops.platform.heroku_space_peering_info gives what it needs).",
    parent_read="space.info", parent_missing="Space %(space)s was not found.",
    names=dict(space="space", pcx_id=("pcx_id", False)),
    state_key="status", ready_states=("active",), failed_states=("failed", "expired", "rejected", "deleted"),
    wait="wait", wait_timeout="wait_timeout", adjust=adjust,
    # Fir spaces have no peering: where Heroku finds none, the space is read to tell.
    generations=Generations("space", "space", parent="space", parent_read="space.info",
                            features=dict(pcx_id="peering"), described=dict(pcx_id="VPC peering")),
)

HEROKU_SPACE_PEERING = Module(SPACE_PEERING, dict(
    space=required(), pcx_id=required(),
    state=dict(type="str", choices=["accepted", "absent"], default="accepted"),
    # Provisioning an accepted peering takes a few minutes on Heroku.
    **wait_options(default_timeout=600, wait=False)
))


def select(items, params, reads):
    """A Fir space has no peering: fail naming it; with ``pcx_id``, that peering only (or fail naming the others)."""
    space = items[0]
    generation = space["generation"]
    if instead(generation, "space", "peering"):
        raise HerokuInputError("VPC peering is not available on space %s, a %s space: %s." % (
            params["space"], generation.capitalize(), instead(generation, "space", "peering")), option="space")
    if params.get("pcx_id"):
        found = [peering for peering in space["peerings"] if peering["pcx_id"] == params["pcx_id"]]
        if not found:
            raise HerokuStateError("Peering %s was not found in space %s (its peerings: %s)." % (
                params["pcx_id"], params["space"], ", ".join(p["pcx_id"] for p in space["peerings"]) or "none"))
        space["peerings"] = found
    return items


# Read only on a space whose generation has peering.
PEERABLE = has("space", "peering")

HEROKU_SPACE_PEERING_INFO = Module(Info(
    result_key="heroku_space_peering_info", as_list=False,
    returned=dict(space=("name",), generation=("generation", "name")),
    names=dict(space="space", pcx_id=("pcx_id", False)),
    sources=(Source("space", "space.info", single=True, missing="Space %(space)s was not found."),),
    details=(Detail("peering_info", "peering-info.info", when=PEERABLE),
             Detail("peerings", "peering.list", when=PEERABLE, default=[])),
    select=select,
), dict(space=required(), pcx_id=dict(type="str")))
