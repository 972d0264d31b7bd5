"""galaxy-importer, the code Galaxy runs on an uploaded tarball, run here without containers.

Its exit code says little (it exits 0 after logging most findings, ansible-lint's included, as
warnings), so every WARNING/ERROR line it prints fails the test. ansible-test is off
(RUN_ANSIBLE_TEST = False: it would want a container; scripts/test runs ansible-test sanity
itself); flake8 is off as in galaxy-importer's defaults (sanity's pep8 covers it); ansible-doc
and ansible-lint (offline, with Galaxy's own options and without the repo's .ansible-lint, which
the tarball does not ship) run as on Galaxy. It takes ~30-45 s, most of it one
``ansible-doc --list`` per plugin type.
"""

from __future__ import annotations

import json
import re
import sys

from packaging_helpers import base_env, run, source_plugins

FINDING = re.compile(r"^(WARNING|ERROR|CRITICAL)\b|Traceback \(most recent call last\)", re.MULTILINE)


def test_galaxy_importer_accepts_the_tarball(built, tmp_path):
    try:
        import galaxy_importer  # noqa: F401  pylint: disable=import-outside-toplevel,unused-import
    except ImportError as exc:  # pinned in tests/requirements.txt: missing means a broken bootstrap
        raise AssertionError(f"galaxy-importer is not installed in {sys.prefix} ({exc}); run scripts/bootstrap") from exc

    local_tmp = tmp_path / "importer-tmp"
    root_tmp = tmp_path / "importer-root"
    local_tmp.mkdir()
    root_tmp.mkdir()
    config = tmp_path / "galaxy-importer.cfg"
    config.write_text(
        "[galaxy-importer]\n"
        "RUN_ANSIBLE_TEST = False\n"
        "LOCAL_IMAGE_DOCKER = False\n"
        "ANSIBLE_TEST_LOCAL_IMAGE = False\n"
        "INFRA_OSD = False\n"
        "RUN_ANSIBLE_DOC = True\n"
        "RUN_ANSIBLE_LINT = True\n"
        "OFFLINE_ANSIBLE_LINT = True\n"
        "RUN_FLAKE8 = False\n"
        "CHECK_CHANGELOG = True\n"
        "CHECK_REQUIRED_TAGS = False\n"
        "REQUIRE_V1_OR_GREATER = False\n"
        f"ANSIBLE_LOCAL_TMP = {local_tmp}\n"
        f"TMP_ROOT_DIR = {root_tmp}\n"
        "LOG_LEVEL_MAIN = INFO\n",
        encoding="utf-8")
    env = base_env(tmp_path)
    env["GALAXY_IMPORTER_CONFIG"] = str(config)

    # cwd=tmp_path: the importer writes importer_result.json into the working directory.
    result = run([sys.executable, "-m", "galaxy_importer.main", built["tarball"]], env=env, cwd=tmp_path)
    findings = [line for line in result.output.splitlines() if FINDING.search(line)]
    assert result.rc == 0 and not findings, \
        "galaxy-importer reported:\n  " + "\n  ".join(findings or ["(no WARNING/ERROR line)"]) + f"\n\n{result}"
    assert "Importer processing completed successfully" in result.output, result

    data = json.loads((tmp_path / "importer_result.json").read_text(encoding="utf-8"))
    assert data["requires_ansible"], "galaxy-importer found no requires_ansible in meta/runtime.yml"
    contents = {(c["content_type"], c["name"]): c for c in data["contents"]}
    for plugin_type, name, short_description, path in source_plugins():
        content = contents.get((plugin_type, name))
        assert content, f"galaxy-importer did not find the {plugin_type} {name} ({path}); it found {sorted(contents)}"
        assert content.get("description") == short_description, \
            f"Galaxy would show {plugin_type} {name} as {content.get('description')!r}, not {short_description!r}"
