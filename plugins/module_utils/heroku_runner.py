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
import difflib
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
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import field, record
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import Request, answers_list, method, path, placeholders, send
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Generations, Info, Operation, Plan, Reading, Resource
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import (
    Param, as_set, dig, mask_diff, mask_values, merge, partial_changes, shape,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import secret_parts
from ansible_collections.herokuops.platform.plugins.module_utils import heroku_generations
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_option, check_range


@record(frozen=False)
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


def first_upper(noun):
    """A noun at the start of a sentence: str.capitalize() would also lower the rest ("Sni endpoint", "Vpn connection")."""
    return noun[:1].upper() + noun[1:]


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
    """Every check that needs no request: names, then the rules between options, then the spec's own validator,
    then wait bounds."""
    for option, kind in spec.names.items():
        check_option(option, params.get(option), kind)
    for rule in getattr(spec, "rules", ()):
        if rule.broken(params):
            raise HerokuInputError(rule.message % params, option=rule.option)
    validate = getattr(spec, "validate", None)
    if validate:
        validate(params)
    timeout_option = getattr(spec, "wait_timeout", None)
    if timeout_option:
        check_range(timeout_option, params.get(timeout_option), 0, unit=" seconds")


# -- converge -----------------------------------------------------------------------------
#
# A converge run in four parts: look-up (find the resource and read what the task compares, each
# thing once), plan (what changes, as (before, after) per option: pure), apply (the writes and the
# wait) and result (the shape Ansible returns, secrets masked). ``Run`` carries what they share.

@record(frozen=False)
class Run:
    """One converge run: the spec, the task, what the options mean, and what has been read (each thing once)."""

    spec: Resource
    task: Task
    desired: dict
    reads: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)
    #: path -> a GET answer this run already holds, which a ``Field.resolve`` gets without reading it again (a
    #: telemetry drain's owner, read for its generation, then resolved to its id)
    known: dict = field(default_factory=dict)

    @property
    def params(self):
        return self.task.params

    @property
    def client(self):
        return self.task.client


def converge(spec: Resource, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    run_ = Run(spec, task, spec.desired(params) if spec.desired else default_desired(spec, params))
    rep = look_up(run_)
    absent = spec.state is not None and params.get(spec.state) == "absent"
    if spec.generations is not None and not absent:
        check_generation(run_, rep)
    if rep is None and not absent:
        require_for_creation(run_)
    # A resource Heroku's API cannot create (a VPC peering) that is not there is absent already.
    if rep is None and not spec.creatable and not absent:
        raise not_found(run_)
    warnings = list(spec.review(task.client, rep, params, task.check_mode)) if spec.review else []
    if absent and spec.deletable:
        result = remove(run_, rep)
    elif rep is None:
        result = create(run_)
    else:
        result = update(run_, rep)
    if warnings:
        result["warnings"] = warnings
    return result


def default_desired(spec: Resource, params: dict) -> dict:
    """Option -> wanted value, for the fields and sections the user set (None: leave it as it is).

    A write-only field (Heroku never returns it) is wanted on update only when its option says ``always``."""
    wanted = {}
    for item in spec.fields + spec.sections:
        value = params.get(item.option)
        if value is None or getattr(item, "create_only", False):
            continue
        if getattr(item, "write_only", None) and params.get(item.write_only) != "always":
            continue
        if getattr(item, "keyed", ()):
            value = by_key(item.keyed, value, keep_unset=False)
        if getattr(item, "unordered", False):
            value = as_set(list(value) + list(getattr(item, "implied", ())))
        if item.codec and item.codec.normalize:
            value = item.codec.normalize(value)
        if getattr(item, "absent_removes", False) and spec.state and params.get(spec.state) == "absent":
            value = dict((key, None) for key in value)
        wanted[item.option] = value
    return wanted


def by_key(keyed, items, keep_unset=True):
    """A list of objects as key -> their values (``Field.keyed``): all of them, or only those set (not None)."""
    key, values = keyed[0], keyed[1:]
    return dict((item[key], dict((name, item.get(name)) for name in values if keep_unset or item.get(name) is not None))
                for item in items)


def require_for_creation(run_):
    """Fail, before anything is sent, when the resource is to be created and an option its creation needs is unset."""
    spec = run_.spec
    for option, what_to_do in spec.create_requires.items():
        if run_.params.get(option) is None:
            raise HerokuInputError("%s %s does not exist and %s is required to create it: %s." % (
                first_upper(spec.noun), final_name(run_), option, what_to_do), option=option)


def not_found(run_):
    """The failure of a resource that is not there and cannot be created: with ``parent_read`` and the parent
    option set, one read of the parent tells an unknown parent (``parent_missing``) from an unknown resource of it
    (Heroku answers both with the same 404); else the route's ``missing``, or the spec's."""
    spec, params = run_.spec, run_.params
    values = dict(params, noun=first_upper(spec.noun), name=title(run_))
    if spec.parent_read and params.get(spec.parent) is not None:
        if run_.client.get_or_none(collection_path(run_, spec.parent_read)) is None:
            return HerokuStateError(spec.parent_missing % values)
    return HerokuStateError((route(run_).missing or spec.missing) % values)


# -- names and paths -------------------------------------------------------------------------

def normalize(spec, value):
    return value.lower() if spec.case_insensitive and isinstance(value, str) else value


def identity(run_):
    spec = run_.spec
    return normalize(spec, run_.params.get(spec.identity)) if spec.identity else run_.params.get(spec.parent)


def title(run_):
    return run_.spec.title(run_.params) if run_.spec.title else identity(run_)


def final_name(run_):
    """The name the resource has once the run is done: the new name where the user asks for a rename."""
    spec, params = run_.spec, run_.params
    return normalize(spec, (spec.rename and params.get(spec.rename)) or params.get(spec.identity))


def resource_path(run_, operation, own=None):
    """The path of ``operation`` on this resource: placeholders filled from the end, the last with ``own`` (the
    resource as addressed) where the resource has an identity, the one before with its parent, any other by name."""
    return fill(run_, operation, own, itself=bool(run_.spec.identity))


def collection_path(run_, operation):
    """The path of ``operation`` on the resource's collection (create, list): the last placeholder is its parent."""
    return fill(run_, operation, None, itself=False)


def fill(run_, operation, own, itself, **given):
    """``given``: placeholders whose values the caller knows (a Section's ``each`` key); the others as above."""
    spec, params = run_.spec, run_.params
    names = [name for name in placeholders(operation) if name not in given]
    values = dict(given)
    if itself and names:
        values[names.pop()] = own
    if spec.parent and names:
        values[names.pop()] = params.get(spec.parent)
    values.update((name, params.get(name)) for name in names)
    return path(operation, **values)


def address(run_, rep):
    """What addresses the found resource in Heroku's paths (its id unless the spec or the route says otherwise)."""
    return dig(rep, route(run_).address or run_.spec.address) if run_.spec.identity else None


def route(run_):
    """The Paths of this run: the spec's, or those of the first ``paths_when`` option set while wanted present."""
    spec, params = run_.spec, run_.params
    if spec.state is None or params.get(spec.state) != "absent":
        for option, paths in spec.paths_when.items():
            if params.get(option) is not None:
                return paths
    return spec.paths


def item_operation(run_):
    return routed(run_, "item") or route(run_).item


def routed(run_, part):
    """The operation of the first Route of ``part`` one of whose options is set, or None."""
    for route in run_.spec.routes:
        if route.part == part and any(run_.params.get(option) is not None for option in route.options):
            return route.operation
    return None


# -- look-up -----------------------------------------------------------------------------------

def look_up(run_):
    """The resource as Heroku holds it, or None: by the spec's lookup, in its parent's list, or by its identity."""
    spec, params, client = run_.spec, run_.params, run_.client
    if spec.lookup:
        rep = spec.lookup(client, params)
    elif spec.find_by:
        rep = find_in_list(run_)
    else:
        rep = client.get_or_none(resource_path(run_, item_operation(run_), identity(run_)))
        if rep is None and renamed_earlier(run_):
            # A rename an earlier run already did; Heroku takes a name wherever it takes an id.
            rep = client.get_or_none(resource_path(run_, item_operation(run_), final_name(run_)))
    return gone_or_present(run_, rep)


def gone_or_present(run_, rep):
    """None for a resource Heroku is deleting when the task wants it absent; a failure when it wants it present."""
    spec = run_.spec
    if rep is None or not spec.gone_states or rep.get(spec.state_key) not in spec.gone_states:
        return rep
    if spec.state is not None and run_.params.get(spec.state) == "absent":
        return None
    raise HerokuStateError("%s %s is being deleted; run again once Heroku has finished deleting it to create it anew." % (
        first_upper(spec.noun), rep.get(spec.identity) if spec.identity else title(run_)))


def renamed_earlier(run_):
    spec, params = run_.spec, run_.params
    wants_present = spec.state is None or params.get(spec.state) != "absent"
    return bool(spec.rename and params.get(spec.rename) and wants_present)


def find_in_list(run_):
    """The one item of the parent's list whose ``find_by`` is the identity (or the new name of an earlier rename)."""
    spec, params = run_.spec, run_.params
    items = run_.client.list_or_none(collection_path(run_, route(run_).list))
    if items is None:
        if params.get(spec.state) == "absent":
            return None
        raise HerokuStateError(spec.parent_missing % params)
    names = [identity(run_)] + ([final_name(run_)] if renamed_earlier(run_) else [])
    for name in names:
        found = [item for item in items if normalize(spec, item.get(spec.find_by)) == name]
        if len(found) > 1:
            raise HerokuStateError("%s %s has %d %ss with %s %s (%s): remove all but one." % (
                first_upper(spec.parent), params[spec.parent], len(found), spec.noun, spec.find_by, name,
                ", ".join(sorted(item["id"] for item in found))))
        if found:
            return found[0]
    return None


def present(returned, fields, rep, params):
    """Heroku's representation as the result shows it: the ``returned`` keys, each field decoded and, where
    its order means nothing, sorted."""
    item = shape(returned, rep, params)
    for spec_field in fields:
        key = spec_field.result_key
        if item.get(key) is None:
            continue
        if spec_field.codec and spec_field.codec.decode:
            item[key] = spec_field.codec.decode(item[key])
        if getattr(spec_field, "keyed", ()):
            item[key] = by_key(spec_field.keyed, item[key])
        if spec_field.unordered:
            item[key] = as_set(item[key])
    return item


def view(run_, rep):
    spec = run_.spec
    item = spec.view(rep, run_.params) if spec.view else present(spec.returned, spec.fields, rep, run_.params)
    return mask_answer_secrets(spec, item, run_.params)


def mask_answer_secrets(spec, item, params):
    """The secrets Heroku's answer holds (``answer_secrets``), masked unless the task sets the ``reveal`` option."""
    if not spec.answer_secrets or (spec.reveal and params.get(spec.reveal)):
        return item

    def masked(value, keys):
        if isinstance(value, list):
            return [masked(each, keys) for each in value]
        if not isinstance(value, dict) or keys[0] not in value:
            return value
        inner = mask_values(value[keys[0]]) if len(keys) == 1 else masked(value[keys[0]], keys[1:])
        return dict(value, **{keys[0]: inner})

    for keys in spec.answer_secrets:
        item = masked(item, keys)
    return item


def current(run_, rep):
    """The view of ``rep`` plus the sections the user set, each read once, then the details."""
    spec = run_.spec
    shown = view(run_, rep)
    for section in spec.sections:
        if section.option in run_.desired:
            reading = read_section(run_, section, rep)
            shown[section.option] = reading.value
            run_.reads["section:" + section.option] = reading.context
    return with_details(run_, shown, rep)


def read_section(run_, section, rep):
    if callable(section.read):
        reading = section.read(run_.client, rep, run_.params)
        return reading if isinstance(reading, Reading) else Reading(reading)
    if section.each:
        # One read per key the user gave (a pipeline's stages), each its own value.
        return Reading(dict((key, read_section_at(run_, section, rep, {section.each: key}))
                            for key in run_.desired[section.option]))
    return Reading(read_section_at(run_, section, rep, {}))


def read_section_at(run_, section, rep, given):
    where = section_path(run_, section.read, rep, given)
    value = dig(run_.client.list(where) if answers_list(section.read) else run_.client.get(where), section.at)
    return section.codec.decode(value) if section.codec and section.codec.decode else value


def section_path(run_, operation, rep, given):
    return fill(run_, operation, address(run_, rep), itself=bool(run_.spec.identity), **given)


def with_details(run_, shown, rep):
    for detail in run_.spec.details:
        shown[detail.key] = read_detail(run_, detail, rep)
    return shown


def read_detail(run_, detail, rep):
    if not detail.applies(rep):
        return copy.deepcopy(detail.default)
    # The view is built before and after a write, which does not change a detail: read it once.
    cache_key = (detail.key, rep.get("id"))
    if cache_key not in run_.details:
        run_.details[cache_key] = fetch_detail(run_.client, detail, rep, lambda operation: resource_path(
            run_, operation, address(run_, rep)), run_.known)
    return run_.details[cache_key]


def fetch_detail(client, detail, rep, path_of, answers):
    """The detail's value; ``answers`` holds each GET's answer by path, so details of one operation share a read."""
    if callable(detail.read):
        return detail.read(client, rep)
    where = path_of(detail.read)
    if detail.count:
        return len(client.list(where))
    if where not in answers:
        answers[where] = client.get(where)
    value = dig(answers[where], detail.pick)
    return detail.codec.decode(value) if detail.codec and detail.codec.decode else value


def extra_reads(run_):
    """The reads the spec's hooks need besides the resource, each sent once and only when it applies."""
    for extra in run_.spec.reads:
        if extra.name not in run_.reads and extra.applies(run_.params):
            run_.reads[extra.name] = lazy_read(run_, extra) if extra.lazy else read_extra(run_, extra)
    return run_.reads


def read_extra(run_, extra):
    if callable(extra.fetch):
        return extra.fetch(run_.client, run_.params)
    where = source_path(extra.fetch, run_.params, None)
    return run_.client.list(where, **extra.list_options()) if answers_list(extra.fetch) else run_.client.get(where)


def lazy_read(run_, extra):
    """``Read.lazy``: the read, sent on the first call only."""
    answer = []

    def read():
        if not answer:
            answer.append(read_extra(run_, extra))
        return answer[0]
    return read


# -- plan --------------------------------------------------------------------------------------

def plan_changes(spec, desired, shown, params, reads):
    """Option -> (before, after) for each field and section the user set that differs from what is there."""
    desired = purged(spec, desired, shown, params, reads)
    if spec.adjust:
        desired = spec.adjust(desired, shown, params, reads)
    for item in spec.fields:
        if getattr(item, "check_after", None) and item.option in desired:
            check_option(item.option, merge(shown.get(item.result_key), desired[item.option]), item.check_after)
    changes = {}
    for item in spec.fields + spec.sections:
        if item.option in desired and not getattr(item, "create_only", False):
            change = partial_changes(desired[item.option], shown.get(spec.key_of(item.option)))
            if change is not None:
                changes[item.option] = change
    return changes


def purged(spec, desired, shown, params, reads):
    """With a field's ``purge`` option true, every key Heroku holds that the option does not name is wanted removed,
    except those its ``keep`` leaves alone."""
    for item in spec.fields:
        if getattr(item, "purge", None) and params.get(item.purge) and item.option in desired:
            have = shown.get(item.result_key) or {}
            kept = kept_keys(item, have, params, reads)
            removed = dict((key, None) for key in have if key not in desired[item.option] and key not in kept)
            desired = dict(desired, **{item.option: dict(desired[item.option], **removed)})
    return desired


def kept_keys(item, value, params, reads):
    """The keys of ``value`` (a mapping field's) that purge leaves alone: its ``keep``'s, less those the option names."""
    if not (getattr(item, "keep", None) and item.purge and params.get(item.purge)):
        return []
    named = params.get(item.option) or {}
    return sorted(key for key in item.keep(value or {}, params, reads) if key not in named)


def check_immutable(spec, changes, name):
    for item in spec.fields:
        if item.option in changes and item.immutable:
            before, after = changes[item.option]
            raise HerokuInputError("Cannot change %s of %s %s from %r to %r in place: %s" % (
                item.option, spec.noun, name, before, after, item.immutable), option=item.option)


def keyed_diff(spec, changes):
    """The diff of ``changes`` keyed like the result (a rename shows as name, not new_name); a section's
    ``changed_as`` says how its change is made."""
    told = dict((section.option, section.changed_as) for section in spec.sections if section.changed_as)
    before = dict((spec.key_of(option), change[0]) for option, change in changes.items())
    after = dict((spec.key_of(option), told[option] % dict(before=change[0], after=change[1])
                  if option in told and change[0] is not None else change[1]) for option, change in changes.items())
    return before, after


def predict(spec, shown, changes):
    """What check mode reports: the current view with the changes applied."""
    after = copy.deepcopy(shown)
    for option, (_before, value) in changes.items():
        key = spec.key_of(option)
        after[key] = merge(shown.get(key), value)
    return after


def predict_created(run_):
    """What check mode reports for a resource it would create: what the options and the spec say, the rest null."""
    spec, params = run_.spec, run_.params
    after = dict((key, None) for key in spec.returned)
    if spec.identity and spec.identity in spec.returned:
        after[spec.identity] = final_name(run_)
    if spec.parent and spec.parent in spec.returned:
        after[spec.parent] = params.get(spec.parent)
    after.update((key, value.value(params) if isinstance(value, Param) else value)
                 for key, value in spec.predicted.items())
    for detail in spec.details:
        after[detail.key] = copy.deepcopy(detail.default)
    if spec.before_creation:
        after.update(spec.before_creation(params))
    return predict(spec, after, dict((option, (None, value)) for option, value in run_.desired.items()))


def encoded(spec_field, value):
    if getattr(spec_field, "keyed", ()):
        # The changed items, each with its key, in the order of their keys.
        key = spec_field.keyed[0]
        return [dict([(key, name)], **values) for name, values in sorted(value.items())]
    return spec_field.codec.encode(value) if spec_field.codec and spec_field.codec.encode else value


def put_at(body, key, value):
    """``body[key] = value``, a tuple key nesting the value (``("attachment", "name")``)."""
    keys = key if isinstance(key, tuple) else (key,)
    for step in keys[:-1]:
        body = body.setdefault(step, {})
    body[keys[-1]] = value


def body_value(body, key):
    """``body[key]``, a tuple key reading nested values; None where it is not there."""
    for step in key if isinstance(key, tuple) else (key,):
        body = body.get(step) if isinstance(body, dict) else None
    return body


def create_body(run_):
    spec, params = run_.spec, run_.params
    if spec.create_body:
        body = spec.create_body(run_.desired, params)
    elif spec.body_from:
        body = options_body(run_)
        # What Heroku requires and the options left unset (a telemetry drain's exporter type): its default.
        for key, value in spec.create_defaults.items():
            if body_value(body, key) is None:
                put_at(body, key, copy.deepcopy(value))
    else:
        body = copy.deepcopy(dict(spec.create_defaults))
        if spec.identity:
            body[spec.identity_key or spec.identity] = final_name(run_)
        for item in spec.fields:
            # A switch is turned on by its own operation, once the resource exists.
            if item.create and not getattr(item, "switch", ()) and params.get(item.option) is not None:
                put_at(body, item.body_name, encoded(item, run_.desired.get(item.option, params[item.option])))
    for item in spec.fields:
        if item.resolve and body.get(item.body_name) is not None:
            body[item.body_name] = item.resolve(KnownReads(run_.client, run_.known), body[item.body_name])
    return body


class KnownReads:
    """The client, but a GET of a path the run already read is answered from ``Run.known``."""

    def __init__(self, client, known):
        self._client, self._known = client, known

    def get(self, where, *args, **kwargs):
        return self._known[where] if where in self._known else self._client.get(where, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


def options_body(run_):
    """``Resource.body_from``: the options as the user gave them, each through its field's codec, those not set (None
    or empty) left out."""
    fields = dict((item.option, item) for item in run_.spec.fields)
    body = {}
    for key, option in run_.spec.body_from.items():
        value = run_.params.get(option)
        if value is not None and value != "" and value != {} and value != []:
            put_at(body, key, encoded(fields[option], value) if option in fields else value)
    return body


def update_bodies(spec, changes):
    """Operation (None: the resource's own update) -> the body that sends the changed fields it takes."""
    bodies = {}
    for item in spec.fields:
        # A create_only field is never updated, even where a Section of the same option changes it (a pipeline's owner).
        if item.option not in changes or item.immutable or item.create_only:
            continue
        value = encoded(item, changes[item.option][1])
        if getattr(item, "switch", ()):
            # Turned on or off by an operation of its own, which takes no body.
            bodies[item.switch[0] if value else item.switch[1]] = None
        elif item.whole_body:
            bodies[item.update] = value
        else:
            put_at(bodies.setdefault(item.update, {}), getattr(item, "update_key", None) or item.body_name, value)
    return bodies


# -- apply -------------------------------------------------------------------------------------

def create(run_):
    spec, task = run_.spec, run_.task
    check_when_ready(run_, None, run_.desired)
    if task.check_mode:
        after = predict_created(run_)
        return result(run_, True, after, {}, after)
    operation = routed(run_, "create") or route(run_).create
    rep = run_.client.post(collection_path(run_, operation), create_body(run_))
    shown = current(run_, rep)
    # A write-only value went with the creation; Heroku's answer cannot show it, so it is not compared again.
    sent = set(item.option for item in spec.fields if item.write_only)
    changes = plan_changes(spec, dict((option, value) for option, value in run_.desired.items() if option not in sent),
                           shown, run_.params, extra_reads(run_))
    rep = write_when_ready(run_, wait(run_, write(run_, rep, changes)), changes)
    after = written(run_, rep, shown, changes)
    return result(run_, True, after, {}, after)


def update(run_, rep):
    spec, task = run_.spec, run_.task
    shown = current(run_, rep)
    changes = plan_changes(spec, run_.desired, shown, run_.params, extra_reads(run_))
    check_immutable(spec, changes, title(run_))
    check_when_ready(run_, rep, changes)
    before, after = keyed_diff(spec, changes)
    if task.check_mode:
        return result(run_, bool(changes), predict(spec, shown, changes), before, after)
    rep = write_when_ready(run_, wait(run_, write(run_, rep, changes) if changes else rep), changes)
    return result(run_, bool(changes), written(run_, rep, shown, changes), before, after)


def write(run_, rep, changes):
    """The update requests for the changed fields (one per operation, or as the spec describes), then one write
    per changed section."""
    spec, client = run_.spec, run_.client
    bodies = update_bodies(spec, changes)
    if bodies:
        if spec.update_whole:
            own = address(run_, rep) if spec.identity else None
            requests = [request_of(run_, route(run_).update, options_body(run_), own)]
        elif spec.update_requests:
            flat = {}
            for body in bodies.values():
                flat.update(body)
            requests = spec.update_requests(rep, flat, run_.params)
        else:
            own = address(run_, rep) if spec.identity else None
            requests = [request_of(run_, operation or route(run_).update or item_operation(run_), body, own)
                        for operation, body in bodies.items()]
        answers = send(client, requests)
        rep = spec.apply_answers(rep, answers) if spec.apply_answers else merge_answers(rep, answers)
    for section in spec.sections:
        if section.option in changes and not section.when_ready:
            before, after = changes[section.option]
            rep = write_section(run_, section, rep, before, after) or rep
    return rep


def check_when_ready(run_, rep, changes):
    """Before any write: a section written only once the resource is ready needs the run to wait for it when it is
    not ready yet (``rep`` None: not created yet), or Heroku would refuse it halfway through the run."""
    spec, params = run_.spec, run_.params
    waiting = [section.option for section in spec.sections if section.when_ready and section.option in changes]
    # Only a resource with such a section has a state to look at (another may be a list: a formation).
    if not waiting or (spec.wait and params.get(spec.wait)):
        return
    if rep is not None and rep.get(spec.state_key) in spec.ready_states:
        return
    state = "not created yet" if rep is None else "still %s" % rep.get(spec.state_key)
    raise HerokuInputError(
        "%s can only be written once %s %s is %s, and it is %s: set %s to true to wait for it, or set %s in a later "
        "run." % (waiting[0], spec.noun, title(run_), " or ".join(spec.ready_states), state, spec.wait, waiting[0]),
        option=waiting[0])


def write_when_ready(run_, rep, changes):
    """The sections written only once the resource is ready, after the wait (``check_when_ready`` made sure it
    waited)."""
    for section in run_.spec.sections:
        if section.when_ready and section.option in changes:
            before, after = changes[section.option]
            rep = write_section(run_, section, rep, before, after) or rep
    return rep


def request_of(run_, operation, body, own):
    return Request(method(operation, "PATCH"), resource_path(run_, operation, own), body)


def write_section(run_, section, rep, before, after):
    if callable(section.write):
        # What it returns, if anything, is the resource as the write left it.
        return section.write(run_.client, rep, before, after, run_.params, run_.reads.get("section:" + section.option))
    if section.each:
        # One write per key that changed, with its changes.
        for key, changes in sorted(after.items()):
            write_section_at(run_, section, rep, changes, {section.each: key})
        return
    if section.write_each:
        # One write per key that changed, in the order the user gave them: Heroku has no batch endpoint.
        placeholder, body_key = section.write_each
        for key, value in after.items():
            run_.client.request(method(section.write, "PATCH"), section_path(run_, section.write, rep, {placeholder: key}),
                                {body_key: value})
        return
    write_section_at(run_, section, rep, after, {})


def write_section_at(run_, section, rep, value, given):
    body = section.codec.encode(value) if section.codec and section.codec.encode else value
    if section.at:
        wrapped = {}
        put_at(wrapped, section.at, body)
        body = wrapped
    run_.client.request(method(section.write, "PUT"), section_path(run_, section.write, rep, given), body)


def merge_answers(rep, answers):
    """``rep`` with each answer applied in turn: an object's keys replace those of ``rep``; a list (a formation's
    batch update) replaces the items of the same id, the others staying as they were."""
    for answer in answers:
        if isinstance(answer, dict) and isinstance(rep, dict):
            rep = dict(rep, **answer)
        elif isinstance(answer, list) and isinstance(rep, list):
            updated = dict((item.get("id"), item) for item in answer)
            rep = [updated.get(item.get("id"), item) for item in rep]
        elif answer is not None:
            rep = answer
    return rep


def wait(run_, rep):
    spec, params = run_.spec, run_.params

    def ready(value):
        return value.get(spec.state_key) in spec.ready_states

    if not spec.ready_states or ready(rep) or not (spec.wait and params.get(spec.wait)):
        return rep
    return wait_until(
        lambda: run_.client.get(resource_path(run_, item_operation(run_), address(run_, rep) or identity(run_))), ready,
        what="%s %s" % (spec.noun, title(run_)),
        timeout=params.get(spec.wait_timeout) or 0,
        is_failed=lambda value: value.get(spec.state_key) in spec.failed_states,
        describe=lambda value: value.get(spec.state_key) if isinstance(value, dict) else value,
    )


def written(run_, rep, shown, changes):
    """The result after a write: the answer, and each section as written (no second read to learn it)."""
    after = view(run_, rep)
    for section in run_.spec.sections:
        if section.option in run_.desired:
            old = shown.get(section.option)
            after[section.option] = merge(old, changes[section.option][1]) if section.option in changes else old
    return with_details(run_, after, rep)


def remove(run_, rep):
    if rep is None:
        return result(run_, False, None, {}, {})
    # What is deleted needs no detail read from its other endpoints.
    before = view(run_, rep)
    if not run_.task.check_mode:
        run_.client.delete(resource_path(run_, item_operation(run_), address(run_, rep) or identity(run_)))
    return result(run_, True, None, before, {})


# -- result ------------------------------------------------------------------------------------

def result(run_, changed, after, diff_before, diff_after):
    """What the module returns: the resource as it is now (or would be), the diff, secrets masked."""
    spec, params = run_.spec, run_.params
    after = dict(after) if after is not None else {}
    diff_before, diff_after = dict(diff_before), dict(diff_after)
    extra = spec.summarize(after, diff_before, diff_after, params, run_.reads) if spec.summarize else {}
    extra.update(key_summaries(spec, after, diff_before, diff_after, params, run_.reads))
    extra.update(write_only_sent(spec, params, after, diff_after))
    if not (spec.reveal and params.get(spec.reveal)):
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
    outcome = {"changed": changed, spec.result_key: after}
    if run_.task.diff:
        outcome["diff"] = dict(before=diff_before, after=diff_after)
    return outcome


def key_summaries(spec, after, diff_before, diff_after, params, reads):
    """For each field with ``key_summary``: the names (never the values) of the keys the run adds, changes and
    removes, as its diff says, and those purge left alone."""
    summary = {}
    for item in spec.fields:
        if not getattr(item, "key_summary", ()):
            continue
        before, changes = diff_before.get(item.result_key, {}), diff_after.get(item.result_key, {})
        added, changed, removed = item.key_summary[:3]
        summary[added] = sorted(key for key in changes if before.get(key) is None)
        summary[changed] = sorted(key for key, value in changes.items() if value is not None and before.get(key) is not None)
        summary[removed] = sorted(key for key, value in changes.items() if value is None)
        if len(item.key_summary) > 3:
            summary[item.key_summary[3]] = kept_keys(item, after.get(item.result_key), params, reads)
    return summary


def write_only_sent(spec, params, after, diff_after):
    """For each write-only field, whether this run sent (in check mode: would send) its value: on creation
    (whose diff is the whole new resource, id included) or as a change."""
    if not after:
        return {}
    created = "id" in diff_after
    return dict((item.result_key, params.get(item.option) is not None and (created or item.result_key in diff_after))
                for item in spec.fields if item.write_only)


# -- _info --------------------------------------------------------------------------------

def read_info(spec: Info, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    client = task.client
    source, reps = read_source(client, spec.sources, params)
    problem = None
    if spec.settle:
        reps, problem = spec.settle(client, reps, params)
    items = []
    for rep in reps:
        item = mask_answer_secrets(spec, spec.view(rep, params) if spec.view else present(spec.returned, spec.fields, rep, params),
                                   params)
        if source.single:
            answers = {}
            for detail in spec.details:
                item[detail.key] = (fetch_detail(client, detail, rep, lambda operation: source_path(operation, params, rep["id"]),
                                                 answers)
                                    if detail.applies(rep) else copy.deepcopy(detail.default))
        items.append(item)
    # One read for the whole list (an app's webhook deliveries), never one per item.
    reads = dict((extra.name, fetch_extra(client, extra, params)) for extra in spec.reads if extra.applies(params))
    items = attach(spec, pick(spec, source, items, params), reads)
    if spec.select:
        items = spec.select(items, params, reads)
    result = {"changed": False, spec.result_key: items if spec.as_list else (items[0] if items else {})}
    if problem:
        raise HerokuOperationFailed(problem, result)
    return result


def read_source(client, sources, params):
    """``(source, reps)``: what the first source whose options are set reads, as a list."""
    source = next(source for source in sources if source.applies(params))
    where = source_path(source.path, params, params.get(source.option) if isinstance(source.option, str) else None)
    options = {} if source.single else source.list_options(params)
    if source.single or source.missing:
        found = client.get_or_none(where) if source.single else client.list_or_none(where, **options)
        if found is None and source.missing:
            raise HerokuStateError(source.missing % params)
        return source, [] if found is None else ([found] if source.single else found)
    return source, client.list(where, **options)


def fetch_extra(client, extra, params):
    """A Read's value: its reader's, or the answer of the operation it names (a list as the Read says to read it)."""
    if callable(extra.fetch):
        return extra.fetch(client, params)
    where = source_path(extra.fetch, params, None)
    return client.list(where, **extra.list_options()) if answers_list(extra.fetch) else client.get(where)


def pick(spec: Info, source, items, params):
    """With ``Info.pick``: the items whose key holds the option's value (all of them while it is unset); when none
    does, the source's ``unknown`` fails the task, naming the nearest values."""
    if not spec.pick or params.get(spec.pick[0]) is None:
        return items
    option, key = spec.pick
    wanted = params[option]
    found = [item for item in items if item.get(key) == wanted]
    if found or not source.unknown:
        return found
    nearest = difflib.get_close_matches(wanted, [item[key] for item in items if isinstance(item.get(key), str)], n=3)
    hint = " Nearest: %s." % ", ".join(nearest) if nearest else ""
    raise HerokuInputError(source.unknown % dict(params, nearest=hint), option=option)


def attach(spec: Info, items, reads):
    """Each Read with ``attach`` that was read: every item listed gets the read's items that are its own, shaped by
    the Read's ``returned``."""
    for extra in spec.reads:
        if extra.attach and extra.name in reads:
            at, key = extra.attach
            for item in items:
                item[extra.name] = [shape(extra.returned, rep) if extra.returned is not None else rep
                                    for rep in reads[extra.name] if dig(rep, at) == item.get(key)]
    return items


def source_path(operation, params, own):
    """The path of an _info read: each placeholder takes the option of its name; one that names no option
    (the item's own, as ``{domain}`` in ``domain.info``) takes ``own``."""
    return path(operation, **dict((name, params.get(name) if name in params else own) for name in placeholders(operation)))


# -- operate --------------------------------------------------------------------------------

def operate(spec: Operation, task: Task) -> dict:
    params = task.params
    check_input(spec, params)
    state = spec.read(task.client, params) if spec.read else operation_state(spec, task.client, params)
    # No plan: a read-only operation (heroku_diff), which changes nothing and has nothing to diff.
    plan = spec.plan(state, params) if spec.plan else Plan(changed=False, diff=({}, {}))
    if spec.generations is not None and plan.changed:
        check_operation_generation(spec.generations, task.client, params)
    outcome = None
    if not task.check_mode:
        if plan.changed:
            outcome = spec.perform(task.client, state, plan, params) if spec.perform else send(task.client, plan.requests)
        if spec.settle:
            outcome = spec.settle(task.client, state, plan, outcome, params)
    payload, problem = spec.report(state, plan, outcome, params, task.check_mode)
    result = {"changed": plan.changed, spec.result_key: payload}
    if task.diff:
        result["diff"] = dict(before=plan.diff[0], after=plan.diff[1])
    if problem:
        raise HerokuOperationFailed(problem, result)
    return result


def operation_state(spec: Operation, client, params) -> dict:
    """What an Operation without ``read`` decides on: its source's items, and each Read that applies by its name."""
    state = dict(items=read_source(client, spec.sources, params)[1])
    state.update((extra.name, fetch_extra(client, extra, params)) for extra in spec.reads if extra.applies(params))
    return state


# -- generations ----------------------------------------------------------------------------

def check_generation(run_, rep):
    """Fail, before any write, where the resource's generation refuses an option the task sets. The generation is
    read only when such an option is set: the found representation holds it; a resource to be created takes it
    from its option, else from its parent (one read), else is Cedar."""
    spec, params = run_.spec, run_.params
    word = spec.generations
    refused = word.refused_options(params, heroku_generations.REFUSED)
    if not refused:
        return
    if word.owners:
        if rep is None:
            check_owner_generation(word, refused, run_)
        return
    if rep is not None:
        if "generation" not in rep and word.parent and rep.get(word.parent):
            # Heroku's team-apps answers carry no generation: the app's own does. Outside a space an app is Cedar.
            rep = run_.client.get(resource_path(run_, spec.paths.item, address(run_, rep)))
        generation, name = heroku_generations.name_of(rep), title(run_)
    elif word.option and params.get(word.option):
        generation, name = params[word.option], final_name(run_)
    else:
        # Where the noun is the parent itself (a space's peering: "space acme"), the message names the parent.
        name = params[word.parent] if word.parent and word.noun == word.parent else final_name(run_)
        generation = parent_generation(word, run_.client, params)
    refuse(word, refused, generation, name)


def check_operation_generation(word, client, params):
    """An Operation's check, once its plan writes: the generation of what its ``parent`` option names."""
    refused = word.refused_options(params, heroku_generations.REFUSED)
    if refused and params.get(word.parent):
        refuse(word, refused, parent_generation(word, client, params), params[word.parent])


def parent_generation(word, client, params):
    """The generation of what option ``parent`` names, read by ``parent_read``; Cedar without one."""
    if not (word.parent and word.parent_read and params.get(word.parent)):
        return heroku_generations.CEDAR
    # Not there (a space a check-mode run would create first): Heroku will say so at the write, if any.
    return heroku_generations.name_of(client.get_or_none(path(word.parent_read, **{
        placeholders(word.parent_read)[-1]: params[word.parent]})))


def check_owner_generation(word, refused, run_):
    """``Generations.owners``: the generation of the owner the task names (an app or a space), read once; the
    creation's resolve of the owner uses the same answer."""
    params = run_.params
    for option in refused:
        operation = word.owners[option]
        where = path(operation, **{placeholders(operation)[-1]: params[option]})
        owner = run_.client.get_or_none(where)
        # Not there: Heroku will say so at the write, if any.
        if owner is not None:
            run_.known[where] = owner
            refuse(Generations(word.kind, option, described=word.described, features=word.features), [option],
                   heroku_generations.name_of(owner), params[option])


def refuse(word, refused, generation, name):
    for option in refused:
        instead = heroku_generations.instead(generation, word.kind, word.features.get(option, option))
        if instead:
            raise HerokuInputError("%s is not available on %s %s, a %s %s: %s." % (
                word.described.get(option, option), word.noun, name, generation.capitalize(), word.noun, instead),
                option=option)
