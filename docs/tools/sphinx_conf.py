# --- docs/tools/sphinx_conf.py, appended by noxfile.py's docs session to the conf.py antsibull-docs generates ---
# With its setup(), that conf.py is also the site's own Sphinx extension.
# The build must work offline, so intersphinx downloads nothing. What the generated pages point
# at in the Ansible docs (antsibull-docs' standard links, ansible.builtin plugins, Ansible's
# environment variables) becomes a link to docs.ansible.com; any other unresolved reference
# still warns, and the build fails on it.
import re

from docutils import nodes

intersphinx_mapping = {}
# The theme's top bar links to Ansible's blog and forum unless told otherwise.
html_theme_options = {"topbar_links": {
    "Repository": "https://github.com/herokuops/ansible-collection-platform",
    "Issues": "https://github.com/herokuops/ansible-collection-platform/issues",
    "Ansible documentation": "https://docs.ansible.com/",
}}

_ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"
_ANSIBLE_LABELS = {
    "action_plugins": "plugins/action.html",
    "common_return_values": "reference_appendices/common_return_values.html",
    "ansible_configuration_settings": "reference_appendices/config.html",
}


def _ansible_docs_url(node):
    target = node.get("reftarget", "")
    if node.get("reftype") == "envvar" and target.startswith("ANSIBLE_"):
        return "reference_appendices/config.html#envvar-" + target
    if target in _ANSIBLE_LABELS:
        return _ANSIBLE_LABELS[target]
    plugin = re.fullmatch(r"ansible_collections\.ansible\.builtin\.(\w+)_(\w+?)(?:__(.+))?", target)
    if plugin:
        name, kind, anchor = plugin.groups()
        return "collections/ansible/builtin/%s_%s.html%s" % (name, kind, "#" + anchor if anchor else "")
    return None


def _resolve_ansible_docs(app, env, node, contnode):
    path = _ansible_docs_url(node)
    if path is None:
        return None
    reference = nodes.reference("", "", internal=False, refuri=_ANSIBLE_DOCS + path)
    reference += contnode
    return reference


def setup(app):
    app.connect("missing-reference", _resolve_ansible_docs)
