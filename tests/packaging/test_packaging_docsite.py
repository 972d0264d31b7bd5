"""The documentation site: scripts/docs builds it with antsibull-docs and Sphinx (once a session, into tmp),
and each page is checked against the sources it comes from: every plugin (found in plugins/, never listed
here) with its short description, an option table naming each documented option, its return values and its
examples; the role with its variables; the playbooks; the changelog.

The HTML is read with html.parser: the pages are antsibull-docs' (`ansibleOptionAnchor` ids such as
``parameter-app`` and ``return-heroku_domain/hostname``), which is what a reader's browser gets.
"""

from __future__ import annotations

import ast
import fnmatch
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from packaging_helpers import FQCN, REPO_ROOT, base_env, galaxy_build_ignore, run, source_plugins

PLUGINS = source_plugins()
PLAYBOOKS = sorted((REPO_ROOT / "playbooks").glob("*.yml"))
BUILD_TIMEOUT = 600  # seconds; two CPUs shared with the other tests take a minute
CHROMIUM = Path("/usr/bin/chromium")
# The sections antsibull-docs puts options and return values in (a lookup's: terms, keyword parameters, return value).
OPTION_SECTIONS = ("parameters", "terms", "keyword-parameters")
RETURN_SECTIONS = ("return-values", "return-value")


class Page(HTMLParser):
    """What the tests look at in one page: the <h1> text, each element id with the section it is in,
    the classes of each table per section, and the text of each section's <pre> blocks."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.ids = {}  # id -> the id of the innermost <section> around it
        self.tables = {}  # section id -> [class attribute of each table]
        self.pre = {}  # section id -> [text of each <pre>]
        self._sections = []  # stack of (tag depth, section id)
        self._depth = 0
        self._in_h1 = False
        self._pre = None
        self.feed(text)

    @property
    def section(self):
        return self._sections[-1][1] if self._sections else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        self._depth += 1
        if attrs.get("id"):
            self.ids[attrs["id"]] = self.section
        if tag == "section":
            self._sections.append((self._depth, attrs.get("id", "")))
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "table":
            self.tables.setdefault(self.section, []).append(attrs.get("class") or "")
        elif tag == "pre":
            self._pre = []

    def handle_endtag(self, tag):
        if tag in ("br", "img", "meta", "link", "input", "hr"):
            return
        if tag == "section" and self._sections and self._sections[-1][0] == self._depth:
            self._sections.pop()
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "pre" and self._pre is not None:
            self.pre.setdefault(self.section, []).append("".join(self._pre))
            self._pre = None
        self._depth -= 1

    def handle_data(self, data):
        if self._in_h1:
            self.title += data
        if self._pre is not None:
            self._pre.append(data)


def plain(text):
    """Text as Sphinx's smartquotes leave it, back in ASCII, whitespace collapsed."""
    for fancy, ascii_ in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "--"),
                          ("\u2014", "---"), ("\u00a0", " ")):
        text = text.replace(fancy, ascii_)
    return " ".join(text.split())


def doc_strings(path):
    """{name: value} of the module-level string constants (DOCUMENTATION, EXAMPLES, RETURN) of a plugin file,
    or of the class attributes of a doc fragment, without importing it."""
    found = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) \
                and isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def option_paths(options, prefix=""):
    """Every option and suboption as antsibull-docs anchors it: ``app``, ``processes/quantity``."""
    paths = []
    for name, spec in (options or {}).items():
        paths.append(prefix + name)
        spec = spec or {}
        paths += option_paths(spec.get("suboptions") or spec.get("options"), prefix + name + "/")
    return paths


def return_paths(returns, prefix=""):
    paths = []
    for name, spec in (returns or {}).items():
        paths.append(prefix + name)
        paths += return_paths((spec or {}).get("contains"), prefix + name + "/")
    return paths


def documented_options(path):
    """The plugin's own options plus those of this collection's doc fragments it extends. Fragments of other
    collections (ansible.builtin's inventory_cache) are not read here: ansible-doc's test covers them."""
    doc = yaml.safe_load(doc_strings(path)["DOCUMENTATION"])
    options = dict(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or []:
        parts = fragment.split(".")
        if ".".join(parts[:2]) != FQCN:
            continue
        fragment_file = REPO_ROOT / "plugins" / "doc_fragments" / f"{parts[2]}.py"
        text = doc_strings(fragment_file)[parts[3] if len(parts) > 3 else "DOCUMENTATION"]
        options.update((yaml.safe_load(text) or {}).get("options") or {})
    return option_paths(options)


@pytest.fixture(scope="session")
def docsite(tmp_path_factory):
    """scripts/docs run once into tmp: {'html': the HTML directory, 'result': ToolResult}."""
    workdir = tmp_path_factory.mktemp("docsite")
    result = run([REPO_ROOT / "scripts" / "docs", workdir / "site"], env=base_env(workdir), cwd=REPO_ROOT,
                 timeout=BUILD_TIMEOUT)
    return {"html": workdir / "site" / "html", "result": result}


@pytest.fixture(scope="session")
def page(docsite):
    cache = {}

    def read(name):
        if name not in cache:
            path = docsite["html"] / name
            assert path.is_file(), f"the docsite has no {name}; it has {sorted(p.name for p in docsite['html'].glob('*.html'))}"
            cache[name] = Page(path.read_text(encoding="utf-8"))
        return cache[name]
    return read


def test_build_is_clean(docsite):
    result = docsite["result"]
    # sphinx-build -W already fails on a warning; antsibull-docs' own warnings only print.
    warnings = [line for line in result.output.splitlines() if re.search(r"\bWARNING\b|\bERROR\b", line)]
    assert result.rc == 0 and not warnings, "scripts/docs failed or warned:\n" + "\n".join(warnings) + f"\n{result}"
    assert f"docs: {docsite['html'] / 'index.html'}" in result.output, result


@pytest.mark.parametrize("plugin", PLUGINS, ids=[f"{p.type}:{p.name}" for p in PLUGINS])
def test_plugin_page(page, plugin):
    name = f"{plugin.name}_{plugin.type}.html"
    doc = page(name)
    strings = doc_strings(plugin.path)

    assert f"{FQCN}.{plugin.name} {plugin.type}" in doc.title, f"{name}: title {doc.title!r}"
    assert plain(plugin.short_description) in plain(doc.title), \
        f"{name}: the title {doc.title!r} lacks the short description {plugin.short_description!r}"

    assert any("ansible-option-table" in c for s in OPTION_SECTIONS for c in doc.tables.get(s, [])), \
        f"{name} has no option table in its Parameters section: tables {doc.tables}"
    missing = [o for o in documented_options(plugin.path) if doc.ids.get(f"parameter-{o}") not in OPTION_SECTIONS]
    assert not missing, f"{name}'s option table lacks documented options {missing}"

    if strings.get("RETURN", "").strip():
        returns = return_paths(yaml.safe_load(strings["RETURN"]))
        missing = [r for r in returns if doc.ids.get(f"return-{r}") not in RETURN_SECTIONS]
        assert not missing, f"{name}'s return values lack {missing}"
    elif plugin.type == "module":
        pytest.fail(f"{plugin.path} has no RETURN")

    examples = plain(strings.get("EXAMPLES", ""))
    assert examples, f"{plugin.path} has no EXAMPLES"
    shown = [plain(text) for text in doc.pre.get("examples", [])]
    assert examples in shown, f"{name}'s Examples section does not show EXAMPLES as written: {shown}"


def test_index_links_every_page(docsite, page):
    assert "Herokuops.Platform" in page("index.html").title
    text = (docsite["html"] / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"#]+\.html)', text))
    wanted = {f"{p.name}_{p.type}.html" for p in PLUGINS} | {"app_role.html", "playbooks.html", "changelog.html"}
    assert not wanted - links, f"index.html links no {sorted(wanted - links)}"


def test_role_page(page):
    spec = yaml.safe_load((REPO_ROOT / "roles" / "app" / "meta" / "argument_specs.yml").read_text(encoding="utf-8"))
    for entry_point, entry in spec["argument_specs"].items():
        doc = page("app_role.html")
        assert plain(entry["short_description"]) in plain(doc.title), doc.title
        missing = [o for o in option_paths(entry.get("options"))
                   if f"parameter-{entry_point}--{o}" not in doc.ids]
        assert not missing, f"app_role.html lacks the variables {missing} of entry point {entry_point}"


def test_playbooks_page(page):
    doc = page("playbooks.html")
    for playbook in PLAYBOOKS:
        anchor = f"ansible-collections-herokuops-platform-docsite-playbook-{playbook.stem.replace('_', '-')}"
        assert anchor in doc.ids, f"playbooks.html has no section for {playbook.name}"
        first = next((line[1:].strip() for line in playbook.read_text(encoding="utf-8").splitlines()
                      if line.startswith("#") and line[1:].strip()), None)
        if first:
            assert any(plain(first) in plain(text) for text in doc.pre.get(doc.ids[anchor], [])), \
                f"playbooks.html does not show {playbook.name}'s header comment ({first!r})"


def test_changelog_page(page):
    doc = page("changelog.html")
    releases = yaml.safe_load((REPO_ROOT / "changelogs" / "changelog.yaml").read_text(encoding="utf-8"))["releases"]
    for release in releases:
        assert any(release.replace(".", "-") in i for i in doc.ids), f"changelog.html has no section for {release}"


def test_docsite_config_ships_and_build_output_does_not():
    """antsibull-docs reads docs/docsite/*.yml from the installed collection, so they must be in the tarball;
    the site itself is built under .cache, which galaxy.yml keeps out."""
    patterns = galaxy_build_ignore()

    def ignored(rel):
        parts = rel.split("/")
        return any(fnmatch.fnmatch("/".join(parts[:i]), p) for p in patterns for i in range(1, len(parts) + 1))
    configs = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "docs" / "docsite").glob("*.yml"))
    assert configs, "docs/docsite has no antsibull-docs configuration"
    assert not [c for c in configs if ignored(c)], f"galaxy.yml's build_ignore leaves out {configs}"
    assert ignored(".cache/docsite/html/index.html")


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed (Debian: apt-get install chromium); "
                    "the screenshot is optional")
def test_a_module_page_renders_in_a_browser(docsite, tmp_path):
    """Headless Chromium draws heroku_domain's page (theme, CSS and all) into a PNG of a sensible size."""
    screenshot = tmp_path / "heroku_domain_module.png"
    proc = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1280,1600", f"--screenshot={screenshot}",
         (docsite["html"] / "heroku_domain_module.html").as_uri()],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120, check=False,
        cwd=tmp_path, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0 and screenshot.is_file(), proc.stdout
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000, f"{screenshot}: {len(data)} bytes"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 1600), (width, height)
    keep = REPO_ROOT / ".cache" / "docsite"
    keep.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(screenshot, keep / screenshot.name)
