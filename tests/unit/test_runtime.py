"""meta/runtime.yml: the ansible-core versions claimed, and the action group kept sorted.

The group is what makes ``module_defaults: group/herokuops.platform.heroku``
reach a module; a module left out silently ignores the user's api_key/api_url.
That the group and plugins/modules/ list the same modules, each documenting the
herokuops.platform.heroku fragment, is antsibull-nox's action-groups check
(the extra-checks session, configured in antsibull-nox.toml).
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
RUNTIME = REPO_ROOT / "meta" / "runtime.yml"


def _runtime():
    with RUNTIME.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_requires_ansible():
    assert _runtime()["requires_ansible"] == ">=2.16.0"


def test_action_group_has_no_duplicates_and_is_sorted():
    group = _runtime()["action_groups"]["heroku"]
    assert len(group) == len(set(group)), "action_groups.heroku lists a module twice"
    assert group == sorted(group), "keep action_groups.heroku sorted so merges stay simple"
