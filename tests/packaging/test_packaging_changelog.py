"""The changelog: fragments and changelogs/changelog.yaml pass antsibull-changelog's linters, the
release in galaxy.yml is recorded, CHANGELOG.md is what antsibull-changelog generates from
changelog.yaml, and it names every plugin as new in the release that added it.

Adding a plugin before galaxy.yml's version is published: add it to that release with
``antsibull-changelog release --version <version> --update-existing --reload-plugins``.
A plugin whose ``version_added`` is a later version waits for that release, which picks it up by its ``version_added``.
"""

from __future__ import annotations

import re
import shutil

import yaml

from packaging_helpers import FQCN, REPO_ROOT, base_env, read_documentation, run, source_plugins, tool

CHANGELOGS = REPO_ROOT / "changelogs"
CHANGELOG_MD = REPO_ROOT / "CHANGELOG.md"
# changelog.yaml's keys for plugins by ansible-doc type: modules apart, other plugins under plugins/<type>.
PLUGINS = source_plugins()


def galaxy_version():
    return str(yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))["version"])


def version_tuple(version):
    return tuple(int(part) for part in str(version).split("."))


def released(plugin):
    """Whether the plugin is in galaxy.yml's version or an earlier one, rather than waiting for a later release."""
    version_added = read_documentation(plugin.path).get("version_added")
    return version_added is None or version_tuple(version_added) <= version_tuple(galaxy_version())


def test_a_plugin_waiting_for_a_release_waits_for_the_next_one():
    # 0.4.0's plugins name 0.4.0 or earlier; one added since names 0.5.0 (or 1.0.0), never a release two ahead.
    current = version_tuple(galaxy_version())
    following = {(current[0], current[1] + 1, 0), (current[0] + 1, 0, 0)}
    waiting = dict((plugin.name, read_documentation(plugin.path)["version_added"]) for plugin in PLUGINS
                   if not released(plugin))
    wrong = dict((name, version) for name, version in waiting.items() if version_tuple(version) not in following)
    assert not wrong, "version_added names a release after the next one: %s" % wrong


def changelog_yaml():
    return yaml.safe_load((CHANGELOGS / "changelog.yaml").read_text(encoding="utf-8")) or {}


def test_antsibull_changelog_lint(tmp_path):
    result = run([tool("antsibull-changelog"), "lint"], env=base_env(tmp_path), cwd=REPO_ROOT)
    assert result.rc == 0 and not result.output.strip(), f"antsibull-changelog lint found:\n{result}"


def test_changelog_yaml_lint(tmp_path):
    result = run([tool("antsibull-changelog"), "lint-changelog-yaml", "--no-semantic-versioning",
                  CHANGELOGS / "changelog.yaml"], env=base_env(tmp_path), cwd=REPO_ROOT)
    assert result.rc == 0 and not result.output.strip(), f"antsibull-changelog lint-changelog-yaml found:\n{result}"


def test_galaxy_version_is_released():
    version = galaxy_version()
    releases = changelog_yaml().get("releases") or {}
    assert version in releases, (
        f"changelogs/changelog.yaml has no release {version} (galaxy.yml's version); it has {sorted(releases)}. "
        f"Run: antsibull-changelog release --version {version}")
    assert (releases[version].get("changes") or {}).get("release_summary"), f"release {version} has no release_summary"


def test_every_plugin_is_in_a_release():
    recorded = set()
    for release in (changelog_yaml().get("releases") or {}).values():
        recorded |= {("module", m["name"]) for m in release.get("modules") or []}
        for plugin_type, plugins in (release.get("plugins") or {}).items():
            recorded |= {(plugin_type, p["name"]) for p in plugins}
    missing = [f"{p.type} {p.name} ({p.path.relative_to(REPO_ROOT)})" for p in PLUGINS
               if released(p) and (p.type, p.name) not in recorded]
    assert not missing, (
        "changelogs/changelog.yaml names no release that added: " + ", ".join(missing) + ". Before "
        f"{galaxy_version()} is published: antsibull-changelog release --version {galaxy_version()} "
        "--update-existing --reload-plugins")


def source_roles():
    roles = REPO_ROOT / "roles"
    return sorted(d.name for d in roles.iterdir() if (d / "tasks").is_dir()) if roles.is_dir() else []


def test_every_role_is_in_a_release():
    """antsibull-changelog lists a role as new only when its meta/argument_specs.yml main entry point has a
    version_added that matches the release."""
    recorded = set()
    for release in (changelog_yaml().get("releases") or {}).values():
        recorded |= {r["name"] for r in ((release.get("objects") or {}).get("role") or [])}
    missing = [r for r in source_roles() if r not in recorded]
    assert not missing, (
        f"changelogs/changelog.yaml names no release that added the role(s) {missing}. Give each "
        f"roles/<role>/meta/argument_specs.yml's main entry point version_added: {galaxy_version()}, then (before "
        f"{galaxy_version()} is published) antsibull-changelog release --version {galaxy_version()} "
        "--update-existing --reload-plugins")
    text = unescape_markdown(CHANGELOG_MD.read_text(encoding="utf-8")) if CHANGELOG_MD.is_file() else ""
    unlisted = [r for r in source_roles() if not re.search(rf"^\* {re.escape(FQCN)}\.{re.escape(r)} - ", text, re.MULTILINE)]
    assert not unlisted, f"CHANGELOG.md does not list the role(s) {unlisted} as new"


def unescape_markdown(text):
    return re.sub(r"\\(.)", r"\1", text)


def test_changelog_md_names_every_plugin():
    assert CHANGELOG_MD.is_file(), "CHANGELOG.md is missing: run antsibull-changelog release (or generate)"
    text = unescape_markdown(CHANGELOG_MD.read_text(encoding="utf-8"))
    assert f"v{galaxy_version()}" in text, f"CHANGELOG.md has no section for v{galaxy_version()}"
    missing = [f"{FQCN}.{p.name} ({p.type})" for p in PLUGINS
               if released(p) and not re.search(rf"^\* {re.escape(FQCN)}\.{re.escape(p.name)} - ", text, re.MULTILINE)]
    assert not missing, f"CHANGELOG.md does not list as new: {', '.join(missing)}"


def test_changelog_md_is_generated_from_changelog_yaml(tmp_path):
    """Regenerating CHANGELOG.md from changelog.yaml changes nothing: nobody edited it by hand or forgot to regenerate."""
    work = tmp_path / "collection"
    work.mkdir()
    shutil.copy(REPO_ROOT / "galaxy.yml", work)
    shutil.copytree(CHANGELOGS, work / "changelogs", ignore=shutil.ignore_patterns(".plugin-cache.yaml"))
    # A plugin cache keeps generate from scanning the plugins (which it does not need for rendering).
    (work / "changelogs" / ".plugin-cache.yaml").write_text(
        yaml.safe_dump({"objects": {}, "plugins": {}, "version": galaxy_version()}), encoding="utf-8")
    result = run([tool("antsibull-changelog"), "generate"], env=base_env(tmp_path), cwd=work)
    assert result.rc == 0, result
    generated = (work / "CHANGELOG.md").read_text(encoding="utf-8")
    assert CHANGELOG_MD.is_file() and generated == CHANGELOG_MD.read_text(encoding="utf-8"), (
        "CHANGELOG.md differs from what `antsibull-changelog generate` makes of changelogs/changelog.yaml; "
        "run antsibull-changelog generate")
