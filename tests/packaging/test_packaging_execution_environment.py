"""meta/execution-environment.yml: ansible-builder makes a build context from it (no container
engine needed for `create`), reads the installed collection's dependencies the way an EE build
does (`introspect`), and the Python requirements it would install resolve on the package index."""

from __future__ import annotations

import json
import re
import shutil

import yaml

from packaging_helpers import FQCN, REPO_ROOT, base_env, run, tool

EE_FILE = REPO_ROOT / "meta" / "execution-environment.yml"
# ansible-builder warns that a definition without images: uses its default base image. This file is
# not a standalone EE: it is the collection's dependency file, read through meta/ by an EE that
# lists the collection, so it carries no images: on purpose.
EXPECTED_BUILDER_NOTE = re.compile(r"outdated base image", re.IGNORECASE)


def requirement_names(lines):
    names = set()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\s<>=!~;\[]", line, maxsplit=1)[0].lower().replace("_", "-"))
    return names


def test_ee_definition_points_at_shipped_files():
    data = yaml.safe_load(EE_FILE.read_text(encoding="utf-8"))
    assert data.get("version") == 3, f"{EE_FILE}: expected ansible-builder schema version 3, got {data.get('version')!r}"
    deps = data.get("dependencies") or {}
    assert deps.get("python"), f"{EE_FILE}: no dependencies.python"
    for key in ("python", "system"):
        if isinstance(deps.get(key), str):
            # ansible-builder resolves these relative to the collection root when it reads meta/.
            assert (REPO_ROOT / deps[key]).is_file(), f"{EE_FILE}: dependencies.{key} names {deps[key]}, which is missing"


def test_ansible_builder_create(tmp_path):
    # The definition's relative paths resolve against its own directory for `create`, so give it
    # the layout the build sees: the file and the requirements it names side by side.
    work = tmp_path / "ee"
    work.mkdir()
    shutil.copy(EE_FILE, work / "execution-environment.yml")
    deps = yaml.safe_load(EE_FILE.read_text(encoding="utf-8"))["dependencies"]
    for key in ("python", "system"):
        if isinstance(deps.get(key), str):
            shutil.copy(REPO_ROOT / deps[key], work / deps[key])
    context = tmp_path / "context"
    result = run([tool("ansible-builder"), "create", "--file", work / "execution-environment.yml",
                  "--context", context, "--output-filename", "Containerfile", "-v", "2"],
                 env=base_env(tmp_path), cwd=work)
    assert result.rc == 0, result
    unexpected = [line for line in result.output.splitlines()
                  if re.search(r"warn|error", line, re.IGNORECASE) and not EXPECTED_BUILDER_NOTE.search(line)]
    assert not unexpected, "ansible-builder create warned:\n  " + "\n  ".join(unexpected) + f"\n\n{result}"

    containerfile = context / "Containerfile"
    assert containerfile.is_file(), f"no Containerfile in {sorted(p.name for p in context.iterdir())}\n{result}"
    built_reqs = context / "_build" / "requirements.txt"
    assert built_reqs.is_file(), f"the build context has no _build/requirements.txt\n{result}"
    wanted = requirement_names((REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    got = requirement_names(built_reqs.read_text(encoding="utf-8").splitlines())
    assert wanted and wanted <= got, f"the build context's requirements.txt has {sorted(got)}, not {sorted(wanted)}"
    assert "requirements.txt" in containerfile.read_text(encoding="utf-8"), "the Containerfile never installs requirements.txt"


def test_ansible_builder_introspect_reads_the_installed_collection(installed, tmp_path):
    """What an EE that lists herokuops.platform installs: ansible-builder reads meta/execution-environment.yml
    from the installed collection."""
    result = run([tool("ansible-builder"), "introspect", "--sanitize", installed["path"]],
                 env=base_env(tmp_path), cwd=tmp_path)
    assert result.rc == 0, result
    data = yaml.safe_load(result.output[result.output.index("---"):]) if "---" in result.output else None
    assert isinstance(data, dict), f"ansible-builder introspect printed no dependency YAML:\n{result}"
    python = data.get("python") or []
    wanted = requirement_names((REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert wanted <= requirement_names(python), \
        f"an EE with {FQCN} would install {python}, missing {sorted(wanted - requirement_names(python))}"
    assert all(f"from collection {FQCN}" in line for line in python), python


def test_python_requirements_resolve(tmp_path):
    """pip resolves requirements.txt from the package index as a fresh environment would (nothing installed)."""
    report = tmp_path / "report.json"
    env = base_env(tmp_path)
    result = run([tool("python"), "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                  "--report", report, "-r", REPO_ROOT / "requirements.txt"], env=env, cwd=tmp_path, timeout=180)
    assert result.rc == 0 and report.is_file(), f"pip could not resolve requirements.txt:\n{result}"
    resolved = {item["metadata"]["name"].lower() for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    wanted = requirement_names((REPO_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines())
    assert wanted <= resolved, f"pip resolved {sorted(resolved)}, missing {sorted(wanted - resolved)}"
