# Test-only callback: records every task's outcome as JSON for the pytest
# harness in tests/integration/playbook_harness.py. Not shipped: ansible-test
# and the Galaxy build see it only as a test file.
from __future__ import annotations

import json
import os

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: record_results
type: aggregate
short_description: Write each task's status and result dict to a JSON file
description:
  - Used by the integration test harness only.
  - Writes a JSON list to the file named by E(HEROKUOPS_TEST_RESULTS_FILE) when the play ends.
requirements:
  - E(HEROKUOPS_TEST_RESULTS_FILE) set to a writable path
"""


def _plain(value):
    """Turn Ansible's tagged/lazy containers into plain JSON-able data."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return repr(value)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._records = []
        self._path = os.environ.get("HEROKUOPS_TEST_RESULTS_FILE")

    def _record(self, result, status):
        task = result._task
        data = getattr(result, "result", None)
        if data is None:
            data = result._result
        if status == "ok" and data.get("changed"):
            status = "changed"
        self._records.append({
            "name": task.get_name(),
            "action": task.action,
            "host": result._host.get_name(),
            "status": status,
            "ignore_errors": bool(task.ignore_errors) if status == "failed" else False,
            "result": _plain(dict(data)),
        })
        self._flush()

    def _flush(self):
        # Written after every task so a crash mid-play still leaves evidence.
        if not self._path:
            return
        tmp = self._path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self._records, handle, indent=1, sort_keys=True)
        os.replace(tmp, self._path)

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

    def v2_playbook_on_stats(self, stats):
        self._flush()
