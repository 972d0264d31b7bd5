# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""App webhooks: the spec of heroku_webhook and heroku_webhook_info.

A webhook is known by its URL, but Heroku reads webhooks by id only: one list read finds it.
Heroku never returns a webhook's secret or authorization, so a change of them cannot be seen;
``update_secret`` says when they are sent.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Nested, Paths, Read, RequiredWith, Resource, Source, required, state_option,
)

# The entities Heroku's app webhooks notify about (Dev Center, "App Webhooks"): ``dyno`` is a dyno's
# state changes, ``api:dyno`` a dyno started through the API.
EVENT_TYPES = ("api:addon-attachment", "api:addon", "api:app", "api:build", "api:collaborator", "api:domain",
               "api:dyno", "api:formation", "api:release", "api:sni-endpoint", "dyno")
LEVELS = ("notify", "sync")
# Heroku's newest deliveries of an app, in one page; the Heroku CLI asks for the same.
DELIVERIES = 1000
WHY_HTTPS = "Heroku sends the authorization header and the signed event to it."

RETURNED = dict(
    id=("id",), app=("app", "name"), url=("url",), include=("include",), level=("level",),
    created_at=("created_at",), updated_at=("updated_at",),
)
# A set: Heroku keeps the order given, which means nothing.
INCLUDE = Field("include", unordered=True)


WEBHOOK = Resource(
    noun="webhook", result_key="heroku_webhook", returned=RETURNED,
    # Heroku reads webhooks by id only: one read of the app's list finds it by URL.
    paths=Paths(item="app-webhook.info", create="app-webhook.create", update="app-webhook.update", list="app-webhook.list"), find_by="url",
    parent_missing="App %(app)s was not found, so it cannot have webhooks. Create it first with herokuops.platform.heroku_app.",
    identity="url", rename="new_url", parent="app",
    fields=(
        Field("new_url", key="url", body_key="url", create=False),
        INCLUDE,
        Field("level"),
        # Heroku never returns them: sent on creation, and on every run with update_secret=always.
        Field("secret", key="secret_sent", secret=True, write_only="update_secret"),
        Field("authorization", key="authorization_sent", secret=True, write_only="update_secret"),
    ),
    names=dict(app="app", url=("https_url", WHY_HTTPS), new_url=("https_url", WHY_HTTPS),
               include=("one_or_more", ("Heroku webhook event type", EVENT_TYPES))),
    # Rather than Ansible's required_if, which would not say what to put there.
    rules=(RequiredWith("include", "state", ("present",), "include is required with state=present: name the event "
                                                          "types to send, such as [api:release, api:formation]."),),
    summary_keys=("secret_sent", "authorization_sent"),
)

HEROKU_WEBHOOK = Module(WEBHOOK, dict(
    app=required(), url=required(), new_url=dict(type="str"), include=dict(type="list", elements="str"),
    level=dict(type="str", choices=list(LEVELS), default="notify"),
    secret=dict(type="str", no_log=True), authorization=dict(type="str", no_log=True),
    update_secret=dict(type="str", choices=["on_create", "always"], default="on_create"),
    state=state_option(),
))


# -- heroku_webhook_info ---------------------------------------------------------------------------

# A delivery as the result shows it: its event's type and id, and of its last attempt what tells how it went.
DELIVERY = dict(
    id=("id",), event=("event", "include"), event_id=("event", "id"), status=("status",),
    num_attempts=("num_attempts",), next_attempt_at=("next_attempt_at",), created_at=("created_at",),
    updated_at=("updated_at",),
    last_attempt=Nested(("last_attempt",), dict(code=("code",), status=("status",), error_class=("error_class",),
                                                created_at=("created_at",))),
)
# Heroku's webhook has no deliveries: each gets its own from the one read of the app's, when asked; else null.
INFO_RETURNED = dict(RETURNED, deliveries=("deliveries",))

HEROKU_WEBHOOK_INFO = Module(Info(
    result_key="heroku_webhook_info", returned=INFO_RETURNED, names=dict(app="app"), fields=(INCLUDE,),
    # An unknown URL is an empty list, as an app without webhooks is.
    sources=(Source(None, "app-webhook.list", missing="App %(app)s was not found."),), pick=("url", "url"),
    reads=(Read("deliveries", "app-webhook-delivery.list", when="deliveries", newest_first="seq", at_most=DELIVERIES,
                attach=(("webhook", "id"), "id"), returned=DELIVERY),),
), dict(app=required(), url=dict(type="str"), deliveries=dict(type="bool", default=False)))
