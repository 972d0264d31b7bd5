# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    # The connection options every module of this collection shares.
    DOCUMENTATION = r'''
options:
  api_key:
    description:
      - Heroku API key (an OAuth token, for example from C(heroku authorizations:create)).
      - If not set, the E(HEROKU_API_KEY) environment variable is used, then the password of the
        C(~/.netrc) entry for the API host, which is what C(heroku login) writes.
      - Never shown in output, diffs, error messages or logs.
    type: str
  api_url:
    description:
      - Base URL of the Heroku Platform API.
      - If not set, the E(HEROKU_API_URL) environment variable is used.
      - Point it at the bundled Heroku API simulator (for example V(http://127.0.0.1:5555)) to run
        playbooks without touching Heroku.
    type: str
    default: https://api.heroku.com
  validate_certs:
    description:
      - Verify the API's TLS certificate. Only turn this off for a local test server.
    type: bool
    default: true
  timeout:
    description:
      - Seconds to wait for one HTTP response before treating the request as failed.
    type: int
    default: 30
  max_retries:
    description:
      - How many times a request is sent again after a rate-limit answer (429), a server error
        (5xx) or a connection error.
      - Creations (POST) are only re-sent after a 429, which Heroku answers before doing anything.
      - Waits honour C(Retry-After), else back off exponentially with jitter.
    type: int
    default: 5
  retry_timeout:
    description:
      - Upper bound, in seconds, on the time one request may spend waiting between retries.
    type: int
    default: 60
notes:
  - "The modules talk to Heroku over HTTPS from the Ansible controller. Run them with
    C(delegate_to: localhost) or on a host with C(connection: local)."
  - "Set the connection options once for every module with the C(group/herokuops.platform.heroku)
    action group in C(module_defaults)."
requirements:
  - python >= 3.11
  - requests
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
