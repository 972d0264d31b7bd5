# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every module file calls: Ansible's argument handling around a runner.

``run_module(MODULE)`` validates the options (the connection options every module
shares and the module's own), masks secret values wherever Ansible echoes arguments,
runs the spec and turns a typed error into one failure.
"""

from __future__ import annotations

import traceback

from ansible.module_utils.basic import AnsibleModule, env_fallback
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import DEFAULT_API_URL, HerokuError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, client_from, failure, run, task_secrets
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import secret_parts
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import mask_values


def argument_spec(module_spec) -> dict:
    """The connection options every module shares (see the herokuops.platform.heroku doc fragment), and the module's own."""
    spec = dict(
        api_key=dict(type="str", no_log=True),
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["HEROKU_API_URL"])),
        validate_certs=dict(type="bool", default=True),
        timeout=dict(type="int", default=30),
        max_retries=dict(type="int", default=5),
        retry_timeout=dict(type="int", default=60),
    )
    spec.update(module_spec.argument_spec)
    return spec


def validate_arguments(module_spec, args):
    """Ansible's own validation of a module's arguments outside AnsibleModule (the in-process path, the input_errors
    filter): ``(validation, params, secrets)``, ``secrets`` being every secret the arguments hold (task_secrets)."""
    validator = ArgumentSpecValidator(argument_spec(module_spec), mutually_exclusive=list(module_spec.mutually_exclusive),
                                      required_if=list(module_spec.required_if),
                                      required_one_of=list(module_spec.required_one_of))
    validation = validator.validate(args)
    params = dict(args, **validation.validated_parameters)
    return validation, params, task_secrets(module_spec.spec, params, validation._no_log_values)


def masked_params(params, spec, known_options):
    """The options as Ansible may echo them: secret values and the values of unknown options masked.

    A misspelled option (``confg:`` for ``config:``) is echoed by Ansible's own "Unsupported
    parameters" failure; its values may be the secrets the real option would have masked.
    """
    secret_options = spec.secret_options
    mask_arguments = getattr(spec, "mask_arguments", None)
    masked = mask_arguments(params) if mask_arguments else dict(params)
    for option in masked:
        if option in secret_options or (option not in known_options and not option.startswith("_ansible_")):
            masked[option] = mask_values(masked[option])
    return masked


class HerokuModule(AnsibleModule):
    """AnsibleModule that keeps the values of secret-valued options out of logs and -vvv output.

    Marking a whole dict option ``no_log`` would make Ansible blank out every occurrence of
    every value anywhere in the output, which garbles unrelated text; instead the values of
    these options are masked where the module's own arguments are echoed (syslog and the
    ``invocation`` shown at -vvv).
    """

    def __init__(self, module_spec):
        self._spec = module_spec.spec
        super().__init__(argument_spec=argument_spec(module_spec), supports_check_mode=True,
                         mutually_exclusive=list(module_spec.mutually_exclusive),
                         required_if=list(module_spec.required_if), required_one_of=list(module_spec.required_one_of))
        # Every secret the task was given, whole and in parts, is masked wherever Ansible returns or logs anything.
        self.no_log_values.update(task_secrets(self._spec, self.params, self.no_log_values))

    def masked_params(self):
        return masked_params(self.params, self._spec, self.argument_spec)

    def _log_invocation(self):
        real, self.params = self.params, self.masked_params()
        try:
            super()._log_invocation()
        finally:
            self.params = real

    def exit_json(self, **kwargs):
        kwargs.setdefault("invocation", dict(module_args=self.masked_params()))
        super().exit_json(**kwargs)

    def fail_json(self, msg, **kwargs):
        kwargs.setdefault("invocation", dict(module_args=self.masked_params()))
        super().fail_json(msg=msg, **kwargs)

    def connect(self):
        """The API client built from the connection options; sends nothing yet."""
        client = client_from(self.params, warn=self.warn)
        # A key found in the environment or ~/.netrc is as secret as the option.
        self.no_log_values.update(secret_parts(client.secrets()))
        return client


def run_module(module_spec):
    """A module's main(): validate the options, run the spec, report."""
    module = HerokuModule(module_spec)
    task = Task(params=module.params, connect=module.connect, check_mode=module.check_mode, diff=module._diff)
    try:
        result = run(module_spec.spec, task)
    except HerokuError as exc:
        module.fail_json(**failure(exc, task))
    except Exception as exc:  # pylint: disable=broad-except
        # Reported like a failure; fail_json masks every secret the task holds, as in any other text it returns.
        module.fail_json(msg="Unexpected error: %s: %s" % (type(exc).__name__, exc),
                         exception=traceback.format_exc(), changed=task.wrote)
    # What the spec warns about; exit_json's own warnings argument is deprecated (ansible-core 2.19).
    for text in result.pop("warnings", ()):
        module.warn(text)
    module.exit_json(**result)
