# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Attachments of an existing add-on to an app: the spec of heroku_addon_attachment and its _info twin.

An attachment puts an add-on's config vars on an app under a name (DATABASE gives DATABASE_URL). It is found in one
read of the app's attachments, by its name, and must be of the add-on the task names (by name or id). Heroku cannot
rename an attachment: a task with ``replaces: OLD_NAME`` attaches the add-on under the new name first and detaches
the old attachment only after, so the app never runs without the config var. The old attachment is the one the task
names, never one guessed ("the add-on's only other attachment on the app" would detach a second attachment the user
made on purpose, such as a role's namespace); once detached it is not there, so the next run reads only. Attachments
exist on Fir apps too (heroku_generations.REFUSED names none), so nothing is refused by generation.

Hooks, and the word each stands for that the vocabulary lacks:
- ``lookup``: found in the parent's list by name, or else by another name an option gives (the attachment a rename
  replaces), the found item's add-on checked against an option; ``find_by`` knows one key and one name only.
- ``adjust``: the diff of a rename says that it attaches first and detaches after (an id a replacement changes).
- ``update_requests`` and ``apply_answers``: a replacement that creates before it deletes (make before break), the
  created item being the result; heroku_space_vpn's replacement deletes first, and the default merge keeps the
  last answer, here the deleted one.
- ``Detail.read`` (``addon``): a detail read from the add-on the representation names (not from the resource
  itself), with a second read for the name the add-on's own config vars are prefixed by.

heroku_addon renames the attachment of an add-on on its own app (its ``attachment_name``) the same way, with what
this file shares: ``attach_first`` (the two requests, in their order), ``taken`` (a name another add-on's attachment
has) and ``ATTACH_FIRST`` (what the diff says).
"""

from __future__ import annotations

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuStateError
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path, request
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_spec import (
    UPPER_CASE, Detail, Field, Info, Module, Paths, Resource, Source, required, state_option,
)

RETURNED = dict(
    id=("id",), name=("name",), namespace=("namespace",), app=("app", "name"), addon=("addon",),
    web_url=("web_url",), created_at=("created_at",), updated_at=("updated_at",),
)

# What a rename's diff shows: a new attachment, with a new id, made before the old one goes.
ATTACH_FIRST = "(a new attachment: %(after)s attached first, then %(before)s detached)"


def of_addon(attachment, addon):
    """Whether ``attachment`` is of the add-on named (by name or id) ``addon``."""
    return addon in (attachment["addon"]["id"], attachment["addon"]["name"])


def lookup(client, params):
    """The attachment named ``name`` on the app, or else the one ``replaces`` names (a rename to finish), in one read
    of the app's attachments; one of another add-on is refused before any write."""
    attachments = client.list_or_none(path("add-on-attachment.list_by_app", app=params["app"]))
    if attachments is None:
        if params["state"] == "absent":
            return None
        raise HerokuStateError("App %s was not found." % params["app"])
    by_name = dict((item["name"], item) for item in attachments)
    if params.get("replaces") and params["state"] == "present" and \
            all(name.upper() in by_name for name in (params["name"], params["replaces"])):
        # A rename stopped between its attach and its detach: the old attachment is still there, beside the new one.
        raise HerokuStateError(
            "Attachments %s and %s (replaces) are both on app %s: detach %s with state: absent to finish the rename." % (
                params["name"].upper(), params["replaces"].upper(), params["app"], params["replaces"].upper()))
    for option in ("name", "replaces"):
        name = (params.get(option) or "").upper()
        found = by_name.get(name)
        if found is None or not params.get("addon") or of_addon(found, params["addon"]):
            if found is not None:
                return found
            continue
        raise taken(found, params["app"], params["addon"], "choose another name, or detach it first (state: absent)"
                    if option == "name" else "replaces names an attachment of the same add-on")
    return None


def taken(found, app, addon, what_to_do):
    """The failure of a name that attachment ``found``, of another add-on than ``addon``, has on ``app``."""
    return HerokuStateError("Attachment %s on app %s is of add-on %s, not %s: %s." % (
        found["name"], app, found["addon"]["name"], addon, what_to_do))


def attach_first(addon, app, name, old=None, namespace=None, confirm=None, addon_name=None, old_name=None):
    """The requests of a rename, in their order: attach ``addon`` to ``app`` as ``name``, then detach attachment
    ``old`` (its id, named ``old_name``), never the reverse: the app would run without the config var in between.
    A detach that fails says that both attachments are there and how to finish."""
    created = dict(addon=addon, app=app, name=name)
    if namespace:
        created["namespace"] = namespace
    if confirm:
        created["confirm"] = confirm
    left = "add-on %s is attached to app %s as %s, and still as %s: detach %s with herokuops.platform.heroku_addon_attachment " \
           "(state: absent) to finish the rename" % (addon_name or addon, app, name, old_name or old, old_name or old)
    return [request("add-on-attachment.create", created)] + (
        [request("add-on-attachment.delete", None, left=left, add_on_attachment=old)] if old else [])


def adjust(desired, current, params, reads):
    """A rename: the diff says that the new attachment comes first and the old one goes after."""
    if current.get("name") != desired["name"]:
        return dict(desired, id=ATTACH_FIRST % dict(after=desired["name"], before=current["name"]))
    return desired


def update_requests(rep, body, params):
    """A rename: attach under the new name first, then detach the old attachment, never the reverse."""
    return attach_first(rep["addon"]["id"], params["app"], params["name"].upper(), rep["id"],
                        namespace=params.get("namespace") or rep.get("namespace"), confirm=params.get("confirm"),
                        addon_name=rep["addon"].get("name"), old_name=rep["name"])


def apply_answers(rep, answers):
    """The attachment created; the second answer is the one detached."""
    return answers[0]


def read_addon(client, rep):
    """The add-on with its service and plan, and the config var names this attachment sets on its app: the add-on's
    own vars (on the app that owns it) are its owning attachment's name and a suffix; this one's, its name and the
    same suffixes. Values are never read."""
    addon = client.get(path("add-on.info", add_on=rep["addon"]["id"]))
    owner = [item["name"] for item in client.list(path("add-on-attachment.list_by_add_on", add_on=addon["id"]))
             if item["app"]["id"] == addon["app"]["id"]]
    suffixes = [var[len(owner[0]) + 1:] for var in addon.get("config_vars") or () if owner and var.startswith(owner[0] + "_")]
    return dict(id=addon["id"], name=addon["name"], app=addon["app"]["name"], service=addon["addon_service"]["name"],
                plan=addon["plan"]["name"], config_vars=["%s_%s" % (rep["name"], suffix) for suffix in suffixes])


ADDON_DETAIL = Detail("addon", read_addon, default=None)

ATTACHMENT = Resource(
    noun="add-on attachment", result_key="heroku_addon_attachment", returned=RETURNED,
    paths=Paths(item="add-on-attachment.info", create="add-on-attachment.create"),
    identity="name", parent="app",
    # The create body is the options as given; Heroku asks for confirm (the owning app's name) where it needs it.
    body_from={"addon": "addon", "app": "app", "name": "name", "namespace": "namespace", "confirm": "confirm"},
    fields=(
        Field("name", codec=UPPER_CASE),
        # Never an option: what adjust sets when a rename gives the attachment a new id, for the diff to say so.
        Field("id", create=False),
        Field("namespace", immutable="Heroku cannot change an attachment's namespace: detach it (state: absent) and "
                                     "attach it again."),
    ),
    details=(ADDON_DETAIL,),
    names=dict(app="app", name="attachment_name", replaces="attachment_name", addon="addon", confirm="app"),
    predicted=dict(namespace=None),
    lookup=lookup, adjust=adjust, update_requests=update_requests, apply_answers=apply_answers,
)

HEROKU_ADDON_ATTACHMENT = Module(ATTACHMENT, dict(
    app=required(), name=required(), addon=dict(type="str"), namespace=dict(type="str"), confirm=dict(type="str"),
    replaces=dict(type="str"), state=state_option(),
), required_if=(("state", "present", ("addon",)),))

HEROKU_ADDON_ATTACHMENT_INFO = Module(Info(
    result_key="heroku_addon_attachment_info", returned=RETURNED, details=(ADDON_DETAIL,),
    names=dict(app="app", name="attachment_name"),
    sources=(Source("name", "add-on-attachment.info_by_app", single=True),
             Source(None, "add-on-attachment.list_by_app", missing="App %(app)s was not found.")),
), dict(app=required(), name=dict(type="str")))
