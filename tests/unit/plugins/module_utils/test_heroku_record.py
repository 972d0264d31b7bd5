# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Records behave as the dataclasses they replace: the vocabulary's specs are built, compared and copied alike."""

from __future__ import annotations

from typing import Optional

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import (
    FrozenRecordError, field, fields, is_record, record, replace,
)


@record
class Widget:
    name: str
    size: Optional[int] = None
    tags: dict = field(default_factory=dict)
    secret: str = field(default="", repr=False)


@record(frozen=False)
class Counter:
    total: int = 0


def test_positional_keyword_and_default_values():
    widget = Widget("api", tags={"a": 1})
    assert (widget.name, widget.size, widget.tags, widget.secret) == ("api", None, {"a": 1}, "")
    assert Widget("api", 3) == Widget(name="api", size=3)
    # A factory's default is made anew for each record.
    assert Widget("a").tags is not Widget("b").tags


@pytest.mark.parametrize("args, kwargs, message", [
    ((), {}, "Widget() missing required argument: 'name'"),
    (("a",), {"colour": "red"}, "Widget() got an unexpected keyword argument 'colour'"),
    (("a",), {"name": "b"}, "Widget() got multiple values for argument 'name'"),
    (("a", 1, {}, "s", "extra"), {}, "Widget() takes 4 arguments, 5 given"),
])
def test_wrong_arguments_fail_as_a_call_would(args, kwargs, message):
    with pytest.raises(TypeError) as raised:
        Widget(*args, **kwargs)
    assert str(raised.value) == message


def test_frozen_records_refuse_changes_and_hash_by_value():
    widget = Widget("api", 2, tags=("a",))
    with pytest.raises(FrozenRecordError):
        widget.size = 3
    with pytest.raises(AttributeError):
        del widget.name
    assert hash(widget) == hash(Widget("api", 2, tags=("a",))) and widget != Widget("api", 3) and widget != ("api", 2)
    assert {Widget("api", 2, tags=("a",)): 1}[widget] == 1
    # As a dataclass's: a record holding a mapping has no hash.
    with pytest.raises(TypeError):
        hash(Widget("api"))


def test_mutable_records_change_and_are_not_hashable():
    counter = Counter()
    counter.total += 2
    assert counter == Counter(2)
    with pytest.raises(TypeError):
        hash(counter)


def test_replace_fields_and_repr():
    widget = Widget("api", 2, secret="s3cr3t")
    assert replace(widget, size=5) == Widget("api", 5, secret="s3cr3t") and widget.size == 2
    assert [(item.name, item.type) for item in fields(Widget)] == [
        ("name", "str"), ("size", "Optional[int]"), ("tags", "dict"), ("secret", "str")]
    assert is_record(Widget) and not is_record(widget) and not is_record(dict)
    # A field with repr=False (a client, a secret) is left out of the repr.
    assert repr(widget) == "Widget(name='api', size=2, tags={})"
