# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Any operation of Heroku's Platform API: the operation heroku_request runs, and what the heroku lookup reads.

The operation is checked against the facts of Heroku's schema (_operations.py) before any
request: it must exist, every path parameter must be given, and the body must be one the
operation takes. Each path parameter whose kind has a name pattern (an app, a pipeline, a team,
an email, ...) is checked against it, and every one is quoted as one segment, like every name in this collection.
A query goes only with a GET whose schema names its parameters (Heroku's usage reports): each is checked
against it, and the client quotes every name and value into the query string.
"""

from __future__ import annotations

import datetime
import difflib
import re

from ansible_collections.herokuops.platform.plugins.module_utils._operations import OPERATIONS, QUERIES
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK, HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import Request, path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module, Operation, Plan
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name

PLACEHOLDER = re.compile(r"\{(\w+)\}")
METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")
JSON_TYPES = dict(string=str, boolean=bool, integer=int, number=(int, float), object=dict, array=list, null=type(None))
# The name pattern each path parameter of Heroku's schema is checked against, by the parameter's name in
# the templates; each takes the resource's id too. Parameters not listed (a build, a release) are ids or
# numbers Heroku answers 404 for when wrong.
PATH_KINDS = dict(
    app="app", team_app="app", pipeline="pipeline", space="space", add_on="addon", team="team",
    app_feature="feature", account_feature="feature", team_feature="feature", dyno="dyno", stack="stack",
    sni_endpoint="sni_endpoint", domain="hostname", slug="slug", formation="process_type",
    account="email", collaborator="email", team_app_collaborator="email", team_member="email",
)
# The account a key belongs to, where a path takes an account (/users/~).
SELF = "~"
# A field a list is paged by, as Heroku's Range header names it (id, name, version, created_at).
SORT_FIELD = re.compile(r"[a-z][a-z_]{0,63}")
# The patterns Heroku's schema gives query values, in words, with the date format a value must also be a
# real day or month of (2025-02-30 fits the pattern; Heroku refuses it).
QUERY_SHAPES = {
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("a date, YYYY-MM-DD", "%Y-%m-%d"),
    "^[0-9]{4}-[0-9]{2}$": ("a month, YYYY-MM", "%Y-%m"),
}


class Call:
    """One operation with its parameters filled in: what will be sent, checked against Heroku's schema."""

    def __init__(self, name, method, template, lists, values):
        self.name, self.method, self.template, self.lists = name, method, template, lists
        self.path = path(template, **values)
        #: the query parameters, checked against the operation's schema; the client quotes them into the URL
        self.query = {}

    @property
    def reads(self):
        # A list Heroku answers to a POST (POST /filters/apps) changes nothing either.
        return self.method == "GET" or self.lists

    def describe(self):
        return "%s %s%s" % (self.method, self.template, " (%s)" % self.name if self.name else "")


def segments(path):
    if not isinstance(path, str) or not path.startswith("/") or re.search(r"[?#\s]", path):
        raise HerokuInputError("path=%r must be an API path such as /apps/{app}/releases, without query or fragment."
                               % path, option="path")
    return path.strip("/").split("/") if path.strip("/") else []


def match(path, method):
    """The operations of ``method`` whose template ``path`` fits, each with the values its own segments give.

    ``{name}`` in ``path`` stands for a path parameter (given in path_params); a plain segment fits a
    literal segment of the template, or stands for the parameter's value itself (``/apps/shop-web``).
    """
    wanted = segments(path)
    found = []
    for name, (op_method, template, lists, _fields, _required, _strict) in OPERATIONS.items():
        parts = segments(template)
        if op_method != method or len(parts) != len(wanted):
            continue
        values, exact = {}, 0
        for theirs, ours in zip(parts, wanted):
            parameter = PLACEHOLDER.fullmatch(theirs)
            if parameter:
                values[parameter.group(1)] = ours
            elif theirs == ours:
                exact += 1
            else:
                break
        else:
            found.append((exact, name, values))
    # A literal segment of Heroku's own (/teams/apps) beats a parameter that would take it as a name.
    best = max((exact for exact, _name, _values in found), default=0)
    return [(name, values) for exact, name, values in sorted(found) if exact == best]


def resolve(params):
    """The Call that params ask for, or HerokuInputError naming the option and what is allowed."""
    given = dict(params.get("path_params") or {})
    if params.get("operation"):
        name = params["operation"]
        if name not in OPERATIONS:
            close = difflib.get_close_matches(name, list(OPERATIONS), n=3)
            raise HerokuInputError("operation=%r is not an operation of Heroku's Platform API%s." % (
                name, "; did you mean %s" % " or ".join(close) if close else ""), option="operation")
        method, template = OPERATIONS[name][:2]
        values = {}
    else:
        if not params.get("path"):
            raise HerokuInputError("one of operation or path is required.", option="path")
        method = (params.get("method") or "GET").upper()
        candidates = match(params["path"], method)
        if not candidates:
            others = [other for other in METHODS if match(params["path"], other)]
            raise HerokuInputError("%s %s is not an operation of Heroku's Platform API%s." % (
                method, params["path"], "; that path takes %s" % ", ".join(others) if others else ""), option="path")
        name, values = candidates[0]
        template = OPERATIONS[name][1]
    # A {name} the user wrote in the path takes its value from path_params, by the user's own name.
    # Where each value comes from, for messages: a path_params key (by the user's own name), or the path itself.
    sources = {}
    for parameter, value in list(values.items()):
        braced = PLACEHOLDER.fullmatch(value)
        if braced:
            values[parameter] = given.pop(braced.group(1), None)
            sources[parameter] = "path_params." + braced.group(1)
        else:
            sources[parameter] = "path"
    for parameter in PLACEHOLDER.findall(template):
        if values.get(parameter) is None:
            values[parameter] = given.pop(parameter, None)
            sources[parameter] = "path_params." + parameter
        if values[parameter] is None:
            raise HerokuInputError("%s is required by %s %s." % (sources[parameter], method, template), option="path_params")
    if given:
        raise HerokuInputError("path_params.%s is not a parameter of %s %s." % (sorted(given)[0], method, template),
                               option="path_params")
    for parameter, value in values.items():
        check_path_value(sources[parameter], parameter, value)
    call = Call(name, method, template, OPERATIONS[name][2], values)
    # The body first: a usage report's start put in body is told to go in query.
    check_body(call, params.get("body"))
    call.query = check_query(name, method, template, params.get("query"))
    check_sort_by(call, params.get("sort_by"))
    return call


def check_path_value(source, parameter, value):
    """Fail unless ``value`` fits the name pattern of the kind ``parameter`` names, when there is one."""
    kind = PATH_KINDS.get(parameter)
    if kind is None or (parameter == "account" and value == SELF):
        return
    if source == "path":
        try:
            check_name(parameter, value, kind)
        except HerokuInputError as exc:
            raise HerokuInputError("path: its {%s} segment: %s" % (parameter, exc), option="path")
    else:
        check_name(source, value, kind)


def check_query(name, method, template, query):
    """The query parameters ``query`` gives, as strings, once each is one the operation's schema takes and fits it."""
    if not query:  # None or {}: no query string
        query = {}
    elif not isinstance(query, dict):
        raise HerokuInputError("query must be a dict of query parameters, such as {start: 2025-09-01}.", option="query")
    described = "%s %s (%s)" % (method, template, name)
    if name not in QUERIES:
        if query:
            raise HerokuInputError("query: %s takes no query parameters. A query goes with a GET whose schema names "
                                   "its parameters: %s. Leave query out%s." % (
                                       described, ", ".join(sorted(QUERIES)),
                                       "" if method == "GET" else "; what a %s sends goes in body" % method), option="query")
        return {}
    parameters, required = QUERIES[name]
    for parameter in sorted(query):
        if parameter not in parameters:
            raise HerokuInputError("query.%s is not a parameter of %s: use %s." % (
                parameter, described, ", ".join(sorted(parameters))), option="query")
    for parameter in required:
        if query.get(parameter) is None:
            raise HerokuInputError("query.%s is required by %s: %s." % (
                parameter, described, query_value_words(parameters[parameter])), option="query")
    return dict((parameter, query_value(parameter, value, parameters[parameter], described))
                for parameter, value in sorted(query.items()) if value is not None)


def query_value_words(facts):
    """What a query parameter takes, in words: "a date, YYYY-MM-DD, such as 2019-01-25"."""
    pattern = facts.get("pattern")
    words = QUERY_SHAPES[pattern][0] if pattern in QUERY_SHAPES else "a value matching %s" % pattern if pattern else (
        " or ".join(facts.get("types") or ()) or "a value")
    return words + (", such as %s" % facts["example"] if "example" in facts else "")


def query_value(parameter, value, facts, described):
    # YAML reads an unquoted 2025-09-01 as a date: it stands for the text it was written as.
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise HerokuInputError("query.%s is not what %s takes: %s." % (parameter, described, query_value_words(facts)),
                               option="query")
    text = str(value)
    pattern = facts.get("pattern")
    fits = re.search(pattern, text) is not None if pattern else True
    if fits and pattern in QUERY_SHAPES:
        try:
            datetime.datetime.strptime(text, QUERY_SHAPES[pattern][1])
        except ValueError:
            fits = False
    if not fits:
        raise HerokuInputError("query.%s=%r is not what %s takes: %s." % (parameter, text, described, query_value_words(facts)),
                               option="query")
    return text


def check_sort_by(call, sort_by):
    if sort_by is None:
        return
    if not isinstance(sort_by, str) or not SORT_FIELD.fullmatch(sort_by):
        raise HerokuInputError("sort_by=%r is not a field a list is paged by: use a field name of lower case letters "
                               "and underscores, like id, name, version or created_at." % (sort_by,), option="sort_by")
    if not call.lists:
        raise HerokuInputError("sort_by goes with a list only; %s answers one item." % call.describe(), option="sort_by")


def check_body(call, body):
    _method, _template, _lists, fields, required, strict = OPERATIONS[call.name]
    # A GET sends no body, and no DELETE of Heroku's schema takes one: it would be dropped, or ignored, unseen.
    if body is not None and (call.method == "GET" or (call.method == "DELETE" and fields is None and not required)):
        raise HerokuInputError("body: %s takes no body (%s). Leave body out%s." % (
            call.describe(), "a GET sends none, so Heroku would never see it" if call.method == "GET"
            else "Heroku ignores one", "; its parameters go in query" if call.name in QUERIES else ""), option="body")
    if body is None:
        if required:
            raise HerokuInputError("body.%s is required by %s." % (required[0], call.describe()), option="body")
        return
    if not isinstance(body, dict):
        if fields is not None or required:
            raise HerokuInputError("body must be an object for %s." % call.describe(), option="body")
        return
    for field in required:
        if field not in body:
            raise HerokuInputError("body.%s is required by %s." % (field, call.describe()), option="body")
    for field, value in body.items():
        if fields is None:
            continue
        if field not in fields:
            if strict:
                raise HerokuInputError("body.%s is not a field of %s: use %s." % (
                    field, call.describe(), ", ".join(sorted(fields))), option="body")
            continue
        types = fields[field]
        # bool is an int in Python; JSON tells them apart.
        if types and not any(isinstance(value, JSON_TYPES[kind]) and not (isinstance(value, bool) and kind in ("integer", "number"))
                             for kind in types if kind in JSON_TYPES):
            raise HerokuInputError("body.%s must be %s for %s." % (field, " or ".join(types), call.describe()), option="body")


def masked(value, fields):
    """``value`` with the values of the named fields masked, at any depth."""
    if isinstance(value, dict):
        return dict((key, MASK if key in fields and item is not None else masked(item, fields)) for key, item in value.items())
    if isinstance(value, list):
        return [masked(item, fields) for item in value]
    return value


def read_list_or_item(client, call, params, body=None):
    if call.lists:
        return client.list(call.path, range_field=params.get("sort_by") or "id", descending=params.get("order") == "desc",
                           limit=params.get("limit"), query=None if call.method == "GET" else (body or {}),
                           params=call.query or None)
    return client.get(call.path, params=call.query or None)


# -- the operation: a read is the answer; a write is planned, and sent unless in check mode ------------------

def read(client, params):
    call = resolve(params)
    return dict(call=call, answer=read_list_or_item(client, call, params, params.get("body")) if call.reads else None)


# Operations whose body and answer are config vars: every value is a secret, as in heroku_config
# (heroku_config_info is the module that shows them).
CONFIG_VAR_OPERATIONS = ("config-var.", "pipeline-config-var.")


def secret_fields(call, params, *values):
    """The fields to mask: those the user named, and every key of a config-var operation's body or answer."""
    fields = set(params.get("secret_fields") or ())
    if call is not None and call.name and call.name.startswith(CONFIG_VAR_OPERATIONS):
        for value in values:
            fields.update(value if isinstance(value, dict) else ())
    return fields


def plan(state, params):
    call = state["call"]
    body = params.get("body")
    sent = dict(method=call.method, path=call.path, body=masked(body, secret_fields(call, params, body)))
    return Plan(changed=not call.reads, diff=({}, {} if call.reads else dict(request=sent)), work=sent,
                requests=() if call.reads else (Request(call.method, call.path, body),))


def mask_arguments(params):
    """The arguments as Ansible may echo them (-vvv): the body's secret fields masked."""
    try:
        call = resolve(params)
    except HerokuInputError:
        call = None  # refused before any request, with a message that quotes no body
    body = params.get("body")
    return dict(params, body=masked(body, secret_fields(call, params, body)),
                query=masked(params.get("query"), set(params.get("secret_fields") or ())))


def report(state, plan_, answers, params, check_mode):
    call = state["call"]
    sent = not (check_mode and not call.reads)
    answer = state["answer"] if call.reads else (answers or [None])[0]
    response = masked(answer, secret_fields(call, params, params.get("body"), answer))
    return dict(operation=call.name, method=call.method, path=call.path, body=plan_.work["body"], sent=sent,
                response=response, query=masked(call.query, secret_fields(call, params))), None


REQUEST = Operation(
    result_key="heroku_request", result_keys=("operation", "method", "path", "body", "sent", "response", "query"),
    read=read, plan=plan, perform=None, report=report, mask_arguments=mask_arguments,
    # The whole request checked against Heroku's schema before the client is built, so that bad input is
    # reported as such, whatever else is missing.
    validate=resolve, names=dict(limit=("range", (1,))),
)

HEROKU_REQUEST = Module(REQUEST, dict(
    operation=dict(type="str"), method=dict(type="str", choices=["GET", "POST", "PATCH", "PUT", "DELETE"]),
    path=dict(type="str"), path_params=dict(type="dict", default={}), body=dict(type="raw"),
    limit=dict(type="int"), sort_by=dict(type="str"), order=dict(type="str", choices=["asc", "desc"], default="asc"),
    secret_fields=dict(type="list", elements="str", default=[], no_log=False),
    query=dict(type="dict"),
), mutually_exclusive=(("operation", "path"), ("operation", "method")), required_one_of=(("operation", "path"),))
