"""meta/runtime.yml's action group and plugins/modules/ must list the same modules.

The group is what makes ``module_defaults: group/herokuops.platform.heroku``
reach a module; a module left out silently ignores the user's api_key/api_url.
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNTIME = REPO_ROOT / "meta" / "runtime.yml"
MODULES_DIR = REPO_ROOT / "plugins" / "modules"


def _runtime():
    with RUNTIME.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _module_names():
    return {p.stem for p in MODULES_DIR.glob("*.py") if p.name != "__init__.py" and not p.name.startswith("_")}


def test_requires_ansible():
    assert _runtime()["requires_ansible"] == ">=2.16.0"


def test_action_group_lists_every_module():
    group = _runtime()["action_groups"]["heroku"]
    missing = sorted(_module_names() - set(group))
    assert not missing, f"modules missing from action_groups.heroku in meta/runtime.yml: {', '.join(missing)}"


def test_action_group_names_only_existing_modules():
    group = _runtime()["action_groups"]["heroku"]
    unknown = sorted(set(group) - _module_names())
    assert not unknown, f"action_groups.heroku names modules with no file in plugins/modules/: {', '.join(unknown)}"


def test_action_group_has_no_duplicates_and_is_sorted():
    group = _runtime()["action_groups"]["heroku"]
    assert len(group) == len(set(group)), "action_groups.heroku lists a module twice"
    assert group == sorted(group), "keep action_groups.heroku sorted so merges stay simple"
