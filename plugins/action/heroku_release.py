# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runs heroku_release inside Ansible's worker when the task runs on the controller (see plugin_utils/heroku_action.py)."""

from ansible_collections.herokuops.platform.plugins.module_utils._release import HEROKU_RELEASE
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import HerokuAction


class ActionModule(HerokuAction):
    MODULE = HEROKU_RELEASE
