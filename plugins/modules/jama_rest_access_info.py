#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_rest_access_info
short_description: Report who holds Jama Connect REST API access and who of them cannot use it
version_added: 0.1.0
description:
  - Reads how REST API access is set up, as far as the API shows it, for audits and reports. Writes nothing.
  - Takes O(method) and O(access_group) exactly as M(jama.connect.jama_rest_access) does, and reads what that module manages.
  - With O(method=group), the default and what every published Jama Connect release serves, it returns the user group that
    holds REST API access (O(access_group), by default C(REST API Users)) with its members, each with licence and active flag.
  - With O(method=access_list) it returns the organization's REST API access list itself, users and groups, and the members
    of the listed groups, through access-list endpoints that this collection defines. B(No published Jama Connect release
    serves them); the bundled simulator does when asked to. Where the instance lacks them the module fails, pointing to
    O(method=group).
  - Either way it lists, in RV(group.ineffective) or RV(access_list.ineffective), the users holding access who cannot use
    the REST API, and why. Only users with a Named Creator licence (C(NAMED)) who are active can use it; this is the same rule
    M(jama.connect.jama_rest_access) reports in its own RV(jama.connect.jama_rest_access#module:ineffective).
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.access_method
  - jama.connect.attributes
  - jama.connect.attributes.action_group
  - jama.connect.attributes.read_only
options:
  access_group:
    description:
      - Name or id of the user group that holds REST API access, read with O(method=group).
      - A missing group fails, saying how to create it and the one admin UI step that puts it on the REST API list.
      - Ignored with O(method=access_list).
    type: str
    default: REST API Users
notes:
  - With O(method=group) the module cannot see the access list itself. Whether O(access_group) is on it, which other users
    and groups are, and whether access control is on, only the admin UI shows (Admin > Organization > REST API).
    The members reported as able to use the API can use it once the group is on the list.
  - With O(method=access_list) the calling user must be an organization admin.
  - A user's access may come both from the list and from one or more listed groups; RV(access_list.ineffective) says which.
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

- name: Where an instance serves the access-list endpoints (no published Jama release does), read the list itself
  jama.connect.jama_rest_access_info:
    url: https://jama-sim.example.test
    token: "{{ jama_token }}"
    method: access_list
  register: access_list
"""

RETURN = r"""
method:
  description: The method read, as given in O(method).
  returned: always
  type: str
  sample: group
group:
  description: The user group that holds REST API access, its members, and those of them who cannot use the API.
  returned: when O(method=group)
  type: dict
  contains:
    id: &group_id
      description: The group's id.
      returned: success
      type: int
      sample: 12
    name: &group_name
      description: The group's name.
      returned: success
      type: str
      sample: REST API Users
    members: &group_members
      description: The group's members, sorted by username.
      returned: success
      type: list
      elements: dict
      contains: &user
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
          description: The user's licence, as Jama names it; only C(NAMED) (Named Creator) may use the REST API.
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
access_list:
  description: The organization's REST API access list, the members of its groups, and the holders who cannot use the API.
  returned: when O(method=access_list)
  type: dict
  contains:
    managed_access:
      description:
        - Whether REST API access control is on. When it is off every active Named Creator user can use the API, whatever
          the list says, and the module warns.
      returned: success
      type: bool
      sample: true
    users:
      description: The users on the list itself, sorted by username.
      returned: success
      type: list
      elements: dict
      contains: *user
    groups:
      description: The groups on the list, sorted by name, each with its members.
      returned: success
      type: list
      elements: dict
      contains:
        id: *group_id
        name: *group_name
        members: *group_members
    ineffective:
      description:
        - Every user holding access, on the list or through a listed group, who cannot use the REST API, sorted by username.
      returned: success
      type: list
      elements: dict
      contains:
        username:
          description: The user.
          returned: success
          type: str
          sample: old.contractor
        reasons:
          description: Why the user cannot use the REST API.
          returned: success
          type: list
          elements: str
          sample: ["user is inactive"]
        listed:
          description: Whether the user is on the list itself.
          returned: success
          type: bool
          sample: false
        groups:
          description: The listed groups the user holds access through, by name.
          returned: success
          type: list
          elements: str
          sample: [Contractors]
"""


from ansible_collections.jama.connect.plugins.module_utils.access.audit import audit_access_list, audit_group
from ansible_collections.jama.connect.plugins.module_utils.access.apply import (
    MANAGED_ACCESS_OFF,
    access_argument_spec,
    access_option_problems,
)
from ansible_collections.jama.connect.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.http.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module


def run(module, client):
    """Read the access setup of the chosen method; returns (changed, result, diff) like every module, never changed."""
    params = module.params
    problems = access_option_problems(params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    result = {"method": params["method"]}
    if params["method"] == "group":
        result["group"] = audit_group(client, params["access_group"])
    else:
        result["access_list"] = audit_access_list(client)
        if result["access_list"]["managed_access"] is False:
            module.warn(MANAGED_ACCESS_OFF)
    return False, result, None


def argument_spec():
    return connection_argument_spec(**access_argument_spec())


def build_module():
    return JamaModule(argument_spec=argument_spec(), supports_check_mode=True)


def main():
    module = build_module()
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
