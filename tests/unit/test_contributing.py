# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CONTRIBUTING.md's table of hooks names every hook the vocabulary offers, and no other."""

from __future__ import annotations

import pathlib
import re

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_spec
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_record import fields, is_record

CONTRIBUTING = pathlib.Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"


def hooks_in_the_vocabulary():
    """``Class.field`` for each record field of heroku_spec typed as a hook (or as data-or-hook)."""
    found = set()
    for name, value in vars(heroku_spec).items():
        if is_record(value) and value.__module__ == heroku_spec.__name__:
            for spec_field in fields(value):
                if "Hook" in str(spec_field.type):
                    found.add("%s.%s" % (name, spec_field.name))
    return found


def hooks_in_the_table():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("### Hooks: when a spec needs one", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    named = set()
    for row in rows:
        first_cell = row.split("|")[1]
        for name in re.findall(r"`([A-Z][A-Za-z]*\.[a-z_]+)`", first_cell):
            named.add(name)
    return named


def test_the_hook_table_names_every_hook_and_only_hooks():
    vocabulary, table = hooks_in_the_vocabulary(), hooks_in_the_table()
    assert len(vocabulary) > 20
    assert vocabulary - table == set(), "CONTRIBUTING.md's hook table lacks: %s" % sorted(vocabulary - table)
    assert table - vocabulary == set(), "CONTRIBUTING.md's hook table names what is no hook: %s" % sorted(table - vocabulary)
