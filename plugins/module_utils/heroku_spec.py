# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What a Heroku resource is, as data: the vocabulary of the resource specs.

A spec (one private file per resource, ``_app.py``, ``_domain.py``, ...) says what
Heroku's object is: its paths, its fields, the sections that live at their own
endpoints, its result shape, its ready and failed states, the names it checks.
The runners (heroku_runner.py) read specs and own all the logic.

Two kinds of functions appear in a spec, and each says which it is:
- *hooks* compute: they take values and return values, send no request and never
  fail the task (bad input raises HerokuInputError, which the runner reports);
- *readers and writers* (a section's ``read`` and ``write``, a ``Detail``'s ``read``,
  ``lookup``, ``Field.resolve``) talk to Heroku through the client they are given.
"""

from __future__ import annotations

import copy
import re
from collections import namedtuple
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK, api_path

Hook = Callable[..., Any]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Field:
    """An option that maps to an attribute of the resource's own representation.

    ``key``: the result key it shows as (default: the option). ``body_key``: its name in
    create and update bodies (default: the option). ``create``: sent when creating.
    ``create_only``: sent when creating and never compared (Heroku cannot read it back, or it
    only picks a default). ``immutable``: Heroku cannot change it in place, and this says what
    to do instead. ``secret``: its values are masked unless the spec's ``reveal`` option is true.
    ``resolve`` (a reader): turns the value into what the body holds (a team name into its id).
    """

    option: str
    key: Optional[str] = None
    body_key: Optional[str] = None
    create: bool = True
    create_only: bool = False
    immutable: Optional[str] = None
    secret: bool = False
    resolve: Optional[Hook] = None

    @property
    def result_key(self) -> str:
        return self.key or self.option

    @property
    def body_name(self) -> str:
        return self.body_key or self.option


@dataclass(frozen=True)
class Reading:
    """What a section's ``read`` may return: the value to compare, and what its ``write`` will need
    (the coupling ids behind a pipeline's stages), so that nothing is read twice."""

    value: Any
    context: Any = None


@dataclass(frozen=True)
class Section:
    """An option that lives at an endpoint of its own (an app's buildpacks, a space's inbound rules).

    ``read(client, rep, params)`` returns its current value (or a Reading), compared like a
    field's; ``write(client, rep, before, after, params, context)`` sends the change. Read
    once per run, and only when the user set the option.
    """

    option: str
    read: Hook
    write: Hook
    secret: bool = False


@dataclass(frozen=True)
class Detail:
    """A read-only attribute from another endpoint, part of every result (a space's outbound IPs).

    ``read(client, rep)``, sent once per run and only when ``when(rep)`` holds; ``default``
    stands in otherwise, and in check mode for a resource not yet created.
    """

    key: str
    read: Hook
    when: Hook = lambda rep: True
    default: Any = None


@dataclass(frozen=True)
class Read:
    """A read a hook needs besides the resource itself, sent only when ``when(params)`` holds.

    ``fetch(client, params)``; its value reaches ``adjust`` and ``summarize`` under ``name``.
    """

    name: str
    fetch: Hook
    when: Hook = lambda params: True


@dataclass(frozen=True)
class Paths:
    """Where a resource lives. Templates name options in braces (``{app}``) and ``{id}``:
    the identity as the user gave it until the resource is found, its Heroku id after."""

    item: str
    create: Optional[str] = None


# A write a hook describes and the runner sends: hooks never send requests themselves.
Request = namedtuple("Request", "method path body", defaults=(None,))


@dataclass(frozen=True)
class Resource:
    """One Heroku resource, converged to present or absent by ``heroku_runner.converge``.

    Options the runner needs are named here, never assumed: ``identity`` (the option that names
    the resource), ``rename`` (the option that renames it), ``state``, ``wait``/``wait_timeout``,
    ``reveal`` (show secret values). ``parent`` is the option naming the resource it belongs to.
    """

    noun: str
    result_key: str
    returned: Mapping[str, tuple]
    paths: Paths
    identity: Optional[str] = None
    parent: Optional[str] = None
    rename: Optional[str] = None
    state: Optional[str] = "state"
    fields: tuple = ()
    sections: tuple = ()
    details: tuple = ()
    reads: tuple = ()
    #: option -> kind of Heroku name it holds (heroku_validate.NAMES), or (kind, ids allowed); checked first
    names: Mapping[str, Any] = field(default_factory=dict)
    reveal: Optional[str] = None
    #: identities compare case-insensitively (hostnames, emails): Heroku keeps them lower case
    case_insensitive: bool = False
    creatable: bool = True
    #: state=absent deletes it; else ``desired`` says what absent means (heroku_config removes keys)
    deletable: bool = True
    #: what the create request always carries besides the options, e.g. a required null
    create_defaults: Mapping[str, Any] = field(default_factory=dict)
    missing: str = "%(noun)s %(name)s was not found."
    #: asynchronous resources: the representation's ``state_key`` moves through these
    state_key: str = "state"
    ready_states: tuple = ()
    failed_states: tuple = ()
    wait: Optional[str] = None
    wait_timeout: Optional[str] = None
    # -- hooks (compute only) --
    title: Optional[Hook] = None               # (params) -> how messages name it; default: the identity
    validate: Optional[Hook] = None            # (params) -> None; raises HerokuInputError
    desired: Optional[Hook] = None             # (params) -> {option: wanted value}
    adjust: Optional[Hook] = None              # (desired, current, params, reads) -> desired; may raise
    create_body: Optional[Hook] = None         # (desired, params) -> body
    create_path: Optional[Hook] = None         # (params) -> template, when it depends on the options
    item_path: Optional[Hook] = None           # (params) -> template, when it depends on the options
    update_requests: Optional[Hook] = None     # (rep, body, params) -> [Request]; default: one PATCH
    apply_answers: Optional[Hook] = None       # (rep, answers) -> rep; default: the last answer
    view: Optional[Hook] = None                # (rep, params) -> result; default: ``returned``
    before_creation: Optional[Hook] = None     # (params) -> result keys check mode knows before creation
    interpret: Optional[Hook] = None           # (rep, params) -> rep or None: what the look-up found means
    summarize: Optional[Hook] = None           # (after, diff_before, diff_after, params, reads) -> summary_keys
    summary_keys: tuple = ()
    #: (params) -> params as Ansible may show them, secrets the options hold masked
    mask_arguments: Optional[Hook] = None
    # -- readers --
    lookup: Optional[Hook] = None              # (client, params) -> rep or None; default: GET the item
    #: (client, found, params, check_mode) -> [warning]: judges what the look-up found before any write; raises to refuse
    review: Optional[Hook] = None

    def key_of(self, option: str) -> str:
        for spec_field in self.fields:
            if spec_field.option == option:
                return spec_field.result_key
        return option

    @property
    def secret_options(self) -> tuple:
        return tuple(item.option for item in self.fields + self.sections if item.secret)


@dataclass(frozen=True)
class Source:
    """Where an _info module reads from when ``option`` is set (a tuple: when all of them are; None: the fallback)."""

    option: Any
    path: str
    single: bool = False
    #: fail with this where Heroku has nothing there; else the result is empty
    missing: Optional[str] = None
    #: a list read newest first by this field (Range ``<field> ..; order=desc``), such as releases by version
    newest_first: Optional[str] = None
    #: the option that bounds how many items a list read returns; 0 or null: every item
    limit: Optional[str] = None

    def applies(self, params) -> bool:
        options = self.option if isinstance(self.option, tuple) else (self.option,)
        return all(option is None or params.get(option) is not None for option in options)

    def list_options(self, params) -> dict:
        """What the client's ``list`` is given besides the path."""
        options = dict(range_field=self.newest_first, descending=True) if self.newest_first else {}
        if self.limit and params.get(self.limit):
            options["limit"] = params[self.limit]
        return options


@dataclass(frozen=True)
class Info:
    """An _info twin: reads from the first source whose option is set, each item shaped like the resource."""

    result_key: str
    sources: tuple
    returned: Mapping[str, tuple] = field(default_factory=dict)
    names: Mapping[str, Any] = field(default_factory=dict)
    #: read for each item only when one item was asked for (two more reads per space are too many for a list)
    details: tuple = ()
    view: Optional[Hook] = None       # (rep, params) -> item; default: ``returned``
    as_list: bool = True
    #: reads sent once after the source (Read: only when ``when(params)`` holds); their values reach ``select``
    reads: tuple = ()
    select: Optional[Hook] = None     # (items, params, reads) -> items: narrow the list or complete its items
    validate: Optional[Hook] = None   # (params) -> None; raises HerokuInputError, before any request

    secret_options = ()


@dataclass(frozen=True)
class Operation:
    """A one-off action (a promotion, a restart), run by ``heroku_runner.operate``.

    ``read(client, params)`` gathers what the decision needs (a reader); ``plan(state, params)``
    (a hook) returns a Plan; ``perform(client, state, plan, params)`` sends the writes;
    ``settle(client, state, plan, outcome, params)``, where there is something to wait for, waits
    when asked and returns the final outcome; ``report(state, plan, outcome, params, check_mode)``
    (a hook) returns the result and, when the action failed, what failed (the runner then fails
    the task with that result).
    """

    result_key: str
    read: Hook
    plan: Hook
    perform: Hook
    report: Hook
    #: None: an operation with nothing to wait for, whose outcome is what ``perform`` returned
    settle: Optional[Hook] = None
    #: the keys of the result ``report`` shapes
    result_keys: tuple = ()
    names: Mapping[str, Any] = field(default_factory=dict)
    validate: Optional[Hook] = None
    wait_timeout: Optional[str] = None
    #: (params) -> params as Ansible may show them, secrets the options name masked (a hook)
    mask_arguments: Optional[Hook] = None

    secret_options = ()


@dataclass(frozen=True)
class Plan:
    """What an operation would do: whether it changes anything, its diff as (before, after), and what doing it needs."""

    changed: bool
    diff: tuple
    work: Any = None


@dataclass(frozen=True)
class Module:
    """What a module file runs: its spec and the arguments Ansible validates before it.

    The module and the action plugin of the same name share it, so both validate alike.
    """

    spec: Any
    argument_spec: Mapping[str, Any]
    mutually_exclusive: tuple = ()
    required_if: tuple = ()
    required_one_of: tuple = ()


def wait_options(default_timeout, wait=True):
    """The options of a module that waits for an asynchronous resource."""
    return dict(wait=dict(type="bool", default=wait), wait_timeout=dict(type="int", default=default_timeout))


def state_option():
    return dict(type="str", choices=["present", "absent"], default="present")


def required(kind="str"):
    return dict(type=kind, required=True)


# -- value helpers the runners and specs share --------------------------------------

def dig(data, path):
    """``data["a"]["b"]`` for path ``("a", "b")``, None where any step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def shape(returned, rep):
    """The documented result keys, read from Heroku's representation."""
    return dict((key, dig(rep, path)) for key, path in returned.items())


def render(template, params, ident=None):
    """A path template with its ``{option}`` and ``{id}`` placeholders filled in, each quoted as one segment."""
    names = PLACEHOLDER.findall(template)
    return api_path(PLACEHOLDER.sub("{}", template), *[ident if name == "id" else params[name] for name in names])


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
