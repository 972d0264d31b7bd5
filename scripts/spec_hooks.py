#!/usr/bin/env python3
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the specs hand to the runners, counted: per spec file, the functions (hooks) it gives the vocabulary's
records (a Resource's, Info's or Operation's own, and their Fields', Sections', Details', Reads' and Sources'), its
code lines, and the API path literals written in plugins/ outside the generated operations table.

    .venv/bin/python scripts/spec_hooks.py [-v]      (-v: name each hook)

Functions the vocabulary itself provides (heroku_spec's codecs such as NAMES, heroku_values, heroku_validate,
heroku_paths) are words of the vocabulary, not hooks. Not shipped; a contributor's yardstick.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / ".cache" / "collections"))  # scripts/bootstrap links the collection there

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import fields, is_record  # noqa: E402
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module  # noqa: E402

VOCABULARY = ("heroku_spec", "heroku_values", "heroku_validate", "heroku_paths", "heroku_generations")
PATH_LITERAL = re.compile(r'"/[a-z{][^"\s]*"')


def is_spec_record(value):
    return is_record(type(value))


def hooks_of(value, where, found, seen):
    """Each function held by ``value`` (a record) or by the records it holds, as ``where.field=name``."""
    if id(value) in seen or not is_spec_record(value):
        return
    seen.add(id(value))
    for item in fields(value):
        held = getattr(value, item.name)
        members = held if isinstance(held, (tuple, list)) else (held,)
        for member in members:
            if is_spec_record(member):
                hooks_of(member, "%s.%s" % (where, item.name), found, seen)
            elif callable(member) and not isinstance(member, type) and \
                    getattr(member, "__module__", "").rsplit(".", 1)[-1] not in VOCABULARY:
                found.add("%s.%s=%s" % (where, item.name, getattr(member, "__name__", "?")))


def main(verbose):
    total = small = 0
    spec_files = sorted(path for path in (REPO / "plugins" / "module_utils").glob("_*.py")
                        if path.stem not in ("__init__", "_operations"))
    for path in spec_files:
        spec_file = importlib.import_module("ansible_collections.herokuops.platform.plugins.module_utils." + path.stem)
        found, seen = set(), set()
        for name, value in vars(spec_file).items():
            if isinstance(value, Module):
                hooks_of(value.spec, name, found, seen)
        lines = sum(1 for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip() and not line.strip().startswith("#"))
        print("%-22s %3d hooks %4d lines" % (path.stem, len(found), lines))
        if verbose:
            for hook in sorted(found):
                print("       " + hook)
        total += len(found)
        small += len(found) <= 1
    print("total: %d hooks; specs with one hook or none: %d of %d" % (total, small, len(spec_files)))
    literals = sum(len(PATH_LITERAL.findall(path.read_text(encoding="utf-8")))
                   for path in (REPO / "plugins").rglob("*.py") if path.name != "_operations.py")
    print("API path literals in plugins/ outside _operations.py: %d" % literals)


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
