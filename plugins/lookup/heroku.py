# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
name: heroku
short_description: Read from Heroku's Platform API in templates
version_added: 0.2.0
description:
  - Reads what a path of Heroku's Platform API answers, for templates and conditions.
  - Only reads, checked against Heroku's schema before any request; a path that is not a read of the schema
    fails naming it. Path parameters are URL-quoted, one segment each.
  - A list is read to its last page (Heroku's C(Next-Range)), or to O(limit) items; each item is one element of
    the result, so C(lookup) gives the item itself when there is one, and C(query) always a list.
  - Authentication, retries and errors are those of the collection's modules.
author:
  - herokuops.platform contributors (@herokuops)
options:
  _terms:
    description:
      - API paths, with the values written in (V(/apps/shop-web/releases)) or as Heroku's template with
        O(path_params) (V(/apps/{app}/releases)).
    required: true
    type: list
    elements: str
  path_params:
    description: Values of the paths' parameters, by name.
    type: dict
    default: {}
  limit:
    description: Read no more than this many items of a list; 1 or more. Without it, every item.
    type: int
  sort_by:
    description: The field a list is paged by (Heroku's C(Range)), for example V(version) for releases.
    type: str
  order:
    description: The order of a list.
    type: str
    choices: [asc, desc]
    default: asc
  api_key:
    description:
      - Heroku API key. If not set, E(HEROKU_API_KEY), then the C(~/.netrc) entry for the API host.
      - Never shown in output or error messages.
    type: str
    env:
      - name: HEROKU_API_KEY
  api_url:
    description: Base URL of the Heroku Platform API.
    type: str
    default: https://api.heroku.com
    env:
      - name: HEROKU_API_URL
  validate_certs:
    description: Verify the API's TLS certificate.
    type: bool
    default: true
  timeout:
    description: Seconds to wait for one HTTP response; 1 to 3600.
    type: int
    default: 30
  max_retries:
    description: Retries after a server error or a connection error; 0 to 100. Rate-limit answers are retried until O(retry_timeout).
    type: int
    default: 5
  retry_timeout:
    description: Seconds one request may spend retrying; 0 to 86400.
    type: int
    default: 60
  query:
    description:
      - Query parameters of the paths, by name, for a read whose schema names them (Heroku's usage reports take
        C(start), which they require, and C(end)), checked as M(herokuops.platform.heroku_request) checks its
        O(herokuops.platform.heroku_request#module:query); refused with any other path.
    type: dict
seealso:
  - module: herokuops.platform.heroku_request
'''

EXAMPLES = r'''
- name: Promote only when staging's latest release succeeded
  herokuops.platform.heroku_pipeline_promotion:
    pipeline: shop
    source: shop-staging
  when: >-
    lookup('herokuops.platform.heroku', '/apps/shop-staging/releases',
           sort_by='version', order='desc', limit=1).status == 'succeeded'

- name: The names of every app of the acme team
  ansible.builtin.debug:
    msg: "{{ query('herokuops.platform.heroku', '/teams/{team}/apps', path_params={'team': 'acme'}) | map(attribute='name') }}"

- name: The dyno units the acme team used each day of September 2025
  ansible.builtin.debug:
    msg: "{{ query('herokuops.platform.heroku', '/teams/acme/usage/daily', query={'start': '2025-09-01', 'end': '2025-09-30'})
             | map(attribute='dynos') }}"
'''

RETURN = r'''
_raw:
  description: Heroku's answer to each path; the items of a list, one element each.
  type: list
  elements: raw
'''

from ansible.errors import AnsibleError
from ansible.plugins.lookup import LookupBase

from ansible_collections.herokuops.platform.plugins.module_utils._request import REQUEST, read_list_or_item, resolve
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_client import HerokuError, connect
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_runner import check_input
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_secrets import scrub, secret_parts


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        options = dict((name, self.get_option(name)) for name in ("path_params", "limit", "sort_by", "order", "query"))
        results = []
        client = None
        try:
            calls = []
            for term in terms:
                # The checks heroku_request makes, before any request: a bad limit or name fails naming it.
                params = dict(options, path=term, method="GET")
                check_input(REQUEST, params)
                calls.append(resolve(params))
            client = connect(self.get_option("api_key"), api_url=self.get_option("api_url"),
                             validate_certs=self.get_option("validate_certs"), timeout=self.get_option("timeout"),
                             max_retries=self.get_option("max_retries"), retry_timeout=self.get_option("retry_timeout"),
                             warn=self._display.warning)
            for call in calls:
                answer = read_list_or_item(client, call, options)
                results.extend(answer if call.lists else [answer])
        except HerokuError as exc:
            # Heroku's own message may quote what it was sent: the key, whole or in part, never leaves.
            secrets = secret_parts([self.get_option("api_key")] + list(client.secrets() if client else []))
            # From None: a traceback (-vvvv before ansible-core 2.19) would show Heroku's unscrubbed text as its context.
            raise AnsibleError(scrub("herokuops.platform.heroku lookup: %s" % exc, secrets)) from None
        return results
