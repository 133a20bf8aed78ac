#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_user_group
short_description: Create, update or delete a Jama Connect user group and manage its members
version_added: 0.1.0
description:
  - Makes sure a user group exists with the given description and members, or that it does not exist.
  - Resolves every member first. When any of them is unknown, or a value matches more than one user, the task fails naming
    all of them and changes nothing, not even the creation of a missing group.
  - Then plans the change, reports it (in diff mode, the description and the member usernames before and after) and applies
    it unless in check mode, one request per write. Public v1 endpoints only.
  - A group's REST API access is not set here. Jama's recommended setup is one dedicated group (for example
    C(REST API Users)) that an admin puts on the REST API list once, in Admin > Organization > REST API > Configure access
    control; M(jama.connect.jama_rest_access) then grants and revokes by managing its members.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.names
  - jama.connect.attributes
  - jama.connect.attributes.action_group
attributes:
  check_mode:
    support: full
    details: Reads the group and resolves every member, then reports the exact plan, writing nothing.
  diff_mode:
    support: full
    details: The diff holds the description and the member usernames before and after.
  idempotent:
    support: full
    details: A run that failed half-way (for example on a lost connection) converges when run again.
options:
  name:
    description:
      - Name or id of the group. A value made only of digits names the group with that id and, only when there is
        none, the group with that name, the rule every group option follows. Names match exactly as Jama stores them.
      - A name that more than one group carries (project groups may share a name) is refused as ambiguous; give the id.
      - A group that does not exist is created with this name.
    type: str
    required: true
  description:
    description:
      - Description of the group. Left as it is when not given; V("") empties it.
      - Only with O(state=present).
    type: str
  members:
    description:
      - Users who must be members, by username or numeric id.
      - A value made only of digits names the user with that id, and only when there is none, the user with that username.
      - When not given, the membership is left alone. V([]) with O(exclusive=true) empties the group.
      - Only with O(state=present).
    type: list
    elements: str
  exclusive:
    description:
      - V(false) only adds the O(members) missing from the group. V(true) also removes every member not listed, so that
        the membership is exactly O(members).
      - Needs O(members), so that an empty group is asked for explicitly (V(members=[])).
    type: bool
    default: false
  max_removals:
    description:
      - The most members a run may remove from the group. A plan that would remove more fails before any write, naming
        the count and this option.
      - A brake for O(exclusive=true) with a list fed from elsewhere (a directory query, a file), which, when it comes back
        short, would otherwise remove everyone missing from it at once.
      - Not set means no limit; V(0) allows no removal at all. Only with O(state=present).
    type: int
  state:
    description:
      - V(present) creates the group when it is missing and makes its description and members as given.
      - V(absent) deletes the group, which removes all its members from it. A group already gone is success without a
        change, and RV(msg) says it was already absent.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Needs an organization admin's credentials (Jama lets only organization admins change groups and their members).
  - When the run removes the calling user from the group (or deletes a group the caller is in), it warns, because when that group is on
    the REST API list, the caller's own REST API access may end with it.
  - Deleting a group that is on the REST API list removes it from that list, so its members lose the REST API access it gave.
    A group created again under the same name is a new group with a new id, and an admin must put it on the REST API list
    again (Admin > Organization > REST API). The module cannot see that list through the public API, so it does not warn.
seealso:
  - module: jama.connect.jama_user_group_info
  - module: jama.connect.jama_rest_access
"""

EXAMPLES = r"""
- name: Create the REST API group with its two service accounts
  jama.connect.jama_user_group:
    url: https://example.jamacloud.com
    client_id: "{{ jama_admin_client_id }}"
    client_secret: "{{ jama_admin_client_secret }}"
    name: REST API Users
    description: Accounts allowed to use the REST API
    members: [svc-ci, svc-reporting]

- name: Make Release Managers exactly these users, showing the change first (connection from module_defaults)
  module_defaults:
    group/jama.connect.jama:
      url: https://example.jamacloud.com
      token: "{{ jama_token }}"
  jama.connect.jama_user_group:
    name: Release Managers
    members: [jane.doe, li.wei]
    exclusive: true
  check_mode: true
  diff: true

- name: Empty a group but keep it
  jama.connect.jama_user_group:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    name: Contractors
    members: []
    exclusive: true

- name: Delete a group
  jama.connect.jama_user_group:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    name: Old Project Team
    state: absent
"""

RETURN = r"""
group:
  description:
    - The group as it is after the run (in check mode, would be). With O(state=absent), the group that was deleted.
    - Empty when O(state=absent) and there was no such group.
  returned: always
  type: dict
  sample: {"id": 12, "name": "REST API Users", "description": "Accounts allowed to use the REST API", "project": null}
  contains:
    id:
      description: The group's id; null in check mode for a group that would be created.
      returned: when the group exists or would be created
      type: int
    name:
      description: The group's name.
      returned: when the group exists or would be created
      type: str
    description:
      description: The group's description.
      returned: when the group exists or would be created
      type: str
    project:
      description: The project of a project group; null for an organization group.
      returned: when the group exists or would be created
      type: int
msg:
  description: With O(state=absent), when no group has O(name), that it was already absent.
  returned: when O(state=absent) found no group
  type: str
  sample: "Group Old Project Team is already absent: no group has that name, so there was nothing to delete"
members:
  description: Usernames of the group's members after the run (in check mode, would be); empty after a delete.
  returned: always
  type: list
  elements: str
  sample: [svc-ci, svc-reporting]
added:
  description: Usernames this run added to the group (in check mode, would add).
  returned: always
  type: list
  elements: str
  sample: [svc-reporting]
removed:
  description: Usernames this run removed from the group (in check mode, would remove), including every member of a deleted group.
  returned: always
  type: list
  elements: str
  sample: [old.contractor]
diff:
  description:
    - The group before and after the run, as text, a C(description) line, then one C(member) line per username, so that
      names read as they are and only real changes show. Empty text stands for no group.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: Description and member usernames before the run.
      returned: in diff mode
      type: str
      sample: "description:\nmember: svc-ci\n"
    after:
      description: Description and member usernames after the run (in check mode, would be).
      returned: in diff mode
      type: str
      sample: "description: Accounts allowed to use the REST API\nmember: svc-ci\nmember: svc-reporting\n"
    before_header:
      description: Which group the diff is about.
      returned: in diff mode
      type: str
      sample: group REST API Users
    after_header:
      description: Which group the diff is about.
      returned: in diff mode
      type: str
      sample: group REST API Users
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
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.access.guards import refuse_many_removals, removal_problems
from ansible_collections.jama.connect.plugins.module_utils.module import (
    JamaModule,
    field_lines,
    name_problem,
    names_problems,
    run_module,
    text_diff,
)
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import find_group, resolve_users

SELF_REMOVAL = ("This run %s you from group %s. If the group is on the REST API list, your own REST API access may end "
                "with it (jama.connect.jama_rest_access refuses that unless allow_self_lockout=true)")
ALREADY_ABSENT = "Group %s is already absent: no group has that name, so there was nothing to delete"


def option_problems(params):
    """Every reason the options cannot work together, each naming the option."""
    problems = [problem for problem in [name_problem("name", params["name"])] if problem]
    problems.extend(names_problems("members", params["members"]))
    problems.extend(removal_problems(params))
    if params["state"] == "absent":
        given = [option for option in ("description", "members", "max_removals") if params[option] is not None]
        if params["exclusive"]:
            given.append("exclusive")
        if given:
            problems.append("%s apply only to state=present; state=absent deletes the group" % ", ".join(given))
    elif params["exclusive"] and params["members"] is None:
        problems.append("exclusive needs members: list who stays, or give members: [] to empty the group")
    return problems


class GroupPlan:
    """What one run does to one group: create, update, delete, and which members to add and remove."""

    def __init__(self, before, after, current, add, remove):
        self.before = before        # the group record, or None
        self.after = after          # the group record as it will be, or None when deleted
        self.current = current      # {user id: username} before the run
        self.add = add              # {user id: username}
        self.remove = remove        # {user id: username}

    @property
    def create(self):
        return self.before is None and self.after is not None

    @property
    def delete(self):
        return self.before is not None and self.after is None

    @property
    def update(self):
        return not (self.create or self.delete) and self.before is not None and \
            self.before.get("description") != self.after.get("description")

    @property
    def changed(self):
        return self.create or self.delete or self.update or bool(self.add) or bool(self.remove)

    def members_after(self):
        if self.after is None:
            return []
        kept = dict((uid, name) for uid, name in self.current.items() if uid not in self.remove)
        kept.update(self.add)
        return sorted(kept.values())


def plan_present(params, group, current, requested):
    after = groups.group_view(group) if group else \
        {"id": None, "name": params["name"], "description": params["description"] or "", "project": None}
    if params["description"] is not None:
        after["description"] = params["description"]
    add, remove = {}, {}
    if requested is not None:
        add = dict((uid, name) for uid, name in requested.items() if uid not in current)
        if params["exclusive"]:
            remove = dict((uid, name) for uid, name in current.items() if uid not in requested)
    return GroupPlan(group, after, current, add, remove)


def apply(client, plan, check_mode):
    """The single write point: apply `plan` unless in check mode; the group's id afterwards (None when not created)."""
    group_id = plan.before["id"] if plan.before else None
    if check_mode or not plan.changed:
        return group_id
    if plan.delete:
        groups.delete_group(client, group_id)
        return group_id
    if plan.create:
        group_id = groups.create_group(client, plan.after["name"], plan.after["description"])
    elif plan.update:
        groups.update_group(client, group_id, plan.after["name"], plan.after["description"])
    groups.write_members(client, group_id, plan.add, plan.remove)
    return group_id


def _view(record, members):
    """The description line, then one member username a line; no text for no group."""
    if record is None:
        return None
    return field_lines({"description": record.get("description")}, ("description",)) + ["member: %s" % name for name in sorted(members)]


def run(module, client):
    """Resolve, plan and apply; returns (changed, result, diff)."""
    params = module.params
    problems = option_problems(params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    group, alike = find_group(client, params["name"], "name")
    # The members are whole user records: requested members already in the group need no further read.
    records = groups.member_records(client, group["id"]) if group else []
    current = groups.usernames_by_id(records)
    requested = None
    if params["members"] is not None:
        users = resolve_users(client, params["members"], known_users=records)
        requested = dict((user["id"], user["username"]) for user in users)
    if params["state"] == "absent":
        plan = GroupPlan(group, None, current, {}, dict(current))
    else:
        plan = plan_present(params, group, current, requested)
        refuse_many_removals(len(plan.remove), params["max_removals"], "member(s) of group %s" % params["name"])
    group_id = apply(client, plan, module.check_mode)
    if plan.remove and client.current_user().get("id") in plan.remove:
        module.warn(SELF_REMOVAL % ("would remove" if module.check_mode else "removed", params["name"]))
    shown = plan.after if plan.after is not None else plan.before
    if shown is not None:
        shown = dict(shown, id=group_id)
    members = plan.members_after()
    result = dict(group=shown or {}, members=members, added=sorted(plan.add.values()), removed=sorted(plan.remove.values()))
    if params["state"] == "absent" and group is None:
        # Success, so that a rerun converges; a name alike is still worth a look, it may be a typo.
        result["msg"] = ALREADY_ABSENT % params["name"] + (
            " (names match exactly; did you mean %s?)" % ", ".join(repr(name) for name in alike) if alike else "")
    diff = text_diff(_view(plan.before, current.values()), _view(plan.after, members), "group %s" % params["name"])
    return plan.changed, result, diff


def argument_spec():
    return connection_argument_spec(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        members=dict(type="list", elements="str"),
        exclusive=dict(type="bool", default=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        max_removals=dict(type="int"),
    )


def main():
    module = JamaModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
