# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Values as the runners and specs handle them: reading Heroku's representations, comparing what the user
set with what Heroku holds, and masking secrets. Pure functions: no request, no Ansible."""

from __future__ import annotations

import copy
import re

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK


def dig(data, path):
    """``data["a"]["b"]`` for path ``("a", "b")``, None where any step is missing."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def shape(returned, rep, params=None):
    """The documented result keys, read from Heroku's representation: a path into it (``()`` is all of it),
    a Param (the option's value), or a Nested mapping (some keys of an object inside it)."""
    return dict((key, path.value(params) if isinstance(path, Param) else
                 path.value(rep, params) if isinstance(path, Nested) else dig(rep, path))
                for key, path in returned.items())


def as_set(values):
    """A list whose order means nothing, as one order (sorted, each item once): so order alone is no change."""
    return sorted(set(values))


def ip_block(value):
    """An IPv4 block as Heroku's rules take it: with its prefix length, a bare address being that one address."""
    return value if "/" in value else value + "/32"


def ip_ranges(values):
    """IPv4 blocks as one order: a bare address as that one address (``/32``), each block once, in network order
    (10.0.0.0/8 before 192.168.0.0/16, unlike text order), so that order alone is no change."""
    def network_order(value):
        address, prefix = value.split("/", 1) if "/" in value else (value, "")
        parts = address.split(".")
        if len(parts) == 4 and all(part.isdigit() for part in parts) and prefix.isdigit():
            return (0, tuple(int(part) for part in parts), int(prefix), value)
        # Not an IPv4 block (a deny rule shown beside its source): after the blocks, in text order.
        return (1, (), 0, value)

    return sorted(set(ip_block(value) for value in values), key=network_order)


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


class Param:
    """In a spec's ``returned`` or ``predicted``: the value of the option of that name, as the user gave it
    (the app of an app's config vars, which Heroku's answer does not hold)."""

    __slots__ = ("option", "part")

    def __init__(self, option, part=None):
        self.option = option
        #: a pattern: the value is the start of the option's that it matches (an add-on's service, of its plan)
        self.part = part

    def value(self, params):
        value = params.get(self.option)
        if self.part and isinstance(value, str):
            value = re.match(self.part, value).group(0)
        return value

    def __repr__(self):
        return "Param(%r)" % self.option if self.part is None else "Param(%r, %r)" % (self.option, self.part)


class Nested:
    """In a spec's ``returned``: the object at ``path`` in Heroku's representation, shaped by ``returned`` in turn
    (some keys of a webhook delivery's ``last_attempt``), or None where the representation holds none."""

    __slots__ = ("path", "returned")

    def __init__(self, path, returned):
        self.path = path
        self.returned = returned

    def value(self, rep, params=None):
        inner = dig(rep, self.path)
        return None if inner is None else shape(self.returned, inner, params)

    def __repr__(self):
        return "Nested(%r, %r)" % (self.path, self.returned)


class Among(Nested):
    """In a spec's ``returned``: ``field`` of the first item of the list at ``path`` whose ``key`` holds ``wanted``
    (the id of a release's ``oci-image`` among its ``artifacts``), or None where the list holds none."""

    __slots__ = ("key", "wanted", "field")

    def __init__(self, path, key, wanted, field):
        super().__init__(path, {})
        self.key, self.wanted, self.field = key, wanted, field

    def value(self, rep, params=None):
        items = dig(rep, self.path)
        return next((item.get(self.field) for item in items if isinstance(item, dict) and item.get(self.key) == self.wanted),
                    None) if isinstance(items, list) else None

    def __repr__(self):
        return "Among(%r, %r, %r, %r)" % (self.path, self.key, self.wanted, self.field)
