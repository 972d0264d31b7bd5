# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An existing estate as the variables of the herokuops.platform.app role: the operation heroku_estate_export runs.

It reads Heroku only (one list read per aspect of each app, each read once) and writes files only: one
``host_vars/<app>.yml`` per app under ``dest`` (inventory hosts are apps, as the herokuops.platform.heroku inventory
plugin makes them) and, beside them, a ``heroku.yml`` of that plugin selecting the same apps. ``changed`` says
whether a file was written; check mode writes none.

Secrets never reach a file nor the result: config values are dropped as soon as they are read (only their keys go
on), a drain URL that holds anything but a scheme and a host (what the collection shows of any drain URL) is left
out, or written as a reference to a variable the user keeps in a vault, and telemetry drain headers likewise.
Heroku never returns a webhook's secret or authorization, so there is none to write.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from urllib.parse import urlsplit

from ansible_collections.herokuops.platform.plugins.module_utils import heroku_generations
from ansible_collections.herokuops.platform.plugins.module_utils._config import addon_keys as addon_config_keys
from ansible_collections.herokuops.platform.plugins.module_utils._drain import mask_url
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import (
    CONCURRENCY_RANGE, HerokuInputError, HerokuOperationFailed, HerokuStateError, concurrently,
)
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import Module, Operation, Plan

RESULT_KEYS = ("dest", "apps", "inventory", "requests")
#: the files hold no secret, but what an estate looks like is nobody else's business on a shared controller
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
HOST_VARS = "host_vars"
INVENTORY = "heroku.yml"
# heroku_app_pipeline_stage's choices (roles/app/meta/argument_specs.yml): Heroku's CI stage, test, is not one.
ROLE_STAGES = ("review", "development", "staging", "production")
APP_NAME = re.compile(r"[a-z][a-z0-9-]*")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# What Ansible would template in a value Heroku holds (a config key, a hostname): written as !unsafe.
TEMPLATE_MARKS = ("{{", "{%", "{#")
PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
# Words YAML 1.1 reads as booleans or null: a key spelled so is quoted.
YAML_WORDS = ("y", "n", "yes", "no", "on", "off", "true", "false", "null")
HEADER = "# Written by herokuops.platform.heroku_estate_export: the variables of the herokuops.platform.app role.\n"


class Reference(str):
    """A value written as a template naming the user's variable (a vault's), never the value itself."""


def reference(prefix, aspect, *keys):
    """``{{ <prefix>_<aspect>['acme-web']['DATABASE_URL'] }}``: each key a Jinja string literal."""
    literals = "".join("[%s]" % jinja_string(key) for key in keys)
    return Reference("{{ %s_%s%s }}" % (prefix, aspect, literals))


def jinja_string(text):
    return "'%s'" % text.replace("\\", "\\\\").replace("'", "\\'")


# -- input (a hook) ---------------------------------------------------------------------------------------

def validate(params):
    dest = params["dest"]
    if not os.path.isabs(dest):
        # A module's working directory is not the playbook's: a relative path would land somewhere unexpected.
        raise HerokuInputError("dest=%r is a relative path: give an absolute one, such as "
                               "\"{{ playbook_dir }}/estate\"." % dest, option="dest")
    if os.path.exists(dest) and not os.path.isdir(dest):
        raise HerokuInputError("dest=%r is a file: give the directory to write host_vars/<app>.yml and %s into "
                               "(made if missing)." % (dest, INVENTORY), option="dest")
    if not IDENTIFIER.fullmatch(params["reference_prefix"] or ""):
        raise HerokuInputError("reference_prefix=%r is not a variable name: use letters, digits and underscores, "
                               "starting with a letter or underscore (vault_heroku gives vault_heroku_config)."
                               % params["reference_prefix"], option="reference_prefix")
    if params["apps"] is not None and not params["apps"]:
        raise HerokuInputError("apps is empty: name the apps to export, or leave apps out to export every app of "
                               "team (or of the account).", option="apps")


# -- reading Heroku (a reader) ---------------------------------------------------------------------------

def selected_apps(client, params):
    """The apps to export, by name: the listed ones (one read each), a team's, or every app the account sees."""
    if params.get("apps"):
        names = list(dict.fromkeys(params["apps"]))
        found = concurrently(client, [lambda own, name=name: own.get_or_none(path("app.info", app=name)) for name in names],
                             params["concurrency"])
        for name, app in zip(names, found):
            if app is None:
                raise HerokuStateError("App %s was not found (apps)." % name)
        return found
    if params.get("team"):
        apps = client.list_or_none(path("team-app.list_by_team", team=params["team"]))
        if apps is None:
            raise HerokuStateError("Team %s was not found (team)." % params["team"])
        return apps
    return client.list(path("app.list"))


def file_name(app):
    """Its host_vars file. Heroku's app names are lower case letters, digits and dashes: anything else (a path)
    is refused rather than written somewhere else."""
    if not APP_NAME.fullmatch(app["name"]):
        raise HerokuStateError("Heroku answered an app named %r, which is not an app name: nothing was written." % app["name"])
    return os.path.join(HOST_VARS, "%s.yml" % app["name"])


def generation_of(client, app):
    """Cedar or Fir. Heroku's team-apps answers carry no generation: an app in a space costs a read of the app."""
    if "generation" not in app and app.get("space"):
        app = client.get(path("app.info", app=app["id"]))
    return heroku_generations.name_of(app)


def read_app(client, app, coupling):
    """What the files say of one app: a read for each of its lists; its config values dropped as soon as read."""
    own = dict(app=app["id"])
    generation = generation_of(client, app)
    fir = generation == heroku_generations.FIR
    config_keys = sorted(client.get(path("config-var.info_for_app", **own)) or {})
    return dict(
        app=app, generation=generation, coupling=coupling, config_keys=config_keys,
        formation=client.list(path("formation.list", **own)),
        addons=client.list(path("add-on.list_by_app", **own)),
        # Which config vars are the add-ons' (their attachment names are the prefixes) and each own add-on's
        # attachment name.
        attachments=client.list(path("add-on-attachment.list_by_app", **own)),
        domains=client.list(path("domain.list", **own)),
        # A Fir app has telemetry drains and no log drains, nor classic buildpacks (heroku_generations.REFUSED).
        drains=[] if fir else client.list(path("log-drain.list", **own)),
        telemetry_drains=client.list(path("telemetry-drain.list_by_app", **own)) if fir else [],
        collaborators=client.list(path("collaborator.list", **own)),
        webhooks=client.list(path("app-webhook.list", **own)),
        buildpacks=None if fir else client.list(path("buildpack-installation.list", **own)),
        features=client.list(path("app-feature.list", **own)),
    )


def read(client, params):
    """Everything the files say, each list read once; config values are dropped here, as soon as they are read."""
    apps = sorted(selected_apps(client, params), key=lambda app: app["name"])
    couplings = {}
    if apps:
        # Every coupling of the account in one list read, rather than one read per app.
        couplings = dict((item["app"]["id"], item) for item in client.list(path("pipeline-coupling.list")))
    read_apps = concurrently(client, [lambda own, app=app: read_app(own, app, couplings.get(app["id"])) for app in apps],
                             params["concurrency"])
    dest = params["dest"]
    names = [file_name(item["app"]) for item in read_apps]
    if params["inventory"]:
        names.append(INVENTORY)
    return dict(apps=read_apps, files=dict((name, on_disk(os.path.join(dest, name))) for name in names),
                directories=[directory for directory in (dest, os.path.join(dest, HOST_VARS))
                             if not os.path.isdir(directory)],
                requests=client.request_count)


def on_disk(file_path):
    """(text, mode) of a file, or None where there is none."""
    try:
        with open(file_path, "rb") as handle:
            data = handle.read()
        return data.decode("utf-8", "replace"), os.stat(file_path).st_mode & 0o777
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise HerokuStateError("Could not read %s: %s." % (file_path, exc.strerror or exc))


# -- the role's variables (hooks) ------------------------------------------------------------------------

def plain_url(url):
    """Whether a drain URL may be written: nothing but a scheme and a host, the part of any drain URL the collection
    shows (credentials hide in the user and password, the port, the path, the query)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except (TypeError, ValueError):
        return False
    return bool(parts.scheme and parts.hostname) and not (
        parts.username or parts.password or port or parts.path not in ("", "/") or parts.query or parts.fragment)


def variables(item, params):
    """(the role's variables, the config keys its add-ons set, what was left out and why) of one app."""
    app, name, prefix = item["app"], item["app"]["name"], params["reference_prefix"]
    fir = item["generation"] == heroku_generations.FIR
    reference_secrets = params["secrets"] == "reference"
    left_out = []
    found = dict(heroku_app_name=name, heroku_app_region=(app.get("region") or {}).get("name"))
    if not fir:
        found["heroku_app_stack"] = (app.get("stack") or {}).get("name")
    if app.get("team"):
        found["heroku_app_team"] = app["team"]["name"]
    if not fir:
        installed = sorted(item["buildpacks"], key=lambda bp: bp.get("ordinal", 0))
        found["heroku_app_buildpacks"] = [(bp.get("buildpack") or {}).get("name") or bp["buildpack"]["url"]
                                          for bp in installed]
    found["heroku_app_features"] = dict((feature["name"], feature["enabled"])
                                        for feature in sorted(item["features"], key=lambda feature: feature["name"]))
    found["heroku_app_maintenance"] = bool(app.get("maintenance"))

    addons = [addon for addon in item["addons"] if addon.get("state") != "deprovisioned"]
    own_addons = [addon for addon in addons if (addon.get("app") or {}).get("id") == app["id"]]
    # The rule heroku_config's purge keeps them by: DATABASE_URL for an attachment named DATABASE.
    addon_keys = sorted(addon_config_keys(item["config_keys"], {}, dict(addon_attachments=item["attachments"])))
    user_keys = [key for key in item["config_keys"] if key not in addon_keys]
    if reference_secrets:
        found["heroku_app_config"] = dict((key, reference(prefix, "config", name, key)) for key in user_keys)
    found["heroku_app_addons"] = [own_addon(addon, item["attachments"])
                                  for addon in sorted(own_addons, key=lambda addon: addon["name"])]
    # Add-ons of other apps attached to this one (a shared database), as heroku_addon_attachment knows them.
    found["heroku_app_attachments"] = [shared_attachment(attachment) for attachment in sorted(
        item["attachments"], key=lambda attachment: attachment["name"])
        if ((attachment.get("addon") or {}).get("app") or {}).get("id") != app["id"]]
    found["heroku_app_domains"] = [dict(hostname=domain["hostname"]) for domain in sorted(
        (domain for domain in item["domains"] if domain.get("kind") == "custom"), key=lambda domain: domain["hostname"])]
    if not fir:
        found["heroku_app_drains"] = drains(item, name, prefix, reference_secrets, left_out)
    else:
        found["heroku_app_telemetry_drains"] = telemetry_drains(item, name, prefix, reference_secrets, left_out)
    found["heroku_app_collaborators"] = collaborators(item)
    found["heroku_app_webhooks"] = [dict(url=hook["url"], include=sorted(hook.get("include") or ()), level=hook["level"])
                                    for hook in sorted(item["webhooks"], key=lambda hook: hook["url"])]
    found["heroku_app_formation"] = [dict(type=process["type"], quantity=process["quantity"], size=process["size"])
                                     for process in sorted(item["formation"], key=lambda process: process["type"])]
    coupling = item["coupling"]
    if coupling and coupling["stage"] in ROLE_STAGES:
        found["heroku_app_pipeline"] = coupling["pipeline"]["name"]
        found["heroku_app_pipeline_stage"] = coupling["stage"]
    elif coupling:
        left_out.append("its coupling to pipeline %s at stage %s (the role's heroku_app_pipeline_stage takes %s)" % (
            coupling["pipeline"]["name"], coupling["stage"], ", ".join(ROLE_STAGES)))
    if app.get("space"):
        left_out.append("Private Space %s (the role has no variable for it: it puts no app in a space)"
                        % app["space"]["name"])
    # What heroku_app manages and the role does not pass on, said where the app is not as a new app would be.
    for key, shown in (("acm", "Automated Certificate Management is on"), ("locked", "the app is locked"),
                       ("internal_routing", "internal routing is on")):
        if app.get(key):
            left_out.append("%s (the role has no variable for it; herokuops.platform.heroku_app has %s)" % (shown, key))
    return found, user_keys, addon_keys, left_out


def own_addon(addon, attachments):
    """An add-on of the app's own: its name, its plan and the name of its attachment to the app (the role would
    rename an attachment named otherwise)."""
    one = dict(name=addon["name"], plan=addon["plan"]["name"])
    names = [attachment["name"] for attachment in attachments if (attachment.get("addon") or {}).get("id") == addon["id"]]
    if names:
        one["attachment_name"] = sorted(names)[0]
    return one


def shared_attachment(attachment):
    one = dict(addon=attachment["addon"]["name"])
    one["as"] = attachment["name"]
    if attachment.get("namespace"):
        one["namespace"] = attachment["namespace"]
    return one


def drains(item, name, prefix, reference_secrets, left_out):
    exported = []
    for drain in sorted(item["drains"], key=lambda drain: drain["token"]):
        if (drain.get("addon") or {}).get("name"):
            # Heroku adds and removes it with its add-on.
            continue
        if plain_url(drain["url"]):
            exported.append(dict(url=drain["url"]))
        elif reference_secrets:
            exported.append(dict(url=reference(prefix, "drains", name, drain["token"])))
        else:
            left_out.append("log drain %s (%s): its URL may hold credentials" % (drain["token"], mask_url(drain["url"])))
    return exported


def telemetry_drains(item, name, prefix, reference_secrets, left_out):
    exported = []
    for drain in sorted(item["telemetry_drains"], key=lambda drain: drain["exporter"]["endpoint"]):
        exporter = drain["exporter"]
        one = dict(endpoint=exporter["endpoint"], signals=sorted(drain.get("signals") or ()), exporter=exporter["type"])
        headers = sorted(exporter.get("headers") or {})
        if headers and reference_secrets:
            one["headers"] = dict((header, reference(prefix, "telemetry_headers", name, exporter["endpoint"], header))
                                  for header in headers)
        elif headers:
            left_out.append("the headers of telemetry drain %s (%s): secrets" % (exporter["endpoint"], ", ".join(headers)))
        exported.append(one)
    return exported


def collaborators(item):
    """Everyone with access but the owner (a personal app lists its owner, who cannot be added nor removed);
    a team app's permissions as a set."""
    team_app = bool(item["app"].get("team"))
    exported = []
    for person in sorted(item["collaborators"], key=lambda person: person["user"]["email"].lower()):
        if person.get("role") == "owner":
            continue
        one = dict(email=person["user"]["email"])
        permissions = sorted(permission["name"] for permission in person.get("permissions") or ())
        if team_app and permissions:
            one["permissions"] = permissions
        exported.append(one)
    return exported


# -- the files (hooks) ---------------------------------------------------------------------------------------

def scalar(value):
    if isinstance(value, Reference):
        return json.dumps(str(value))
    if isinstance(value, str):
        # Heroku's text, never a template: Ansible would otherwise evaluate what a hostname or key holds.
        return ("!unsafe " if any(mark in value for mark in TEMPLATE_MARKS) else "") + json.dumps(value)
    return json.dumps(value)


def key_text(key):
    """A mapping's key, bare where YAML reads it back as that very string (LOG_LEVEL, preboot), else quoted."""
    if PLAIN_KEY.fullmatch(key) and key.lower() not in YAML_WORDS:
        return key
    return scalar(key)


def flow(value):
    """A nested value on one line (YAML's flow style is JSON's), each string as ``scalar`` writes it."""
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (key_text(key), flow(item)) for key, item in value.items()) if value else "{}"
    if isinstance(value, list):
        return "[%s]" % ", ".join(flow(item) for item in value)
    return scalar(value)


def yaml_text(found):
    """The variables as YAML, written here rather than by a YAML library, so that the text is the same on every
    controller (same bytes: no write) and every string Heroku holds is marked !unsafe when it looks like a template."""
    lines = []
    for key, value in found.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            lines.append("%s:" % key)
            for item in value:
                for index, (field_name, field_value) in enumerate(item.items()):
                    lines.append("%s%s: %s" % ("  - " if index == 0 else "    ", field_name, flow(field_value)))
        elif isinstance(value, dict) and value:
            lines.append("%s:" % key)
            lines.extend("  %s: %s" % (key_text(name), flow(item)) for name, item in value.items())
        else:
            lines.append("%s: %s" % (key, flow(value)))
    return "\n".join(lines) + "\n"


def comment_lines(title, words):
    """A comment listing ``words`` (names only), wrapped at about 110 columns."""
    lines, line = [], "# %s:" % title
    for word in words:
        if len(line) + len(word) + 1 > 110:
            lines.append(line)
            line = "#  "
        line += " " + word
    return lines + [line]


def host_vars_text(found, user_keys, addon_keys, left_out, params):
    notes = []
    if user_keys and params["secrets"] == "omit":
        notes += comment_lines("Config vars, values left out (set them in heroku_app_config from a vault, or export "
                               "with secrets=reference)", user_keys)
    elif user_keys:
        notes.append("# Config values are references: define %s_config[app][key] (in a vault) before a converge."
                     % params["reference_prefix"])
    if addon_keys:
        notes += comment_lines("Config vars its add-ons set (theirs to change, not exported)", addon_keys)
    notes += ["# Not exported: %s." % reason for reason in left_out]
    notes.append("# Webhook secrets and authorizations: Heroku never returns them (sent only when a webhook is created).")
    return HEADER + "\n".join(notes) + "\n---\n" + yaml_text(found)


def inventory_text(params, names):
    """The inventory plugin's configuration that makes hosts of the exported apps, so that ``-i <dest>`` finds
    them with their host_vars. Listed apps are matched by the names Heroku gave (an app may be listed by id); an app
    name holds nothing a regular expression reads specially."""
    config = dict(plugin="herokuops.platform.heroku")
    if params.get("team"):
        config["teams"] = [params["team"]]
    if params.get("apps"):
        config["name_pattern"] = "^(%s)$" % "|".join(names)
    return ("# Written by herokuops.platform.heroku_estate_export: the exported apps as hosts; their variables are in\n"
            "# host_vars/. The API key and URL come from HEROKU_API_KEY and HEROKU_API_URL (or ~/.netrc).\n"
            + yaml_text(config))


def shown_file(name, held):
    """A file as the diff shows it: its name (and mode, where it is not 0600), then its text."""
    text, mode = held or ("", FILE_MODE)
    return "==> %s%s <==\n%s" % (name, "" if mode == FILE_MODE else " (mode %04o)" % mode, text)


def plan(state, params):
    exported, texts = [], {}
    for item in state["apps"]:
        found, user_keys, addon_keys, left_out = variables(item, params)
        name = file_name(item["app"])
        texts[name] = host_vars_text(found, user_keys, addon_keys, left_out, params)
        exported.append(dict(name=item["app"]["name"], file=os.path.join(params["dest"], name),
                             variables=found, config_keys=user_keys, addon_config_keys=addon_keys, left_out=left_out))
    if params["inventory"]:
        texts[INVENTORY] = inventory_text(params, [item["name"] for item in exported])
    to_write = [name for name, text in texts.items() if state["files"][name] != (text, FILE_MODE)]
    before = "".join(shown_file(name, state["files"][name]) for name in to_write)
    after = "".join(shown_file(name, (texts[name], FILE_MODE)) for name in to_write)
    changed = bool(to_write or state["directories"])
    return Plan(changed, (before, after) if changed else ("", ""),
                dict(texts=texts, to_write=to_write, exported=exported))


# -- writing the files (a writer: files only, nothing to Heroku) ------------------------------------------------

def write_atomically(file_path, text):
    """The whole file or the old one, never half of it: a temporary file beside it, 0600 from its creation,
    renamed over it."""
    handle, temporary = tempfile.mkstemp(prefix=".%s." % os.path.basename(file_path), dir=os.path.dirname(file_path))
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, file_path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def perform(client, state, plan_, params):
    written = []
    try:
        for directory in state["directories"]:
            os.makedirs(directory, mode=DIRECTORY_MODE, exist_ok=True)
            written.append(directory)
        for name in plan_.work["to_write"]:
            write_atomically(os.path.join(params["dest"], name), plan_.work["texts"][name])
            written.append(name)
    except OSError as exc:
        where = getattr(exc, "filename", None) or params["dest"]
        # A file written before the failure is a change the next run will not show.
        raise HerokuOperationFailed("Could not write %s: %s." % (where, exc.strerror or exc), dict(changed=bool(written)))
    return written


# -- the result (a hook) ------------------------------------------------------------------------------------

def report(state, plan_, outcome, params, check_mode):
    to_write = set(plan_.work["to_write"])
    apps = [dict(item, changed=file_name(item) in to_write)
            for item in plan_.work["exported"]]
    inventory = None
    if params["inventory"]:
        inventory = dict(file=os.path.join(params["dest"], INVENTORY), changed=INVENTORY in to_write)
    return dict(dest=params["dest"], apps=apps, inventory=inventory, requests=state["requests"]), None


ESTATE_EXPORT = Operation(
    result_key="heroku_estate_export", result_keys=RESULT_KEYS,
    read=read, plan=plan, perform=perform, report=report, validate=validate,
    names=dict(team="team", apps="app", concurrency=("range", CONCURRENCY_RANGE)),
)

HEROKU_ESTATE_EXPORT = Module(ESTATE_EXPORT, dict(
    dest=dict(type="path", required=True), team=dict(type="str"), apps=dict(type="list", elements="str"),
    secrets=dict(type="str", choices=["omit", "reference"], default="omit"),
    reference_prefix=dict(type="str", default="vault_heroku"), inventory=dict(type="bool", default=True),
    concurrency=dict(type="int", default=8),
), mutually_exclusive=(("team", "apps"),))
