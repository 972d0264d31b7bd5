# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's formation (process types, quantities, sizes): the spec of heroku_formation and heroku_formation_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Param, Paths, Read, Resource, Source, required,
)
# Heroku's dyno sizes (heroku_dyno checks a one-off dyno's size against them too).
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import DYNO_SIZES  # noqa: F401 (_dyno's)


def check_available(params, changed_sizes, sizes):
    """Fail before any write on a size the app cannot use, naming the option, the size and the sizes it can."""
    available = sorted(size["name"] for size in sizes)
    allowed = dict((name.lower(), name) for name in available)
    for index, process in enumerate(params["processes"]):
        size = changed_sizes.get(process["type"])
        if size is not None and size.lower() not in allowed:
            raise HerokuInputError("processes[%d] (type %s): size %s is not available to app %s. Its dyno sizes: %s." % (
                index, process["type"], process["size"], params["app"], ", ".join(available) or "none"), option="processes")


def adjust(wanted, current, params, reads):
    have = current["processes"]
    missing = sorted(set(wanted["processes"]) - set(have))
    if missing:
        raise HerokuStateError(
            "App %s has no process type %s; it has %s. A process type exists once a release defines it: "
            "deploy code whose Procfile declares it, then scale it." % (
                params["app"], ", ".join(missing), ", ".join(sorted(have)) or "none yet"))
    processes, changed_sizes = {}, {}
    for process_type, values in wanted["processes"].items():
        size = values.get("size")
        if size is not None:
            # Heroku treats sizes case-insensitively; compared in its spelling, case alone is no change.
            same = size.lower() == (have[process_type]["size"] or "").lower()
            values = dict(values, size=have[process_type]["size"] if same else DYNO_SIZES[size.lower()])
            if not same:
                changed_sizes[process_type] = values["size"]
        processes[process_type] = values
    if changed_sizes:
        check_available(params, changed_sizes, reads["available_sizes"]())
    return {"processes": processes}


FORMATION = Resource(
    noun="app", result_key="heroku_formation",
    # Heroku's answer is the formation list itself; the app is the one the task names.
    returned=dict(app=Param("app"), processes=()),
    paths=Paths(item="formation.list", update="formation.batch_update"), parent="app", state=None,
    # Shown as {type: {quantity, size, command}}; what changes goes in one batch: {"updates": [{"type": ...}, ...]}.
    # A size goes as "size", which the Heroku CLI 11 sends (ps:scale, ps:type) and Heroku takes; the 2025 schema
    # documents "dyno_size": {"name": ...} instead, and Heroku takes that too.
    fields=(Field("processes", body_key="updates", keyed=("type", "quantity", "size", "command")),),
    names=dict(app="app", processes="processes"),
    creatable=False, missing="App %(app)s was not found, so it cannot be scaled.", adjust=adjust,
    # Only a size that changes needs the app's available sizes (a Cedar app outside a space takes no Private size, one
    # in a space no Eco): a run that changes no size sends no read of them.
    reads=(Read("available_sizes", "dyno-size.list_app_dyno_sizes", lazy=True),),
)

HEROKU_FORMATION = Module(FORMATION, dict(
    app=required(),
    processes=dict(type="list", elements="dict", required=True,
                   options=dict(type=required(), quantity=dict(type="int"), size=dict(type="str"))),
))

HEROKU_FORMATION_INFO = Module(Info(
    result_key="heroku_formation_info", names=dict(app="app"),
    returned=dict(type=("type",), quantity=("quantity",), size=("size",), command=("command",), id=("id",),
                  updated_at=("updated_at",)),
    sources=(Source("app", "formation.list", missing="App %(app)s was not found."),),
), dict(app=required()))
