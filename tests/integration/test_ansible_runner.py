# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The demo playbook through ansible-runner, the executor of AWX and Ansible Automation Platform.

AWX stores what ansible-runner writes (each job event, the stdout, the fact cache) and shows it to everyone
who can see the job. The demo runs here as AWX runs a job: a private data dir, process isolation off, the
extra variables in ``env/extravars``, verbosity 4. Secrets are planted in every place the demo takes one:
the API key (from ``~/.netrc``, as ``heroku login`` writes it, so that the runner's own ``command`` artifact,
which records the environment, holds none either), a config value, a log drain's URL credentials, a webhook
secret and an SNI endpoint's private key. None of them may appear in any artifact.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import playbook_harness
from heroku_simulator.certificates import TestCA

ansible_runner = pytest.importorskip("ansible_runner", reason="ansible-runner is in tests/requirements.txt")

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTIONS_DIR = REPO_ROOT / ".cache" / "collections"
PLANTED = {
    "api key": "runner-planted-api-key-4f1c9e",
    "config value": "runner-planted-session-secret-77ab",
    "drain password": "runner-planted-drain-password-d41",
    "webhook secret": "runner-planted-webhook-secret-19e",
}


@pytest.fixture
def keyed_sim():
    import heroku_simulator  # pylint: disable=import-outside-toplevel

    simulator = heroku_simulator.Simulator(api_key=PLANTED["api key"]).start(port=0)
    try:
        yield simulator
    finally:
        simulator.stop()


def test_demo_runs_under_ansible_runner_and_no_secret_reaches_its_artifacts(keyed_sim, tmp_path, monkeypatch):
    # ansible-runner finds ansible-playbook on PATH (its own `binary` takes no playbook argument then).
    bin_dir = str(Path(playbook_harness.find_ansible_playbook()).parent)
    monkeypatch.setenv("PATH", bin_dir + os.pathsep + os.environ.get("PATH", ""))
    cert_pem, key_pem = TestCA().issue("www.demo-shop.example.com")
    planted = dict(PLANTED, **{"private key line %d" % number: line
                               for number, line in enumerate(key_pem.strip().splitlines()[1:-1], 1)})

    private = tmp_path / "runner"
    (private / "project").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "playbooks" / "demo.yml", private / "project" / "demo.yml")
    # The source the demo deploys, beside it as in a project checkout.
    shutil.copytree(REPO_ROOT / "playbooks" / "files", private / "project" / "files")
    (private / "inventory").mkdir()
    shutil.copy(REPO_ROOT / "playbooks" / "inventory" / "demo.heroku.yml", private / "inventory" / "demo.heroku.yml")
    home = tmp_path / "home"
    home.mkdir()
    netrc = home / ".netrc"
    netrc.write_text("machine 127.0.0.1\n  login ops@example.com\n  password %s\n" % planted["api key"], encoding="utf-8")
    netrc.chmod(0o600)

    ansible_home = tmp_path / "ansible-home"
    runner = ansible_runner.run(
        private_data_dir=str(private), playbook="demo.yml", inventory=str(private / "inventory" / "demo.heroku.yml"),
        verbosity=4, quiet=True, process_isolation=False,
        envvars={
            "HOME": str(home),
            "HEROKU_API_URL": keyed_sim.url,
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS_DIR),
            "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "0",
            "ANSIBLE_HOME": str(ansible_home),
            "ANSIBLE_LOCAL_TEMP": str(ansible_home / "tmp"),
            "ANSIBLE_REMOTE_TEMP": str(ansible_home / "remote-tmp"),
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            # ansible-core 2.21 and later return a module's invocation only when asked: asked, so that its masking in
            # the events is checked on every release.
            "ANSIBLE_INJECT_INVOCATION": "1",
            # AWX gathers facts into the runner's fact cache; the demo's plays gather none, this keeps the path real.
            "ANSIBLE_CACHE_PLUGIN": "jsonfile",
            "ANSIBLE_CACHE_PLUGIN_CONNECTION": str(private / "artifacts" / "fact_cache"),
        },
        extravars={
            "demo_session_secret": planted["config value"],
            "demo_log_drain_url": "syslog+tls://demo:%s@logs.example.com:6514" % planted["drain password"],
            "demo_webhook_secret": planted["webhook secret"],
            "demo_certificate": cert_pem,
            "demo_private_key": key_pem,
        },
    )
    artifacts = Path(runner.config.artifact_dir)
    stdout = (artifacts / "stdout").read_text(encoding="utf-8")
    assert runner.status == "successful" and runner.rc == 0, stdout[-4000:]

    events = list(runner.events)
    ok = [event for event in events if event["event"] == "runner_on_ok"]
    assert any(event["event_data"].get("task_action") == "herokuops.platform.heroku_certificate" for event in ok)
    assert any(event["event_data"].get("task_action") == "herokuops.platform.heroku_drain" for event in ok)
    # The events carry the module results AWX shows (the invocation among them at this verbosity).
    assert any("invocation" in event["event_data"].get("res", {}) for event in ok)
    # What the demo did reached Heroku: the secrets were used, not lost.
    assert keyed_sim.requests, "no request reached the simulator"

    files = [path for path in artifacts.rglob("*") if path.is_file()]
    assert any(path.parent.name == "job_events" for path in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        for what, secret in planted.items():
            assert secret not in text, "the %s is in %s" % (what, path.relative_to(artifacts))
