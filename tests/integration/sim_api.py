# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What integration tests use to set up and check the simulator's state over its real HTTP API.

These requests show in ``sim.requests`` like any client's: call ``sim.clear_requests()``
after setting up, before the playbook run whose requests a test counts.
"""

import requests

API_KEY = "test-api-key"


def api(sim, method, path, body=None, headers=None):
    """``(status, json)`` of one request to the simulator, authenticated as the tests' account."""
    response = requests.request(method, sim.url + path, json=body, headers=dict({
        "Accept": "application/vnd.heroku+json; version=3", "Authorization": "Bearer " + API_KEY}, **(headers or {})))
    return response.status_code, (response.json() if response.content else None)


def calls(sim):
    """The (method, path) of every request the simulator logged, in order."""
    return [(request["method"], request["path"]) for request in sim.requests]
