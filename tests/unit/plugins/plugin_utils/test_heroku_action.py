# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""When a task may run in Ansible's worker, and when it must run the module as a module."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ansible_collections.herokuops.platform.plugins.action.heroku_request import ActionModule
from ansible_collections.herokuops.platform.plugins.plugin_utils import heroku_action


def action(transport="local", async_val=0, become=False):
    plugin = object.__new__(ActionModule)
    plugin._connection = SimpleNamespace(transport=transport)
    plugin._task = SimpleNamespace(async_val=async_val)
    plugin._play_context = SimpleNamespace(become=become)
    plugin._templar = SimpleNamespace(template=lambda value: {"{{ in_process }}": "no"}.get(value, value))
    return plugin


@pytest.mark.parametrize("plugin, task_vars, environ, blocker", [
    (action(), {}, {}, None),
    (action(), {"herokuops_platform_in_process": "yes"}, {}, None),
    (action(transport="ssh"), {}, {}, "the task runs on another host"),
    (action(async_val=30), {}, {}, "async"),
    (action(become=True), {}, {}, "become"),
    (action(), {"herokuops_platform_in_process": False}, {}, "turned off by herokuops_platform_in_process"),
    # A template in the variable is rendered first.
    (action(), {"herokuops_platform_in_process": "{{ in_process }}"}, {}, "turned off by herokuops_platform_in_process"),
    (action(), {}, {"HEROKUOPS_PLATFORM_IN_PROCESS": "false"}, "turned off by herokuops_platform_in_process"),
    # The variable, set for a host or a play, wins over the controller's environment.
    (action(), {"herokuops_platform_in_process": True}, {"HEROKUOPS_PLATFORM_IN_PROCESS": "false"}, None),
])
def test_what_sends_a_task_back_to_the_module(monkeypatch, plugin, task_vars, environ, blocker):
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert plugin.in_process_blocker(task_vars) == blocker


def test_the_invocation_is_returned_when_ansible_core_returns_a_modules():
    """ansible-core 2.21 returns a module's invocation only when INJECT_INVOCATION is on (off by default); before,
    always. The in-process path follows, so that both paths return the same keys."""
    from ansible.release import __version__  # pylint: disable=import-outside-toplevel

    line = tuple(int(part) for part in __version__.split(".")[:2])
    assert heroku_action.inject_invocation({}) is (line < (2, 21))
    assert heroku_action.inject_invocation({"ansible_inject_invocation": True}) is True


def test_the_main_process_loads_the_action_plugin_and_every_modules_spec_for_its_workers(monkeypatch):
    import sys  # pylint: disable=import-outside-toplevel
    from pathlib import Path  # pylint: disable=import-outside-toplevel

    spec_files = sorted(path.stem for path in (Path(heroku_action.__file__).parents[1] / "module_utils").glob("_*.py")
                        if path.name != "__init__.py")
    # Forgotten first, so that the call (not an earlier test's import) is what loads them.
    for name in spec_files + ["heroku_request"]:
        package = "action" if name == "heroku_request" else "module_utils"
        monkeypatch.delitem(sys.modules, "ansible_collections.herokuops.platform.plugins.%s.%s" % (package, name), raising=False)
    heroku_action.load_in_main_process()
    # The very name Ansible's plugin loader looks for in sys.modules before it loads the action plugin again.
    assert "ansible_collections.herokuops.platform.plugins.action.heroku_request" in sys.modules
    assert "_app" in spec_files and "_config" in spec_files
    missing = [name for name in spec_files if "ansible_collections.herokuops.platform.plugins.module_utils." + name not in sys.modules]
    assert not missing


def test_the_main_process_compiles_every_name_pattern_for_its_workers(monkeypatch):
    from ansible_collections.herokuops.platform.plugins.module_utils import heroku_validate  # pylint: disable=import-outside-toplevel

    monkeypatch.setattr(heroku_validate, "NAMES", heroku_validate.CompiledNames())
    for pattern in heroku_validate.OnUse.every:
        monkeypatch.setattr(pattern, "_compiled", None)
    heroku_action.load_in_main_process()
    assert sorted(heroku_validate.NAMES) == sorted(heroku_validate.PATTERNS)
    assert heroku_validate.UUID in heroku_validate.OnUse.every and heroku_validate.BUILDPACK in heroku_validate.OnUse.every
    assert all(pattern._compiled is not None for pattern in heroku_validate.OnUse.every)
    # Compiled as they would be on first use: the hostname kind ignores case.
    assert heroku_validate.NAMES["hostname"][0].fullmatch("WWW.Example.com")
    assert heroku_validate.BUILDPACK.fullmatch("HEROKU/python")


def test_a_tasks_arguments_reach_the_validator_in_pythons_own_types():
    """ansible-core 2.19 tags what a playbook says (its origin); older releases mark it unsafe. The validator
    deep-copies every argument, which costs a tagged value far more than a plain one."""
    import datetime  # pylint: disable=import-outside-toplevel

    class Tagged(str):
        def __str__(self):  # pylint: disable=invalid-str-returned  # str() keeps the subclass, as older releases' unsafe text does
            return self

    class TaggedInt(int):
        pass

    class TaggedFloat(float):
        pass

    class TaggedDict(dict):
        pass

    when = datetime.date(2026, 12, 6)
    args = TaggedDict({Tagged("config"): TaggedDict({Tagged("KEY"): Tagged("value")}), Tagged("quantity"): TaggedInt(2),
                       "ratio": TaggedFloat(0.5), "flags": (True, None, Tagged("x")), "when": when})
    result = heroku_action.plain(args)
    assert result == {"config": {"KEY": "value"}, "quantity": 2, "ratio": 0.5, "flags": [True, None, "x"], "when": when}

    def types(value):
        if isinstance(value, dict):
            return [type(value)] + [t for key, item in value.items() for t in types(key) + types(item)]
        if isinstance(value, list):
            return [type(value)] + [t for item in value for t in types(item)]
        return [type(value)]
    assert set(types(result)) == {dict, list, str, int, float, bool, type(None), datetime.date}
    # A bool stays a bool (it is an int too).
    assert heroku_action.plain(True) is True and heroku_action.plain(TaggedInt(0)) == 0


def test_a_task_that_runs_the_module_as_a_module_loads_no_runner_and_no_http_client_in_its_worker():
    """Its worker loads the action plugin, which decides where the task runs; the module process has the rest. The
    runner, the vocabulary and the HTTP client (http.client and ssl: ansible-playbook loads neither) are loaded by the
    first task that runs in process."""
    import json  # pylint: disable=import-outside-toplevel
    import subprocess  # pylint: disable=import-outside-toplevel
    import sys  # pylint: disable=import-outside-toplevel
    import textwrap  # pylint: disable=import-outside-toplevel
    from pathlib import Path  # pylint: disable=import-outside-toplevel

    probe = textwrap.dedent("""
        import importlib, json, sys
        from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder
        _AnsibleCollectionFinder(paths=[sys.argv[1]])._install()
        heavy = ("ssl", "http.client", "ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner",
                 "ansible_collections.herokuops.platform.plugins.module_utils.heroku_client")
        # What the worker has anyway: ansible-core's own action plugin (ansible-core 2.16's loads ssl with it).
        importlib.import_module("ansible.plugins.action.normal")
        before = [name for name in heavy if name in sys.modules]
        importlib.import_module("ansible_collections.herokuops.platform.plugins.action.heroku_request")
        plugin_loaded = [name for name in heavy if name in sys.modules]
        sys.modules["ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action"].in_process_runner()
        print(json.dumps([before, plugin_loaded, [name for name in heavy if name in sys.modules]]))
    """)
    collections_root = Path(heroku_action.__file__).parents[5]
    answer = subprocess.run([sys.executable, "-c", probe, str(collections_root)], capture_output=True, text=True, check=True)
    before, plugin_loaded, in_process = json.loads(answer.stdout)
    assert plugin_loaded == before and len(before) <= 1
    assert len(in_process) == 4
