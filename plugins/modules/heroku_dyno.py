#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_dyno
short_description: Restart or stop a Heroku app's dynos, or run a one-off command in a detached dyno
version_added: 0.4.0
description:
  - With O(state=restarted), restarts every dyno of the app, the dynos of one process type (O(type)) or one dyno
    (O(name)).
  - With O(state=stopped), stops the dynos of one process type or one dyno. Heroku brings a stopped dyno of the
    formation back after a while; a stopped one-off dyno is gone for good. Scale with
    M(herokuops.platform.heroku_formation) to keep dynos down.
  - With O(state=run), starts O(command) in a new detached one-off dyno (its output goes to the app's logs) and,
    with O(wait=true), waits until it has finished.
  - Restarts, stops and runs are actions, not states, so a task that performs one always reports C(changed).
    Before any write the module reads the app's dynos (one request; and its formation when O(type) is set), so
    that an unknown process type or dyno fails naming the option, and check mode reports which dynos would be
    restarted or stopped without writing anything.
  - A restart, stop or run is sent once. Heroku's answer to a 429 (too many requests) is waited for and the request
    sent again, as Heroku did nothing; a lost answer or a 5xx is not retried, since Heroku may have acted already
    and a second restart would restart every dyno again. The task then fails with C(changed=true), its message
    saying that the dynos may have been restarted (or stopped, or the one-off dyno started); check before running it
    again.
  - Heroku does not report the exit code or exit status of a detached dyno's command. The module knows when the
    dyno was gone, or that it crashed (the task then fails); read the command's output in the app's logs.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app.
    type: str
    required: true
  state:
    description:
      - V(restarted) restarts dynos; V(stopped) stops dynos; V(run) runs O(command) in a new one-off dyno.
    type: str
    choices: [restarted, stopped, run]
    default: restarted
  type:
    description:
      - The process type (V(web), V(worker), or V(run) for every running one-off dyno) whose dynos to restart or
        stop.
      - It must be a process type of the app's formation or of a running dyno; otherwise the task fails, listing
        the app's process types, before any write.
      - With neither O(type) nor O(name), O(state=restarted) restarts every dyno of the app.
      - Only with O(state=restarted) and O(state=stopped); mutually exclusive with O(name).
    type: str
  name:
    description:
      - The dyno to restart or stop, by name (V(web.1), V(run.1234)) or id.
      - It must be one of the app's dynos; otherwise the task fails, listing them, before any write.
      - Only with O(state=restarted) and O(state=stopped); mutually exclusive with O(type).
    type: str
  command:
    description:
      - The command the one-off dyno runs, such as V(bin/rails db:migrate). Required with O(state=run), and only
        with it.
    type: str
  size:
    description:
      - Dyno size of the one-off dyno, such as V(Standard-2X) (case-insensitive). Default is Heroku's for the app.
      - Only with O(state=run).
    type: str
  env:
    description:
      - Environment variables the one-off dyno gets besides the app's config vars, as names and values.
      - The values are secrets and are masked in results, diffs and the arguments Ansible shows; the names show.
      - Only with O(state=run).
    type: dict
  time_to_live:
    description:
      - Seconds after which Heroku ends the one-off dyno, whatever its command is doing; from 1 to 86400 (24 hours).
      - Only with O(state=run). Without it, the dyno runs until its command ends.
    type: int
  wait:
    description:
      - With O(state=run), wait until the one-off dyno has finished, that is, until it is gone from the app's dynos
        or its state is C(crashed) or C(down). Never waits in check mode.
      - A dyno still running after O(wait_timeout) makes the task fail, with C(changed=true) and the state last
        seen; the dyno keeps running.
      - Polling backs off exponentially, from 1 second up to 30 seconds between reads.
      - Only with O(state=run); to wait until restarted dynos are up, use M(herokuops.platform.heroku_dyno_info)
        with O(herokuops.platform.heroku_dyno_info#module:wait=true).
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the one-off dyno when O(wait=true).
    type: int
    default: 600
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
seealso:
  - module: herokuops.platform.heroku_dyno_info
  - module: herokuops.platform.heroku_formation
'''

EXAMPLES = r'''
- name: Restart every dyno of the app
  herokuops.platform.heroku_dyno:
    app: acme-web

- name: Restart the worker dynos
  herokuops.platform.heroku_dyno:
    app: acme-web
    type: worker

- name: Restart one dyno
  herokuops.platform.heroku_dyno:
    app: acme-web
    name: web.2

- name: Stop a one-off dyno that runs too long
  herokuops.platform.heroku_dyno:
    app: acme-web
    state: stopped
    name: run.4821

- name: Migrate the database in a one-off dyno and wait until it is done
  herokuops.platform.heroku_dyno:
    app: acme-web
    state: run
    command: bin/rails db:migrate
    size: Standard-2X
    env:
      MIGRATION_TOKEN: "{{ vault_migration_token }}"
    time_to_live: 1800
    wait: true
    wait_timeout: 1800
  register: migration

- name: Say how long it ran
  ansible.builtin.debug:
    msg: "{{ migration.heroku_dyno.run.name }} ran about {{ migration.heroku_dyno.run.ran_for }} seconds"

- name: One-off tasks with secrets in their env (the label, not the env, is printed for each item)
  herokuops.platform.heroku_dyno:
    app: shop-web
    state: run
    command: "{{ item.command }}"
    env: "{{ item.env }}"
  loop: "{{ maintenance_jobs }}"
  loop_control:
    label: "{{ item.command }}"
'''

RETURN = r'''
heroku_dyno:
  description: What was done, or would be in check mode.
  returned: always
  type: dict
  contains:
    app:
      description: The app.
      type: str
      sample: acme-web
    dynos:
      description:
        - The dynos restarted or stopped (would be, in check mode), as listed just before the write.
        - Empty with O(state=run).
      type: list
      elements: str
      sample: [web.1, web.2]
    run:
      description:
        - The one-off dyno, with O(state=run); V(null) otherwise.
        - In check mode its id, name, state, release version and creation time are V(null).
        - Heroku does not report a detached dyno's exit code, so none is returned.
      type: dict
      contains:
        id:
          description: Unique identifier of the dyno.
          type: str
        name:
          description: Name of the dyno.
          type: str
          sample: run.4821
        type:
          description: Process type of the dyno.
          type: str
          sample: run
        command:
          description: The command it runs.
          type: str
          sample: bin/rails db:migrate
        size:
          description: Dyno size; V(null) in check mode when O(size) was not set.
          type: str
          sample: Standard-2X
        state:
          description:
            - The state last seen while the dyno was listed (C(starting), C(up), C(crashed), C(down)).
            - With O(wait=true) and RV(heroku_dyno.run.finished=true), the dyno may be gone since.
          type: str
          sample: up
        release_version:
          description: Version of the release the dyno runs.
          type: int
          sample: 42
        created_at:
          description: When Heroku created the dyno.
          type: str
          sample: "2026-11-30T10:00:00Z"
        time_to_live:
          description: O(time_to_live), if set.
          type: int
        finished:
          description:
            - Whether the dyno had finished (gone, crashed or down) when the module last looked.
            - V(null) without O(wait) and in check mode.
          type: bool
        ran_for:
          description:
            - Seconds from starting the dyno until the module saw it finished, as precise as the polling (up to
              30 seconds apart); V(null) unless it finished while the module waited.
          type: float
          sample: 42.5
'''

from ansible_collections.herokuops.platform.plugins.module_utils._dyno import HEROKU_DYNO
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_DYNO)


if __name__ == "__main__":
    main()
