# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""heroku_addon_attachment and its _info twin through real ansible-playbook runs against the simulator."""

import re

import pytest

from converge import UUID, Playbook, fails_before_any_request
from sim_api import api

ATTACHMENTS = "/apps/acme-worker/addon-attachments"
ATTACHMENT = re.compile(r"/addon-attachments/[0-9a-f-]{36}")


def attachment(**args):
    return {"name": "attach", "herokuops.platform.heroku_addon_attachment": dict(dict(app="acme-worker"), **args)}


def info(label, **args):
    return {"name": label, "herokuops.platform.heroku_addon_attachment_info": dict(dict(app="acme-worker"), **args)}


def seed(sim):
    """acme-api owns the Papertrail add-on acme-logs (its var PAPERTRAIL_API_TOKEN); acme-worker has nothing yet."""
    sim.seed_app("acme-api")
    sim.seed_app("acme-worker")
    status, addon = api(sim, "POST", "/apps/acme-api/addons", {"plan": "papertrail:choklad", "name": "acme-logs"})
    assert status == 201 and addon["state"] == "provisioned"
    return addon


def worker_attachments(sim):
    return sorted(item["name"] for item in api(sim, "GET", ATTACHMENTS)[1])


def worker_config(sim):
    return api(sim, "GET", "/apps/acme-worker/config-vars")[1]


# The add-on, then its attachments (for the prefix its own vars have): the result's two detail reads.
DETAIL_READS = [("GET", re.compile(r"/addons/[0-9a-f-]{36}")), ("GET", re.compile(r"/addons/[0-9a-f-]{36}/addon-attachments"))]


@pytest.mark.both_paths
def test_attach_then_rename_attaching_first_then_detach(sim, run_playbook):
    addon = seed(sim)
    seen = {}
    plan = Playbook(run_playbook)
    attach = plan.converge(
        attachment(addon="acme-logs", name="shared_logs"),
        writes=[("POST", "/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "shared_logs"})],
        # The same attachment by the add-on's id and the name in Heroku's case: no change.
        again_task=attachment(addon=addon["id"], name="SHARED_LOGS"),
        reads=[("GET", ATTACHMENTS)] + DETAIL_READS,
        after_check=lambda: seen.update(after_check=worker_attachments(sim)))
    rename = plan.converge(
        attachment(addon="acme-logs", name="LOGS", replaces="SHARED_LOGS"),
        writes=[("POST", "/addon-attachments", {"addon": addon["id"], "app": "acme-worker", "name": "LOGS"}),
                ("DELETE", ATTACHMENT, None)],
        reads=[("GET", ATTACHMENTS)] + DETAIL_READS,
        after_check=lambda: seen.update(rename_check=worker_attachments(sim)),
        after_real=lambda: seen.update(renamed=worker_attachments(sim), config=worker_config(sim)))
    detach = plan.absent(attachment(name="LOGS"), writes=[("DELETE", ATTACHMENT, None)], reads=[("GET", ATTACHMENTS)])
    result = plan.run()

    # Check mode sent no write and said what the real run made.
    assert seen["after_check"] == []
    predicted = attach.check["heroku_addon_attachment"]
    assert predicted["name"] == "SHARED_LOGS" and predicted["app"] == "acme-worker" and predicted["id"] is None
    made = attach.real["heroku_addon_attachment"]
    assert made["name"] == "SHARED_LOGS" and made["namespace"] is None and UUID.fullmatch(made["id"])
    assert made["addon"] == dict(id=addon["id"], name="acme-logs", app="acme-api", service="papertrail",
                                 plan="papertrail:choklad", config_vars=["SHARED_LOGS_API_TOKEN"])
    assert made["web_url"].startswith("https://")
    assert attach.again["heroku_addon_attachment"] == made and attach.again["diff"] == {"before": {}, "after": {}}

    # The rename: attached under LOGS first, SHARED_LOGS detached after, never the reverse.
    assert seen["rename_check"] == ["SHARED_LOGS"]
    real_writes = [(request["method"], request["path"]) for request in result.task(rename.steps["real"].name).writes]
    assert real_writes[0] == ("POST", "/addon-attachments") and real_writes[1] == ("DELETE", "/addon-attachments/" + made["id"])
    assert seen["renamed"] == ["LOGS"]
    assert "LOGS_API_TOKEN" in seen["config"] and "SHARED_LOGS_API_TOKEN" not in seen["config"]
    renamed = rename.real["heroku_addon_attachment"]
    assert renamed["name"] == "LOGS" and renamed["id"] != made["id"]
    assert renamed["addon"]["config_vars"] == ["LOGS_API_TOKEN"]
    assert rename.real["diff"] == {
        "before": {"id": made["id"], "name": "SHARED_LOGS"},
        "after": {"id": "(a new attachment: LOGS attached first, then SHARED_LOGS detached)", "name": "LOGS"}}
    assert rename.check["diff"] == rename.real["diff"]
    assert rename.again["diff"] == {"before": {}, "after": {}}

    # Detached: the add-on stays with its owner.
    assert detach.real["diff"]["before"]["name"] == "LOGS" and detach.real["heroku_addon_attachment"] == {}
    assert worker_attachments(sim) == [] and api(sim, "GET", "/addons/acme-logs")[0] == 200
    assert "test-api-key" not in result.output


def test_bad_input_fails_before_any_request(sim, run_playbook):
    seed(sim)
    fails_before_any_request(run_playbook, [
        (attachment(addon="acme-logs", name="1LOGS"), "name"),
        (attachment(addon="acme-logs", name="LOGS-A"), "name"),
        (attachment(addon="acme-logs", name="LOGS", replaces="OLD LOGS"), "replaces"),
        (attachment(addon="bad name!", name="LOGS"), "addon"),
        (attachment(name="LOGS"), "addon"),
        (attachment(app="Bad_App", addon="acme-logs", name="LOGS"), "app"),
    ])


def test_refusals_name_the_request_and_report_changed_only_after_a_write(sim, run_playbook):
    seed(sim)
    sim.seed_app("acme-other")
    assert api(sim, "POST", "/apps/acme-other/addons", {"plan": "papertrail:choklad", "name": "other-logs"})[0] == 201
    assert api(sim, "POST", "/addon-attachments", {"addon": "other-logs", "app": "acme-worker", "name": "TAKEN"})[0] == 201
    plan = Playbook(run_playbook)
    # A name another add-on's attachment has on the app: refused before any write, naming both add-ons.
    taken = plan.fails(attachment(addon="acme-logs", name="taken"), "is of add-on other-logs, not acme-logs",
                       requests=True, label="taken")
    # An add-on the account cannot see: Heroku refuses the attachment.
    unseen = plan.task(attachment(addon="ghost-logs", name="GHOST"), label="unseen", ignore_errors=True, status="failed")
    # A rename whose detach Heroku refuses after the attach took effect: failed, and changed.
    half = plan.task(attachment(addon="acme-logs", name="LOGS", replaces="SHARED"), label="half", ignore_errors=True,
                     status="failed")
    finish = plan.task(attachment(addon="acme-logs", name="LOGS", replaces="SHARED"), label="finish", ignore_errors=True,
                       status="failed")
    # SHARED is the attachment the rename replaces; Heroku refuses the detach once.
    assert api(sim, "POST", "/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "SHARED"})[0] == 201
    sim.inject_fault("DELETE", r"/addon-attachments/.*", status=422, error_id="invalid_params", message="Detach refused.")
    result = plan.run()

    assert taken.result["changed"] is False
    refused = result.task(unseen.name)
    assert refused.result["changed"] is False and refused.writes and refused.writes[0]["status"] == 404
    assert "POST /addon-attachments" in refused.result["msg"] and "not_found" in refused.result["msg"]
    stopped = result.task(half.name)
    assert stopped.result["changed"] is True
    assert "DELETE /addon-attachments/" in stopped.result["msg"] and "Detach refused." in stopped.result["msg"]
    # What the half rename left, and how to finish it, as heroku_addon's attachment_name says it.
    assert ("add-on acme-logs is attached to app acme-worker as LOGS, and still as SHARED: detach SHARED with "
            "herokuops.platform.heroku_addon_attachment (state: absent) to finish the rename") in stopped.result["msg"]
    assert [(request["method"], request["status"]) for request in stopped.writes] == [("POST", 201), ("DELETE", 422)]
    # The next run says how to finish, sending no write.
    again = result.task(finish.name)
    assert not again.writes and "detach SHARED with state: absent" in again.result["msg"]
    assert again.result["changed"] is False


def test_info_lists_the_attachments_or_one_by_name(sim, run_playbook):
    addon = seed(sim)
    assert api(sim, "POST", "/addon-attachments", {"addon": "acme-logs", "app": "acme-worker", "name": "LOGS",
                                                   "namespace": "role:analytics"})[0] == 201
    result = run_playbook([info("all"), info("one", name="LOGS"), info("none", name="NOPE"), info("bad", name="1x")
                           | {"ignore_errors": True}])
    listed = result.task("all").result["heroku_addon_attachment_info"]
    assert [item["name"] for item in listed] == ["LOGS"] and listed[0]["namespace"] == "role:analytics"
    assert listed[0]["addon"]["id"] == addon["id"]
    assert result.task("all").calls == [("GET", ATTACHMENTS)]
    one = result.task("one").result["heroku_addon_attachment_info"]
    assert one[0]["addon"]["config_vars"] == ["LOGS_API_TOKEN"] and one[0]["addon"]["plan"] == "papertrail:choklad"
    assert result.task("none").result["heroku_addon_attachment_info"] == []
    assert result.task("bad").failed and not result.task("bad").requests
    assert not any(task.writes for task in result.results)


def test_a_fir_app_takes_attachments_with_a_namespace_and_confirm(sim, run_playbook):
    """Fir has attachments (heroku_generations refuses none): attached with the namespace and confirm in the body,
    no read of the app or its space for its generation, and the third run reads only."""
    addon = seed(sim)
    assert api(sim, "POST", "/spaces", {"name": "acme-fir", "team": "acme", "generation": "fir"})[0] == 201
    assert api(sim, "POST", "/teams/apps", {"name": "fir-worker", "team": "acme", "space": "acme-fir"})[0] == 201
    plan = Playbook(run_playbook)
    attach = plan.converge(
        attachment(app="fir-worker", addon="acme-logs", name="ANALYTICS_LOGS", namespace="role:analytics",
                   confirm="acme-api"),
        writes=[("POST", "/addon-attachments", {"addon": "acme-logs", "app": "fir-worker", "name": "ANALYTICS_LOGS",
                                                "namespace": "role:analytics", "confirm": "acme-api"})],
        reads=[("GET", "/apps/fir-worker/addon-attachments")] + DETAIL_READS)
    # Heroku cannot change a namespace in place: refused after the one read, before any write.
    plan.fails(attachment(app="fir-worker", addon="acme-logs", name="ANALYTICS_LOGS", namespace="role:other"),
               "Cannot change namespace", requests=True)
    plan.run()
    made = attach.real["heroku_addon_attachment"]
    assert made["namespace"] == "role:analytics" and made["app"] == "fir-worker"
    assert made["addon"]["id"] == addon["id"] and made["addon"]["config_vars"] == ["ANALYTICS_LOGS_API_TOKEN"]
    # No generation read: the app's attachments, the POST, then the add-on's two detail reads.
    assert attach.real.calls[:2] == [("GET", "/apps/fir-worker/addon-attachments"), ("POST", "/addon-attachments")]
    assert not [call for call in attach.real.calls if call[1] in ("/apps/fir-worker", "/spaces/acme-fir")]
