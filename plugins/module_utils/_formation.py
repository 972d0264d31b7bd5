# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's formation (process types, quantities, sizes): the spec of heroku_formation and heroku_formation_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Field, Info, Module, Paths, Request, Resource, Source, required
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_range

PATH = "/apps/{app}/formation"

# Far above any limit Heroku grants without a request, so that only a typo (100000) is refused here.
MAX_QUANTITY = 1000

# Heroku's dyno sizes, lower case -> Heroku's spelling. Listed here so that a wrong size
# fails before any request; Heroku treats sizes case-insensitively.
DYNO_SIZES = dict((name.lower(), name) for name in (
    "Eco", "Basic", "Standard-1X", "Standard-2X",
    "Performance-M", "Performance-L", "Performance-L-RAM", "Performance-XL", "Performance-2XL",
    "Private-S", "Private-M", "Private-L", "Private-L-RAM", "Private-XL", "Private-2XL",
    "Shield-S", "Shield-M", "Shield-L", "Shield-L-RAM", "Shield-XL", "Shield-2XL",
))


def validate(params):
    seen = set()
    for index, process in enumerate(params["processes"]):
        where = "processes[%d]" % index
        check_name(where + ".type", process["type"], "process_type", ids=False)
        where += " (type %s)" % process["type"]
        if process["type"] in seen:
            raise HerokuInputError("%s: the type is listed twice; list each process type once." % where, option="processes")
        seen.add(process["type"])
        check_range(where + ": quantity", process["quantity"], 0, MAX_QUANTITY,
                    unit=" (Heroku's default limits are 100 dynos an app, 255 a Fir process type)")
        if process["size"] is not None and process["size"].lower() not in DYNO_SIZES:
            raise HerokuInputError("%s: size %r is not a Heroku dyno size. Use one of: %s." % (
                where, process["size"], ", ".join(DYNO_SIZES.values())), option="processes")


def desired(params):
    return {"processes": dict(
        (process["type"], dict((key, process[key]) for key in ("quantity", "size") if process[key] is not None))
        for process in params["processes"])}


def adjust(wanted, current, params, reads):
    have = current["processes"]
    missing = sorted(set(wanted["processes"]) - set(have))
    if missing:
        raise HerokuStateError(
            "App %s has no process type %s; it has %s. A process type exists once a release defines it: "
            "deploy code whose Procfile declares it, then scale it." % (
                params["app"], ", ".join(missing), ", ".join(sorted(have)) or "none yet"))
    processes = {}
    for process_type, values in wanted["processes"].items():
        size = values.get("size")
        if size is not None:
            # Heroku treats sizes case-insensitively; compared in its spelling, case alone is no change.
            same = size.lower() == (have[process_type]["size"] or "").lower()
            values = dict(values, size=have[process_type]["size"] if same else DYNO_SIZES[size.lower()])
        processes[process_type] = values
    return {"processes": processes}


def by_type(formation):
    """Heroku's formation list as ``{type: {quantity, size, command}}``."""
    return dict((item["type"], dict(quantity=item["quantity"], size=item["size"], command=item.get("command")))
                for item in formation)


def view(rep, params):
    return {"app": params["app"], "processes": by_type(rep)}


def update_requests(rep, body, params):
    # One batch request for every process type that changes.
    updates = [dict(type=process_type, **values) for process_type, values in sorted(body["processes"].items())]
    return [Request("PATCH", api_path("/apps/{}/formation", params["app"]), {"updates": updates})]


def apply_answers(rep, answers):
    # Heroku answers with the process types it changed; the others are as they were.
    updated = dict((item["type"], item) for item in answers[-1])
    return [updated.get(item["type"], item) for item in rep]


FORMATION = Resource(
    noun="app", result_key="heroku_formation", returned=dict(app=("app",), processes=("processes",)),
    paths=Paths(item=PATH), parent="app", state=None, fields=(Field("processes"),), names=dict(app="app"),
    creatable=False, missing="App %(app)s was not found, so it cannot be scaled.",
    validate=validate, desired=desired, adjust=adjust, view=view, update_requests=update_requests, apply_answers=apply_answers,
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
    sources=(Source("app", PATH, missing="App %(app)s was not found."),),
), dict(app=required()))
