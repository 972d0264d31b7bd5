# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Converge a reference Heroku estate in the simulator and print what it costs.

    .venv/bin/python tests/benchmarks/estate.py                  # the reference estate (takes a while)
    .venv/bin/python tests/benchmarks/estate.py --apps 10 --info-apps 500 --forks 1,5 --repeat 1

Figures, never pass/fail on time:
  1. requests per resource on a first converge and on a no-change converge, against the minimum
     of one GET per resource;
  2. wall and CPU time of the no-change converge through the inventory plugin at several fork counts,
     against a loop on localhost, with the modules running inside Ansible's worker (the default) and
     as module runs (``herokuops_platform_in_process: false``); the per-task time and CPU of heroku_config
     (no change) on both paths against ansible.builtin.debug, ansible.builtin.ping and ansible.builtin.uri
     doing one GET of the same config vars (medians);
  3. heroku_app_info over a large account: requests, seconds, peak memory;
  4. the request count of reading the estate the way the Terraform provider reads it.

``--per-task-only`` runs none of these, only the rows of the per-task cost: the CPU seconds a task of
ansible.builtin.debug, ansible.builtin.ping and no-change heroku_config and heroku_app_info tasks in process (each
task of its own, as each host's task of a converge is: one worker process each), against debug's; and the no-change
converge through the inventory plugin at the most forks and the first latency (wall, CPU, requests), against the same
play with ansible.builtin.debug in place of each task and with a task that does nothing but wait one answer's latency
(what no module sending one request a task can beat). Medians of ``--repeat`` runs, with their spread and the
machine's load average, since other processes share the CPUs.
"""

import argparse
import collections
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from ansible.release import __version__ as ansible_version

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "integration"))
sys.path.insert(0, str(REPO / ".cache" / "collections"))

from heroku_simulator import Simulator  # noqa: E402
from playbook_harness import playbook_env  # noqa: E402
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuClient  # noqa: E402

API_KEY = "bench-api-key"
RESOURCES_PER_APP = 4  # the app, its config vars, its formation, its add-on
# GETs per app that the Terraform provider's refresh sends for the same four resources: the app
# resource alone reads the app, its config vars, buildpacks, features and its organization (4-5),
# and each of the formation and add-on resources reads once more.
TERRAFORM_GETS_PER_APP = 5 + 1 + 1 + 1
CONFIG_VARS = 20
# Runs a command and prints the peak resident memory (KiB) of the largest process it started.
MEASURE = ("import resource, subprocess, sys; rc = subprocess.call(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)")
PIPELINES = 10


def run(args, env, cwd):
    """Run a command to the end; return its wall seconds, CPU seconds (it and its children) and output."""
    cpu_before = children_cpu()
    started = time.monotonic()
    proc = subprocess.run(args, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    elapsed = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit("%s failed (rc=%d):\n%s" % (" ".join(map(str, args)), proc.returncode, proc.stdout[-4000:]))
    return elapsed, children_cpu() - cpu_before, proc.stdout


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def route(entry):
    """'GET /apps/{app}/config-vars': the request with its app names and ids taken out, to count by kind."""
    if entry["path"] == "/filters/apps":  # a fixed path: no name or id in it
        return "%s %s" % (entry["method"], entry["path"])
    parts = entry["path"].split("?")[0].strip("/").split("/")
    templated = [part if index % 2 == 0 else "{%s}" % parts[index - 1].rstrip("s").replace("-", "_")
                 for index, part in enumerate(parts)]
    return "%s /%s" % (entry["method"], "/".join(templated))


def by_route(entries):
    counted = collections.Counter(route(entry) for entry in entries)
    return ", ".join("%d %s" % (count, name) for name, count in sorted(counted.items(), key=lambda item: (-item[1], item[0])))


def compile_collection():
    """Write the bytecode cache of the collection's Python files, as a user's first run does (Python writes it on
    import), so that every run measured is a later run, whatever PYTHONDONTWRITEBYTECODE says here."""
    import compileall  # pylint: disable=import-outside-toplevel
    for directory in ("module_utils", "plugin_utils"):
        compileall.compile_dir(str(REPO / "plugins" / directory), quiet=1)
    return "the collection's bytecode cache written before the runs, as a first run writes it"


def machine():
    model = "unknown CPU"
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "%s, %d CPUs (%s), Python %s, ansible-core %s" % (
        platform.platform(), os.cpu_count() or 0, model, platform.python_version(), ansible_version)


def build_estate(sim, apps):
    """Apps with 20 config vars and 2 process types, in 10 pipelines; add-ons come with the first converge."""
    client = HerokuClient(API_KEY, api_url=sim.url)
    names = ["bench-%04d" % number for number in range(apps)]
    for name in names:
        sim.seed_app(name, team="acme", process_types={"web": "npm start", "worker": "node worker.js"},
                     config=dict(("VAR_%02d" % index, "old-%d" % index) for index in range(CONFIG_VARS)))
    for number in range(min(PIPELINES, apps)):
        pipeline = client.post("/pipelines", {"name": "bench-pipeline-%02d" % number})
        members = names[number::PIPELINES]
        for index, name in enumerate(members):
            stage = "production" if index < (len(members) + 1) // 2 else "staging"
            client.post("/pipeline-couplings", {"app": name, "pipeline": pipeline["id"], "stage": stage})
    return names


CONVERGE_TASKS = [
    {"name": "app", "herokuops.platform.heroku_app": {"name": "{{ app_name }}", "region": "us"}},
    {"name": "config", "herokuops.platform.heroku_config": {
        "app": "{{ app_name }}", "config": dict(("VAR_%02d" % index, "new-%d" % index) for index in range(CONFIG_VARS))}},
    {"name": "formation", "herokuops.platform.heroku_formation": {"app": "{{ app_name }}", "processes": [
        {"type": "web", "quantity": 2, "size": "Standard-1X"}, {"type": "worker", "quantity": 1}]}},
    {"name": "addon", "herokuops.platform.heroku_addon": {"app": "{{ app_name }}", "plan": "heroku-postgresql:essential-0"}},
]


# The yardstick task of the converge: no work at all, only the wait of one answer (written into the benchmark's
# directory, where ansible-playbook finds it beside the playbook).
WAIT_ONE_ANSWER = """import time

from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        time.sleep(float(self._task.args["seconds"]))
        return {"changed": False}
"""


# Where the collection's modules run: inside Ansible's worker (the default), or as module runs.
PATHS = {"in process": True, "module": False}


def inventory_playbook(in_process=True):
    return [{"name": "Converge the estate", "hosts": "all", "gather_facts": False,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}", "app_name": "{{ inventory_hostname }}",
                      "herokuops_platform_in_process": in_process},
             "tasks": CONVERGE_TASKS}]


def loop_playbook(names, in_process=True):
    tasks = [dict(task, loop=names, loop_control={"loop_var": "app_name"}) for task in CONVERGE_TASKS]
    return [{"name": "Converge the estate in a loop", "hosts": "localhost", "connection": "local",
             "gather_facts": False, "tasks": tasks,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}", "herokuops_platform_in_process": in_process}}]


def single_task_playbook(task, count, in_process=True):
    return [{"name": "One task, %d times" % count, "hosts": "localhost", "connection": "local", "gather_facts": False,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}", "herokuops_platform_in_process": in_process},
             "tasks": [dict(task, loop=list(range(count))) if task else {"name": "nothing", "ansible.builtin.meta": "noop"}]}]


README_START = "<!-- benchmark figures: written by scripts/benchmark from tests/benchmarks/RESULTS.md -->"
README_END = "<!-- end of benchmark figures -->"


def readme_summary(results):
    """The README's few lines, taken from the figures file that estate.py wrote."""
    def find(pattern):
        match = re.search(pattern, results, re.MULTILINE)
        if not match:
            sys.exit("the figures file has no line matching %r; rerun the benchmark" % pattern)
        return match

    machine = find(r"^- Machine: (.*)\.$").group(1)
    estate = find(r"^- Estate: (\d+) apps, .*: (\d+) resources")
    latencies = find(r"^- The simulator answers each request after (.*?); figures 1 and 4 are at (\d+ ms)")
    latency = latencies.group(2)
    first = find(r"^- First converge \(forks (\d+), (\d+) s\): (\d+) requests, (\d+) of them writes")
    no_change = find(r"^- No-change converge \(forks (\d+), (\d+) s\): (\d+) requests, (\d+) of them writes: ([0-9.]+) requests per resource")
    terraform = find(r"^- A Terraform-style refresh of the same estate: (\d+) GETs .*; the refresh sends ([0-9.]+x) as many")
    walls = re.findall(r"^\| %s \| (in process|module) \| (inventory plugin, forks \d+|loop on localhost) \| (\d+ s) \| "
                       r"(\d+ s) \|" % latency, results, re.MULTILINE)
    per_task = re.findall(r"^\| %s \| ([^|]+?) \| (-?[0-9.]+ s) \| (-?[0-9.]+ s) \| ([^|]+x) \| ([^|]+x) \|$" % latency,
                          results, re.MULTILINE)
    info = find(r"^- at %s: (\d+) apps read in (\d+) requests .*?, ([0-9.]+ s), .*?(\d+ MiB)\.$" % latency)
    return [
        README_START,
        "Measured by `scripts/benchmark` on %s. Every figure, with the simulator answering after %s, is in "
        "[tests/benchmarks/RESULTS.md](tests/benchmarks/RESULTS.md). Here: an estate of %s apps, %s resources (an app, its "
        "config vars, its formation, its add-on), the simulator answering after %s:" % (
            machine, latencies.group(1), estate.group(1), estate.group(2), latency),
        "",
        "- A no-change converge through the inventory plugin sends %s requests, %s of them writes: %s requests per "
        "resource (one GET each, and the inventory's three list reads)." % (
            no_change.group(3), no_change.group(4), no_change.group(5)),
        "- The first converge sends %s requests, %s of them writes (each app's config vars, formation and new add-on)." % (
            first.group(3), first.group(4)),
        "- Reading the same estate the way the Terraform provider does takes %s GETs: %s as many." % terraform.groups(),
    ] + [
        "- Wall time (CPU time) of the no-change converge, modules %s: %s." % (
            "in process" if path == "in process" else "as module runs",
            "; ".join("%s: %s (%s)" % row[1:] for row in walls if row[0] == path))
        for path in PATHS if any(row[0] == path for row in walls)
    ] + [
        "- A task's wall and CPU time: %s." % "; ".join("%s: %s, %s CPU (%s, %s ping)" % row for row in per_task),
        "- `heroku_app_info` over %s apps: %s requests, %s, peak memory %s." % info.groups(),
        README_END,
    ]


def update_readme(readme, results):
    text = readme.read_text()
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        sys.exit("%s has no block between %r and %r to write the figures in" % (readme, README_START, README_END))
    readme.write_text(text[:start] + "\n".join(readme_summary(results)) + text[end + len(README_END):])


def per_task_candidates(sim, app):
    """(label, task, in process): ping first, the yardstick of the other rows."""
    config = {"name": "config", "herokuops.platform.heroku_config": {
        "app": app, "config": dict(("VAR_%02d" % index, "new-%d" % index) for index in range(CONFIG_VARS))}}
    return [
        ("ansible.builtin.ping", {"name": "ping", "ansible.builtin.ping": {}}, True),
        ("ansible.builtin.debug", {"name": "debug", "ansible.builtin.debug": {"msg": "{{ item }}"}}, True),
        ("ansible.builtin.uri GET of the config vars", {"name": "uri", "ansible.builtin.uri": {
            "url": sim.url + "/apps/%s/config-vars" % app,
            "headers": {"Accept": "application/vnd.heroku+json; version=3", "Authorization": "Bearer " + API_KEY}}}, True),
        ("herokuops.platform.heroku_config, no change, in process", config, True),
        ("herokuops.platform.heroku_config, no change, module", config, False),
    ]


def separate_tasks_playbook(task, count, in_process=True):
    """``count`` copies of one task, not a loop: each one runs in a worker process of its own, as each host's task of a
    converge does (a loop runs all its items in one worker)."""
    tasks = [dict(task, name="%s %d" % (task["name"], number)) for number in range(count)] if task else [
        {"name": "nothing", "ansible.builtin.meta": "noop"}]
    return [{"name": "%d tasks" % count, "hosts": "localhost", "connection": "local", "gather_facts": False,
             "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}", "herokuops_platform_in_process": in_process},
             "tasks": tasks}]


def against_debug_candidates(app):
    """(label, task): debug first, the yardstick of the other rows; every heroku task changes nothing."""
    return [
        ("ansible.builtin.debug", {"name": "debug", "ansible.builtin.debug": {"msg": "a message"}}),
        ("ansible.builtin.ping", {"name": "ping", "ansible.builtin.ping": {}}),
        ("herokuops.platform.heroku_config, no change, in process", {"name": "config", "herokuops.platform.heroku_config": {
            "app": app, "config": dict(("VAR_%02d" % index, "new-%d" % index) for index in range(CONFIG_VARS))}}),
        ("herokuops.platform.heroku_app_info, one app, in process",
         {"name": "app info", "herokuops.platform.heroku_app_info": {"name": app}}),
    ]


def spread(values, unit_format):
    return "%s to %s" % (unit_format % min(values), unit_format % max(values))


PER_TASK_SECTION = "## Per-task cost against ansible.builtin.debug"
PER_TASK_START = "<!-- per-task figures: written by scripts/benchmark --per-task-only -->"
PER_TASK_END = "<!-- end of per-task figures -->"


def write_results(out, lines, per_task_only):
    """The full run writes the whole file but keeps its per-task section; --per-task-only rewrites only its block."""
    old = out.read_text() if out.exists() else ""
    text = "\n".join(lines) + "\n"
    if not per_task_only:
        kept = old[old.find(PER_TASK_SECTION):] if PER_TASK_SECTION in old else ""
        out.write_text(text + ("\n" + kept if kept else ""))
        return
    block = "%s\n%s%s" % (PER_TASK_START, text, PER_TASK_END)
    start, end = old.find(PER_TASK_START), old.find(PER_TASK_END)
    if start >= 0 and end > start:
        out.write_text(old[:start] + block + old[end + len(PER_TASK_END):])
    else:
        out.write_text(old + ("\n" if old else "") + "%s\n\n%s\n" % (PER_TASK_SECTION, block))


def per_task_only(options, say, sim, names, work, env, playbook, converge, run_playbook, writes, latencies, most_forks):
    """The per-task CPU of a few tasks against debug's, and the no-change converge at the most forks."""
    say("### Per-task CPU against ansible.builtin.debug; the no-change converge at forks %d, %.0f ms" % (
        most_forks, latencies[0] * 1000))
    say()
    say("- Machine: %s; load average (1, 5, 15 min) at the start: %s; %s." % (
        machine(), load_average(), compile_collection()))
    say("- Per task: a playbook of %d separate tasks on localhost (one worker process each, as each host's task of a "
        "converge), less the same playbook with one `meta: noop`; CPU of every process the run started; median of %d "
        "runs, taken in turns, and their spread." % (options.tasks, options.repeat))
    say()
    say("| simulator latency | task | CPU seconds a task | spread | against debug | wall seconds a task |")
    say("|---|---|---|---|---|---|")
    candidates = against_debug_candidates(names[0])
    playbooks = [("nothing", work / "tasks-none.yml", None)] + [
        (label, work / ("tasks-%d.yml" % index), task) for index, (label, task) in enumerate(candidates)]
    for _label, path, task in playbooks:
        path.write_text(yaml.safe_dump(separate_tasks_playbook(task, options.tasks), sort_keys=False))
    for latency in latencies:
        sim.set_latency(latency)
        runs = collections.defaultdict(list)
        for _repeat in range(options.repeat):  # in turns, so that a busy moment of the machine hits every row alike
            for label, path, _task in playbooks:
                runs[label].append(run([playbook, path.name], env, work)[:2])
        base_wall = statistics.median(wall for wall, _cpu in runs["nothing"])
        base_cpu = statistics.median(cpu for _wall, cpu in runs["nothing"])
        debug = None
        for label, _path, _task in playbooks[1:]:
            cpus = [(cpu - base_cpu) / options.tasks for _wall, cpu in runs[label]]
            walls = [(wall - base_wall) / options.tasks for wall, _cpu in runs[label]]
            cpu = statistics.median(cpus)
            debug = cpu if debug is None else debug
            say("| %.0f ms | %s | %.4f s | %s | %.2fx | %.3f s |" % (
                latency * 1000, label, cpu, spread(cpus, "%.4f"), cpu / debug if debug > 0 else float("nan"),
                statistics.median(walls)))
    say()

    sim.set_latency(latencies[0])
    converge(most_forks)  # the first converge: the add-ons, config vars and formations the no-change runs find
    say("The no-change converge of %d apps (%d tasks) through the inventory plugin, forks %d, the simulator answering "
        "after %.0f ms, %d runs:" % (len(names), len(names) * RESOURCES_PER_APP, most_forks, latencies[0] * 1000,
                                     options.repeat))
    say()
    # Two yardsticks in this very setting (the inventory plugin's hosts, forks, the main process's bookkeeping): the
    # same play with ansible.builtin.debug in place of each task, and with a task that does no work at all but wait
    # as long as one answer of the simulator, its argument templated as each converge task's `app` is. No module
    # that sends one request a task can take less time than the second.
    debug_play = inventory_playbook()
    debug_play[0]["tasks"] = [{"name": task["name"], "ansible.builtin.debug": {"msg": "{{ app_name }}"}} for task in CONVERGE_TASKS]
    (work / "converge-debug.yml").write_text(yaml.safe_dump(debug_play, sort_keys=False))
    (work / "action_plugins").mkdir(exist_ok=True)
    (work / "action_plugins" / "wait_one_answer.py").write_text(WAIT_ONE_ANSWER)
    wait_play = inventory_playbook()
    wait_play[0]["tasks"] = [{"name": task["name"], "wait_one_answer": {"app": "{{ app_name }}", "seconds": latencies[0]}}
                             for task in CONVERGE_TASKS]
    (work / "converge-wait.yml").write_text(yaml.safe_dump(wait_play, sort_keys=False))
    plays = [("the no-change converge", "converge-in-process.yml"),
             ("ansible.builtin.debug in place of each task", "converge-debug.yml"),
             ("a task that only waits one answer's latency in place of each", "converge-wait.yml")]
    runs = collections.defaultdict(list)
    simulator_cpu = collections.defaultdict(list)
    for _repeat in range(options.repeat):  # in turns
        for label, name in plays:
            # The simulator answers from threads of this very process, which otherwise only waits: its CPU shares
            # the machine's two CPUs with ansible-playbook, as Heroku's servers would not.
            before = own_cpu()
            runs[label].append(run_playbook(["-i", "estate.heroku.yml", "-f", str(most_forks), name]))
            simulator_cpu[label].append(own_cpu() - before)
    tasks = len(names) * RESOURCES_PER_APP
    say("| play | wall time (median) | spread | CPU time, all processes (median) | spread | CPU a task | against debug | "
        "the simulator's CPU meanwhile | requests | writes |")
    say("|---|---|---|---|---|---|---|---|---|---|")
    debug_cpu = statistics.median(cpu for _seconds, cpu, _sent in runs[plays[1][0]])
    for label, _name in plays:
        walls = [seconds for seconds, _cpu, _sent in runs[label]]
        cpus = [cpu for _seconds, cpu, _sent in runs[label]]
        say("| %s | %.1f s | %s | %.1f s | %s | %.4f s | %.2fx | %.1f s | %s | %s |" % (
            label, statistics.median(walls), spread(walls, "%.1f"), statistics.median(cpus), spread(cpus, "%.1f"),
            statistics.median(cpus) / tasks, statistics.median(cpus) / debug_cpu if debug_cpu > 0 else float("nan"),
            statistics.median(simulator_cpu[label]),
            "/".join(sorted(set(str(len(sent)) for _s, _c, sent in runs[label]))),
            "/".join(sorted(set(str(len(writes(sent))) for _s, _c, sent in runs[label])))))
    say()
    cpus = os.cpu_count() or 1
    floors = [(statistics.median(cpu for _s, cpu, _sent in runs[label]) + statistics.median(simulator_cpu[label])) / cpus
              for label, _name in plays]
    say("On %d CPUs a run takes at least its CPU time and the simulator's over %d: %.1f s for the converge, %.1f s for "
        "the debug play, %.1f s for the play that only waits (medians)." % ((cpus, cpus) + tuple(floors)))
    say()
    waited = statistics.median(seconds for seconds, _cpu, _sent in runs[plays[2][0]])
    converged = statistics.median(seconds for seconds, _cpu, _sent in runs[plays[0][0]])
    waited = statistics.median(seconds for seconds, _cpu, _sent in runs[plays[2][0]])
    say("What the collection's modules add to a play whose tasks do nothing but wait one answer: %.1f s of wall time "
        "(%.1f s against %.1f s, medians)." % (converged - waited, converged, waited))
    say()
    say("CPU a task here is the whole run's CPU (the inventory's reads and ansible-playbook's start included) over its "
        "%d tasks." % tasks)
    say()
    say("- Load average (1, 5, 15 min) at the end: %s." % load_average())


def load_average():
    return "%.2f, %.2f, %.2f" % os.getloadavg()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apps", type=int, default=200)
    parser.add_argument("--latencies", default="0.15,0",
                        help="seconds the simulator waits before each answer; the first is the one of figures 1 and 4")
    parser.add_argument("--forks", default="1,5,10,20")
    parser.add_argument("--paths", default=",".join(PATHS),
                        help="where the modules run in figure 2: 'in process' (Ansible's worker), 'module', or both")
    parser.add_argument("--repeat", type=int, default=5, help="runs per per-task median")
    parser.add_argument("--info-apps", type=int, default=10000)
    parser.add_argument("--per-task-only", action="store_true",
                        help="only the per-task CPU against ansible.builtin.debug and the no-change converge at the most "
                             "forks and the first latency, each --repeat times (minutes, not an hour)")
    parser.add_argument("--tasks", type=int, default=120, help="tasks a playbook of the per-task CPU against debug (fewer give an unsteady ratio)")
    parser.add_argument("--out", type=Path, help="also write the figures as markdown to this file")
    parser.add_argument("--readme", type=Path, help="write a summary of the figures into this file's benchmark block")
    parser.add_argument("--readme-only", action="store_true",
                        help="run nothing: write the summary of the figures in --out into --readme")
    options = parser.parse_args()
    if options.readme_only:
        update_readme(options.readme, options.out.read_text())
        return
    forks = [int(value) for value in options.forks.split(",")]
    latencies = [float(value) for value in options.latencies.split(",")]
    most_forks = max(forks)
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    work = Path(tempfile.mkdtemp(prefix="heroku-bench-"))
    sim = Simulator(api_key=API_KEY).start(port=0)
    sim.set_rate_limit(budget=10 ** 9, refill_per_second=10 ** 6)  # the benchmark counts requests; it does not ration them
    env = playbook_env(sim.url, API_KEY, REPO / ".cache" / "collections", REPO / ".cache" / "ansible-home")
    env.pop("ANSIBLE_CALLBACKS_ENABLED", None)
    env.pop("ANSIBLE_CALLBACK_PLUGINS", None)
    env["ANSIBLE_HOST_KEY_CHECKING"] = "0"
    bin_dir = Path(sys.executable).parent
    playbook = bin_dir / "ansible-playbook"

    def run_counting(args):
        """Run a command: its seconds, CPU seconds and output, and the requests the simulator had meanwhile."""
        mark = len(sim.requests)
        seconds, cpu, out = run(args, env, work)
        return seconds, cpu, out, sim.requests[mark:]

    def run_play(args):
        """ansible-playbook with these arguments: seconds, CPU seconds and the requests it sent."""
        seconds, cpu, _out, sent = run_counting([playbook] + args)
        return seconds, cpu, sent

    def converge(count, path="in process"):
        """A converge of the estate through the inventory plugin: seconds, CPU seconds and the requests it sent."""
        return run_play(["-i", "estate.heroku.yml", "-f", str(count), "converge-%s.yml" % path.replace(" ", "-")])

    def writes(entries):
        return [entry for entry in entries if entry["write"]]

    try:
        names = build_estate(sim, options.apps)
        (work / "estate.heroku.yml").write_text("plugin: herokuops.platform.heroku\n")
        paths = [path.strip() for path in options.paths.split(",")]
        for path, in_process in PATHS.items():
            name = path.replace(" ", "-")
            (work / ("converge-%s.yml" % name)).write_text(yaml.safe_dump(inventory_playbook(in_process), sort_keys=False))
            (work / ("loop-%s.yml" % name)).write_text(yaml.safe_dump(loop_playbook(names, in_process), sort_keys=False))
        resources = options.apps * RESOURCES_PER_APP

        if options.per_task_only:
            per_task_only(options, say, sim, names, work, env, playbook, converge, run_play, writes, latencies, most_forks)
            if options.out:
                write_results(options.out, lines, per_task_only=True)
            return

        say("# Converging a Heroku estate: figures")
        say()
        say("Rerun with `scripts/benchmark` (options: `scripts/benchmark --help`). Printed by `tests/benchmarks/estate.py`.")
        say()
        say("- Machine: %s; %s." % (machine(), compile_collection()))
        say("- Estate: %d apps, each with %d config vars, 2 process types and 1 add-on, in %d pipelines: %d resources "
            "(an app, its config vars, its formation, its add-on)." % (options.apps, CONFIG_VARS, PIPELINES, resources))
        say("- The simulator answers each request after %s; figures 1 and 4 are at %.0f ms." % (
            " or ".join("%.0f ms" % (latency * 1000) for latency in latencies), latencies[0] * 1000))
        say()

        # 1. Requests per resource.
        sim.set_latency(latencies[0])
        say("## 1. Requests per resource")
        say()
        first = converge(most_forks)
        no_change = converge(most_forks)
        minimum = resources  # one GET per resource, which a no-change converge cannot do without
        for label, (seconds, _cpu, sent) in (("First converge", first), ("No-change converge", no_change)):
            say("- %s (forks %d, %.0f s): %d requests, %d of them writes: %.2f requests per resource, "
                "%.2fx the minimum of one GET per resource." % (
                    label, most_forks, seconds, len(sent), len(writes(sent)), len(sent) / resources, len(sent) / minimum))
            say("  - by kind: %s." % by_route(sent))
        say()

        # 2. Wall time of a no-change converge, and the cost of one task.
        say("## 2. Wall time of a no-change converge (%d apps, %d tasks)" % (options.apps, resources))
        say()
        say("Where the modules run: *in process*, inside Ansible's worker (the default on the controller), or as "
            "*module* runs (`herokuops_platform_in_process: false`, and wherever the task does not run on the controller).")
        say()
        say("| simulator latency | modules run | run | wall time | CPU time (all processes) | requests | writes |")
        say("|---|---|---|---|---|---|---|")
        for latency in latencies:
            sim.set_latency(latency)
            for path in paths:
                for count in forks:
                    if latency == latencies[0] and count == most_forks and path == "in process":
                        seconds, cpu, sent = no_change  # this very run was figure 1's no-change converge
                    else:
                        seconds, cpu, sent = converge(count, path)
                    say("| %.0f ms | %s | inventory plugin, forks %d | %.0f s | %.0f s | %d | %d |" % (
                        latency * 1000, path, count, seconds, cpu, len(sent), len(writes(sent))))
                seconds, cpu, _out, sent = run_counting([playbook, "loop-%s.yml" % path.replace(" ", "-")])
                say("| %.0f ms | %s | loop on localhost | %.0f s | %.0f s | %d | %d |" % (
                    latency * 1000, path, seconds, cpu, len(sent), len(writes(sent))))
        say()

        loops = 10
        say("Per task, median of %d runs of a playbook looping %d times over one task, less the same playbook "
            "with no task; CPU time is that of every process the run started:" % (options.repeat, loops))
        say()
        say("| simulator latency | task | seconds a task | CPU seconds a task | wall against ping | CPU against ping |")
        say("|---|---|---|---|---|---|")
        empty = work / "single-empty.yml"
        empty.write_text(yaml.safe_dump(single_task_playbook(None, loops), sort_keys=False))

        def median_run(name):
            runs = [run([playbook, name], env, work)[:2] for _run in range(options.repeat)]
            return statistics.median(wall for wall, _cpu in runs), statistics.median(cpu for _wall, cpu in runs)

        for latency in latencies:
            sim.set_latency(latency)
            base_wall, base_cpu = median_run(empty.name)
            ping = None
            for index, (label, task, in_process) in enumerate(per_task_candidates(sim, names[0])):
                path = work / ("single-%d.yml" % index)
                path.write_text(yaml.safe_dump(single_task_playbook(task, loops, in_process), sort_keys=False))
                wall, cpu = median_run(path.name)
                each = ((wall - base_wall) / loops, (cpu - base_cpu) / loops)
                ping = each if ping is None else ping
                say("| %.0f ms | %s | %.3f s | %.3f s | %.2fx | %.2fx |" % (
                    latency * 1000, label, each[0], each[1], each[0] / ping[0] if ping[0] > 0 else float("nan"),
                    each[1] / ping[1] if ping[1] > 0 else float("nan")))
        say()

        # 3. heroku_app_info over a large account.
        sim.set_latency(0)
        for number in range(options.info_apps - options.apps):
            sim.seed_app("info-%05d" % number, process_types={"web": "npm start"})
        (work / "info.yml").write_text(yaml.safe_dump([{
            "name": "Read every app", "hosts": "localhost", "connection": "local", "gather_facts": False,
            "vars": {"ansible_python_interpreter": "{{ ansible_playbook_python }}"},
            "tasks": [{"name": "info", "herokuops.platform.heroku_app_info": {}, "register": "apps"},
                      {"name": "count", "ansible.builtin.debug": {"msg": "{{ apps.heroku_app_info | length }} apps"}}]}],
            sort_keys=False))
        say("## 3. heroku_app_info over %d apps" % options.info_apps)
        say()
        for latency in latencies:
            sim.set_latency(latency)
            # A wrapper process, so that the peak memory is this run's alone (ansible-playbook or the module).
            seconds, _cpu, out, sent = run_counting([sys.executable, "-c", MEASURE, playbook, "info.yml"])
            peak_mib = int(out.strip().splitlines()[-1]) / 1024
            counted = json.loads(next(line for line in out.splitlines() if '"msg":' in line).split(":", 1)[1].strip().rstrip(","))
            say("- at %.0f ms: %s read in %d requests (%s; statuses %s), %.1f s, the whole playbook included; "
                "peak memory of the largest process %.0f MiB." % (
                    latency * 1000, counted, len(sent), by_route(sent),
                    ", ".join(sorted(set(str(entry["status"]) for entry in sent))), seconds, peak_mib))
        say()

        # 4. Against a Terraform-style refresh.
        terraform = options.apps * TERRAFORM_GETS_PER_APP
        no_change_requests = len(no_change[2])
        say("## 4. Against reading each app the way the Terraform provider does")
        say()
        say("- A Terraform-style refresh of the same estate: %d GETs (%d an app); this collection's no-change converge: "
            "%d requests; the refresh sends %.1fx as many." % (
                terraform, TERRAFORM_GETS_PER_APP, no_change_requests, terraform / no_change_requests))
    finally:
        sim.stop()
    if options.out:
        write_results(options.out, lines, per_task_only=False)
    if options.readme:
        update_readme(options.readme, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
