# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run a module of this collection inside Ansible's worker process when the task runs on the controller.

A module run costs a new interpreter, building its payload and importing Ansible's module
machinery, about half a second of CPU a task; the work itself is a few milliseconds and the
HTTP round trips. When the task runs on the controller anyway (a local connection), the same
spec and runner run right here, for a tenth of the cost. Everywhere else (a remote
``delegate_to``, ``async``, ``become``, or ``herokuops_platform_in_process: false``) the
module runs as usual.

Both paths validate with Ansible's own argument spec validator, mask the same values, run the
same runner and shape the same result.

One action plugin, ``plugins/action/heroku_request.py``, runs every module: meta/runtime.yml's plugin_routing
sends each module's action there, and the module's name says which Module to run (``module_of``).
"""

from __future__ import annotations

import importlib
import os
import re

from ansible import constants as C
from ansible.errors import AnsibleError
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action.normal import ActionModule as NormalAction

# Only what every task needs: the spec files, the vocabulary, the runner and the HTTP client are imported by the tasks
# that run in process (module_of, run_in_process), never by one that runs the module as a module.
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_bytecode import cached_bytecode

#: a host or play variable, or an environment variable of ansible-playbook, that turns the in-process path off
OPT_OUT_VARIABLE = "herokuops_platform_in_process"
OPT_OUT_ENVIRONMENT = "HEROKUOPS_PLATFORM_IN_PROCESS"


#: heroku_x and heroku_x_info run module_utils/_x.py's HEROKU_X and HEROKU_X_INFO
MODULE_NAME = re.compile(r"(?:herokuops\.platform\.)?(heroku_([a-z0-9_]+?)(?:_info)?)")
MODULE_UTILS = "ansible_collections.herokuops.platform.plugins.module_utils"
SPEC_FILES = MODULE_UTILS + "._"


def module_of(name):
    """The Module the collection's module ``name`` (short or full name) runs, or None when no module has that name."""
    match = MODULE_NAME.fullmatch(name or "")
    if not match:
        return None
    try:
        with cached_bytecode():
            spec_file = importlib.import_module(SPEC_FILES + match.group(2))
            from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module  # pylint: disable=import-outside-toplevel
    except ModuleNotFoundError as exc:
        if exc.name != SPEC_FILES + match.group(2):  # the spec file exists but does not import
            raise
        return None
    module = getattr(spec_file, match.group(1).upper(), None)
    return module if isinstance(module, Module) else None


def in_process_runner():
    """``heroku_in_process.run_module``, with the runner, the vocabulary and the HTTP client it imports."""
    with cached_bytecode():
        return importlib.import_module("ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_in_process").run_module


def load_in_main_process():
    """Load this action plugin and every module's spec file, for ansible-playbook's main process to call (the inventory
    plugin does). Each worker process forked for a task then finds them loaded: Ansible's collection loader would
    otherwise compile them from source again in every worker, a good part of a task's CPU. The name patterns are
    compiled here too, for the same reason."""
    importlib.import_module("ansible_collections.herokuops.platform.plugins.action.heroku_request")
    in_process_runner()
    with cached_bytecode():
        for directory in importlib.import_module(MODULE_UTILS).__path__:
            for name in sorted(os.listdir(directory)):
                if name.startswith("_") and name.endswith(".py") and name != "__init__.py":
                    importlib.import_module(SPEC_FILES + name[1:-3])
        importlib.import_module(MODULE_UTILS + ".heroku_validate").compile_all()


def plain(value):
    """``value`` in Python's own types. ansible-core 2.19 and newer hand a task's arguments over tagged (where each
    came from, whether it is trusted) and Ansible's argument validator deep-copies them: a tagged string costs it
    some 70 times a plain one, a millisecond a task of 20 config vars. A module's arguments reach it plain as well
    (they travel as JSON). Types JSON does not know (a date) stay as they are."""
    if value is None or type(value) in (str, int, float, bool):
        return value
    # The base type's own conversion: a subclass's may hand back the subclass (older releases' unsafe text does).
    # Concrete types only: the first isinstance check of a new type against an abstract one (Mapping) walks every
    # class registered with it, in each worker afresh.
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    return value


def inject_invocation(task_vars):
    """Whether a module's result carries ``invocation`` (the arguments shown at -vvv): always up to ansible-core 2.20;
    from 2.21 on only when its INJECT_INVOCATION setting is on (off by default)."""
    try:
        return boolean(C.config.get_config_value("INJECT_INVOCATION", variables=task_vars), strict=False)
    except AnsibleError:  # no such setting before 2.21
        return True


class HerokuAction(NormalAction):
    """The action plugin of every module of the collection."""

    _supports_check_mode = True
    _supports_async = True

    def run(self, tmp=None, task_vars=None):
        # A task that runs the module as a module asks nothing of this collection's files here: the module has them.
        if self.in_process_blocker(task_vars or {}):
            return super().run(tmp, task_vars)
        module = self.module()
        if module is None:
            return dict(failed=True, msg="%s is not a module of herokuops.platform: name one, such as herokuops.platform.heroku_app"
                        % self._task.action)
        result = super(NormalAction, self).run(tmp, task_vars)  # ActionBase's checks of the task
        result.update(self.run_in_process(module, inject_invocation(task_vars or {})))
        return result

    def in_process_blocker(self, task_vars):
        """Why this task must run the module as a module, or None when it can run here."""
        if getattr(self._connection, "transport", None) != "local":
            return "the task runs on another host"
        if self._task.async_val:
            return "async"
        if self._play_context.become:
            return "become"
        setting = self._templar.template(task_vars.get(OPT_OUT_VARIABLE, os.environ.get(OPT_OUT_ENVIRONMENT, True)))
        if not boolean(setting, strict=False):
            return "turned off by %s" % OPT_OUT_VARIABLE
        return None

    def module(self):
        """The Module of the task's module, named short, in full or through a redirect. The task's resolved_action
        names this plugin up to ansible-core 2.18 and the module from 2.19 on: the name is resolved here again."""
        context = self._shared_loader_obj.module_loader.find_plugin_with_context(self._task.action,
                                                                                 collection_list=self._task.collections)
        return module_of(context.resolved_fqcn) if context.resolved else None

    def run_in_process(self, module, with_invocation=True):
        environment = dict(os.environ)
        task_environment = {}
        self._compute_environment_string(task_environment)
        # The task's environment: reaches this path as it reaches a module, without touching the worker's own.
        environment.update((key, str(value)) for key, value in task_environment.items())
        return in_process_runner()(module, plain(self._task.args), environment, self._task.action,
                                   bool(self._task.check_mode), bool(self._task.diff), with_invocation)
