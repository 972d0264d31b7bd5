# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The runners: everything a module does, once, for every spec.

``converge`` makes a Resource present or absent: checks the input before any request,
looks the resource up (404 means absent), compares only what the user set, sends one
create or one update plus one write per changed section, never writes in check mode,
derives ``changed`` from the diff, waits, masks secrets and shapes the result.
``read_info`` serves the _info twins; ``operate`` runs one-off actions. None of them
knows Ansible: a Task carries the options, the modes and the client, so the module and
an in-process action plugin run the very same code.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable, Optional

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    HerokuAPIError,
    HerokuClient,
    HerokuInputError,
    HerokuOperationFailed,
    HerokuStateError,
    connect,
    wait_until,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    Info,
    Operation,
    Reading,
    Resource,
    mask_diff,
    mask_values,
    merge,
    partial_changes,
    render,
    shape,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import secret_parts
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_names, check_range


@dataclass
class Task:
    """One run of a module: its validated options, Ansible's modes, and how to reach Heroku."""

    params: dict
    connect: Callable[[], HerokuClient]
    check_mode: bool = False
    diff: bool = False
    _client: Optional[HerokuClient] = field(default=None, repr=False)

    @property
    def client(self) -> HerokuClient:
        # Built on first use, so that input checks run, and fail, before anything is resolved or sent.
        if self._client is None:
            self._client = self.connect()
        return self._client

    @property
    def wrote(self) -> bool:
        """Whether a write may have taken effect: a failed task must then still report changed."""
        return self._client is not None and bool(self._client.writes_sent)


def client_from(params: dict, warn: Callable[[str], None], environ=None) -> HerokuClient:
    """The API client built from a module's connection options; sends nothing yet."""
    return connect(params["api_key"], api_url=params["api_url"], timeout=params["timeout"],
                   validate_certs=params["validate_certs"], max_retries=params["max_retries"],
                   retry_timeout=params["retry_timeout"], warn=warn, environ=environ)


def run(spec, task: Task) -> dict:
    """The result of running ``spec`` (a Resource, an Info or an Operation) for ``task``."""
    if isinstance(spec, Resource):
        return converge(spec, task)
    if isinstance(spec, Info):
        return read_info(spec, task)
    if isinstance(spec, Operation):
        return operate(spec, task)
    raise TypeError("not a spec: %r" % (spec,))


def failure(exc, task: Task) -> dict:
    """A typed error as the task's failure: the message, Heroku's answer, and whatever result the error carries.

    ``changed`` is true when a write may have taken effect before the failure (answered, or sent and
    never answered): the next run would otherwise show a change the user did not expect.
    """
    result = dict(getattr(exc, "result", None) or {})
    result["msg"] = str(exc)
    if isinstance(exc, HerokuAPIError):
        result["failure"] = exc.as_failure()
    result["changed"] = bool(result.get("changed")) or task.wrote
    return result


def secret_values(spec, params) -> list:
    """Every value the user gave that is a secret: of the spec's secret options (unless the user asked to see them),
    and what its mask_arguments hides (a dyno's env, a build's source URL, heroku_request's secret fields)."""
    found = []

    def everything(value):
        if isinstance(value, (dict, list)):
            for item in (value.values() if isinstance(value, dict) else value):
                everything(item)
        elif value is not None:
            found.append(str(value))

    def hidden(original, masked):
        if isinstance(original, dict) and isinstance(masked, dict):
            for key, value in original.items():
                hidden(value, masked.get(key))
        elif isinstance(original, list) and isinstance(masked, list):
            for value, masked_value in zip(original, masked):
                hidden(value, masked_value)
        elif original is not None and original != masked:
            everything(original)

    if not (getattr(spec, "reveal", None) and params.get(spec.reveal)):
        for option in spec.secret_options:
            everything(params.get(option))
    mask_arguments = getattr(spec, "mask_arguments", None)
    if mask_arguments:
        hidden(params, mask_arguments(params))
    return found


def task_secrets(spec, params, no_log_values=()) -> set:
    """What no text the task returns may show: every secret it was given (its ``no_log`` values and ``secret_values``),
    whole and in the parts a message can quote alone (see heroku_secrets.parts_of).

    Both entry points add this to the values Ansible's ``no_log`` masking removes from the whole result, so that
    Heroku's own error texts, warnings and tracebacks are cleaned in one place.
    """
    return secret_parts(list(no_log_values) + secret_values(spec, params))


def check_input(spec, params):
    """Every check that needs no request: names, then the spec's own validator, then wait bounds."""
    for option, kind in spec.names.items():
        kind, ids = kind if isinstance(kind, tuple) else (kind, True)
        value = params.get(option)
        if isinstance(value, list):
            check_names(option, value, kind, ids=ids)
        else:
            check_name(option, value, kind, ids=ids)
    validate = getattr(spec, "validate", None)
    if validate:
        validate(params)
    timeout_option = getattr(spec, "wait_timeout", None)
    if timeout_option:
        check_range(timeout_option, params.get(timeout_option), 0, unit=" seconds")


# -- converge -----------------------------------------------------------------------------

def converge(spec: Resource, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    desired = spec.desired(params) if spec.desired else default_desired(spec, params)
    run_ = _Converge(spec, task, desired)
    rep = run_.find()
    absent = spec.state is not None and params.get(spec.state) == "absent"
    if rep is None and not spec.creatable:
        raise HerokuStateError(spec.missing % dict(params, noun=spec.noun.capitalize(), name=run_.title()))
    warnings = list(spec.review(task.client, rep, params, task.check_mode)) if spec.review else []
    result = run_.ensure_absent(rep) if absent and spec.deletable else run_.ensure_present(rep)
    if warnings:
        result["warnings"] = warnings
    return result


def default_desired(spec: Resource, params: dict) -> dict:
    """Option -> wanted value, for the fields and sections the user set (None: leave it as it is)."""
    options = [item.option for item in spec.fields + spec.sections if not getattr(item, "create_only", False)]
    return dict((option, params[option]) for option in options if params.get(option) is not None)


class _Converge:
    """One converge run: the spec, the task, and what this run has read (each thing once)."""

    def __init__(self, spec: Resource, task: Task, desired: dict):
        self.spec = spec
        self.task = task
        self.params = task.params
        self.desired = desired
        self.reads = {}
        self.details = {}

    @property
    def client(self):
        return self.task.client

    # -- names and paths ----------------------------------------------------------------

    def normalize(self, value):
        return value.lower() if self.spec.case_insensitive and isinstance(value, str) else value

    def identity(self):
        spec = self.spec
        return self.normalize(self.params.get(spec.identity)) if spec.identity else self.params.get(spec.parent)

    def title(self):
        return self.spec.title(self.params) if self.spec.title else self.identity()

    def final_name(self):
        """The name the resource has once the run is done: the new name where the user asks for a rename."""
        spec = self.spec
        return self.normalize((spec.rename and self.params.get(spec.rename)) or self.params.get(spec.identity))

    def item_path(self, ident):
        template = self.spec.item_path(self.params) if self.spec.item_path else self.spec.paths.item
        return render(template, self.params, ident)

    def rep_path(self, rep):
        # Once found, a resource of its own is addressed by id: ids survive renames. One that is
        # part of its parent (an app's config vars, its formation) is addressed through the parent.
        return self.item_path(rep["id"] if self.spec.identity else self.identity())

    # -- look-up ------------------------------------------------------------------------

    def find(self):
        spec = self.spec
        if spec.lookup:
            rep = spec.lookup(self.client, self.params)
        else:
            rep = self.client.get_or_none(self.item_path(self.identity()))
            wants_present = spec.state is None or self.params.get(spec.state) != "absent"
            if rep is None and spec.rename and self.params.get(spec.rename) and wants_present:
                # A rename an earlier run already did; Heroku takes a name wherever it takes an id.
                rep = self.client.get_or_none(self.item_path(self.final_name()))
        return spec.interpret(rep, self.params) if spec.interpret else rep

    # -- present --------------------------------------------------------------------------

    def ensure_present(self, rep):
        spec, task = self.spec, self.task
        if rep is None:
            if task.check_mode:
                after = self.predict_created()
                return self.result(True, after, {}, after)
            rep = self.client.post(self.create_path(), self.create_body())
            current = self.current(rep)
            changes = self.changes(current)
            rep = self.apply(rep, changes)
            rep = self.wait(rep)
            after = self.after(rep, current, changes)
            return self.result(True, after, {}, after)

        current = self.current(rep)
        changes = self.changes(current)
        self.check_immutable(changes)
        # Keyed like the result (a rename shows as name, not new_name).
        before = dict((spec.key_of(option), change[0]) for option, change in changes.items())
        after_diff = dict((spec.key_of(option), change[1]) for option, change in changes.items())
        if task.check_mode:
            return self.result(bool(changes), self.predict(current, changes), before, after_diff)
        rep = self.apply(rep, changes) if changes else rep
        rep = self.wait(rep)
        return self.result(bool(changes), self.after(rep, current, changes), before, after_diff)

    def create_path(self):
        spec = self.spec
        template = spec.create_path(self.params) if spec.create_path else spec.paths.create
        return render(template, self.params)

    def create_body(self):
        spec, params = self.spec, self.params
        if spec.create_body:
            body = spec.create_body(self.desired, params)
        else:
            body = dict(spec.create_defaults)
            if spec.identity:
                body[spec.identity] = self.final_name()
            for item in spec.fields:
                if item.create and params.get(item.option) is not None:
                    body[item.body_name] = self.desired.get(item.option, params[item.option])
        for item in spec.fields:
            if item.resolve and body.get(item.body_name) is not None:
                body[item.body_name] = item.resolve(self.client, body[item.body_name])
        return body

    def current(self, rep):
        """The view of ``rep`` plus the sections the user set, each read once, then the details."""
        view = self.view(rep)
        for section in self.spec.sections:
            if section.option in self.desired:
                reading = section.read(self.client, rep, self.params)
                if not isinstance(reading, Reading):
                    reading = Reading(reading)
                view[section.option] = reading.value
                self.reads["section:" + section.option] = reading.context
        return self.with_details(view, rep)

    def view(self, rep):
        spec = self.spec
        return spec.view(rep, self.params) if spec.view else shape(spec.returned, rep)

    def with_details(self, view, rep):
        for detail in self.spec.details:
            view[detail.key] = self.detail(detail, rep)
        return view

    def detail(self, detail, rep):
        if not detail.when(rep):
            return copy.deepcopy(detail.default)
        # The view is built before and after a write, which does not change a detail: read it once.
        cache_key = (detail.key, rep.get("id"))
        if cache_key not in self.details:
            self.details[cache_key] = detail.read(self.client, rep)
        return self.details[cache_key]

    def changes(self, current):
        spec = self.spec
        for extra in spec.reads:
            if extra.name not in self.reads and extra.when(self.params):
                self.reads[extra.name] = extra.fetch(self.client, self.params)
        desired = spec.adjust(self.desired, current, self.params, self.reads) if spec.adjust else self.desired
        changes = {}
        for item in spec.fields + spec.sections:
            if item.option in desired and not getattr(item, "create_only", False):
                change = partial_changes(desired[item.option], current.get(spec.key_of(item.option)))
                if change is not None:
                    changes[item.option] = change
        return changes

    def check_immutable(self, changes):
        spec = self.spec
        for item in spec.fields:
            if item.option in changes and item.immutable:
                before, after = changes[item.option]
                raise HerokuInputError("Cannot change %s of %s %s from %r to %r in place: %s" % (
                    item.option, spec.noun, self.title(), before, after, item.immutable), option=item.option)

    def apply(self, rep, changes):
        """One update request for the changed fields (or the few the spec describes), then one write per changed section."""
        spec = self.spec
        body = dict((item.body_name, changes[item.option][1])
                    for item in spec.fields if item.option in changes and not item.immutable)
        if body:
            requests = spec.update_requests(rep, body, self.params) if spec.update_requests else None
            if requests is None:
                answers = [self.client.patch(self.rep_path(rep), body)]
            else:
                answers = [self.client.request(request.method, request.path, request.body) for request in requests]
            rep = spec.apply_answers(rep, answers) if spec.apply_answers else (answers[-1] or rep)
        for section in spec.sections:
            if section.option in changes:
                before, after = changes[section.option]
                section.write(self.client, rep, before, after, self.params, self.reads.get("section:" + section.option))
        return rep

    def wait(self, rep):
        spec = self.spec

        def ready(value):
            return value.get(spec.state_key) in spec.ready_states

        if not spec.ready_states or ready(rep) or not (spec.wait and self.params.get(spec.wait)):
            return rep
        return wait_until(
            lambda: self.client.get(self.rep_path(rep)), ready,
            what="%s %s" % (spec.noun, self.title()),
            timeout=self.params.get(spec.wait_timeout) or 0,
            is_failed=lambda value: value.get(spec.state_key) in spec.failed_states,
            describe=lambda value: value.get(spec.state_key) if isinstance(value, dict) else value,
        )

    def after(self, rep, current, changes):
        """The result after a write: the answer, and each section as written (no second read to learn it)."""
        view = self.view(rep)
        for section in self.spec.sections:
            if section.option in self.desired:
                old = current.get(section.option)
                view[section.option] = merge(old, changes[section.option][1]) if section.option in changes else old
        return self.with_details(view, rep)

    def predict(self, current, changes):
        """What check mode reports: the current view with the changes applied."""
        after = copy.deepcopy(current)
        for option, (_before, value) in changes.items():
            key = self.spec.key_of(option)
            after[key] = merge(current.get(key), value)
        return after

    def predict_created(self):
        spec = self.spec
        after = dict((key, None) for key in spec.returned)
        if spec.identity and spec.identity in spec.returned:
            after[spec.identity] = self.final_name()
        for detail in spec.details:
            after[detail.key] = copy.deepcopy(detail.default)
        if spec.before_creation:
            after.update(spec.before_creation(self.params))
        return self.predict(after, dict((option, (None, value)) for option, value in self.desired.items()))

    # -- absent -----------------------------------------------------------------------------

    def ensure_absent(self, rep):
        if rep is None:
            return self.result(False, None, {}, {})
        # What is deleted needs no detail read from its other endpoints.
        before = self.view(rep)
        if not self.task.check_mode:
            self.client.delete(self.rep_path(rep))
        return self.result(True, None, before, {})

    # -- the result ---------------------------------------------------------------------------

    def result(self, changed, after, diff_before, diff_after):
        spec = self.spec
        after = dict(after) if after is not None else {}
        diff_before, diff_after = dict(diff_before), dict(diff_after)
        extra = spec.summarize(after, diff_before, diff_after, self.params, self.reads) if spec.summarize else {}
        if not (spec.reveal and self.params.get(spec.reveal)):
            keys = [spec.key_of(option) for option in spec.secret_options]
            for key in keys:
                if after.get(key) is not None:
                    after[key] = mask_values(after[key])
            masked_before, masked_after = mask_diff(
                dict((key, diff_before.pop(key)) for key in keys if key in diff_before),
                dict((key, diff_after.pop(key)) for key in keys if key in diff_after))
            diff_before.update(masked_before)
            diff_after.update(masked_after)
        after.update(extra)
        result = {"changed": changed, spec.result_key: after}
        if self.task.diff:
            result["diff"] = dict(before=diff_before, after=diff_after)
        return result


# -- _info --------------------------------------------------------------------------------

def read_info(spec: Info, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    source = next(source for source in spec.sources if source.applies(params))
    path = render(source.path, params)
    client = task.client
    options = {} if source.single else source.list_options(params)
    if source.single or source.missing:
        found = client.get_or_none(path) if source.single else client.list_or_none(path, **options)
        if found is None and source.missing:
            raise HerokuStateError(source.missing % params)
        reps = [] if found is None else ([found] if source.single else found)
    else:
        reps = client.list(path, **options)
    items = []
    for rep in reps:
        item = spec.view(rep, params) if spec.view else shape(spec.returned, rep)
        if source.single:
            for detail in spec.details:
                item[detail.key] = detail.read(client, rep) if detail.when(rep) else copy.deepcopy(detail.default)
        items.append(item)
    # One read for the whole list (an app's webhook deliveries), never one per item.
    reads = dict((extra.name, extra.fetch(client, params)) for extra in spec.reads if extra.when(params))
    if spec.select:
        items = spec.select(items, params, reads)
    return {"changed": False, spec.result_key: items if spec.as_list else (items[0] if items else {})}


# -- operate --------------------------------------------------------------------------------

def operate(spec: Operation, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    state = spec.read(task.client, params)
    plan = spec.plan(state, params)
    outcome = None
    if not task.check_mode:
        outcome = spec.perform(task.client, state, plan, params) if plan.changed else None
        if spec.settle:
            outcome = spec.settle(task.client, state, plan, outcome, params)
    payload, problem = spec.report(state, plan, outcome, params, task.check_mode)
    result = {"changed": plan.changed, spec.result_key: payload}
    if task.diff:
        result["diff"] = dict(before=plan.diff[0], after=plan.diff[1])
    if problem:
        raise HerokuOperationFailed(problem, result)
    return result
