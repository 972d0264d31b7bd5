"""Root pytest configuration for herokuops.platform.

Makes the collection importable as ``ansible_collections.herokuops.platform``
without copying it: .cache/collections/ansible_collections/herokuops/platform
is a symlink to the repository root, and .cache/collections goes first on
sys.path. Also keeps Ansible's own state (ANSIBLE_HOME) out of the user's home, and orders the
tests so that two pytest-xdist workers end together (see pytest_collection_modifyitems).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CACHE_DIR = REPO_ROOT / ".cache"
# The directory that holds ansible_collections/; also what ANSIBLE_COLLECTIONS_PATH names.
COLLECTIONS_DIR = CACHE_DIR / "collections"
COLLECTION_LINK = COLLECTIONS_DIR / "ansible_collections" / "herokuops" / "platform"
ANSIBLE_HOME = CACHE_DIR / "ansible-home"


def _ensure_collection_link() -> None:
    COLLECTION_LINK.parent.mkdir(parents=True, exist_ok=True)
    if COLLECTION_LINK.is_symlink() and COLLECTION_LINK.resolve() == REPO_ROOT:
        return
    if COLLECTION_LINK.is_symlink() or COLLECTION_LINK.exists():
        # A stale link from a moved checkout, or something else in the way.
        if COLLECTION_LINK.is_dir() and not COLLECTION_LINK.is_symlink():
            raise RuntimeError(f"{COLLECTION_LINK} is a real directory; remove it so the test link can be made")
        COLLECTION_LINK.unlink()
    # Two pytest workers may race here; losing the race is fine.
    try:
        COLLECTION_LINK.symlink_to(REPO_ROOT, target_is_directory=True)
    except FileExistsError:
        pass


_ensure_collection_link()
if str(COLLECTIONS_DIR) not in sys.path:
    sys.path.insert(0, str(COLLECTIONS_DIR))

# scripts/bootstrap installs the simulator editable; this covers a checkout
# where simulator/ has no packaging yet or .venv predates it.
SIMULATOR_DIR = REPO_ROOT / "simulator"
if SIMULATOR_DIR.is_dir() and str(SIMULATOR_DIR) not in sys.path:
    sys.path.append(str(SIMULATOR_DIR))

ANSIBLE_HOME.mkdir(parents=True, exist_ok=True)
os.environ.setdefault("ANSIBLE_HOME", str(ANSIBLE_HOME))
os.environ.setdefault("ANSIBLE_COLLECTIONS_PATH", str(COLLECTIONS_DIR))
os.environ.setdefault("ANSIBLE_LOCAL_TEMP", str(ANSIBLE_HOME / "tmp"))


def pytest_configure(config):
    config.addinivalue_line("markers", "long_running: the file takes a minute or more; its tests start first")


# How long each file took last time, on this machine (outside the checkout, so that a fresh clone has it too).
DURATIONS = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "herokuops-platform" / "pytest-durations.json"
# What a test of a file never timed is guessed to take: those that start processes (ansible-playbook,
# ansible-galaxy, Sphinx) seconds, the others milliseconds.
GUESSED_SECONDS = {"tests/integration/": 4.0, "tests/packaging/": 1.0}
_timings = {}


def _file_of(item_or_report):
    return item_or_report.nodeid.split("::")[0]


def _recorded():
    try:
        return {path: float(seconds) for path, seconds in json.loads(DURATIONS.read_text(encoding="utf-8")).items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def pytest_collection_modifyitems(config, items):
    """Longest files first: noxfile.py runs ``--dist loadfile --no-loadscope-reorder``, so each worker takes the
    next file in this order when it is done with one, and the short files last even out the end. A file's length
    is what it took last time, else a guess from its number of tests; ``long_running`` files start first."""
    recorded = _recorded()
    files = {}
    for index, item in enumerate(items):
        path = _file_of(item)
        rank = files.setdefault(path, {"first": index, "guess": 0.0, "long": False})
        rank["guess"] += next((s for d, s in GUESSED_SECONDS.items() if path.startswith(d)), 0.05)
        rank["long"] = rank["long"] or item.get_closest_marker("long_running") is not None
    for path, rank in files.items():
        rank["key"] = (not rank["long"], -recorded.get(path, rank["guess"]), rank["first"])
    items.sort(key=lambda item: files[_file_of(item)]["key"])


def pytest_runtest_logreport(report):
    _timings[_file_of(report)] = _timings.get(_file_of(report), 0.0) + report.duration


def pytest_sessionfinish(session):
    # The controller alone (xdist's workers pass their reports to it), and only a run of whole files that passed
    # (a failing test often ends early).
    if hasattr(session.config, "workerinput") or session.config.option.keyword or session.config.option.markexpr:
        return
    if not _timings or session.testsfailed or session.shouldstop:
        return
    try:
        DURATIONS.parent.mkdir(parents=True, exist_ok=True)
        tmp = DURATIONS.with_suffix(".%d.tmp" % os.getpid())
        tmp.write_text(json.dumps(dict(_recorded(), **{k: round(v, 1) for k, v in _timings.items()}), indent=0,
                                  sort_keys=True), encoding="utf-8")
        tmp.replace(DURATIONS)
    except OSError:
        pass  # an ordering hint, not a result
