# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Where Heroku serves each operation: paths come from one place, the generated ``_operations.py``.

Specs and their readers name Heroku's operation (``"domain.info"``, ``"app.update"``) and give each
placeholder of its path by the name the schema uses (``app=``, ``domain=``); every value is quoted as one
path segment (``api_path``), so nothing a user typed can reach another path. A path the schema does not
have (the simulator's widgets in the unit tests) is given as a template starting with ``/``.
"""

from __future__ import annotations

import re
from collections import namedtuple

from ansible_collections.herokuops.platform.plugins.module_utils._operations import OPERATIONS
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuAPIError, api_path

PLACEHOLDER = re.compile(r"\{(\w+)\}")

# A write a hook describes and the runner sends: hooks never send requests themselves. ``left``: what stays done
# when this request fails after the ones before it took effect, and how to finish (``send`` adds it to the error).
Request = namedtuple("Request", "method path body left", defaults=(None, None))


def template(operation: str) -> str:
    """The path template of ``operation``, or ``operation`` itself when it is a template."""
    return operation if operation.startswith("/") else OPERATIONS[operation][1]


def method(operation: str, default: str = None) -> str:
    """The HTTP method of ``operation``; ``default`` for a template, which names none."""
    return default if operation.startswith("/") else OPERATIONS[operation][0]


def answers_list(operation: str) -> bool:
    """Whether Heroku answers ``operation`` with a list (read every page of it); False for a template."""
    return not operation.startswith("/") and OPERATIONS[operation][2]


def placeholders(operation: str) -> list:
    return PLACEHOLDER.findall(template(operation))


def path(operation: str, **values) -> str:
    """The path of ``operation`` with each placeholder filled by the value of the same name, quoted."""
    names = placeholders(operation)
    missing = [name for name in names if values.get(name) is None]
    if missing:
        # A mistake in the collection, not in the task: the spec or reader names the wrong placeholder.
        raise KeyError("%s needs %s, given %s" % (operation, ", ".join(missing), ", ".join(sorted(values)) or "nothing"))
    return api_path(PLACEHOLDER.sub("{}", template(operation)), *[values[name] for name in names])


def request(operation: str, body=None, left=None, **values) -> Request:
    """The request of ``operation``: its method, its path filled in, and the body."""
    return Request(method(operation), path(operation, **values), body, left)


def send(client, requests) -> list:
    """The answers to ``requests``, sent one after the other. A request that fails after others took effect adds
    what they left (its ``left``) to Heroku's error."""
    answers = []
    for each in requests:
        try:
            answers.append(client.request(each.method, each.path, each.body))
        except HerokuAPIError as exc:
            if each.left and answers:
                exc.note = "; ".join(note for note in (exc.note, each.left) if note)
            raise
    return answers
