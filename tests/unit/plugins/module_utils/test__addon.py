# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_addon through the runner: its input checks, and the create body it sends."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._addon import HEROKU_ADDON
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge


class AddonClient:
    """An app with no add-on yet: creating one answers it provisioned, attached as the body says; records what is
    sent."""

    def __init__(self):
        self.sent = []
        self.writes_sent = 0
        self.attachments = []

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return None

    def list(self, path):
        self.sent.append(("GET", path))
        return self.attachments if path == "/apps/acme-web/addon-attachments" else []

    def post(self, path, body):
        self.sent.append(("POST", path, copy.deepcopy(body)))
        self.writes_sent += 1
        self.attachments.append(dict(name=body.get("attachment", {}).get("name", "REDIS"), namespace=None,
                                     addon=dict(id="a-1", name=body.get("name") or "redis-round-12345")))
        return dict(id="a-1", name=body.get("name") or "redis-round-12345", app=dict(name="acme-web", id="app-1"),
                    addon_service=dict(name=body["plan"].split(":")[0]), plan=dict(name=body["plan"]), state="provisioned")


def run(client, check_mode=False, **options):
    params = dict((option, spec.get("default")) for option, spec in HEROKU_ADDON.argument_spec.items())
    params.update(app="acme-web", **options)
    return converge(HEROKU_ADDON.spec, Task(params=params, connect=lambda: client, check_mode=check_mode))


@pytest.mark.parametrize("options, message, option", [
    (dict(plan="Not A Plan!"), "plan='Not A Plan!' is not an add-on plan: use service:plan (heroku-postgresql:essential-0) "
                               "or a service (heroku-redis).", "plan"),
    (dict(), "plan is required with state=present: name the service:plan to provision.", "plan"),
    (dict(name="acme-db"), "plan is required with state=present: name the service:plan to provision.", "plan"),
    (dict(state="absent"), "one of name or plan is required to find the add-on.", "name"),
    (dict(plan="heroku-redis", attachment_name="MY-CACHE"),
     "attachment_name='MY-CACHE' must start with a letter and hold only letters, digits and underscores, like DATABASE.",
     "attachment_name"),
    (dict(plan="heroku-redis", config={"fork": {"url": "redis://u:secret@h"}}),
     "config.fork must be a string, a number or a boolean, not a dict.", "config"),
])
def test_bad_input_fails_naming_the_option_before_any_request(options, message, option):
    client = AddonClient()
    with pytest.raises(HerokuInputError) as raised:
        run(client, **options)
    assert (str(raised.value), raised.value.option) == (message, option) and client.sent == []


@pytest.mark.parametrize("options, body", [
    (dict(plan="heroku-redis"), {"plan": "heroku-redis"}),
    (dict(plan="heroku-postgresql:essential-0", name="acme-db", attachment_name="PRIMARY",
          config={"fork": "postgres://u:secret@h/db", "version": 16, "follow": True}),
     {"plan": "heroku-postgresql:essential-0", "name": "acme-db", "attachment": {"name": "PRIMARY"},
      "config": {"fork": "postgres://u:secret@h/db", "version": "16", "follow": "true"}}),
])
def test_a_creation_sends_the_options_set_with_config_values_as_strings(options, body):
    client = AddonClient()
    result = run(client, wait=False, **options)
    assert [sent for sent in client.sent if sent[0] != "GET"] == [("POST", "/apps/acme-web/addons", body)]
    assert result["changed"] and "secret" not in repr(result)
    # The attachment name, when set, is read back once: as created, no change to make.
    after = client.sent[[sent[0] for sent in client.sent].index("POST") + 1:]
    assert after == ([("GET", "/apps/acme-web/addon-attachments")] if "attachment_name" in options else [])
    assert result["heroku_addon"].get("attachment_name") == options.get("attachment_name")
