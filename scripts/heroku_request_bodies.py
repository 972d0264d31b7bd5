#!/usr/bin/env python3
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Write simulator/heroku_simulator/request_bodies.py: what Heroku's schema says each request body holds.

    scripts/heroku_request_bodies.py [path/to/platform-api-schema-2025.json]

From Heroku's JSON hyper-schema (default: ../shared/heroku/platform-api-schema-2025.json beside the
checkout) it keeps, for each link that takes a body (a GET's schema describes its query, not a body),
what the simulator checks before a handler runs: the link's name, method and path template, and its
body as a rule: JSON types, required fields, enums, the properties of objects and the items of arrays,
the key patterns of maps, whether other fields are refused (`additionalProperties: false`) and the
`uuid` and `email` formats. Value patterns are left out: a handler checks names in Heroku's own words.
None of the schema's prose is copied. simulator/tests/test_request_bodies.py fails when the file and
the schema differ.
"""

import json
import pprint
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from heroku_operations import operation_name, path_template, resolve, write  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "heroku" / "platform-api-schema-2025.json"
TARGET = ROOT / "simulator" / "heroku_simulator" / "request_bodies.py"
CHECKED_FORMATS = ("uuid", "email")

HEADER = '''# Heroku's Platform API schema is MIT-licensed by Heroku; this file holds facts extracted from it.
"""What each request body of Heroku's Platform API holds: written by scripts/heroku_request_bodies.py
from Heroku's 2025 schema, not by hand; validation.py applies it.

(link name, method, path template, rule) a link taking a body. A rule is a dict of: `type` (JSON types),
`enum`, `format` (uuid or email), `anyOf` (rules), `properties` (name -> rule), `required`,
`patternProperties` (key pattern -> rule), `additionalProperties` (False: other fields are refused) and
`items` (the rule of an array's items). An empty rule takes anything. A rule that stands in several
bodies is written once, as RULE_<n>.
"""

BODIES = '''


def rule(schema, node, seen=()):
    """`node` as a rule; `seen`: the references followed down to it, so that a schema naming itself ends."""
    if isinstance(node, dict) and "$ref" in node:
        if node["$ref"] in seen:
            return {}  # a reference back into itself: anything
        seen += (node["$ref"],)
    node = resolve(schema, node)
    if not isinstance(node, dict):
        return {}
    found = {}
    if "type" in node:
        found["type"] = node["type"] if isinstance(node["type"], list) else [node["type"]]
    if "enum" in node:
        found["enum"] = list(node["enum"])
    if node.get("format") in CHECKED_FORMATS:
        found["format"] = node["format"]
    alternatives = node.get("anyOf") or node.get("oneOf")
    if alternatives:
        found.update(simplest([rule(schema, alternative, seen) for alternative in alternatives]))
    if "properties" in node:
        found["properties"] = dict((name, rule(schema, value, seen)) for name, value in node["properties"].items())
    if node.get("required"):
        found["required"] = list(node["required"])
    if "patternProperties" in node:
        found["patternProperties"] = dict(
            (pattern, rule(schema, value, seen)) for pattern, value in node["patternProperties"].items())
    if node.get("additionalProperties") is False:
        found["additionalProperties"] = False
    if "items" in node:
        found["items"] = rule(schema, node["items"], seen)
    return found


def simplest(alternatives):
    """One alternative that takes all the others' values stands for them: `{"type": ["string"]}` beside a
    uuid string. Otherwise the alternatives stay."""
    for candidate in alternatives:
        if set(candidate) == {"type"} and all(set(other.get("type", ())) <= set(candidate["type"])
                                              for other in alternatives):
            return candidate
    return {"anyOf": alternatives} if len(alternatives) > 1 else alternatives[0]


def extract(schema):
    bodies = []
    for resource, definition in sorted(schema["definitions"].items()):
        for link in definition.get("links") or []:
            if "schema" in link and link.get("method", "GET") != "GET":
                bodies.append((operation_name(resource, link.get("title")), link["method"],
                               path_template(link["href"]), rule(schema, link["schema"])))
    return bodies


class Named:
    """A rule written by its name: pprint shows an object as its repr."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


def key(value):
    return json.dumps(value)


def shared_rules(bodies):
    """Rules that stand more than once and span lines, children before parents: written once, by name."""
    counts, order = {}, []

    def walk(value):
        for child in (value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()):
            walk(child)
        if isinstance(value, dict) and len(key(value)) > 60:
            counts[key(value)] = counts.get(key(value), 0) + 1
            order.append(value)
    for _name, _method, _path, body in bodies:
        walk(body)
    names = {}
    for value in order:
        if counts[key(value)] > 1 and key(value) not in names:
            names[key(value)] = ("RULE_%d" % (len(names) + 1), value)
    return names


def named(value, names, top=False):
    if isinstance(value, dict) and not top and key(value) in names:
        return Named(names[key(value)][0])
    if isinstance(value, dict):
        return dict((field, named(child, names)) for field, child in value.items())
    if isinstance(value, list):
        return [named(child, names) for child in value]
    return value


def text(value, indent):
    return pprint.pformat(value, width=110, sort_dicts=False).replace("\n", "\n" + " " * indent)


def render(bodies):
    names = shared_rules(bodies)
    lines = [HEADER.replace("BODIES = ", "").rstrip("\n") + "\n"]
    for name, value in names.values():
        lines.append("%s = %s" % (name, text(named(value, names, top=True), len(name) + 3)))
    lines += ["", "BODIES = ("]
    for name, method, path, body in bodies:
        lines.append("    (%r, %r, %r," % (name, method, path))
        lines.append("     " + text(named(body, names, top=True), 5) + "),")
    return "\n".join(lines + [")", ""])


def main():
    write(SCHEMA, TARGET, lambda schema: render(extract(schema)))


if __name__ == "__main__":
    main()
