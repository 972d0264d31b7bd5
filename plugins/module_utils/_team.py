# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A Heroku team as a read: the spec of heroku_team_info.

One team by name or id (``team.info``), with the count of its members and its features (one read each); or,
without ``name``, every team the account belongs to (``team.list``, one read; as the CLI's ``teams`` lists them),
without those two reads a team. Heroku gives a team no default space: ``default`` says whether it is the
account's default team. No hook.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Detail, Field, Info, Module, Source, switch_of,
)

RETURNED = dict(
    id=("id",), name=("name",), type=("type",), enterprise=("type",), enterprise_account=("enterprise_account", "name"),
    default=("default",), role=("role",), membership_limit=("membership_limit",),
    credit_card_collections=("credit_card_collections",), provisioned_licenses=("provisioned_licenses",),
    identity_provider=("identity_provider", "name"), created_at=("created_at",), updated_at=("updated_at",),
)

# Heroku's type of a team in an enterprise account is "enterprise".
ENTERPRISE = Field("enterprise", codec=switch_of(None, ("enterprise",)))


HEROKU_TEAM_INFO = Module(Info(
    result_key="heroku_team_info", returned=RETURNED, fields=(ENTERPRISE,), names=dict(name="team"),
    sources=(Source("name", "team.info", single=True, missing="Team %(name)s was not found, or this account cannot see it."),
             Source(None, "team.list")),
    # Two more reads a team: worth it for one, too many for a list.
    details=(Detail("members_count", "team-member.list", count=True), Detail("features", "team-feature.list", default=[])),
), dict(name=dict(type="str")))
