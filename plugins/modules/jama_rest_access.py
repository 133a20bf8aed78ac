#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_rest_access
short_description: Grant or revoke Jama Connect REST API access for users and user groups
version_added: 0.1.0
description:
  - Grants or revokes REST API access for any number of users and user groups in one task, idempotently.
  - Resolves every user and group first, with as few requests as the instance size allows. When any of them is unknown, or
    a group name matches more than one group, the task fails naming all of them and changes nothing.
  - Then plans the change, reports it (in diff mode, before and after, by name) and applies it unless in check mode.
  - Two methods. V(group), the default, follows Jama's recommended setup and is what every published Jama Connect release
    allows through its API. A dedicated user group (O(access_group), by default C(REST API Users)) is put on the REST API
    access list once, in the admin UI (Admin > Organization > REST API > Configure access control). The module then grants a
    user by adding it to that group and revokes by removing it, using only public v1 endpoints.
  - V(access_list) manages the organization's REST API access list itself, users and groups, through access-list endpoints
    that this collection defines. B(No published Jama Connect release serves them); the bundled simulator does when asked to.
    Where the instance lacks them the module fails, pointing to O(method=group).
  - Only users with a Named Creator license (C(NAMED)) who are active can use the REST API. Granting others works but is
    reported in RV(ineffective) and, depending on O(license_check), warned about or refused.
  - Warns when a revoked user keeps access through a group still on the list, and when REST API access control is turned off.
  - With O(users) and O(groups) both empty it grants and revokes nothing and says so (RV(msg), and a warning outside check
    mode), while still reporting RV(access).
  - Comparisons ignore order and duplicates. Usernames and group names match exactly as Jama stores them.
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.names
  - jama.connect.access_method
  - jama.connect.attributes
  - jama.connect.attributes.action_group
attributes:
  check_mode:
    support: full
    details: Reads the instance (every principal and the current state) and reports the exact plan, writing nothing.
  diff_mode:
    support: full
    details: The diff lists the user and group names holding access before and after.
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
      - User groups to grant or revoke, by name or numeric id.
      - A name that more than one group carries is refused as ambiguous; give the id instead.
      - Only with O(method=access_list). With O(method=group) they are refused before any request, because a group's own REST API
        access is set once in Admin > Organization > REST API; grant its members as O(users) instead.
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) grants access to every listed principal; V(absent) revokes it.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), also revoke every principal not listed, so that the access list (or the O(access_group)
        membership) is exactly O(users) and O(groups).
      - Refused with O(state=absent).
      - With other runs writing at the same time, an exclusive run revokes only principals it read before writing;
        one added after that read stays. After its writes it reads the state again and reports, in
        RV(concurrent_changes) and a warning, what differs from its plan, so a concurrent change is surfaced, not
        hidden. A concurrent run's RV(added) may name a principal that an exclusive run then revoked, because the runs
        happened in that order. Rerun the exclusive run to converge.
      - With both O(users) and O(groups) empty this would revoke everyone, the caller included, so it is refused unless
        O(allow_self_lockout=true).
    type: bool
    default: false
  access_group:
    description:
      - Name or id of the user group that holds REST API access, managed with O(method=group).
      - It must exist and be on the REST API access list (Admin > Organization > REST API > Configure access control).
        Create it with M(jama.connect.jama_user_group) or in the admin UI.
      - Ignored with O(method=access_list).
    type: str
    default: REST API Users
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
      - Allow a run to revoke the access the calling user relies on, directly or through a group being revoked.
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
  - With O(method=access_list) the calling user must be an organization admin.
  - With O(method=group) the module cannot see the access list itself, so it does not warn about access held through
    listed groups or about access control being off. Revoking a user who is not a member of O(access_group) changes nothing
    and does not warn (RV(unchanged) lists the user), since any access that user still has comes from the access list itself or
    another listed group, which only the admin UI shows.
seealso:
  - module: jama.connect.jama_token
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

- name: Where an instance serves the access-list endpoints (no published Jama release does), list a group itself
  jama.connect.jama_rest_access:
    url: https://jama-sim.example.test
    token: "{{ jama_token }}"
    method: access_list
    groups: [Engineering]
"""

RETURN = r"""
added:
  description: Principals granted access by this run (in check mode, those that would be), by name.
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
      description: Group names.
      returned: always
      type: list
      elements: str
      sample: [Engineering]
removed:
  description: Principals whose access this run revoked (in check mode, would revoke), by name.
  returned: always
  type: dict
  contains: *principals
unchanged:
  description: Requested principals that already were as requested (holding access for O(state=present), without it for O(state=absent)).
  returned: always
  type: dict
  contains: *principals
access:
  description:
    - Who holds access after the run (in check mode, would hold it), by name.
    - With O(method=group), the members of O(access_group); RV(access.groups) is then empty.
  returned: always
  type: dict
  contains: *principals
ineffective:
  description:
    - Requested users that hold access after the run but cannot use the REST API, with the reasons.
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
    - Why the run did nothing, when O(users) and O(groups) are both empty (and O(exclusive=false)).
      Outside check mode a warning says the same; in check mode such a run is a read of who holds access.
  returned: when nothing was requested
  type: str
  sample: "Nothing requested: users and groups are both empty, so nothing was granted or revoked; access lists who holds REST API access"
kept_through_groups:
  description: Revoked users who still have access through a group on the list, with those groups' names.
  returned: always
  type: dict
  sample: {"jdoe": ["Engineering"]}
concurrent_changes:
  description:
    - After an exclusive run's writes, the state is read again. These are the principals that other runs added
      (RV(concurrent_changes.appeared)) or removed (RV(concurrent_changes.vanished)) while this run worked, against
      what this run planned; a warning names them. RV(access) then shows the state as read again.
  returned: when O(exclusive=true), the run wrote, and the caller could still read the state afterwards
  type: dict
  sample: {"appeared": {"users": ["jdoe"], "groups": []}, "vanished": {"users": [], "groups": []}}
  contains:
    appeared:
      description: Usernames and group names holding access that this run neither planned nor kept.
      returned: success
      type: dict
    vanished:
      description: Usernames and group names this run planned to hold access that no longer do.
      returned: success
      type: dict
managed_access:
  description: Whether REST API access control is on. When it is off every licensed user can use the API, whatever the list says.
  returned: when O(method=access_list)
  type: bool
  sample: true
diff:
  description:
    - Who holds access before and after the run, as text, one username a line (sorted without regard to case), so that
      names read as they are and only real changes show.
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
"""


from ansible_collections.jama.connect.plugins.module_utils.access.apply import (
    MANAGED_ACCESS_OFF,
    access_argument_spec,
    access_option_problems,
    make_backend,
)
from ansible_collections.jama.connect.plugins.module_utils.access.plan import (
    AccessState,
    apply_plan,
    concurrent_changes,
    find_ineffective,
    names_in,
    plan_access,
    plan_summary,
)
from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.http.errors import (
    AuthenticationError,
    ConfigurationError,
    JamaError,
    PermissionDenied,
)
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module, text_diff
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import resolve_principals
from ansible_collections.jama.connect.plugins.module_utils.access.guards import comma_string_problem, refuse_many_removals, removal_problems

NOTHING_REQUESTED = ("Nothing requested: users and groups are both empty, so nothing was granted or revoked; "
                     "access lists who holds REST API access")
# How many names a warning spells out before it points to the full list in the result.
WARNING_NAME_LIMIT = 10


class RefusedChange(JamaError):
    """The planned change is possible but the options say not to make it (license check, self-lockout)."""


def option_problems(params):
    """Every reason the options cannot work together, each naming the option."""
    problems = []
    for option in ("users", "groups"):
        comma = comma_string_problem(option, params[option])
        if comma:
            problems.append(comma)
            continue
        for index, value in enumerate(params[option]):
            if not value.strip():
                problems.append("%s[%d] is empty: give a name or a numeric id" % (option, index))
            elif value != value.strip():
                problems.append("%s[%d] %r has leading or trailing spaces, which Jama names never carry" % (option, index, value))
    if params["method"] == "group":
        if params["groups"]:
            problems.append(
                "groups %s cannot be granted with method=group (the default): a group's own REST API access is set once "
                "in Admin > Organization > REST API. Grant the group's members as users instead, or use "
                "method=access_list where an instance serves the access-list endpoints (no published Jama release does)"
                % ", ".join(repr(group) for group in params["groups"]))
    problems.extend(access_option_problems(params))
    if params["exclusive"] and params["state"] == "absent":
        problems.append("exclusive applies only to state=present")
    elif params["exclusive"] and not (params["users"] or params["groups"]) and not params["allow_self_lockout"]:
        problems.append("exclusive with empty users and groups would revoke everyone's access, yours included; "
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


def refuse_lockout(lost):
    raise RefusedChange(
        "This run would revoke your own REST API access (through %s), so nothing was changed" % ", ".join(lost),
        hint="Keep yourself on the list, or set allow_self_lockout=true if that is intended")


def collect_warnings(params, current, plan, ineffective, kept):
    warnings = []
    if ineffective and params["license_check"] == "warn":
        warnings.append("%d requested user(s) hold REST API access but cannot use it: %s" % (len(ineffective), _names_with_reasons(ineffective)))
    for username, groups in sorted(kept.items()):
        warnings.append("User %s keeps REST API access through group(s) still on the list: %s; remove the user from those groups too"
                        % (username, ", ".join(groups)))
    if current.managed_access is False:
        warnings.append(MANAGED_ACCESS_OFF)
    return warnings


def report_concurrent_changes(module, backend, planned, result):
    """Read again after an exclusive run's writes, so a change another run made meanwhile is shown, not hidden."""
    try:
        observed = backend.reread()
    except (AuthenticationError, PermissionDenied):
        # allow_self_lockout: the caller's own access may be gone now, and the writes are done either way
        module.warn("After its writes this exclusive run could not read REST API access again (the caller no longer has it), "
                    "so changes other runs made meanwhile are not reported")
        return
    changes = concurrent_changes(planned, observed)
    result["concurrent_changes"] = changes
    result["access"] = observed.as_names()
    if names_in(changes):
        module.warn("Other runs changed REST API access while this exclusive run wrote: appeared %s, vanished %s. "
                    "This run revoked only what it had read; rerun it to converge"
                    % (_names_or_none(changes["appeared"]), _names_or_none(changes["vanished"])))


def _names_or_none(by_kind):
    return ", ".join(by_kind["users"] + by_kind["groups"]) or "none"


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


def resolve_with_planned(client, params):
    """Resolve users and groups; in check mode, accounts an earlier task would create count as resolved and requested."""
    planned = dict((record["username"], record) for record in planned_records(params))
    users, groups = resolve_principals(client, [name for name in params["users"] if name not in planned], params["groups"])
    return users + list(planned.values()), groups


def run(module, client):
    """Resolve, plan, check and apply; returns (changed, result, diff)."""
    params = module.params
    problems = option_problems(params) + planned_user_problems(params, module.check_mode) + removal_problems(params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    backend = make_backend(client, params["method"], params["access_group"])
    current = backend.read_state()
    users, groups = resolve_with_planned(client, params)
    requested = AccessState(users=dict((user_key(u), u["username"]) for u in users), groups=dict((g["id"], g["name"]) for g in groups))
    plan = plan_access(current, requested, params["state"], params["exclusive"])
    refuse_many_removals(len(plan.remove.users) + len(plan.remove.groups), params["max_removals"], "member(s) of %s" % params["access_group"])
    planned = apply_plan(current, plan)
    ineffective = find_ineffective(users) if params["state"] == "present" else []
    if ineffective and params["license_check"] == "fail":
        refuse_ineffective(ineffective)
    if not plan.remove.is_empty() and not params["allow_self_lockout"]:
        lost = backend.caller_lockout(plan, planned, client.current_user().get("id"))
        if lost:
            refuse_lockout(lost)
    kept = backend.kept_through_groups(plan, planned)
    after = backend.apply(plan, module.check_mode)
    for warning in collect_warnings(params, current, plan, ineffective, kept):
        module.warn(warning)
    result = dict(plan_summary(plan), access=after.as_names(), ineffective=ineffective, kept_through_groups=kept,
                  check_mode=module.check_mode)
    if params["exclusive"] and plan.changed and not module.check_mode:
        report_concurrent_changes(module, backend, after, result)
    if not (params["users"] or params["groups"] or params["exclusive"]):
        result["msg"] = NOTHING_REQUESTED
        if not module.check_mode:
            module.warn(NOTHING_REQUESTED)
    if backend.method == "access_list":
        result["managed_access"] = current.managed_access
    return plan.changed, result, access_diff(current, after, params)


def access_diff(before, after, params):
    """Who holds access, one username a line (groups, where a method lists them, as ``group: name``)."""
    def lines(state):
        names = state.as_names()
        return names["users"] + ["group: %s" % name for name in names["groups"]]
    header = "members of access group %s" % params["access_group"] if params["method"] == "group" else "REST API access list"
    return text_diff(lines(before), lines(after), header)


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
