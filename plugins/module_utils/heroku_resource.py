# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The present/absent engine that every resource module of this collection declares itself against.

A module names its paths, its fields (what the user can set, how it reads back,
whether it can change in place) and overrides a few named hooks where Heroku is
special. This base owns everything else: input checks before any request,
look-up (404 means absent), comparing only what the user set, one create
request or one PATCH, check mode without writes, the diff, ``changed`` derived
from that diff, waiting, result shaping and error reporting.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    MASK,
    REQUESTS_IMPORT_ERROR,
    HerokuAPIError,
    HerokuError,
    connect,
    wait_until,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_range


def heroku_argument_spec(**module_options):
    """The connection options every module shares (see the herokuops.platform.heroku doc fragment)."""
    spec = dict(
        api_key=dict(type="str", no_log=True),
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["HEROKU_API_URL"])),
        validate_certs=dict(type="bool", default=True),
        timeout=dict(type="int", default=30),
        max_retries=dict(type="int", default=5),
        retry_timeout=dict(type="int", default=60),
    )
    spec.update(module_options)
    return spec


def wait_argument_spec(default_timeout):
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=default_timeout),
    )


def dig(data, path):
    """``data["a"]["b"]`` for path ``("a", "b")``, None where any step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def partial_changes(want, have):
    """The parts of ``want`` that ``have`` does not already hold, as (before, after).

    Dicts are compared key by key and only on the keys the user gave, so an
    option such as ``features: {preboot: true}`` leaves the other features
    alone. A None inside a dict the user gave means "remove this key".
    Returns None when nothing differs.
    """
    if isinstance(want, dict):
        have = have if isinstance(have, dict) else {}
        before, after = {}, {}
        for key, value in want.items():
            if value is None and key not in have:
                continue
            sub = partial_changes(value, have.get(key)) if value is not None else (have.get(key), None)
            if sub is not None:
                before[key], after[key] = sub
        return (before, after) if after or before else None
    return None if want == have else (have, want)


def as_config_value(value):
    """Heroku stores config values as strings; YAML gives booleans and numbers."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def mask_values(value):
    """Every value in (nested) dicts replaced by MASK; None, meaning removed, stays."""
    if isinstance(value, dict):
        return dict((key, mask_values(item)) for key, item in value.items())
    return None if value is None else MASK


def mask_diff(before, after):
    """Hide values but keep a diff readable: each key shows whether it was added, changed or removed (null)."""
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        masked_before, masked_after = {}, {}
        for key in set(before) | set(after):
            old, new = mask_diff(before.get(key), after.get(key))
            # Same keys as the unmasked diff: a null stays null (removed, or not set).
            if key in before:
                masked_before[key] = old
            if key in after:
                masked_after[key] = new
        return masked_before, masked_after
    old = None if before is None else MASK
    new = None if after is None else "%s (%s)" % (MASK, "added" if before is None else "changed")
    return old, new


def merge(base, changes):
    """``base`` with ``changes`` applied the way partial_changes produced them."""
    if not isinstance(changes, dict) or not isinstance(base, dict):
        return copy.deepcopy(changes)
    result = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge(result.get(key), value)
    return result


class Field:
    """One option of a module that maps to an attribute of the resource.

    ``key``: where the value sits in the module's result (the view); defaults to the option name.
    ``body_key``: its name in create and PATCH bodies; defaults to the option name.
    ``create``: sent in the create request.
    ``immutable``: Heroku cannot change it in place; the text says what to do instead.
    """

    def __init__(self, option, key=None, body_key=None, create=True, immutable=None):
        self.option = option
        self.key = key or option
        self.body_key = body_key or option
        self.create = create
        self.immutable = immutable


class HerokuModule(AnsibleModule):
    """AnsibleModule that keeps the values of secret-valued options out of logs and -vvv output.

    Marking a whole dict option ``no_log`` would make Ansible blank out every
    occurrence of every value anywhere in the output, which garbles unrelated
    text; instead the values of these options are masked where the module's own
    arguments are echoed (syslog and the ``invocation`` shown at -vvv).
    """

    def __init__(self, argument_spec, secret_value_options=(), **kwargs):
        self._secret_value_options = secret_value_options
        kwargs.setdefault("supports_check_mode", True)
        super(HerokuModule, self).__init__(argument_spec=heroku_argument_spec(**argument_spec), **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=str(REQUESTS_IMPORT_ERROR))

    def masked_params(self):
        params = dict(self.params)
        for option in self._secret_value_options:
            params[option] = mask_values(params.get(option))
        # A misspelled option (confg: for config:) is echoed by Ansible's own "Unsupported
        # parameters" failure; its values may be the secrets the real option would have masked.
        for option in params:
            if option not in self.argument_spec and not option.startswith("_ansible_"):
                params[option] = mask_values(params[option])
        return params

    def _log_invocation(self):
        real, self.params = self.params, self.masked_params()
        try:
            super(HerokuModule, self)._log_invocation()
        finally:
            self.params = real

    def exit_json(self, **kwargs):
        kwargs.setdefault("invocation", dict(module_args=self.masked_params()))
        super(HerokuModule, self).exit_json(**kwargs)

    def fail_json(self, msg, **kwargs):
        kwargs.setdefault("invocation", dict(module_args=self.masked_params()))
        super(HerokuModule, self).fail_json(msg=msg, **kwargs)

    def client(self):
        """The API client built from the connection options; sends nothing yet."""
        params = self.params
        try:
            client = connect(
                params["api_key"], api_url=params["api_url"], timeout=params["timeout"],
                validate_certs=params["validate_certs"], max_retries=params["max_retries"],
                retry_timeout=params["retry_timeout"], warn=self.warn)
        except HerokuError as exc:
            self.fail_json(msg=str(exc))
        # A key found in the environment or ~/.netrc is as secret as the option.
        self.no_log_values.update(client.secrets())
        return client

    def fail_from(self, exc, client=None, **kwargs):
        """Fail with a message a person can act on, and a structured ``failure`` where Heroku answered.

        ``changed`` is true when a write may have taken effect before the failure (answered, or
        sent and never answered): the next run would otherwise show a change the user did not expect.
        """
        if isinstance(exc, HerokuAPIError):
            kwargs["failure"] = exc.as_failure()
        kwargs["changed"] = bool(kwargs.get("changed")) or bool(client is not None and client.writes_sent)
        self.fail_json(msg=str(exc), **kwargs)


class HerokuBase:
    """What the resource engine and the _info modules share: options, client, input checks, errors."""

    #: the key of the module's result, e.g. ``heroku_app``
    result_key = None
    #: options whose values are secrets: masked in logs, the module's echoed arguments, the
    #: result and the diff, unless show_values is true
    secret_options = ()
    #: result keys and where each sits in Heroku's representation
    returned = {}
    #: option -> kind of Heroku name it holds (heroku_validate.NAMES); checked before any request
    named_options = {}

    def __init__(self, module):
        self.module = module
        self.params = module.params
        self._client = None

    @classmethod
    def run_module(cls, argument_spec, **kwargs):
        """A module's main(): parse the options, masking this resource's secret options, and run."""
        cls(HerokuModule(argument_spec, secret_value_options=cls.secret_options, **kwargs)).run()

    @property
    def client(self):
        # Built on first use so that input checks run, and fail, before anything else.
        if self._client is None:
            self._client = self.module.client()
        return self._client

    def fail(self, msg, **kwargs):
        kwargs.setdefault("changed", bool(self._client is not None and self._client.writes_sent))
        self.module.fail_json(msg=msg, **kwargs)

    def validate(self):
        """Hook: check the input before any request; raise HerokuInputError naming the option."""

    def run(self):
        try:
            check_range("wait_timeout", self.params.get("wait_timeout"), 0, unit=" seconds")
            for option, kind in self.named_options.items():
                check_name(option, self.params.get(option), kind)
            self.validate()
            result = self.execute()
        except HerokuError as exc:
            self.module.fail_from(exc, client=self._client)
        self.module.exit_json(**result)

    def execute(self):
        raise NotImplementedError

    def view(self, rep):
        """The curated result: the documented keys, read from Heroku's representation."""
        return dict((key, dig(rep, path)) for key, path in self.returned.items())

    def app_names(self, app_ids):
        """App id -> name for the ids a list gave (pipeline couplings name apps by id only), in one request.

        An id Heroku does not answer for (an app deleted meanwhile) stands for its own name.
        """
        names = dict((app_id, app_id) for app_id in app_ids)
        if names:
            query = {"in": {"id": sorted(names)}}
            names.update((app["id"], app["name"]) for app in self.client.list("/filters/apps", query=query))
        return names


class HerokuResource(HerokuBase):
    """The present/absent engine. Subclasses declare ``fields`` and the path hooks."""

    #: Field objects for the attributes of the resource's main representation
    fields = ()
    #: options that live at their own endpoint; each has read_<option>(rep) and write_<option>(rep, before, after)
    sections = ()
    #: the resource's name in messages, e.g. "app"
    noun = "resource"
    #: the module may create the resource when it is missing; else a missing one fails
    creatable = True
    #: state=absent deletes the resource; else the module's desired() decides what absent means
    deletable = True

    # -- hooks a module overrides -----------------------------------------------

    def item_path(self, rep=None):
        """Path of the resource; from ``rep`` once known (ids survive renames)."""
        raise NotImplementedError

    def create_path(self):
        raise NotImplementedError

    def identity(self):
        """How the resource is named in messages."""
        return self.params.get("name")

    def final_name(self):
        """The name the resource has once the run is done: new_name where the user asks for a rename."""
        return self.params.get("new_name") or self.params.get("name")

    def lookup(self):
        """Heroku's representation of the resource, or None where it does not exist."""
        rep = self.client.get_or_none(self.item_path())
        if rep is None and self.params.get("new_name") and self.params.get("state", "present") == "present":
            # A rename that an earlier run already did; Heroku takes a name wherever it takes an id.
            rep = self.client.get_or_none(self.item_path({"id": self.params["new_name"]}))
        return rep

    def desired(self):
        """Option -> wanted value, for the options the user set (None means: leave as it is)."""
        names = [field.option for field in self.fields] + list(self.sections)
        return dict((name, self.params[name]) for name in names if self.params.get(name) is not None)

    def create_body(self, desired):
        return dict((field.body_key, desired[field.option])
                    for field in self.fields if field.create and field.option in desired)

    def create(self, desired):
        return self.client.post(self.create_path(), self.create_body(desired))

    def update(self, rep, body):
        """Send one PATCH with every changed field; returns the new representation."""
        return self.client.patch(self.item_path(rep), body)

    def delete(self, rep):
        self.client.delete(self.item_path(rep))

    def is_ready(self, rep):
        """Hook for asynchronous resources: has ``rep`` reached its usable state?"""
        return True

    def is_failed(self, rep):
        return False

    def wait_timeout(self):
        return self.params.get("wait_timeout") or 0

    def known_before_creation(self):
        """Hook: result keys that check mode can fill in for a resource not yet created."""
        return {"name": self.final_name()} if "name" in self.returned else {}

    def missing_message(self):
        return "%s %s was not found." % (self.noun.capitalize(), self.identity())

    # -- the engine ----------------------------------------------------------------

    def execute(self):
        rep = self.lookup()
        if rep is None and not self.creatable:
            self.fail(self.missing_message())
        if self.params.get("state", "present") == "absent" and self.deletable:
            return self.ensure_absent(rep)
        return self.ensure_present(rep)

    def ensure_absent(self, rep):
        if rep is None:
            return self.result(False, None, {}, {})
        before = self.view(rep)
        if not self.module.check_mode:
            self.delete(rep)
        return self.result(True, None, before, {})

    def ensure_present(self, rep):
        desired = self.desired()
        if rep is None:
            if self.module.check_mode:
                after = self.predict_created(desired)
                return self.result(True, after, {}, after)
            rep = self.create(desired)
            current = self.current(rep, desired)
            changes = self.changes(desired, current)
            rep = self.apply(rep, changes)
            rep = self.wait(rep)
            after = self.current(rep, desired, reread=False, previous=current, changes=changes)
            return self.result(True, after, {}, after)

        current = self.current(rep, desired)
        changes = self.changes(desired, current)
        self.check_immutable(changes)
        # Keyed like the result (a rename shows as name, not new_name).
        before = dict((self._key_of(option), change[0]) for option, change in changes.items())
        after_diff = dict((self._key_of(option), change[1]) for option, change in changes.items())
        if changes and not self.module.check_mode:
            rep = self.apply(rep, changes)
        if not self.module.check_mode:
            rep = self.wait(rep)
            after = self.current(rep, desired, reread=False, previous=current, changes=changes)
        else:
            after = self.predict(current, changes)
        return self.result(bool(changes), after, before, after_diff)

    def current(self, rep, desired, reread=True, previous=None, changes=None):
        """The view of ``rep`` plus the sections the user set.

        Sections are read once per run: after a write their new value is what
        was written, so there is no second GET to learn it.
        """
        view = self.view(rep)
        for option in self.sections:
            if option not in desired:
                continue
            if reread:
                view[option] = getattr(self, "read_" + option)(rep)
            else:
                view[option] = merge(previous.get(option), changes[option][1]) if option in changes else previous.get(option)
        return view

    def changes(self, desired, current):
        changes = {}
        for field in self.fields:
            if field.option in desired:
                change = partial_changes(desired[field.option], current.get(field.key))
                if change is not None:
                    changes[field.option] = change
        for option in self.sections:
            if option in desired:
                change = partial_changes(desired[option], current.get(option))
                if change is not None:
                    changes[option] = change
        return changes

    def check_immutable(self, changes):
        for field in self.fields:
            if field.option in changes and field.immutable:
                before, after = changes[field.option]
                self.fail("Cannot change %s of %s %s from %r to %r in place: %s" % (
                    field.option, self.noun, self.identity(), before, after, field.immutable))

    def apply(self, rep, changes):
        """One PATCH for the changed fields, then one write per changed section."""
        body = dict((field.body_key, changes[field.option][1])
                    for field in self.fields if field.option in changes and not field.immutable)
        if body:
            rep = self.update(rep, body) or rep
        for option in self.sections:
            if option in changes:
                before, after = changes[option]
                getattr(self, "write_" + option)(rep, before, after)
        return rep

    def wait(self, rep):
        if self.is_ready(rep) or not self.params.get("wait", False):
            return rep
        return wait_until(
            lambda: self.client.get(self.item_path(rep)),
            self.is_ready,
            what="%s %s" % (self.noun, self.identity()),
            timeout=self.wait_timeout(),
            is_failed=self.is_failed,
            describe=self.describe_state,
        )

    def describe_state(self, rep):
        return rep.get("state") if isinstance(rep, dict) else rep

    def predict(self, current, changes):
        """What check mode reports: the current view with the changes applied."""
        after = copy.deepcopy(current)
        for option, (_before, value) in changes.items():
            key = self._key_of(option)
            after[key] = merge(current.get(key), value)
        return after

    def predict_created(self, desired):
        after = dict((key, None) for key in self.returned)
        after.update(self.known_before_creation())
        return self.predict(after, dict((option, (None, value)) for option, value in desired.items()))

    def _key_of(self, option):
        for field in self.fields:
            if field.option == option:
                return field.key
        return option

    def result(self, changed, after, diff_before, diff_after):
        result = dict(changed=changed)
        after = dict(after) if after is not None else {}
        diff_before, diff_after = dict(diff_before), dict(diff_after)
        if not self.params.get("show_values"):
            keys = [self._key_of(option) for option in self.secret_options]
            for key in keys:
                if after.get(key) is not None:
                    after[key] = mask_values(after[key])
            masked_before, masked_after = mask_diff(
                dict((key, diff_before.pop(key)) for key in keys if key in diff_before),
                dict((key, diff_after.pop(key)) for key in keys if key in diff_after))
            diff_before.update(masked_before)
            diff_after.update(masked_after)
        result[self.result_key] = after
        if self.module._diff:
            result["diff"] = dict(before=diff_before, after=diff_after)
        return result


class HerokuInfo(HerokuBase):
    """The _info twin: reads, shapes each item like its resource module, never changes anything."""

    def items(self):
        """Hook: Heroku's representations of what the user asked for."""
        raise NotImplementedError

    def shape(self, rep):
        """Hook: one item of the result; by default shaped like the resource module's result."""
        return self.view(rep)

    def execute(self):
        return {"changed": False, self.result_key: [self.shape(rep) for rep in self.items()]}
