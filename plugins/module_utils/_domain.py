# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Custom domains of an app: the spec of heroku_domain and heroku_domain_info.

A (parent, name) resource whose SNI endpoint changes in place (Heroku's domain.update): no hook at all.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    EMPTY_IS_NONE, Field, Info, Module, Paths, Resource, Source, required, state_option, wait_options,
)

RETURNED = dict(
    id=("id",), app=("app", "name"), hostname=("hostname",), kind=("kind",), cname=("cname",),
    status=("status",), acm_status=("acm_status",), acm_status_reason=("acm_status_reason",),
    sni_endpoint=("sni_endpoint", "name"), created_at=("created_at",), updated_at=("updated_at",),
)

DOMAIN = Resource(
    noun="domain", result_key="heroku_domain", returned=RETURNED,
    paths=Paths(item="domain.info", create="domain.create"), identity="hostname", parent="app",
    # Heroku keeps hostnames in lower case and finds them whatever the case.
    case_insensitive=True,
    names=dict(app="app", hostname=("hostname", False), sni_endpoint=("name_or_none", "sni_endpoint")),
    # Heroku's create requires the SNI endpoint to serve the domain with, null for none; a change is one PATCH.
    create_defaults=dict(sni_endpoint=None),
    fields=(Field("sni_endpoint", update="domain.update", codec=EMPTY_IS_NONE),),
    # With ACM off Heroku reports no ACM status: there is nothing to wait for.
    state_key="acm_status", ready_states=(None, "cert issued"), failed_states=("failed",),
    wait="wait", wait_timeout="wait_timeout",
)

# ACM issues a certificate only once DNS points at the domain's cname, which is usually changed
# after the domain exists: waiting is asked for, not assumed.
HEROKU_DOMAIN = Module(DOMAIN, dict(
    app=required(), hostname=required(), sni_endpoint=dict(type="str"), state=state_option(),
    **wait_options(default_timeout=600, wait=False)))

HEROKU_DOMAIN_INFO = Module(Info(
    result_key="heroku_domain_info", returned=RETURNED, names=dict(app="app", hostname=("hostname", False)),
    sources=(Source("hostname", "domain.info", single=True),
             Source(None, "domain.list", missing="App %(app)s was not found.")),
), dict(app=required(), hostname=dict(type="str")))
