# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Result shapes that a resource module and its _info twin share.

Each maps a documented result key to where it sits in Heroku's representation.
They live here because a module cannot import another module once Ansible
packages it; module_utils travel with every module.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import api_path


APP = dict(
    id=("id",), name=("name",), region=("region", "name"), stack=("stack", "name"),
    build_stack=("build_stack", "name"), team=("team", "name"), owner=("owner", "email"),
    space=("space", "name"), internal_routing=("internal_routing",), locked=("locked",),
    maintenance=("maintenance",), acm=("acm",), web_url=("web_url",), git_url=("git_url",),
    created_at=("created_at",), updated_at=("updated_at",), released_at=("released_at",),
)

# Heroku's dyno sizes, lower case -> Heroku's spelling. Listed here so that a
# wrong size fails before any request; Heroku treats sizes case-insensitively.
DYNO_SIZES = dict((name.lower(), name) for name in (
    "Eco", "Basic", "Standard-1X", "Standard-2X",
    "Performance-M", "Performance-L", "Performance-L-RAM", "Performance-XL", "Performance-2XL",
    "Private-S", "Private-M", "Private-L", "Private-L-RAM", "Private-XL", "Private-2XL",
    "Shield-S", "Shield-M", "Shield-L", "Shield-L-RAM", "Shield-XL", "Shield-2XL",
))


ADDON = dict(
    id=("id",), name=("name",), app=("app", "name"), service=("addon_service", "name"), plan=("plan", "name"),
    state=("state",), config_vars=("config_vars",), billed_price=("billed_price",), web_url=("web_url",),
    created_at=("created_at",), updated_at=("updated_at",),
)

PIPELINE = dict(
    id=("id",), name=("name",), owner_type=("owner", "type"), owner_id=("owner", "id"),
    created_at=("created_at",), updated_at=("updated_at",),
)

# In the order an app's code moves through them.
PIPELINE_STAGES = ("review", "development", "staging", "production")

# outbound_ips and inbound_rules come from their own endpoints (see space_outbound_ips and
# space_inbound_rules); the space's representation holds the rest.
SPACE = dict(
    id=("id",), name=("name",), team=("team", "name"), region=("region", "name"), state=("state",),
    shield=("shield",), cidr=("cidr",), data_cidr=("data_cidr",),
    created_at=("created_at",), updated_at=("updated_at",),
)


def space_outbound_ips(client, space):
    """The space's stable outbound IPs; Heroku has none to give until the space is allocated."""
    if space.get("state") != "allocated":
        return []
    return list(client.get(api_path("/spaces/{}/nat", space["id"])).get("sources") or [])


def space_inbound_rules(client, space):
    """The space's inbound ruleset as ``[{source, action}]``, in Heroku's order."""
    ruleset = client.get(api_path("/spaces/{}/inbound-ruleset", space["id"])) or {}
    return [dict(source=rule["source"], action=rule["action"]) for rule in ruleset.get("rules") or []]


def formation_by_type(formation):
    """Heroku's formation list as ``{type: {quantity, size, command}}``."""
    return dict((item["type"], dict(quantity=item["quantity"], size=item["size"], command=item.get("command")))
                for item in formation)
