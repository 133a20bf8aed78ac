#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_user_info
short_description: List Jama Connect users
version_added: 0.1.0
description:
  - Returns the users of the instance that match every filter given, in the order Jama lists them, reading every page.
  - Filters are sent to Jama and the answers checked again here, so a filter matches exactly however loosely an
    instance's own filter matches.
  - Reads only; public v1 endpoints only.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.attributes
  - jama.connect.attributes.action_group
  - jama.connect.attributes.read_only
options:
  username:
    description:
      - Return only the user with exactly this username.
    type: str
  email:
    description:
      - Return only users with this email address, compared without regard to case.
    type: str
  license_type:
    description:
      - Return only users with this license. Only V(NAMED) (Named Creator) users can use the REST API.
    type: str
    choices: [NAMED, FLOATING, STAKEHOLDER, FLOATING_COLLABORATOR, RESERVED_COLLABORATOR, FLOATING_REVIEWER, RESERVED_REVIEWER,
              NAMED_REVIEWER, TEST_RUNNER, EXPIRING_TRIAL, INACTIVE]
  include_inactive:
    description:
      - Also return deactivated users. Jama lists active users only unless asked.
    type: bool
    default: false
seealso:
  - module: jama.connect.jama_user
"""

EXAMPLES = r"""
- name: Read one user, deactivated or not
  jama.connect.jama_user_info:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    username: svc-ci
    include_inactive: true
  register: svc_ci

- name: Fail when the service account is missing or deactivated
  ansible.builtin.assert:
    that:
      - svc_ci.users | length == 1
      - svc_ci.users[0].active
    fail_msg: svc-ci is missing or deactivated (jama.connect.jama_user creates and reactivates it)

- name: List the users who could use the REST API (Named Creator license, active)
  jama.connect.jama_user_info:
    url: https://example.jamacloud.com
    client_id: "{{ jama_client_id }}"
    client_secret: "{{ jama_client_secret }}"
    license_type: NAMED
  register: named_users
"""

RETURN = r"""
users:
  description: The users found, in Jama's order and Jama's field names; empty when none matches.
  returned: always
  type: list
  elements: dict
  sample: [{"id": 2, "username": "svc-ci", "firstName": "CI", "lastName": "Service Account", "email": "ci-bot@example.com",
            "phone": "", "title": "Continuous integration", "location": "", "licenseType": "NAMED", "avatarUrl": "",
            "active": true, "type": "users"}]
  contains:
    id:
      description: The user's id.
      returned: always
      type: int
    username:
      description: The username.
      returned: always
      type: str
    firstName:
      description: First name.
      returned: always
      type: str
    lastName:
      description: Last name.
      returned: always
      type: str
    email:
      description: Email address.
      returned: always
      type: str
    phone:
      description: Phone number.
      returned: always
      type: str
    title:
      description: Job title.
      returned: always
      type: str
    location:
      description: Location.
      returned: always
      type: str
    licenseType:
      description: The license; only C(NAMED) can use the REST API.
      returned: always
      type: str
    avatarUrl:
      description: Address of the user's picture.
      returned: always
      type: str
    active:
      description: Whether the user is active; false for a deactivated user.
      returned: always
      type: bool
    type:
      description: Always C(users).
      returned: always
      type: str
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module
from ansible_collections.jama.connect.plugins.module_utils.jama.users import LICENSE_TYPES, list_users


def run(module, client):
    """Read the users matching the filters; returns (changed, result, diff)."""
    params = module.params
    users = list_users(client, username=params["username"], email=params["email"], license_type=params["license_type"],
                       include_inactive=params["include_inactive"])
    return False, dict(users=users), None


def main():
    module = JamaModule(
        argument_spec=connection_argument_spec(
            username=dict(type="str"),
            email=dict(type="str"),
            license_type=dict(type="str", choices=list(LICENSE_TYPES)),
            include_inactive=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
