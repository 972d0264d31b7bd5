"""Without Heroku's schema the fidelity tests skip with the reason, except under CI, where they fail.
These tests need no schema."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

import schema_file
from schema_file import in_ci, missing_schema, schema_path

FIDELITY = Path(__file__).with_name("test_schema_fidelity.py")


def test_the_schema_is_looked_for_beside_the_checkout_unless_told(tmp_path):
    assert schema_path({}) == schema_file.REPO.parent / "shared" / "heroku" / "platform-api-schema-2025.json"
    assert schema_path({"HEROKU_SCHEMA_PATH": str(tmp_path / "s.json")}) == tmp_path / "s.json"


def test_a_present_schema_runs_the_tests_ci_or_not(tmp_path):
    present = tmp_path / "platform-api-schema-2025.json"
    present.write_text("{}")
    assert missing_schema(present, {}) is None
    assert missing_schema(present, {"CI": "true"}) is None


@pytest.mark.parametrize("ci", ["true", "1", "yes", "True", "anything"])
def test_a_missing_schema_fails_under_ci(tmp_path, ci):
    missing = tmp_path / "nowhere.json"
    action, reason = missing_schema(missing, {"CI": ci})
    assert action == "fail"
    assert str(missing) in reason and "CI=%s" % ci in reason and "HEROKU_SCHEMA_PATH" in reason


@pytest.mark.parametrize("environ", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"}, {"CI": "no"}, {"CI": "off"}],
                         ids=["unset", "empty", "false", "0", "no", "off"])
def test_a_missing_schema_skips_with_its_path_outside_ci(tmp_path, environ):
    missing = tmp_path / "nowhere.json"
    assert not in_ci(environ)
    action, reason = missing_schema(missing, environ)
    assert action == "skip"
    assert str(missing) in reason and "HEROKU_SCHEMA_PATH" in reason


def run_fidelity_without_schema(tmp_path, **env):
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER", "PYTEST_ADDOPTS")}
    environ.update(HEROKU_SCHEMA_PATH=str(tmp_path / "nowhere.json"), **env)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist",
                           "-q", "-rs", str(FIDELITY)], cwd=tmp_path, env=environ,
                          capture_output=True, text=True, timeout=120)


def test_the_fidelity_module_fails_under_ci_and_skips_otherwise(tmp_path):
    """The real module, run by pytest as CI would: a non-zero exit naming the reason under CI."""
    proc = run_fidelity_without_schema(tmp_path, CI="true")
    out = proc.stdout + proc.stderr
    # 0 would be a pass; 5 is pytest's "nothing collected", what a skipped module alone gives.
    assert proc.returncode not in (0, 5), out
    assert "not found at %s" % (tmp_path / "nowhere.json") in out and "CI is set" in out, out
    assert " passed" not in out, out
    proc = run_fidelity_without_schema(tmp_path)
    out = proc.stdout + proc.stderr
    assert proc.returncode in (0, 5) and "1 skipped" in out and "HEROKU_SCHEMA_PATH" in out, out
