# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""VPN connections of a Private Space: the spec of heroku_space_vpn and heroku_space_vpn_info.

A connection belongs to its space and is read by name (Heroku's paths take its name or id). Heroku provisions it
asynchronously (``pending`` to ``active``) and only then gives it its two tunnels, each with Heroku's IP, the
customer gateway's IP and a pre-shared key. Heroku's update changes the routable CIDRs only: a new public IP means
a new connection, which this module makes only when the task says ``replace: true``. Only Cedar spaces have VPN
connections: on a Fir space the module fails before any write (heroku_generations.REFUSED, the space's ``vpn``).

Hooks, and the word each stands for that the vocabulary lacks:
- ``adjust`` and ``update_requests``: an immutable field whose change an option turns into a replacement (delete,
  then create anew), where ``Field.immutable`` can only refuse it.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Generations, Info, Module, Param, Paths, Resource, Source, required, state_option, wait_options,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import as_set

RETURNED = dict(
    id=("id",), space=Param("space"), name=("name",), public_ip=("public_ip",), routable_cidrs=("routable_cidrs",),
    status=("status",), status_message=("status_message",), space_cidr_block=("space_cidr_block",),
    ike_version=("ike_version",), tunnels=("tunnels",),
)
# What a replacement's diff shows as the id: the connection is deleted and a new one, with a new id, created.
REPLACED = "(replaced: deleted and created anew, with new tunnels and pre-shared keys)"


def adjust(desired, current, params, reads):
    """A new public IP: refused, Heroku having no way to change it in place, or with replace a new connection."""
    wanted, held = desired.get("public_ip"), current.get("public_ip")
    if wanted is None or held in (None, wanted):
        return desired
    if not params.get("replace"):
        raise HerokuInputError(
            "Heroku cannot change the public IP of VPN connection %s of space %s in place (%s to %s). Set replace: true "
            "to delete the connection and create it anew with the new IP: it gets new tunnels and pre-shared keys, "
            "and the customer gateway must be configured again." % (params["name"], params["space"], held, wanted),
            option="public_ip")
    return dict(desired, id=REPLACED)


def update_requests(rep, body, params):
    """One PATCH of the routable CIDRs; a replacement deletes the connection, then creates it anew, whole."""
    space = params["space"]
    if "id" not in body:
        return [request("vpn-connection.update", dict(routable_cidrs=body["routable_cidrs"]), space=space,
                        vpn_connection=rep["id"])]
    created = dict(name=params["name"], public_ip=params["public_ip"], routable_cidrs=as_set(params["routable_cidrs"]))
    return [request("vpn-connection.destroy", None, space=space, vpn_connection=rep["id"]),
            request("vpn-connection.create", created, space=space)]


# A set: Heroku keeps the order given, which means nothing.
CIDRS = Field("routable_cidrs", unordered=True)

SPACE_VPN = Resource(
    noun="VPN connection", result_key="heroku_space_vpn", returned=RETURNED,
    paths=Paths(item="vpn-connection.info", create="vpn-connection.create", update="vpn-connection.update"),
    identity="name", parent="space",
    fields=(
        Field("public_ip"),
        CIDRS,
        # Never an option: what adjust sets when a replacement gives the connection a new id, for the diff to say so.
        Field("id", create=False),
    ),
    names=dict(space="space", name=("vpn_connection", False), public_ip="public_ipv4", routable_cidrs="cidr_blocks"),
    predicted=dict(status="pending", tunnels=[]),
    state_key="status", ready_states=("active",), failed_states=("failed", "deprovisioning"), wait="wait",
    wait_timeout="wait_timeout",
    # One Heroku is tearing down is gone for state=absent, and cannot be created anew until Heroku is done.
    gone_states=("deprovisioning",),
    # Heroku's pre-shared keys: shown only with show_values.
    answer_secrets=(("tunnels", "pre_shared_key"),), reveal="show_values",
    adjust=adjust, update_requests=update_requests,
    # Only Cedar spaces have VPN connections: the space's generation is read once, for a connection to create.
    generations=Generations("space", "space", features=dict(space="vpn"), described=dict(space="A VPN connection"),
                            owners=dict(space="space.info")),
)

SHOW_VALUES = dict(type="bool", default=False)

HEROKU_SPACE_VPN = Module(SPACE_VPN, dict(
    space=required(), name=required(), public_ip=dict(type="str"), routable_cidrs=dict(type="list", elements="str"),
    state=state_option(), replace=dict(type="bool", default=False), show_values=SHOW_VALUES,
    # Heroku provisions a VPN connection in a few minutes.
    **wait_options(default_timeout=900)
), required_if=(("state", "present", ("public_ip", "routable_cidrs")),))

HEROKU_SPACE_VPN_INFO = Module(Info(
    result_key="heroku_space_vpn_info", returned=RETURNED, fields=(CIDRS,),
    answer_secrets=(("tunnels", "pre_shared_key"),), reveal="show_values",
    names=dict(space="space", name=("vpn_connection", False)),
    sources=(Source("name", "vpn-connection.info", single=True),
             Source(None, "vpn-connection.list", missing="Space %(space)s was not found.")),
), dict(space=required(), name=dict(type="str"), show_values=SHOW_VALUES))
