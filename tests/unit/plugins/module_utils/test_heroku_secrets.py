# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What counts as a part of a secret that a message may quote alone, and its removal."""

from __future__ import annotations

import base64
import json

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import MASK
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import parts_of, scrub, secret_parts

KEY = ("-----BEGIN PRIVATE KEY-----\n"
       "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
       "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n"
       "-----END PRIVATE KEY-----\n")


@pytest.mark.parametrize("secret, quoted_alone", [
    # each base64 line of a key, and the key as a JSON body quotes it (newlines escaped)
    (KEY, "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj"),
    (KEY, "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu"),
    (KEY, json.dumps(KEY)[1:-1]),
    # a URL's password, its user:password, and the password URL-decoded
    ("syslog+tls://ops:s3cr%40t-pass@logs.example.com:6514/x", "s3cr%40t-pass"),
    ("syslog+tls://ops:s3cr%40t-pass@logs.example.com:6514/x", "s3cr@t-pass"),
    ("syslog+tls://ops:s3cr%40t-pass@logs.example.com:6514/x", "ops:s3cr%40t-pass"),
    # a query's values (a signed or token URL)
    ("https://codeload.example.com/a.tgz?token=ghp_abcdef123456&x=1", "ghp_abcdef123456"),
    ("https://codeload.example.com/a.tgz?token=ghp_abcdef123456&x=1", "token=ghp_abcdef123456&x=1"),
    # a token without its scheme, and what a Basic token encodes
    ("Bearer hook-token-4471", "hook-token-4471"),
    ("Basic " + base64.b64encode(b"ops:basic-pass-99").decode(), "basic-pass-99"),
    # a value URL-quoted
    ("pa ss/word?", "pa%20ss%2Fword%3F"),
])
def test_a_part_a_message_may_quote_alone_is_a_secret_part(secret, quoted_alone):
    assert quoted_alone in parts_of(secret)


@pytest.mark.parametrize("secret, not_secret", [
    (KEY, "-----BEGIN PRIVATE KEY-----"),
    ("syslog+tls://ops:s3cr%40t-pass@logs.example.com:6514/x", "logs.example.com"),
    ("https://codeload.example.com/a.tgz?token=ghp_abcdef123456&x=1", "1"),
    ("Bearer hook-token-4471", "Bearer"),
    ("short pw", "pw"),
])
def test_what_is_not_secret_alone_is_left_readable(secret, not_secret):
    assert not_secret not in parts_of(secret)


def test_short_values_are_not_masked_everywhere():
    assert secret_parts(["1", "on", None, "", "  "]) == set()
    assert "true" in secret_parts(["true"])


def test_scrub_masks_the_longest_part_first_at_any_depth():
    parts = secret_parts(["Bearer hook-token-4471"])
    data = {"msg": "refused Bearer hook-token-4471", "list": ["hook-token-4471!", 3], "keep": "hook"}
    assert scrub(data, parts) == {"msg": "refused %s" % MASK, "list": ["%s!" % MASK, 3], "keep": "hook"}
