# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""App webhooks: the spec of heroku_webhook and heroku_webhook_info.

A webhook is known by its URL, but Heroku reads webhooks by id only: one list read finds it.
Heroku never returns a webhook's secret or authorization, so a change of them cannot be seen;
``update_secret`` says when they are sent.
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Paths, Read, Resource, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import shape
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_https_url

# The entities Heroku's app webhooks notify about (Dev Center, "App Webhooks"): ``dyno`` is a dyno's
# state changes, ``api:dyno`` a dyno started through the API.
EVENT_TYPES = ("api:addon-attachment", "api:addon", "api:app", "api:build", "api:collaborator", "api:domain",
               "api:dyno", "api:formation", "api:release", "api:sni-endpoint", "dyno")
LEVELS = ("notify", "sync")
# option -> the result key that says whether this run sent it (Heroku never returns the value).
SECRETS = (("secret", "secret_sent"), ("authorization", "authorization_sent"))
# Heroku's newest deliveries of an app, in one page; the Heroku CLI asks for the same.
DELIVERIES = 1000
# Marks a webhook read from Heroku's list, as against Heroku's answer to what this run sent.
LISTED = "_listed"
WHY_HTTPS = "Heroku sends the authorization header and the signed event to it."

RETURNED = dict(
    id=("id",), app=("app", "name"), url=("url",), include=("include",), level=("level",),
    created_at=("created_at",), updated_at=("updated_at",),
)


# -- hooks ---------------------------------------------------------------------------------

def check_include(include):
    if not include:
        raise HerokuInputError("include is empty: name at least one event type, such as api:release.", option="include")
    unknown = [item for item in include if item not in EVENT_TYPES]
    if unknown:
        raise HerokuInputError("include: %s %s not a Heroku webhook event type: use %s." % (
            ", ".join(repr(item) for item in unknown), "is" if len(unknown) == 1 else "are", ", ".join(EVENT_TYPES)),
            option="include")


def validate(params):
    check_https_url("url", params["url"], WHY_HTTPS)
    check_https_url("new_url", params.get("new_url"), WHY_HTTPS)
    if params.get("include") is not None:
        check_include(params["include"])
    elif params["state"] == "present":
        raise HerokuInputError("include is required with state=present: name the event types to send, such as "
                               "[api:release, api:formation].", option="include")


def desired(params):
    wanted = {"level": params["level"]}
    if params.get("include") is not None:
        # A set: Heroku keeps the order given, which means nothing.
        wanted["include"] = sorted(set(params["include"]))
    if params.get("new_url"):
        wanted["new_url"] = params["new_url"]
    if params["update_secret"] == "always":
        # Never equal to what was read (Heroku returns nothing), so they are sent on every run.
        wanted.update((option, params[option]) for option, _key in SECRETS if params.get(option) is not None)
    return wanted


def create_body(wanted, params):
    body = dict(url=params.get("new_url") or params["url"], include=wanted["include"], level=params["level"])
    body.update((option, params[option]) for option, _key in SECRETS if params.get(option) is not None)
    return body


def view(rep, params):
    result = shape(RETURNED, rep)
    result["include"] = sorted(set(rep.get("include") or ()))
    if LISTED not in rep:
        # Heroku's answer to this run's create or update holds what was just sent: no second write for it.
        result.update((key, params[option]) for option, key in SECRETS if params.get(option) is not None)
    return result


def before_creation(params):
    return dict(app=params["app"])


def summarize(after, diff_before, diff_after, params, reads):
    """Whether this run sent (in check mode: would send) the secret and the authorization."""
    if not after:
        return {}
    # A creation's diff is the whole new webhook, id included; an update's holds only what changed.
    created = "id" in diff_after
    return dict((key, params.get(option) is not None and (created or key in diff_after)) for option, key in SECRETS)


# -- readers ---------------------------------------------------------------------------------

def lookup(client, params):
    app = params["app"]
    hooks = client.list_or_none(api_path("/apps/{}/webhooks", app))
    if hooks is None:
        if params["state"] == "absent":
            return None
        raise HerokuStateError("App %s was not found, so it cannot have webhooks. Create it first with "
                               "herokuops.platform.heroku_app." % app)
    urls = [params["url"]]
    if params.get("new_url") and params["state"] == "present":
        # A change of URL an earlier run already made.
        urls.append(params["new_url"])
    for url in urls:
        found = [hook for hook in hooks if hook["url"] == url]
        if len(found) > 1:
            raise HerokuStateError("App %s has %d webhooks for %s (%s): remove all but one with heroku webhooks:remove." % (
                app, len(found), url, ", ".join(sorted(hook["id"] for hook in found))))
        if found:
            return dict(found[0], **{LISTED: True})
    return None


WEBHOOK = Resource(
    noun="webhook", result_key="heroku_webhook", returned=RETURNED,
    paths=Paths(item="/apps/{app}/webhooks/{id}", create="/apps/{app}/webhooks"),
    identity="url", rename="new_url", parent="app",
    fields=(
        Field("new_url", key="url", body_key="url", create=False),
        Field("include"),
        Field("level"),
        Field("secret", key="secret_sent", secret=True),
        Field("authorization", key="authorization_sent", secret=True),
    ),
    names=dict(app="app"),
    validate=validate, desired=desired, create_body=create_body, view=view, before_creation=before_creation,
    lookup=lookup, summarize=summarize, summary_keys=tuple(key for _option, key in SECRETS),
)

HEROKU_WEBHOOK = Module(WEBHOOK, dict(
    app=required(), url=required(), new_url=dict(type="str"), include=dict(type="list", elements="str"),
    level=dict(type="str", choices=list(LEVELS), default="notify"),
    secret=dict(type="str", no_log=True), authorization=dict(type="str", no_log=True),
    update_secret=dict(type="str", choices=["on_create", "always"], default="on_create"),
    state=state_option(),
))


# -- heroku_webhook_info ---------------------------------------------------------------------------

def read_deliveries(client, params):
    return client.list(api_path("/apps/{}/webhook-deliveries", params["app"]), range_field="seq", descending=True,
                       limit=DELIVERIES)


def delivery(rep):
    attempt = rep.get("last_attempt")
    return dict(
        id=rep["id"], event=(rep.get("event") or {}).get("include"), event_id=(rep.get("event") or {}).get("id"),
        status=rep.get("status"), num_attempts=rep.get("num_attempts"), next_attempt_at=rep.get("next_attempt_at"),
        created_at=rep.get("created_at"), updated_at=rep.get("updated_at"),
        last_attempt=None if attempt is None else dict(
            (key, attempt.get(key)) for key in ("code", "status", "error_class", "created_at")),
    )


def info_view(rep, params):
    item = shape(INFO_RETURNED, rep)
    item["include"] = sorted(set(rep.get("include") or ()))
    return item


def select(items, params, reads):
    if params.get("url") is not None:
        items = [item for item in items if item["url"] == params["url"]]
    if "deliveries" in reads:
        for item in items:
            item["deliveries"] = [delivery(rep) for rep in reads["deliveries"]
                                  if (rep.get("webhook") or {}).get("id") == item["id"]]
    return items


# Heroku's webhook has no deliveries: filled in by ``select`` when asked, else null.
INFO_RETURNED = dict(RETURNED, deliveries=("deliveries",))

HEROKU_WEBHOOK_INFO = Module(Info(
    result_key="heroku_webhook_info", returned=INFO_RETURNED, names=dict(app="app"), view=info_view,
    sources=(Source(None, "/apps/{app}/webhooks", missing="App %(app)s was not found."),),
    reads=(Read("deliveries", read_deliveries, when=lambda params: params["deliveries"]),), select=select,
), dict(app=required(), url=dict(type="str"), deliveries=dict(type="bool", default=False)))
