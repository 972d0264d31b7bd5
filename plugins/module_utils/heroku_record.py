# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Records: classes of named values with defaults, as ``dataclasses`` makes them, without the cost of making them.

``dataclasses.dataclass`` writes each class's ``__init__``, ``__repr__``, ``__eq__`` and the frozen guards as source
text and compiles it when the class is defined. Ansible forks a worker for every task and the collection's files are
imported afresh in each, so the vocabulary's records cost about 20 ms of CPU a task that way: more than
``ansible.builtin.debug``'s whole task. A record's methods here are the same few functions for every class.

What the vocabulary uses of dataclasses, and no more: fields from the class's annotations in order, defaults,
``field(default_factory=...)`` and ``field(repr=False)``, frozen instances, equality and a hash by value, ``replace``
and ``fields``.
"""

from __future__ import annotations

_NO_DEFAULT = object()


class _Field:
    __slots__ = ("name", "type", "default", "default_factory", "repr")

    def __init__(self, default=_NO_DEFAULT, default_factory=None, repr=True):  # pylint: disable=redefined-builtin
        self.name = self.type = None
        self.default, self.default_factory, self.repr = default, default_factory, repr


def field(default=_NO_DEFAULT, default_factory=None, repr=True):  # pylint: disable=redefined-builtin
    """A field's default made anew for each instance (``default_factory``), or one left out of ``repr``."""
    return _Field(default=default, default_factory=default_factory, repr=repr)


class FrozenRecordError(AttributeError):
    """An attribute of a frozen record was assigned."""


def _init(self, *args, **kwargs):
    declared = type(self).__record_fields__
    if len(args) > len(declared):
        raise TypeError("%s() takes %d arguments, %d given" % (type(self).__name__, len(declared), len(args)))
    values = dict(zip((item.name for item in declared), args))
    for name, value in kwargs.items():
        if name in values:
            raise TypeError("%s() got multiple values for argument %r" % (type(self).__name__, name))
        values[name] = value
    unknown = set(values) - set(item.name for item in declared)
    if unknown:
        raise TypeError("%s() got an unexpected keyword argument %r" % (type(self).__name__, sorted(unknown)[0]))
    for item in declared:
        if item.name in values:
            value = values[item.name]
        elif item.default_factory is not None:
            value = item.default_factory()
        elif item.default is not _NO_DEFAULT:
            value = item.default
        else:
            raise TypeError("%s() missing required argument: %r" % (type(self).__name__, item.name))
        object.__setattr__(self, item.name, value)


def _values(self):
    return tuple(getattr(self, item.name) for item in type(self).__record_fields__)


def _repr(self):
    return "%s(%s)" % (type(self).__qualname__, ", ".join(
        "%s=%r" % (item.name, getattr(self, item.name)) for item in type(self).__record_fields__ if item.repr))


def _eq(self, other):
    if type(other) is not type(self):
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self):
    return hash(_values(self))


def _frozen_setattr(self, name, value):
    raise FrozenRecordError("cannot assign to field %r of a %s" % (name, type(self).__name__))


def _frozen_delattr(self, name):
    raise FrozenRecordError("cannot delete field %r of a %s" % (name, type(self).__name__))


def record(cls=None, *, frozen=True):
    """Make ``cls`` a record: ``@record`` (frozen, hashed by value) or ``@record(frozen=False)``."""
    if cls is None:
        return lambda actual: record(actual, frozen=frozen)
    declared = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        default = cls.__dict__.get(name, _NO_DEFAULT)
        item = default if isinstance(default, _Field) else _Field(default=default)
        item.name, item.type = name, annotation
        if isinstance(default, _Field) or default is not _NO_DEFAULT:
            # The class keeps no attribute of the field's name: instances hold every value.
            delattr(cls, name)
        declared.append(item)
    cls.__record_fields__ = tuple(declared)
    cls.__init__, cls.__repr__, cls.__eq__ = _init, _repr, _eq
    if frozen:
        cls.__hash__, cls.__setattr__, cls.__delattr__ = _hash, _frozen_setattr, _frozen_delattr
    else:
        cls.__hash__ = None  # mutable and compared by value, as a dataclass is: unhashable
    return cls


def is_record(value):
    return isinstance(value, type) and "__record_fields__" in value.__dict__


def fields(record_or_class):
    """The record's fields, in order: each has ``name``, ``type`` (its annotation, as written), ``default`` and
    ``default_factory``."""
    cls = record_or_class if isinstance(record_or_class, type) else type(record_or_class)
    return cls.__record_fields__


def replace(value, **changes):
    """A copy of the record ``value`` with ``changes``."""
    current = dict((item.name, getattr(value, item.name)) for item in fields(value))
    current.update(changes)
    return type(value)(**current)
