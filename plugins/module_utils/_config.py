# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An app's config vars: the spec of heroku_config and heroku_config_info."""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    CONFIG_VALUES, Field, Info, Module, Param, Paths, Read, Resource, Source, required, state_option,
)

# Heroku's answer is the config itself; the app is the one the task names.
RETURNED = dict(app=Param("app"), config=())


def addon_keys(config, params, reads):
    """The keys the app's add-ons put on it, which purge leaves alone: DATABASE_URL for an attachment named DATABASE."""
    prefixes = tuple(attachment["name"] + "_" for attachment in reads.get("addon_attachments") or ())
    return [key for key in config if key.startswith(prefixes)]


CONFIG = Resource(
    noun="app", result_key="heroku_config", returned=RETURNED,
    paths=Paths(item="config-var.info_for_app", update="config-var.update"), parent="app",
    fields=(Field(
        # The update's body is the changes themselves: {"KEY": "value", "GONE": null}; Heroku stores strings.
        "config", secret=True, whole_body=True, codec=CONFIG_VALUES,
        # state=absent removes the listed keys, never the app's whole config; purge the keys not listed.
        absent_removes=True, purge="purge", keep=addon_keys,
        # Heroku refuses an app's config past 32 kB in all; said before the write, by size only.
        check_after=("config_size", "the app's config vars after this change"),
        # Names only: values are secrets.
        key_summary=("added_keys", "changed_keys", "removed_keys", "kept_addon_keys"),
    ),),
    names=dict(app="app", config="config"), reveal="show_values",
    reads=(Read("addon_attachments", "add-on-attachment.list_by_app", when="purge"),),
    creatable=False, deletable=False,
    missing="App %(app)s was not found, so its config vars cannot be set. Create it first with herokuops.platform.heroku_app.",
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
