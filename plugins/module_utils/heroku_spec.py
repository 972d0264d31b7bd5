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

from typing import Any, Callable, Mapping, Optional

from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import field, record
# Request and Param are imported here for the specs, which take their whole vocabulary from this module.
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import Request  # noqa: F401  # pylint: disable=unused-import
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import Param  # noqa: F401  # pylint: disable=unused-import
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import Nested  # noqa: F401  # pylint: disable=unused-import
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import as_config_value

Hook = Callable[..., Any]
# What a spec may give either as data or as a hook: Heroku's operation by name or a reader; a mapping of the values a
# representation must hold or a predicate; an option's name or a predicate of the options.
OperationOrHook = MappingOrHook = OptionOrHook = Any


@record
class Codec:
    """How a value travels between the option's form and Heroku's: ``encode`` shapes it for create and update
    bodies, ``decode`` turns what Heroku returns into the option's form. None: the value as it is."""

    encode: Optional[Hook] = None
    decode: Optional[Hook] = None
    #: the option's value as the user gave it -> the form it is compared and sent in (YAML's 4 and false as the
    #: strings "4" and "false" Heroku stores); None: as given
    normalize: Optional[Hook] = None


# A mapping sent with each value as the string Heroku stores (an add-on's provider config: 5 -> "5", true -> "true").
STRING_VALUES = Codec(encode=lambda mapping: dict((key, as_config_value(value)) for key, value in mapping.items()))
# Heroku's lists of named objects (a collaborator's ``[{"name": "view", ...}]``) as the names an option holds.
NAMES = Codec(decode=lambda items: [item["name"] for item in items or ()])
# The same lists where Heroku's bodies take them as objects too (a space member's ``[{"name": "create_apps"}]``).
NAMED_OBJECTS = Codec(encode=lambda names: [{"name": name} for name in names], decode=NAMES.decode)
# A mapping of config vars (an app's, a dyno's env) as Heroku stores them: every value a string, null (remove) kept.
CONFIG_VALUES = Codec(normalize=lambda config: dict((key, as_config_value(value)) for key, value in config.items()))
# A mapping of names to on/off (an app's features), each value read as Ansible reads booleans ("yes", "on", 1). Check
# it first with the ``switches`` check (heroku_validate), which names a value that is not a boolean.
SWITCHES = Codec(normalize=lambda switches: dict((name, boolean(value, strict=True)) for name, value in switches.items()))
# A name Heroku keeps in upper case (an add-on attachment's: shared_db is SHARED_DB, and sets SHARED_DB_URL), compared and
# sent so. ``case_insensitive`` keeps identities in lower case, and compares the identity only.
UPPER_CASE = Codec(normalize=lambda name: name.upper())


def mapping_of(key, value, normalize=None):
    """A list of objects as a mapping of each one's ``key`` to its ``value`` (an app's features: name -> enabled),
    with the option's ``normalize``."""
    return Codec(normalize=normalize, decode=lambda items: dict((item[key], item[value]) for item in items or ()))


def objects_of(key):
    """A list of values as Heroku's bodies take them, each an object under ``key`` (an app's buildpacks:
    ``[{"buildpack": "heroku/nodejs"}]``), and back."""
    return Codec(encode=lambda values: [{key: value} for value in values],
                 decode=lambda items: [item[key] for item in items or ()])


def switch_of(on, held_on):
    """A yes/no read from words: the option is on when its value is ``on`` (a peering's ``state: accepted``), and
    what Heroku holds is on when it is one of ``held_on`` (a peering's status ``provisioning`` or ``active``; a
    team's type ``enterprise``). ``on`` None: a decode only."""
    return Codec(normalize=None if on is None else (lambda value: value == on), decode=lambda held: held in held_on)


@record
class Field:
    """An option that maps to an attribute of the resource's own representation.

    ``key``: the result key it shows as (default: the option). ``body_key``: its name in
    create and update bodies (default: the option; a tuple nests it: ``("attachment", "name")``).
    ``create``: sent when creating. ``create_only``: sent when creating and never compared (Heroku
    cannot read it back, or it only picks a default). ``immutable``: Heroku cannot change it in
    place, and this says what to do instead. ``secret``: its values are masked unless the spec's
    ``reveal`` option is true. ``resolve`` (a reader): turns the value into what the body holds (a
    team name into its id). ``unordered``: a list compared as a set (sorted, each item once), so
    its order is no change and its diff is order-free. ``codec``: how the value is encoded in
    bodies and decoded from Heroku's representation. ``update``: the operation that changes it,
    when not the resource's own update (an app's ``locked``); fields of one operation share one
    request. ``whole_body``: the update body is the value itself (an app's config vars).
    ``write_only``: Heroku never returns the value (a webhook's secret); it is sent on creation,
    and on update only when the option named here is ``always``; the result shows whether it was sent.
    """

    option: str
    key: Optional[str] = None
    body_key: Any = None
    create: bool = True
    create_only: bool = False
    immutable: Optional[str] = None
    secret: bool = False
    resolve: Optional[Hook] = None
    unordered: bool = False
    codec: Optional[Codec] = None
    update: Optional[str] = None
    whole_body: bool = False
    write_only: Optional[str] = None
    #: its name in update bodies where Heroku's update calls it otherwise than its create (an app's team is the
    #: transfer's ``owner``); None: ``body_key``
    update_key: Any = None
    #: a boolean Heroku turns on and off by two operations sent with no body, (on, off): an app's
    #: ``("app.enable_acm", "app.disable_acm")``
    switch: tuple = ()
    #: a list of objects each named by its first key, (key, value keys...): a formation's
    #: ``("type", "quantity", "size", "command")``. Compared as a mapping key -> the values the user set; Heroku's
    #: list shows as key -> every value key; bodies carry the changed items as a list sorted by key
    keyed: tuple = ()
    #: with ``unordered``: values Heroku always adds to the set (a team collaborator's ``view``), so always wanted
    implied: tuple = ()
    #: a mapping whose keys state=absent removes (null), whatever values the option gives them, in a Resource that is
    #: not ``deletable`` (an app's config vars)
    absent_removes: bool = False
    #: a mapping's option that, when true, wants removed (null) every key Heroku holds that the option does not name,
    #: except those ``keep`` returns
    purge: Optional[str] = None
    #: with ``purge``, a hook: (value, params, reads) -> the keys purge leaves alone (those an app's add-ons set);
    #: a key the option names is the user's to set or remove all the same
    keep: Optional[Hook] = None
    #: a check (as in ``Resource.names``) of the value the resource holds once the change is made, run before any
    #: write: ``("config_size", "the app's config vars after this change")``
    check_after: Any = None
    #: for a mapping whose values the result may not show: result keys listing the names of the keys a run adds,
    #: changes and removes, (added, changed, removed), and fourth, with ``keep``, those purge left alone
    key_summary: tuple = ()

    @property
    def result_key(self) -> str:
        return self.key or self.option

    @property
    def body_name(self) -> str:
        return self.body_key or self.option


@record
class Reading:
    """What a section's ``read`` may return: the value to compare, and what its ``write`` will need
    (the coupling ids behind a pipeline's stages), so that nothing is read twice."""

    value: Any
    context: Any = None


@record
class Section:
    """An option that lives at an endpoint of its own (an app's buildpacks, a space's inbound rules).

    ``read`` and ``write`` are Heroku's operations (``"inbound-ruleset.current"``,
    ``"inbound-ruleset.create"``) whose one placeholder is the resource: the read's answer, through
    ``codec.decode``, is the current value, compared like a field's; the write sends the wanted value
    through ``codec.encode`` with the operation's method. Where that is not enough they are readers
    instead: ``read(client, rep, params)`` returns the value (or a Reading) and
    ``write(client, rep, before, after, params, context)`` sends the change, and returns None, or the
    resource read again where the change shows in its representation (an add-on's config vars after a new
    attachment name). Read once per run, and only when the user set the option.
    """

    option: str
    read: OperationOrHook
    write: OperationOrHook
    secret: bool = False
    codec: Optional[Codec] = None
    #: where the value lies in the read's answer and the write's body (a space's inbound rules: ``("rules",)``)
    at: tuple = ()
    #: the value is a mapping whose keys fill this placeholder of ``read`` and ``write`` (a pipeline's ``stage``):
    #: read once per key the user gave, written once per key that changed, with that key's changes as the body
    each: Optional[str] = None
    #: (placeholder, body key): the value is a mapping read whole but written one key at a time, where Heroku has no
    #: batch endpoint (an app's features: ``("app_feature", "enabled")``): each key that changed fills the placeholder
    #: of ``write`` and its value goes under the body key
    write_each: tuple = ()
    #: what the diff shows as the new value where the change is more than a new value, formatted with ``before`` and
    #: ``after`` (an add-on's attachment name, which Heroku cannot rename: attached anew first, the old one detached
    #: after); only where there is a value before. The result and check mode's prediction show the value itself
    changed_as: Optional[str] = None


@record
class Detail:
    """A read-only attribute from another endpoint, part of every result (a space's outbound IPs).

    ``read`` is Heroku's operation whose one placeholder is the resource, and ``pick`` the path of
    the value in its answer; or a reader ``read(client, rep)``. ``count``: how many items the list
    operation answers (every page), not the items (a team's members). Sent once per run and only when
    the representation holds every ``when`` key at its value (or ``when(rep)`` holds); ``default``
    stands in otherwise, and in check mode for a resource not yet created.
    """

    key: str
    read: OperationOrHook
    pick: tuple = ()
    when: MappingOrHook = None
    default: Any = None
    count: bool = False

    def applies(self, rep) -> bool:
        if self.when is None:
            return True
        if callable(self.when):
            return self.when(rep)
        return all(rep.get(key) == value for key, value in self.when.items())


@record
class Read:
    """A read a hook needs besides the resource itself, sent only when ``when`` holds: an option
    name (sent when that option is true) or ``when(params)``.

    ``fetch(client, params)``; its value reaches ``adjust`` and ``summarize`` under ``name``. In an Info or an
    Operation, ``fetch`` may instead name Heroku's operation (``"account.info"``), read with each placeholder
    taking the option of its name; in a Resource too. Where the operation answers a list, every page of it is read
    (an app's add-on attachments: ``"add-on-attachment.list_by_app"``), or what ``newest_first`` and ``at_most`` say;
    in a Resource its value then reaches ``Field.keep`` too.
    """

    name: str
    fetch: Hook
    when: OptionOrHook = None
    #: with ``fetch`` naming a list operation: read newest first by this field (Range ``<field> ..; order=desc``), as
    #: ``Source.newest_first``
    newest_first: Optional[str] = None
    #: with ``fetch`` naming a list operation: at most this many items, the newest with ``newest_first`` (a number,
    #: where ``Source.limit`` names an option)
    at_most: Optional[int] = None
    #: in an Info, ``(path, key)``: each item listed gets, under ``name``, the read's items whose value at ``path`` is
    #: the item's ``key`` (an app's webhook deliveries, each for the webhook of ``(("webhook", "id"), "id")``); so
    #: one read serves the whole list. Where the Read does not apply, the item keeps what ``Info.returned`` gives
    attach: tuple = ()
    #: with ``attach``: what each attached item shows, a ``returned`` mapping; None: Heroku's representation
    returned: Optional[Mapping[str, Any]] = None
    #: in a Resource, the hooks get, under ``name``, a function that sends the read on its first call and answers
    #: from memory after: only a plan that needs it reads it (an app's available dyno sizes, when a size changes)
    lazy: bool = False

    def applies(self, params) -> bool:
        if self.when is None:
            return True
        return self.when(params) if callable(self.when) else bool(params.get(self.when))

    def list_options(self) -> dict:
        """What the client's ``list`` is given besides the path, where ``fetch`` names a list operation."""
        options = dict(range_field=self.newest_first, descending=True) if self.newest_first else {}
        if self.at_most:
            options["limit"] = self.at_most
        return options


@record
class Route:
    """The operation that serves one part of ``Paths`` (``"item"``, ``"create"``) instead, when any of ``options``
    is set (not None): an app is created through ``team-app.create`` when a team option is given."""

    part: str
    operation: str
    options: tuple


@record
class Paths:
    """Where a resource lives: Heroku's operations by name (``"domain.info"``), or path templates (``/widgets/{widget}``, for the runner's own tests).

    ``item`` reads it, and updates and deletes it unless ``update`` names another operation;
    ``create`` creates it; ``list`` lists its parent's, where a resource is found by ``Resource.find_by``.
    Placeholders are filled in order from the end: the last is the resource itself (its identity as
    the user gave it until found, then its ``Resource.address``), the one before it its ``parent``
    option; any other takes the option of the same name.
    """

    item: str
    create: Optional[str] = None
    update: Optional[str] = None
    list: Optional[str] = None
    #: what addresses a found item in these paths, when not ``Resource.address`` (a team collaborator's email)
    address: Optional[tuple] = None
    #: what to say, instead of ``Resource.missing``, when the item is not found on this route (formatted the same way)
    missing: Optional[str] = None


@record
class Resource:
    """One Heroku resource, converged to present or absent by ``heroku_runner.converge``.

    Options the runner needs are named here, never assumed: ``identity`` (the option that names
    the resource), ``rename`` (the option that renames it), ``state``, ``wait``/``wait_timeout``,
    ``reveal`` (show secret values). ``parent`` is the option naming the resource it belongs to.
    ``address`` is where, in Heroku's representation, the value that addresses a found resource
    lies: its id by default (ids survive renames), or its identity where Heroku's paths take that
    (a collaborator's ``("user", "email")``). ``find_by``: Heroku cannot read the resource by its
    identity (a webhook by URL), so it is found in one read of ``paths.list`` by this key.
    ``predicted``: result keys check mode knows before a creation (``Param`` for an option's value);
    the parent's key is always known.
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
    #: option -> what it holds, checked before any request: a kind of Heroku name (heroku_validate.NAMES), or (kind, ids
    #: allowed), or a check of heroku_validate.CHECKS (config, drain_url, https_url, buildpacks), or (check, its argument)
    names: Mapping[str, Any] = field(default_factory=dict)
    reveal: Optional[str] = None
    #: secrets Heroku gives in its answer (a VPN tunnel's pre-shared key), each a path of result keys (a list on the
    #: way: each of its items): masked in results and diffs unless the ``reveal`` option is set
    answer_secrets: tuple = ()
    #: identities compare case-insensitively (hostnames, emails): Heroku keeps them lower case
    case_insensitive: bool = False
    creatable: bool = True
    #: state=absent deletes it; else ``desired`` says what absent means (heroku_config removes keys)
    deletable: bool = True
    #: what the create request always carries besides the options, e.g. a required null; with ``body_from``, the value
    #: a key takes on creation where the options leave it unset (a tuple key nests it)
    create_defaults: Mapping[str, Any] = field(default_factory=dict)
    missing: str = "%(noun)s %(name)s was not found."
    #: with ``find_by``: what to say when the parent's list is not there (Heroku's 404), formatted with the options
    parent_missing: str = "%(noun)s's parent was not found."
    address: tuple = ("id",)
    find_by: Optional[str] = None
    predicted: Mapping[str, Any] = field(default_factory=dict)
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
    update_requests: Optional[Hook] = None     # (rep, body, params) -> [Request]; default: one update per operation
    apply_answers: Optional[Hook] = None       # (rep, answers) -> rep; default: each answer merged in turn
    view: Optional[Hook] = None                # (rep, params) -> result; default: ``returned``
    before_creation: Optional[Hook] = None     # (params) -> result keys check mode knows before creation
    summarize: Optional[Hook] = None           # (after, diff_before, diff_after, params, reads) -> summary_keys
    summary_keys: tuple = ()
    #: (params) -> params as Ansible may show them, secrets the options hold masked
    mask_arguments: Optional[Hook] = None
    # -- readers --
    lookup: Optional[Hook] = None              # (client, params) -> rep or None; default: GET the item
    #: (client, found, params, check_mode) -> [warning]: judges what the look-up found before any write; raises to refuse
    review: Optional[Hook] = None
    #: Routes: the operations that serve a part of ``paths`` when an option is set
    routes: tuple = ()
    #: option -> what to do, for an option a creation needs although modifying the resource does not (a space's team):
    #: without it, a resource not found fails, naming the option
    create_requires: Mapping[str, str] = field(default_factory=dict)
    #: states in which Heroku is deleting the resource: state=absent takes it as gone; present fails, since it can be
    #: created anew only once it is gone
    gone_states: tuple = ()
    #: option -> the Paths used instead of ``paths`` when that option is set and the resource is wanted present
    #: (a collaborator's team route when permissions are set, an app's feature rather than the account's)
    paths_when: Mapping[str, Paths] = field(default_factory=dict)
    #: the identity's key in the create body, when not the identity option (a collaborator's ``user``)
    identity_key: Optional[str] = None
    #: Heroku's operation that reads the parent (``"app.info"``). Heroku answers the same 404 for an unknown parent
    #: as for an unknown resource of it: when a resource that cannot be created is not found and the ``parent``
    #: option is set, one read of the parent tells which; no parent fails with ``parent_missing`` (formatted like
    #: ``missing``), else the resource's ``missing``
    parent_read: Optional[str] = None
    #: rules between options (OnlyWith, Differs, RequiredWith), checked before any request, after ``names``
    rules: tuple = ()
    #: body key (a tuple nests it) -> option: the create body is these options as the user gave them, in this order,
    #: those not set left out, each through its field's codec (an add-on's plan, name, attachment and provider
    #: config), where the fields say what is compared rather than what is sent (an SNI endpoint's fingerprints)
    body_from: Mapping[Any, str] = field(default_factory=dict)
    #: every update is one request to ``paths.update`` with the whole create body again, whichever field changed:
    #: Heroku takes an SNI endpoint's chain and key together, never one without the other
    update_whole: bool = False
    #: the options its platform generation refuses (a Generations), checked after the look-up, before any write
    generations: Any = None

    def key_of(self, option: str) -> str:
        for spec_field in self.fields:
            if spec_field.option == option:
                return spec_field.result_key
        return option

    @property
    def secret_options(self) -> tuple:
        return tuple(item.option for item in self.fields + self.sections if item.secret)


@record
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
    #: with ``Info.pick``: fail with this when no item holds the option's value, formatted with the options and
    #: ``nearest`` (" Nearest: a, b." naming up to three close values, or nothing); None: the result is empty
    unknown: Optional[str] = None

    def applies(self, params) -> bool:
        options = self.option if isinstance(self.option, tuple) else (self.option,)
        return all(option is None or params.get(option) is not None for option in options)

    def list_options(self, params) -> dict:
        """What the client's ``list`` is given besides the path."""
        options = dict(range_field=self.newest_first, descending=True) if self.newest_first else {}
        if self.limit and params.get(self.limit):
            options["limit"] = params[self.limit]
        return options


@record
class Info:
    """An _info twin: reads from the first source whose option is set, each item shaped like the resource."""

    result_key: str
    sources: tuple
    returned: Mapping[str, tuple] = field(default_factory=dict)
    names: Mapping[str, Any] = field(default_factory=dict)
    #: read for each item only when one item was asked for (two more reads per space are too many for a list)
    details: tuple = ()
    #: the resource's Fields, so that each item's values are decoded and ordered as the module's result
    fields: tuple = ()
    view: Optional[Hook] = None       # (rep, params) -> item; default: ``returned``
    as_list: bool = True
    #: reads sent once after the source (Read: only when ``when(params)`` holds); their values reach ``select``
    reads: tuple = ()
    select: Optional[Hook] = None     # (items, params, reads) -> items: narrow the list or complete its items
    validate: Optional[Hook] = None   # (params) -> None; raises HerokuInputError, before any request
    #: a reader, for an Info that can wait: (client, reps, params) -> (reps, problem), what the source read becomes
    #: (read again until ready when the user asks to wait); a problem fails the task, the items as its result
    settle: Optional[Hook] = None
    #: the option bounding settle's wait, checked before any request
    wait_timeout: Optional[str] = None
    #: OnlyWith rules between options, checked before any request
    rules: tuple = ()
    #: (option, result key): when the option is set, only the items whose key holds its value (a feature by
    #: ``name``, a webhook by ``url``); none fails with the source's ``unknown``, if it has one
    pick: tuple = ()
    #: as Resource's: secrets in Heroku's answer, masked unless the ``reveal`` option is set
    answer_secrets: tuple = ()
    reveal: Optional[str] = None

    secret_options = ()


@record
class Operation:
    """A one-off action (a promotion, a restart), run by ``heroku_runner.operate``.

    ``read(client, params)`` gathers what the decision needs (a reader; None: the state is what ``sources`` and
    ``reads`` read); ``plan(state, params)`` (a hook) returns a Plan (None: a read-only operation, which changes
    nothing and has an empty diff, such as heroku_diff's comparison); ``perform(client, state, plan, params)`` sends
    the writes (None: the runner sends ``plan.requests`` in order, and their answers are the outcome);
    ``settle(client, state, plan, outcome, params)``, where there is something to wait for, waits
    when asked and returns the final outcome; ``report(state, plan, outcome, params, check_mode)``
    (a hook) returns the result and, when the action failed, what failed (the runner then fails
    the task with that result).
    """

    result_key: str
    read: Optional[Hook]
    plan: Optional[Hook]
    perform: Optional[Hook]
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
    #: options whose values are secrets: masked wherever Ansible echoes the arguments and in every text the task
    #: returns (a dict's keys show, as a dyno's env names)
    secret: tuple = ()
    #: with read=None: the state is ``{"items": what the first applying Source reads}``, plus each Read's value
    #: under its name
    sources: tuple = ()
    reads: tuple = ()
    #: OnlyWith rules between options, checked before any request
    rules: tuple = ()
    #: the options its platform generation refuses (a Generations), checked when the plan writes, before any write
    generations: Any = None

    @property
    def secret_options(self) -> tuple:
        return self.secret


@record
class Plan:
    """What an operation would do: whether it changes anything, its diff as (before, after), and what doing it needs."""

    changed: bool
    diff: tuple
    work: Any = None
    #: the writes (Requests) an Operation without ``perform`` has the runner send, in order, unless in check mode
    requests: tuple = ()


@record
class OnlyWith:
    """A rule checked before any request: ``option``, when set (not None, not false), goes only with option ``other``
    holding one of ``values`` (none given: with ``other`` set at all). Else the task fails with ``message``, formatted
    with the options, naming ``option``."""

    option: str
    other: str
    values: tuple = ()
    message: str = ""

    def broken(self, params) -> bool:
        if params.get(self.option) is None or params.get(self.option) is False:
            return False
        value = params.get(self.other)
        return value not in self.values if self.values else value is None or value is False


@record
class Differs:
    """A rule checked before any request: ``option``, when set, is not the value of option ``other``, nor (a list)
    holds it. Else the task fails with ``message``, formatted with the options, naming ``option``. A rules entry
    like OnlyWith."""

    option: str
    other: str
    message: str = ""

    def broken(self, params) -> bool:
        value, other = params.get(self.option), params.get(self.other)
        if value is None or other is None:
            return False
        return other in value if isinstance(value, list) else value == other


@record
class RequiredWith:
    """A rule checked before any request: ``option`` must be set (not None, not false, not empty) when option
    ``other`` holds one of ``values`` (``(None,)``: when ``other`` is unset). Else the task fails with ``message``,
    formatted with the options, naming ``option``. A rules entry like OnlyWith."""

    option: str
    other: str
    values: tuple
    message: str = ""

    def broken(self, params) -> bool:
        value = params.get(self.option)
        return params.get(self.other) in self.values and (value is None or value is False or value == "")


@record
class Excludes:
    """A rule checked before any request: ``option`` and option ``other`` are not both set (not None, not false: an
    app's ``personal: false`` goes with a team). Else the task fails with ``message``, formatted with the options,
    naming ``option``. A rules entry like OnlyWith."""

    option: str
    other: str
    message: str = ""

    def broken(self, params) -> bool:
        return all(params.get(name) is not None and params.get(name) is not False for name in (self.option, self.other))


@record
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


# An option whose empty string means none (a domain's ``sni_endpoint: ""``): compared and sent as null.
EMPTY_IS_NONE = Codec(normalize=lambda value: value or None)


@record
class Generations:
    """What a resource's platform generation refuses (``heroku_generations.REFUSED[generation][kind]``): when one of
    those options is set (not None, not false), the runner finds the generation and, where it refuses the option,
    fails before any write naming the option, the ``noun`` and its name, the generation and what to use instead.

    The generation is the found representation's (``generation.name``); for one not yet created, the option
    ``option``'s (a space's ``generation``), else that of what the option ``parent`` names, read by ``parent_read``
    (an app's space: ``"space.info"``), else Cedar. An Operation has no representation: ``parent_read`` tells, read
    only when its plan writes. So a run that sets none of these options sends no read for them.
    """

    kind: str
    #: how messages name what has the generation ("app", "space"), and its name: the identity, or ``parent``'s value
    noun: str
    option: Optional[str] = None
    parent: Optional[str] = None
    parent_read: Optional[str] = None
    #: option -> the table's name for it, where they differ (heroku_drain's ``url`` is a ``log_drain``'s)
    features: Mapping[str, str] = field(default_factory=dict)
    #: option -> how a message names it, where the option's name alone says too little ("A log drain")
    described: Mapping[str, str] = field(default_factory=dict)
    #: (option, values): checked only while that option holds one of the values (heroku_drain's state present: a
    #: removal adds nothing a generation could refuse)
    only_with: tuple = ()
    #: option -> Heroku's operation that reads what it names, for a resource owned by whichever of these options is
    #: set (a telemetry drain's app or space): that owner is the noun of messages, and its generation is read, once,
    #: only for a resource not yet there. A resource found needs no read: Heroku holds it only where its owner's
    #: generation has it
    owners: Mapping[str, str] = field(default_factory=dict)

    def refused_options(self, params, table) -> list:
        """The options set here that some generation refuses, in the table's order."""
        refusable = set()
        for kinds in table.values():
            refusable.update(kinds.get(self.kind, {}))
        if self.only_with and params.get(self.only_with[0]) not in self.only_with[1]:
            return []
        wanted = [option for option in params if self.features.get(option, option) in refusable]
        return [option for option in wanted if params.get(option) is not None and params.get(option) is not False]


# A set Heroku's bodies take with each value once (a telemetry drain's signals: ``uniqueItems``), sent sorted, where a
# body is made of the options as given (``Resource.body_from``) rather than of what the task compares.
DISTINCT = Codec(encode=lambda values: sorted(set(values)))
