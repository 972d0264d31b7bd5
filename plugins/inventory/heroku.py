# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
name: heroku
short_description: Heroku apps as inventory hosts
version_added: 0.1.0
description:
  - Makes every Heroku app the account can see (or every app of the teams in O(teams)) a host named
    after the app, with C(ansible_connection=local) and the app's attributes as host variables
    prefixed C(heroku_).
  - The host variables hold the same keys as the items that M(herokuops.platform.heroku_app_info) returns
    (C(heroku_id), C(heroku_name), C(heroku_region), C(heroku_stack), C(heroku_team), C(heroku_space),
    C(heroku_web_url), C(heroku_maintenance), ...), plus C(heroku_pipeline), C(heroku_pipeline_id) and
    C(heroku_pipeline_stage) (V(null) for an app in no pipeline).
  - "Hosts are put in groups by team (C(team_<team>)), pipeline (C(pipeline_<pipeline>)), pipeline and stage
    (C(pipeline_<pipeline>_<stage>)), Private Space (C(space_<space>)), region (C(region_<region>)) and stack
    (C(stack_<stack>)). Characters that are not valid in a group name become C(_), so stack C(heroku-24) gives
    group C(stack_heroku_24)."
  - "Reads Heroku with paginated lists, never a request per app: the apps (C(GET /apps), or C(GET /teams/{team}/apps)
    for each of O(teams)), every pipeline coupling of the account (C(GET /pipeline-couplings)) and every pipeline
    (C(GET /pipelines)). Each list costs one request per 1,000 items: 1,500 apps with up to 1,000 of them in
    pipelines cost 2 + 1 + 1 = 4 requests of the account's 4,500-request rate-limit budget."
  - "Compliance groups, each asked for in O(compliance_groups), put the apps that need attention in groups to
    select with C(-l): C(compliance_no_acm), C(compliance_stack_deprecated), C(compliance_stack_end_of_life),
    C(compliance_no_log_drain), C(compliance_maintenance), C(compliance_no_collaborators),
    C(compliance_legacy_dyno_size), and C(generation_cedar) and C(generation_fir). Left empty, O(compliance_groups) adds no request and no host
    variable."
  - Uses a YAML configuration file whose name ends with C(heroku.yml) or C(heroku.yaml).
author:
  - herokuops.platform contributors (@herokuops)
requirements:
  - python >= 3.11
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as a source for this plugin.
    required: true
    type: str
    choices: [herokuops.platform.heroku]
  api_key:
    description:
      - Heroku API key (an OAuth token, for example from C(heroku authorizations:create)).
      - If not set, the E(HEROKU_API_KEY) environment variable is used, then the password of the
        C(~/.netrc) entry for the API host, which is what C(heroku login) writes. The first of the
        three that is set is the key sent; a C(default) entry of C(~/.netrc) is never used.
      - Surrounding whitespace is removed; a key with whitespace, control or non-ASCII characters inside
        is refused without being shown. A C(~/.netrc) that other users can read is used with a warning.
      - Never shown in output, error messages or the inventory cache.
    type: str
    env:
      - name: HEROKU_API_KEY
  api_url:
    description:
      - Base URL of the Heroku Platform API.
      - Point it at the bundled Heroku API simulator (for example V(http://127.0.0.1:5555)) to try an
        inventory without touching Heroku.
      - A plain C(http://) URL toward any host but this machine's loopback is used with a warning.
    type: str
    default: https://api.heroku.com
    env:
      - name: HEROKU_API_URL
  validate_certs:
    description:
      - Verify the API's TLS certificate. Only turn this off for a local test server; toward any other
        host it is used with a warning.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for one HTTP response before treating the request as failed; 1 to 3600.
    type: int
    default: 30
  max_retries:
    description:
      - How many times a request is sent again after a server error (5xx) or a connection error; 0 to 100.
      - Rate-limit answers (429) are retried until O(retry_timeout) is spent, waiting at least
        C(Retry-After) plus jitter.
    type: int
    default: 5
  retry_timeout:
    description:
      - Upper bound, in seconds, on the time one request may spend waiting between retries; 0 to 86400.
    type: int
    default: 60
  concurrency:
    description:
      - How many requests the inventory has under way at once, each on a connection of its own, from 1 to 32 (its
        lists, and the reads of each app that O(compliance_groups) need). V(1) sends them one after another.
      - Changes how long reading takes, never which requests are sent nor how many.
    type: int
    default: 8
    version_added: 0.5.0
  teams:
    description:
      - Only the apps of these teams, read with one paginated C(GET /teams/{team}/apps) per team.
      - If not set, every app the account can see (C(GET /apps)), personal apps included.
    type: list
    elements: str
  name_pattern:
    description:
      - Only the apps whose name matches this Python regular expression (C(re.search), so anchor it
        with C(^) and C($) to match the whole name).
      - Applied after the apps are read (and after the cache), so it never changes the requests sent.
    type: str
  pipelines:
    description:
      - Read pipeline couplings and pipelines (two paginated lists) to fill C(heroku_pipeline),
        C(heroku_pipeline_stage) and the pipeline groups.
      - Turn off to save those requests where no pipeline is used.
    type: bool
    default: true
  compliance_groups:
    description:
      - The compliance groups to make; V(all) makes every one. Each costs only the reads it needs, and only
        when asked for; its facts are host variables as well, for O(compose), O(groups) and O(keyed_groups).
      - V(no_acm) makes C(compliance_no_acm), the apps without Automated Certificate Management
        (C(heroku_acm) is false). No request more, except with O(teams) (see below).
      - V(stack_deprecated) makes C(compliance_stack_deprecated), the apps whose stack Heroku's stack list
        (C(GET /stacks), one list for the whole inventory) says is C(deprecated), which it is once Heroku has
        announced the stack's end of life. Heroku's API gives a stack's state (beta, public or
        deprecated) but no end-of-life date, so there is no number of days to choose. Host variable
        C(heroku_stack_state).
      - "V(stack_end_of_life) makes C(compliance_stack_end_of_life), the apps whose stack reaches its end of life
        within O(compliance_stack_end_of_life_days) days, or has reached it: a migration is a C(-l) away. The date
        is O(compliance_stack_end_of_life)'s for the stack, else, for a stack C(heroku-NN), April 30 of year
        NN+5, as Heroku's stack update policy retires a stack with its Ubuntu LTS release's five years of standard
        support (C(heroku-20) on 2025-04-30, C(heroku-22) on 2027-04-30). No request more. Host variable
        C(heroku_stack_end_of_life), the date, or V(null) for a stack of unknown end of life (in no group)."
      - "V(no_log_drain) makes C(compliance_no_log_drain), the apps whose logs no drain carries: a Cedar app
        without a log drain (C(GET /apps/{app}/log-drains)); a Fir app without a telemetry drain of the
        C(logs) signal, its own (C(GET /apps/{app}/telemetry-drains)) or its space's
        (C(GET /spaces/{space}/telemetry-drains), once a space). One request an app. A Cedar Private Space's
        own log drain is not seen (Heroku's API has no read of it). Host variable C(heroku_log_drain_count)."
      - V(maintenance) makes C(compliance_maintenance), the apps in maintenance mode (C(heroku_maintenance)).
        No request more.
      - V(no_collaborators) makes C(compliance_no_collaborators), the apps with no collaborator but their
        owner (C(GET /apps/{app}/collaborators), one request an app). Host variable C(heroku_collaborators),
        the collaborators' emails without the owner's.
      - V(legacy_dyno_size) makes C(compliance_legacy_dyno_size), the apps whose formation has a process type
        on a size of O(compliance_legacy_dyno_sizes), scaled to 0 or not. A free app that was not upgraded when
        Heroku ended its free tier was scaled to 0 and still names C(Free), and scaling it up fails until its
        size changes (C(GET /apps/{app}/formation), one request an app). Host variable C(heroku_formation),
        each process type's C(size) and C(quantity).
      - V(generation) makes C(generation_cedar) and C(generation_fir) from C(heroku_generation). No request
        more, except with O(teams) (see below).
      - With O(teams), the team app lists hold neither ACM nor generation, so V(no_acm) and V(generation) then
        read the account's app list (C(GET /apps), one list), and an app of the teams that it does not hold,
        one by one (C(GET /apps/{app})).
      - An app deleted while the inventory is read has unknown facts (V(null)) and is in none of the groups
        they make.
    type: list
    elements: str
    choices: [no_acm, stack_deprecated, stack_end_of_life, no_log_drain, maintenance, no_collaborators, legacy_dyno_size,
              generation, all]
    default: []
    version_added: 0.5.0
  compliance_legacy_dyno_sizes:
    description:
      - The dyno sizes that put an app in C(compliance_legacy_dyno_size), compared case-insensitively.
      - The default, the sizes Heroku retired in November 2022 (Eco and Basic replaced them). Heroku's 2025
        dyno sizes mark none of theirs as retired.
      - Used only when O(compliance_groups) asks for V(legacy_dyno_size).
    type: list
    elements: str
    default: [free, hobby]
    version_added: 0.5.0
  compliance_stack_end_of_life_days:
    description:
      - How near a stack's end of life puts its apps in C(compliance_stack_end_of_life), in days from today;
        V(0) groups only the apps whose stack is past it.
      - Used only when O(compliance_groups) asks for V(stack_end_of_life).
    type: int
    default: 180
    version_added: 0.5.0
  compliance_stack_end_of_life:
    description:
      - End-of-life dates by stack name (C(YYYY-MM-DD)), as Heroku's Stacks page announces them, where they differ
        from the policy's April 30 of year NN+5, or for a stack not named C(heroku-NN).
      - Used only when O(compliance_groups) asks for V(stack_end_of_life).
    type: dict
    default: {}
    version_added: 0.5.0
notes:
  - "The hosts use C(ansible_connection=local): the collection's modules run on the controller and take the
    app's name from C(inventory_hostname). Where they run as modules they need Python 3.11 or newer;
    set C(ansible_python_interpreter: '{{ ansible_playbook_python }}') in the play, or in C(group_vars/all),
    to use the controller's own."
  - With the inventory cache on (O(cache=true) and a persistent O(cache_plugin) such as C(ansible.builtin.jsonfile)),
    a run within O(cache_timeout) sends no request at all. The cache holds the host variables, never the API key.
    It holds the compliance facts read with it; a cache made without a group that O(compliance_groups) now asks
    for is read again from Heroku.
  - "O(compliance_groups) with V(no_log_drain), V(no_collaborators) or V(legacy_dyno_size) costs a request an app
    for each: 1,500 apps and all three are 4,500 requests, the account's whole rate-limit budget (the plugin waits
    when Heroku says to). Use the inventory cache."
seealso:
  - module: herokuops.platform.heroku_app_info
  - module: herokuops.platform.heroku_pipeline_info
'''

EXAMPLES = r'''
# acme.heroku.yml: every app the account can see; key from HEROKU_API_KEY or ~/.netrc.
plugin: herokuops.platform.heroku

---
# shop.heroku.yml: the apps of two teams whose names start with shop-, cached for an hour,
# with extra groups and variables built from the host variables.
plugin: herokuops.platform.heroku
teams:
  - acme
  - acme-staging
name_pattern: '^shop-'
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-heroku-inventory
cache_timeout: 3600
compose:
  app_url: heroku_web_url
  is_production: heroku_pipeline_stage == 'production'
groups:
  in_maintenance: heroku_maintenance
keyed_groups:
  - key: heroku_owner
    prefix: owner
  - key: heroku_build_stack
    prefix: build

---
# compliance.heroku.yml: apps to fix, a -l away: ansible-playbook -i compliance.heroku.yml -l compliance_no_acm acm.yml
plugin: herokuops.platform.heroku
compliance_groups:
  - no_acm
  - stack_deprecated
  - no_log_drain
  - generation
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ansible-heroku-inventory
cache_timeout: 3600

# A playbook against it, five apps at a time:
# - hosts: pipeline_shop_production
#   gather_facts: false
#   vars:
#     ansible_python_interpreter: '{{ ansible_playbook_python }}'
#   tasks:
#     - name: Same log level in every production app
#       herokuops.platform.heroku_config:
#         app: '{{ inventory_hostname }}'
#         config:
#           LOG_LEVEL: info
'''

import re

from ansible.errors import AnsibleError
from ansible.inventory.group import to_safe_group_name
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import CONCURRENCY_RANGE, HerokuError, concurrently, connect
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import scrub, secret_parts
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_validate import check_names, check_range
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_paths import path
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_values import dig, shape
from ansible_collections.herokuops.platform.plugins.module_utils import _app, heroku_compliance
from ansible_collections.herokuops.platform.plugins.plugin_utils.heroku_action import load_in_main_process

PREFIX = "heroku_"
# The default groups: (group prefix, host variable); empty values make no group.
DEFAULT_GROUPS = (("team", "team"), ("space", "space"), ("region", "region"), ("stack", "stack"))


def app_hostvars(app, pipeline=None, pipeline_id=None, stage=None):
    """One app's host variables: the heroku_app_info shape, prefixed, plus its pipeline."""
    hostvars = dict((PREFIX + key, value) for key, value in shape(_app.RETURNED, app).items())
    hostvars[PREFIX + "pipeline"] = pipeline
    hostvars[PREFIX + "pipeline_id"] = pipeline_id
    hostvars[PREFIX + "pipeline_stage"] = stage
    return hostvars


def estate_hosts(client, teams=None, pipelines=True, concurrency=1):
    """``[{"name", "vars"}]`` of every app, from a fixed number of paginated lists, up to ``concurrency`` at once.

    Per-app look-ups (``/apps/{app}/pipeline-couplings``) would cost one request per
    app, which a 1,500-app estate cannot afford against a 4,500-request budget.
    """
    if teams:
        reads = [lambda own, team=team: own.list(path("team-app.list_by_team", team=team)) for team in teams]
    else:
        reads = [lambda own: own.list(path("app.list"))]
    if pipelines:
        # Couplings name their pipeline by id only; the names come from one list.
        reads += [lambda own: own.list(path("pipeline-coupling.list")), lambda own: own.list(path("pipeline.list"))]
    lists = concurrently(client, reads, concurrency)
    apps = [app for app_list in lists[:len(teams or ()) or 1] for app in app_list]
    coupling_by_app = {}
    pipeline_names = {}
    if pipelines:
        couplings, pipeline_list = lists[-2:]
        for coupling in couplings:
            app_id = dig(coupling, ("app", "id"))
            if app_id:
                coupling_by_app[app_id] = (dig(coupling, ("pipeline", "id")), coupling.get("stage"))
        pipeline_names = dict((p["id"], p.get("name")) for p in pipeline_list)
    hosts = []
    for app in apps:
        pipeline_id, stage = coupling_by_app.get(app.get("id"), (None, None))
        hosts.append(dict(name=app["name"], vars=app_hostvars(
            app, pipeline=pipeline_names.get(pipeline_id), pipeline_id=pipeline_id, stage=stage)))
    return hosts


def default_groups(hostvars):
    """The names (before sanitising) of the groups an app belongs to by default."""
    groups = []
    for prefix, key in DEFAULT_GROUPS:
        if hostvars.get(PREFIX + key):
            groups.append("%s_%s" % (prefix, hostvars[PREFIX + key]))
    pipeline = hostvars.get(PREFIX + "pipeline")
    if pipeline:
        groups.append("pipeline_%s" % pipeline)
        if hostvars.get(PREFIX + "pipeline_stage"):
            groups.append("pipeline_%s_%s" % (pipeline, hostvars[PREFIX + "pipeline_stage"]))
    return groups


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "herokuops.platform.heroku"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("heroku.yml", "heroku.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        # Here in ansible-playbook's main process: the worker it forks for each host's task inherits them loaded.
        load_in_main_process()
        self._read_config_data(path)
        # Checked before any request, so a typo costs nothing.
        pattern = self.get_option("name_pattern")
        try:
            name_re = re.compile(pattern) if pattern else None
        except re.error as exc:
            raise AnsibleError("name_pattern %r is not a valid regular expression: %s" % (pattern, exc))

        # Checked before any request; compliance_groups' own values are checked by Ansible (choices).
        self._compliance = heroku_compliance.wanted_groups(self.get_option("compliance_groups"))
        self._legacy_sizes = self.get_option("compliance_legacy_dyno_sizes")
        self._end_of_life_dates = self._end_of_life_horizon = None
        try:
            check_range("concurrency", self.get_option("concurrency"), *CONCURRENCY_RANGE)
            if "legacy_dyno_size" in self._compliance:
                heroku_compliance.check_legacy_sizes("compliance_legacy_dyno_sizes", self._legacy_sizes)
            if "stack_end_of_life" in self._compliance:
                days = self.get_option("compliance_stack_end_of_life_days")
                self._end_of_life_dates = heroku_compliance.check_end_of_life(
                    "compliance_stack_end_of_life", self.get_option("compliance_stack_end_of_life"),
                    "compliance_stack_end_of_life_days", days)
                self._end_of_life_horizon = heroku_compliance.end_of_life_horizon(days)
        except HerokuError as exc:
            raise AnsibleError("herokuops.platform.heroku inventory: %s" % exc)

        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        hosts = None
        if use_cache:
            try:
                hosts = self._cache[cache_key]
            except KeyError:
                update_cache = True
            # A cache made without facts a compliance group now needs would put no app in that group.
            if hosts is not None and not heroku_compliance.covers(hosts, self._compliance):
                hosts, update_cache = None, True
        if hosts is None:
            hosts = self._fetch()
        if update_cache:
            self._cache[cache_key] = hosts

        for host in hosts:
            if name_re is None or name_re.search(host["name"]):
                self._add_app(host["name"], host["vars"])

    def _option(self, name):
        value = self.get_option(name)
        # Lets api_key and api_url come from a lookup, e.g. a vault or the environment.
        if isinstance(value, str) and self.templar.is_template(value):
            value = self.templar.template(value)
        return value

    def _fetch(self):
        client = None
        try:
            check_names("teams", self.get_option("teams"), "team")
            client = connect(
                self._option("api_key"), api_url=self._option("api_url"),
                timeout=self.get_option("timeout"), validate_certs=self.get_option("validate_certs"),
                max_retries=self.get_option("max_retries"), retry_timeout=self.get_option("retry_timeout"),
                warn=self.display.warning)
            concurrency = self.get_option("concurrency")
            hosts = estate_hosts(client, teams=self.get_option("teams"), pipelines=self.get_option("pipelines"),
                                 concurrency=concurrency)
            heroku_compliance.read_facts(client, hosts, self._compliance, teams=bool(self.get_option("teams")),
                                         concurrency=concurrency)
        except HerokuError as exc:
            # Heroku's own message may quote what it was sent: the key, whole or in part, never leaves.
            secrets = secret_parts([self._option("api_key")] + list(client.secrets() if client else []))
            # From None: a traceback (-vvvv before ansible-core 2.19) would show Heroku's unscrubbed text as its context.
            raise AnsibleError(scrub("herokuops.platform.heroku inventory: %s" % exc, secrets)) from None
        self.display.vvv("herokuops.platform.heroku inventory: %d apps read with %d requests"
                         % (len(hosts), client.request_count))
        return hosts

    def _add_app(self, name, hostvars):
        # Heroku's data is never a template: an attribute holding "{{ ... }}" stays text, in host
        # variables and in compose/groups expressions alike (ansible-core 2.19 treats inventory data
        # so by itself; older releases need the unsafe mark).
        if self._end_of_life_dates is not None:
            # Computed each run, never cached: the date follows the options, and the horizon today.
            hostvars = dict(hostvars, **{heroku_compliance.STACK_END_OF_LIFE: heroku_compliance.stack_end_of_life(
                hostvars.get("heroku_stack"), self._end_of_life_dates)})
        hostvars = wrap_var(hostvars)
        self.inventory.add_host(name)
        self.inventory.set_variable(name, "ansible_connection", "local")
        for key, value in hostvars.items():
            self.inventory.set_variable(name, key, value)
        for group in default_groups(hostvars) + heroku_compliance.groups_of(
                hostvars, self._compliance, self._legacy_sizes, self._end_of_life_horizon):
            group = self.inventory.add_group(to_safe_group_name(group, force=True, silent=True))
            self.inventory.add_child(group, name)

        strict = self.get_option("strict")
        # Compose sees every variable of the host so far: ansible_connection as well as heroku_*.
        self._set_composite_vars(self.get_option("compose"), self.inventory.get_host(name).get_vars(), name, strict=strict)
        self._add_host_to_composed_groups(self.get_option("groups"), hostvars, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, name, strict=strict)
