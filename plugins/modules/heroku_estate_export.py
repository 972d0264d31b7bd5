#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_estate_export
short_description: Write an existing Heroku estate as the variables of the herokuops.platform.app role
version_added: 0.5.0
description:
  - Reads the apps of a team, of the account, or those listed, and writes what each one holds as the variables of
    the C(herokuops.platform.app) role (C(heroku_app_*)), so that an
    estate made by hand is adopted in one run, and a converge of those variables right after changes nothing.
  - "Layout under O(dest): one C(host_vars/<app>.yml) per app (the hosts of the P(herokuops.platform.heroku#inventory)
    inventory plugin are the apps, by name) and, with O(inventory=true), a C(heroku.yml) of that plugin selecting
    the same apps. So C(ansible-playbook -i <dest> site.yml), with a play that applies the role to its hosts,
    converges the whole estate."
  - "What each file holds: C(heroku_app_name), C(heroku_app_region), C(heroku_app_stack), C(heroku_app_team),
    C(heroku_app_buildpacks), C(heroku_app_features) (every feature Heroku lists for the app, on or off),
    C(heroku_app_maintenance), the app's own add-ons (C(heroku_app_addons): name, plan and attachment name), the
    add-ons of other apps attached to it (C(heroku_app_attachments): add-on, name, namespace), its custom domains,
    its log drains (or, on a Fir app, its telemetry drains), its collaborators but the owner (with their
    permissions on a team app), its webhooks (URL, events, level), its formation (type, quantity, size) and its
    pipeline and stage. A Fir app has no stack, buildpacks nor log drains: those variables are left out."
  - "Secrets never reach a file, the result nor the output. Config values are dropped as soon as they are read:
    with O(secrets=omit) the keys are listed in a comment at the top of the file; with O(secrets=reference)
    C(heroku_app_config) maps each key to a reference such as
    C({{ vault_heroku_config['acme-web']['SECRET_KEY'] }}), to define in an Ansible Vault file. The config vars
    the app's add-ons set (C(DATABASE_URL)) are theirs: listed in a comment, never in C(heroku_app_config)."
  - "A log drain URL is written only when it holds nothing but a scheme and a host (all that the collection ever
    shows of a drain URL); any other (a user, password, port, path or query can carry credentials) is left out
    and listed in a comment with its token, or with O(secrets=reference) written as
    C({{ vault_heroku_drains['acme-web']['d.<token>'] }}). Telemetry drain headers likewise
    (C(vault_heroku_telemetry_headers[app][endpoint][header])). Heroku never returns a webhook's secret nor its
    authorization: none is written, and the role sends them only when it creates a webhook."
  - "Not exported, because the role has no variable for it or Heroku never returns it: config values (above), the
    SSL certificate, the source, the Private Space, internal routing, ACM, the locked flag, the pipeline's owner,
    an add-on's provider config."
  - "Read-only towards Heroku: it sends reads only, one list read per aspect of each app, each once. Per app:
    config vars, formation, add-ons, add-on attachments, domains, log drains (telemetry drains on Fir),
    collaborators, webhooks, buildpacks (not on Fir) and features: 10 reads for a Cedar app, 9 for a Fir one; plus
    one read of the app itself for each app of O(apps) (or, exporting a team, for each app in a Private Space
    where the team's list does not give its generation). Once for the whole run: the list of apps (none with
    O(apps)) and every pipeline coupling of the account. 20 Cedar apps of a team cost 2 + 20 x 10 = 202 requests
    of the account's 4,500. Heroku refills that budget at 75 requests a minute, and the client paces itself as it
    runs low: an estate of 1,000 apps (about 10,000 reads) takes a little over an hour."
  - "Files are written 0600, each atomically (a temporary file beside it, renamed over it), and only when their
    content or mode differs: a second run over the same estate writes nothing and reports C(changed=false).
    Directories it makes are 0700. Files of apps no longer exported are left alone."
  - "Values Heroku holds are written as Heroku holds them; one that looks like a template (holds C({{)) is marked
    C(!unsafe), so that Ansible never evaluates it."
author:
  - herokuops.platform contributors (@herokuops)
options:
  dest:
    description:
      - Directory to write C(host_vars/<app>.yml) and C(heroku.yml) into; made (0700) when missing.
      - An absolute path, such as C({{ playbook_dir }}/estate); a relative one fails before any request (a module's
        working directory is not the playbook's).
    type: path
    required: true
  team:
    description:
      - Export the apps of this team (one paginated read of the team's apps).
      - Without O(team) and O(apps), every app the account can see is exported.
    type: str
  apps:
    description:
      - Export these apps only, by name (one read each); each must exist.
    type: list
    elements: str
  secrets:
    description:
      - V(omit) leaves config values, drain URLs that may hold credentials and telemetry drain headers out of the
        files, listing what was left out in a comment at the top of each.
      - V(reference) writes each of them as a template naming a variable, prefixed O(reference_prefix), that you
        keep in an Ansible Vault file (C(<prefix>_config[app][key]), C(<prefix>_drains[app][token]),
        C(<prefix>_telemetry_headers[app][endpoint][header])). A converge then needs those variables.
      - The values themselves are never written, in either case.
    type: str
    choices: [omit, reference]
    default: omit
  reference_prefix:
    description:
      - Prefix of the variables O(secrets=reference) names (letters, digits and underscores).
    type: str
    default: vault_heroku
  inventory:
    description:
      - Also write C(<dest>/heroku.yml), a configuration of the P(herokuops.platform.heroku#inventory) inventory
        plugin whose hosts are the exported apps (O(team) as its C(teams), O(apps) as its C(name_pattern)).
      - Its API key and URL come from E(HEROKU_API_KEY) and E(HEROKU_API_URL) (or C(~/.netrc)) when it is used.
    type: bool
    default: true
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.CONCURRENCY
attributes:
  check_mode:
    description: Reads Heroku and the files as in a real run, and writes no file; the result says which would change.
    support: full
  diff_mode:
    description: Shows the text of each file it writes (or would write), before and after. Files hold no secret.
    support: full
notes:
  - "The files are written where the module runs; with the collection's usual C(connection: local), on the controller."
seealso:
  - module: herokuops.platform.heroku_app_info
  - plugin: herokuops.platform.heroku
    plugin_type: inventory
'''

EXAMPLES = r'''
- name: Write the variables of every app of team acme under estate/
  herokuops.platform.heroku_estate_export:
    team: acme
    dest: "{{ playbook_dir }}/estate"
  register: export

- name: The config keys of each app (never the values)
  ansible.builtin.debug:
    msg: "{{ export.heroku_estate_export.apps | items2dict(key_name='name', value_name='config_keys') }}"

- name: Two apps, config values and credentialed drain URLs as references to vault_heroku_config and vault_heroku_drains
  herokuops.platform.heroku_estate_export:
    apps: [acme-web, acme-worker]
    secrets: reference
    dest: "{{ playbook_dir }}/estate"

# Then converge what was exported, every app a host of estate/heroku.yml with its host_vars:
#   ansible-playbook -i estate/ converge.yml
# where converge.yml is:
# - name: Converge every app
#   hosts: all
#   connection: local
#   gather_facts: false
#   vars:
#     ansible_python_interpreter: "{{ ansible_playbook_python }}"
#   roles:
#     - herokuops.platform.app
'''

RETURN = r'''
heroku_estate_export:
  description: What was exported. No config value, drain credential or header is in it.
  returned: always
  type: dict
  contains:
    dest:
      description: The directory, as given in O(dest).
      type: str
    apps:
      description: One item per app exported, by name.
      type: list
      elements: dict
      contains:
        name:
          description: The app's name.
          type: str
        file:
          description: Its C(host_vars) file.
          type: str
          sample: /srv/estate/host_vars/acme-web.yml
        changed:
          description: Whether this run wrote the file (in check mode, would write it).
          type: bool
        variables:
          description: The role's variables written into the file; references (O(secrets=reference)) as written.
          type: dict
          sample: {heroku_app_name: acme-web, heroku_app_region: eu, heroku_app_domains: [{hostname: www.acme.com}]}
        config_keys:
          description: The names of the app's config vars, but those its add-ons set.
          type: list
          elements: str
        addon_config_keys:
          description: The names of the config vars the app's add-ons set.
          type: list
          elements: str
        left_out:
          description: What Heroku holds that the file does not, and why (also in a comment at its top).
          type: list
          elements: str
    inventory:
      description: The inventory plugin's configuration, with O(inventory=true); else V(null).
      type: dict
      contains:
        file:
          description: Its path, C(<dest>/heroku.yml).
          type: str
        changed:
          description: Whether this run wrote it.
          type: bool
    requests:
      description: How many requests were sent to Heroku (all of them reads).
      type: int
'''

from ansible_collections.herokuops.platform.plugins.module_utils._estate_export import HEROKU_ESTATE_EXPORT
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_ESTATE_EXPORT)


if __name__ == "__main__":
    main()
