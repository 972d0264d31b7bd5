# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The input_errors filter: the modules' own checks on options given as data, messages naming the variable."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.herokuops.platform.plugins.filter.input_errors import FilterModule

input_errors = FilterModule().filters()["input_errors"]


def test_good_options_give_no_message():
    assert input_errors({"app": "shop-web", "url": "syslog+tls://logs.example.com:6514"}, "heroku_drain", "drains") == []
    assert input_errors([], "heroku_drain", "drains") == []


def test_each_item_of_a_list_is_named_by_its_index_and_empty_values_count_as_not_given():
    drains = [{"app": "shop-web", "url": "https://logs.example.com/x", "replaces": ""},
              {"app": "shop-web", "url": "ftp://logs.example.com", "replaces": None}]
    assert [message.split(" must ")[0] for message in input_errors(drains, "heroku_drain", "heroku_app_drains")] == [
        "heroku_app_drains[1]: url"]


def test_a_dict_of_variables_names_the_variable_of_the_option_at_fault():
    app = {"name": "shop-web", "region": "eu", "team": "acme team"}
    assert input_errors(app, "heroku_app", {"name": "heroku_app_name", "team": "heroku_app_team"}) == [
        "heroku_app_team: team='acme team' is not a valid team name: use letters, digits, dots, dashes and underscores, "
        "starting with a letter or digit (or its id)."]
    # An empty name: the message as the module words it.
    assert input_errors({"app": "shop-web", "processes": [{"type": "web", "size": "huge"}]}, "heroku_formation", "")[0].startswith(
        "processes[0] (type web): size 'huge' is not a Heroku dyno size.")


def test_keys_give_options_under_other_names_and_messages_name_the_key():
    shared = [{"app": "shop-web", "addon": "shop-logs", "as": "LOGS"}, {"app": "shop-web", "addon": "shop-logs", "as": "1LOGS"},
              {"app": "shop-web", "as": "LOGS"}]
    errors = input_errors(shared, "heroku_addon_attachment", "heroku_app_attachments", keys={"as": "name"})
    assert errors[0] == ("heroku_app_attachments[1].as: name='1LOGS' must start with a letter and hold only letters, digits "
                         "and underscores, like DATABASE.")
    # Ansible's own checks name no option: the item only.
    assert errors[1] == "heroku_app_attachments[2]: state is present but all of the following are missing: addon"
    assert len(errors) == 2


def test_ansibles_own_argument_checks_run_first():
    assert input_errors({"app": "shop-web", "certificate": "x"}, "heroku_certificate", "cert") == [
        "cert: state is present but all of the following are missing: private_key"]
    assert input_errors({"app": "shop-web", "url": "https://h.example.com", "colour": "red"}, "heroku_drain", "d")[0].startswith(
        "d: unsupported parameters for heroku_drain: colour. Supported parameters include: ")


def test_messages_never_show_a_secret():
    secret = "s3cr3t-webhook-value"
    messages = input_errors({"app": "shop-web", "url": "https://hooks.example.com", "include": ["api:nope"],
                             "secret": secret, "authorization": "Bearer " + secret}, "heroku_webhook", "hooks")
    assert messages and not any(secret in message for message in messages)
    # A value Ansible cannot convert is quoted by its message: a no_log one is masked there too.
    messages = input_errors({"app": "shop-web", "certificate": "x", "private_key": {"pem": secret}}, "heroku_certificate", "c")
    assert messages and not any(secret in message for message in messages)


@pytest.mark.parametrize("module", ["heroku_nope", "ansible.builtin.copy", None])
def test_an_unknown_module_is_an_error_of_the_template(module):
    with pytest.raises(AnsibleFilterError, match="is not a module of herokuops.platform"):
        input_errors({}, module, "x")
