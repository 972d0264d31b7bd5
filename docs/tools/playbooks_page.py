"""Write the docs site's playbooks page: antsibull-docs has no notion of playbooks, so one page holds each
playbook's header comment, which says what it does, how to run it and its variables; the index links it.

    python docs/tools/playbooks_page.py PLAYBOOKS_DIR RST_DIR

noxfile.py's docs session runs it on antsibull-docs' RST output (RST_DIR/index.rst must exist) before Sphinx.
"""

import sys
from pathlib import Path

INDEX_SECTION = ("\n\n.. _playbooks_in_herokuops.platform:\n\nPlaybooks\n---------\n\n"
                 "* :ref:`The collection's playbooks <ansible_collections.herokuops.platform.docsite.playbooks>`\n\n"
                 ".. toctree::\n    :maxdepth: 1\n    :hidden:\n\n    playbooks\n")


def header_comment(path):
    """The comment lines at the top of a playbook (after an optional ``---``), without their ``#``."""
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() == "---" and not header:
            continue
        if not line.startswith("#"):
            break
        header.append(line[2:] if line.startswith("# ") else line[1:])
    return header


def playbooks_rst(playbooks):
    page = [".. _ansible_collections.herokuops.platform.docsite.playbooks:", "", "Playbooks", "=========", "",
            "Run them by their full names, for example "
            "``ansible-playbook herokuops.platform.scale -e app=shop-web ...``.",
            ""]
    for path in sorted(playbooks.glob("*.yml")):
        header = header_comment(path)
        title = "herokuops.platform.%s" % path.stem
        page += [".. _ansible_collections.herokuops.platform.docsite.playbook_%s:" % path.stem, "",
                 title, "-" * len(title), ""]
        if header:
            page += [".. code-block:: text", ""] + ["  " + line if line.strip() else "" for line in header]
        else:
            page.append("``playbooks/%s`` has no header comment." % path.name)
        page.append("")
    return "\n".join(page)


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    playbooks, rst = map(Path, argv)
    (rst / "playbooks.rst").write_text(playbooks_rst(playbooks), encoding="utf-8")
    with open(rst / "index.rst", "a", encoding="utf-8") as index:
        index.write(INDEX_SECTION)


if __name__ == "__main__":
    main(sys.argv[1:])
