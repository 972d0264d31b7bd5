# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks of what users type (heroku_validate), as tables."""

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_option


@pytest.mark.parametrize("email", [
    "someone@example.com",
    "Dana@Example.com",
    "first.last+ops@mail.example.co.uk",
    "o'brien@example.ie",
    "a_b-c=d@example.com",
    "x@sub-domain.example.io",
    "a" * 64 + "@example.com",
])
def test_emails_heroku_takes_pass(email):
    check_name("email", email, "email", ids=False)


@pytest.mark.parametrize("email, why", [
    ("a?b=1@example.com", "a query mark"),
    ("a#b@example.com", "a fragment mark"),
    ("a/b@example.com", "a slash"),
    ("dev@example.com/../../account", "a slash in the domain"),
    ("a b@example.com", "a space"),
    ("ab@example.com\n", "a trailing newline"),
    ("a\tb@example.com", "a tab"),
    ("a\x00b@example.com", "a control character"),
    ("a\x7fb@example.com", "DEL"),
    ("a@b@example.com", "two @"),
    ("someone@localhost", "an undotted domain"),
    ("someone@example.c", "a one-letter top-level domain"),
    ("someone@-example.com", "a label starting with a dash"),
    ("@example.com", "no local part"),
    ("someone@", "no domain"),
    ("someone", "no @"),
    (".someone@example.com", "a leading dot"),
    ("some..one@example.com", "two dots in a row"),
    ("someone.@example.com", "a trailing dot"),
    ("a" * 65 + "@example.com", "a local part over 64 characters"),
    ("someone@example.com?x=1", "a query after the domain"),
])
def test_emails_that_are_not_addresses_fail_naming_the_option(email, why):
    with pytest.raises(HerokuInputError, match=r"^collaborators\[0\]\.email=.* is not a valid email: use an email address"):
        check_name("collaborators[0].email", email, "email", ids=False)


def test_an_email_option_may_take_an_id_where_heroku_does():
    check_name("email", "01234567-89ab-cdef-0123-456789abcdef", "email")
    with pytest.raises(HerokuInputError):
        check_name("email", "01234567-89ab-cdef-0123-456789abcdef", "email", ids=False)


# (option, value, kind, the failure's message or None, the option it names)
CHECKS_TABLE = [
    ("plan", "heroku-postgresql:essential-0", "addon_plan", None),
    ("plan", "heroku-redis", "addon_plan", None),
    ("plan", "Not A Plan!", "addon_plan",
     "plan='Not A Plan!' is not an add-on plan: use service:plan (heroku-postgresql:essential-0) or a service (heroku-redis)."),
    ("plan", "heroku-redis:", "addon_plan", "plan='heroku-redis:' is not an add-on plan"),
    ("attachment_name", "PRIMARY_2", "attachment_name", None),
    ("attachment_name", "MY-CACHE", "attachment_name",
     "attachment_name='MY-CACHE' must start with a letter and hold only letters, digits and underscores, like DATABASE."),
    ("attachment_name", "2DB", "attachment_name", "attachment_name='2DB' must start with a letter"),
    ("config", {"FORK": "postgres://u:p@h/db", "N": 1, "ON": True}, "scalar_values", None),
    ("config", {"FOLLOW": None}, "scalar_values", "config.FOLLOW must be a string, a number or a boolean, not null."),
    ("config", {"FORK": ["postgres://u:p@h/db"]}, "scalar_values", "config.FORK must be a string, a number or a boolean, not a list."),
    ("members", [{"email": "a@example.com"}, {"email": "b@example.com"}], ("unique_emails", ("email", "member")), None),
    ("members", [{"email": "a@example.com"}, {"email": "A@Example.com"}], ("unique_emails", ("email", "member")),
     "members lists A@Example.com twice (members[0] and members[1]; emails compare without case): list each member once."),
    ("members", [{"email": "a@example.com"}, {"email": "not an email"}], ("unique_emails", ("email", "member")),
     "members[1].email='not an email' is not a valid email"),
    ("features", {"preboot": "yes", "runtime-dyno-metadata": 0}, ("switches", "feature"), None),
    ("features", {"preboot": "maybe"}, ("switches", "feature"),
     "features.preboot='maybe' is not a boolean: use true to enable the feature, false to disable it."),
    ("features", {"preboot": "off", "runtime-dyno-metadata": True}, ("switches", "feature"), None),
    ("features", {"../x": True}, ("switches", "feature"), "features.../x='../x' is not a valid feature name"),
    ("features", {"Preboot": True}, ("switches", "feature"), "features.Preboot='Preboot' is not a valid feature name"),
]


@pytest.mark.parametrize("option, value, kind, message", CHECKS_TABLE)
def test_checks_name_the_option_and_never_show_a_config_value(option, value, kind, message):
    if message is None:
        check_option(option, value, kind)
        return
    with pytest.raises(HerokuInputError) as raised:
        check_option(option, value, kind)
    # An item's failure names the item (members[1].email), within the option.
    assert str(raised.value).startswith(message) and raised.value.option.startswith(option)
    assert "postgres://" not in str(raised.value)


# -- one_or_more: a list of one value or more from a fixed set, every value not allowed named at once -----------------

COLORS = ("one_or_more", ("widget color", ("red", "blue")))


@pytest.mark.parametrize("value, message", [
    (None, None),
    (["blue"], None),
    (["red", "blue", "red"], None),
    ([], "colors is empty: name at least one widget color (any of red, blue)."),
    (["red", "green"], "colors: 'green' is not a widget color: use red, blue."),
    (["pink", "blue", "green"], "colors: 'pink', 'green' are not a widget color: use red, blue."),
])
def test_one_or_more_names_the_option_and_what_is_allowed(value, message):
    if message is None:
        check_option("colors", value, COLORS)
        return
    with pytest.raises(HerokuInputError) as raised:
        check_option("colors", value, COLORS)
    assert str(raised.value) == message and raised.value.option == "colors"


# -- a VPN connection's customer gateway (a public IPv4 address) and routable networks (IPv4 CIDR blocks) -----------

@pytest.mark.parametrize("kind, value, message", [
    ("public_ipv4", None, None),
    ("public_ipv4", "35.161.69.30", None),
    ("public_ipv4", "35.161.69", "public_ip='35.161.69' is not an IPv4 address like 35.161.69.30."),
    ("public_ipv4", "035.161.69.30", "public_ip='035.161.69.30' is not an IPv4 address"),
    ("public_ipv4", "2600:1f18::1", "public_ip='2600:1f18::1' is not an IPv4 address: Heroku's VPN gateways take IPv4 only."),
    ("public_ipv4", "10.1.2.3", "public_ip='10.1.2.3' is not a public address"),
    ("public_ipv4", "127.0.0.1", "public_ip='127.0.0.1' is not a public address"),
    ("public_ipv4", "198.51.100.7", "public_ip='198.51.100.7' is not a public address"),
    ("cidr_blocks", None, None),
    ("cidr_blocks", ["172.16.0.0/16", "192.168.4.0/24"], None),
    ("cidr_blocks", [], "routable_cidrs is empty: name at least one IPv4 CIDR block like 172.16.0.0/16."),
    ("cidr_blocks", ["172.16.0.0/16", "172.16.0.0"], "routable_cidrs[1]='172.16.0.0' is not an IPv4 CIDR block like "
                                                     "172.16.0.0/16: write its prefix length."),
    ("cidr_blocks", ["172.16.0.0/33"], "routable_cidrs[0]='172.16.0.0/33' is not an IPv4 CIDR block like 172.16.0.0/16"),
    ("cidr_blocks", ["fd00::/8"], "routable_cidrs[0]='fd00::/8' is not an IPv4 CIDR block like 172.16.0.0/16: Heroku takes IPv4"),
    (("vpn_connection", False), "office-2_b.x", None),
    (("vpn_connection", False), "my office", "name='my office' is not a valid vpn connection name"),
])
def test_a_vpn_connections_gateway_and_networks(kind, value, message):
    option = dict(cidr_blocks="routable_cidrs", public_ipv4="public_ip").get(kind, "name")
    if message is None:
        check_option(option, value, kind)
        return
    with pytest.raises(HerokuInputError) as raised:
        check_option(option, value, kind)
    assert str(raised.value).startswith(message) and raised.value.option == option
