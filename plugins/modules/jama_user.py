#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_user
short_description: Create, update, deactivate and reactivate Jama Connect users
version_added: 0.1.0
description:
  - Ensures a Jama Connect user exists with the given details, or is deactivated, using only public v1 endpoints.
  - B(Jama Connect cannot delete users.) O(state=absent) deactivates the user (who keeps their history and can be
    reactivated); O(state=present) creates the user, or reactivates a deactivated one.
  - The user is found by O(username), exactly as Jama stores it, active or not.
  - An existing user is updated only when a field given here differs from Jama's record. Jama replaces the whole record
    on update, so the module sends every field, Jama's current values with the changes applied; fields not given here keep
    their values.
  - B(A password cannot be changed with this module.) O(password) is sent only when the user is created, because Jama's
    update refuses a password; for an existing user it is ignored. Passwords are changed in Jama itself.
  - Only users with a Named Creator license (C(NAMED)) can use the REST API. The module warns when O(license_type) is
    another license with O(state=present), because such a user, a service account for example, cannot use the REST API.
  - The module refuses to deactivate, or to change the license of, the account its own credentials belong to (the user
    that C(GET /rest/v1/users/current) answers), unless O(allow_self_lockout=true), because every later task would be locked out.
  - Grant a user REST API access with M(jama.connect.jama_rest_access).
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
    details: Looks the user up and reports the create, update, deactivation or reactivation it would make, writing nothing.
  diff_mode:
    support: full
    details: The diff shows the user's fields and active flag before and after (empty before a create), never a password.
  idempotent:
    support: full
options:
  username:
    description:
      - Username of the user to manage, matched exactly as Jama stores it. The caller's own basic-auth login, if any, is
        O(auth_username).
    type: str
    required: true
  first_name:
    description:
      - The user's first name. Required to create a user.
    type: str
  last_name:
    description:
      - The user's last name. Required to create a user.
    type: str
  email:
    description:
      - The user's email address. Required to create a user.
    type: str
  password:
    description:
      - The new user's initial password. Required to create a user.
      - Sent only when the user is created. Jama refuses a password on update, so for an existing user it is ignored,
        and this module cannot change a password.
      - Never returned, logged or shown in a diff.
    type: str
  license_type:
    description:
      - The user's license.
      - A new user gets V(NAMED) when this is not set. An existing user keeps the license it has unless this is set,
        so that a run which only updates, say, an email address never changes what a seat costs.
      - Only V(NAMED) (Named Creator) users can use the REST API. With O(state=present) the module warns when the user
        ends up with any other license, whether set here or kept.
    type: str
    choices: [NAMED, FLOATING, STAKEHOLDER, FLOATING_COLLABORATOR, RESERVED_COLLABORATOR, FLOATING_REVIEWER, RESERVED_REVIEWER,
              NAMED_REVIEWER, TEST_RUNNER, EXPIRING_TRIAL, INACTIVE]
  phone:
    description:
      - The user's phone number. An empty string clears it.
    type: str
  title:
    description:
      - The user's job title. An empty string clears it.
    type: str
  location:
    description:
      - The user's location. An empty string clears it.
    type: str
  state:
    description:
      - V(present) creates the user, or reactivates a deactivated one, and updates the fields given.
      - V(absent) deactivates the user; Jama cannot delete users. Only O(username) is used. A user already deactivated is
        left alone; a username Jama does not know fails (see the notes on unknown names).
    type: str
    choices: [present, absent]
    default: present
  allow_self_lockout:
    description:
      - Allow the run to deactivate, or to change the license of, the account that the module's own credentials belong to.
      - Without it such a run fails before any write, because the caller would lose its REST API access (a deactivated
        user, or one without a Named Creator license, cannot use the API) and every later task with it.
    type: bool
    default: false
notes:
  - The caller must be an organization admin.
  - Users provisioned by SCIM from an identity provider (Okta, Microsoft Entra ID and the like) belong to that provider;
    the next sync overwrites what this module changes (names, email, active flag). Manage those accounts at the provider,
    and use this module for accounts Jama itself holds, such as service accounts.
seealso:
  - module: jama.connect.jama_user_info
  - module: jama.connect.jama_rest_access
"""

EXAMPLES = r"""
- name: Ensure a service account for the CI pipeline
  jama.connect.jama_user:
    url: https://example.jamacloud.com
    client_id: "{{ jama_admin_client_id }}"
    client_secret: "{{ jama_admin_client_secret }}"
    username: svc-ci
    first_name: CI
    last_name: Service Account
    email: ci-bot@example.com
    password: "{{ svc_ci_initial_password }}"
    title: Continuous integration

- name: Update one field of an existing user (other fields keep their values)
  jama.connect.jama_user:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    username: jane.doe
    title: Principal Systems Engineer

- name: Deactivate a departed contractor (Jama cannot delete users), showing the change
  jama.connect.jama_user:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
    username: old.contractor
    state: absent
  diff: true

- name: Reactivate the contractor, with the connection from module_defaults
  module_defaults:
    group/jama.connect.jama:
      url: https://example.jamacloud.com
      token: "{{ jama_token }}"
  jama.connect.jama_user:
    username: old.contractor
    state: present
"""

RETURN = r"""
outcome:
  description:
    - What the run did to the user (in check mode, would do).
    - V(created) a new user; V(reactivated) a deactivated user (and updated the fields given, if any differed);
      V(updated) fields of an active user; V(deactivated) an active user (O(state=absent)); V(unchanged) nothing.
  returned: always
  type: str
  choices: [created, reactivated, updated, unchanged, deactivated]
  sample: created
user:
  description:
    - The user as Jama holds it after the run (in check mode, as it would be), in Jama's field names. Never a password.
    - In check mode a user that would be created has no C(id); such a record can be passed to
      O(jama.connect.jama_rest_access#module:planned_users) to plan its REST API access in the same check run.
  returned: always
  type: dict
  sample:
    id: 42
    username: svc-ci
    firstName: CI
    lastName: Service Account
    email: ci-bot@example.com
    phone: ""
    title: Continuous integration
    location: ""
    licenseType: NAMED
    avatarUrl: ""
    active: true
    type: users
diff:
  description:
    - The user's fields and active flag before and after the run, as text, one C(field) C(:) C(value) line each (Jama's field
      names), so that names read as they are and only changed fields show; empty text for no user. Never a password.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: The user before the run; empty before a create.
      returned: in diff mode
      type: str
      sample: |
        username: old.contractor
        firstName: Otto
        lastName: Contractor
        email: old.contractor@example.com
        phone:
        title: Former Contractor
        location:
        licenseType: NAMED
        active: true
    after:
      description: The user after the run (in check mode, as it would be).
      returned: in diff mode
      type: str
      sample: |
        username: old.contractor
        firstName: Otto
        lastName: Contractor
        email: old.contractor@example.com
        phone:
        title: Former Contractor
        location:
        licenseType: NAMED
        active: false
    before_header:
      description: Which user the diff is about.
      returned: in diff mode
      type: str
      sample: user old.contractor
    after_header:
      description: Which user the diff is about.
      returned: in diff mode
      type: str
      sample: user old.contractor
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, field_lines, name_problem, run_module, text_diff
from ansible_collections.jama.connect.plugins.module_utils.jama.users import (
    API_LICENSE,
    DIFF_FIELDS,
    LICENSE_TYPES,
    changes,
    create_user,
    diff_view,
    find_user,
    missing_for_create,
    public_user,
    set_active,
    to_jama,
    update_user,
    users_answered_for,
)

# Jama refuses these empty, on create and on update alike.
NOT_EMPTY = ("first_name", "last_name", "email")
# What a run does to the user: the values of the outcome it returns.
CREATED = "created"
REACTIVATED = "reactivated"
UPDATED = "updated"
UNCHANGED = "unchanged"
DEACTIVATED = "deactivated"


def option_problems(params):
    """Every reason the options cannot work, each naming the option; found before any request."""
    problems = [problem for problem in [name_problem("username", params["username"])] if problem]
    for option in NOT_EMPTY:
        if params[option] is not None and not params[option].strip():
            problems.append("%s is empty: Jama requires a value (leave the option out to keep the current one)" % option)
    return problems


def refuse_incomplete_create(username, missing):
    names = missing[0] if len(missing) == 1 else "%s and %s" % (", ".join(missing[:-1]), missing[-1])
    raise ConfigurationError("User %s does not exist, and creating it needs %s, missing or empty here; nothing was changed"
                             % (username, names))


def plan_present(params, current):
    """(outcome, fields to change) for state=present: what the write point will do, decided before any write."""
    if current is None:
        missing = missing_for_create(params)
        if missing:
            refuse_incomplete_create(params["username"], missing)
        return CREATED, {}
    delta = changes(current, to_jama(params))
    if not current.get("active", True):
        return REACTIVATED, delta
    return (UPDATED if delta else UNCHANGED), delta


def plan_absent(client, params, current):
    """The outcome for state=absent. Jama never deletes a user, so a username it does not know is a mistake, not a done job."""
    if current is None:
        refuse_unknown(client, params["username"])
    return DEACTIVATED if current.get("active", True) else UNCHANGED


def refuse_unknown(client, username):
    # What Jama's own username filter answers for the name is the closest thing to "did you mean".
    similar = sorted(set(record.get("username") for record in users_answered_for(client, username)) - {username})
    suffix = " (names match exactly; did you mean %s?)" % ", ".join(repr(name) for name in similar) if similar else ""
    raise ConfigurationError("User %s does not exist%s, so there is nothing to deactivate; nothing was changed. Jama never "
                             "deletes users, so a username it does not know is not the result of an earlier run"
                             % (username, suffix))


def refuse_self_lockout(client, params, current, outcome, delta):
    """Deactivating the caller, or changing its license, locks every later task out: refuse unless asked for."""
    if params["allow_self_lockout"] or current is None:
        return
    if outcome != DEACTIVATED and "licenseType" not in delta:
        return
    if client.current_user().get("id") != current.get("id"):
        return
    change = ("deactivate" if outcome == DEACTIVATED else
              "change the license (%s to %s) of" % (current.get("licenseType"), delta["licenseType"]))
    raise ConfigurationError(
        "This run would %s user %s, the account these credentials belong to, which would lock every later task out of "
        "the REST API; nothing was changed" % (change, current["username"]),
        hint="Run it with another admin's credentials, or set allow_self_lockout=true if that is intended")


def apply(client, params, current, outcome, delta, check_mode):
    """The single write point: the record after the run (in check mode, as it would be)."""
    if outcome == CREATED:
        wanted = to_jama(params)
        wanted.setdefault("licenseType", API_LICENSE)
        return create_user(client, wanted, params["password"], check_mode)
    after = current
    if outcome == DEACTIVATED:
        return set_active(client, after, False, check_mode)
    if outcome == REACTIVATED:
        after = set_active(client, after, True, check_mode)
    if delta:
        after = update_user(client, after, delta, check_mode)
    return after


def license_warning(params, after):
    """The user as it ends up: its license may come from the option or from what Jama already held."""
    license_type = (after or {}).get("licenseType")
    if params["state"] == "present" and license_type and license_type != API_LICENSE:
        return ("User %s has license %s: only Named Creator (NAMED) users can use the REST API, so this user cannot, "
                "even with REST API access granted" % (params["username"], license_type))
    return None


def run(module, client):
    """Look the user up, then create, update, deactivate or reactivate it; returns (changed, result, diff)."""
    params = module.params
    problems = option_problems(params)
    if problems:
        raise ConfigurationError("; ".join(problems))
    current = find_user(client, params["username"])
    if params["state"] == "absent":
        outcome, delta = plan_absent(client, params, current), {}
    else:
        outcome, delta = plan_present(params, current)
    refuse_self_lockout(client, params, current, outcome, delta)
    after = apply(client, params, current, outcome, delta, module.check_mode) if outcome != UNCHANGED else current
    warning = license_warning(params, after)
    if warning:
        module.warn(warning)
    return outcome != UNCHANGED, dict(user=public_user(after), outcome=outcome), user_diff(params["username"], current, after)


def user_diff(username, before, after):
    """The user's fields and active flag, one ``field: value`` line each; no text for no user."""
    def lines(record):
        return field_lines(diff_view(record), DIFF_FIELDS) if record else None
    return text_diff(lines(before), lines(after), "user %s" % username)


def argument_spec():
    return connection_argument_spec(
        username=dict(type="str", required=True),
        first_name=dict(type="str"),
        last_name=dict(type="str"),
        email=dict(type="str"),
        password=dict(type="str", no_log=True),
        license_type=dict(type="str", choices=list(LICENSE_TYPES)),
        phone=dict(type="str"),
        title=dict(type="str"),
        location=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        allow_self_lockout=dict(type="bool", default=False),
    )


def main():
    module = JamaModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
