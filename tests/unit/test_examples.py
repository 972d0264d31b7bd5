"""What users copy is accepted: every example task of the documentation passes the checks its module makes.

The examples are each module's EXAMPLES (what ``ansible-doc`` and the docs site show) and the YAML blocks of
README.md and roles/app/README.md. Each task of this collection in them, with the ``module_defaults`` around it,
goes through the checks its module makes before any request (Ansible's argument spec, then the module's own:
Heroku's name patterns, URLs, sizes, a certificate and its key); each item of a literal ``loop`` counts as one
call. The role's variables in the READMEs go through the role's argument spec, as Ansible checks them.

A value only known when the playbook runs (a template over a registered result, a file lookup) stands in with
a value of the option's type, and only a check about that very option may fail for it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jinja2
import jinja2.nativetypes
import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import argument_spec, validate_arguments
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import module_of

REPO_ROOT = Path(__file__).resolve().parents[2]
PREFIX = "herokuops.platform."
GROUP = "group/herokuops.platform.heroku"
ROLE_SPEC = yaml.safe_load((REPO_ROOT / "roles" / "app" / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]
# What a value only known at run time stands in with, by the option's type.
STAND_INS = {"int": 1, "float": 1.0, "bool": True, "list": [], "dict": {}}
TEMPLATES = jinja2.nativetypes.NativeEnvironment(undefined=jinja2.StrictUndefined)


class Unknown(str):
    """A value only known when the playbook runs."""


def module_examples():
    for path in sorted((REPO_ROOT / "plugins" / "modules").glob("heroku_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        [text] = [node.value.value for node in tree.body if isinstance(node, ast.Assign) and node.targets[0].id == "EXAMPLES"]
        yield path.stem, yaml.safe_load(text)


def readme_blocks():
    for path in (REPO_ROOT / "README.md", REPO_ROOT / "roles" / "app" / "README.md"):
        for index, block in enumerate(re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)):
            yield "%s block %d" % (path.relative_to(REPO_ROOT), index + 1), yaml.safe_load(block)


def tasks_of(items, defaults):
    """(task, the module_defaults it runs with) of a task list, into blocks; plays give their tasks."""
    for item in items or []:
        merged = dict(defaults)
        merged.update(item.get("module_defaults") or {})
        for key in ("tasks", "pre_tasks", "post_tasks", "handlers", "block", "rescue", "always"):
            yield from tasks_of(item.get(key), merged)
        if any(key.startswith(PREFIX) for key in item):
            yield item, merged


def role_calls(items):
    """The variables each play of a list gives the app role (its vars and the role's own)."""
    for item in items or []:
        for role in item.get("roles") or []:
            name = role if isinstance(role, str) else role.get("role", role.get("name"))
            if name == PREFIX + "app":
                yield dict(item.get("vars") or {}, **({} if isinstance(role, str) else role.get("vars") or {}))


def calls(task, defaults):
    """(module name, options) for each call a task makes: one per item of a literal loop."""
    [action] = [key for key in task if key.startswith(PREFIX)]
    name = action[len(PREFIX):]
    options = dict(defaults.get(GROUP) or {}, **(defaults.get(action) or {}))
    options.update(task[action] or {})
    loop = task.get("loop")
    loop_var = (task.get("loop_control") or {}).get("loop_var", "item")
    items = loop if isinstance(loop, list) else [Unknown("item")] if loop else [None]
    for item in items:
        yield name, dict((key, rendered(value, {loop_var: item} if loop else {})) for key, value in options.items())


def rendered(value, variables):
    """``value`` with its templates rendered from ``variables`` where they can be; an Unknown where they cannot."""
    if isinstance(value, dict):
        return dict((key, rendered(item, variables)) for key, item in value.items())
    if isinstance(value, list):
        return [rendered(item, variables) for item in value]
    if isinstance(value, str) and "{{" in value:
        try:
            result = TEMPLATES.from_string(value).render(**variables)
        except (jinja2.TemplateError, TypeError, AttributeError):
            return Unknown(value)
        # Native rendering hands a lone undefined variable back instead of raising.
        return Unknown(value) if isinstance(result, (Unknown, jinja2.Undefined)) else result
    return value


def unknown_options(options):
    """The options whose value, or a part of it, is only known at run time."""
    def holds_unknown(value):
        if isinstance(value, dict):
            return any(holds_unknown(item) for item in value.values())
        if isinstance(value, list):
            return any(holds_unknown(item) for item in value)
        return isinstance(value, Unknown)
    return set(option for option, value in options.items() if holds_unknown(value))


def stand_in(spec, value):
    return STAND_INS.get(spec.get("type", "str"), str(value)) if isinstance(value, Unknown) else value


def refusal(name, options, tmp_path):
    """What the module would refuse in these options before any request, or None."""
    module = module_of(name)
    if module is None:
        return "%s is not a module of this collection" % name
    spec = argument_spec(module)
    unknown = unknown_options(options)
    params = dict((option, stand_in(spec.get(option, {}), value)) for option, value in options.items())
    params.setdefault("api_key", "an-api-key")
    # The file an example uploads (heroku_build's source_path) is the user's: one stands where it says (its content
    # is the module's own check).
    if isinstance(params.get("source_path"), str) and "source_path" not in unknown:
        stand_in_file = tmp_path / params["source_path"]
        stand_in_file.parent.mkdir(parents=True, exist_ok=True)
        stand_in_file.write_bytes(b"")
        params["source_path"] = str(stand_in_file)
    validation, params, _secrets = validate_arguments(module, params)
    if validation.error_messages:
        return validation.errors.msg
    try:
        check_input(module.spec, params)
    except HerokuInputError as exc:
        # Only the option whose value stood in may be refused for it ("processes[0].size" is processes').
        if re.split(r"[.\[ :=]", exc.option or "", maxsplit=1)[0] not in unknown:
            return str(exc)
    return None


def example_calls():
    for where, examples in list(module_examples()) + list(readme_blocks()):
        if isinstance(examples, list):
            for task, defaults in tasks_of(examples, {}):
                for number, (name, options) in enumerate(calls(task, defaults)):
                    yield pytest.param(name, options, id="%s: %s (%d)" % (where, task.get("name", name), number + 1))


def role_variables():
    for where, block in readme_blocks():
        if isinstance(block, dict) and any(key.startswith("heroku_app_") for key in block):
            yield pytest.param(block, id=where)
        elif isinstance(block, list):
            for number, variables in enumerate(role_calls(block)):
                yield pytest.param(variables, id="%s: play %d" % (where, number + 1))


EXAMPLE_CALLS = list(example_calls())


def test_every_module_has_examples_and_each_is_checked():
    """Each module shows at least one call of itself; the READMEs' tasks are found too."""
    named = set(options_id.values[0] for options_id in EXAMPLE_CALLS)
    assert named >= set(name for name, _examples in module_examples())
    assert any(call.id.startswith("README.md") for call in EXAMPLE_CALLS)
    assert len(list(role_variables())) >= 4


@pytest.mark.parametrize("name,options", EXAMPLE_CALLS)
def test_the_example_passes_the_module_s_checks(name, options, tmp_path):
    assert refusal(name, options, tmp_path) is None


@pytest.mark.parametrize("variables", list(role_variables()))
def test_the_role_variables_pass_the_role_s_argument_spec(variables):
    # A block showing a few variables leaves out the app's name, which every call of the role gives.
    variables = dict({"heroku_app_name": "shop-web"}, **variables)
    # The role refuses any heroku_app_ variable it does not know (its first task); other variables are the play's.
    known = dict((key, value) for key, value in variables.items()
                 if key.startswith("heroku_app_") and not (isinstance(value, str) and "{{" in value))
    validation = ArgumentSpecValidator(ROLE_SPEC["options"]).validate(known)
    assert not validation.error_messages, validation.errors.msg


@pytest.mark.parametrize("name,options,message", [
    ("heroku_app", {"name": "Shop_Web"}, "is not a valid app name"),
    ("heroku_app", {"name": "shop-web", "regoin": "eu"}, "regoin"),
    ("heroku_formation", {"app": "shop-web", "processes": [{"type": "web", "size": "huge"}]}, "size"),
    ("heroku_drain", {"app": "{{ item.app }}", "url": "ftp://logs.example.com"}, "drain URL"),
    ("heroku_nothing", {}, "not a module of this collection"),
])
def test_a_bad_example_is_refused_with_the_module_s_words(name, options, message, tmp_path):
    """The checker refuses what the modules refuse, a value known from the loop included."""
    task = {"loop": [{"app": "shop-web"}], PREFIX + name: options}
    refused = [refusal(module, item_options, tmp_path) for module, item_options in calls(task, {})]
    assert refused and all(message in (text or "") for text in refused), refused
