"""Where the schema-fidelity tests find Heroku's schema, and what they do without it.

The schema, Heroku's of 2025, is never copied into the project: it is read from
``../shared/heroku/platform-api-schema-2025.json`` beside the checkout (or ``$HEROKU_SCHEMA_PATH``). A
developer without it gets a skip that says why; CI always has it, so there a missing schema fails the run
instead of letting the fidelity tests pass unrun.
"""
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO.parent / "shared" / "heroku" / "platform-api-schema-2025.json"

# CI=false (or 0, no, empty) is the usual way to say "not CI" while the variable stays set.
NOT_CI = {"", "0", "false", "no", "off"}


def schema_path(environ=os.environ):
    return Path(environ.get("HEROKU_SCHEMA_PATH") or DEFAULT_PATH)


def in_ci(environ=os.environ):
    return "CI" in environ and environ["CI"].strip().lower() not in NOT_CI


def missing_schema(path, environ=os.environ):
    """None when the schema file is there; otherwise ("fail" or "skip", the reason to show)."""
    if Path(path).is_file():
        return None
    reason = ("Heroku's Platform API schema not found at %s (set HEROKU_SCHEMA_PATH to point at it); schema "
              "fidelity cannot be checked without it" % path)
    if in_ci(environ):
        return "fail", reason + ". CI is set (CI=%s) and CI always has the schema: failing, not " \
                                "skipping" % environ["CI"]
    return "skip", reason
