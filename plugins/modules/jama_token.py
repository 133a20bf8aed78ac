#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_token
short_description: Obtain a Jama Connect OAuth bearer token as a fact
version_added: 0.1.0
description:
  - Requests a bearer token from Jama Connect with OAuth client credentials
    (C(POST /rest/oauth/token), HTTP basic O(client_id) and O(client_secret), C(grant_type=client_credentials))
    and registers it as the fact named by O(fact_name), including when it expires.
  - With O(check_access=true) (the default) it also reads C(/rest/v1/users/current) with the new token,
    so a missing REST API access grant or an unsuitable license fails here, not several tasks later.
  - Where the fact already holds a token for the same O(url) and O(client_id) that stays valid for at
    least O(min_validity) seconds, it is returned as it is, without any request.
  - The task result is hidden from the output as if C(no_log) were set, unless O(expose_token=true).
    The fact is registered either way. Error messages are never hidden; they never contain the secret or the token.
  - Read-only for Jama, so it also runs in check mode (later tasks can then plan with a real token); C(changed) is always V(false).
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection.client_credentials
  - ansible.builtin.action_common_attributes
  - ansible.builtin.action_common_attributes.flow
  - ansible.builtin.action_common_attributes.facts
  - jama.connect.attributes.action_group
attributes:
  check_mode:
    support: full
    details:
      - Runs for real in check mode too, because it changes nothing in Jama.
  diff_mode:
    support: none
  platform:
    platforms: all
  idempotent:
    description:
      - When run twice in a row with the same arguments, the second run reports no change.
    support: full
  action:
    support: full
    details:
      - The action plugin decides on the controller whether the existing fact can be reused, and hides the result.
  async:
    support: none
  bypass_host_loop:
    support: none
  facts:
    support: full
options:
  client_id:
    description:
      - OAuth client ID of the Jama API credentials to mint the token with. Required, here or as E(JAMA_CLIENT_ID).
      - This module only mints tokens from client credentials, so it takes no C(token), C(auth_username) or C(auth_password)
        (the other modules do).
  client_secret:
    description:
      - OAuth client secret. Required, here or as E(JAMA_CLIENT_SECRET).
  fact_name:
    description:
      - Name of the fact to register the token under, and to look for an existing token in.
    type: str
    default: jama_token
  check_access:
    description:
      - Read C(/rest/v1/users/current) with the new token and return the user, failing with a clear message
        when Jama's REST API access control or the user's license denies the API.
      - A fact registered without C(user) is not reused when O(check_access=true).
    type: bool
    default: true
  min_validity:
    description:
      - Seconds the token in the existing fact must still be valid for to be reused without a request.
      - V(0) reuses any token that has not expired yet.
    type: int
    default: 60
  expose_token:
    description:
      - Show the task result, token included, in the output. Only for debugging.
    type: bool
    default: false
notes:
  - Reuse compares O(url) and O(client_id) as given in the task (including C(module_defaults)) or, when not given,
    E(JAMA_URL) and E(JAMA_CLIENT_ID) of the controller's environment.
  - Jama issues no refresh token; a new token is a new request. Tokens live about an hour.
seealso:
  - name: Jama Connect REST API
    description: Jama's REST API documentation, including OAuth client credentials.
    link: https://dev.jamasoftware.com/api/
"""

EXAMPLES = r"""
- name: Get a token for the CI service account (the result stays out of the log)
  jama.connect.jama_token:
    url: https://example.jamacloud.com
    client_id: "{{ jama_client_id }}"
    client_secret: "{{ jama_client_secret }}"
  delegate_to: localhost
  run_once: true

- name: Who does the token belong to, and until when?
  ansible.builtin.debug:
    msg: "{{ jama_token.user.username }} until {{ jama_token.expires_at }}"

- name: Use the token in another module
  jama.connect.jama_rest_access:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    users: [svc-ci]

- name: Connection options once for the whole play, secret from the environment (JAMA_CLIENT_SECRET)
  module_defaults:
    group/jama.connect.jama:
      url: https://jama.example.com/contour
      client_id: admin-client
      ca_path: /etc/pki/tls/certs/corp-ca.pem
  block:
    - name: Mint a token, or reuse the fact while it stays valid for 5 more minutes
      jama.connect.jama_token:
        fact_name: jama_admin_token
        min_validity: 300
"""

RETURN = r"""
token:
  description:
    - The token fact, also registered as C(ansible_facts[fact_name]).
    - Hidden from the output unless O(expose_token=true).
  returned: success
  type: dict
  contains:
    access_token:
      description: The bearer token.
      type: str
      sample: eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl
    token_type:
      description: The token type Jama reports (C(Bearer) today, C(bearer) before July 2024).
      type: str
      sample: Bearer
    expires_in:
      description: Lifetime in seconds, as Jama reported it when the token was issued.
      type: int
      sample: 3599
    expires_at:
      description: When the token expires, ISO 8601 UTC (counted from just before the request).
      type: str
      sample: "2026-01-02T04:04:04Z"
    expires_at_epoch:
      description: When the token expires, in seconds since the epoch.
      type: int
      sample: 1767326644
    scope:
      description: The scope Jama granted. Only Jama releases before July 2024 send it.
      returned: when Jama sends it
      type: str
      sample: token_information
    tenant:
      description: The Jama tenant. Only Jama releases before July 2024 send it.
      returned: when Jama sends it
      type: str
      sample: default
    jti:
      description: The token's unique ID. Only Jama releases before July 2024 send it.
      returned: when Jama sends it
      type: str
      sample: 3f1c2b9e-6a7d-4e8f-9b0a-1c2d3e4f5a6b
    url:
      description: The normalised base URL the token is for.
      type: str
      sample: https://example.jamacloud.com
    client_id:
      description: The client ID the token was minted with.
      type: str
      sample: ci-client
    user:
      description: The user behind the client, from C(/rest/v1/users/current).
      returned: when O(check_access=true)
      type: dict
      sample:
        id: 42
        username: svc-ci
        firstName: CI
        lastName: Service
        email: ci@example.com
        licenseType: NAMED
        active: true
        type: users
reused:
  description: Whether the existing fact was returned without any request.
  returned: success
  type: bool
  sample: false
ansible_facts:
  description: The token fact under the name O(fact_name), same content as RV(token).
  returned: success
  type: dict
  sample:
    jama_token:
      access_token: eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl
      expires_at: "2026-01-02T04:04:04Z"
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""

import re
import time


from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_credentials_argument_spec,
    client_from_module,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError, PermissionDenied
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module
from ansible_collections.jama.connect.plugins.module_utils.auth.token import TOKEN_OPTIONS, token_fact

FACT_NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_options(params):
    if not FACT_NAME_PATTERN.match(params["fact_name"]):
        raise ConfigurationError("fact_name must be a valid variable name (letters, digits, underscores)")
    if params["min_validity"] < 0:
        raise ConfigurationError("min_validity must be 0 or more seconds")


def token_user(answer):
    data = answer.get("application_data")
    return data.get("JAMA_CORE") if isinstance(data, dict) else None


def check_access(client, answer):
    """The user behind the new token, or an error saying why Jama denies it the REST API."""
    try:
        return client.current_user()
    except PermissionDenied as exc:
        user = token_user(answer)
        exc.message = "Jama issued a token but denies %s the REST API" % ("user %r" % user if user else "its user")
        exc.hint = ("An organization admin must grant REST API access (Admin > Organization > REST API, "
                    "or jama.connect.jama_rest_access), and the user needs a Named Creator license")
        raise


def run(module, client, clock=time.time):
    """Mint a token (and check access); return (changed, result, diff)."""
    params = module.params
    started = clock()
    answer = client.auth.mint(client)
    fact = token_fact(answer, client.base_url, client.auth.client_id, started)
    if params["check_access"]:
        fact["user"] = check_access(client, answer)
    return False, dict(token=fact, reused=False, ansible_facts={params["fact_name"]: fact}), None


def token_client(module):
    """Only client credentials mint a token here, and the token minted is the one thing this module returns."""
    check_options(module.params)
    return client_from_module(module, auth_modes=("client_credentials",), min_validity=module.params["min_validity"],
                              mask_minted_tokens=False)


def main():
    module = JamaModule(
        argument_spec=client_credentials_argument_spec(**TOKEN_OPTIONS),
        supports_check_mode=True,
    )
    run_module(module, run, token_client)


if __name__ == "__main__":
    main()
