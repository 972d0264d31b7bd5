#!/usr/bin/env python3
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write plugins/module_utils/_operations.py: every operation of Heroku's Platform API, as facts.

    scripts/heroku_operations.py [path/to/platform-api-schema-2025.json]

From Heroku's JSON hyper-schema (default: ../shared/heroku/platform-api-schema-2025.json beside the
checkout) it keeps what heroku_request and the heroku lookup check before any request: each link's
name (``<resource>.<title>``, e.g. ``release.list``), method, path template, whether it answers a
list, and its body's fields (JSON types), required fields and whether others are refused. The
``schema`` of a GET describes its query string, not a body (a GET sends none): its parameters go to
QUERIES, with their JSON types, format, pattern and example where the schema gives them. None of the
schema's prose is copied. tests/unit/test_operations.py fails when the file and the schema differ.
BEYOND_SCHEMA adds the few operations Heroku's own clients send that the schema does not list.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "heroku" / "platform-api-schema-2025.json"
TARGET = ROOT / "plugins" / "module_utils" / "_operations.py"
PLACEHOLDER = re.compile(r"\{\(([^)]*)\)\}")

HEADER = '''# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# Heroku's Platform API schema is MIT-licensed by Heroku; this file holds facts extracted from it.

"""Every operation of Heroku's Platform API: written by scripts/heroku_operations.py, not by hand.

name -> (method, path template, answers a list, body fields -> JSON types or None for any field,
required body fields, other body fields refused).
Also the few operations Heroku's own clients send that the schema does not list (BEYOND_SCHEMA in the script).
QUERIES: name of a GET that takes a query string -> (parameter -> its JSON types, and its format, pattern
and example where the schema gives them; required parameters).
"""

OPERATIONS = '''

# Operations Heroku's own clients send that its schema does not list, each with the client that shows it, in the
# form of the schema's. The Heroku CLI's reviewapps:enable and reviewapps:disable read the GitHub repository a
# pipeline is connected to from the Platform API (Accept: version=3.repositories-api; 404 for a pipeline that is not
# connected), where the account's dashboard-repositories-api feature is on.
BEYOND_SCHEMA = {
    "pipeline-repository.info": ("GET", "/pipelines/{pipeline}/repo", False, None, [], False),
}


def parameter_name(resource, definition):
    """A path parameter's name: its resource for an identity (``app``), else what it is (``stage``, ``pcx_id``)."""
    name = resource if definition in ("identity", "scopedIdentity", "id", "name") else definition
    return name.replace("-", "_")


def pointer_name(pointer):
    """``#/definitions/app-webhook/definitions/identity`` (URL-quoted) -> ``app_webhook``."""
    parts = pointer.replace("%23", "#").replace("%2F", "/").split("/")
    return parameter_name(parts[2], parts[4])


def path_template(href):
    names = []

    def name(match):
        base = pointer_name(match.group(1))
        names.append(base if base not in names else "%s_%d" % (base, names.count(base) + 1))
        return "{%s}" % names[-1]
    return PLACEHOLDER.sub(name, href)


def resolve(schema, node, seen=()):
    """Follow $ref until a node with a type (or anyOf/oneOf of them)."""
    while isinstance(node, dict) and "$ref" in node and node["$ref"] not in seen:
        seen = seen + (node["$ref"],)
        target = schema
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def types_of(schema, node):
    node = resolve(schema, node)
    if not isinstance(node, dict):
        return None
    if "type" in node:
        found = node["type"] if isinstance(node["type"], list) else [node["type"]]
        return sorted(set(found))
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        found = set()
        for alternative in alternatives:
            types = types_of(schema, alternative)
            if types is None:
                return None
            found.update(types)
        return sorted(found)
    return None


def body_facts(schema, link):
    body = resolve(schema, link.get("schema"))
    if not isinstance(body, dict):
        return None, [], False
    properties = body.get("properties")
    if properties is None:  # patternProperties, or anything: any field goes
        return None, sorted(body.get("required") or []), False
    fields = dict((name, types_of(schema, node)) for name, node in sorted(properties.items()))
    strict = bool(body.get("strictProperties")) or body.get("additionalProperties") is False
    return fields, sorted(body.get("required") or []), strict


# What the schema says of a query parameter's value, as QUERIES keeps it.
QUERY_FACTS = ("format", "pattern", "example")


def query_facts(schema, link):
    """A GET's query parameters: {name: {types, format, pattern, example}}, and the required names."""
    query = resolve(schema, link["schema"])
    parameters = {}
    for name, node in sorted((query.get("properties") or {}).items()):
        facts = dict(types=types_of(schema, node))
        facts.update((key, value) for key, value in sorted(resolve(schema, node).items()) if key in QUERY_FACTS)
        parameters[name] = facts
    return parameters, sorted(query.get("required") or [])


def operation_name(resource, title):
    return "%s.%s" % (resource, re.sub(r"[^a-z0-9]+", "_", (title or "link").lower()).strip("_"))


def extract(schema):
    """(operations, queries): each link's facts, and the query parameters of each GET whose schema has them."""
    operations, queries = {}, {}
    resources = [("schema", schema)] + sorted(schema["definitions"].items())
    for resource, definition in resources:
        for link in definition.get("links") or []:
            if "method" not in link:
                continue  # the schema's root link is the API's address, not an operation
            name = operation_name(resource, link.get("title"))
            if link["method"] == "GET" and "schema" in link:
                queries[name] = query_facts(schema, link)
                fields, required, strict = None, [], False
            else:
                fields, required, strict = body_facts(schema, link)
            lists = link.get("rel") == "instances"
            operations[name] = (link["method"], path_template(link["href"]), lists, fields, required, strict)
    operations.update(BEYOND_SCHEMA)
    return operations, queries


def render(extracted):
    """The module's text: one operation a line where it fits, the fields of a long one a line each;
    then each query's parameters a line each."""
    operations, queries = extracted
    lines = [HEADER + "{"]
    for name, (method, path, lists, fields, required, strict) in sorted(operations.items()):
        line = "    %r: (%r, %r, %r, %r, %r, %r)," % (name, method, path, lists, fields, required, strict)
        if len(line) <= 150:
            lines.append(line)
            continue
        lines += ["    %r: (" % name, "        %r, %r, %r," % (method, path, lists)]
        if fields is None:
            lines.append("        None,")
        else:
            lines += ["        {"] + ["            %r: %r," % (field, types) for field, types in fields.items()] + ["        },"]
        lines += ["        %r, %r," % (required, strict), "    ),"]
    lines += ["}", "", "QUERIES = {"]
    for name, (parameters, required) in sorted(queries.items()):
        lines += ["    %r: (" % name, "        {"]
        lines += ["            %r: %r," % (parameter, facts) for parameter, facts in parameters.items()]
        lines += ["        },", "        %r," % (required,), "    ),"]
    return "\n".join(lines + ["}", ""])


def write(schema, target, make):
    """Write `target` as `make` makes it of the schema named on the command line, else of `schema`."""
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else schema
    target.write_text(make(json.loads(source.read_text(encoding="utf-8"))), encoding="utf-8")
    print("wrote %s" % target.relative_to(ROOT))


def main():
    write(SCHEMA, TARGET, lambda schema: render(extract(schema)))


if __name__ == "__main__":
    main()
