# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_estate_export's decisions: which drain URLs may be written, the YAML it writes (read back as written,
templates never evaluated), references instead of secrets, and the role's variables made of Heroku's answers."""

from __future__ import annotations

import pytest
import yaml

from ansible_collections.herokuops.platform.plugins.module_utils._estate_export import (
    plain_url, plan, reference, validate, variables, yaml_text,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError

SECRET = "pa55word"


class UnsafeLoader(yaml.SafeLoader):
    """YAML as Ansible reads it: ``!unsafe`` marks a string Ansible never templates."""


UnsafeLoader.add_constructor("!unsafe", lambda loader, node: ("unsafe", loader.construct_scalar(node)))


@pytest.mark.parametrize("url, plain", [
    ("syslog+tls://logs.example.com", True),
    ("https://logs.example.com/", True),
    ("syslog+tls://logs.example.com:6514", False),
    ("https://user:%s@logs.example.com" % SECRET, False),
    ("https://:%s@logs.example.com" % SECRET, False),
    ("https://logs.example.com/%s" % SECRET, False),
    ("https://logs.example.com/?token=%s" % SECRET, False),
    ("https://logs.example.com/#%s" % SECRET, False),
    ("syslog://logs.example.com:port", False),
    (SECRET, False),
])
def test_a_drain_url_is_written_only_when_it_is_a_scheme_and_a_host(url, plain):
    assert plain_url(url) is plain


def test_the_yaml_reads_back_as_written_and_marks_templates_from_heroku_unsafe():
    found = {
        "heroku_app_name": "acme-web", "heroku_app_maintenance": False, "heroku_app_buildpacks": [],
        "heroku_app_features": {"preboot": True, "on": False, "odd key: yes": True},
        "heroku_app_config": {"SECRET_KEY": reference("vault_heroku", "config", "acme-web", "SECRET_KEY"),
                              "it's": reference("vault_heroku", "config", "acme-web", "it's")},
        "heroku_app_webhooks": [{"url": "https://hooks.example.com/{{ lookup('env', 'HOME') }}", "include": ["api:app"],
                                 "level": "notify"}],
        "heroku_app_formation": [{"type": "web", "quantity": 2, "size": "Standard-1X"}],
        "heroku_app_domains": [],
    }
    text = yaml_text(found)
    read = yaml.load(text, Loader=UnsafeLoader)  # noqa: S506  # a SafeLoader with one more tag
    assert read["heroku_app_webhooks"][0]["url"] == ("unsafe", found["heroku_app_webhooks"][0]["url"])
    read["heroku_app_webhooks"][0]["url"] = found["heroku_app_webhooks"][0]["url"]
    assert read == found
    assert list(read) == list(found)
    # The references are templates of the user's variables, quoted so that Jinja reads each key as one string.
    assert read["heroku_app_config"]["it's"] == "{{ vault_heroku_config['acme-web']['it\\'s'] }}"
    assert "  preboot: true\n" in text and '  "on": false\n' in text


def params(**given):
    return dict(dict(dest="/srv/estate", team=None, apps=None, secrets="omit", reference_prefix="vault_heroku",
                     inventory=True, concurrency=1), **given)


def heroku_app(**given):
    item = dict(
        app=dict(id="app-1", name="acme-web", region={"name": "eu"}, stack={"name": "heroku-24"}, team={"name": "acme"},
                 maintenance=False, space=None),
        generation="cedar", coupling={"pipeline": {"name": "shop"}, "stage": "production"},
        config_keys=["DATABASE_URL", "LOG_LEVEL", "SECRET_KEY"],
        formation=[{"type": "web", "quantity": 2, "size": "Standard-1X"}],
        addons=[{"id": "db-1", "name": "acme-db", "state": "provisioned", "app": {"id": "app-1", "name": "acme-web"},
                 "plan": {"name": "heroku-postgresql:essential-0"}},
                {"id": "db-2", "name": "other-db", "state": "provisioned", "app": {"id": "app-2", "name": "acme-api"},
                 "plan": {"name": "heroku-postgresql:essential-0"}}],
        attachments=[{"name": "DATABASE", "namespace": None,
                      "addon": {"id": "db-1", "name": "acme-db", "app": {"id": "app-1", "name": "acme-web"}}},
                     {"name": "API_DB", "namespace": "role:reader",
                      "addon": {"id": "db-2", "name": "other-db", "app": {"id": "app-2", "name": "acme-api"}}}],
        domains=[{"hostname": "acme-web.herokuapp.com", "kind": "heroku"}, {"hostname": "www.acme.com", "kind": "custom"}],
        drains=[{"url": "https://u:%s@logs.example.com/x" % SECRET, "token": "d.2", "addon": None},
                {"url": "syslog+tls://logs.example.net", "token": "d.1", "addon": None},
                {"url": "syslog://logs.papertrailapp.com:1234", "token": "d.3", "addon": {"name": "papertrail-1"}}],
        telemetry_drains=[],
        collaborators=[{"user": {"email": "owner@example.com"}, "role": "owner", "permissions": []},
                       {"user": {"email": "Bob@example.com"}, "role": "member",
                        "permissions": [{"name": "view"}, {"name": "deploy"}]}],
        webhooks=[{"url": "https://hooks.example.com/h", "include": ["api:release", "api:app"], "level": "sync"}],
        buildpacks=[{"ordinal": 1, "buildpack": {"name": "heroku/nodejs", "url": "https://x/nodejs.tgz"}},
                    {"ordinal": 0, "buildpack": {"name": None, "url": "https://github.com/acme/bp"}}],
        features=[{"name": "preboot", "enabled": True}, {"name": "log-runtime-metrics", "enabled": False}],
    )
    item.update(given)
    return item


def test_the_variables_of_an_app_leave_secrets_out():
    found, user_keys, addon_keys, left_out = variables(heroku_app(), params())
    assert found == {
        "heroku_app_name": "acme-web", "heroku_app_region": "eu", "heroku_app_stack": "heroku-24",
        "heroku_app_team": "acme", "heroku_app_buildpacks": ["https://github.com/acme/bp", "heroku/nodejs"],
        "heroku_app_features": {"log-runtime-metrics": False, "preboot": True}, "heroku_app_maintenance": False,
        "heroku_app_addons": [{"name": "acme-db", "plan": "heroku-postgresql:essential-0", "attachment_name": "DATABASE"}],
        "heroku_app_attachments": [{"addon": "other-db", "as": "API_DB", "namespace": "role:reader"}],
        "heroku_app_domains": [{"hostname": "www.acme.com"}],
        "heroku_app_drains": [{"url": "syslog+tls://logs.example.net"}],
        "heroku_app_collaborators": [{"email": "Bob@example.com", "permissions": ["deploy", "view"]}],
        "heroku_app_webhooks": [{"url": "https://hooks.example.com/h", "include": ["api:app", "api:release"], "level": "sync"}],
        "heroku_app_formation": [{"type": "web", "quantity": 2, "size": "Standard-1X"}],
        "heroku_app_pipeline": "shop", "heroku_app_pipeline_stage": "production",
    }
    assert (user_keys, addon_keys) == (["LOG_LEVEL", "SECRET_KEY"], ["DATABASE_URL"])
    assert left_out == ["log drain d.2 (https://logs.example.com/********): its URL may hold credentials"]
    assert SECRET not in repr((found, left_out))


def test_with_references_the_secrets_are_templates_of_the_users_variables():
    found, _user_keys, _addon_keys, left_out = variables(heroku_app(), params(secrets="reference", reference_prefix="v"))
    assert found["heroku_app_config"] == {"LOG_LEVEL": "{{ v_config['acme-web']['LOG_LEVEL'] }}",
                                          "SECRET_KEY": "{{ v_config['acme-web']['SECRET_KEY'] }}"}
    # In the order of their tokens.
    assert found["heroku_app_drains"] == [{"url": "syslog+tls://logs.example.net"},
                                          {"url": "{{ v_drains['acme-web']['d.2'] }}"}]
    assert not [reason for reason in left_out if "drain" in reason]


def test_a_fir_app_has_telemetry_drains_and_no_stack_buildpacks_or_log_drains():
    fir = heroku_app(generation="fir", drains=[],
                     app=dict(heroku_app()["app"], acm=True), buildpacks=None, coupling={"pipeline": {"name": "ci"}, "stage": "test"},
                     telemetry_drains=[{"signals": ["traces", "logs"], "exporter": {
                         "type": "otlp", "endpoint": "https://otel.example.com", "headers": {"x-key": SECRET}}}])
    found, _user_keys, _addon_keys, left_out = variables(fir, params())
    assert not set(found) & {"heroku_app_stack", "heroku_app_buildpacks", "heroku_app_drains", "heroku_app_pipeline"}
    assert found["heroku_app_telemetry_drains"] == [{"endpoint": "https://otel.example.com", "signals": ["logs", "traces"],
                                                     "exporter": "otlp"}]
    assert "the headers of telemetry drain https://otel.example.com (x-key): secrets" in left_out
    assert "Automated Certificate Management is on (the role has no variable for it; herokuops.platform.heroku_app " \
           "has acm)" in left_out
    assert "its coupling to pipeline ci at stage test (the role's heroku_app_pipeline_stage takes review, development, " \
           "staging, production)" in left_out
    assert SECRET not in repr((found, left_out))


def test_only_the_files_that_differ_are_written():
    state = dict(apps=[heroku_app()], directories=[], requests=12, files={})
    first = plan(dict(state, files={"host_vars/acme-web.yml": None, "heroku.yml": None}), params())
    assert first.changed and first.work["to_write"] == ["host_vars/acme-web.yml", "heroku.yml"]
    texts = first.work["texts"]
    same = plan(dict(state, files=dict((name, (text, 0o600)) for name, text in texts.items())), params())
    assert not same.changed and same.diff == ("", "")
    loose = plan(dict(state, files={"host_vars/acme-web.yml": (texts["host_vars/acme-web.yml"], 0o644),
                                    "heroku.yml": (texts["heroku.yml"], 0o600)}), params())
    assert loose.work["to_write"] == ["host_vars/acme-web.yml"]
    # Only the mode differs: the diff says so.
    assert loose.diff[0].startswith("==> host_vars/acme-web.yml (mode 0644) <==\n# Written by")
    assert loose.diff[1].startswith("==> host_vars/acme-web.yml <==\n# Written by")
    assert SECRET not in repr(first)


@pytest.mark.parametrize("given, message", [
    (dict(dest="estate"), "dest='estate' is a relative path"),
    (dict(reference_prefix="vault-heroku"), "reference_prefix='vault-heroku' is not a variable name"),
    (dict(reference_prefix=""), "reference_prefix='' is not a variable name"),
    (dict(apps=[]), "apps is empty"),
])
def test_bad_input_fails_naming_the_option(given, message):
    with pytest.raises(HerokuInputError, match=message.replace("[", r"\[")):
        validate(params(**given))
