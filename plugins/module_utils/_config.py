# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's config vars: the spec of heroku_config and heroku_config_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Field, Info, Module, Param, Paths, Read, Resource, Source, required, state_option,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_config_size
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import as_config_value, merge

# Heroku's answer is the config itself; the app is the one the task names.
RETURNED = dict(app=Param("app"), config=())


def desired(params):
    config = params["config"]
    if params["state"] == "absent":
        return {"config": dict((key, None) for key in config)}
    return {"config": dict((key, as_config_value(value)) for key, value in config.items())}


def addon_prefixes(client, params):
    """``DATABASE_`` for an attachment named DATABASE: the config vars its add-on put on the app."""
    return tuple(attachment["name"] + "_" for attachment in client.list(path("add-on-attachment.list_by_app", app=params["app"])))


def kept_addon_keys(config, params, reads):
    """The keys purge leaves alone: those the app's add-ons provide, unless named in the task."""
    prefixes = reads.get("addon_prefixes")
    if not params["purge"] or not prefixes:
        return []
    return sorted(key for key in config if key not in params["config"] and key.startswith(prefixes))


def adjust(wanted, current, params, reads):
    if params["purge"]:
        kept = kept_addon_keys(current["config"], params, reads)
        removed = dict((key, None) for key in current["config"] if key not in wanted["config"] and key not in kept)
        wanted = {"config": dict(wanted["config"], **removed)}
    # Heroku refuses an app's config past 32 kB in all; said before the write, by size only.
    check_config_size("config", merge(current["config"], wanted["config"]), what="the app's config vars after this change")
    return wanted


def summarize(after, diff_before, diff_after, params, reads):
    """Which keys were added, changed and removed (names only: values are secrets), and which purge kept."""
    before, changes = diff_before.get("config", {}), diff_after.get("config", {})
    return dict(
        added_keys=sorted(key for key in changes if before.get(key) is None),
        changed_keys=sorted(key for key, value in changes.items() if value is not None and before.get(key) is not None),
        removed_keys=sorted(key for key, value in changes.items() if value is None),
        kept_addon_keys=kept_addon_keys(after.get("config") or {}, params, reads),
    )


CONFIG = Resource(
    noun="app", result_key="heroku_config", returned=RETURNED,
    paths=Paths(item="config-var.info_for_app", update="config-var.update"), parent="app",
    # The update's body is the changes themselves: {"KEY": "value", "GONE": null}.
    fields=(Field("config", secret=True, whole_body=True),), names=dict(app="app", config="config"), reveal="show_values",
    reads=(Read("addon_prefixes", addon_prefixes, when="purge"),),
    # state=absent removes the listed keys (see desired), never the app's whole config.
    creatable=False, deletable=False,
    missing="App %(app)s was not found, so its config vars cannot be set. Create it first with herokuops.platform.heroku_app.",
    desired=desired, adjust=adjust, summarize=summarize,
    summary_keys=("added_keys", "changed_keys", "removed_keys", "kept_addon_keys"),
)

HEROKU_CONFIG = Module(CONFIG, dict(
    app=required(), config=dict(type="dict", default={}), state=state_option(),
    purge=dict(type="bool", default=False), show_values=dict(type="bool", default=False),
))

# One app's config is one mapping; a list of one would only make playbooks index [0].
HEROKU_CONFIG_INFO = Module(Info(
    result_key="heroku_config_info", returned=RETURNED, names=dict(app="app"), as_list=False,
    sources=(Source("app", "config-var.info_for_app", single=True, missing="App %(app)s was not found."),),
), dict(app=required()))
