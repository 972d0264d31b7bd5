# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The rate limit's load case: forks that share one nearly spent budget all get their turn.

20 apps through the inventory plugin, ansible-playbook -f 10, 3 requests left of the budget: the run is
tests/benchmarks/rate_limit.py's, in this process. The budget refills at 0.75 requests a second, below
Heroku's 1.25: a loaded 2-CPU machine starts barely 2 modules a second, and at 1.25 its forks compete too
little for a test (3 to 15 429s a run; the old client failed hosts in 2 runs of 3). At 0.75 they are refused
with 429 many times over (43 to 61 times a run), and a client that gives up after 1 + max_retries attempts
fails several hosts every run (7 or 8 of 20 in 5 runs of the old one). Times are never checked.
"""

import sys
from pathlib import Path

from sim_api import API_KEY

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import rate_limit  # noqa: E402

APPS = 20
REFILL = 0.75  # requests a second
RETRY_TIMEOUT = 60  # the modules' default
# The run needs APPS requests of a budget refilled at REFILL a second: about 27 s, after which every app has its
# turn. A 429 is sent again no sooner than its Retry-After, never below 1 s here: an app waiting all that
# time is sent about 28 requests. A client that ignored Retry-After would send far more.
MOST_PER_APP = 30


def test_forks_sharing_a_nearly_spent_budget_all_end_ok(sim, tmp_path):
    outcome = rate_limit.run_load(sim, tmp_path, apps=APPS, forks=10, remaining=3, refill=REFILL,
                                  retry_timeout=RETRY_TIMEOUT, api_key=API_KEY)
    lines = []
    rate_limit.report(outcome, say=lines.append)
    summary = "\n".join(lines)
    print(summary)  # the figures, for -s or a failure

    assert outcome.failures == {}, summary
    assert set(outcome.statuses.values()) == {"ok"}, summary
    assert outcome.rc == 0, outcome.output[-3000:]

    refused = [entry for entry in outcome.requests if entry["status"] == 429]
    answered = [entry for entry in outcome.requests if entry["status"] == 200]
    assert len(refused) + len(answered) == len(outcome.requests), summary
    # The retry path ran, and not for a few apps only: as many 429s as apps, at least.
    assert len(refused) >= APPS, summary
    # Each app's config vars were read once with success (no change: no write), and the inventory's three lists.
    assert sorted(rate_limit.per_app(answered).values()) == [1] * APPS, summary
    assert len(answered) == APPS + 3 and sim.writes() == [], summary
    assert max(rate_limit.per_app(outcome.requests).values()) <= MOST_PER_APP, summary
