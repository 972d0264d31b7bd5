# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Private Spaces, their NAT and inbound ruleset: the spec of heroku_space and heroku_space_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Generations, Info, Module, Param, Paths, Resource, Section, Source, required, state_option, wait_options,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import GENERATIONS, has

# outbound_ips and inbound_rules come from their own endpoints; the space's representation holds the rest.
RETURNED = dict(
    id=("id",), name=("name",), team=("team", "name"), region=("region", "name"), state=("state",),
    shield=("shield",), cidr=("cidr",), data_cidr=("data_cidr",),
    created_at=("created_at",), updated_at=("updated_at",), generation=("generation", "name"),
)

# The regions Heroku runs Private Spaces in.
REGIONS = ("dublin", "frankfurt", "london", "montreal", "mumbai", "oregon", "singapore", "sydney", "tokyo", "virginia")
REMAKE = "create a new space with the wanted value, move the apps, then delete this one."


def desired(params):
    wanted = dict((option, params[option]) for option in OPTIONS if params.get(option) is not None)
    if "inbound_rules" in wanted:
        # Heroku wants the prefix length spelled out; a bare address is that one address.
        wanted["inbound_rules"] = [
            dict(source=rule["source"] if "/" in rule["source"] else rule["source"] + "/32", action=rule["action"])
            for rule in wanted["inbound_rules"]]
    return wanted


# The space's stable outbound IPs: Heroku has no NAT to show until the space is allocated, and none on Fir.
OUTBOUND_IPS = Detail("outbound_ips", "space-nat.info", pick=("sources",), default=[],
                      when=has("space", "outbound_ips", state="allocated"))
FIELDS = (
    Field("new_name", key="name", body_key="name", create=False),
    Field("team", immutable="a space cannot change team here; %s" % REMAKE),
    Field("region", immutable="Heroku cannot move a space to another region; %s" % REMAKE),
    Field("cidr", immutable="the network block is fixed at creation; %s" % REMAKE),
    Field("data_cidr", immutable="the data network block is fixed at creation; %s" % REMAKE),
    Field("shield", immutable="Shield is chosen at creation; %s" % REMAKE),
    Field("generation", immutable="a space cannot change generation; %s" % REMAKE),
)
# The inbound ruleset as Heroku holds it, [{source, action}] in its order, replaced as a whole.
SECTIONS = (Section("inbound_rules", "inbound-ruleset.current", "inbound-ruleset.create", at=("rules",)),)
OPTIONS = tuple(item.option for item in FIELDS + SECTIONS)

SPACE = Resource(
    noun="space", result_key="heroku_space", returned=RETURNED,
    paths=Paths(item="space.info", create="space.create", update="space.update"),
    identity="name", rename="new_name", fields=FIELDS, sections=SECTIONS, details=(OUTBOUND_IPS,),
    # A space's own network is a private /16; a bare address in a rule is a /32.
    names=dict(name="space", new_name=("space", False), team="team", cidr=("cidr", True), data_cidr="cidr",
               inbound_rules="inbound_rules"),
    create_requires=dict(team="name the team that will own it"),
    predicted=dict(team=Param("team"), state="allocating", generation=Param("generation")),
    # A space seen deleting while we wait was deleted by someone: it will never be allocated. One found deleting is
    # gone for state=absent, and cannot be created anew until Heroku is done.
    ready_states=("allocated",), failed_states=("deleting",), gone_states=("deleting",),
    wait="wait", wait_timeout="wait_timeout", desired=desired,
    # A Fir space has no Shield nor inbound rules (heroku_generations.REFUSED); a new one is what generation says.
    generations=Generations("space", "space", option="generation"),
)

HEROKU_SPACE = Module(SPACE, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), team=dict(type="str"),
    region=dict(type="str", choices=list(REGIONS)), cidr=dict(type="str"), data_cidr=dict(type="str"), shield=dict(type="bool"),
    generation=dict(type="str", choices=list(GENERATIONS)),
    inbound_rules=dict(type="list", elements="dict", options=dict(
        source=required(), action=dict(type="str", choices=["allow", "deny"], default="allow"))),
    # Allocation takes 10-20 minutes on Heroku.
    **wait_options(default_timeout=1800)
))

HEROKU_SPACE_INFO = Module(Info(
    result_key="heroku_space_info", returned=RETURNED, names=dict(name="space", team="team"),
    sources=(Source("name", "space.info", single=True), Source("team", "team-space.list"), Source(None, "space.list")),
    # Two more reads a space: worth it for one, too many for a whole list.
    details=(OUTBOUND_IPS, Detail("inbound_rules", "inbound-ruleset.current", pick=("rules",),
                                  when=has("space", "inbound_rules"))),
), dict(name=dict(type="str"), team=dict(type="str")), mutually_exclusive=(("name", "team"),))
