# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OpenTelemetry drains of a Fir app or space: the spec of heroku_telemetry_drain and heroku_telemetry_drain_info.

A drain belongs to an app or a space (its ``owner``, which Heroku's bodies name by id) and is known by its exporter's
endpoint, but Heroku reads drains by id only: one read of the owner's list finds it. Heroku keeps the exporter whole
(type, endpoint and headers travel together), and its headers hold a vendor's API key, so they are sent, never shown,
on creation and with ``update_headers=always``. Only Fir has telemetry drains: a Cedar owner fails before any write.

Hooks: ``lookup`` (the owner is whichever of ``app`` and ``space`` is set, each with its own list, and the endpoint is
nested in the exporter), ``Field.resolve`` (the owner's name to Heroku's ``{id, type}``) and ``update_requests``
(a changed exporter is sent whole: Heroku's update takes no exporter without its type and endpoint).
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    DISTINCT, STRING_VALUES, Field, Generations, Info, Module, Param, Paths, RequiredWith, Resource, Source, state_option,
)

SIGNALS = ("traces", "metrics", "logs")
EXPORTERS = ("otlphttp", "otlp")
# What a drain created without an exporter gets, as the Heroku CLI creates it: Heroku requires one.
NEW_EXPORTER = "otlphttp"
OWNERS = ("app", "space")
LISTS = {"app": "telemetry-drain.list_by_app", "space": "telemetry-drain.list_by_space"}
WHY_HTTPS = "Heroku sends the exporter's headers (a vendor's API key) to it."

RETURNED = dict(
    id=("id",), app=Param("app"), space=Param("space"), owner_type=("owner", "type"), signals=("signals",),
    exporter=("exporter", "type"), endpoint=("exporter", "endpoint"), created_at=("created_at",), updated_at=("updated_at",),
)
# A set: Heroku keeps the order given, which means nothing; its bodies take each signal once.
SIGNAL_SET = Field("signals", unordered=True, codec=DISTINCT)


def owner_of(client, named):
    """The create body's ``owner`` (``{"app": name}`` or ``{"space": name}``, as the options give it) as Heroku's
    ``{"id", "type"}``: its id, read once."""
    (kind, name), = named.items()
    return dict(id=client.get(path("%s.info" % kind, **{kind: name}))["id"], type=kind)


def lookup(client, params):
    """The drain of the owner whose exporter sends to ``endpoint``, from one read of the owner's list."""
    if not (params.get("app") or params.get("space")):
        # Ansible's required_one_of takes an option given as null for one given.
        raise HerokuInputError("one of app and space is required: name the Fir app or space the drain belongs to.",
                               option="app")
    kind = "app" if params.get("app") else "space"
    drains = client.list_or_none(path(LISTS[kind], **{kind: params[kind]}))
    if drains is None:
        if params.get("state") == "absent":
            return None
        raise HerokuStateError("%s %s was not found, so it cannot have telemetry drains. Create it first with "
                               "herokuops.platform.heroku_%s." % (kind.capitalize(), params[kind], kind))
    found = [drain for drain in drains if (drain.get("exporter") or {}).get("endpoint") == params["endpoint"]]
    if len(found) > 1:
        raise HerokuStateError("%s %s has %d telemetry drains with endpoint %s (%s): remove all but one." % (
            kind.capitalize(), params[kind], len(found), params["endpoint"], ", ".join(sorted(d["id"] for d in found))))
    return found[0] if found else None


def update_requests(rep, body, params):
    """One PATCH. A changed exporter goes whole: its type and endpoint, and the headers given (else those Heroku
    returned, if any), so that a change of type keeps them."""
    if "exporter" in body:
        held = rep.get("exporter") or {}
        exporter = dict(type=held.get("type"), endpoint=held.get("endpoint"))
        headers = params.get("headers") if params.get("headers") is not None else held.get("headers")
        if headers is not None:
            exporter["headers"] = STRING_VALUES.encode(headers)
        exporter.update(body["exporter"])
        body = dict(body, exporter=exporter)
    return [request("telemetry-drain.update", body, telemetry_drain=rep["id"])]


TELEMETRY_DRAIN = Resource(
    noun="telemetry drain", result_key="heroku_telemetry_drain", returned=RETURNED,
    paths=Paths(item="telemetry-drain.info", create="telemetry-drain.create", update="telemetry-drain.update"),
    identity="endpoint", lookup=lookup, update_requests=update_requests,
    create_defaults={("exporter", "type"): NEW_EXPORTER},
    fields=(
        SIGNAL_SET,
        Field("exporter", body_key=("exporter", "type")),
        # Heroku may not return them: sent on creation, and on every run with update_headers=always. Heroku's header
        # values are strings: a YAML number is sent as one.
        Field("headers", key="headers_sent", body_key=("exporter", "headers"), secret=True, write_only="update_headers",
              codec=STRING_VALUES),
        # The owner is named by id in Heroku's body; whichever option is set reaches owner_of as {option: name}.
        Field("app", body_key="owner", create_only=True, resolve=owner_of),
    ),
    body_from={"signals": "signals", ("exporter", "type"): "exporter", ("exporter", "endpoint"): "endpoint",
               ("exporter", "headers"): "headers", ("owner", "app"): "app", ("owner", "space"): "space"},
    names=dict(app="app", space="space", endpoint=("https_url", WHY_HTTPS), signals=("one_or_more", ("signal", SIGNALS)),
               headers="telemetry_headers"),
    rules=(RequiredWith("signals", "state", ("present",), "signals is required with state=present: name the "
                                                          "OpenTelemetry signals to send, any of traces, metrics, logs."),),
    predicted=dict(app=Param("app"), space=Param("space"), endpoint=Param("endpoint"), exporter=NEW_EXPORTER),
    summary_keys=("headers_sent",),
    # Only Fir has telemetry drains: the owner's generation is read when the drain is to be created.
    generations=Generations("telemetry_drain", "app", described=dict(app="A telemetry drain", space="A telemetry drain"),
                            owners=dict(app="app.info", space="space.info")),
)

OWNER = dict(app=dict(type="str"), space=dict(type="str"))
ONE_OWNER = dict(mutually_exclusive=(("app", "space"),), required_one_of=(("app", "space"),))

HEROKU_TELEMETRY_DRAIN = Module(TELEMETRY_DRAIN, dict(
    OWNER, endpoint=dict(type="str", required=True), signals=dict(type="list", elements="str"),
    # Unset: the exporter Heroku holds is kept, and a new drain gets NEW_EXPORTER (TELEMETRY_DRAIN.create_defaults).
    exporter=dict(type="str", choices=list(EXPORTERS)),
    headers=dict(type="dict", no_log=True),
    update_headers=dict(type="str", choices=["on_create", "always"], default="on_create"),
    state=state_option(),
), **ONE_OWNER)


# -- heroku_telemetry_drain_info ---------------------------------------------------------------------------

HEROKU_TELEMETRY_DRAIN_INFO = Module(Info(
    result_key="heroku_telemetry_drain_info", returned=RETURNED, fields=(SIGNAL_SET,),
    names=dict(app="app", space="space", endpoint=("https_url", WHY_HTTPS)),
    sources=(Source("app", LISTS["app"], missing="App %(app)s was not found."),
             Source("space", LISTS["space"], missing="Space %(space)s was not found.")),
    # An unknown endpoint is an empty list, as an owner without telemetry drains is.
    pick=("endpoint", "endpoint"),
), dict(OWNER, endpoint=dict(type="str")), **ONE_OWNER)
