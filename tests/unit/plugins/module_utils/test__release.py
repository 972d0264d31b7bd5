# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_release's decisions: what the reads must fetch, and what a run sends for each history of releases."""

from __future__ import annotations

import pytest

from ansible_collections.herokuops.platform.plugins.module_utils._release import (
    HEROKU_RELEASE_INFO, PAGE, RELEASE, current_of, plan, read, report,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import Among, shape

SLUG_A, SLUG_B, SLUG_C = ("%08d-89ab-cdef-0123-456789abcdef" % n for n in (1, 2, 3))


def rel(version, slug, status="succeeded", current=False):
    return dict(id="r-%d" % version, version=version, slug=dict(id=slug), status=status, current=current,
                description="v%d" % version, output_stream_url=None)


def params(**args):
    return dict(dict(app="acme-web", version=None, slug=None, previous=False, description=None, wait=True,
                     wait_timeout=600), **args)


class Client:
    """Serves one app's releases newest first, recording each read."""

    def __init__(self, releases, app="acme-web", configs=None):
        self.releases, self.app, self.configs = releases, app, configs or {}
        self.sent = []

    def get(self, path):
        self.sent.append(("GET", path))
        return dict(self.configs.get(path.split("/")[-2], {}))

    def list_or_none(self, path, range_field="id", descending=False, limit=None):
        self.sent.append(("LIST", path, limit))
        if not path.startswith("/apps/%s/" % self.app):
            return None
        return self.releases[:limit] if limit else list(self.releases)

    def get_or_none(self, path):
        self.sent.append(("GET", path))
        last = path.rsplit("/", 1)[1]
        return next((item for item in self.releases if str(item["version"]) == last), None)


# A history: v4 (slug C) is current; v3 ran slug B, v2 slug A.
HISTORY = [rel(4, SLUG_C, current=True), rel(3, SLUG_B), rel(2, SLUG_A), rel(1, None)]

# (releases newest first, params, changed, the body sent or None, the awaited release's version or None)
PLANS = [
    (HISTORY, params(version=4), False, None, None),
    (HISTORY, params(version=3), True, {"release": "r-3"}, None),
    (HISTORY, params(slug=SLUG_C), False, None, None),
    (HISTORY, params(slug=SLUG_A, description="pin"), True, {"slug": SLUG_A, "description": "pin"}, None),
    (HISTORY, params(slug=SLUG_B), True, {"slug": SLUG_B}, None),
    # A rollback to a release of the slug the app runs changes nothing: the slug is what runs.
    ([rel(5, SLUG_B, current=True)] + HISTORY[1:], params(version=3), False, None, None),
    # A newer release of the slug wanted still pending (an earlier run's): awaited, not sent again.
    ([rel(5, SLUG_B, "pending")] + HISTORY, params(version=3), False, None, 5),
    # One that failed is tried again.
    ([rel(5, SLUG_B, "failed")] + HISTORY, params(version=3), True, {"release": "r-3"}, None),
    # A pending release of another slug would replace the slug wanted when it succeeds: a newer release pins it.
    ([rel(5, SLUG_B, "pending")] + HISTORY, params(version=4), True, {"release": "r-4"}, None),
    ([rel(5, SLUG_B, "pending")] + HISTORY, params(slug=SLUG_C), True, {"slug": SLUG_C}, None),
    # A failed one does not.
    ([rel(5, SLUG_B, "failed")] + HISTORY, params(version=4), False, None, None),
    # previous is an action: the newest release that succeeded before the current one, every time.
    (HISTORY, params(previous=True), True, {"release": "r-3"}, None),
    # A release without a slug is passed over.
    ([rel(4, SLUG_C, current=True), rel(3, None), rel(2, SLUG_A)], params(previous=True), True, {"release": "r-2"}, None),
    # The current release, without a slug, is what runs already.
    ([rel(1, None, current=True)], params(version=1), False, None, None),
    ([rel(5, SLUG_A, "failed")] + HISTORY, params(previous=True), True, {"release": "r-3"}, None),
]


@pytest.mark.parametrize("releases, args, changed, body, awaited", PLANS)
def test_what_a_run_sends_for_each_history(releases, args, changed, body, awaited):
    client = Client(releases)
    decided = plan(read(client, args), args)
    assert decided.changed is changed
    assert decided.work.get("body") == body
    assert (decided.work.get("awaited") or {}).get("version") == awaited
    if changed:
        assert decided.diff[1]["version"] == releases[0]["version"] + 1
    else:
        assert decided.diff[0]["version"] == current_of(releases)["version"]


def test_the_newest_page_serves_the_usual_reads_and_a_version_far_back_costs_one_get():
    client = Client(HISTORY)
    read(client, params(version=3))
    assert client.sent == [("LIST", "/apps/acme-web/releases", PAGE)]
    history = [rel(version, SLUG_C, current=version == 200) for version in range(200, 0, -1)]
    client = Client(history)
    state = read(client, params(version=2))
    # The same slug as the current release: its config vars, and the current one's, are compared too.
    assert client.sent == [("LIST", "/apps/acme-web/releases", PAGE), ("GET", "/apps/acme-web/releases/2"),
                           ("GET", "/apps/acme-web/releases/r-200/config-vars"),
                           ("GET", "/apps/acme-web/releases/r-2/config-vars")]
    assert state["target"]["version"] == 2 and state["current"]["version"] == 200


@pytest.mark.parametrize("releases, args, error, message", [
    (HISTORY, params(version=9), HerokuInputError, "version=9: app acme-web has no release v9; its newest is v4."),
    ([rel(1, SLUG_A, current=True)], params(previous=True), HerokuStateError,
     "no release with a slug that succeeded before v1"),
    # v1, "Initial release", carries no code: no rollback to it, nor past it with previous.
    (HISTORY, params(version=1), HerokuInputError, "version=1: release v1 of app acme-web (v1) has no slug"),
    ([rel(2, SLUG_A, current=True), rel(1, None)], params(previous=True), HerokuStateError,
     "App acme-web has no release with a slug that succeeded before v2 to roll back to."),
    ([rel(1, SLUG_A, "failed")], params(version=1), HerokuStateError, "has no release that succeeded"),
    (HISTORY, params(app="nope", version=3), HerokuStateError, "App nope was not found."),
])
def test_what_cannot_be_done_fails_before_any_write(releases, args, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read(Client(releases), args)


@pytest.mark.parametrize("args, option, message", [
    (params(), "version", "Set exactly one of version, slug, oci_image or previous=true (none given)"),
    (params(version=2, slug=SLUG_A), "slug", "(version and slug given)"),
    (params(slug=SLUG_A, previous=True), "previous", "(slug and previous given)"),
    (params(version=-1), "version", "version=-1 is out of range"),
    (params(previous=True, description="x"), "description", "description is only for a release of a slug"),
])
def test_input_checks_name_the_option(args, option, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(RELEASE, args)
    assert raised.value.option == option and message in str(raised.value)


@pytest.mark.parametrize("args, option, message", [
    (dict(app="acme-web", version=0, limit=20), "version", "version=0 is out of range: use 1 or more."),
    (dict(app="acme-web", version=None, limit=-1), "limit", "limit=-1 is out of range: use 0 or more."),
])
def test_info_input_checks_name_the_option(args, option, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(HEROKU_RELEASE_INFO.spec, args)
    assert raised.value.option == option and str(raised.value) == message
    check_input(HEROKU_RELEASE_INFO.spec, dict(args, version=None, limit=0))


def test_a_failed_or_unfinished_release_phase_is_a_problem_with_the_end_of_its_output():
    args = params(version=3)
    state = read(Client(HISTORY), args)
    decided = plan(state, args)
    output = ["line %d" % number for number in range(30)]
    payload, problem = report(state, decided, dict(release=rel(5, SLUG_B, "failed"), timed_out=None, output=output),
                              args, False)
    assert payload["status"] == "failed" and payload["output"] == output and payload["previous_release"]["version"] == 4
    assert problem.startswith("Release v5 of app acme-web failed (status failed)")
    assert problem.endswith("\n".join(output[-10:])) and "line 19" not in problem
    payload, problem = report(state, decided, dict(release=rel(5, SLUG_B, "pending"), timed_out="Timed out", output=[]),
                              args, False)
    assert problem == "Timed out; app acme-web keeps running v4."
    payload, problem = report(state, decided, None, args, True)
    assert problem is None and payload["id"] is None and payload["version"] == 5 and payload["slug_id"] == SLUG_B


@pytest.mark.parametrize("value, ok", [
    (SLUG_A, True), (SLUG_A.upper(), False), ("web", False), ("../" + SLUG_A, False), (SLUG_A + "\n", False)])
def test_a_slug_is_its_lower_case_uuid(value, ok):
    if ok:
        check_name("slug", value, "slug", ids=False)
    else:
        with pytest.raises(HerokuInputError, match="is not a valid slug id: use the id Heroku gave the slug"):
            check_name("slug", value, "slug", ids=False)


def test_a_rollback_to_a_release_of_the_running_slug_restores_its_config_vars_when_they_differ():
    # v5 runs slug B, as v3 did, but a config change since: the rollback to v3 is made, and the diff names the
    # vars it restores, never their values.
    history = [rel(5, SLUG_B, current=True)] + HISTORY[1:]
    configs = {"r-5": {"LOG_LEVEL": "debug", "KEY": "s3cret"}, "r-3": {"LOG_LEVEL": "info", "KEY": "s3cret"}}
    client = Client(history, configs=configs)
    decided = plan(read(client, params(version=3)), params(version=3))
    assert decided.changed and decided.work["body"] == {"release": "r-3"}
    assert decided.diff[1]["config_vars"] == ["LOG_LEVEL"] and "s3cret" not in repr(decided.diff)
    assert [sent[1] for sent in client.sent if sent[0] == "GET"] == [
        "/apps/acme-web/releases/r-5/config-vars", "/apps/acme-web/releases/r-3/config-vars"]
    # The same config: nothing to do; and no config read at all when the slugs differ or the target is current.
    same = Client(history, configs={"r-5": {"A": "1"}, "r-3": {"A": "1"}})
    assert not plan(read(same, params(version=3)), params(version=3)).changed
    for args in (params(version=2), params(version=5)):
        other = Client(history)
        read(other, args)
        assert [sent for sent in other.sent if sent[0] == "GET"] == []


# -- a Fir app's releases run OCI images, named among their artifacts --------------------------------------------

IMAGE_A, IMAGE_B = ("%08d-0000-4000-8000-0000000000aa" % n for n in (1, 2))


def fir_rel(version, image, status="succeeded", current=False):
    return dict(rel(version, None, status, current), slug=None,
                artifacts=[dict(type="oci-image", id=image)] if image else [])


FIR_HISTORY = [fir_rel(3, IMAGE_B, current=True), fir_rel(2, IMAGE_A), fir_rel(1, None)]


@pytest.mark.parametrize("releases, args, changed, body", [
    (FIR_HISTORY, params(oci_image=IMAGE_B), False, None),
    (FIR_HISTORY, params(oci_image=IMAGE_A, description="from CI"), True, {"oci_image": IMAGE_A, "description": "from CI"}),
    # A rollback goes back to the image its release ran; one to a release of the running image changes nothing.
    (FIR_HISTORY, params(version=2), True, {"release": "r-2"}),
    ([fir_rel(4, IMAGE_A, current=True)] + FIR_HISTORY[1:], params(version=2), False, None),
    (FIR_HISTORY, params(previous=True), True, {"release": "r-2"}),
    # An earlier run's release of the image, pending: awaited, not sent again.
    ([fir_rel(4, IMAGE_A, "pending")] + FIR_HISTORY, params(oci_image=IMAGE_A), False, None),
])
def test_a_fir_release_is_of_an_oci_image(releases, args, changed, body):
    decided = plan(read(Client(releases), args), args)
    assert decided.changed is changed and decided.work.get("body") == body
    if changed and args.get("oci_image"):
        assert decided.diff == (dict(version=3, slug_id=None, description="v3", oci_image_id=IMAGE_B),
                                dict(version=4, slug_id=None, description="from CI", oci_image_id=IMAGE_A))


def test_the_oci_image_a_release_runs_is_returned_and_a_slug_release_returns_none():
    args = params(oci_image=IMAGE_B)
    state = read(Client(FIR_HISTORY), args)
    payload, problem = report(state, plan(state, args), None, args, True)
    assert problem is None and payload["oci_image_id"] == IMAGE_B and payload["slug_id"] is None
    assert payload["previous_release"]["oci_image_id"] == IMAGE_B
    cedar = params(slug=SLUG_C)
    state = read(Client(HISTORY), cedar)
    assert report(state, plan(state, cedar), None, cedar, True)[0]["oci_image_id"] is None


@pytest.mark.parametrize("args, option, message", [
    (params(oci_image="sha256:" + "a" * 64), "oci_image", "oci_image='sha256:%s' is not an OCI image id: use the id "
                                                          "Heroku gave the image, a lower case UUID" % ("a" * 64)),
    (params(oci_image=IMAGE_A.upper()), "oci_image", "is not an OCI image id"),
    (params(oci_image=IMAGE_A, slug=SLUG_A), "oci_image", "(slug and oci_image given)"),
    (params(version=2, description="x"), "description", "description is only for a release of a slug or an OCI image"),
])
def test_an_oci_image_is_checked_before_any_request(args, option, message):
    with pytest.raises(HerokuInputError) as raised:
        check_input(RELEASE, args)
    assert raised.value.option == option and message in str(raised.value)
    check_input(RELEASE, params(oci_image=IMAGE_A, description="from CI"))


def test_among_reads_the_item_of_a_list_by_its_key_and_nothing_else():
    artifacts = Among(("artifacts",), "type", "oci-image", "id")
    assert artifacts.value(dict(artifacts=[dict(type="slug", id="s"), dict(type="oci-image", id="i")])) == "i"
    for rep in (dict(artifacts=[dict(type="slug", id="s")]), dict(artifacts=None), dict(artifacts="oci-image"), {},
                dict(artifacts=["oci-image"])):
        assert artifacts.value(rep) is None
    assert shape(dict(oci_image_id=artifacts), dict(artifacts=[dict(type="oci-image", id="i")])) == dict(oci_image_id="i")
