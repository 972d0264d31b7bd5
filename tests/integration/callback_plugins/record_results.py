# Test-only callback: records every task's outcome as JSON for the pytest
# harness in tests/integration/playbook_harness.py. Not shipped: ansible-test
# and the Galaxy build see it only as a test file.
from __future__ import annotations

import http.client
import json
import os
import time
from urllib.parse import urlsplit

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r"""
name: record_results
type: aggregate
short_description: Write each task's status, result dict and simulator requests to a JSON file
description:
  - Used by the integration test harness only.
  - Writes a JSON list to the file named by E(HEROKUOPS_TEST_RESULTS_FILE) after every task and when the play ends.
  - At each task's start (which is the previous task's end) and at the playbook's end it reads the length of the
    Heroku simulator's request log (C(GET /__simulator/requests), neither logged nor rate-limited) at
    E(HEROKUOPS_TEST_SIM_URL), else E(HEROKU_API_URL). When the playbook ends it reads the log once more and gives
    each task's record the requests logged while that task ran (C(requests), null when the simulator could not be
    read). That is exact while one host runs the tasks one at a time, as the harness does. With several hosts each
    host's record of a task holds the requests of all hosts during that task.
  - A task named C(__checkpoint__ <id>) pauses the play when E(HEROKUOPS_TEST_CHECKPOINT_FILE) is set. The
    callback writes the results so far (with their requests) to the results file and the id to that file, and
    waits for the file C(<that file>.done), which the harness writes once the test's code for that checkpoint has
    run.
requirements:
  - E(HEROKUOPS_TEST_RESULTS_FILE) set to a writable path
"""

CHECKPOINT_PREFIX = "__checkpoint__ "
CHECKPOINT_TIMEOUT = 300  # seconds; as the harness's playbook timeout


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


class _RequestLog:
    """The simulator's request log, read over its control API with the standard library only (no proxy)."""

    def __init__(self, url):
        self._parts = urlsplit(url) if url else None

    def read(self):
        """The log as a list, or None once the simulator could not be read (then never asked again)."""
        if self._parts is None or not self._parts.hostname:
            return None
        connection_class = http.client.HTTPSConnection if self._parts.scheme == "https" else http.client.HTTPConnection
        connection = connection_class(self._parts.hostname, self._parts.port, timeout=10)
        try:
            connection.request("GET", self._parts.path.rstrip("/") + "/__simulator/requests")
            response = connection.getresponse()
            body = response.read()
            if response.status != 200:
                raise ValueError(response.status)
            log = json.loads(body)
            if not isinstance(log, list):
                raise ValueError("not a list")
            return log
        except (OSError, ValueError, http.client.HTTPException):
            self._parts = None
            return None
        finally:
            connection.close()

    def length(self):
        log = self.read()
        return None if log is None else len(log)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._records = []
        self._ranges = []  # [start, end] in the request log of each record; end None while its task runs; or None
        self._open = []  # indices of the records of the task that runs
        self._path = os.environ.get("HEROKUOPS_TEST_RESULTS_FILE")
        self._checkpoint_path = os.environ.get("HEROKUOPS_TEST_CHECKPOINT_FILE")
        # Nobody reads the requests without a results file: then the log is never asked for.
        url = os.environ.get("HEROKUOPS_TEST_SIM_URL") or os.environ.get("HEROKU_API_URL")
        self._log = _RequestLog(url if self._path else None)
        self._task_start = None
        self._play = ""

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name()

    # --- request ranges --------------------------------------------------------------------------
    # One read of the log's length at each boundary: a task's start is the previous task's end (tasks run one
    # after the other), and the playbook's end is the last task's.

    def _boundary(self):
        length = self._log.length()
        for index in self._open:
            span = self._ranges[index]
            self._ranges[index] = None if span is None or length is None else [span[0], length]
        self._open = []
        self._task_start = length

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._boundary()

    def v2_playbook_on_handler_task_start(self, task):
        self._boundary()

    def _attach_requests(self):
        """Give each record whose task has ended the slice of the request log it sent: one read of the log."""
        if not any(span and span[1] is not None for span in self._ranges):
            return
        log = self._log.read()
        for record, span in zip(self._records, self._ranges):
            if span and span[1] is not None and log is not None:
                record["requests"] = log[span[0]:span[1]]

    # --- checkpoints ---------------------------------------------------------------------------

    def _checkpoint(self, name):
        """Pause until the harness has run the test's code for this checkpoint."""
        if not self._checkpoint_path:
            return
        done = self._checkpoint_path + ".done"
        tmp = self._checkpoint_path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name)
        os.replace(tmp, self._checkpoint_path)
        deadline = time.monotonic() + CHECKPOINT_TIMEOUT
        while not os.path.exists(done) and time.monotonic() < deadline:
            time.sleep(0.01)
        if os.path.exists(done):
            os.remove(done)

    # --- records -------------------------------------------------------------------------------

    def _record(self, result, status):
        task = result._task
        data = getattr(result, "result", None)
        if data is None:
            data = result._result
        if status == "ok" and data.get("changed"):
            status = "changed"
        name = task.get_name()
        if status == "ok" and name.startswith(CHECKPOINT_PREFIX):
            # The test may look at the results so far, with their requests.
            self._attach_requests()
            self._flush()
            self._checkpoint(name[len(CHECKPOINT_PREFIX):])
        self._open.append(len(self._records))
        self._ranges.append(None if self._task_start is None else [self._task_start, None])
        self._records.append({
            "name": name,
            "play": self._play,
            "action": task.action,
            "host": result._host.get_name(),
            "status": status,
            "ignore_errors": bool(task.ignore_errors) if status == "failed" else False,
            "result": _plain(dict(data)),
            "requests": None,
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
        self._boundary()
        self._attach_requests()
        self._flush()
