# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuAPIError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    MASK,
    Field,
    HerokuResource,
    mask_diff,
    merge,
    partial_changes,
)


class Exit(Exception):
    pass


class Fail(Exception):
    pass


class FakeModule:
    def __init__(self, params, check_mode=False, diff=False, client=None):
        self.params = params
        self.check_mode = check_mode
        self._diff = diff
        self._client = client

    def client(self):
        return self._client

    def exit_json(self, **kwargs):
        raise Exit(kwargs)

    def fail_json(self, msg, **kwargs):
        raise Fail(dict(msg=msg, **kwargs))

    def fail_from(self, exc, **kwargs):
        failure = exc.as_failure() if isinstance(exc, HerokuAPIError) else None
        raise Fail(dict(msg=str(exc), failure=failure))


class FakeClient:
    """A one-resource API in memory that records what it was sent."""

    def __init__(self, widgets=None, tags=None):
        self.widgets = copy.deepcopy(widgets or {})
        self.tags = dict(tags or {})
        self.sent = []
        self.writes_sent = 0

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        ident = path.rsplit("/", 1)[1]
        widget = self.widgets.get(ident) or next((w for w in self.widgets.values() if w["id"] == ident), None)
        return copy.deepcopy(widget)

    def get(self, path):
        return self.get_or_none(path)

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        widget = dict(id="w-" + body["name"], name=body["name"], size=body.get("size", "small"),
                      zone={"name": body.get("zone", "z1")}, state="ready")
        self.widgets[body["name"]] = widget
        return copy.deepcopy(widget)

    def patch(self, path, body):
        self.sent.append(("PATCH", path, body))
        widget = next(w for w in self.widgets.values() if w["id"] == path.rsplit("/", 1)[1])
        widget.update(body)
        return copy.deepcopy(widget)

    def delete(self, path):
        self.sent.append(("DELETE", path))
        widget = next(w for w in self.widgets.values() if w["id"] == path.rsplit("/", 1)[1])
        del self.widgets[widget["name"]]

    def list_tags(self, widget_id):
        self.sent.append(("GET", "/widgets/%s/tags" % widget_id))
        return dict(self.tags)

    def put_tags(self, widget_id, tags):
        self.sent.append(("PUT", "/widgets/%s/tags" % widget_id, tags))
        self.tags = dict(tags)

    def writes(self):
        return [request for request in self.sent if request[0] != "GET"]


class Widget(HerokuResource):
    result_key = "widget"
    noun = "widget"
    fields = (
        Field("size"),
        Field("zone", immutable="create a new widget in the other zone."),
        Field("secret_note"),
    )
    sections = ("tags",)
    secret_options = ("secret_note",)
    returned = dict(id=("id",), name=("name",), size=("size",), zone=("zone", "name"), secret_note=("secret_note",))

    def item_path(self, rep=None):
        return "/widgets/%s" % (rep["id"] if rep else self.params["name"])

    def create_path(self):
        return "/widgets"

    def create_body(self, desired):
        body = super(Widget, self).create_body(desired)
        body["name"] = self.params["name"]
        return body

    def read_tags(self, rep):
        return self.client.list_tags(rep["id"])

    def write_tags(self, rep, before, after):
        self.client.put_tags(rep["id"], merge(self.client.tags, after))


EXISTING = {"web": dict(id="w-web", name="web", size="small", zone={"name": "z1"}, secret_note=None, state="ready")}


def run(params, widgets=None, tags=None, check_mode=False, diff=True):
    defaults = dict(name="web", state="present", size=None, zone=None, secret_note=None, tags=None)
    defaults.update(params)
    client = FakeClient(widgets, tags)
    module = FakeModule(defaults, check_mode=check_mode, diff=diff, client=client)
    with pytest.raises((Exit, Fail)) as raised:
        Widget(module).run()
    outcome = raised.value.args[0]
    outcome["_failed"] = isinstance(raised.value, Fail)
    return outcome, client


def test_create_sends_one_post_with_the_fields_the_user_set():
    result, client = run(dict(name="api", size="large", zone="z2"))
    assert client.writes() == [("POST", "/widgets", {"name": "api", "size": "large", "zone": "z2"})]
    assert result["changed"] is True
    assert result["widget"]["id"] == "w-api" and result["widget"]["size"] == "large"
    assert result["diff"] == dict(before={}, after=result["widget"])


def test_create_in_check_mode_sends_no_write_and_predicts_the_result():
    result, client = run(dict(name="api", size="large"), check_mode=True)
    assert client.writes() == []
    assert result["changed"] is True
    assert result["widget"] == dict(id=None, name="api", size="large", zone=None, secret_note=None)


def test_update_sends_one_patch_with_only_the_changed_fields():
    result, client = run(dict(size="large", zone="z1"), widgets=EXISTING)
    assert client.writes() == [("PATCH", "/widgets/w-web", {"size": "large"})]
    assert result["changed"] is True
    assert result["diff"] == dict(before={"size": "small"}, after={"size": "large"})
    assert result["widget"]["size"] == "large"


def test_update_in_check_mode_sends_no_write_and_reports_the_same_diff():
    result, client = run(dict(size="large"), widgets=EXISTING, check_mode=True)
    assert client.writes() == []
    assert result["changed"] is True
    assert result["diff"] == dict(before={"size": "small"}, after={"size": "large"})
    assert result["widget"]["size"] == "large"


def test_no_change_sends_one_read_and_no_write():
    result, client = run(dict(size="small", zone="z1"), widgets=EXISTING)
    assert client.sent == [("GET", "/widgets/web")]
    assert result["changed"] is False
    assert result["diff"] == dict(before={}, after={})


def test_options_left_unset_are_not_compared():
    result, client = run(dict(), widgets=EXISTING)
    assert result["changed"] is False and client.writes() == []


def test_immutable_field_fails_with_what_to_do_and_writes_nothing():
    result, client = run(dict(zone="z9", size="large"), widgets=EXISTING)
    assert result["_failed"]
    assert result["msg"] == ("Cannot change zone of widget web from 'z1' to 'z9' in place: "
                             "create a new widget in the other zone.")
    assert client.writes() == []


def test_absent_deletes_and_reports_what_was_there():
    result, client = run(dict(state="absent"), widgets=EXISTING)
    assert client.writes() == [("DELETE", "/widgets/w-web")]
    assert result["changed"] is True
    assert result["diff"]["before"]["name"] == "web" and result["diff"]["after"] == {}
    assert result["widget"] == {}


def test_absent_in_check_mode_sends_no_delete():
    result, client = run(dict(state="absent"), widgets=EXISTING, check_mode=True)
    assert client.writes() == [] and result["changed"] is True


def test_already_absent_is_one_read_and_no_change():
    result, client = run(dict(state="absent"))
    assert client.sent == [("GET", "/widgets/web")]
    assert result["changed"] is False


def test_diff_is_only_attached_when_asked():
    result, _client = run(dict(size="large"), widgets=EXISTING, diff=False)
    assert "diff" not in result and result["changed"] is True


def test_sections_are_read_only_when_set_and_compared_key_by_key():
    result, client = run(dict(tags={"team": "ops"}), widgets=EXISTING, tags={"team": "ops", "cost": "1"})
    assert client.sent == [("GET", "/widgets/web"), ("GET", "/widgets/w-web/tags")]
    assert result["changed"] is False

    result, client = run(dict(tags={"team": "web", "cost": None}), widgets=EXISTING, tags={"team": "ops", "cost": "1"})
    assert client.writes() == [("PUT", "/widgets/w-web/tags", {"team": "web"})]
    assert result["diff"] == dict(before={"tags": {"team": "ops", "cost": "1"}}, after={"tags": {"team": "web", "cost": None}})
    assert result["widget"]["tags"] == {"team": "web"}
    # The section is not read again after the write: its new value is what was written.
    assert client.sent.count(("GET", "/widgets/w-web/tags")) == 1


def test_secret_values_are_masked_in_result_and_diff():
    result, _client = run(dict(secret_note="hunter2"), widgets=EXISTING)
    assert "hunter2" not in repr(result)
    assert result["widget"]["secret_note"] == MASK
    assert result["diff"] == dict(before={"secret_note": None}, after={"secret_note": MASK + " (added)"})


def test_show_values_reveals_secret_values():
    result, _client = run(dict(secret_note="hunter2", show_values=True), widgets=EXISTING)
    assert result["widget"]["secret_note"] == "hunter2"
    assert result["diff"]["after"] == {"secret_note": "hunter2"}


def test_mask_diff_tells_added_changed_and_removed_keys_apart():
    before = {"staging": {"A": "old", "GONE": "x"}}
    after = {"staging": {"A": "new", "NEW": "y", "GONE": None}, "production": {"B": "z"}}
    assert mask_diff(before, after) == (
        {"staging": {"A": MASK, "GONE": MASK}},
        {"staging": {"A": MASK + " (changed)", "NEW": MASK + " (added)", "GONE": None}, "production": {"B": MASK + " (added)"}},
    )


def test_changed_always_agrees_with_the_diff():
    for params in (dict(size="small"), dict(size="large"), dict(tags={"team": "ops"}), dict(tags={"x": "1"})):
        result, _client = run(params, widgets=EXISTING, tags={"team": "ops"})
        assert result["changed"] == (result["diff"]["before"] != result["diff"]["after"])


def test_partial_changes_and_merge():
    assert partial_changes("a", "a") is None
    assert partial_changes("b", "a") == ("a", "b")
    assert partial_changes({"x": 1}, {"x": 1, "y": 2}) is None
    assert partial_changes({"x": 2}, {"x": 1, "y": 2}) == ({"x": 1}, {"x": 2})
    assert partial_changes({"y": None}, {"x": 1, "y": 2}) == ({"y": 2}, {"y": None})
    assert partial_changes({"z": None}, {"x": 1}) is None
    assert partial_changes(["a", "b"], ["b", "a"]) == (["b", "a"], ["a", "b"])
    assert merge({"x": 1, "y": 2}, {"y": None, "z": 3}) == {"x": 1, "z": 3}


class Provisioned(Widget):
    """A widget that, like an add-on, takes a while to become ready."""

    def is_ready(self, rep):
        return rep.get("state") == "ready"

    def is_failed(self, rep):
        return rep.get("state") == "gone"

    def wait_timeout(self):
        return 60


class SlowClient(FakeClient):
    def __init__(self, states):
        super(SlowClient, self).__init__()
        self.states = list(states)

    def post(self, path, body):
        widget = super(SlowClient, self).post(path, body)
        widget["state"] = self.widgets[body["name"]]["state"] = self.states.pop(0)
        return widget

    def get_or_none(self, path):
        widget = super(SlowClient, self).get_or_none(path)
        if widget and path.endswith("/" + widget["id"]) and self.states:
            widget["state"] = self.widgets[widget["name"]]["state"] = self.states.pop(0)
        return widget


def run_slow(states, wait=True, check_mode=False, monkeypatch=None):
    sleeps = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    client = SlowClient(states)
    params = dict(name="api", state="present", size=None, zone=None, secret_note=None, tags=None, wait=wait)
    module = FakeModule(params, check_mode=check_mode, client=client)
    with pytest.raises((Exit, Fail)) as raised:
        Provisioned(module).run()
    return raised.value, client, sleeps


def test_waits_with_backoff_until_ready(monkeypatch):
    outcome, client, sleeps = run_slow(["pending", "pending", "pending", "ready"], monkeypatch=monkeypatch)
    assert isinstance(outcome, Exit)
    assert outcome.args[0]["widget"]["name"] == "api"
    # The creation answers "pending"; then three polls: pending, pending, ready.
    assert sleeps == [1.0, 2.0]
    assert client.sent.count(("GET", "/widgets/w-api")) == 3


def test_does_not_wait_when_told_not_to_or_in_check_mode(monkeypatch):
    outcome, client, sleeps = run_slow(["pending"], wait=False, monkeypatch=monkeypatch)
    assert isinstance(outcome, Exit) and sleeps == []
    outcome, client, sleeps = run_slow(["pending"], check_mode=True, monkeypatch=monkeypatch)
    assert isinstance(outcome, Exit) and sleeps == [] and client.writes() == []


def test_a_failed_state_fails_at_once_with_the_state(monkeypatch):
    outcome, _client, sleeps = run_slow(["pending", "pending", "gone"], monkeypatch=monkeypatch)
    assert isinstance(outcome, Fail)
    assert outcome.args[0]["msg"] == "widget api failed; last seen state: gone"
    assert sleeps == [1.0]


class FilterClient:
    """Answers POST /filters/apps from a list of apps, recording each query."""

    def __init__(self, apps):
        self.apps = apps
        self.queries = []

    def list(self, path, query=None):
        self.queries.append((path, query))
        return [app for app in self.apps if app["id"] in query["in"]["id"]]


def test_app_names_names_every_id_in_one_request_and_keeps_an_unknown_id_as_is():
    client = FilterClient([{"id": "a-1", "name": "shop-web"}, {"id": "a-2", "name": "shop-staging"}])
    widget = Widget(FakeModule({}, client=client))
    assert widget.app_names(iter(["a-2", "a-1", "a-2", "gone"])) == {"a-1": "shop-web", "a-2": "shop-staging", "gone": "gone"}
    assert client.queries == [("/filters/apps", {"in": {"id": ["a-1", "a-2", "gone"]}})]
    assert widget.app_names([]) == {} and len(client.queries) == 1
