# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The converge runner's parts one by one, as tables: paths (heroku_paths and how a run fills them), look-up in a
parent's list, the plan (changes, diff, prediction), the bodies and answers of the apply part, and the result's
write-only flags. test_heroku_runner.py runs them together on a made-up resource."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_runner as runner
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuAPIError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import method, path, placeholders, request, send
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    NAMED_OBJECTS, NAMES, Codec, Field, Paths, Resource, Section,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import Param


def spec(**overrides):
    base = dict(noun="widget", result_key="widget", returned=dict(id=("id",), name=("name",), size=("size",)),
                paths=Paths(item="/shops/{shop}/widgets/{widget}", create="/shops/{shop}/widgets",
                            list="/shops/{shop}/widgets"),
                identity="name", parent="shop")
    base.update(overrides)
    return Resource(**base)


def run_of(resource, client=None, desired=None, **params):
    task = runner.Task(params=dict(dict(shop="s1", name="w1", state="present"), **params), connect=lambda: client)
    return runner.Run(resource, task, desired or {})


# -- paths ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("operation, values, expected", [
    ("domain.info", dict(app="acme-web", domain="www.example.com"), "/apps/acme-web/domains/www.example.com"),
    # Whatever a user typed is one path segment: a slash or a dot-dot cannot reach another path.
    ("domain.info", dict(app="acme-web", domain="../../account"), "/apps/acme-web/domains/..%2F..%2Faccount"),
    ("space-app-access.update", dict(space="acme-eu", account="dev@example.com"), "/spaces/acme-eu/members/dev@example.com"),
    # A template the schema does not have (the widgets here) is used as given.
    ("/shops/{shop}/widgets/{widget}", dict(shop="s 1", widget="w1"), "/shops/s%201/widgets/w1"),
])
def test_path_fills_each_placeholder_by_name_quoted(operation, values, expected):
    assert path(operation, **values) == expected


def test_a_missing_placeholder_is_the_collections_mistake_and_says_which():
    with pytest.raises(KeyError, match="domain.info needs domain, given app"):
        path("domain.info", app="acme-web")


def test_method_and_request_come_from_the_operation():
    assert method("domain.create") == "POST" and method("/widgets/{widget}", "PATCH") == "PATCH"
    assert placeholders("domain.info") == ["app", "domain"]
    assert request("domain.create", {"hostname": "a.example.com"}, app="acme-web") == (
        "POST", "/apps/acme-web/domains", {"hostname": "a.example.com"}, None)


class Refusing:
    """A client that answers each request with its number, and refuses the ones numbered in ``refused``."""

    def __init__(self, *refused):
        self.refused, self.sent = refused, []

    def request(self, method_, path_, body=None):
        self.sent.append((method_, path_))
        if len(self.sent) in self.refused:
            raise HerokuAPIError(method_, path_, 422, "invalid_params", "Refused.")
        return len(self.sent)


LEFT = "attached as NEW, and still as OLD: detach OLD to finish"
RENAME = [request("add-on-attachment.create", {"name": "NEW"}),
          request("add-on-attachment.delete", left=LEFT, add_on_attachment="old-id")]


def test_requests_are_sent_in_order_and_a_failure_after_a_write_says_what_is_left():
    client = Refusing()
    assert send(client, RENAME) == [1, 2]
    assert client.sent == [("POST", "/addon-attachments"), ("DELETE", "/addon-attachments/old-id")]
    with pytest.raises(HerokuAPIError) as second:
        send(Refusing(2), RENAME)
    assert "Refused." in str(second.value) and LEFT in str(second.value)
    # Nothing took effect before the first request: nothing is left, nothing said.
    first = Refusing(1)
    with pytest.raises(HerokuAPIError) as refused:
        send(first, RENAME)
    assert LEFT not in str(refused.value) and first.sent == [("POST", "/addon-attachments")]


@pytest.mark.parametrize("operation, own, expected", [
    # The last placeholder is the resource itself, the one before its parent, whatever the schema calls them.
    ("/shops/{shop}/widgets/{widget}", "w-id", "/shops/s1/widgets/w-id"),
    ("space-app-access.info", "dev@example.com", "/spaces/s1/members/dev@example.com"),
    # Any other placeholder takes the option of its name.
    ("/regions/{region}/shops/{shop}/widgets/{widget}", "w-id", "/regions/eu/shops/s1/widgets/w-id"),
])
def test_a_run_fills_its_own_placeholder_then_the_parent_then_options_by_name(operation, own, expected):
    assert runner.resource_path(run_of(spec(), region="eu"), operation, own) == expected


def test_a_collection_path_ends_with_the_parent():
    assert runner.collection_path(run_of(spec()), "/shops/{shop}/widgets") == "/shops/s1/widgets"


@pytest.mark.parametrize("address, rep, expected", [
    (("id",), {"id": "w-id", "name": "w1"}, "w-id"),
    # A resource whose id is not what Heroku's paths take (a space member: its email).
    (("user", "email"), {"id": "r-1", "user": {"email": "dev@example.com"}}, "dev@example.com"),
])
def test_a_found_resource_is_addressed_as_the_spec_says(address, rep, expected):
    assert runner.address(run_of(spec(address=address)), rep) == expected


# -- look-up in the parent's list -------------------------------------------------------------------

class Listing:
    def __init__(self, items):
        self.items = items
        self.sent = []

    def list_or_none(self, where):
        self.sent.append(where)
        return self.items


@pytest.mark.parametrize("items, params, expected", [
    ([{"id": "a", "url": "https://x"}, {"id": "b", "url": "https://y"}], dict(url="https://y"), "b"),
    ([{"id": "a", "url": "https://x"}], dict(url="https://z"), None),
    # Not found at the old identity, found at the new one: a rename an earlier run already did.
    ([{"id": "a", "url": "https://new"}], dict(url="https://old", new_url="https://new"), "a"),
])
def test_find_by_reads_the_parents_list_once(items, params, expected):
    resource = spec(identity="url", find_by="url", rename="new_url")
    client = Listing(items)
    found = runner.find_in_list(run_of(resource, client, **params))
    assert (found or {}).get("id") == expected and client.sent == ["/shops/s1/widgets"]


def test_find_by_reports_two_matches_with_their_ids_and_a_missing_parent():
    resource = spec(identity="url", find_by="url", parent_missing="Shop %(shop)s was not found.")
    twins = Listing([{"id": "b", "url": "https://x"}, {"id": "a", "url": "https://x"}])
    with pytest.raises(HerokuStateError, match=r"Shop s1 has 2 widgets with url https://x \(a, b\): remove all but one."):
        runner.find_in_list(run_of(resource, twins, url="https://x"))
    with pytest.raises(HerokuStateError, match="Shop s1 was not found."):
        runner.find_in_list(run_of(resource, Listing(None), url="https://x"))
    # Absent is absent, whether or not the parent is there.
    assert runner.find_in_list(run_of(resource, Listing(None), url="https://x", state="absent")) is None


# -- plan -------------------------------------------------------------------------------------------

PLAN_SPEC = spec(
    fields=(Field("size"), Field("tags", unordered=True), Field("labels"), Field("zone", create_only=True),
            Field("new_name", key="name", body_key="name", create=False)),
    returned=dict(id=("id",), name=("name",), size=("size",), tags=("tags",), labels=("labels",)),
    rename="new_name",
)


@pytest.mark.parametrize("desired, shown, expected", [
    (dict(size="large"), dict(size="small"), dict(size=("small", "large"))),
    (dict(size="small"), dict(size="small"), {}),
    # A set: another order is no change, another member is.
    (dict(tags=["a", "b"]), dict(tags=["a", "b"]), {}),
    (dict(tags=["a", "c"]), dict(tags=["a", "b"]), dict(tags=(["a", "b"], ["a", "c"]))),
    # A dict compares only the keys the user gave; None removes a key.
    (dict(labels={"x": "1", "gone": None}), dict(labels={"x": "1", "gone": "2", "kept": "3"}),
     dict(labels=({"gone": "2"}, {"gone": None}))),
    # What is only sent on creation is never compared.
    (dict(zone="z2"), dict(zone="z1"), {}),
])
def test_plan_changes_compares_only_what_the_user_set(desired, shown, expected):
    assert runner.plan_changes(PLAN_SPEC, desired, shown, {}, {}) == expected


def test_the_diff_is_keyed_like_the_result_and_the_prediction_applies_the_changes():
    changes = dict(new_name=("w1", "w2"), labels=({"gone": "2"}, {"gone": None}))
    before, after = runner.keyed_diff(PLAN_SPEC, changes)
    assert before == {"name": "w1", "labels": {"gone": "2"}} and after == {"name": "w2", "labels": {"gone": None}}
    shown = dict(id="w-id", name="w1", labels={"gone": "2", "kept": "3"})
    assert runner.predict(PLAN_SPEC, shown, changes) == dict(id="w-id", name="w2", labels={"kept": "3"})


def test_a_sections_changed_as_says_in_the_diff_how_a_change_is_made_and_the_prediction_keeps_the_value():
    resource = spec(sections=(Section("alias", read="/a", write="/a", changed_as="%(after)s made, then %(before)s removed"),))
    before, after = runner.keyed_diff(resource, dict(alias=("OLD", "NEW"), size=("s", "l")))
    assert before == {"alias": "OLD", "size": "s"} and after == {"alias": "NEW made, then OLD removed", "size": "l"}
    # Nothing there before: the plain value.
    assert runner.keyed_diff(resource, dict(alias=(None, "NEW")))[1] == {"alias": "NEW"}
    assert runner.predict(resource, dict(alias="OLD"), dict(alias=("OLD", "NEW"))) == dict(alias="NEW")


def test_check_mode_predicts_a_creation_from_the_options_and_the_spec():
    resource = spec(returned=dict(id=("id",), name=("name",), shop=("shop", "name"), size=("size",), kind=("kind",)),
                    fields=(Field("size"),), predicted=dict(kind="standard", size=Param("default_size")))
    run_ = run_of(resource, desired=dict(size="large"), default_size="small")
    # The identity, the parent, what the spec says, then the wanted values over them; the rest unknown.
    assert runner.predict_created(run_) == dict(id=None, name="w1", shop="s1", size="large", kind="standard")


# -- apply --------------------------------------------------------------------------------------------

def test_update_bodies_group_fields_by_operation_nest_and_encode_them():
    resource = spec(fields=(
        Field("size"), Field("locked", update="team-app.update"),
        Field("attachment_name", body_key=("attachment", "name")),
        Field("perms", codec=NAMED_OBJECTS),
        Field("zone", immutable="create another widget."),
    ))
    changes = dict(size=("s", "l"), locked=(False, True), attachment_name=("A", "B"), perms=([], ["x"]), zone=("1", "2"))
    assert runner.update_bodies(resource, changes) == {
        None: {"size": "l", "attachment": {"name": "B"}, "perms": [{"name": "x"}]},
        "team-app.update": {"locked": True},
    }


def test_a_whole_body_field_is_the_body():
    resource = spec(fields=(Field("config", whole_body=True, update="config-var.update"),))
    assert runner.update_bodies(resource, dict(config=({}, {"A": "1"}))) == {"config-var.update": {"A": "1"}}


@pytest.mark.parametrize("rep, answers, expected", [
    (dict(id="a", size="s", name="w"), [dict(size="l"), dict(locked=True)], dict(id="a", size="l", name="w", locked=True)),
    # A batch update answers the items it changed; the others stay as they were.
    ([dict(id="web", quantity=1), dict(id="worker", quantity=1)], [[dict(id="worker", quantity=3)]],
     [dict(id="web", quantity=1), dict(id="worker", quantity=3)]),
    (dict(id="a"), [None], dict(id="a")),
])
def test_answers_merge_into_what_was_found(rep, answers, expected):
    assert runner.merge_answers(rep, answers) == expected


def test_sections_and_fields_decode_what_heroku_returns():
    resource = spec(returned=dict(id=("id",), perms=("perms",), roles=("roles",)),
                    fields=(Field("perms", unordered=True, codec=NAMES), Field("roles", codec=Codec(decode=str.upper))))
    rep = dict(id="a", perms=[{"name": "b"}, {"name": "a"}, {"name": "b"}], roles="admin")
    assert runner.present(resource.returned, resource.fields, rep, {}) == dict(id="a", perms=["a", "b"], roles="ADMIN")
    assert Section("tags", read="/shops/{shop}/widgets/{widget}/tags", write="/shops/{shop}/widgets/{widget}/tags").option == "tags"


# -- result -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("after, diff_after, secret, expected", [
    # Created: the whole new resource is the diff, its id included.
    (dict(id="h1"), dict(id="h1", url="u"), "s3", dict(secret_sent=True)),
    # Changed along with other fields, or alone.
    (dict(id="h1"), dict(secret_sent="********"), "s3", dict(secret_sent=True)),
    (dict(id="h1"), dict(level="sync"), "s3", dict(secret_sent=False)),
    (dict(id="h1"), dict(id="h1"), None, dict(secret_sent=False)),
    # Nothing is there (removed): nothing to say.
    ({}, {}, "s3", {}),
])
def test_write_only_fields_say_whether_this_run_sent_them(after, diff_after, secret, expected):
    resource = spec(fields=(Field("secret", key="secret_sent", write_only="update_secret"),))
    assert runner.write_only_sent(resource, dict(secret=secret), after, diff_after) == expected
