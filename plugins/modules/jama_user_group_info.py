#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_user_group_info
short_description: List Jama Connect user groups, optionally with their members
version_added: 0.1.0
description:
  - Returns every user group of the instance, or the groups with one exact name, in the order Jama lists them.
  - With O(include_members=true), also each group's members, which costs one paged read per group.
  - Reads only; public v1 endpoints only.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.attributes
  - jama.connect.attributes.action_group
  - jama.connect.attributes.read_only
options:
  name:
    description:
      - Return only the group with this id, when the value is made only of digits and such a group exists, or else
        the groups with exactly this name (several project groups may share one), the rule every group option follows.
      - When not given, every group is returned.
    type: str
  include_members:
    description:
      - Also return each group's members, by username, in RV(groups[].members).
      - Named apart from the list of usernames that M(jama.connect.jama_user_group) takes as O(jama.connect.jama_user_group#module:members).
    type: bool
    default: false
seealso:
  - module: jama.connect.jama_user_group
"""

EXAMPLES = r"""
- name: Read the REST API group and its members
  jama.connect.jama_user_group_info:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    name: REST API Users
    include_members: true
  register: rest_api_group

- name: Fail when the REST API group is missing
  ansible.builtin.assert:
    that: rest_api_group.groups | length == 1
    fail_msg: Create the REST API Users group first (jama.connect.jama_user_group)

- name: List every group
  jama.connect.jama_user_group_info:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
  register: all_groups
"""

RETURN = r"""
groups:
  description: The groups found, in Jama's order; empty when none matches O(name).
  returned: always
  type: list
  elements: dict
  sample: [{"id": 12, "name": "REST API Users", "description": "Accounts allowed to use the REST API", "project": null,
            "members": ["svc-ci", "svc-reporting"]}]
  contains:
    id:
      description: The group's id.
      returned: always
      type: int
    name:
      description: The group's name.
      returned: always
      type: str
    description:
      description: The group's description.
      returned: always
      type: str
    project:
      description: The project of a project group; null for an organization group.
      returned: always
      type: int
    members:
      description: Usernames of the group's members, sorted.
      returned: when O(include_members=true)
      type: list
      elements: str
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.jama import groups
from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import groups_matching


def run(module, client):
    """Read the groups (and members); returns (changed, result, diff)."""
    params = module.params
    found = groups_matching(client, params["name"])[0] if params["name"] is not None else groups.all_groups(client)
    listed = []
    for group in found:
        entry = groups.group_view(group)
        if params["include_members"]:
            entry["members"] = sorted(groups.group_members(client, group["id"]).values())
        listed.append(entry)
    return False, dict(groups=listed), None


def main():
    module = JamaModule(
        argument_spec=connection_argument_spec(
            name=dict(type="str"),
            include_members=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
