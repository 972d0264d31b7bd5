# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Secret values, and the parts of them a text can quote on their own.

A secret rarely comes back whole: Heroku's error texts quote the line of a private key that
failed to parse, the password of a drain URL, a webhook's token without its ``Bearer``, a
body with its newlines escaped. ``parts_of`` lists what to hide for one secret; the entry
points hand everything it lists to the one masking step of each (Ansible's ``no_log``
values for modules, ``scrub`` for the lookup's and the inventory plugin's errors).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Iterable
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK

#: shorter whole values ("1", "on") are everyday words: masking them everywhere garbles unrelated text
MIN_VALUE = 4
#: a part of a secret must be longer still to be recognisable as one (a port or "user" is not)
MIN_PART = 6

SCHEME_TOKEN = re.compile(r"([A-Za-z][A-Za-z0-9_.+-]*)\s+(\S+)")
#: the texts of Python's True, False and None, never secrets (Ansible's own no_log never lists a boolean): before
#: ansible-core 2.19, Ansible's masking replaces every boolean or None of a result whose text is a secret, and
#: ``changed: false`` then reads as a change
NOT_SECRETS = frozenset(("True", "False", "None"))


def parts_of(value) -> set:
    """``value`` and its recognisable parts: each line, the token behind a scheme, a URL's credentials and query values."""
    text = str(value)
    parts = {text}
    lines = [line.strip() for line in text.splitlines()]
    # A PEM block's base64 lines (a parser quotes the one it choked on); its BEGIN/END lines are not secret.
    parts.update(line for line in lines if line and not line.startswith("-----"))
    stripped = text.strip()
    parts.add(stripped)
    token = SCHEME_TOKEN.fullmatch(stripped)
    if token:
        # An Authorization value: the token alone, and for Basic the user:password it encodes.
        parts.add(token.group(2))
        if token.group(1).lower() == "basic":
            parts.update(_basic_credentials(token.group(2)))
    if "://" in stripped:
        parts.update(_url_parts(stripped))
    # The forms a message quotes a value in: JSON-escaped (newlines as \n) and URL-quoted.
    for part in list(parts):
        parts.add(json.dumps(part)[1:-1])
        parts.add(quote(part, safe=""))
    return set(part for part in parts
               if len(part) >= (MIN_VALUE if part in (text, stripped) else MIN_PART) and part not in NOT_SECRETS)


def _basic_credentials(token):
    try:
        decoded = base64.b64decode(token, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return []
    return [decoded, decoded.partition(":")[2]]


def _url_parts(url):
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return []
    found = []
    if password:
        found += [password, unquote(password), "%s:%s" % (parts.username or "", password)]
    if parts.query:
        found.append(parts.query)
        found += [value for _name, value in parse_qsl(parts.query)]
    return found


def secret_parts(values: Iterable) -> set:
    """The parts of every value (see parts_of); None and empty values have none."""
    found = set()
    for value in values:
        if value is not None and str(value).strip():
            found |= parts_of(value)
    return found


def scrub(data, parts: Iterable[str]):
    """``data`` (a text, or dicts and lists of texts) with every part masked, longest first."""
    ordered = sorted(set(parts), key=len, reverse=True)

    def clean(value):
        if isinstance(value, str):
            for part in ordered:
                value = value.replace(part, MASK)
            return value
        if isinstance(value, dict):
            return dict((key, clean(item)) for key, item in value.items())
        if isinstance(value, (list, tuple)):
            return [clean(item) for item in value]
        return value

    return clean(data)
