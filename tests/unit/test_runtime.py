"""meta/runtime.yml: the ansible-core versions claimed, the action group, and the one action plugin.

The group is what makes ``module_defaults: group/herokuops.platform.heroku``
reach a module; a module left out silently ignores the user's api_key/api_url.
plugin_routing gives each module the action plugin plugins/action/heroku_request.py; a
module left out runs as a module even on the controller, ten times the CPU.
That the group and plugins/modules/ list the same modules, each documenting the
herokuops.platform.heroku fragment, is also antsibull-nox's action-groups check
(the extra-checks session, configured in antsibull-nox.toml).
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNTIME = REPO_ROOT / "meta" / "runtime.yml"
MODULES = sorted(path.stem for path in (REPO_ROOT / "plugins" / "modules").glob("*.py"))


def _runtime():
    with RUNTIME.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_requires_ansible():
    assert _runtime()["requires_ansible"] == ">=2.16.0"


def test_action_group_has_no_duplicates_and_is_sorted():
    group = _runtime()["action_groups"]["heroku"]
    assert len(group) == len(set(group)), "action_groups.heroku lists a module twice"
    assert group == sorted(group), "keep action_groups.heroku sorted so merges stay simple"


def test_the_group_names_every_module_and_nothing_else():
    assert _runtime()["action_groups"]["heroku"] == MODULES


def test_every_module_and_nothing_else_runs_through_the_one_action_plugin():
    routing = _runtime()["plugin_routing"]
    # An action redirect (ansible.netcommon's way) would resolve every module's module_defaults to the plugin's
    # name, so that the defaults of one module reach all of them; a module's action_plugin keeps them apart.
    assert set(routing) == {"modules"}
    assert sorted(routing["modules"]) == MODULES
    for name, entry in routing["modules"].items():
        assert entry == {"action_plugin": "herokuops.platform.heroku_request"}, name
    assert sorted(path.name for path in (REPO_ROOT / "plugins" / "action").glob("*.py")) == ["heroku_request.py"]
