"""The check / real / again pattern of the integration tests, as one ansible-playbook process.

A module that converges is run three times in one playbook: in check mode (task-level ``check_mode: true``,
``diff: true``), for real, and again. The helper asserts what every such test asserts:

* check: reported changed, sent no write;
* real: reported changed, sent exactly the writes the caller lists;
* again: reported ok (``changed=false``), sent no write, and, when the caller lists them, exactly those reads.

It returns the three task results, each with the simulator requests that task sent (``.requests``, ``.writes``,
``.calls``), so a test asserts more on them: result values, diffs, polls.

    def test_create(sim, run_playbook):
        steps = converge(run_playbook, app(name="acme-web", region="eu"),
                         writes=[("POST", "/apps", {"name": "acme-web", "region": "eu"})],
                         reads=[("GET", "/apps/acme-web")])
        assert steps.real["heroku_app"]["region"] == "eu"

Several patterns, plain tasks, failures and checkpoints (test code run between two steps, e.g. to read the
simulator's state before the next step changes it) share one process through ``Playbook``:

    seen = {}
    plan = Playbook(run_playbook)
    create = plan.converge(app(name="acme-web"), writes=[("POST", "/apps", {"name": "acme-web"})],
                           after_check=lambda: seen.update(status=api(sim, "GET", "/apps/acme-web")[0]))
    plan.absent(app(name="acme-web"),
                writes=lambda: [("DELETE", "/apps/%s" % create.real["heroku_app"]["id"], None)])
    plan.run()
    assert seen["status"] == 404  # check mode created nothing

An expected write is ``(method, path, body)``: the path is a string (equal) or a compiled regex (``fullmatch``);
the body is the JSON the request sent, compared exactly (the same keys, lists in order, ``true`` is not ``1``),
``None`` for a request with no body (a DELETE, a POST with nothing to say). Inside a body, a value a test cannot
know in advance (an id, a timestamp, a generated PEM) is given by a matcher: ``ANY`` (any value, the key present),
a compiled regex (``fullmatch`` of a string, e.g. ``UUID``), ``in_any_order([...])`` for a list whose order means
nothing, or ``Matcher(predicate, description)``. A write given
without its body fails the test before anything runs: every test that writes says what it sent. An expected read
is ``(method, path)``, or ``(method, path, body)`` for a read that sends one.

``writes`` and ``reads`` may be lists or functions returning lists, called after the run (to name an id the
playbook created). Writes are compared as a multiset; reads in order, or as a multiset with
``reads_in_any_order=True``. A test that runs ``run_playbook`` itself checks a task's writes with
``assert_writes(task.writes, [(method, path, body), ...])``.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Callable, Iterable, List, Optional, Sequence, Tuple, Union

from playbook_harness import PlaybookResult, TaskResult, checkpoint_task

PathSpec = Union[str, "re.Pattern[str]"]
Expected = Tuple[Any, ...]  # (method, path) or (method, path, body)
Expectations = Union[Sequence[Expected], Callable[[], Sequence[Expected]]]

MODULE_PREFIX = "herokuops.platform."
ANY_PATH = re.compile(r".*")  # ("DELETE", ANY_PATH, None): a DELETE of anything
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # an id in a body or a path


class Matcher:
    """A value of an expected body that a test cannot know in advance: it matches what ``predicate`` accepts.

        {"slug": {"id": UUID}, "created_at": Matcher(lambda value: value.endswith("Z"), "a UTC timestamp")}
    """

    def __init__(self, predicate: Callable[[Any], bool], description: str):
        self.predicate = predicate
        self.description = description

    def matches(self, value: Any) -> bool:
        return bool(self.predicate(value))

    def __repr__(self) -> str:
        return f"<{self.description}>"


ANY = Matcher(lambda value: True, "any value")


def in_any_order(items: Sequence[Any]) -> Matcher:
    """A list of a body whose order means nothing to Heroku (and to the module): each item matched once."""
    items = list(items)
    return Matcher(lambda sent: isinstance(sent, list) and _match_all(items, sent, body_matches),
                   f"in any order: {items!r}")


# --- matching requests ----------------------------------------------------------------------------

def body_matches(expected: Any, sent: Any) -> bool:
    """Whether the JSON ``sent`` is ``expected``: equal, but for the matchers (``ANY``, a compiled regex, a
    ``Matcher``) it holds; objects with the same keys, lists in the same order, booleans never equal to numbers."""
    if isinstance(expected, Matcher):
        return expected.matches(sent)
    if isinstance(expected, re.Pattern):
        return isinstance(sent, str) and expected.fullmatch(sent) is not None
    if isinstance(expected, dict):
        return (isinstance(sent, dict) and set(expected) == set(sent)
                and all(body_matches(value, sent[key]) for key, value in expected.items()))
    if isinstance(expected, (list, tuple)):
        return (isinstance(sent, list) and len(expected) == len(sent)
                and all(body_matches(e, s) for e, s in zip(expected, sent)))
    if isinstance(expected, bool) or isinstance(sent, bool):
        return expected is sent
    return expected == sent


def _matches(expected: Expected, record: dict) -> bool:
    method, path = expected[:2]
    if method != record["method"]:
        return False
    if isinstance(path, re.Pattern):
        if path.fullmatch(record["path"]) is None:
            return False
    elif path != record["path"]:
        return False
    return len(expected) < 3 or body_matches(expected[2], record.get("body"))


def _show(expected: Iterable[Expected]) -> list:
    return [tuple(part.pattern if isinstance(part, re.Pattern) and index == 1 else part
                  for index, part in enumerate(item)) for item in expected]


def _match_all(expected: Sequence[Any], records: Sequence[Any], matches: Callable[[Any, Any], bool] = None) -> bool:
    """Whether each expected request (or item, with ``matches``) matches its own record, and every record is
    matched (order ignored)."""
    matches = matches or _matches
    if len(expected) != len(records):
        return False

    def assign(index: int, free: List[Any]) -> bool:
        if index == len(expected):
            return True
        for position, record in enumerate(free):
            if matches(expected[index], record) and assign(index + 1, free[:position] + free[position + 1:]):
                return True
        return False

    return assign(0, list(records))


def _match_in_order(expected: Sequence[Expected], records: Sequence[dict]) -> bool:
    return len(expected) == len(records) and all(_matches(e, r) for e, r in zip(expected, records))


def _resolve(expectations: Optional[Expectations]) -> Optional[List[Expected]]:
    if expectations is None:
        return None
    return list(expectations() if callable(expectations) else expectations)


def _require_bodies(writes: Sequence[Expected]) -> None:
    """Fail on an expected write that does not say what it sent: every test that writes asserts its bodies."""
    for write in writes:
        if len(write) != 3:
            raise AssertionError(
                f"the expected write {write!r} has no body: add it, as (method, path, body) with the JSON the "
                "request must send (None when it sends none, as a DELETE; ANY, a regex or a Matcher for a value "
                "the test cannot know)")


def _calls(records: Sequence[dict]) -> List[Tuple[str, str, int]]:
    return [(r["method"], r["path"], r["status"]) for r in records]


def _sent(records: Sequence[dict]) -> List[Tuple[str, str, Any]]:
    return [(r["method"], r["path"], r.get("body")) for r in records]


def assert_writes(records: Sequence[dict], expected: Sequence[Expected], in_any_order: bool = False) -> None:
    """Assert that ``records`` (a task's ``.writes``, or ``sim.writes()``) are exactly the ``expected`` writes,
    each ``(method, path, body)`` as in ``converge``'s ``writes``; in order unless ``in_any_order``."""
    expected = list(expected)
    _require_bodies(expected)
    match = _match_all if in_any_order else _match_in_order
    assert match(expected, records), f"the writes sent {_sent(records)} are not {_show(expected)}"


# --- handles filled in by Playbook.run ------------------------------------------------------------

class Step:
    """One task of the playbook; ``.result`` (a TaskResult) once the playbook has run."""

    def __init__(self, name: str):
        self.name = name
        self.playbook: Optional[PlaybookResult] = None

    @property
    def result(self) -> TaskResult:
        if self.playbook is None:
            raise RuntimeError("the playbook has not run yet: call Playbook.run() first")
        return self.playbook.task(self.name)

    def __getattr__(self, attr):  # step.status, step.requests, step["msg"], ... as on the TaskResult
        if attr.startswith("_") or attr in ("name", "playbook"):
            raise AttributeError(attr)
        return getattr(self.result, attr)

    def __getitem__(self, key):
        return self.result[key]

    def __repr__(self) -> str:
        return f"Step({self.name!r})"


class Converged:
    """The three steps of one check / real / again pattern: ``.check``, ``.real``, ``.again`` (TaskResults), and
    ``.playbook`` (the PlaybookResult of the whole run, for its output)."""

    def __init__(self, label: str):
        self.label = label
        self.steps = {step: Step(f"{label} [{step}]") for step in ("check", "real", "again")}
        self.playbook: Optional[PlaybookResult] = None

    @property
    def check(self) -> TaskResult:
        return self.steps["check"].result

    @property
    def real(self) -> TaskResult:
        return self.steps["real"].result

    @property
    def again(self) -> TaskResult:
        return self.steps["again"].result

    def __iter__(self):  # check, real, again = converge(...)
        return iter((self.check, self.real, self.again))

    def __repr__(self) -> str:
        return f"Converged({self.label!r})"


# --- the playbook builder -------------------------------------------------------------------------

def _module_key(task: dict) -> str:
    keys = [key for key in task if key.startswith(MODULE_PREFIX)]
    if len(keys) != 1:
        raise ValueError(f"expected one herokuops.platform module in the task, found {keys}: {task}")
    return keys[0]


class Playbook:
    """Steps added in order, run as one ansible-playbook process by ``run()``, then checked in the same order."""

    def __init__(self, run_playbook: Callable[..., PlaybookResult]):
        self._run_playbook = run_playbook
        self._tasks: List[dict] = []
        self._verifications: List[Callable[[PlaybookResult], None]] = []
        self._checkpoints: dict = {}
        self._labels: set = set()
        self._handles: list = []
        self.result: Optional[PlaybookResult] = None

    def _label(self, task: dict, label: Optional[str]) -> str:
        base = label or task.get("name") or _module_key(task).rsplit(".", 1)[-1]
        candidate, number = base, 1
        while candidate in self._labels:
            number += 1
            candidate = f"{base} #{number}"
        self._labels.add(candidate)
        return candidate

    def _add(self, task: dict, name: str, **keywords: Any) -> None:
        entry = copy.deepcopy(task)
        entry["name"] = name
        entry.update(keywords)
        self._tasks.append(entry)

    def checkpoint(self, function: Callable[[], Any]) -> None:
        """Run ``function()`` in the test at this point of the playbook (the playbook waits): the handles of the
        steps that ran already give their results. If it raises, the playbook is stopped and the test fails with
        its exception. It must not call ``sim.clear_requests()``: each task's requests are positions in the log."""
        checkpoint_id = str(len(self._checkpoints) + 1)

        def run_checkpoint(results_so_far: PlaybookResult) -> None:
            self._bind(results_so_far)
            function()

        self._checkpoints[checkpoint_id] = run_checkpoint
        self._tasks.append(checkpoint_task(checkpoint_id))

    def _bind(self, result: PlaybookResult) -> None:
        for handle in self._handles:
            handle.playbook = result
            if isinstance(handle, Converged):
                for step in handle.steps.values():
                    step.playbook = result

    def task(self, task: dict, label: Optional[str] = None, status: Optional[str] = None, **keywords: Any) -> Step:
        """A plain task (``keywords`` are task keywords such as ``diff=True``); with ``status``, the status it
        must end with (``ok``, ``changed``, ``failed``...); nothing else is asserted on it."""
        step = Step(self._label(task, label))
        self._add(task, step.name, **keywords)
        self._handles.append(step)
        if status is not None:
            self._verifications.append(lambda result: _verify_status(result, step, status))
        return step

    def converge(self, task: dict, *, writes: Expectations, reads: Optional[Expectations] = None,
                 reads_in_any_order: bool = False, check_changed: bool = True, diff: bool = True,
                 label: Optional[str] = None, again_task: Optional[dict] = None,
                 after_check: Optional[Callable[[], Any]] = None,
                 after_real: Optional[Callable[[], Any]] = None,
                 after_again: Optional[Callable[[], Any]] = None) -> Converged:
        """Add the check / real / again steps of ``task``.

        ``writes``: what the real step must send, all of it, each ``(method, path, body)``.
        ``reads``: what the third step must send, all of it (``None``: any reads, no write).
        ``check_changed``: whether check mode must report changed (it must send no write either way).
        ``diff``: ``diff: true`` on the real and third steps too (check mode always has it).
        ``again_task``: what the third step runs instead of ``task`` (the same state, said another way).
        ``after_check`` / ``after_real`` / ``after_again``: checkpoints after those steps.
        """
        if not callable(writes):
            _require_bodies(writes)
        converged = Converged(self._label(task, label))
        self._add(task, converged.steps["check"].name, check_mode=True, diff=True)
        if after_check:
            self.checkpoint(after_check)
        self._add(task, converged.steps["real"].name, check_mode=False, diff=diff)
        if after_real:
            self.checkpoint(after_real)
        self._add(again_task or task, converged.steps["again"].name, check_mode=False, diff=diff)
        if after_again:
            self.checkpoint(after_again)
        self._handles.append(converged)
        self._verifications.append(lambda result: _verify_converged(
            result, converged, writes, reads, reads_in_any_order, check_changed))
        return converged

    def absent(self, task: dict, **options: Any) -> Converged:
        """``converge`` with ``state: absent`` in the module's arguments."""
        task = copy.deepcopy(task)
        task[_module_key(task)]["state"] = "absent"
        return self.converge(task, **options)

    def fails(self, task: dict, message: str, *, requests: bool = False, label: Optional[str] = None,
              **keywords: Any) -> Step:
        """A task that must fail (run with ``ignore_errors: true``) with ``message`` in its ``msg``, having sent no
        request (``requests=True``: reads allowed, no write). ``keywords`` are task keywords (``check_mode=True``)."""
        step = Step(self._label(task, label))
        self._add(task, step.name, ignore_errors=True, **keywords)
        self._handles.append(step)
        self._verifications.append(lambda result: _verify_failed(result, step, message, requests))
        return step

    def run(self, **run_kwargs: Any) -> PlaybookResult:
        """Run the playbook (``run_kwargs`` go to ``run_playbook``: verbosity, env, ...), then check every step."""
        if self.result is not None:
            raise RuntimeError("this playbook has already run")
        result = self._run_playbook(self._tasks, checkpoints=self._checkpoints or None, **run_kwargs)
        self.result = result
        self._bind(result)
        for verify in self._verifications:
            verify(result)
        return result


# --- checks ---------------------------------------------------------------------------------------

def _step(result: PlaybookResult, step: Step, what: str) -> TaskResult:
    found = result.tasks(step.name)
    assert found, f"{what}: task {step.name!r} did not run (rc={result.rc})\n{result.output}"
    return found[-1]


def _say(record: TaskResult, result: PlaybookResult) -> str:
    return (f"task {record.name!r}: status {record.status}, msg {record.get('msg')!r}\n"
            f"requests: {_calls(record.requests)}\n{result.output}")


def _verify_converged(result: PlaybookResult, converged: Converged, writes: Expectations,
                      reads: Optional[Expectations], reads_in_any_order: bool, check_changed: bool) -> None:
    check = _step(result, converged.steps["check"], "check mode")
    assert check.writes == [], "check mode sent writes: " + _say(check, result)
    assert check.status == ("changed" if check_changed else "ok"), "check mode: " + _say(check, result)

    real = _step(result, converged.steps["real"], "the real run")
    assert real.status == "changed", "the real run: " + _say(real, result)
    expected = _resolve(writes)
    _require_bodies(expected)
    assert _match_all(expected, real.writes), (
        f"the real run's writes {_sent(real.writes)} are not {_show(expected)}: " + _say(real, result))

    again = _step(result, converged.steps["again"], "the run again")
    assert again.status == "ok", "the run again: " + _say(again, result)
    assert again.writes == [], "the run again sent writes: " + _say(again, result)
    expected = _resolve(reads)
    if expected is not None:
        match = _match_all if reads_in_any_order else _match_in_order
        assert match(expected, again.requests), (
            f"the run again sent {_calls(again.requests)}, not {_show(expected)}: " + _say(again, result))


def _verify_status(result: PlaybookResult, step: Step, status: str) -> None:
    record = _step(result, step, "a task")
    assert record.status == status, f"expected status {status}: " + _say(record, result)


def _verify_failed(result: PlaybookResult, step: Step, message: str, requests_allowed: bool) -> None:
    record = _step(result, step, "a task that must fail")
    assert record.status == "failed", "expected a failure: " + _say(record, result)
    assert message in str(record.get("msg", "")), f"{message!r} not in the message: " + _say(record, result)
    if requests_allowed:
        assert record.writes == [], "a failing task sent writes: " + _say(record, result)
    else:
        assert record.requests == [], "a task that must fail before any request sent some: " + _say(record, result)


# --- one pattern, one process ---------------------------------------------------------------------

def converge(run_playbook: Callable[..., PlaybookResult], task: dict, *, writes: Expectations,
             reads: Optional[Expectations] = None, reads_in_any_order: bool = False, check_changed: bool = True,
             diff: bool = True, again_task: Optional[dict] = None, after_check: Optional[Callable[[], Any]] = None,
             after_real: Optional[Callable[[], Any]] = None, after_again: Optional[Callable[[], Any]] = None,
             **run_kwargs: Any) -> Converged:
    """Run ``task`` in check mode, for real and again in one ansible-playbook process and check the pattern
    (see ``Playbook.converge``); ``run_kwargs`` go to ``run_playbook`` (verbosity, env, ...)."""
    plan = Playbook(run_playbook)
    converged = plan.converge(task, writes=writes, reads=reads, reads_in_any_order=reads_in_any_order,
                              check_changed=check_changed, diff=diff, again_task=again_task,
                              after_check=after_check, after_real=after_real, after_again=after_again)
    plan.run(**run_kwargs)
    return converged


def converge_absent(run_playbook: Callable[..., PlaybookResult], task: dict, **options: Any) -> Converged:
    """``converge`` with ``state: absent`` in the module's arguments."""
    task = copy.deepcopy(task)
    task[_module_key(task)]["state"] = "absent"
    return converge(run_playbook, task, **options)


def fails_before_any_request(run_playbook: Callable[..., PlaybookResult], cases: Sequence[Tuple[dict, str]],
                             **run_kwargs: Any) -> List[TaskResult]:
    """Run every ``(task, message)`` case in one playbook (``ignore_errors: true`` on each) and check that each
    failed with ``message`` in its ``msg`` and sent no request. Returns the cases' TaskResults, in order."""
    return _failures(run_playbook, cases, False, run_kwargs)


def fails_without_writes(run_playbook: Callable[..., PlaybookResult], cases: Sequence[Tuple[dict, str]],
                         **run_kwargs: Any) -> List[TaskResult]:
    """As ``fails_before_any_request``, but reads are allowed: each case failed and sent no write."""
    return _failures(run_playbook, cases, True, run_kwargs)


def _failures(run_playbook, cases, requests_allowed, run_kwargs) -> List[TaskResult]:
    plan = Playbook(run_playbook)
    steps = [plan.fails(task, message, requests=requests_allowed, label=f"case {index}")
             for index, (task, message) in enumerate(cases)]
    plan.run(**run_kwargs)
    return [step.result for step in steps]
