# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment:

    # The connection options every module of this collection shares.
    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - Heroku API key (an OAuth token, for example from C(heroku authorizations:create)).
      - If not set, the E(HEROKU_API_KEY) environment variable is used, then the password of the
        C(~/.netrc) entry for the API host, which is what C(heroku login) writes. The first of the
        three that is set is the key sent; a C(default) entry of C(~/.netrc) is never used.
      - Surrounding whitespace (the newline of a key read from a file) is removed; a key with
        whitespace, control or non-ASCII characters inside is refused without being shown.
      - A C(~/.netrc) that other users can read is used with a warning.
      - Never shown in output, diffs, error messages or logs.
    type: str
  api_url:
    description:
      - Base URL of the Heroku Platform API.
      - If not set, the E(HEROKU_API_URL) environment variable is used.
      - Point it at the bundled Heroku API simulator (for example V(http://127.0.0.1:5555)) to run
        playbooks without touching Heroku.
      - A plain C(http://) URL toward any host but this machine's loopback is used with a warning, as
        the key would travel unencrypted. Redirects are never followed.
    type: str
    default: https://api.heroku.com
  validate_certs:
    description:
      - Verify the API's TLS certificate. Only turn this off for a local test server; toward any
        other host it is used with a warning.
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
      - Creations (POST) are only re-sent after a 429, which Heroku answers before doing anything.
      - Waits back off exponentially with jitter.
      - Rate-limit answers (429) are retried until O(retry_timeout) is spent, whatever this says,
        waiting at least C(Retry-After) plus jitter, so that forks refused together do not retry together.
    type: int
    default: 5
  retry_timeout:
    description:
      - Upper bound, in seconds, on the time one request may spend waiting between retries; 0 to 86400.
    type: int
    default: 60
notes:
  - "The modules talk to Heroku over HTTPS from the Ansible controller. Run them with
    C(delegate_to: localhost) or on a host with C(connection: local)."
  - "On the controller the module runs inside Ansible's worker process (an action plugin of the same name), a
    tenth of the cost of a module run, with the same options, results and errors. It runs as a module with
    C(async), C(become), a C(delegate_to) another host, or when the variable C(herokuops_platform_in_process)
    (or the environment variable E(HEROKUOPS_PLATFORM_IN_PROCESS)) is false."
  - "Only Python's standard library is needed. Certificates are checked against the system's trust store, or the
    CA bundle that E(REQUESTS_CA_BUNDLE), E(CURL_CA_BUNDLE) or E(SSL_CERT_FILE) names (a file, or a directory of
    hashed certificates such as E(SSL_CERT_DIR) names), first set wins. Requests go through the http:// proxy that
    E(HTTPS_PROXY) (E(HTTP_PROXY) for an http:// O(api_url)) or E(ALL_PROXY) names, with its user and password if
    given, unless E(NO_PROXY) covers the API host. A task's C(environment:) sets them for that task."
  - "Set the connection options once for every module with the C(group/herokuops.platform.heroku)
    action group in C(module_defaults)."
  - "When the account's rate-limit budget runs low (C(RateLimit-Remaining) below 100 of Heroku's 4,500),
    each request waits up to one refill interval (0.8 s) first, so that parallel forks slow down before
    Heroku refuses them."
  - "A task that fails after a write may have taken effect (the answer was lost, or a wait timed out
    after the create) reports C(changed=true)."
  - "Pass the key with O(api_key) (for example through C(module_defaults)) or the controller's
    environment, not with a task's C(environment:) keyword: Ansible prints a module's environment at C(-vvv)."
  - "Ansible echoes the arguments of a task it refuses, a misspelled option among them, at C(-vvv). This
    collection masks the values of options it does not know, but a task whose secret values must never
    be shown, whatever the mistake, can add C(no_log: true): Ansible then hides its arguments and its result."
requirements:
  - python >= 3.11
'''

    # Options of modules that manage asynchronous resources.
    WAIT = r'''
options:
  wait:
    description:
      - Wait until the resource is ready before returning.
      - Never waits in check mode.
      - Polling backs off exponentially, from 1 second up to 30 seconds between reads, until O(wait_timeout).
    type: bool
    default: true
'''

    # Options of modules that read many apps (heroku_client.concurrently).
    CONCURRENCY = r'''
options:
  concurrency:
    description:
      - How many reads are under way at once, each on a connection of its own, from 1 to 32; the apps' reads go that
        many apps at a time. V(1) sends them one after another.
      - Changes how long a run takes, never which requests are sent nor how many.
    type: int
    default: 8
'''

    # The attributes every resource module shares.
    ATTRIBUTES = r'''
attributes:
  check_mode:
    description: Can run in check mode and return the changed status prediction without modifying Heroku; no write request is sent.
    support: full
  diff_mode:
    description: Will return details on what has changed (or would change in check mode) when in diff mode.
    support: full
'''

    # The attributes every _info module shares.
    INFO_ATTRIBUTES = r'''
attributes:
  check_mode:
    description: Only reads, so it runs unchanged in check mode.
    support: full
  diff_mode:
    description: Never changes anything, so there is no diff.
    support: N/A
'''
