"""Plugin documentation: ansible-doc on the collection installed from the tarball. antsibull-docs'
linter (what the Ansible docsite build runs) is antsibull-nox's docs-check session (antsibull-nox.toml).

ansible-doc exits 0 when it cannot find or parse a plugin (it only prints a warning), so each
plugin's rendered text is checked: its own section, no [WARNING]/[ERROR] anywhere. ansible-core
2.19's text output leaves the short description out, so that is checked in the same plugins'
``--json`` output and in ``ansible-doc --list``.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from packaging_helpers import FQCN, base_env, run, source_plugins, tool

PLUGINS = source_plugins()
HEADER = re.compile(r"^> (?P<type>[A-Z]+) (?P<fqcn>\S+)(?: \((?P<path>[^)]*)\))?\s*$", re.MULTILINE)


def test_the_collection_has_modules():
    assert any(p.type == "module" for p in PLUGINS), "found no plugins/modules/*.py"


def _clean(result):
    return result.rc == 0 and "[WARNING]" not in result.output and "[ERROR]" not in result.output


@pytest.fixture(scope="session")
def rendered(installed, packaging_dir):
    """ansible-doc's text, --json and --list for each plugin, from the installed copy:
    {(plugin type, kind): {fqcn: ToolResult}}. One batch per type and kind while all is well; when a batch
    fails or warns, each plugin is rendered alone so that the failure lands on the plugin that caused it."""
    env = base_env(packaging_dir / "ansible-doc-env", collections_path=installed["path"])
    env["COLUMNS"] = "400"
    by_type = defaultdict(list)
    for plugin in PLUGINS:
        by_type[plugin.type].append(f"{FQCN}.{plugin.name}")

    def command(plugin_type, kind, names):
        doc = [tool("ansible-doc"), "-t", plugin_type]
        return {"text": doc + names, "json": doc + ["--json"] + names, "list": doc + ["--list", FQCN]}[kind]

    out = {}
    # Each ansible-doc process spends most of its time starting up: run them side by side.
    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = {(t, k): pool.submit(run, command(t, k, names), env, packaging_dir)
                   for t, names in by_type.items() for k in ("text", "json", "list")}
        alone = {}
        for (plugin_type, kind), future in batches.items():
            result = future.result()
            names = by_type[plugin_type]
            out[plugin_type, kind] = dict.fromkeys(names, result)
            if kind != "list" and not _clean(result) and len(names) > 1:
                for fqcn in names:
                    alone[plugin_type, kind, fqcn] = pool.submit(run, command(plugin_type, kind, [fqcn]), env,
                                                                 packaging_dir)
        for (plugin_type, kind, fqcn), future in alone.items():
            out[plugin_type, kind][fqcn] = future.result()
    return out


def sections(text):
    """{fqcn: (type, path, text)} of ansible-doc's text output for several plugins."""
    found = {}
    matches = list(HEADER.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        found[match["fqcn"]] = (match["type"].lower(), match["path"] or "", text[match.start():end])
    return found


@pytest.mark.parametrize("plugin_type,name,short_description,path", PLUGINS,
                         ids=[f"{p.type}:{p.name}" for p in PLUGINS])
def test_ansible_doc_renders(rendered, installed, plugin_type, name, short_description, path):
    fqcn = f"{FQCN}.{name}"
    text = rendered[plugin_type, "text"][fqcn]
    problems = [line for line in text.output.splitlines() if "[WARNING]" in line or "[ERROR]" in line]
    assert text.rc == 0 and not problems, \
        f"ansible-doc -t {plugin_type} {fqcn}:\n  " + "\n  ".join(problems) + f"\n\n{text}"
    section = sections(text.output).get(fqcn)
    assert section, f"ansible-doc -t {plugin_type} rendered no '> {plugin_type.upper()} {fqcn}' section:\n{text}"
    kind, shipped_path, body = section
    assert kind == plugin_type, f"{fqcn} rendered as a {kind}, not a {plugin_type}"
    assert shipped_path.startswith(str(installed["collection"])), \
        f"{fqcn} was documented from {shipped_path}, not from the installed collection {installed['collection']}"
    assert "EXAMPLES:" in body, f"ansible-doc shows no EXAMPLES for {fqcn}:\n{body}"
    if plugin_type == "module":
        for heading in ("OPTIONS", "RETURN VALUES:"):
            assert heading in body, f"ansible-doc shows no {heading} for {fqcn}:\n{body}"

    assert short_description and not short_description.startswith("<"), \
        f"{path}: DOCUMENTATION has no usable short_description ({short_description!r})"
    as_json = rendered[plugin_type, "json"][fqcn]
    assert as_json.rc == 0, as_json
    data = json.loads(as_json.output[as_json.output.index("{"):])
    assert fqcn in data, f"ansible-doc --json has no {fqcn}; it has {sorted(data)}"
    doc = data[fqcn]["doc"]
    assert doc.get("short_description") == short_description, \
        f"ansible-doc --json renders {fqcn}'s short description as {doc.get('short_description')!r}"

    # --list shows the short description cut to the terminal width, ending in "...".
    listing = rendered[plugin_type, "list"][fqcn]
    listed = [line for line in listing.output.splitlines() if line.split(" ", 1)[0] == fqcn]
    assert listed, f"ansible-doc -t {plugin_type} --list {FQCN} does not list {fqcn}:\n{listing}"
    shown = listed[0][len(fqcn):].strip().removesuffix("...").rstrip()
    assert shown and short_description.startswith(shown), \
        f"ansible-doc --list shows {fqcn} as {shown!r}, not its short description {short_description!r}"
