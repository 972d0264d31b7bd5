"""Converge playbooks/demo.yml against an in-process Heroku API simulator, twice: the first run creates and
configures the apps, the second must change nothing. Exits non-zero if a run fails or the second changed anything.

    python scripts/demo.py [ansible-playbook arguments]

noxfile.py's demo session runs it (scripts/demo), with .venv's tools first on PATH and the collection on
ANSIBLE_COLLECTIONS_PATH. DEMO_PLAYBOOK and DEMO_INVENTORY name another playbook and inventory. Each run's output
is kept in .cache/logs/demo-run<N>.log.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOGS = ROOT / ".cache" / "logs"
# From the checkout, whatever Python runs this; in-process, so nothing is left behind.
sys.path.insert(0, str(ROOT / "simulator"))
import heroku_simulator  # noqa: E402  pylint: disable=wrong-import-position


def tee(args, env, log):
    """Run a command, printing its output as it comes and keeping it in ``log``; exit if it fails."""
    LOGS.mkdir(parents=True, exist_ok=True)
    lines = []
    with subprocess.Popen(args, env=dict(os.environ, **env), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, text=True, cwd=ROOT) as proc, \
            open(log, "w", encoding="utf-8") as out:
        for line in proc.stdout:
            print(line, end="", flush=True)
            out.write(line)
            lines.append(line)
    if proc.returncode:
        sys.exit("%s failed (exit %d); log: %s" % (args[0], proc.returncode, log))
    return "".join(lines)


def main(playbook_args):
    playbook = os.environ.get("DEMO_PLAYBOOK", str(ROOT / "playbooks" / "demo.yml"))
    inventory = os.environ.get("DEMO_INVENTORY", str(ROOT / "playbooks" / "inventory" / "demo.heroku.yml"))
    sim = heroku_simulator.Simulator(api_key="demo-key").start(port=0)
    # The first play targets the implicit localhost; before the first run the account has no app, so the
    # inventory has no host yet: no warning about that.
    env = {"HEROKU_API_URL": sim.url, "HEROKU_API_KEY": "demo-key", "ANSIBLE_RETRY_FILES_ENABLED": "0",
           "ANSIBLE_LOCALHOST_WARNING": "0", "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0"}
    print("simulator at %s" % sim.url, flush=True)
    try:
        outputs = []
        for label in ("first run: converge", "second run: must change nothing"):
            print("\n===== %s =====" % label, flush=True)
            sim.clear_requests()  # the request log then holds the second run only
            outputs.append(tee(["ansible-playbook", "-i", inventory, playbook, *playbook_args], env,
                               LOGS / ("demo-run%d.log" % (len(outputs) + 1))))
        kinds = {}
        for entry in sim.requests:
            # POST /filters/apps names many apps in one request and changes nothing: the simulator counts it a read.
            kind = entry["method"] if entry["method"] == "GET" else "%s %s" % (entry["method"], entry["path"])
            kinds[kind] = kinds.get(kind, 0) + 1
        writes = sim.writes()
        print("\n===== requests the second run sent (from the simulator's request log) =====")
        print("%d requests: %s" % (len(sim.requests), ", ".join("%d %s" % (n, k) for k, n in sorted(kinds.items()))))
        print("writes: %d" % len(writes))
        print("\n===== the estate as the inventory plugin sees it =====", flush=True)
        graph = subprocess.run(["ansible-inventory", "-i", inventory, "--graph"], env=dict(os.environ, **env),
                               stdin=subprocess.DEVNULL, check=False)
        if graph.returncode:
            sys.exit("ansible-inventory failed (exit %d)" % graph.returncode)
    finally:
        sim.stop()
    for number, output in enumerate(outputs, 1):
        print("===== PLAY RECAP of the %s run =====" % ("first", "second")[number - 1])
        print(output[output.find("PLAY RECAP"):] if "PLAY RECAP" in output else "(none)")
    if writes or re.search(r"changed=[1-9]", outputs[1]):
        sys.exit("the second run changed something; it should be idempotent")
    print("demo: the second run changed nothing")


if __name__ == "__main__":
    main(sys.argv[1:])
