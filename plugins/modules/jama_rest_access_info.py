#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_rest_access_info
short_description: Report the members of the Jama Connect REST API access group and who of them cannot use the API
version_added: 0.1.0
description:
  - Reads the user group that holds REST API access (O(access_group), by default C(REST API Users)), for audits and
    reports, with its members, each with license and active flag. Writes nothing.
  - Takes O(access_group) exactly as M(jama.connect.jama_rest_access) does, and reads what that module manages.
  - Lists in RV(group.ineffective) the members who cannot use the REST API, and why. Only users with a Named Creator
    license (C(NAMED)) who are active can use it; this is the same rule M(jama.connect.jama_rest_access) reports in its own
    RV(jama.connect.jama_rest_access#module:ineffective).
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.access_group
  - jama.connect.attributes
  - jama.connect.attributes.action_group
  - jama.connect.attributes.read_only
notes:
  - A missing O(access_group) fails, saying how to create it and the one admin UI step that puts it on the REST API list.
  - The module counts the members of O(access_group) only. Whether the group is on the REST API list, and which users or
    groups an admin put on the list directly, only the admin UI shows (Admin > Organization > REST API), as no published
    Jama release serves a read of the list. The members reported as able to use the API can use it once the group is on
    the list.
seealso:
  - module: jama.connect.jama_rest_access
  - module: jama.connect.jama_token
"""

EXAMPLES = r"""
- name: Read who is in the REST API Users group and who of them cannot use the API
  jama.connect.jama_rest_access_info:
    url: https://example.jamacloud.com
    client_id: "{{ jama_admin_client_id }}"
    client_secret: "{{ jama_admin_client_secret }}"
  register: rest_access

- name: Name the members who cannot use the REST API, with the reasons
  ansible.builtin.debug:
    msg: "{{ item.username }}: {{ item.reasons | join('; ') }}"
  loop: "{{ rest_access.group.ineffective }}"

- name: Read another access group, with connection options from module_defaults
  module_defaults:
    group/jama.connect.jama:
      url: https://example.jamacloud.com
      token: "{{ jama_token }}"
  jama.connect.jama_rest_access_info:
    access_group: Integration Accounts
  register: integration_access
"""

RETURN = r"""
group:
  description: The user group that holds REST API access, its members, and those of them who cannot use the API.
  returned: success
  type: dict
  contains:
    id:
      description: The group's id.
      returned: success
      type: int
      sample: 12
    name:
      description: The group's name.
      returned: success
      type: str
      sample: REST API Users
    members:
      description: The group's members, sorted by username.
      returned: success
      type: list
      elements: dict
      contains:
        id:
          description: The user's id.
          returned: success
          type: int
          sample: 7
        username:
          description: The username.
          returned: success
          type: str
          sample: svc-ci
        licenseType:
          description: The user's license, as Jama names it; only C(NAMED) (Named Creator) may use the REST API.
          returned: success
          type: str
          sample: NAMED
        active:
          description: Whether the user is active; inactive users cannot use the REST API.
          returned: success
          type: bool
          sample: true
    ineffective:
      description: The members who cannot use the REST API, with the reasons, sorted by username.
      returned: success
      type: list
      elements: dict
      contains:
        username:
          description: The user.
          returned: success
          type: str
          sample: jdoe
        reasons:
          description: Why the user cannot use the REST API.
          returned: success
          type: list
          elements: str
          sample: ["license FLOATING is not NAMED (Named Creator)", "user is inactive"]
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.access.audit import audit_group
from ansible_collections.jama.connect.plugins.module_utils.access.apply import access_argument_spec, access_option_problems
from ansible_collections.jama.connect.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module


def run(module, client):
    """Read the access group and its members; returns (changed, result, diff) like every module, never changed."""
    problems = access_option_problems(module.params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    return False, {"group": audit_group(client, module.params["access_group"])}, None


def argument_spec():
    return connection_argument_spec(**access_argument_spec())


def build_module():
    return JamaModule(argument_spec=argument_spec(), supports_check_mode=True)


def main():
    module = build_module()
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
