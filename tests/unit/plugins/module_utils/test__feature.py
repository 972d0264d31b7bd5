# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What heroku_feature and heroku_app's features share: the check of a feature's name and state, where it
is read and switched, and how an unknown feature is told from an unknown app."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._feature import (
    feature_path, feature_state, lookup, select, switch,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError

# (name, enabled, within, the state or the message and the option it names)
STATES = [
    ("preboot", True, None, True),
    ("preboot", "yes", None, True),
    ("preboot", "off", "features", False),
    ("preboot", 0, None, False),
    ("preboot", "maybe", None, ("enabled='maybe' is not a boolean", "enabled")),
    ("preboot", "maybe", "features", ("features.preboot='maybe' is not a boolean", "features")),
    ("../x", True, None, ("name='../x' is not a valid feature name", "name")),
    ("../x", True, "features", ("features.../x='../x' is not a valid feature name", "features.../x")),
    ("Preboot", True, None, ("name='Preboot' is not a valid feature name", "name")),
]


@pytest.mark.parametrize("name, enabled, within, expected", STATES)
def test_feature_state(name, enabled, within, expected):
    if isinstance(expected, tuple):
        with pytest.raises(HerokuInputError) as caught:
            feature_state(name, enabled, within=within)
        assert str(caught.value).startswith(expected[0]) and caught.value.option == expected[1]
    else:
        assert feature_state(name, enabled, within=within) is expected


def test_a_feature_is_the_apps_with_an_app_and_the_accounts_without():
    assert feature_path("acme-web", "preboot") == "/apps/acme-web/features/preboot"
    assert feature_path(None, "app-overview") == "/account/features/app-overview"
    assert switch(None, "app-overview", False) == ("PATCH", "/account/features/app-overview", {"enabled": False})


class Client:
    def __init__(self, found):
        self.found = found
        self.sent = []

    def get_or_none(self, path):
        self.sent.append(path)
        return self.found.get(path)


# (app, what Heroku holds, the message, the reads sent)
MISSING = [
    ("acme-web", {"/apps/acme-web": {"id": "1"}}, "Feature nope was not found on app acme-web",
     ["/apps/acme-web/features/nope", "/apps/acme-web"]),
    ("acme-nope", {}, "App acme-nope was not found, so its feature nope cannot be set.",
     ["/apps/acme-nope/features/nope", "/apps/acme-nope"]),
    (None, {}, "Account feature nope was not found", ["/account/features/nope"]),
]


@pytest.mark.parametrize("app, found, message, sent", MISSING)
def test_an_unknown_feature_is_told_from_an_unknown_app(app, found, message, sent):
    client = Client(found)
    with pytest.raises(HerokuStateError) as caught:
        lookup(client, dict(app=app, name="nope"))
    assert str(caught.value).startswith(message) and client.sent == sent


def test_a_known_feature_is_one_read():
    client = Client({"/apps/acme-web/features/preboot": {"name": "preboot", "enabled": False}})
    assert lookup(client, dict(app="acme-web", name="preboot"))["name"] == "preboot"
    assert client.sent == ["/apps/acme-web/features/preboot"]


FEATURES = [dict(name=name) for name in ("preboot", "http-session-affinity", "runtime-dyno-metadata")]


@pytest.mark.parametrize("args, expected", [
    (dict(app="acme-web"), FEATURES),
    (dict(app="acme-web", name="preboot"), FEATURES[:1]),
    (dict(app="acme-web", name="prebot"), "name=prebot: app acme-web has no feature prebot. Nearest: preboot."),
    (dict(app="acme-web", name="x"), "name=x: app acme-web has no feature x. Without name"),
    (dict(name="preboot-x"), "name=preboot-x: the account has no feature preboot-x. Nearest: preboot. For an app's"),
])
def test_info_picks_the_feature_named_or_fails_naming_the_nearest(args, expected):
    params = dict(dict(app=None, name=None), **args)
    if isinstance(expected, str):
        with pytest.raises(HerokuInputError, match="^" + expected.replace(".", r"\.")) as caught:
            select(FEATURES, params, {})
        assert caught.value.option == "name"
    else:
        assert select(FEATURES, params, {}) == expected
