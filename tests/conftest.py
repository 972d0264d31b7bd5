"""Root pytest configuration for herokuops.platform.

Makes the collection importable as ``ansible_collections.herokuops.platform``
without copying it: .cache/collections/ansible_collections/herokuops/platform
is a symlink to the repository root, and .cache/collections goes first on
sys.path. Also keeps Ansible's own state (ANSIBLE_HOME) out of the user's home.
"""

from __future__ import annotations

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
