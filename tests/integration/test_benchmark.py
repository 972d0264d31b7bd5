# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The estate benchmark on a tiny estate: it runs, prints every figure, and its request counts hold.

Times are printed, never checked; the request counts come from the simulator's log.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
APPS = 3
RESOURCES = APPS * 4  # an app, its config vars, its formation, its add-on
# A dozen ansible-playbook runs in one test.
pytestmark = pytest.mark.long_running


def test_the_benchmark_prints_every_figure_and_the_no_change_converge_sends_one_get_per_resource(tmp_path):
    out = tmp_path / "RESULTS.md"
    # The per-task section (written by --per-task-only, with its before and after) outlives a full run.
    kept = "## Per-task cost against ansible.builtin.debug\n\nbefore and after\n"
    out.write_text("figures of an older run\n\n" + kept)
    readme = tmp_path / "README.md"
    # The README's block, between its markers, is what the run rewrites.
    real_readme = (REPO_ROOT / "README.md").read_text()
    readme.write_text(real_readme)
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "tests" / "benchmarks" / "estate.py"), "--apps", str(APPS), "--latencies", "0",
         "--forks", "1,2", "--repeat", "1", "--tasks", "2", "--info-apps", "1200", "--out", str(out),
         "--readme", str(readme)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout
    printed = proc.stdout
    written = out.read_text()
    assert written.endswith("\n\n" + kept) and "older run" not in written
    assert written[:-len("\n" + kept)] in printed + "\n"  # the file holds what was printed, then the per-task section

    for heading in ("## 1. Requests per resource", "## 2. Wall time of a no-change converge", "## 3. heroku_app_info over 1200 apps",
                    "## 4. Against reading each app the way the Terraform provider does"):
        assert heading in printed

    # The inventory's three list reads (apps, couplings, pipelines), then one GET per resource and no write.
    no_change = re.search(r"- No-change converge \(forks 2, [0-9]+ s\): ([0-9]+) requests, ([0-9]+) of them writes", printed)
    assert no_change, printed
    assert (int(no_change.group(1)), int(no_change.group(2))) == (RESOURCES + 3, 0)
    first = re.search(r"- First converge \(forks 2, [0-9]+ s\): ([0-9]+) requests, ([0-9]+) of them writes", printed)
    # One write per changed resource: the config vars, the formation, the new add-on.
    assert first and int(first.group(2)) == APPS * 3, printed

    rows = re.findall(r"^\| 0 ms \| (in process|module) \| (inventory plugin, forks [0-9]+|loop on localhost) \| [0-9]+ s \| "
                      r"[0-9]+ s \| ([0-9]+) \| ([0-9]+) \|$", printed, re.MULTILINE)
    # Both paths send the very same requests: one runner serves them.
    assert rows == [(path, run, str(count), "0") for path in ("in process", "module")
                    for run, count in (("inventory plugin, forks 1", RESOURCES + 3), ("inventory plugin, forks 2", RESOURCES + 3),
                                       ("loop on localhost", RESOURCES))]
    per_task = re.findall(r"^\| 0 ms \| ([^|]+?) \| -?[0-9.]+ s \| -?[0-9.]+ s \| [^|]+x \| [^|]+x \|$", printed, re.MULTILINE)
    assert per_task == ["ansible.builtin.ping", "ansible.builtin.debug", "ansible.builtin.uri GET of the config vars",
                        "herokuops.platform.heroku_config, no change, in process",
                        "herokuops.platform.heroku_config, no change, module"]
    # 1,200 apps are two pages of Heroku's 1,000.
    assert re.search(r"- at 0 ms: 1200 apps read in 2 requests \(2 GET /apps; statuses 200, 206\)", printed), printed
    assert "this collection's no-change converge: %d requests" % (RESOURCES + 3) in printed

    summary = readme.read_text()
    assert "A no-change converge through the inventory plugin sends %d requests, 0 of them writes" % (RESOURCES + 3) in summary
    assert "`heroku_app_info` over 1200 apps: 2 requests" in summary
    assert "modules in process: inventory plugin, forks 1: " in summary and "modules as module runs: " in summary
    assert "herokuops.platform.heroku_config, no change, in process: " in summary
    # Only the block changed.
    start, end = "<!-- benchmark figures", "<!-- end of benchmark figures -->"
    assert summary.split(start)[0] == real_readme.split(start)[0]
    assert summary.split(end)[1] == real_readme.split(end)[1]


def test_the_per_task_rows_print_every_task_against_debug_and_keep_the_rest_of_the_figures_file(tmp_path):
    out = tmp_path / "RESULTS.md"
    out.write_text("# Figures of the full run\n\nkept as they are\n")
    command = [sys.executable, str(REPO_ROOT / "tests" / "benchmarks" / "estate.py"), "--per-task-only", "--apps", str(APPS),
               "--latencies", "0", "--forks", "2", "--repeat", "1", "--tasks", "2", "--out", str(out)]
    for _run in range(2):  # the second run rewrites the block the first one added
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False)
        assert proc.returncode == 0, proc.stdout
    printed = proc.stdout

    rows = re.findall(r"^\| 0 ms \| ([^|]+?) \| -?[0-9.]+ s \| -?[0-9.]+ to -?[0-9.]+ \| (-?[0-9.]+|nan)x \| -?[0-9.]+ s \|$",
                      printed, re.MULTILINE)
    assert [label for label, _ratio in rows] == [
        "ansible.builtin.debug", "ansible.builtin.ping", "herokuops.platform.heroku_config, no change, in process",
        "herokuops.platform.heroku_app_info, one app, in process"]
    # The no-change converge of the estate: one GET per resource and the inventory's three list reads, no write; the
    # same play with debug, or with a task that only waits, in place of each task: the inventory's reads alone.
    plays = re.findall(r"^\| (the no-change converge|ansible.builtin.debug in place of each task|a task that only waits one answer's "
                       r"latency in place of each) \| [0-9.]+ s \| [0-9.]+ to [0-9.]+ \| [0-9.]+ s \| [0-9.]+ to [0-9.]+ \| [0-9.]+ s \| "
                       r"[0-9.]+x \| [0-9.]+ s \| ([0-9]+) \| ([0-9]+) \|$", printed, re.MULTILINE)
    assert plays == [("the no-change converge", str(RESOURCES + 3), "0"), ("ansible.builtin.debug in place of each task", "3", "0"),
                     ("a task that only waits one answer's latency in place of each", "3", "0")]
    assert re.search(r"^On [0-9]+ CPUs a run takes at least its CPU time and the simulator's over [0-9]+: [0-9.]+ s for the converge, "
                     r"[0-9.]+ s for the debug play, [0-9.]+ s for the play that only waits", printed, re.MULTILINE)
    added = re.search(r"^What the collection's modules add to a play whose tasks do nothing but wait one answer: (-?[0-9.]+) s of "
                      r"wall time \(([0-9.]+) s against ([0-9.]+) s, medians\)\.$", printed, re.MULTILINE)
    assert added and abs(float(added.group(1)) - (float(added.group(2)) - float(added.group(3)))) < 0.11, printed
    assert "load average (1, 5, 15 min) at the start" in printed

    written = out.read_text()
    assert written.startswith("# Figures of the full run\n\nkept as they are\n")
    assert written.count("## Per-task cost against ansible.builtin.debug") == 1
    assert written.count("<!-- per-task figures") == 1 and written.count("<!-- end of per-task figures -->") == 1
    assert "| 0 ms | herokuops.platform.heroku_config, no change, in process |" in written
