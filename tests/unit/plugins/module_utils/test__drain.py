# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_drain's decisions: which drain URLs Heroku takes, how they are masked, and what a run sends for
each state of the parent's drains (add, rotate, rotation half done or done, remove, an add-on's drains)."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._drain import mask_arguments, mask_url, plan as plan_of, report
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_drain_url

SECRET = "pa55word"

# (url, None when Heroku takes it, else the start of the message)
URLS = [
    ("syslog://logs.example.com", None),
    ("syslog+tls://logs.example.com:6514", None),
    ("https://user:%s@logs.example.com/heroku?token=%s" % (SECRET, SECRET), None),
    ("http://10.0.0.1:8080/logs", None),
    ("https://[2001:db8::1]/logs", None),
    ("ftp://user:%s@logs.example.com" % SECRET, "url must be a log drain URL starting with syslog://"),
    ("HTTPS://logs.example.com", "url must be a log drain URL starting with"),
    ("syslog+udp://logs.example.com", "url must be a log drain URL starting with"),
    ("logs.example.com:514", "url must be a log drain URL starting with"),
    (SECRET, "url must be a log drain URL starting with"),
    ("https://", "url must name the host"),
    ("https://user:%s@/x" % SECRET, "url must name the host"),
    ("https://logs_example.com", "url must name the host"),
    ("syslog://logs.example.com:99999", "url must name the host"),
    ("syslog://logs.example.com:0", "url must name the host"),
    ("syslog://logs.example.com:port", "url must name the host"),
    ("https://logs.example.com/a b", "url is not a drain URL: it holds whitespace"),
    ("https://logs.example.com/\n", "url is not a drain URL"),
]


@pytest.mark.parametrize("url, message", URLS)
def test_drain_urls_heroku_takes(url, message):
    if message is None:
        check_drain_url("url", url)
        return
    with pytest.raises(HerokuInputError) as caught:
        check_drain_url("url", url)
    assert str(caught.value).startswith(message) and caught.value.option == "url"
    # The message shows the scheme at most: never what can hold credentials.
    assert SECRET not in str(caught.value) and "@" not in str(caught.value)


@pytest.mark.parametrize("url, masked", [
    ("https://user:%s@Logs.Example.com:8443/p?q=%s#f" % (SECRET, SECRET), "https://logs.example.com/********"),
    ("syslog+tls://logs.example.com:6514", "syslog+tls://logs.example.com/********"),
    ("syslog://logs.example.com", "syslog://logs.example.com/********"),
    ("not a url", "********"),
    ("https://[2001:db8::1]/x", "https://2001:db8::1/********"),
])
def test_mask_url_keeps_scheme_and_host_only(url, masked):
    assert mask_url(url) == masked


def test_invocation_masks_urls_but_not_tokens():
    token = "d.01234567-89ab-cdef-0123-456789abcdef"
    params = dict(app="acme-web", url="https://u:%s@logs.example.com/x" % SECRET, replaces=token, state="present")
    assert mask_arguments(params) == dict(params, url="https://logs.example.com/********")
    assert mask_arguments(dict(params, replaces=params["url"]))["replaces"] == "https://logs.example.com/********"


def plan(drains, params):
    return plan_of(dict(items=drains), params)


OLD = dict(id="1", url="https://u:old@logs.example.com/x", token="d.old", addon=None)
NEW = dict(id="2", url="https://u:new@logs.example.com/x", token="d.new", addon=None)
ADDON = dict(id="3", url="syslog+tls://logs.papertrailapp.com:1234", token="d.addon",
             addon=dict(id="a", name="acme-logs"))


def params(**options):
    return dict(dict(app="acme-web", addon=None, url=NEW["url"], state="present", replaces=None, show_values=False),
                **options)


def work(decision):
    found = decision.work
    sent = [(sent.method, sent.path) for sent in decision.requests]
    # The writes the runner sends: the new drain first, the old one away last, each named by its id.
    assert sent == ([("POST", "/apps/acme-web/log-drains")] if found["create"] else []) + (
        [("PUT", "/addons/acme-logs/log-drains/%s" % found["move"]["id"])] if found["move"] else []) + (
        [("DELETE", "/apps/acme-web/log-drains/%s" % found["remove"]["id"])] if found["remove"] else [])
    return (decision.changed, found["create"], (found["remove"] or {}).get("id"), (found["move"] or {}).get("id"))


# (drains, options, (changed, create, id removed, id moved))
PLANS = [
    ([], {}, (True, True, None, None)),
    ([NEW], {}, (False, False, None, None)),
    ([OLD], dict(replaces=OLD["url"]), (True, True, "1", None)),
    ([OLD], dict(replaces="d.old"), (True, True, "1", None)),
    # Half done (the old drain's removal failed): only the removal is left.
    ([OLD, NEW], dict(replaces=OLD["url"]), (True, False, "1", None)),
    # Done, or the old drain removed by hand: nothing is sent for it.
    ([NEW], dict(replaces=OLD["url"]), (False, False, None, None)),
    ([], dict(replaces=OLD["url"]), (True, True, None, None)),
    ([NEW, OLD], dict(state="absent"), (True, False, "2", None)),
    ([OLD], dict(state="absent"), (False, False, None, None)),
    # An add-on's drain with this URL is the app's drain already; nothing to add.
    ([ADDON], dict(url=ADDON["url"]), (False, False, None, None)),
    # Through the add-on: a move (PUT) to the new URL, done once the URL is there.
    ([ADDON], dict(app=None, addon="acme-logs", replaces="d.addon"), (True, False, None, "3")),
    ([dict(ADDON, url=NEW["url"])], dict(app=None, addon="acme-logs", replaces="d.addon"), (False, False, None, None)),
    ([ADDON], dict(app=None, addon="acme-logs", state="absent"), (False, False, None, None)),
]


@pytest.mark.parametrize("drains, options, expected", PLANS)
def test_plan(drains, options, expected):
    assert work(plan(drains, params(**options))) == expected


@pytest.mark.parametrize("drains, options, message", [
    ([ADDON], dict(url=ADDON["url"], state="absent"), "belongs to add-on acme-logs: Heroku removes it only with"),
    ([ADDON], dict(replaces="d.addon"), "belongs to add-on acme-logs"),
    ([ADDON], dict(app=None, addon="acme-logs"), "set replaces to the URL or token of the drain to move"),
    ([ADDON], dict(app=None, addon="acme-logs", url=ADDON["url"], state="absent"), "Heroku removes an add-on's drains"),
    ([ADDON, dict(NEW, addon=ADDON["addon"])], dict(app=None, addon="acme-logs", replaces="d.addon"),
     "cannot be removed: Heroku removes an add-on's drains only with the add-on"),
])
def test_an_add_on_s_drains_are_never_removed(drains, options, message):
    with pytest.raises(HerokuStateError) as caught:
        plan(drains, params(**options))
    assert message in str(caught.value)
    assert "1234" not in str(caught.value)


def test_the_diff_and_result_mask_urls_unless_show_values():
    decision = plan([OLD], params(replaces=OLD["url"]))
    masked = "https://logs.example.com/********"
    assert decision.diff == (dict(drains=[dict(url=masked, token="d.old")]), dict(drains=[dict(url=masked, token=None)]))
    payload, problem = report([OLD], decision, [dict(NEW, created_at="t", updated_at="t"), None],
                              params(replaces=OLD["url"]), False)
    assert problem is None and payload["url"] == masked and payload["replaced"] == dict(id="1", url=masked, token="d.old")
    shown = plan([OLD], params(replaces=OLD["url"], show_values=True))
    assert shown.diff[0]["drains"][0]["url"] == OLD["url"]
    predicted, _problem = report([], plan([], params()), None, params(), True)
    assert predicted == dict(id=None, url=masked, token=None, app="acme-web", addon=None, created_at=None,
                             updated_at=None, replaced=None)


@pytest.mark.parametrize("options, message", [
    (dict(replaces="d.01234567-89ab-cdef-0123-456789abcdef"), None),
    (dict(replaces=OLD["url"]), None),
    (dict(replaces="gopher://x:%s@logs.example.com" % SECRET), "replaces must be a log drain URL starting with"),
    (dict(replaces=OLD["url"], state="absent"), "replaces goes with state=present only"),
    (dict(replaces=NEW["url"]), "replaces is the same URL as url"),
])
def test_input_checks_before_any_request(options, message):
    from ansible_collections.herokuops.platform.plugins.module_utils._drain import DRAIN
    from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
    if message is None:
        check_input(DRAIN, params(**options))
        return
    with pytest.raises(HerokuInputError) as caught:
        check_input(DRAIN, params(**options))
    assert str(caught.value).startswith(message) and caught.value.option == "replaces"
    assert SECRET not in str(caught.value)
