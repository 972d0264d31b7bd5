# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The load case of the rate limit: many apps, many forks, one nearly spent budget.

    .venv/bin/python tests/benchmarks/rate_limit.py [--apps 30] [--forks 10] [--remaining 5] [--refill 1.25]
                                                     [--retry-timeout 60] [--change]

Seeds N apps (shop-001, ...) in the simulator, leaves the account --remaining of its 4,500 requests
(refilled at --refill a second; Heroku's rate is 1.25), then runs ONE `ansible-playbook -f FORKS`
whose hosts come from the herokuops.platform.heroku inventory plugin and whose task is a no-change
heroku_config on every app: one GET a host, every fork drawing on the same budget. With --change, a
second task sets a config var: one PATCH a host.

Prints hosts ok and failed (and why), the requests sent (answered, refused with 429), the most any
one app was sent, and the wall time: figures, never pass/fail.
"""

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS = REPO / ".cache" / "collections"
ANSIBLE_HOME = REPO / ".cache" / "ansible-home"


def link_collection():
    """.cache/collections/ansible_collections/herokuops/platform -> this repository, as tests/conftest.py makes it."""
    link = COLLECTIONS / "ansible_collections" / "herokuops" / "platform"
    link.parent.mkdir(parents=True, exist_ok=True)
    ANSIBLE_HOME.mkdir(parents=True, exist_ok=True)
    if not link.is_symlink() and not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    if link.resolve() != REPO:
        sys.exit("%s points to %s, not to this repository %s: the run would use another copy of the collection"
                 % (link, link.resolve(), REPO))


link_collection()
sys.path.insert(0, str(REPO / "tests" / "benchmarks"))
# estate.py also puts tests/integration and .cache/collections on sys.path.
from estate import API_KEY, by_route, machine  # noqa: E402
from playbook_harness import playbook_env  # noqa: E402

Outcome = collections.namedtuple("Outcome", "rc seconds statuses failures requests output")
Outcome.__doc__ = """One run. ``statuses``: host -> ok | changed | failed | missing (never ran);
``failures``: host -> the module's message; ``requests``: the simulator's log entries of the run."""


def app_of(entry):
    """The app a request is about (``/apps/shop-001/config-vars`` -> shop-001), or None (the inventory's lists)."""
    match = re.match(r"^/apps/([^/?]+)/", entry["path"])
    return match.group(1) if match else None


def playbook(forks, retry_timeout, change):
    tasks = [{"name": "config, no change", "herokuops.platform.heroku_config": {
        "app": "{{ inventory_hostname }}", "config": {"LOG_LEVEL": "info"}}}]
    if change:
        tasks.append({"name": "config, one change", "herokuops.platform.heroku_config": {
            "app": "{{ inventory_hostname }}", "config": {"DEPLOYED_BY": "rate-limit-benchmark"}}})
    return [{"name": "Every app under one rate limit, forks %d" % forks, "hosts": "all", "gather_facts": False,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
             "module_defaults": {"group/herokuops.platform.heroku": {"retry_timeout": retry_timeout}},
             "tasks": tasks}]


def run_load(sim, work, apps=30, forks=10, remaining=5, refill=1.25, retry_timeout=60, change=False, api_key=API_KEY):
    """Seed ``apps`` apps, leave ``remaining`` requests of the budget, run the playbook once: its Outcome."""
    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    (work / "home").mkdir(exist_ok=True)
    names = ["shop-%03d" % number for number in range(1, apps + 1)]
    for name in names:
        sim.seed_app(name, team="acme", config={"LOG_LEVEL": "info"})
    (work / "estate.heroku.yml").write_text(yaml.safe_dump({
        "plugin": "herokuops.platform.heroku", "api_url": sim.url, "retry_timeout": retry_timeout}))
    (work / "load.yml").write_text(yaml.safe_dump(playbook(forks, retry_timeout, change), sort_keys=False))
    env = playbook_env(sim.url, api_key, COLLECTIONS, ANSIBLE_HOME)
    env.update(HOME=str(work / "home"), ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
               HEROKUOPS_TEST_RESULTS_FILE=str(work / "results.json"))
    command = [Path(sys.executable).parent / "ansible-playbook", "-i", "estate.heroku.yml", "-f", str(forks), "load.yml"]

    sim.set_rate_limit(budget=4500, refill_per_second=refill, remaining=remaining)
    sim.clear_requests()
    started = time.monotonic()
    proc = subprocess.run(command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          stdin=subprocess.DEVNULL, timeout=1800, check=False)
    seconds = time.monotonic() - started
    requests = sim.requests

    records = json.loads((work / "results.json").read_text()) if (work / "results.json").exists() else []
    statuses = dict.fromkeys(names, "missing")
    failures = {}
    for record in records:
        if statuses.get(record["host"]) == "failed":
            continue  # a failed host runs no further task
        statuses[record["host"]] = record["status"]
        if record["status"] in ("failed", "unreachable"):
            statuses[record["host"]] = "failed"
            failures[record["host"]] = record["result"].get("msg", "")
    return Outcome(proc.returncode, seconds, statuses, failures, requests, proc.stdout)


def per_app(requests):
    """app -> the number of requests sent about it."""
    return collections.Counter(app for app in map(app_of, requests) if app)


def report(outcome, say=print):
    counted = collections.Counter(outcome.statuses.values())
    ok = counted["ok"] + counted["changed"]
    refused = [entry for entry in outcome.requests if entry["status"] == 429]
    answered = [entry for entry in outcome.requests if 200 <= entry["status"] < 300]
    other = len(outcome.requests) - len(refused) - len(answered)
    say("- Hosts: %d ok, %d failed%s (ansible-playbook rc=%d)." % (
        ok, counted["failed"], ", %d never ran" % counted["missing"] if counted["missing"] else "", outcome.rc))
    say("- Requests: %d sent: %d answered 2xx, %d refused with 429%s." % (
        len(outcome.requests), len(answered), len(refused), ", %d other" % other if other else ""))
    say("  - by kind: %s." % by_route(outcome.requests))
    sent = per_app(outcome.requests)
    refused_per_app = per_app(refused)
    busiest = max(sent, key=sent.get) if sent else None
    if busiest:
        say("- The most sent about one app: %d (%s, %d of them 429s); the median app: %d." % (
            sent[busiest], busiest, refused_per_app[busiest], sorted(sent.values())[len(sent) // 2]))
    say("- Wall time: %.1f s." % outcome.seconds)
    if outcome.failures:
        # One line a distinct message: the app's name and the request id taken out.
        by_message = collections.defaultdict(list)
        for host, message in sorted(outcome.failures.items()):
            message = " ".join(re.sub(r"\[request-id [^]]*\]", "", message.replace(host, "{app}")).split())
            by_message[message].append(host)
        for message, hosts in by_message.items():
            attempts = sorted(collections.Counter(sent[host] for host in hosts).items())
            say("- %d hosts failed with: %s" % (len(hosts), message))
            say("  - requests the simulator logged for each failed app: %s." % ", ".join(
                "%d (%d apps)" % pair for pair in attempts))
    if counted["missing"] == len(outcome.statuses):
        say(outcome.output[-3000:])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", type=int, default=30)
    parser.add_argument("--forks", type=int, default=10)
    parser.add_argument("--remaining", type=int, default=5, help="requests left of the 4,500 when the run starts")
    parser.add_argument("--refill", type=float, default=1.25, help="requests refilled a second (Heroku: 1.25)")
    parser.add_argument("--retry-timeout", type=int, default=60, help="the modules' and the inventory's retry_timeout")
    parser.add_argument("--change", action="store_true", help="a second task that changes a config var (a PATCH a host)")
    options = parser.parse_args()

    from heroku_simulator import Simulator  # pylint: disable=import-outside-toplevel

    print("# The rate limit under load: %d apps, forks %d, %d of 4500 requests left, refilled at %g/s, "
          "retry_timeout %d s%s" % (options.apps, options.forks, options.remaining, options.refill,
                                    options.retry_timeout, ", one change a host" if options.change else ""))
    print("- Collection: %s; %s." % (REPO, machine()))
    sim = Simulator(api_key=API_KEY).start(port=0)
    try:
        outcome = run_load(sim, tempfile.mkdtemp(prefix="heroku-rate-limit-"), apps=options.apps, forks=options.forks,
                           remaining=options.remaining, refill=options.refill, retry_timeout=options.retry_timeout,
                           change=options.change)
    finally:
        sim.stop()
    report(outcome)


if __name__ == "__main__":
    main()
