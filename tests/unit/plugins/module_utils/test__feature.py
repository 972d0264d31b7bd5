# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_feature: where a feature is read and switched, and how an unknown feature is told from an unknown app."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._feature import (
    FEATURE, HEROKU_FEATURE_INFO,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge, read_info


class Client:
    """Features and apps in memory, by path; records what it was sent."""

    def __init__(self, found):
        self.found = found
        self.sent = []
        self.writes_sent = 0

    def get_or_none(self, path):
        self.sent.append(path)
        return self.found.get(path)

    def list_or_none(self, path, **options):
        self.sent.append(path)
        return self.found.get(path)

    def list(self, path, **options):
        return self.list_or_none(path, **options)

    def request(self, method, path, body=None):
        self.sent.append((method, path, body))
        self.writes_sent += 1
        return dict(self.found[path], **body)


def converge_feature(client, **params):
    task = Task(params=dict(dict(app=None, name="preboot", enabled=True), **params), connect=lambda: client)
    return converge(FEATURE, task)


def test_a_feature_is_the_apps_with_an_app_and_the_accounts_without():
    client = Client({"/apps/acme-web/features/preboot": dict(name="preboot", enabled=False),
                     "/account/features/app-overview": dict(name="app-overview", enabled=True)})
    assert converge_feature(client, app="acme-web")["heroku_feature"]["enabled"] is True
    assert converge_feature(client, name="app-overview", enabled=False)["heroku_feature"]["app"] is None
    assert client.sent == [
        "/apps/acme-web/features/preboot", ("PATCH", "/apps/acme-web/features/preboot", {"enabled": True}),
        "/account/features/app-overview", ("PATCH", "/account/features/app-overview", {"enabled": False})]


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
        converge_feature(client, app=app, name="nope")
    assert str(caught.value).startswith(message) and client.sent == sent


def test_a_known_feature_is_one_read():
    client = Client({"/apps/acme-web/features/preboot": {"name": "preboot", "enabled": True}})
    assert converge_feature(client, app="acme-web")["heroku_feature"]["name"] == "preboot"
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
    client = Client({"/apps/acme-web/features": FEATURES, "/account/features": FEATURES})
    task = Task(params=params, connect=lambda: client)
    if isinstance(expected, str):
        with pytest.raises(HerokuInputError, match="^" + expected.replace(".", r"\.")) as caught:
            read_info(HEROKU_FEATURE_INFO.spec, task)
        assert caught.value.option == "name"
    else:
        assert [item["name"] for item in read_info(HEROKU_FEATURE_INFO.spec, task)["heroku_feature_info"]] == [
            item["name"] for item in expected]
    assert len(client.sent) == 1
