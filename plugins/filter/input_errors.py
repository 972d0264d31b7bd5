# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
name: input_errors
short_description: What a module of this collection would refuse in its options, before any request
version_added: 0.5.0
description:
  - Runs the checks a module of herokuops.platform makes of its options before it sends any request (Ansible's
    argument spec, then the module's own, such as Heroku's name patterns, drain and webhook URLs, dyno sizes,
    a certificate and its key) on options given as data, and returns their failures as messages, each naming the
    variable at fault. Sends no request.
  - For a role or a playbook that calls several modules, to refuse bad variables in one task before its first
    write, with the very checks the modules make.
  - An option whose value is V(null) or an empty string counts as not given, as C(default(omit, true)) leaves it out.
  - Messages never show a secret value (the values of options the module keeps secret, a drain URL, a tarball
    URL's token).
author:
  - herokuops.platform contributors (@herokuops)
options:
  _input:
    description:
      - The module's options, as a dict; or a list of such dicts, one call of the module each.
    type: raw
    required: true
  module:
    description: The module of this collection, by its short name, for example V(heroku_drain).
    type: str
    required: true
  variable:
    description:
      - The variable the options come from, which each message starts with; for a list, followed by the item's
        index (V(heroku_app_drains[0])).
      - Or a dict of option name to variable name, for options that come from several variables; a message then
        starts with the variable of the option at fault.
      - Default the module's name. An empty string leaves the messages as the module words them (they name its
        options), for variables named as the options are.
    type: raw
  keys:
    description:
      - A dict of key to the module's option, for options given under another key (the app role's
        C(heroku_app_attachments[].as) is the C(name) of M(herokuops.platform.heroku_addon_attachment)). A message
        about such an option names the key after the variable (V(heroku_app_attachments[0].as)).
    type: dict
'''

EXAMPLES = r'''
- name: Refuse bad drains before anything is written
  ansible.builtin.fail:
    msg: "{{ problems | join(' ') }}"
  vars:
    problems: "{{ my_drains | map('combine', {'app': 'shop-web'}) | herokuops.platform.input_errors('heroku_drain', 'my_drains') }}"
  when: problems | length > 0
'''

RETURN = r'''
_value:
  description: One message for each call whose options a module would refuse (its first failure); empty when none.
  type: list
  elements: str
'''

import re

from ansible.errors import AnsibleFilterError
from ansible.module_utils.common.parameters import remove_values
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import validate_arguments
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import module_of


def spec_of(name):
    """The Module the collection's module ``name`` runs, as its action plugin finds it."""
    module = module_of(name) if isinstance(name, str) else None
    if module is None:
        raise AnsibleFilterError("input_errors: module=%r is not a module of herokuops.platform, such as heroku_drain." % (name,))
    return module


def plain(value):
    """``value`` as plain data: Ansible's lazy containers would take the template context along into the copy that
    Ansible's argument spec validator makes, a second or so for the role's variables."""
    if isinstance(value, dict):
        return dict((str(key), plain(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def first_error(module, options, name):
    """The first failure of the module's checks on ``options`` and the option it names, or (None, None); secrets masked."""
    params = dict((key, value) for key, value in plain(options).items() if value is not None and value != "")
    # Masked as the module masks its results: every secret it was given, whole and in the parts a message can quote.
    validation, params, secrets = validate_arguments(module, params)
    if validation.error_messages:
        message = validation.errors.msg
        if isinstance(validation.errors[0], UnsupportedError):
            message = "unsupported parameters for %s: %s" % (name, message)
        return remove_values(message, secrets), None
    try:
        check_input(module.spec, params)
    except HerokuError as exc:
        return remove_values(str(exc), secrets), getattr(exc, "option", None)
    return None, None


def input_errors(options, module, variable=None, keys=None):
    spec = spec_of(module)
    items = options if isinstance(options, list) else [options]
    given_as = dict((option, key) for key, option in (keys or {}).items())
    errors = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise AnsibleFilterError("input_errors: the options of %s must be a dict, not %s." % (module, type(item).__name__))
        message, option = first_error(spec, dict(((keys or {}).get(key, key), value) for key, value in item.items()), module)
        if message is None:
            continue
        if isinstance(variable, dict):
            # The option a message names may be a path into it (processes[0].size): its first word counts.
            where = variable.get(re.split(r"[.\[ :=]", option or "", maxsplit=1)[0], module)
        else:
            where = module if variable is None else variable
        if isinstance(options, list):
            where += "[%d]" % index
        if option in given_as:
            where += ".%s" % given_as[option]
        errors.append("%s: %s" % (where, message) if where else message)
    return errors


class FilterModule(object):
    def filters(self):
        return dict(input_errors=input_errors)
