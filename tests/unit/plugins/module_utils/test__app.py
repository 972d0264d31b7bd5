# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_app's input through the runner: the rules between its options and its features as switches."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._app import HEROKU_APP
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge


class NoApps:
    """Heroku without the app: every read is a 404."""

    def __init__(self):
        self.sent = []
        self.writes_sent = 0

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return None


def run(client, **options):
    params = dict((option, None) for option in HEROKU_APP.argument_spec)
    params.update(name="acme-web", state="present", **options)
    return converge(HEROKU_APP.spec, Task(params=params, connect=lambda: client, check_mode=True))


@pytest.mark.parametrize("options, message, option", [
    (dict(space="acme-space"), "space requires team: apps in a Private Space belong to the space's team.", "space"),
    (dict(personal=True, team="acme"), "personal and team are mutually exclusive: a personal app has no team.", "personal"),
    (dict(features={"preboot": "maybe"}),
     "features.preboot='maybe' is not a boolean: use true to enable the feature, false to disable it.", "features"),
    (dict(features={"Preboot": True}), "features.Preboot='Preboot' is not a valid feature name", "features.Preboot"),
])
def test_bad_input_fails_naming_the_option_before_any_request(options, message, option):
    client = NoApps()
    with pytest.raises(HerokuInputError) as raised:
        run(client, **options)
    assert str(raised.value).startswith(message) and raised.value.option == option
    assert client.sent == []


def test_personal_false_goes_with_a_team_and_features_read_as_ansible_reads_booleans():
    client = NoApps()
    result = run(client, personal=False, team="acme", features={"preboot": "yes", "log-runtime-metrics": 0})
    assert result["changed"] and client.sent == [("GET", "/apps/acme-web")]
    assert result["heroku_app"]["team"] == "acme"
    assert result["heroku_app"]["features"] == {"preboot": True, "log-runtime-metrics": False}
