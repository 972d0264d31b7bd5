"""What keeps the modules and their specs in step: documented results, versions, thin entry points.

A module documents its result in RETURN; its spec (plugins/module_utils/_<resource>.py)
decides what the result holds. These tests fail when one changes without the other.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
import yaml

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_client
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Info, Module, Operation, Resource
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import module_of

REPO_ROOT = Path(__file__).resolve().parents[2]
MODULES = sorted(path for path in (REPO_ROOT / "plugins" / "modules").glob("heroku_*.py"))
SPEC_FILES = sorted((REPO_ROOT / "plugins" / "module_utils").glob("_*.py"))


def module_spec(path):
    """The Module a module file runs: the one name it imports from a private spec file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom) and "module_utils._" in (node.module or "")]
    assert len(imports) == 1, "%s should import its Module from one spec file" % path.name
    module = importlib.import_module(imports[0].module)
    return getattr(module, imports[0].names[0].name)


@pytest.mark.parametrize("path", MODULES, ids=[path.stem for path in MODULES])
def test_the_action_plugin_finds_the_module_s_spec_by_its_name(path):
    """heroku_x and heroku_x_info run module_utils/_x.py's HEROKU_X and HEROKU_X_INFO, on both paths."""
    assert module_of(path.stem) is module_of("herokuops.platform." + path.stem) is module_spec(path)


@pytest.mark.parametrize("name", ["heroku", "heroku_operations", "heroku_app_infos", "heroku_apps", "ansible.builtin.copy",
                                  "other.collection.heroku_app", "heroku_x.y", ""])
def test_a_name_of_no_module_has_no_spec(name):
    assert module_of(name) is None


def test_every_module_spec_has_its_module_file():
    names = [path.stem for path in MODULES]
    for spec_file in SPEC_FILES:
        spec_module = importlib.import_module("ansible_collections.herokuops.platform.plugins.module_utils." + spec_file.stem)
        for variable, value in vars(spec_module).items():
            if isinstance(value, Module):
                assert variable.lower() in names, "%s.%s runs no module of plugins/modules/" % (spec_file.stem, variable)
                assert module_of(variable.lower()) is value, "%s.%s is not where its name says" % (spec_file.stem, variable)


def documented(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = dict((node.targets[0].id, node.value.value) for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant))
    return yaml.safe_load(docs["DOCUMENTATION"]), yaml.safe_load(docs["RETURN"])


def result_keys(spec):
    if isinstance(spec, Resource):
        return (set(spec.returned) | set(section.option for section in spec.sections)
                | set(detail.key for detail in spec.details) | set(spec.summary_keys))
    if isinstance(spec, Info):
        return set(spec.returned) | set(detail.key for detail in spec.details)
    return set(spec.result_keys)


@pytest.mark.parametrize("path", MODULES, ids=[path.stem for path in MODULES])
def test_return_documents_exactly_the_keys_the_spec_returns(path):
    module = module_spec(path)
    assert isinstance(module, Module) and isinstance(module.spec, (Resource, Info, Operation))
    _documentation, returned = documented(path)
    assert list(returned) == [module.spec.result_key] and module.spec.result_key == path.stem
    contains = returned[module.spec.result_key]["contains"]
    assert set(contains) == result_keys(module.spec), path.name


def fragment_options(name):
    """The options a doc fragment of this collection documents (``herokuops.platform.heroku.WAIT``)."""
    from ansible_collections.herokuops.platform.plugins.doc_fragments.heroku import ModuleDocFragment
    variable = name.rsplit(".", 1)[1] if name.count(".") == 3 else "DOCUMENTATION"
    return set(yaml.safe_load(getattr(ModuleDocFragment, variable)).get("options") or {})


@pytest.mark.parametrize("path", MODULES, ids=[path.stem for path in MODULES])
def test_documented_options_are_the_argument_spec(path):
    documentation, _returned = documented(path)
    options = set(documentation["options"])
    for fragment in documentation.get("extends_documentation_fragment", []):
        # The connection options of the main fragment are every module's, added by run_module.
        if fragment != "herokuops.platform.heroku":
            options |= fragment_options(fragment)
    assert options == set(module_spec(path).argument_spec), path.name


@pytest.mark.parametrize("path", MODULES, ids=[path.stem for path in MODULES])
def test_a_module_file_is_its_docs_and_one_call(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert functions == ["main"], "%s defines %s: logic belongs in its spec" % (path.name, functions)
    assert not [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]


def test_the_collection_version_in_code_is_galaxys():
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    assert heroku_client.COLLECTION_VERSION == str(galaxy["version"])
    assert heroku_client.USER_AGENT.startswith("herokuops.platform/%s " % galaxy["version"])


def test_secret_options_are_documented_as_such():
    for path in MODULES:
        module = module_spec(path)
        documentation, _returned = documented(path)
        for option in module.spec.secret_options:
            text = " ".join(documentation["options"][option]["description"])
            assert "secret" in text.lower() or "masked" in text.lower(), (path.name, option)
