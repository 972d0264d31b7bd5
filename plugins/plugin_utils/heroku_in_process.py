# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A module of this collection run right in Ansible's worker: its options validated and its secrets masked as
AnsibleModule would, its runner run, its result shaped as a module's.

The action plugin imports this file on a task that runs in process only: a task that runs the module as a module
(on another host, with become or async, or turned off) needs none of it in its worker, nor the HTTP client's
``http.client`` and ``ssl``: not importing them saves such a task about 18 ms of CPU.
"""

from __future__ import annotations

import traceback

from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import argument_spec, masked_params, validate_arguments
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, client_from, failure, run
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import secret_parts


def run_module(module, args, environment, action, check_mode, diff, with_invocation=True):
    """The result of module ``module`` run on the task's arguments ``args`` (plain values), in the task's
    ``environment``, as the module would return it; ``action`` is the task's module name, for messages."""
    spec = argument_spec(module)
    for option, details in spec.items():
        fallback = details.get("fallback")
        if option not in args and fallback:
            names = [name for name in fallback[1] if name in environment]
            if names:
                args[option] = environment[names[0]]

    # Every secret the task was given, whole and in parts: finish() masks them in everything returned.
    validation, params, no_log_values = validate_arguments(module, args)
    invocation = dict(module_args=masked_params(params, module.spec, spec))
    warnings = []

    def finish(result):
        warnings.extend(result.pop("warnings", ()))
        if warnings:
            result["warnings"] = warnings
        if with_invocation:
            result["invocation"] = invocation
        return remove_values(result, no_log_values)

    if validation.error_messages:
        # The first error, worded as AnsibleModule words it.
        message = validation.errors.msg
        if isinstance(validation.errors[0], UnsupportedError):
            message = "Unsupported parameters for (%s) module: %s" % (action, message)
        return finish(dict(failed=True, msg=message))

    def connect_here():
        client = client_from(params, warn=warnings.append, environ=environment)
        no_log_values.update(secret_parts(client.secrets()))
        return client

    task = Task(params=params, connect=connect_here, check_mode=check_mode, diff=diff)
    try:
        return finish(run(module.spec, task))
    except HerokuError as exc:
        return finish(dict(failure(exc, task), failed=True))
    except Exception as exc:  # pylint: disable=broad-except
        # Reported like a module's failure; finish() masks every secret the task holds.
        return finish(dict(failed=True, changed=task.wrote,
                           msg="Unexpected error in %s: %s: %s" % (action, type(exc).__name__, exc),
                           exception=traceback.format_exc()))
