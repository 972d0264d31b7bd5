# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A worker process imports the collection's files from Python's bytecode cache, not compiled again from source."""

from __future__ import annotations

import importlib.machinery
import json
import os
import pathlib
import subprocess
import sys
import textwrap

from ansible_collections.herokuops.platform.plugins.plugin_utils import heroku_bytecode
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_bytecode import CachedBytecodeFinder

PLUGINS = "ansible_collections.herokuops.platform.plugins."
# The directory that holds ansible_collections/herokuops/platform, as the tests import it.
COLLECTIONS_ROOT = pathlib.Path(heroku_bytecode.__file__).parents[5]


def test_the_finder_serves_the_collections_files_and_nothing_else():
    spec = CachedBytecodeFinder.find_spec(PLUGINS + "module_utils.heroku_runner")
    assert isinstance(spec.loader, importlib.machinery.SourceFileLoader)
    assert spec.origin.endswith(os.path.join("plugins", "module_utils", "heroku_runner.py"))
    assert spec.cached.endswith(".pyc")
    assert CachedBytecodeFinder.find_spec(PLUGINS + "plugin_utils.heroku_action").origin.endswith("heroku_action.py")
    # Packages, missing files and other collections stay with Ansible's loader.
    for name in (PLUGINS + "module_utils", PLUGINS + "module_utils.no_such_file", PLUGINS + "modules.heroku_app",
                 "ansible_collections.community.general.plugins.module_utils.heroku"):
        assert CachedBytecodeFinder.find_spec(name) is None


def test_under_ansibles_collection_loader_the_runner_comes_from_bytecode():
    # A fresh interpreter with Ansible's collection loader installed, as ansible-playbook's is: before the action plugin
    # loads, the collection's files are compiled by Ansible's loader; after, what a task run in process imports (the
    # spec file, the runner) comes through Python's own.
    probe = textwrap.dedent("""
        import importlib, json, sys
        from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder
        _AnsibleCollectionFinder(paths=[sys.argv[1]])._install()
        def loader_of(name):
            return type(importlib.import_module(name).__loader__).__name__
        before = loader_of("ansible_collections.herokuops.platform.plugins.module_utils.heroku_values")
        importlib.import_module("ansible_collections.herokuops.platform.plugins.action.heroku_request")
        action = sys.modules["ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action"]
        action.module_of("heroku_config")
        action.in_process_runner()
        after = loader_of("ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner")
        print(json.dumps([before, after, type(sys.meta_path[0]).__name__]))
    """)
    answer = subprocess.run([sys.executable, "-c", probe, str(COLLECTIONS_ROOT)], capture_output=True, text=True,
                            check=True)
    before, after, first_finder = json.loads(answer.stdout)
    assert before.startswith("_AnsibleCollection") and after == "SourceFileLoader"
    # As ansible-test's import check wants: the plugin leaves sys.meta_path[0] as it found it.
    assert first_finder == "_AnsibleCollectionFinder"


def test_the_finder_is_in_the_meta_path_only_while_the_collection_imports():
    before = list(sys.meta_path)
    with heroku_bytecode.cached_bytecode():
        assert isinstance(sys.meta_path[0], CachedBytecodeFinder)
    assert sys.meta_path == before
    try:
        with heroku_bytecode.cached_bytecode():
            raise ImportError("a spec file that does not import")
    except ImportError:
        pass
    assert sys.meta_path == before
