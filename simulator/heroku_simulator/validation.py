"""Every request body checked against Heroku's schema before its handler runs, answered as Heroku does:
422 `invalid_params`, "Require params: x." for a missing field, "Unknown params: x." for a field the
schema refuses, "Invalid params: x must be ...". The rules are request_bodies.py, generated from the
schema; a route the schema does not list is not checked. Fields the schema does not name pass, as
they do on Heroku, unless the schema refuses them (`additionalProperties: false`)."""
import copy
import re

from .core import EMAIL_RE, invalid, is_uuid
from .request_bodies import BODIES

# Where Heroku takes more than its schema says, as a real client shows: the Heroku CLI 11
# (Heroku's own, of the same year as the schema) scales with string quantities and sizes by name
# (`ps:scale web=2:Standard-2X`, `ps:type`), and names an add-on's plan as an object (`addons:create`).
WIDER = {
    ("formation.batch_update", "updates", "quantity"): {"type": ["integer", "string"]},
    ("formation.batch_update", "updates", "size"): {"type": ["string"]},
    ("add-on.create", "plan"): {"type": ["object", "string"]},
    # `addons:attach` names the add-on and the app as objects ({"name": ...}).
    ("add-on-attachment.create", "addon"): {"type": ["object", "string"]},
    ("add-on-attachment.create", "app"): {"type": ["object", "string"]},
}

# Fields a link's schema requires that Heroku does without when another field stands for them: a Fir
# app's release names its OCI image instead of a slug (the schema requires slug, as before Fir; the
# handler asks for one of them).
INSTEAD = {("release.create", "slug"): "oci_image"}

WORDS = {"object": "an object", "array": "an array", "string": "a string", "integer": "an integer",
         "number": "a number", "boolean": "a boolean", "null": "null"}
FORMATS = {"uuid": ("a UUID", is_uuid), "email": ("an email address", lambda value: EMAIL_RE.match(value))}
TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float), "boolean": bool,
         "null": type(None)}


def shape(path):
    """A path template with its parameters unnamed: /apps/{app}/domains and /apps/{app_id}/domains are one."""
    return re.sub(r"\{\w*\}", "{}", path)


def widened(name, body):
    """The link's rule with WIDER's fields, each found through objects and the items of arrays, and the
    fields INSTEAD lets stand for a required one (`instead`, read by object_error)."""
    paths = [key[1:] for key in WIDER if key[0] == name]
    optional = [key[1] for key in INSTEAD if key[0] == name]
    if not paths and not optional:
        return body
    body = copy.deepcopy(body)
    if optional:
        body["instead"] = dict((key[1], field) for key, field in INSTEAD.items() if key[0] == name)
    for path in paths:
        node = body
        for field in path[:-1]:
            node = node["properties"][field]
            node = node.get("items", node)
        node["properties"][path[-1]] = WIDER[(name, *path)]
    return body


def rules_by_route():
    rules = {}
    for name, method, path, body in BODIES:
        rules.setdefault((method, shape(path)), []).append(widened(name, body))
    return rules


RULES = rules_by_route()


def join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe(rule):
    """What a value of `rule` is, in words: "a string or null", "one of view, deploy", "a UUID"."""
    if "anyOf" in rule:
        return join([describe(alternative) for alternative in rule["anyOf"]])
    if "enum" in rule:
        values = ["null" if value is None else str(value) for value in rule["enum"]]
        return values[0] if len(values) == 1 else "one of " + ", ".join(values)
    if rule.get("format") in FORMATS:
        return FORMATS[rule["format"]][0]
    return join([WORDS[name] for name in rule.get("type", ())])


def is_type(value, name):
    # JSON's true is no integer, though Python's True is an int.
    return isinstance(value, TYPES[name]) and not (isinstance(value, bool) and name in ("integer", "number"))


def error(rule, value, where=""):
    """Why `value` breaks `rule` (Heroku's message), or None; `where` names the value ("updates[0].size")."""
    wrong = "Invalid params: %s must be %s." % (where, describe(rule))
    if "anyOf" in rule and all(error(alternative, value, where) for alternative in rule["anyOf"]):
        return wrong
    if "type" in rule and not any(is_type(value, name) for name in rule["type"]):
        return wrong if where else "Request body must be a JSON object."
    if "enum" in rule and value not in rule["enum"]:
        return wrong
    if rule.get("format") in FORMATS and isinstance(value, str) and not FORMATS[rule["format"]][1](value):
        return wrong
    if isinstance(value, dict):
        return object_error(rule, value, where + "." if where else "")
    if isinstance(value, list) and "items" in rule:
        return next(filter(None, (error(rule["items"], item, "%s[%d]" % (where, index))
                                  for index, item in enumerate(value))), None)
    return None


def object_error(rule, value, prefix):
    missing = [prefix + name for name in rule.get("required", ())
               if name not in value and rule.get("instead", {}).get(name) not in value]
    if missing:
        return "Require params: %s." % ", ".join(missing)
    properties, patterns = rule.get("properties", {}), rule.get("patternProperties", {})

    def item_rule(key):
        return properties.get(key) or next((patterns[p] for p in patterns if re.search(p, key)), None)
    if rule.get("additionalProperties") is False:
        unknown = [prefix + key for key in value if key not in properties and item_rule(key) is None]
        if unknown and patterns:
            return "Invalid params: %s: a key must match %s." % (", ".join(unknown), " or ".join(patterns))
        if unknown:
            return "Unknown params: %s." % ", ".join(unknown)
    return next(filter(None, (error(item_rule(key), item, prefix + key) for key, item in value.items()
                              if item_rule(key) is not None)), None)


def check_body(rules, body):
    """Raise Heroku's 422 unless `body` is what one of the route's links takes. Of several links (a
    release's create and rollback), the first whose required fields are all there says what is wrong."""
    errors = [error(rule, body) for rule in rules]
    if all(errors):
        sent = set(body) if isinstance(body, dict) else set()
        chosen = next((index for index, rule in enumerate(rules) if set(rule.get("required", ())) <= sent), 0)
        raise invalid(errors[chosen])


def validated(method, pattern, handler):
    """`handler`, checking the body first when the schema has a link of that method and path."""
    rules = RULES.get((method, shape(pattern)))
    if not rules:
        return handler

    def checked(ctx, **params):
        check_body(rules, ctx.body)
        return handler(ctx, **params)
    checked.rules = rules
    return checked
