# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The converge runner, as a table, on a made-up resource: a widget with a size, an immutable zone,
a secret note, a rename, a section of tags at its own endpoint, and states to wait through."""

from __future__ import annotations

import copy

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_client
from ansible_collections.herokuops.platform.plugins.module_utils._pipeline import app_names
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    MASK,
    HerokuError,
    HerokuInputError,
    HerokuStateError,
    api_path,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import Task, converge, failure, operate, read_info
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import replace
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    CONFIG_VALUES,
    Differs,
    Excludes,
    Field,
    Info,
    Nested,
    OnlyWith,
    Operation,
    Paths,
    Plan,
    Read,
    Request,
    RequiredWith,
    Route,
    Resource,
    Section,
    Source,
    STRING_VALUES,
    SWITCHES,
    items_with,
    mapping_of,
    objects_of,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import (
    Param, ip_block, ip_ranges, mask_diff, merge, partial_changes,
)


class FakeClient:
    """A one-resource API in memory that records what it was sent; ``states`` are what each read of a widget shows next."""

    def __init__(self, widgets=None, tags=None, states=()):
        self.widgets = copy.deepcopy(widgets or {})
        self.tags = dict(tags or {})
        self.states = list(states)
        self.sent = []
        self.writes_sent = 0

    def _find(self, ident):
        return self.widgets.get(ident) or next((w for w in self.widgets.values() if w["id"] == ident), None)

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        widget = self._find(path.rsplit("/", 1)[1])
        if widget and self.states and path.endswith("/" + widget["id"]):
            widget["state"] = self.states.pop(0)
        return copy.deepcopy(widget)

    def get(self, path):
        return self.get_or_none(path)

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        self.writes_sent += 1
        widget = dict(id="w-" + body["name"], name=body["name"], size=body.get("size", "small"),
                      zone={"name": body.get("zone", "z1")}, secret_note=body.get("secret_note"),
                      state=self.states.pop(0) if self.states else "ready")
        self.widgets[body["name"]] = widget
        return copy.deepcopy(widget)

    def patch(self, path, body):
        self.sent.append(("PATCH", path, body))
        self.writes_sent += 1
        widget = self._find(path.rsplit("/", 1)[1])
        if "name" in body:
            self.widgets[body["name"]] = self.widgets.pop(widget["name"])
        widget.update(body)
        return copy.deepcopy(widget)

    def request(self, method, path, body=None):
        # The runner sends its writes as (method, path, body), as HerokuClient.request takes them.
        return getattr(self, method.lower())(path, body) if body is not None else getattr(self, method.lower())(path)

    def delete(self, path):
        self.sent.append(("DELETE", path))
        self.writes_sent += 1
        del self.widgets[self._find(path.rsplit("/", 1)[1])["name"]]

    def list_tags(self, widget_id):
        self.sent.append(("GET", "/widgets/%s/tags" % widget_id))
        return dict(self.tags)

    def put_tags(self, widget_id, tags):
        self.sent.append(("PUT", "/widgets/%s/tags" % widget_id, tags))
        self.writes_sent += 1
        self.tags = dict(tags)

    def writes(self):
        return [request for request in self.sent if request[0] != "GET"]


WIDGET = Resource(
    noun="widget",
    result_key="widget",
    returned=dict(id=("id",), name=("name",), size=("size",), zone=("zone", "name"), secret_note=("secret_note",)),
    paths=Paths(item="/widgets/{id}", create="/widgets"),
    identity="name",
    rename="new_name",
    fields=(
        Field("new_name", key="name", body_key="name", create=False),
        Field("size"),
        Field("zone", immutable="create a new widget in the other zone."),
        Field("secret_note", secret=True),
    ),
    sections=(Section("tags", lambda client, rep, params: client.list_tags(rep["id"]),
                      lambda client, rep, before, after, params, context: client.put_tags(rep["id"], merge(client.tags, after))),),
    names=dict(name=("app", True)),
    reveal="show_values",
    ready_states=("ready",),
    failed_states=("gone",),
    wait="wait",
    wait_timeout="wait_timeout",
)

EXISTING = {"web": dict(id="w-web", name="web", size="small", zone={"name": "z1"}, secret_note=None, state="ready")}


def run(params, widgets=None, tags=None, states=(), check_mode=False, diff=True, spec=WIDGET):
    """``(result or failure, client)``: a failure is the dict the module would report, with ``failed``."""
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=None,
                show_values=False, wait=True, wait_timeout=60)
    full.update(params)
    client = FakeClient(widgets, tags, states)
    task = Task(params=full, connect=lambda: client, check_mode=check_mode, diff=diff)
    try:
        return converge(spec, task), client
    except HerokuError as exc:
        return dict(failure(exc, task), failed=True), client


# (what, params, existing, check mode, the requests sent, changed, diff)
TABLE = [
    ("create sends one POST with the fields the user set",
     dict(name="api", size="large", zone="z2"), {}, False,
     [("GET", "/widgets/api"), ("POST", "/widgets", {"name": "api", "size": "large", "zone": "z2"})],
     True, None),
    ("create in check mode sends no write",
     dict(name="api", size="large"), {}, True, [("GET", "/widgets/api")], True, None),
    ("update sends one PATCH with only the changed fields",
     dict(size="large", zone="z1"), EXISTING, False,
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"size": "large"})],
     True, dict(before={"size": "small"}, after={"size": "large"})),
    ("update in check mode sends no write and reports the same diff",
     dict(size="large"), EXISTING, True, [("GET", "/widgets/web")],
     True, dict(before={"size": "small"}, after={"size": "large"})),
    ("no change sends one read",
     dict(size="small", zone="z1"), EXISTING, False, [("GET", "/widgets/web")], False, dict(before={}, after={})),
    ("options left unset are not compared",
     dict(), EXISTING, False, [("GET", "/widgets/web")], False, dict(before={}, after={})),
    ("a rename is one PATCH, keyed in the diff like the result",
     dict(new_name="www"), EXISTING, False,
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"name": "www"})],
     True, dict(before={"name": "web"}, after={"name": "www"})),
    ("a rename an earlier run did is found under the new name",
     dict(name="old", new_name="web"), EXISTING, False,
     [("GET", "/widgets/old"), ("GET", "/widgets/web")], False, dict(before={}, after={})),
    ("a field and a section: one PATCH and one write for the section",
     dict(size="large", tags={"team": "web"}), EXISTING, False,
     [("GET", "/widgets/web"), ("GET", "/widgets/w-web/tags"), ("PATCH", "/widgets/w-web", {"size": "large"}),
      ("PUT", "/widgets/w-web/tags", {"team": "web"})],
     True, dict(before={"size": "small", "tags": {"team": None}}, after={"size": "large", "tags": {"team": "web"}})),
    ("absent deletes by id",
     dict(state="absent"), EXISTING, False, [("GET", "/widgets/web"), ("DELETE", "/widgets/w-web")], True, None),
    ("absent in check mode sends no delete",
     dict(state="absent"), EXISTING, True, [("GET", "/widgets/web")], True, None),
    ("already absent is one read and no change",
     dict(state="absent"), {}, False, [("GET", "/widgets/web")], False, dict(before={}, after={})),
]


@pytest.mark.parametrize("what, params, existing, check_mode, sent, changed, diff", TABLE, ids=[row[0] for row in TABLE])
def test_converge(what, params, existing, check_mode, sent, changed, diff):
    result, client = run(params, widgets=existing, check_mode=check_mode)
    assert client.sent == sent
    assert result["changed"] is changed
    if diff is not None:
        assert result["diff"] == diff
    # changed always agrees with the diff
    assert result["changed"] == (result["diff"]["before"] != result["diff"]["after"])


def test_create_returns_the_new_resource_and_check_mode_predicts_it():
    result, _client = run(dict(name="api", size="large", zone="z2"))
    assert result["widget"]["id"] == "w-api" and result["widget"]["size"] == "large"
    assert result["diff"] == dict(before={}, after=result["widget"])
    result, _client = run(dict(name="api", size="large"), check_mode=True)
    assert result["widget"] == dict(id=None, name="api", size="large", zone=None, secret_note=None)


def test_update_in_check_mode_predicts_the_result():
    result, _client = run(dict(size="large"), widgets=EXISTING, check_mode=True)
    assert result["widget"]["size"] == "large"


def test_an_immutable_field_fails_with_what_to_do_and_writes_nothing():
    for check_mode in (False, True):
        result, client = run(dict(zone="z9", size="large"), widgets=EXISTING, check_mode=check_mode)
        assert result["failed"] and result["changed"] is False
        assert result["msg"] == ("Cannot change zone of widget web from 'z1' to 'z9' in place: "
                                 "create a new widget in the other zone.")
        assert client.writes() == []


def test_absent_reports_what_was_there():
    result, _client = run(dict(state="absent"), widgets=EXISTING)
    assert result["diff"]["before"]["name"] == "web" and result["diff"]["after"] == {}
    assert result["widget"] == {}


def test_the_diff_is_only_attached_when_asked():
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


def test_a_section_write_that_returns_the_resource_read_again_is_what_the_result_shows():
    def write(client, rep, before, after, params, context):
        client.put_tags(rep["id"], after)
        # The change shows in the resource itself (an add-on's config vars after a new attachment name).
        return dict(rep, size="tagged")

    spec = variant(sections=(Section("tags", WIDGET.sections[0].read, write),))
    result, client = run(dict(tags={"team": "web"}), widgets=EXISTING, tags={"team": "ops"}, spec=spec)
    assert client.writes() == [("PUT", "/widgets/w-web/tags", {"team": "web"})]
    assert result["widget"]["size"] == "tagged" and result["widget"]["tags"] == {"team": "web"}
    # None (the usual writer): the resource as it was before the write.
    result, _client = run(dict(tags={"team": "web"}), widgets=EXISTING, tags={"team": "ops"})
    assert result["widget"]["size"] == "small"


@pytest.mark.parametrize("check_mode", [False, True])
def test_secret_values_are_masked_in_result_and_diff(check_mode):
    result, _client = run(dict(secret_note="hunter2"), widgets=EXISTING, check_mode=check_mode)
    assert "hunter2" not in repr(result)
    assert result["widget"]["secret_note"] == MASK
    assert result["diff"] == dict(before={"secret_note": None}, after={"secret_note": MASK + " (added)"})


def test_a_true_or_false_among_secret_values_is_no_secret():
    """Config values are secrets, but a boolean one (or the text of one) is no secret: before ansible-core 2.19,
    Ansible's masking turns every boolean of a result whose text is a secret into a string, and ``changed: false``
    then reads as a change."""
    from ansible_collections.herokuops.platform.plugins.module_utils._config import HEROKU_CONFIG  # pylint: disable=import-outside-toplevel
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import task_secrets  # pylint: disable=import-outside-toplevel

    secrets = task_secrets(HEROKU_CONFIG.spec, dict(config={
        "DEBUG": False, "CACHE": True, "QUOTED": "False", "WORKERS": 1000, "KEY": "s3cret-value"}))
    assert {"1000", "s3cret-value"} <= secrets
    assert not secrets & {"True", "False", "None"}


def test_show_values_reveals_secret_values():
    result, _client = run(dict(secret_note="hunter2", show_values=True), widgets=EXISTING)
    assert result["widget"]["secret_note"] == "hunter2"
    assert result["diff"]["after"] == {"secret_note": "hunter2"}


def test_a_missing_resource_that_cannot_be_created_fails_naming_it():
    spec = Resource(noun="widget", result_key="widget", returned=WIDGET.returned, paths=WIDGET.paths,
                    identity="name", creatable=False)
    result, client = run(dict(size="large"), spec=spec)
    assert result["failed"] and result["msg"] == "Widget web was not found."
    assert client.writes() == []


def test_names_are_checked_before_any_request():
    result, client = run(dict(name="../x"))
    assert result["failed"] and result["msg"].startswith("name='../x' is not a valid app name")
    assert client.sent == []


def test_waits_with_backoff_until_ready(monkeypatch):
    sleeps = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    # The creation answers "pending"; then three polls: pending, pending, ready.
    result, client = run(dict(name="api"), states=["pending", "pending", "pending", "ready"])
    assert result["widget"]["name"] == "api" and not result.get("failed")
    assert sleeps == [1.0, 2.0]
    assert client.sent.count(("GET", "/widgets/w-api")) == 3


def test_does_not_wait_when_told_not_to_or_in_check_mode(monkeypatch):
    sleeps = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    result, _client = run(dict(name="api", wait=False), states=["pending"])
    assert not result.get("failed") and sleeps == []
    result, client = run(dict(name="api"), states=["pending"], check_mode=True)
    assert not result.get("failed") and sleeps == [] and client.writes() == []


def test_a_failed_state_fails_at_once_with_the_state_and_reports_the_create(monkeypatch):
    sleeps = []
    monkeypatch.setattr("time.sleep", sleeps.append)
    result, _client = run(dict(name="api"), states=["pending", "pending", "gone"])
    assert result["failed"] and result["msg"] == "widget api failed; last seen state: gone"
    # The widget was created before the wait failed: that is a change.
    assert result["changed"] is True
    assert sleeps == [1.0]


def test_a_wait_that_times_out_is_a_change_and_names_the_last_state(monkeypatch):
    monkeypatch.setattr(heroku_client.time, "monotonic", iter(range(0, 10000, 50)).__next__)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    result, _client = run(dict(name="api", wait_timeout=120), states=["pending"] * 10)
    assert result["failed"] and result["changed"] is True
    assert "Timed out after 120s waiting for widget api; last seen state: pending" == result["msg"]


def test_hooks_that_raise_are_reported_as_failures_naming_the_option():
    def adjust(desired, current, params, reads):
        raise HerokuInputError("size=%r cannot follow %r." % (desired["size"], current["size"]), option="size")
    spec = Resource(noun="widget", result_key="widget", returned=WIDGET.returned, paths=WIDGET.paths,
                    identity="name", fields=(Field("size"),), adjust=adjust)
    result, client = run(dict(size="large"), widgets=EXISTING, spec=spec)
    assert result["failed"] and result["msg"] == "size='large' cannot follow 'small'." and client.writes() == []


def test_a_state_error_is_a_failure_without_a_change():
    def review(client, found, params, check_mode):
        raise HerokuStateError("Widget %s is being deleted." % params["name"])
    spec = Resource(noun="widget", result_key="widget", returned=WIDGET.returned, paths=WIDGET.paths,
                    identity="name", review=review)
    result, _client = run(dict(), widgets=EXISTING, spec=spec)
    assert result == dict(msg="Widget web is being deleted.", changed=False, failed=True)


def test_identities_that_compare_case_insensitively_are_looked_up_and_created_in_lower_case():
    spec = Resource(noun="domain", result_key="domain", returned=dict(id=("id",), name=("name",)),
                    paths=Paths(item="/widgets/{id}", create="/widgets"), identity="name", case_insensitive=True,
                    create_defaults=dict(size="small"))
    result, client = run(dict(name="WWW.Example.com"), spec=spec)
    assert client.sent == [("GET", "/widgets/www.example.com"),
                           ("POST", "/widgets", {"size": "small", "name": "www.example.com"})]
    result, client = run(dict(name="WWW.Example.com"), widgets={"www.example.com": dict(id="w-1", name="www.example.com")},
                         spec=spec)
    assert result["changed"] is False and client.writes() == []


def test_mask_diff_tells_added_changed_and_removed_keys_apart():
    before = {"staging": {"A": "old", "GONE": "x"}}
    after = {"staging": {"A": "new", "NEW": "y", "GONE": None}, "production": {"B": "z"}}
    assert mask_diff(before, after) == (
        {"staging": {"A": MASK, "GONE": MASK}},
        {"staging": {"A": MASK + " (changed)", "NEW": MASK + " (added)", "GONE": None}, "production": {"B": MASK + " (added)"}},
    )


def test_partial_changes_and_merge():
    assert partial_changes("a", "a") is None
    assert partial_changes("b", "a") == ("a", "b")
    assert partial_changes({"x": 1}, {"x": 1, "y": 2}) is None
    assert partial_changes({"x": 2}, {"x": 1, "y": 2}) == ({"x": 1}, {"x": 2})
    assert partial_changes({"y": None}, {"x": 1, "y": 2}) == ({"y": 2}, {"y": None})
    assert partial_changes({"z": None}, {"x": 1}) is None
    assert partial_changes(["a", "b"], ["b", "a"]) == (["b", "a"], ["a", "b"])
    assert merge({"x": 1, "y": 2}, {"y": None, "z": 3}) == {"x": 1, "z": 3}


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
    assert app_names(client, iter(["a-2", "a-1", "a-2", "gone"])) == {"a-1": "shop-web", "a-2": "shop-staging", "gone": "gone"}
    assert client.queries == [("/filters/apps", {"in": {"id": ["a-1", "a-2", "gone"]}})]
    assert app_names(client, []) == {} and len(client.queries) == 1


def test_paths_quote_what_the_user_typed():
    assert api_path("/widgets/{}", "a b") == "/widgets/a%20b"


def test_the_secrets_of_a_task_are_every_secret_value_given_whole_and_in_parts():
    from ansible_collections.herokuops.platform.plugins.module_utils._request import REQUEST
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import task_secrets
    assert "hunter2-note" in task_secrets(WIDGET, dict(secret_note="hunter2-note"))
    # show_values: the user asked to see the spec's secret options; the no_log values stay hidden.
    revealing = replace(WIDGET, reveal="show")
    assert task_secrets(revealing, dict(secret_note="hunter2-note", show=True), ["Bearer t0k3n-value"]) >= {"t0k3n-value"}
    assert "hunter2-note" not in task_secrets(revealing, dict(secret_note="hunter2-note", show=True))
    params = dict(body={"token": "t0k3n-value", "name": "bot", "nested": {"token": ["a-list-item"]}}, secret_fields=["token"])
    secrets = task_secrets(REQUEST, params)
    assert {"t0k3n-value", "a-list-item"} <= secrets and "bot" not in secrets


class InfoClient:
    """Answers every read with an item named after the path it read."""

    def __init__(self):
        self.sent = []

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return {"name": path}

    def list(self, path):
        self.sent.append(("GET", path))
        return [{"name": path}]


# An app's things or the account's, all or one: a source applies when every option it names is set.
THINGS = Info(result_key="things", returned=dict(name=("name",)), sources=(
    Source(("app", "name"), "/apps/{app}/things/{name}", single=True),
    Source("app", "/apps/{app}/things"),
    Source("name", "/account/things/{name}", single=True),
    Source(None, "/account/things"),
))
INFO_TABLE = [
    (dict(app="web", name="one"), "/apps/web/things/one"),
    (dict(app="web", name=None), "/apps/web/things"),
    (dict(app=None, name="one"), "/account/things/one"),
    (dict(app=None, name=None), "/account/things"),
]


@pytest.mark.parametrize("params, path", INFO_TABLE, ids=[row[1] for row in INFO_TABLE])
def test_info_reads_the_first_source_whose_options_are_all_set(params, path):
    client = InfoClient()
    result = read_info(THINGS, Task(params=params, connect=lambda: client))
    assert client.sent == [("GET", path)]
    assert result == {"changed": False, "things": [{"name": path}]}


class ListClient:
    """Answers list reads from a dict of path -> items, recording each path."""

    def __init__(self, lists):
        self.lists = lists
        self.sent = []

    def list(self, path, **options):
        self.sent.append(path)
        return copy.deepcopy(self.lists[path])


WIDGET_LIST = Info(
    result_key="widgets", returned=dict(id=("id",), name=("name",), tags=("tags",)), sources=(Source(None, "/widgets"),),
    reads=(Read("tags", lambda client, params: client.list("/tags"), when=lambda params: params["tags"]),),
    select=lambda items, params, reads: [
        dict(item, tags=[tag["name"] for tag in reads["tags"] if tag["widget"] == item["id"]]) if "tags" in reads else item
        for item in items if params["name"] in (None, item["name"])],
)


# (params, the reads sent, the result)
INFO_TABLE = [
    (dict(name=None, tags=False), ["/widgets"], [dict(id="w-1", name="web", tags=None), dict(id="w-2", name="api", tags=None)]),
    (dict(name="api", tags=False), ["/widgets"], [dict(id="w-2", name="api", tags=None)]),
    (dict(name=None, tags=True), ["/widgets", "/tags"],
     [dict(id="w-1", name="web", tags=["blue", "big"]), dict(id="w-2", name="api", tags=[])]),
]


@pytest.mark.parametrize("params, sent, items", INFO_TABLE)
def test_an_info_read_serves_the_whole_list_once_and_select_narrows_or_completes_it(params, sent, items):
    client = ListClient({"/widgets": [dict(id="w-1", name="web"), dict(id="w-2", name="api")],
                         "/tags": [dict(widget="w-1", name="blue"), dict(widget="w-1", name="big")]})
    result = read_info(WIDGET_LIST, Task(params=params, connect=lambda: client, check_mode=True))
    assert client.sent == sent and result == {"changed": False, "widgets": items}


def test_an_info_validator_fails_before_any_request():
    def validate(params):
        if params["name"] == "bad":
            raise HerokuInputError("name=%r is not allowed." % params["name"], option="name")

    client = ListClient({"/widgets": []})
    spec = Info(result_key="widgets", sources=(Source(None, "/widgets"),), validate=validate)
    task = Task(params=dict(name="bad"), connect=lambda: client)
    with pytest.raises(HerokuInputError, match="name='bad' is not allowed"):
        read_info(spec, task)
    assert client.sent == [] and task.wrote is False
    assert read_info(spec, Task(params=dict(name="ok"), connect=lambda: client)) == {"changed": False, "widgets": []}


class PagingClient:
    """Records each list read with the options it was given."""

    def __init__(self):
        self.sent = []

    def list(self, path, **options):
        self.sent.append((path, options))
        return [{"name": path}]

    def list_or_none(self, path, **options):
        return self.list(path, **options)


NEWEST_FIRST = dict(range_field="version", descending=True)
# (source, params, the options the list read is given): newest first and bounded only where the source says so.
PAGING_TABLE = [
    (Source(None, "/events"), dict(limit=5), {}),
    (Source(None, "/events", limit="limit"), dict(limit=5), dict(limit=5)),
    (Source(None, "/events", newest_first="version", limit="limit"), dict(limit=5), dict(NEWEST_FIRST, limit=5)),
    (Source(None, "/events", newest_first="version", limit="limit"), dict(limit=0), NEWEST_FIRST),
    (Source(None, "/events", newest_first="version", limit="limit"), dict(limit=None), NEWEST_FIRST),
    (Source(None, "/events", newest_first="version", limit="limit", missing="gone"), dict(limit=5), dict(NEWEST_FIRST, limit=5)),
]


@pytest.mark.parametrize("source, params, options", PAGING_TABLE)
def test_an_info_list_is_read_newest_first_and_bounded_where_its_source_says(source, params, options):
    client = PagingClient()
    result = read_info(Info(result_key="events", returned=dict(name=("name",)), sources=(source,)),
                       Task(params=params, connect=lambda: client))
    assert client.sent == [("/events", options)] and result["events"] == [{"name": "/events"}]


# -- words for what hooks used to say: each row a widget variant using one word --------------------------------

class WordsClient(FakeClient):
    """FakeClient that also answers reads of, and takes writes to, paths other than a widget's own (``answers``)."""

    def __init__(self, widgets=None, answers=None):
        super().__init__(widgets)
        self.answers = copy.deepcopy(answers or {})

    def get(self, path):
        if path in self.answers:
            self.sent.append(("GET", path))
            return copy.deepcopy(self.answers[path])
        return super().get(path)

    def request(self, method, path, body=None):
        if path in ("/widgets", "/teams/widgets") or (path.startswith("/widgets/") and path.count("/") == 2):
            return super().request(method, path, body)
        self.sent.append((method, path, body))
        self.writes_sent += 1
        return copy.deepcopy(self.answers.get((method, path)))


def variant(**changes):
    return replace(WIDGET, **changes)


PARTS = [dict(id="p1", kind="a", count=1, color="red"), dict(id="p2", kind="b", count=2, color=None)]
WORDS = [
    ("Route: a create through another operation when its option is set",
     variant(routes=(Route("create", "/teams/widgets", ("team",)),)), dict(name="api", team="t1"), {}, {},
     [("GET", "/widgets/api"), ("POST", "/teams/widgets", {"name": "api"})], None),
    ("Route: the item read through another operation when its option is set",
     variant(routes=(Route("item", "/locked-widgets/{id}", ("locked",)),)), dict(locked=True, size="large"), EXISTING, {},
     [("GET", "/locked-widgets/web"), ("PATCH", "/locked-widgets/w-web", {"size": "large"})], None),
    ("Field.update_key: the update body calls the field otherwise than the create",
     variant(fields=(Field("size", update_key="dimension"),)), dict(size="large"), EXISTING, {},
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"dimension": "large"})], None),
    ("Field.switch: turned on by its own operation, with no body",
     variant(returned=dict(WIDGET.returned, acm=("acm",)), fields=(Field("acm", switch=("app.enable_acm", "app.disable_acm")),)),
     dict(acm=True), EXISTING, {("POST", "/apps/w-web/acm"): dict(EXISTING["web"], acm=True)},
     [("GET", "/widgets/web"), ("POST", "/apps/w-web/acm", None)], dict(acm=True)),
    ("Field.switch: and off by the other",
     variant(returned=dict(WIDGET.returned, acm=("acm",)), fields=(Field("acm", switch=("app.enable_acm", "app.disable_acm")),)),
     dict(acm=False), {"web": dict(EXISTING["web"], acm=True)}, {},
     [("GET", "/widgets/web"), ("DELETE", "/apps/w-web/acm", None)], None),
    ("Section.at: the value lies under a key of the answer and of the body",
     variant(sections=(Section("tags", "/widgets/{id}/tags", "/widgets/{id}/tags", at=("tags",)),)),
     dict(tags=["a", "b"]), EXISTING, {"/widgets/w-web/tags": {"tags": ["a"], "updated_at": "then"}},
     [("GET", "/widgets/web"), ("GET", "/widgets/w-web/tags"), ("PUT", "/widgets/w-web/tags", {"tags": ["a", "b"]})],
     dict(tags=["a", "b"])),
    ("Section.each: one read per key given, one write per key changed, with its changes",
     variant(sections=(Section("notes", "/widgets/{id}/notes/{lang}", "/widgets/{id}/notes/{lang}", each="lang"),)),
     dict(tags=None, notes={"en": {"hi": "hello"}, "fr": {"hi": "bonjour", "bye": None}}), EXISTING,
     {"/widgets/w-web/notes/en": {"hi": "hello"}, "/widgets/w-web/notes/fr": {"hi": "salut", "bye": "ciao"}},
     [("GET", "/widgets/web"), ("GET", "/widgets/w-web/notes/en"), ("GET", "/widgets/w-web/notes/fr"),
      ("PUT", "/widgets/w-web/notes/fr", {"hi": "bonjour", "bye": None})], dict(notes={"en": {"hi": "hello"}, "fr": {"hi": "bonjour"}})),
    ("Field.keyed: a list compared by key on the values set; the changed items sent sorted by key",
     variant(returned=dict(WIDGET.returned, parts=("parts",)), fields=(Field("parts", keyed=("kind", "count", "color")),)),
     dict(parts=[dict(kind="b", count=3, color=None), dict(kind="a", count=1, color=None)]),
     {"web": dict(EXISTING["web"], parts=PARTS)}, {},
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"parts": [{"kind": "b", "count": 3}]})], None),
]


@pytest.mark.parametrize("what, spec, params, existing, answers, sent, shown", WORDS, ids=[row[0] for row in WORDS])
def test_words(what, spec, params, existing, answers, sent, shown):
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=None,
                show_values=False, wait=True, wait_timeout=60)
    full.update(params)
    client = WordsClient(existing, answers)
    result = converge(spec, Task(params=full, connect=lambda: client, diff=True))
    assert client.sent == sent
    assert result["changed"] is True
    for key, value in (shown or {}).items():
        assert result["widget"][key] == value


def test_a_keyed_field_shows_every_item_by_key_and_diffs_only_what_changes():
    spec = WORDS[-1][1]
    client = WordsClient({"web": dict(EXISTING["web"], parts=PARTS)})
    params = dict(name="web", state="present", new_name=None, parts=[dict(kind="b", count=3, color=None)])
    result = converge(spec, Task(params=params, connect=lambda: client, check_mode=True, diff=True))
    assert result["diff"] == dict(before={"parts": {"b": {"count": 2}}}, after={"parts": {"b": {"count": 3}}})
    assert result["widget"]["parts"] == {"a": {"count": 1, "color": "red"}, "b": {"count": 3, "color": None}}


def test_create_requires_fails_naming_the_option_before_any_write():
    spec = variant(create_requires=dict(zone="name the zone to build it in"))
    result, client = run(dict(name="api"), spec=spec)
    assert result["failed"] and result["msg"] == ("Widget api does not exist and zone is required to create it: "
                                                  "name the zone to build it in.")
    assert client.sent == [("GET", "/widgets/api")]
    result, client = run(dict(name="api", zone="z2"), spec=spec)
    assert result["changed"] and client.writes() == [("POST", "/widgets", {"name": "api", "zone": "z2"})]


def test_gone_states_are_absent_for_absent_and_a_failure_for_present():
    spec = variant(gone_states=("leaving",))
    leaving = {"web": dict(EXISTING["web"], state="leaving")}
    result, client = run(dict(state="absent"), widgets=leaving, spec=spec)
    assert result["changed"] is False and client.writes() == []
    result, client = run(dict(size="large"), widgets=leaving, spec=spec)
    assert result["failed"] and result["msg"] == ("Widget web is being deleted; run again once Heroku has finished "
                                                  "deleting it to create it anew.")
    assert client.writes() == []


# -- words added for the collaborator's two routes --------------------------------------------------

class LabelClient(FakeClient):
    """The widget API where a create names the widget ``label`` (as a collaborator's create names its ``user``)."""

    def post(self, path, body):
        widget = FakeClient.post(self, path, dict(body, name=body.get("label", body.get("name"))))
        self.sent[-1] = ("POST", path, copy.deepcopy(body))
        self.widgets[widget["name"]]["labels"] = widget["labels"] = body.get("labels")
        return widget


# A widget with tags as a set Heroku always adds "base" to, and a second route, addressed by name, when ``team`` is set.
ROUTED = replace(
    WIDGET, returned=dict(WIDGET.returned, labels=("labels",)), fields=WIDGET.fields + (Field("labels", unordered=True, implied=("base",)),), sections=(),
    paths_when=dict(team=Paths(item="/teams/widgets/{id}", create="/teams/widgets", address=("name",))))
# (what, params, existing, the requests sent)
VOCABULARY_TABLE = [
    ("paths_when: an option set picks the other route, addressed as it says",
     dict(team="t", size="large"), EXISTING,
     [("GET", "/teams/widgets/web"), ("PATCH", "/teams/widgets/web", {"size": "large"})]),
    ("paths_when: the other route creates too", dict(name="api", team="t"), {},
     [("GET", "/teams/widgets/api"), ("POST", "/teams/widgets", {"name": "api"})]),
    ("paths_when: absent keeps the spec's own route", dict(team="t", state="absent"), EXISTING,
     [("GET", "/widgets/web"), ("DELETE", "/widgets/w-web")]),
    ("implied: a set is wanted with what Heroku always adds, once, sorted", dict(name="api", labels=["z", "base", "z"]), {},
     [("GET", "/widgets/api"), ("POST", "/widgets", {"name": "api", "labels": ["base", "z"]})]),
    ("identity_key: the identity goes in the create body under its own key", dict(name="api"), {},
     [("GET", "/widgets/api"), ("POST", "/widgets", {"label": "api"})]),
]


@pytest.mark.parametrize("what, params, existing, sent", VOCABULARY_TABLE, ids=[row[0] for row in VOCABULARY_TABLE])
def test_vocabulary_words(what, params, existing, sent):
    spec = replace(ROUTED, identity_key="label") if "identity_key" in what else ROUTED
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=None,
                show_values=False, wait=True, wait_timeout=60, team=None, labels=None)
    full.update(params)
    client = LabelClient(existing)
    converge(spec, Task(params=full, connect=lambda: client, diff=True))
    assert client.sent == sent


def test_choices_names_the_item_and_what_is_allowed():
    spec = replace(WIDGET, names=dict(labels=("choices", ("widget label", ("red", "blue")))))
    result, client = run(dict(labels=["red", "green"]), widgets=EXISTING, spec=spec)
    assert result["failed"] and result["msg"] == "labels[1]='green' is not a widget label: use any of red, blue."
    assert client.sent == []


def test_a_write_only_value_sent_with_the_creation_is_not_sent_again():
    # Heroku never shows the note: it is not in the result's shape.
    spec = replace(WIDGET, returned=dict(id=("id",), name=("name",)), sections=(), summary_keys=("note_sent",),
                   fields=(Field("secret_note", key="note_sent", secret=True, write_only="update_note"),))
    result, client = run(dict(name="api", secret_note="hunter2", update_note="always"), spec=spec)
    assert client.writes() == [("POST", "/widgets", {"name": "api", "secret_note": "hunter2"})]
    assert result["widget"]["note_sent"] is True and "hunter2" not in repr(result)


def test_days_are_zero_or_more():
    spec = replace(WIDGET, names=dict(wait_timeout="days"))
    result, client = run(dict(wait_timeout=-1), widgets=EXISTING, spec=spec)
    assert result["failed"] and result["msg"] == "wait_timeout=-1 is out of range: use 0 or more days."
    assert client.sent == []


def test_check_mode_predicts_a_part_of_an_option():
    spec = replace(WIDGET, predicted=dict(size=Param("zone", r"[^-]*")))
    result, client = run(dict(name="api", zone="eu-2"), spec=spec, check_mode=True)
    assert result["widget"]["size"] == "eu" and client.writes() == []


# -- operate: an Operation without read or perform, on the widgets --------------------------------------

def resize_plan(state, params):
    widget = state["items"][0]
    changed = widget["size"] != params["size"]
    return Plan(changed, ({"size": widget["size"]}, {"size": params["size"]}),
                requests=(Request("PATCH", "/widgets/" + widget["id"], {"size": params["size"]}),) if changed else ())


RESIZE = Operation(
    result_key="resized", read=None, perform=None, plan=resize_plan,
    report=lambda state, plan, outcome, params, check_mode: (dict(answers=outcome, zone=state.get("zone")), None),
    sources=(Source("name", "/widgets/{name}", single=True, missing="Widget %(name)s was not found."),),
    reads=(Read("zone", "/widgets/{zone}", when="zone"),),
    rules=(OnlyWith("zone", "state", ("present",), "zone goes with state=present only, not %(state)s."),),
)

# (what, params, check mode, the requests sent, the result or the failure's message)
OPERATE_TABLE = [
    ("the state is the source's items; plan.requests are sent and their answers are the outcome",
     dict(size="large"), False,
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"size": "large"})],
     dict(answers=[dict(EXISTING["web"], size="large")], zone=None)),
    ("check mode sends no request the plan lists",
     dict(size="large"), True, [("GET", "/widgets/web")], dict(answers=None, zone=None)),
    ("no change sends nothing",
     dict(size="small"), False, [("GET", "/widgets/web")], dict(answers=None, zone=None)),
    ("a Read naming an operation is read when it applies, under its name",
     dict(size="small", zone="web"), False, [("GET", "/widgets/web"), ("GET", "/widgets/web")],
     dict(answers=None, zone=EXISTING["web"])),
    ("a source's missing message when it finds nothing",
     dict(name="api", size="small"), False, [("GET", "/widgets/api")], "Widget api was not found."),
    ("a broken OnlyWith rule fails before any request, naming the option",
     dict(size="small", zone="z1", state="absent"), False, [], "zone goes with state=present only, not absent."),
]


@pytest.mark.parametrize("what, params, check_mode, sent, expected", OPERATE_TABLE, ids=[row[0] for row in OPERATE_TABLE])
def test_operate(what, params, check_mode, sent, expected):
    client = FakeClient(EXISTING)
    task = Task(params=dict(dict(name="web", state="present", zone=None), **params), connect=lambda: client,
                check_mode=check_mode, diff=True)
    try:
        result = operate(RESIZE, task)
    except HerokuError as exc:
        result = failure(exc, task)
        assert result["msg"] == expected and result["changed"] is False
        if sent == []:
            assert exc.option == "zone"
    else:
        assert result["resized"] == expected
        assert result["changed"] is (params["size"] != "small")
    assert client.sent == sent


def test_an_operation_with_a_secret_option_masks_its_values_never_its_keys():
    spec = replace(RESIZE, secret=("env",))
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import masked_params
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import task_secrets
    params = dict(name="web", env={"TOKEN": "s3cret-value"})
    assert masked_params(params, spec, dict(name={}, env={})) == dict(name="web", env={"TOKEN": MASK})
    assert "s3cret-value" in task_secrets(spec, params) and "TOKEN" not in task_secrets(spec, params)


# -- read_info: an Info that can wait (settle) ---------------------------------------------------------

def settle_widgets(client, reps, params):
    """Read again until every widget is ready; a timeout is a problem, the widgets as last seen its result."""
    seen = dict(reps=reps)

    def poll():
        if seen.get("polled"):
            seen["reps"] = [client.get("/widgets/" + rep["id"]) for rep in seen["reps"]]
        seen["polled"] = True
        return seen["reps"]

    if params["wait"]:
        try:
            heroku_client.wait_until(poll, lambda reps: all(rep["state"] == "ready" for rep in reps), what="widgets",
                                     timeout=params["wait_timeout"])
        except heroku_client.HerokuWaitTimeout:
            return seen["reps"], "The widgets were not all ready after %s seconds." % params["wait_timeout"]
    return seen["reps"], None


WAITING_WIDGETS = Info(
    result_key="widgets", returned=dict(name=("name",), state=("state",)),
    sources=(Source("name", "/widgets/{name}", single=True),), settle=settle_widgets, wait_timeout="wait_timeout",
)


@pytest.mark.parametrize("wait, states, sent, shown, problem", [
    (False, ["pending"], 1, "pending", None),
    (True, ["pending", "pending", "ready"], 3, "ready", None),
    (True, ["pending"] * 20, None, "pending", "The widgets were not all ready after 5 seconds."),
])
def test_an_info_that_can_wait_reads_again_until_settled(monkeypatch, wait, states, sent, shown, problem):
    monkeypatch.setattr(heroku_client.time, "monotonic", iter(range(0, 10000, 2)).__next__)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    client = FakeClient(dict(web=dict(EXISTING["web"], id="web")), states=states)
    task = Task(params=dict(name="web", wait=wait, wait_timeout=5), connect=lambda: client)
    try:
        result = read_info(WAITING_WIDGETS, task)
    except HerokuError as exc:
        result = failure(exc, task)
        assert result["msg"] == problem
    assert result["widgets"] == [dict(name="web", state=shown)] and result["changed"] is False
    assert sent is None or len(client.sent) == sent


def test_an_info_checks_its_wait_timeout_before_any_request():
    client = FakeClient(EXISTING)
    with pytest.raises(HerokuInputError, match="wait_timeout=-1 is out of range"):
        read_info(WAITING_WIDGETS, Task(params=dict(name="web", wait=True, wait_timeout=-1), connect=lambda: client))
    assert client.sent == []


@pytest.mark.parametrize("params, broken", [
    (dict(name="web", new_name="web"), True), (dict(name="web", new_name="www"), False),
    (dict(name="web", new_name=None), False), (dict(name="web", new_name=["www", "web"]), True),
    (dict(name="web", new_name=["www"]), False),
])
def test_a_differs_rule_fails_before_any_request_naming_the_option(params, broken):
    spec = replace(RESIZE, rules=(Differs("new_name", "name", "new_name is name (%(name)s)."),))
    client = FakeClient(EXISTING)
    task = Task(params=dict(dict(size="small", zone=None, state="present"), **params), connect=lambda: client)
    if not broken:
        assert operate(spec, task)["changed"] is False
        return
    with pytest.raises(HerokuInputError) as raised:
        operate(spec, task)
    assert str(raised.value) == "new_name is name (web)." and raised.value.option == "new_name" and client.sent == []


# -- Resource.parent_read with Paths.missing: a missing widget of a box tells the box from the widget ----------------

BOXED = replace(
    WIDGET, parent="box", creatable=False, parent_read="/widgets/{box}",
    parent_missing="Box %(box)s was not found, so its widget %(name)s cannot be set.",
    paths_when=dict(box=Paths(item="/widgets/{id}", missing="Widget %(name)s is not in box %(box)s.")))


@pytest.mark.parametrize("box, message, sent", [
    ("web", "Widget api is not in box web.", [("GET", "/widgets/api"), ("GET", "/widgets/web")]),
    ("nope", "Box nope was not found, so its widget api cannot be set.", [("GET", "/widgets/api"), ("GET", "/widgets/nope")]),
    (None, "widget api was not found.", [("GET", "/widgets/api")]),
])
def test_a_missing_resource_reads_its_parent_once_to_say_which_is_missing(box, message, sent):
    result, client = run(dict(name="api", box=box), widgets=EXISTING, spec=BOXED)
    assert result["failed"] and result["msg"] == message.replace("widget api", "Widget api", box is None)
    assert client.sent == sent


# -- Info.pick with Source.unknown: one item by a key of the list, failing with the nearest names ------------------

class ListingClient(FakeClient):
    def list(self, path, **options):
        self.sent.append(("GET", path))
        return [copy.deepcopy(widget) for _name, widget in sorted(self.widgets.items())]


PICKED = Info(result_key="widgets", returned=dict(name=("name",)), pick=("name", "name"),
              sources=(Source("zone", "/zones/{zone}/widgets", unknown="Zone %(zone)s has no widget %(name)s.%(nearest)s"),
                       Source(None, "/widgets")))


@pytest.mark.parametrize("params, expected", [
    (dict(name=None, zone=None), ["api", "web", "webs"]),
    (dict(name="web", zone=None), ["web"]),
    (dict(name="webb", zone=None), []),
    (dict(name="webb", zone="z1"), "Zone z1 has no widget webb. Nearest: web, webs."),
    (dict(name="x", zone="z1"), "Zone z1 has no widget x."),
])
def test_an_info_picks_one_item_by_a_key_or_fails_naming_the_nearest(params, expected):
    client = ListingClient(dict(EXISTING, api=dict(id="w-api", name="api"), webs=dict(id="w-webs", name="webs")))
    task = Task(params=params, connect=lambda: client)
    try:
        result = [item["name"] for item in read_info(PICKED, task)["widgets"]]
    except HerokuInputError as exc:
        result = str(exc)
        assert exc.option == "name"
    assert result == expected and len(client.sent) == 1


# -- a mapping of secret values (an app's config vars): normalised, removed on absent, purged, checked, summarised ----

class SettingsClient(FakeClient):
    """A widget's settings, a mapping PATCHed with its changes (null removes a key), and its plugins, a list."""

    def __init__(self, settings, plugins=()):
        super().__init__()
        self.settings = dict(settings)
        self.plugins = list(plugins)

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return dict(self.settings)

    def list(self, path):
        # Every page of a list: the Range header is the client's business.
        self.sent.append(("GET", path, "every page"))
        return list(self.plugins)

    def patch(self, path, body):
        self.sent.append(("PATCH", path, body))
        self.writes_sent += 1
        self.settings = merge(self.settings, body)
        return dict(self.settings)


def plugin_keys(settings, params, reads):
    prefixes = tuple(plugin["name"] + "_" for plugin in reads.get("plugins") or ())
    return [key for key in settings if key.startswith(prefixes)]


SUMMARY = ("added", "changed", "removed", "kept")
SETTINGS = Resource(
    noun="widget", result_key="settings", returned=dict(name=Param("name"), settings=()),
    paths=Paths(item="/widgets/{name}/settings"), parent="name", creatable=False, deletable=False, reveal="show_values",
    fields=(Field("settings", secret=True, whole_body=True, codec=CONFIG_VALUES, absent_removes=True, purge="purge",
                  keep=plugin_keys, check_after=("config_size", "the widget's settings after this change"),
                  key_summary=SUMMARY),),
    # A Read naming Heroku's operation; a list operation is read to its last page.
    reads=(Read("plugins", "add-on-attachment.list_by_app", when="purge"),), summary_keys=SUMMARY,
)
HELD = {"A": "1", "OLD": "x", "DB_URL": "postgres://secret"}

# (what, params, the requests sent, the summary or the failure's message)
SETTINGS_TABLE = [
    ("codec normalize: YAML's numbers and booleans compared and sent as the strings Heroku stores",
     dict(settings={"A": 1, "B": True, "OLD": "y"}),
     [("GET", "/widgets/web/settings"), ("PATCH", "/widgets/web/settings", {"B": "true", "OLD": "y"})],
     dict(added=["B"], changed=["OLD"], removed=[], kept=[])),
    ("absent_removes: state=absent removes the keys named, whatever values they are given; an unset key is no change",
     dict(state="absent", settings={"A": "ignored", "OLD": None, "NOPE": None}),
     [("GET", "/widgets/web/settings"), ("PATCH", "/widgets/web/settings", {"A": None, "OLD": None})],
     dict(added=[], changed=[], removed=["A", "OLD"], kept=[])),
    ("purge and keep: every key not named goes but those keep returns, read by operation only with purge",
     dict(purge=True, settings={"A": "1"}),
     [("GET", "/widgets/web/settings"), ("GET", "/apps/web-app/addon-attachments", "every page"),
      ("PATCH", "/widgets/web/settings", {"OLD": None})],
     dict(added=[], changed=[], removed=["OLD"], kept=["DB_URL"])),
    ("purge and keep: a key keep returns is the user's to remove when the option names it",
     dict(purge=True, settings={"A": "1", "DB_URL": None}),
     [("GET", "/widgets/web/settings"), ("GET", "/apps/web-app/addon-attachments", "every page"),
      ("PATCH", "/widgets/web/settings", {"OLD": None, "DB_URL": None})],
     dict(added=[], changed=[], removed=["DB_URL", "OLD"], kept=[])),
    ("check_after: the value after the change (what is held and what is added) is checked before any write",
     dict(settings={"BIG": "x" * 32760}), [("GET", "/widgets/web/settings")],
     "settings: the widget's settings after this change hold 32792 bytes of names and values; "
     "Heroku allows 32768 bytes (32 kB) an app."),
]


@pytest.mark.parametrize("check_mode", [False, True])
@pytest.mark.parametrize("what, params, sent, expected", SETTINGS_TABLE, ids=[row[0] for row in SETTINGS_TABLE])
def test_a_mapping_of_secrets(what, params, sent, expected, check_mode):
    client = SettingsClient(HELD, plugins=[{"name": "DB"}])
    task = Task(params=dict(dict(name="web", app="web-app", state="present", purge=False, show_values=False), **params),
                connect=lambda: client, check_mode=check_mode, diff=True)
    try:
        result = converge(SETTINGS, task)
    except HerokuError as exc:
        assert str(exc) == expected and exc.option == "settings"
    else:
        assert dict((key, result["settings"][key]) for key in SUMMARY) == expected
        assert "postgres://secret" not in repr(result)
    assert client.sent == (sent[:-1] if check_mode and sent[-1][0] == "PATCH" else sent)


# -- Resource.rules (RequiredWith), and a section of switches (an app's features): SWITCHES with the switches check ---

SWITCHED = replace(
    WIDGET, names=dict(tags=("switches", "feature")), sections=(replace(WIDGET.sections[0], codec=SWITCHES),),
    rules=(RequiredWith("size", "state", ("present",), "size is required with state=present: say how big."),
           RequiredWith("zone", "size", (None,), "one of zone or size is required to find the widget."),
           Excludes("secret_note", "new_name", "secret_note and new_name are mutually exclusive.")))

# (what, params, the requests sent, or the failure's message and the option it names)
RULES_TABLE = [
    ("RequiredWith: an option another's value needs fails naming it, before any request", dict(size=None),
     ("size is required with state=present: say how big.", "size")),
    ("RequiredWith: an empty string is not set", dict(size=""), ("size is required with state=present: say how big.", "size")),
    ("RequiredWith (None,): one of two options", dict(state="absent"),
     ("one of zone or size is required to find the widget.", "zone")),
    ("rules that hold let the run go on", dict(size="small", state="present"), [("GET", "/widgets/web")]),
    ("SWITCHES: a section's values read as Ansible reads booleans, compared and written as booleans",
     dict(size="small", tags={"blue": "yes", "red": "off"}),
     [("GET", "/widgets/web"), ("GET", "/widgets/w-web/tags"), ("PUT", "/widgets/w-web/tags", {"blue": True, "red": False})]),
    ("switches: a value that is no boolean fails naming the option, before any request",
     dict(size="small", tags={"blue": "maybe"}),
     ("tags.blue='maybe' is not a boolean: use true to enable the feature, false to disable it.", "tags")),
    ("Excludes: two options set fail naming the first, before any request", dict(size="small", secret_note="x", new_name="www"),
     ("secret_note and new_name are mutually exclusive.", "secret_note")),
    ("Excludes: false is not set", dict(size="small", secret_note=False, new_name="www"),
     [("GET", "/widgets/web"), ("PATCH", "/widgets/w-web", {"name": "www", "secret_note": False})]),
    ("switches: each name is checked as its kind", dict(size="small", tags={"Not A Feature": True}), (
        "tags.Not A Feature='Not A Feature' is not a valid feature name: use lower case letters, digits, dots, dashes "
        "and underscores, like preboot or runtime-dyno-metadata.", "tags.Not A Feature")),
]


@pytest.mark.parametrize("what, params, expected", RULES_TABLE, ids=[row[0] for row in RULES_TABLE])
def test_resource_rules_and_switches(what, params, expected):
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=None,
                show_values=False, wait=True, wait_timeout=60)
    full.update(params)
    client = FakeClient(EXISTING, tags={"blue": True})
    try:
        converge(SWITCHED, Task(params=full, connect=lambda: client))
    except HerokuInputError as exc:
        assert (str(exc), exc.option) == expected and client.sent == []
    else:
        assert client.sent == expected


# -- objects_of: a list of values sent as objects under a key, inside the body at ``Section.at`` (an app's buildpacks) --

class ListedTagsClient(FakeClient):
    def put(self, path, body):
        self.sent.append(("PUT", path, body))
        self.writes_sent += 1
        return body


def test_objects_of_sends_each_value_as_an_object_under_its_key():
    spec = replace(WIDGET, sections=(
        Section("tags", lambda client, rep, params: ["a"], "/widgets/{id}/tags", codec=objects_of("tag"), at=("updates",)),))
    client = ListedTagsClient(EXISTING)
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=["a", "b"],
                show_values=False, wait=True, wait_timeout=60)
    converge(spec, Task(params=full, connect=lambda: client))
    assert client.sent == [("GET", "/widgets/web"), ("PUT", "/widgets/w-web/tags", {"updates": [{"tag": "a"}, {"tag": "b"}]})]
    assert objects_of("tag").decode([{"tag": "a"}, {"tag": "b"}]) == ["a", "b"]


def test_objects_of_with_constant_keys_and_an_order_compares_a_set():
    # A space's trusted IPs: each value an allow rule; Heroku's rules read back in one order, a deny rule beside it.
    codec = objects_of("source", order=ip_ranges, action="allow")
    assert codec.normalize(["203.0.113.0/24", "10.0.0.1", "203.0.113.0/24", "9.0.0.0/8"]) == [
        "9.0.0.0/8", "10.0.0.1/32", "203.0.113.0/24"]
    assert codec.encode(["9.0.0.0/8"]) == [{"source": "9.0.0.0/8", "action": "allow"}]
    assert codec.decode([{"source": "203.0.113.0/24", "action": "allow"}, {"source": "10.0.0.1/32", "action": "deny"},
                         {"source": "9.0.0.0/8", "action": "allow"}]) == [
        "9.0.0.0/8", "203.0.113.0/24", "10.0.0.1/32 (action: deny)"]
    assert codec.decode(None) == [] and objects_of("tag").normalize is None
    assert items_with("source", ip_block).normalize([{"source": "10.0.0.1", "action": "deny"}]) == [
        {"source": "10.0.0.1/32", "action": "deny"}]


# -- Section(when_ready=True): written after the wait, never to a resource not ready (a space's inbound ruleset) --

READY_TAGS = replace(WIDGET, sections=(replace(WIDGET.sections[0], when_ready=True),))


def test_a_when_ready_section_is_written_after_the_wait(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    result, client = run(dict(name="api", size="large", tags={"blue": True}), states=["pending", "pending", "ready"],
                         spec=READY_TAGS)
    assert not result.get("failed"), result
    # The creation, the tags read, the polls until ready, and only then the tags.
    assert client.sent == [("GET", "/widgets/api"), ("POST", "/widgets", {"name": "api", "size": "large"}),
                           ("GET", "/widgets/w-api/tags"), ("GET", "/widgets/w-api"), ("GET", "/widgets/w-api"),
                           ("PUT", "/widgets/w-api/tags", {"blue": True})]
    # An existing widget not ready yet: its field changes first, then the wait, then the tags.
    pending = {"web": dict(EXISTING["web"], state="pending")}
    result, client = run(dict(size="large", tags={"blue": True}), widgets=pending, states=["ready"], spec=READY_TAGS)
    assert [request[0] for request in client.writes()] == ["PATCH", "PUT"]
    assert client.sent.index(("GET", "/widgets/w-web")) < client.sent.index(("PUT", "/widgets/w-web/tags", {"blue": True}))


def test_a_when_ready_section_without_wait_fails_before_any_write():
    message = ("tags can only be written once widget %s is ready, and it is %s: set wait to true to wait for it, or "
               "set tags in a later run.")
    for check_mode in (False, True):
        result, client = run(dict(name="api", tags={"blue": True}, wait=False), spec=READY_TAGS, check_mode=check_mode)
        assert result["failed"] and result["msg"] == message % ("api", "not created yet") and client.writes() == []
        pending = {"web": dict(EXISTING["web"], state="pending")}
        result, client = run(dict(size="large", tags={"blue": True}, wait=False), widgets=pending, spec=READY_TAGS,
                             check_mode=check_mode)
        assert result["failed"] and result["msg"] == message % ("web", "still pending") and client.writes() == []
    # Ready, or not changing the section: no refusal.
    result, client = run(dict(tags={"blue": True}, wait=False), widgets=EXISTING, spec=READY_TAGS)
    assert not result.get("failed") and client.writes() == [("PUT", "/widgets/w-web/tags", {"blue": True})]
    result, client = run(dict(name="api", wait=False), spec=READY_TAGS)
    assert not result.get("failed") and [request[0] for request in client.writes()] == ["POST"]


# -- a Read of a list operation, newest first and bounded, attached to each item listed by a key, shaped with Nested --

class PartsClient:
    """Lists from a dict of path -> items, recording each path with the options the list read was given."""

    def __init__(self, lists):
        self.lists = lists
        self.sent = []

    def list(self, path, **options):
        self.sent.append((path, options))
        return copy.deepcopy(self.lists[path])


PART = dict(id=("id",), widget=("widget", "name"), last=Nested(("last",), dict(code=("code",))))
WIDGET_PARTS = Info(
    result_key="widgets", returned=dict(id=("id",), name=("name",), parts=("parts",)), sources=(Source(None, "/widgets"),),
    pick=("name", "name"),
    reads=(Read("parts", "add-on-attachment.list_by_app", when="parts", newest_first="seq", at_most=2,
                attach=(("widget", "id"), "id"), returned=PART),),
)
PARTS_READ = ("/apps/web-app/addon-attachments", dict(range_field="seq", descending=True, limit=2))
WEB_PARTS = [dict(id="p2", widget="web", last=None), dict(id="p1", widget="web", last=dict(code=200))]

# (what, params, the reads sent with their list options, the items)
PARTS_TABLE = [
    ("a Read that does not apply is not sent; the item keeps what returned gives", dict(name=None, parts=False),
     [("/widgets", {})], [dict(id="w-1", name="web", parts=None), dict(id="w-2", name="api", parts=None)]),
    ("attach: one read for the whole list, newest first and bounded as the Read says; each item gets its own, shaped",
     dict(name=None, parts=True), [("/widgets", {}), PARTS_READ],
     [dict(id="w-1", name="web", parts=WEB_PARTS), dict(id="w-2", name="api", parts=[])]),
    ("attach after pick: only the items picked", dict(name="web", parts=True), [("/widgets", {}), PARTS_READ],
     [dict(id="w-1", name="web", parts=WEB_PARTS)]),
]


@pytest.mark.parametrize("what, params, sent, items", PARTS_TABLE, ids=[row[0] for row in PARTS_TABLE])
def test_an_info_read_attaches_its_items_to_each_item_listed(what, params, sent, items):
    client = PartsClient({"/widgets": [dict(id="w-1", name="web"), dict(id="w-2", name="api")],
                          "/apps/web-app/addon-attachments": [
                              dict(id="p2", widget=dict(id="w-1", name="web"), seq=2, last=None),
                              dict(id="p1", widget=dict(id="w-1", name="web"), seq=1, last=dict(code=200, id="a-1")),
                              dict(id="p0", widget=dict(id="w-3", name="old"), seq=0)]})
    result = read_info(WIDGET_PARTS, Task(params=dict(params, app="web-app"), connect=lambda: client))
    assert client.sent == sent and result == {"changed": False, "widgets": items}


# -- Section.write_each with mapping_of: a mapping read whole from a list, written one changed key at a time --------

class SwitchesClient(FakeClient):
    """A widget's switches as Heroku lists an app's features: every page of a list read, one PATCH per switch."""

    def __init__(self, switches):
        super().__init__(EXISTING)
        self.switches = switches

    def list(self, path, **options):
        self.sent.append(("GET", path))
        return [dict(name=name, enabled=enabled, description="") for name, enabled in self.switches.items()]

    def patch(self, path, body):
        self.sent.append(("PATCH", path, body))
        self.writes_sent += 1
        self.switches[path.rsplit("/", 1)[1]] = body["enabled"]
        return dict(name=path.rsplit("/", 1)[1], **body)


@pytest.mark.parametrize("wanted, sent, diff, after", [
    # Only the keys that change are written, each its own PATCH, in the order the task gave them.
    ({"zeta": "yes", "alpha": False, "beta": True},
     [("PATCH", "/apps/w-web/features/zeta", {"enabled": True}), ("PATCH", "/apps/w-web/features/alpha", {"enabled": False})],
     ({"tags": {"zeta": False, "alpha": True}}, {"tags": {"zeta": True, "alpha": False}}),
     {"alpha": False, "beta": True, "zeta": True}),
    ({"beta": "on"}, [], ({}, {}), {"alpha": True, "beta": True, "zeta": False}),
])
def test_write_each_writes_one_key_at_a_time_and_mapping_of_reads_the_list(wanted, sent, diff, after):
    spec = replace(WIDGET, names=dict(tags=("switches", "feature")), sections=(
        Section("tags", "app-feature.list", "app-feature.update", write_each=("app_feature", "enabled"),
                codec=mapping_of("name", "enabled", normalize=SWITCHES.normalize)),))
    client = SwitchesClient(dict(alpha=True, beta=True, zeta=False))
    full = dict(name="web", state="present", new_name=None, size=None, zone=None, secret_note=None, tags=wanted,
                show_values=False, wait=True, wait_timeout=60)
    result = converge(spec, Task(params=full, connect=lambda: client, diff=True))
    assert client.sent == [("GET", "/widgets/web"), ("GET", "/apps/w-web/features")] + sent
    assert result["changed"] is bool(sent)
    assert (result["diff"]["before"], result["diff"]["after"]) == diff and result["widget"]["tags"] == after


# -- Resource.body_from and update_whole: bodies made of options as given, the fields saying only what is compared ---

PEM_WIDGET = replace(
    WIDGET, paths=Paths(item="/widgets/{id}", create="/widgets", update="/widgets/{id}"),
    body_from={"name": "name", ("zone", "name"): "zone", "pem": "secret_note", "labels": "tags"},
    fields=(Field("size"), Field("zone", create_only=True), Field("secret_note", create_only=True, secret=True),
            Field("tags", create_only=True, codec=STRING_VALUES)), sections=())


@pytest.mark.parametrize("what, widgets, params, sent", [
    ("created from the options as given, in body_from's order, each through its field's codec, the empty left out",
     {}, dict(name="api", size="small", zone="z2", secret_note="PEM", tags={"n": 5, "on": True}),
     [("POST", "/widgets", {"name": "api", "zone": {"name": "z2"}, "pem": "PEM", "labels": {"n": "5", "on": "true"}})]),
    ("an option not set, or empty, is not in the body", {}, dict(name="api", size="small", zone=None, secret_note="", tags={}),
     [("POST", "/widgets", {"name": "api"})]),
    ("a changed field sends the whole body again, one request", EXISTING, dict(name="web", size="large", secret_note="PEM2"),
     [("PATCH", "/widgets/w-web", {"name": "web", "pem": "PEM2"})]),
    ("nothing changed: nothing sent", EXISTING, dict(name="web", size="small", secret_note="PEM2"), []),
])
def test_body_from_and_update_whole(what, widgets, params, sent):
    spec = replace(PEM_WIDGET, update_whole=True)
    client = FakeClient(widgets)
    full = dict(dict(state="present", new_name=None, size=None, zone=None, secret_note=None, tags=None, show_values=False,
                     wait=False, wait_timeout=60), **params)
    converge(spec, Task(params=full, connect=lambda: client))
    assert client.writes() == sent, what


# -- Read.lazy: a read the plan sends only when it needs it, once -----------------------------------------------------

@pytest.mark.parametrize("size, sent", [
    # The plan asks (a size changes): one read, however often it asks.
    ("large", [("GET", "/widgets/web"), ("GET", "/widgets/web/sizes"), ("PATCH", "/widgets/w-web", {"size": "large"})]),
    # The plan never asks: no read.
    ("small", [("GET", "/widgets/web")]),
])
def test_a_lazy_read_is_sent_on_the_first_call_only(size, sent):
    class SizesClient(FakeClient):
        def get(self, path):
            if path.endswith("/sizes"):
                self.sent.append(("GET", path))
                return [{"name": "small"}, {"name": "large"}]
            return super().get(path)

    def adjust(wanted, current, params, reads):
        if wanted.get("size") != current["size"]:
            first, second = reads["sizes"](), reads["sizes"]()
            assert first == second == [{"name": "small"}, {"name": "large"}]
        return wanted

    spec = replace(WIDGET, sections=(), adjust=adjust, reads=(Read("sizes", "/widgets/{name}/sizes", lazy=True),))
    client = SizesClient(EXISTING)
    full = dict(name="web", state="present", new_name=None, size=size, zone=None, secret_note=None, show_values=False,
                wait=False, wait_timeout=60)
    converge(spec, Task(params=full, connect=lambda: client))
    assert client.sent == sent


# -- create_defaults with body_from: what Heroku requires and the options left unset -----------------------------------

def test_create_defaults_fill_what_a_body_from_the_options_leaves_unset():
    spec = replace(WIDGET, body_from={"name": "name", "size": "size", ("zone", "name"): "zone"},
                   create_defaults={"size": "small", ("zone", "name"): "z1"})
    _result, client = run(dict(name="api"), spec=spec)
    assert client.sent[-1] == ("POST", "/widgets", {"name": "api", "size": "small", "zone": {"name": "z1"}})
    _result, client = run(dict(name="api", size="large", zone="z2"), spec=spec)
    assert client.sent[-1] == ("POST", "/widgets", {"name": "api", "size": "large", "zone": {"name": "z2"}})
    # An existing widget keeps what it has: the defaults go with creation only.
    result, client = run(dict(name="web"), widgets={"web": dict(EXISTING["web"], size="large")}, spec=spec)
    assert result["changed"] is False and client.writes_sent == 0 and result["widget"]["size"] == "large"


# -- Generations.owners with features: the owner's option stands for another name of the table ------------------------

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Generations  # noqa: E402


class OwnedClient:
    """Spaces by name, and a space's tunnels (none yet): what a resource owned by a space reads."""

    def __init__(self, generation):
        self.space = dict(id="s-1", name="lab", generation={"name": generation})
        self.sent = []

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return copy.deepcopy(self.space) if path == "/spaces/lab" else None

    def post(self, path, body):
        self.sent.append(("POST", path, body))
        return dict(body, id="t-1")


@pytest.mark.parametrize("generation, sent, message", [
    # The space option stands for the table's "vpn": a Fir space refuses, naming the space, after one read of it.
    ("fir", [("GET", "/spaces/lab/tunnels/office"), ("GET", "/spaces/lab")],
     "A tunnel is not available on space lab, a Fir space: a Fir space has no VPN connections"),
    ("cedar", [("GET", "/spaces/lab/tunnels/office"), ("GET", "/spaces/lab"), ("POST", "/spaces/lab/tunnels", {"name": "office"})],
     None),
])
def test_an_owner_option_checked_under_the_tables_name_for_it(generation, sent, message):
    spec = Resource(noun="tunnel", result_key="tunnel", returned=dict(id=("id",), name=("name",)),
                    paths=Paths(item="/spaces/{space}/tunnels/{name}", create="/spaces/{space}/tunnels"),
                    identity="name", parent="space",
                    generations=Generations("space", "space", features=dict(space="vpn"), described=dict(space="A tunnel"),
                                            owners=dict(space="space.info")))
    client = OwnedClient(generation)
    task = Task(params=dict(name="office", space="lab", state="present"), connect=lambda: client)
    if message is None:
        assert converge(spec, task)["changed"] is True
    else:
        with pytest.raises(HerokuInputError) as raised:
            converge(spec, task)
        assert str(raised.value).startswith(message) and raised.value.option == "space"
    assert client.sent == sent


# A resource Heroku's API cannot create, in a parent whose generation may refuse it (a space's VPC peering).
PARENTED = replace(WIDGET, paths=Paths(item="/spaces/{space}/widgets/{id}"), parent="space", creatable=False,
                   sections=(), parent_read="/spaces/{space}")


def test_absent_on_a_resource_that_cannot_be_created_and_is_not_there_is_no_change():
    result, client = run(dict(state="absent", space="p"), spec=PARENTED)
    assert result["changed"] is False and client.sent == [("GET", "/spaces/p/widgets/web")]
    failed, _client = run(dict(space="p"), spec=PARENTED)
    assert failed["failed"] and "was not found" in failed["msg"]


def test_a_generation_refusal_names_the_parent_where_the_noun_is_the_parent():
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Generations
    spec = replace(PARENTED, generations=Generations("space", "space", parent="space", parent_read="/spaces/{space}",
                                                     features=dict(name="peering"), described=dict(name="VPC peering")))
    parents = {"fir-space": dict(id="p-1", name="fir-space", generation={"name": "fir"})}
    failed, client = run(dict(space="fir-space"), widgets=parents, spec=spec)
    assert failed["failed"] and failed["msg"].startswith("VPC peering is not available on space fir-space, a Fir space")
    assert client.writes() == []


# -- Detail(count=True) and switch_of: a list's size as a detail, a yes/no read from words -------------------------

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Detail, switch_of  # noqa: E402


class TeamsClient:
    """Teams by name; each team's members under its id (a list of 3 for t-1)."""

    def __init__(self):
        self.sent = []

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        return {"/teams/acme": dict(id="t-1", name="acme", type="enterprise"),
                "/teams/solo": dict(id="t-2", name="solo", type="team")}.get(path)

    def list(self, path, **options):
        self.sent.append(("GET", path))
        return [{"email": "%d@example.com" % number} for number in range({"/teams/t-1/members": 3}.get(path, 0))]


TEAM = Info(result_key="team", returned=dict(name=("name",), enterprise=("type",)), as_list=False,
            fields=(Field("enterprise", codec=switch_of(None, ("enterprise",))),),
            sources=(Source("name", "/teams/{name}", single=True),),
            details=(Detail("members_count", "/teams/{team}/members", count=True),))


@pytest.mark.parametrize("name, team", [
    ("acme", dict(name="acme", enterprise=True, members_count=3)),
    ("solo", dict(name="solo", enterprise=False, members_count=0)),
])
def test_a_detail_counts_a_lists_items_and_switch_of_reads_a_word_as_yes_or_no(name, team):
    client = TeamsClient()
    result = read_info(TEAM, Task(params=dict(name=name), connect=lambda: client))
    assert result["team"] == team
    assert client.sent == [("GET", "/teams/%s" % name), ("GET", "/teams/%s/members" % ("t-1" if name == "acme" else "t-2"))]


def test_switch_of_compares_the_option_with_its_word_and_what_heroku_holds_with_its_words():
    accepted = switch_of("accepted", ("provisioning", "active"))
    assert [accepted.normalize(state) for state in ("accepted", "absent")] == [True, False]
    assert [accepted.decode(status) for status in ("pending-acceptance", "provisioning", "active", None)] == [False, True, True, False]
    assert switch_of(None, ("enterprise",)).normalize is None


# -- answer_secrets: what Heroku's answer holds that only reveal shows ------------------------------------------------

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import mask_answer_secrets  # noqa: E402

TUNNELLED = Info(result_key="vpn", sources=(), answer_secrets=(("tunnels", "pre_shared_key"), ("token",)), reveal="show_values")


@pytest.mark.parametrize("item, show_values, shown", [
    (dict(name="office", tunnels=[dict(ip="52.0.0.1", pre_shared_key="psk-1"), dict(ip="52.0.0.2", pre_shared_key="psk-2")],
          token="t0k"), False,
     dict(name="office", tunnels=[dict(ip="52.0.0.1", pre_shared_key="********"), dict(ip="52.0.0.2", pre_shared_key="********")],
          token="********")),
    (dict(name="office", tunnels=[dict(ip="52.0.0.1", pre_shared_key="psk-1")], token="t0k"), True,
     dict(name="office", tunnels=[dict(ip="52.0.0.1", pre_shared_key="psk-1")], token="t0k")),
    # Nothing there yet (a connection still pending): nothing to mask, nothing added.
    (dict(name="office", tunnels=[], token=None), False, dict(name="office", tunnels=[], token=None)),
    (dict(name="office"), False, dict(name="office")),
])
def test_answer_secrets_are_masked_along_their_path_unless_revealed(item, show_values, shown):
    assert mask_answer_secrets(TUNNELLED, item, dict(show_values=show_values)) == shown


# -- a create_only field whose option a Section changes (a pipeline's owner) --------------------------------------------

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import update_bodies  # noqa: E402


def test_a_create_only_field_stays_out_of_update_bodies_when_a_section_of_its_option_changes():
    spec = Resource(noun="pipeline", result_key="pipeline", returned={}, paths=Paths(item="/pipelines/{pipeline}"),
                    identity="name", fields=(Field("owner", create_only=True), Field("new_name", body_key="name", create=False)),
                    sections=(Section("owner", lambda *args: None, lambda *args: None),))
    bodies = update_bodies(spec, {"owner": ("ops@example.com", "acme"), "new_name": ("shop", "shop-eu")})
    assert bodies == {None: {"name": "shop-eu"}}
