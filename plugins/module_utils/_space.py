# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Private Spaces, their NAT, trusted IPs (inbound ruleset) and log drain: the spec of heroku_space and
heroku_space_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Generations, Info, Module, Param, Paths, Resource, Section, Source, items_with, objects_of, required,
    state_option, wait_options,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_generations import GENERATIONS, has
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import ip_block, ip_ranges

# outbound_ips, trusted_ips and inbound_rules come from their own endpoints; the space's representation holds the rest.
RETURNED = dict(
    id=("id",), name=("name",), team=("team", "name"), region=("region", "name"), state=("state",),
    shield=("shield",), cidr=("cidr",), data_cidr=("data_cidr",),
    created_at=("created_at",), updated_at=("updated_at",), generation=("generation", "name"),
)

# The regions Heroku runs Private Spaces in.
REGIONS = ("dublin", "frankfurt", "london", "montreal", "mumbai", "oregon", "singapore", "sydney", "tokyo", "virginia")
REMAKE = "create a new space with the wanted value, move the apps, then delete this one."

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
    # Heroku's schema takes a space's log drain at creation only and never shows it (space.create's log_drain_url).
    Field("log_drain_url", create_only=True),
)
# The trusted IPs as the Heroku CLI calls them: the ruleset's allow rules, a set of IPv4 blocks in network order.
TRUSTED_IPS = objects_of("source", order=ip_ranges, action="allow")
# The inbound ruleset, written as a whole, and only once the space is allocated: Heroku refuses it while the space
# allocates. trusted_ips (a set of allowed blocks) or inbound_rules ([{source, action}] in its order, deny rules too).
SECTIONS = (
    Section("trusted_ips", "inbound-ruleset.current", "inbound-ruleset.create", at=("rules",), codec=TRUSTED_IPS,
            when_ready=True),
    Section("inbound_rules", "inbound-ruleset.current", "inbound-ruleset.create", at=("rules",),
            codec=items_with("source", ip_block), when_ready=True),
)

SPACE = Resource(
    noun="space", result_key="heroku_space", returned=RETURNED,
    paths=Paths(item="space.info", create="space.create", update="space.update"),
    identity="name", rename="new_name", fields=FIELDS, sections=SECTIONS, details=(OUTBOUND_IPS,),
    # A space's own network is a private /16; a bare address in a rule is a /32.
    names=dict(name="space", new_name=("space", False), team="team", cidr=("cidr", True), data_cidr="cidr",
               inbound_rules="inbound_rules", trusted_ips="ip_ranges", log_drain_url="space_drain_url"),
    create_requires=dict(team="name the team that will own it"),
    predicted=dict(team=Param("team"), state="allocating", generation=Param("generation")),
    # A space seen deleting while we wait was deleted by someone: it will never be allocated. One found deleting is
    # gone for state=absent, and cannot be created anew until Heroku is done.
    ready_states=("allocated",), failed_states=("deleting",), gone_states=("deleting",),
    wait="wait", wait_timeout="wait_timeout",
    # A Fir space has no Shield, trusted IPs, inbound rules nor log drain (heroku_generations.REFUSED); a new one is
    # what generation says.
    generations=Generations("space", "space", option="generation"),
)

HEROKU_SPACE = Module(SPACE, dict(
    name=required(), state=state_option(), new_name=dict(type="str"), team=dict(type="str"),
    region=dict(type="str", choices=list(REGIONS)), cidr=dict(type="str"), data_cidr=dict(type="str"), shield=dict(type="bool"),
    generation=dict(type="str", choices=list(GENERATIONS)),
    trusted_ips=dict(type="list", elements="str"),
    inbound_rules=dict(type="list", elements="dict", options=dict(
        source=required(), action=dict(type="str", choices=["allow", "deny"], default="allow"))),
    log_drain_url=dict(type="str", no_log=True),
    # Allocation takes 10-20 minutes on Heroku.
    **wait_options(default_timeout=1800)
), mutually_exclusive=(("trusted_ips", "inbound_rules"),))

HEROKU_SPACE_INFO = Module(Info(
    result_key="heroku_space_info", returned=RETURNED, names=dict(name="space", team="team"),
    sources=(Source("name", "space.info", single=True), Source("team", "team-space.list"), Source(None, "space.list")),
    # Two more reads a space (the NAT, and the ruleset for both trusted_ips and inbound_rules): worth it for one,
    # too many for a whole list.
    details=(OUTBOUND_IPS,
             Detail("trusted_ips", "inbound-ruleset.current", pick=("rules",), codec=TRUSTED_IPS,
                    when=has("space", "trusted_ips")),
             Detail("inbound_rules", "inbound-ruleset.current", pick=("rules",), when=has("space", "inbound_rules"))),
), dict(name=dict(type="str"), team=dict(type="str")), mutually_exclusive=(("name", "team"),))
