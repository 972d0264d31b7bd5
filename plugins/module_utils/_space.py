# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Private Spaces, their NAT and inbound ruleset: the spec of heroku_space and heroku_space_info."""

from __future__ import annotations

import ipaddress

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Info, Module, Paths, Resource, Section, Source, required, state_option, wait_options,
)

# outbound_ips and inbound_rules come from their own endpoints; the space's representation holds the rest.
RETURNED = dict(
    id=("id",), name=("name",), team=("team", "name"), region=("region", "name"), state=("state",),
    shield=("shield",), cidr=("cidr",), data_cidr=("data_cidr",),
    created_at=("created_at",), updated_at=("updated_at",),
)

# The regions Heroku runs Private Spaces in.
REGIONS = ("dublin", "frankfurt", "london", "montreal", "mumbai", "oregon", "singapore", "sydney", "tokyo", "virginia")
PRIVATE_16 = [ipaddress.ip_network(block) for block in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
REMAKE = "create a new space with the wanted value, move the apps, then delete this one."


def cidr_problem(value, private_16=False):
    """Why ``value`` is not an IPv4 CIDR block (or, with ``private_16``, not a private /16 one), or None."""
    try:
        # Not strict: Heroku's own examples (172.20.20.30/16, 1.1.1.1/1) have host bits set.
        network = ipaddress.ip_network(value, strict=False)
    except ValueError as exc:
        return str(exc)
    if network.version != 4:
        return "Heroku takes IPv4 blocks only"
    if private_16 and (network.prefixlen != 16 or not any(network.subnet_of(block) for block in PRIVATE_16)):
        return "Heroku needs a private /16 block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16"
    return None


def validate(params):
    for option in ("cidr", "data_cidr"):
        value = params.get(option)
        problem = value is not None and cidr_problem(value, private_16=option == "cidr")
        if problem:
            raise HerokuInputError("%s=%r is not usable: %s." % (option, value, problem), option=option)
    for index, rule in enumerate(params.get("inbound_rules") or []):
        problem = cidr_problem(rule["source"])
        if problem:
            raise HerokuInputError("inbound_rules[%d].source=%r is not an IPv4 CIDR block like 203.0.113.0/24: %s." % (
                index, rule["source"], problem), option="inbound_rules")


def desired(params):
    wanted = dict((option, params[option]) for option in OPTIONS if params.get(option) is not None)
    if "inbound_rules" in wanted:
        # Heroku wants the prefix length spelled out; a bare address is that one address.
        wanted["inbound_rules"] = [
            dict(source=rule["source"] if "/" in rule["source"] else rule["source"] + "/32", action=rule["action"])
            for rule in wanted["inbound_rules"]]
    return wanted


def interpret(rep, params):
    present = params["state"] == "present"
    if rep is not None and rep.get("state") == "deleting":
        if not present:
            return None  # already on its way out
        raise HerokuStateError("Space %s is being deleted; run again once Heroku has finished deleting it "
                               "to create it anew." % rep["name"])
    if rep is None and present and not params.get("team"):
        raise HerokuInputError("Space %s does not exist and team is required to create it: name the team that will own it."
                               % (params.get("new_name") or params["name"]), option="team")
    return rep


def before_creation(params):
    return dict(team=params["team"], state="allocating")


def is_allocated(rep):
    # Heroku has no NAT to show until the space is allocated.
    return rep.get("state") == "allocated"


def outbound_ips(client, space):
    """The space's stable outbound IPs."""
    return list(client.get(api_path("/spaces/{}/nat", space["id"])).get("sources") or [])


def inbound_rules(client, space, params=None):
    """The space's inbound ruleset as ``[{source, action}]``, in Heroku's order."""
    ruleset = client.get(api_path("/spaces/{}/inbound-ruleset", space["id"])) or {}
    return [dict(source=rule["source"], action=rule["action"]) for rule in ruleset.get("rules") or []]


def write_inbound_rules(client, rep, before, after, params, context):
    client.put(api_path("/spaces/{}/inbound-ruleset", rep["id"]), {"rules": after})


OUTBOUND_IPS = Detail("outbound_ips", outbound_ips, when=is_allocated, default=[])
FIELDS = (
    Field("new_name", key="name", body_key="name", create=False),
    Field("team", immutable="a space cannot change team here; %s" % REMAKE),
    Field("region", immutable="Heroku cannot move a space to another region; %s" % REMAKE),
    Field("cidr", immutable="the network block is fixed at creation; %s" % REMAKE),
    Field("data_cidr", immutable="the data network block is fixed at creation; %s" % REMAKE),
    Field("shield", immutable="Shield is chosen at creation; %s" % REMAKE),
)
SECTIONS = (Section("inbound_rules", inbound_rules, write_inbound_rules),)
OPTIONS = tuple(item.option for item in FIELDS + SECTIONS)

SPACE = Resource(
    noun="space", result_key="heroku_space", returned=RETURNED, paths=Paths(item="/spaces/{id}", create="/spaces"),
    identity="name", rename="new_name", fields=FIELDS, sections=SECTIONS, details=(OUTBOUND_IPS,),
    names=dict(name="space", new_name=("space", False), team="team"),
    # A space seen deleting while we wait was deleted by someone: it will never be allocated.
    ready_states=("allocated",), failed_states=("deleting",), wait="wait", wait_timeout="wait_timeout",
    validate=validate, desired=desired, interpret=interpret, before_creation=before_creation,
)

HEROKU_SPACE = Module(SPACE, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), team=dict(type="str"),
    region=dict(type="str", choices=list(REGIONS)), cidr=dict(type="str"), data_cidr=dict(type="str"), shield=dict(type="bool"),
    inbound_rules=dict(type="list", elements="dict", options=dict(
        source=required(), action=dict(type="str", choices=["allow", "deny"], default="allow"))),
    # Allocation takes 10-20 minutes on Heroku.
    **wait_options(default_timeout=1800)
))

HEROKU_SPACE_INFO = Module(Info(
    result_key="heroku_space_info", returned=RETURNED, names=dict(name="space", team="team"),
    sources=(Source("name", "/spaces/{name}", single=True), Source("team", "/teams/{team}/spaces"), Source(None, "/spaces")),
    # Two more reads a space: worth it for one, too many for a whole list.
    details=(OUTBOUND_IPS, Detail("inbound_rules", inbound_rules)),
), dict(name=dict(type="str"), team=dict(type="str")), mutually_exclusive=(("name", "team"),))
