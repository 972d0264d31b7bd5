# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs every module of the collection inside Ansible's worker when the task runs on the controller.

meta/runtime.yml's plugin_routing sends each module's action here; plugin_utils/heroku_action.py says how.
"""

from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import HerokuAction


class ActionModule(HerokuAction):
    pass
