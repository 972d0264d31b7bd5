#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_app
short_description: Create, update, rename and delete Heroku apps
version_added: 0.1.0
description:
  - Ensures a Heroku app exists with the settings given, or does not exist.
  - Only the options you set are compared and changed; everything else is left as it is.
  - A run that changes nothing sends one read of the app, plus one read for O(buildpacks) and one for
    O(features) when you set them, and no write.
  - What the app's platform generation refuses (on Fir, O(buildpacks), O(stack), O(build_stack) and
    O(internal_routing)) fails before any write, naming the app, its generation and what to use instead. An
    existing app's read says its generation; a new app in a O(space) costs one read of the space, and only when
    one of those options is set.
author:
  - herokuops.platform contributors (@herokuops)
options:
  name:
    description:
      - Name of the app. Lower case letters, digits and dashes; starts with a letter; 3 to 30 characters.
      - An app id works too when it exists already.
    type: str
    required: true
  state:
    description:
      - V(present) creates or updates the app; V(absent) deletes it with its add-ons and config.
    type: str
    choices: [present, absent]
    default: present
  new_name:
    description:
      - Rename the app O(name) to this name.
      - Idempotent. When O(name) no longer exists but O(new_name) does, the rename is already done.
      - When neither exists, the app is created under O(new_name).
    type: str
  region:
    description:
      - Region the app runs in; set at creation.
      - Heroku cannot move an app to another region; a different value on an existing app fails.
    type: str
    choices: [us, eu, dublin, frankfurt, london, montreal, mumbai, oregon, singapore, sydney, tokyo, virginia]
  stack:
    description:
      - Stack of the app at creation, for example V(heroku-24).
      - An existing app's stack changes with its next build after O(build_stack) is set; a different
        O(stack) on an existing app fails and says so.
      - A Fir app (one in a Fir space) has no stack; setting O(stack) or O(build_stack) for one fails before any write.
    type: str
  build_stack:
    description:
      - Stack that the next build of the app uses.
    type: str
  team:
    description:
      - Team that owns the app. The app is created through Heroku's team apps endpoint.
      - A different team on an existing app transfers the app to that team (you must be a member of both).
    type: str
  space:
    description:
      - Private Space to create the app in; requires O(team). Set at creation only.
    type: str
  internal_routing:
    description:
      - Route the app only inside its Private Space. Set at creation only.
      - Fir spaces have no internal routing; V(true) for an app in one fails before any write.
    type: bool
  locked:
    description:
      - Lock the team app so that team members need explicit permission. Team apps only.
    type: bool
  personal:
    description:
      - Create the app in your personal account even when a default team is set. Used at creation only.
    type: bool
  maintenance:
    description:
      - Put the app in maintenance mode.
    type: bool
  buildpacks:
    description:
      - The app's buildpacks, in order, by registry name (V(heroku/nodejs)) or URL.
      - Managed as a whole; V([]) removes all buildpacks.
      - A Fir app builds with Cloud Native Buildpacks named in its C(project.toml); setting this for one fails
        before any write, saying so.
    type: list
    elements: str
  features:
    description:
      - App features by name, each V(true) to enable or V(false) to disable, for example C(preboot=true).
      - Features not listed are left as they are.
    type: dict
  acm:
    description:
      - Automated Certificate Management for the app's custom domains.
    type: bool
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_app_info
'''

EXAMPLES = r'''
- name: Manage apps with the connection options set once
  module_defaults:
    group/herokuops.platform.heroku:
      api_key: "{{ lookup('ansible.builtin.env', 'HEROKU_API_KEY') }}"
  block:
    - name: Create a team app in Europe
      herokuops.platform.heroku_app:
        name: acme-web
        team: acme
        region: eu
        stack: heroku-24
        buildpacks:
          - heroku/nodejs
        features:
          preboot: true
        acm: true

    - name: Put it into maintenance mode
      herokuops.platform.heroku_app:
        name: acme-web
        maintenance: true

    - name: Rename it
      herokuops.platform.heroku_app:
        name: acme-web
        new_name: acme-storefront

    - name: Delete it
      herokuops.platform.heroku_app:
        name: acme-storefront
        state: absent
'''

RETURN = r'''
heroku_app:
  description: The app as it is after the task, or would be in check mode. Empty when O(state=absent).
  returned: always
  type: dict
  contains:
    id:
      description: Unique identifier of the app. V(null) in check mode before creation.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    name:
      description: Name of the app.
      type: str
      sample: acme-web
    region:
      description: Region name.
      type: str
      sample: eu
    stack:
      description: Current stack.
      type: str
      sample: heroku-24
    build_stack:
      description: Stack of the next build.
      type: str
      sample: heroku-24
    team:
      description: Owning team, or V(null) for a personal app.
      type: str
      sample: acme
    owner:
      description: Email of the owning account.
      type: str
      sample: ops@example.com
    space:
      description: Private Space, or V(null).
      type: str
    internal_routing:
      description: Whether the app is routed inside its space only.
      type: bool
    generation:
      description: The app's Heroku platform generation, C(cedar) or C(fir) (an app in a Fir space is Fir).
      type: str
      sample: cedar
      version_added: 0.5.0
    locked:
      description: Whether the team app is locked. Only read when O(locked) is set, else V(null).
      type: bool
    maintenance:
      description: Whether the app is in maintenance mode.
      type: bool
    acm:
      description: Whether Automated Certificate Management is on.
      type: bool
    web_url:
      description: The app's default URL.
      type: str
      sample: https://acme-web-0123456789ab.herokuapp.com/
    git_url:
      description: Git URL to push to.
      type: str
    created_at:
      description: When the app was created.
      type: str
    updated_at:
      description: When the app was last changed.
      type: str
    released_at:
      description: When the app was last released.
      type: str
    buildpacks:
      description: The buildpacks in order. Only present when O(buildpacks) is set.
      type: list
      elements: str
      returned: when O(buildpacks) is set
    features:
      description: Every app feature and whether it is enabled. Only present when O(features) is set.
      type: dict
      returned: when O(features) is set
'''

from ansible_collections.herokuops.platform.plugins.module_utils._app import HEROKU_APP
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_APP)


if __name__ == "__main__":
    main()
