# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The action plugin of every module of the collection, not of heroku_request alone: meta/runtime.yml names it as
each module's action_plugin, and plugin_utils/heroku_action.py finds the module's spec by the module's name.

It bears a module's name because ansible-test's action-plugin-docs check wants every action plugin to share one
(that module holds the docs), and Galaxy warns about the sanity ignore file that a name of its own would need.
"""

from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_bytecode import cached_bytecode

# heroku_action, and what it loads for a task that runs in process (the runner, the vocabulary, the spec files), come
# from Python's bytecode cache (see heroku_bytecode).
with cached_bytecode():
    from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import HerokuAction


class ActionModule(HerokuAction):
    pass
