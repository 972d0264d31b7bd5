#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r'''
---
module: heroku_formation
short_description: Scale the process types of a Heroku app
version_added: 0.1.0
description:
  - Sets the quantity and dyno size of an app's process types (C(web), C(worker), ...).
  - Every change goes in one batch request; a run that changes nothing sends one read.
  - A process type exists once a release of the app defines it (a Procfile entry of a deployed
    build). Deploy the app before you scale a new process type.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  processes:
    description:
      - The process types to scale. Types not listed are left as they are.
    type: list
    elements: dict
    required: true
    suboptions:
      type:
        description: Process type, as named in the Procfile.
        type: str
        required: true
      quantity:
        description:
          - Number of dynos, 0 or more. Left as it is when not given.
        type: int
      size:
        description:
          - Dyno size, for example V(Basic), V(Standard-2X) or V(Performance-M); not case-sensitive.
          - One of the sizes Heroku offers; checked before any request.
          - Left as it is when not given.
        type: str
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_formation_info
'''

EXAMPLES = r'''
- name: Scale acme-web, with the connection options set once for the collection
  module_defaults:
    group/herokuops.platform.heroku:
      api_key: "{{ vault_heroku_api_key }}"
  block:
    - name: Two Standard-2X web dynos and one worker
      herokuops.platform.heroku_formation:
        app: acme-web
        processes:
          - type: web
            quantity: 2
            size: standard-2x
          - type: worker
            quantity: 1

- name: Stop the worker, keep its size
  herokuops.platform.heroku_formation:
    app: acme-web
    processes:
      - type: worker
        quantity: 0
'''

RETURN = r'''
heroku_formation:
  description: The app's formation after the task, or as it would be in check mode.
  returned: always
  type: dict
  contains:
    app:
      description: The app, as given in O(app).
      type: str
      sample: acme-web
    processes:
      description: Every process type of the app, by type.
      type: dict
      sample: {"web": {"quantity": 2, "size": "Standard-2X", "command": "npm start"}}
'''

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuInputError, api_path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_name, check_range
from ansible_collections.herokuops.platform.plugins.module_utils import heroku_shapes as shapes
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_resource import (
    Field,
    HerokuResource,
)

ARGUMENT_SPEC = dict(
    app=dict(type="str", required=True),
    processes=dict(type="list", elements="dict", required=True, options=dict(
        type=dict(type="str", required=True),
        quantity=dict(type="int"),
        size=dict(type="str"),
    )),
)


# Far above any limit Heroku grants without a request, so that only a typo (100000) is refused here.
MAX_QUANTITY = 1000


class HerokuFormation(HerokuResource):
    result_key = "heroku_formation"
    noun = "app"
    creatable = False
    fields = (Field("processes"),)

    def validate(self):
        check_name("app", self.params["app"], "app")
        seen = set()
        for index, process in enumerate(self.params["processes"]):
            where = "processes[%d]" % index
            check_name(where + ".type", process["type"], "process_type", ids=False)
            where += " (type %s)" % process["type"]
            if process["type"] in seen:
                raise HerokuInputError("%s: the type is listed twice; list each process type once." % where, option="processes")
            seen.add(process["type"])
            check_range(where + ": quantity", process["quantity"], 0, MAX_QUANTITY,
                        unit=" (Heroku's default limits are 100 dynos an app, 255 a Fir process type)")
            if process["size"] is not None and process["size"].lower() not in shapes.DYNO_SIZES:
                raise HerokuInputError("%s: size %r is not a Heroku dyno size. Use one of: %s." % (
                    where, process["size"], ", ".join(shapes.DYNO_SIZES.values())), option="processes")

    def identity(self):
        return self.params["app"]

    def item_path(self, rep=None):
        return api_path("/apps/{}/formation", self.params["app"])

    def missing_message(self):
        return "App %s was not found, so it cannot be scaled." % self.params["app"]

    def view(self, rep):
        return {"app": self.params["app"], "processes": shapes.formation_by_type(rep)}

    def desired(self):
        return {"processes": dict(
            (process["type"], dict((key, process[key]) for key in ("quantity", "size") if process[key] is not None))
            for process in self.params["processes"])}

    def changes(self, desired, current):
        have = current["processes"]
        missing = sorted(set(desired["processes"]) - set(have))
        if missing:
            self.fail("App %s has no process type %s; it has %s. A process type exists once a release defines it: "
                      "deploy code whose Procfile declares it, then scale it." % (
                          self.params["app"], ", ".join(missing), ", ".join(sorted(have)) or "none yet"))
        for process_type, wanted in desired["processes"].items():
            # Heroku treats sizes case-insensitively; compare in its spelling so case alone is no change.
            size = wanted.get("size")
            if size is not None and size.lower() == (have[process_type]["size"] or "").lower():
                wanted["size"] = have[process_type]["size"]
            elif size is not None:
                wanted["size"] = shapes.DYNO_SIZES[size.lower()]
        return super(HerokuFormation, self).changes(desired, current)

    def update(self, rep, body):
        updates = [dict(type=process_type, **values) for process_type, values in sorted(body["processes"].items())]
        updated = dict((item["type"], item) for item in self.client.patch(self.item_path(), {"updates": updates}))
        # Heroku answers with the process types it changed; the others are as they were.
        return [updated.get(item["type"], item) for item in rep]


def main():
    HerokuFormation.run_module(ARGUMENT_SPEC)


if __name__ == "__main__":
    main()
