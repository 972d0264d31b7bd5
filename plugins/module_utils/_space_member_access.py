# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A team member's permissions on a Private Space: the spec of heroku_space_member_access and its _info twin.

Heroku keeps one access record per member of the space's team (``space-app-access``); membership comes from
the team, so the record is never created or deleted here, only its permissions change. Its ``id`` is not the
member: Heroku's paths take the member's email, so the record found is addressed by ``user.email``. No hook.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    NAMED_OBJECTS, Field, Info, Module, Paths, Resource, Source, required,
)

RETURNED = dict(
    id=("id",), space=("space", "name"), email=("user", "email"), permissions=("permissions",),
    created_at=("created_at",), updated_at=("updated_at",),
)

# Permissions are a set: order and repeats mean nothing, and Heroku reports them in its own order.
PERMISSIONS = Field("permissions", unordered=True, codec=NAMED_OBJECTS)

SPACE_MEMBER_ACCESS = Resource(
    noun="space member", result_key="heroku_space_member_access", returned=RETURNED,
    paths=Paths(item="space-app-access.info", update="space-app-access.update"),
    identity="email", parent="space", address=("user", "email"), state=None, creatable=False, deletable=False,
    missing="%(noun)s %(name)s was not found: space %(space)s does not exist, or the account is not a member of the "
            "space's team (herokuops.platform.heroku_team_member adds it).",
    fields=(PERMISSIONS,),
    # Heroku finds members whatever the case of the email, and reports it in lower case.
    case_insensitive=True, names=dict(space="space", email=("email", False), permissions="space_permission"),
)

HEROKU_SPACE_MEMBER_ACCESS = Module(SPACE_MEMBER_ACCESS, dict(
    space=required(), email=required(), permissions=dict(type="list", elements="str", required=True),
))

HEROKU_SPACE_MEMBER_ACCESS_INFO = Module(Info(
    result_key="heroku_space_member_access_info", returned=RETURNED, fields=(PERMISSIONS,),
    names=dict(space="space", email=("email", False)),
    sources=(Source("email", "space-app-access.info", single=True),
             Source(None, "space-app-access.list", missing="Space %(space)s was not found.")),
), dict(space=required(), email=dict(type="str")))
