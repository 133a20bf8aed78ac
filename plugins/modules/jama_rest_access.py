#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_rest_access
short_description: Grant or revoke Jama Connect REST API access for users
version_added: 0.1.0
description:
  - Grants or revokes REST API access for any number of users in one task, idempotently, the way Jama recommends and
    its API allows on every published release. A dedicated user group (O(access_group), by default C(REST API Users)) is
    put on the REST API access list once, in the admin UI (Admin > Organization > REST API > Configure access control).
    The module then grants a user by adding it to that group and revokes by removing it, using only public v1 endpoints.
  - Resolves every user first, with as few requests as the instance size allows. When any of them is unknown, the task
    fails naming all of them and changes nothing.
  - Then plans the change, reports it (in diff mode, before and after, by name) and applies it unless in check mode.
  - Only users with a Named Creator license (C(NAMED)) who are active can use the REST API. Granting others works but is
    reported in RV(ineffective) and, depending on O(license_check), warned about or refused.
  - With O(users) empty it grants and revokes nothing and says so (RV(msg), and a warning outside check mode), while still
    reporting RV(access).
  - Comparisons ignore order and duplicates. Usernames match exactly as Jama stores them.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.names
  - jama.connect.access_group
  - jama.connect.attributes
  - jama.connect.attributes.action_group
attributes:
  check_mode:
    support: full
    details: Reads the instance (every user and the access group's members) and reports the exact plan, writing nothing.
  diff_mode:
    support: full
    details: The diff lists the members of O(access_group) before and after.
  idempotent:
    support: full
    details: A run that failed half-way (for example on a lost connection) converges when run again.
options:
  users:
    description:
      - Users to grant or revoke, by username or numeric id.
      - A value made only of digits names the user with that id, and only when there is none, the user with that username.
      - Inactive users are found too, so that they can be named in warnings.
      - Empty values, and values with leading or trailing spaces, are refused.
    type: list
    elements: str
    default: []
  groups:
    description:
      - Refused before any request. Jama sets a user group's own REST API access only in its admin UI
        (Admin > Organization > REST API > Configure access control), and no published release offers an API for it.
        Add the group there, or grant its members as O(users).
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) grants access to every listed user; V(absent) revokes it.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also revoke every member of O(access_group) not listed, so that its membership is
        exactly O(users).
      - Refused with O(state=absent).
      - With other runs writing at the same time, an exclusive run revokes only members it read before writing;
        one added after that read stays. After its writes it reads the members again and reports, in
        RV(concurrent_changes) and a warning, what differs from its plan, so a concurrent change is surfaced, not
        hidden. Rerun the exclusive run to converge.
      - With O(users) empty this would revoke everyone, the caller included, so it is refused unless
        O(allow_self_lockout=true).
    type: bool
    default: false
  license_check:
    description:
      - What to do when a granted user cannot use the REST API anyway, because the license is not Named Creator (C(NAMED))
        or the user is inactive.
      - V(warn) warns, V(fail) fails before any change, V(ignore) stays silent. RV(ineffective) lists such users in every case.
    type: str
    choices: [warn, fail, ignore]
    default: warn
  allow_self_lockout:
    description:
      - Allow a run to remove the calling user from O(access_group).
      - Without it, such a run fails before any change.
    type: bool
    default: false
  max_removals:
    description:
      - The most members a run may remove. A plan that would remove more fails before any write, naming the count and
        this option.
      - A brake for O(exclusive=true) with a list fed from elsewhere (a directory query, a file), which, when it comes back
        short, would otherwise revoke everyone missing from it at once.
      - Not set means no limit; V(0) allows no removal at all.
    type: int
  planned_users:
    description:
      - Only in check mode. User records of accounts that an earlier check-mode task would create, as
        M(jama.connect.jama_user) returns them in RV(jama.connect.jama_user#module:user) (C(username), C(licenseType),
        C(active), no C(id)).
      - Each such account counts as resolved and is granted as if listed in O(users) (listing it there too is fine), so the
        plan, RV(added), the diff and O(license_check) include it, although Jama does not know it yet.
      - Records that carry an C(id) are existing users and are ignored, so the results of a M(jama.connect.jama_user)
        loop can be passed whole.
      - Outside check mode a record without an C(id) fails before any request, because the accounts must exist by then.
      - Only with O(state=present).
    type: list
    elements: dict
    default: []
notes:
  - The module cannot see the REST API access list itself (no published Jama release serves it), so it cannot tell whether
    O(access_group) is on it, nor whether a user also holds access through the list directly or another listed group.
    Revoking a user who is not a member of O(access_group) changes nothing for that user, and does not warn
    (RV(unchanged) lists the user).
seealso:
  - module: jama.connect.jama_token
  - module: jama.connect.jama_user_group
  - module: jama.connect.jama_rest_access_info
"""

EXAMPLES = r"""
- name: Grant REST API access to two service accounts (they join the REST API Users group)
  jama.connect.jama_rest_access:
    url: https://example.jamacloud.com
    client_id: "{{ jama_admin_client_id }}"
    client_secret: "{{ jama_admin_client_secret }}"
    users:
      - svc-ci
      - svc-reporting

- name: Revoke access from a departed contractor (connection options from module_defaults)
  module_defaults:
    group/jama.connect.jama:
      url: https://example.jamacloud.com
      token: "{{ jama_token }}"
  jama.connect.jama_rest_access:
    users: [old.contractor]
    state: absent

- name: Make the REST API group exactly these users, showing the change first
  jama.connect.jama_rest_access:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    users: [admin, svc-ci]
    exclusive: true
  check_mode: true
  diff: true
  register: planned

- name: Grant through another REST API group, failing on users who could not use the API anyway
  jama.connect.jama_rest_access:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    access_group: Integration Accounts
    users: "{{ service_accounts }}"
    license_check: fail
"""

RETURN = r"""
added:
  description: Users added to O(access_group) by this run (in check mode, those that would be), by name.
  returned: always
  type: dict
  contains: &principals
    users:
      description: Usernames.
      returned: always
      type: list
      elements: str
      sample: [svc-ci]
    groups:
      description: Always empty. A group's REST API access is set only in the admin UI.
      returned: always
      type: list
      elements: str
      sample: []
removed:
  description: Users this run removed from O(access_group) (in check mode, would remove), by name.
  returned: always
  type: dict
  contains: *principals
unchanged:
  description: Requested users that already were as requested (members for O(state=present), not members for O(state=absent)).
  returned: always
  type: dict
  contains: *principals
access:
  description: The members of O(access_group) after the run (in check mode, that would be), by name.
  returned: always
  type: dict
  contains: *principals
ineffective:
  description:
    - Requested users that are members after the run but cannot use the REST API, with the reasons.
    - Empty with O(state=absent).
  returned: always
  type: list
  elements: dict
  contains:
    username:
      description: The user.
      returned: always
      type: str
      sample: jdoe
    reasons:
      description: Why the user cannot use the REST API.
      returned: always
      type: list
      elements: str
      sample: ["license FLOATING is not NAMED (Named Creator)", "user is inactive"]
check_mode:
  description:
    - Whether the run was in check mode, so that nothing was written. Also true when C(check_mode) is set on the task
      rather than given as C(--check), which C(ansible_check_mode) does not show.
  returned: always
  type: bool
  sample: false
msg:
  description:
    - Why the run did nothing, when O(users) is empty (and O(exclusive=false)).
      Outside check mode a warning says the same; in check mode such a run is a read of the access group's members.
  returned: when nothing was requested
  type: str
  sample: "Nothing requested: users is empty, so nothing was granted or revoked; access lists the access group's members"
concurrent_changes:
  description:
    - After an exclusive run's writes, the members are read again. These are the users that other runs added
      (RV(concurrent_changes.appeared)) or removed (RV(concurrent_changes.vanished)) while this run worked, against
      what this run planned; a warning names them. RV(access) then shows the members as read again.
  returned: when O(exclusive=true), the run wrote, and the caller could still read the members afterwards
  type: dict
  sample: {"appeared": {"users": ["jdoe"], "groups": []}, "vanished": {"users": [], "groups": []}}
  contains:
    appeared:
      description: Usernames of members that this run neither planned nor kept.
      returned: success
      type: dict
    vanished:
      description: Usernames this run planned as members that no longer are.
      returned: success
      type: dict
diff:
  description:
    - The members of O(access_group) before and after the run, as text, one username a line (sorted without regard to
      case), so that names read as they are and only real changes show.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: The members of O(access_group) before the run.
      returned: in diff mode
      type: str
      sample: "jane.doe\nsvc-reporting\n"
    after:
      description: The members of O(access_group) after the run (in check mode, that would be).
      returned: in diff mode
      type: str
      sample: "jane.doe\nsvc-ci\nsvc-reporting\n"
    before_header:
      description: Whose access the diff shows.
      returned: in diff mode
      type: str
      sample: members of access group REST API Users
    after_header:
      description: Whose access the diff shows.
      returned: in diff mode
      type: str
      sample: members of access group REST API Users
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.access.apply import (
    GroupAccess,
    access_argument_spec,
    access_option_problems,
    groups_refused,
)
from ansible_collections.jama.connect.plugins.module_utils.access.plan import (
    Members,
    apply_plan,
    concurrent_changes,
    find_ineffective,
    locks_out,
    names_in,
    plan_members,
    plan_summary,
)
from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import (
    AuthenticationError,
    ConfigurationError,
    JamaError,
    PermissionDenied,
)
from ansible_collections.jama.connect.plugins.module_utils.access.guards import refuse_many_removals, removal_problems
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import resolve_users
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, names_problems, run_module, text_diff

NOTHING_REQUESTED = ("Nothing requested: users is empty, so nothing was granted or revoked; "
                     "access lists the access group's members")
# How many names a warning spells out before it points to the full list in the result.
WARNING_NAME_LIMIT = 10


class RefusedChange(JamaError):
    """The planned change is possible but the options say not to make it (license check, self-lockout)."""


def option_problems(params):
    """Every reason the options cannot work together, each naming the option."""
    problems = names_problems("users", params["users"])
    if params["groups"]:
        problems.append(groups_refused(params["groups"]))
    problems.extend(access_option_problems(params))
    if params["exclusive"] and params["state"] == "absent":
        problems.append("exclusive applies only to state=present")
    elif params["exclusive"] and not params["users"] and not params["allow_self_lockout"]:
        problems.append("exclusive with empty users would revoke everyone's access, yours included; "
                        "list who keeps access, or set allow_self_lockout=true to empty it on purpose")
    return problems


def _names_with_reasons(items):
    shown = ["%s (%s)" % (item["username"], "; ".join(item["reasons"])) for item in items[:WARNING_NAME_LIMIT]]
    if len(items) > WARNING_NAME_LIMIT:
        shown.append("and %d more, listed in ineffective" % (len(items) - WARNING_NAME_LIMIT))
    return ", ".join(shown)


def refuse_ineffective(ineffective):
    raise RefusedChange(
        "license_check=fail: %d requested user(s) could not use the REST API even with access, so nothing was changed: %s"
        % (len(ineffective), _names_with_reasons(ineffective)),
        hint="Give them a Named Creator license and activate them, or set license_check to warn or ignore")


def refuse_lockout(access_group):
    raise RefusedChange(
        "This run would remove you from access group %s, and with it your own REST API access, so nothing was changed"
        % access_group, hint="Keep yourself in users, or set allow_self_lockout=true if that is intended")


def report_concurrent_changes(module, access, planned, result):
    """Read again after an exclusive run's writes, so a change another run made meanwhile is shown, not hidden."""
    try:
        observed = access.reread()
    except (AuthenticationError, PermissionDenied):
        # allow_self_lockout: the caller's own access may be gone now, and the writes are done either way
        module.warn("After its writes this exclusive run could not read the access group again (the caller no longer has "
                    "REST API access), so changes other runs made meanwhile are not reported")
        return
    changes = concurrent_changes(planned, observed)
    result["concurrent_changes"] = changes
    result["access"] = observed.as_names()
    if names_in(changes):
        module.warn("Other runs changed the access group's members while this exclusive run wrote: appeared %s, vanished %s. "
                    "This run revoked only what it had read; rerun it to converge"
                    % (_names_or_none(changes["appeared"]), _names_or_none(changes["vanished"])))


def _names_or_none(by_kind):
    return ", ".join(by_kind["users"]) or "none"


def planned_records(params):
    """The planned_users records of accounts that do not exist yet (no id); records with an id are existing users."""
    return [record for record in params["planned_users"] or () if record.get("id") is None]


def planned_user_problems(params, check_mode):
    """What is wrong with planned_users, found before any request."""
    planned = planned_records(params)
    if not planned:
        return []
    if not check_mode:
        return ["planned_users names accounts that do not exist (%s): it is only for check mode, because outside it "
                "the accounts must have been created by then" % ", ".join(sorted(repr(r.get("username")) for r in planned))]
    problems = []
    for index, record in enumerate(planned):
        username = record.get("username")
        if not isinstance(username, str) or not username.strip() or username != username.strip():
            problems.append("planned_users[%d] needs a username (a user record as jama.connect.jama_user returns it)" % index)
    if params["state"] != "present":
        problems.append("planned_users applies only to state=present: an account that does not exist holds no access to revoke")
    return problems


def user_key(record):
    # A planned account has no id yet; its username keys it, apart from every real id.
    return record["id"] if record.get("id") is not None else ("planned", record["username"])


def resolve_with_planned(client, params, known_users):
    """Resolve users; in check mode, accounts an earlier task would create count as resolved and requested."""
    planned = dict((record["username"], record) for record in planned_records(params))
    users = resolve_users(client, [name for name in params["users"] if name not in planned], known_users=known_users)
    return users + list(planned.values())


def access_diff(before, after, access_group):
    """The access group's members, one username a line."""
    return text_diff(before.names(), after.names(), "members of access group %s" % access_group)


def run(module, client):
    """Resolve, plan, check and apply; returns (changed, result, diff)."""
    params = module.params
    problems = option_problems(params) + planned_user_problems(params, module.check_mode) + removal_problems(params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    access = GroupAccess(client, params["access_group"])
    current = access.read_state()
    users = resolve_with_planned(client, params, access.known_users)
    requested = Members(dict((user_key(user), user["username"]) for user in users))
    plan = plan_members(current, requested, params["state"], params["exclusive"])
    refuse_many_removals(len(plan.remove.users), params["max_removals"], "member(s) of %s" % access.group["name"])
    planned = apply_plan(current, plan)
    ineffective = find_ineffective(users) if params["state"] == "present" else []
    if ineffective and params["license_check"] == "fail":
        refuse_ineffective(ineffective)
    if not plan.remove.is_empty() and not params["allow_self_lockout"]:
        if locks_out(plan, planned, client.current_user().get("id")):
            refuse_lockout(access.group["name"])
    after = access.apply(plan, module.check_mode)
    if ineffective and params["license_check"] == "warn":
        module.warn("%d requested user(s) hold REST API access but cannot use it: %s"
                    % (len(ineffective), _names_with_reasons(ineffective)))
    result = dict(plan_summary(plan), access=after.as_names(), ineffective=ineffective, check_mode=module.check_mode)
    if params["exclusive"] and plan.changed and not module.check_mode:
        report_concurrent_changes(module, access, after, result)
    if not (params["users"] or params["exclusive"]):
        result["msg"] = NOTHING_REQUESTED
        if not module.check_mode:
            module.warn(NOTHING_REQUESTED)
    return plan.changed, result, access_diff(current, after, access.group["name"])


def argument_spec():
    return connection_argument_spec(
        users=dict(type="list", elements="str", default=[]),
        groups=dict(type="list", elements="str", default=[]),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        exclusive=dict(type="bool", default=False),
        license_check=dict(type="str", choices=["warn", "fail", "ignore"], default="warn"),
        allow_self_lockout=dict(type="bool", default=False),
        planned_users=dict(type="list", elements="dict", default=[]),
        max_removals=dict(type="int"),
        **access_argument_spec()
    )


def build_module():
    return JamaModule(
        argument_spec=argument_spec(),
        supports_check_mode=True,
    )


def main():
    module = build_module()
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
