# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Python's own bytecode cache for this collection's Python files, in the worker process Ansible forks for each task.

Ansible's collection loader compiles a collection's files from source at every import and keeps no bytecode. A
worker process imports the action plugin's helpers, the runner, the vocabulary and a spec file afresh for each task,
and compiling them was the larger part of a no-change task's CPU beyond ansible.builtin.debug's. This finder serves
the files of ``plugins/module_utils`` and ``plugins/plugin_utils`` through Python's SourceFileLoader, which reads
``__pycache__`` and writes it where it can (and where ``PYTHONDONTWRITEBYTECODE`` allows), as for any Python file.
Packages, and the files of any other collection, stay with Ansible's loader. The finder is in ``sys.meta_path`` only
while the collection's own imports run (``cached_bytecode``).
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys

PLUGINS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
#: package prefix -> the directory of its files: those of the copy of the collection Ansible loaded this file from
DIRECTORIES = dict(("ansible_collections.herokuops.platform.plugins.%s." % package, os.path.join(PLUGINS, package))
                   for package in ("module_utils", "plugin_utils"))


class CachedBytecodeFinder:
    """A meta path finder for the collection's module_utils and plugin_utils files (not their packages)."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        for prefix, directory in DIRECTORIES.items():
            if fullname.startswith(prefix) and "." not in fullname[len(prefix):]:
                source = os.path.join(directory, fullname[len(prefix):] + ".py")
                return importlib.util.spec_from_file_location(fullname, source) if os.path.isfile(source) else None
        return None


@contextlib.contextmanager
def cached_bytecode():
    """Within the block, the collection's files are imported through the finder; after it, ``sys.meta_path`` is as
    it was. A module imported once stays in ``sys.modules``, so the finder is needed only while importing, and no
    other import of the process ever passes through it."""
    finder = CachedBytecodeFinder()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
