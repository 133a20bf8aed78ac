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
  - Only users with a Named Creator licence (C(NAMED)) can use the REST API. The module warns when O(license_type) is
    another licence with O(state=present), because such a user, a service account for example, cannot use the REST API.
  - Grant a user REST API access with M(jama.connect.jama_rest_access).
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
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
      - The user's licence.
      - A new user gets V(NAMED) when this is not set. An existing user keeps the licence it has unless this is set,
        so that a run which only updates, say, an email address never changes what a seat costs.
      - Only V(NAMED) (Named Creator) users can use the REST API. With O(state=present) the module warns when the user
        ends up with any other licence, whether set here or kept.
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
      - V(absent) deactivates the user; Jama cannot delete users. Only O(username) is used; a user that does not exist or is
        already deactivated is left alone.
    type: str
    choices: [present, absent]
    default: present
notes:
  - The caller must be an organization admin.
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
user:
  description:
    - The user as Jama holds it after the run (in check mode, as it would be), in Jama's field names. Never a password.
    - Empty when there is no such user (O(state=absent)). In check mode a user that would be created has no C(id).
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
  description: The user's fields and active flag before and after the run; C({}) for no user.
  returned: in diff mode
  type: dict
  contains:
    before:
      description: The user before the run.
      returned: in diff mode
      type: dict
      sample: {"username": "old.contractor", "firstName": "Otto", "active": true}
    after:
      description: The user after the run (in check mode, as it would be).
      returned: in diff mode
      type: dict
      sample: {"username": "old.contractor", "firstName": "Otto", "active": false}
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""


from ansible_collections.jama.connect.plugins.module_utils.connection import (
    client_from_module,
    connection_argument_spec,
)
from ansible_collections.jama.connect.plugins.module_utils.http.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, name_problem, run_module
from ansible_collections.jama.connect.plugins.module_utils.jama.users import (
    API_LICENSE,
    LICENSE_TYPES,
    changes,
    create_user,
    find_user,
    missing_for_create,
    public_user,
    set_active,
    to_jama,
    update_user,
    user_diff,
)

# Jama refuses these empty, on create and on update alike.
NOT_EMPTY = ("first_name", "last_name", "email")


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


def ensure_present(client, params, current, check_mode):
    """Create, reactivate and update as needed; (changed, record after)."""
    wanted = to_jama(params)
    if current is None:
        missing = missing_for_create(params)
        if missing:
            refuse_incomplete_create(params["username"], missing)
        wanted.setdefault("licenseType", API_LICENSE)
        return True, create_user(client, wanted, params["password"], check_mode)
    changed, after = False, current
    if not current.get("active", True):
        changed, after = True, set_active(client, after, True, check_mode)
    delta = changes(current, wanted)
    if delta:
        changed, after = True, update_user(client, after, delta, check_mode)
    return changed, after


def ensure_absent(client, current, check_mode):
    """Deactivate an active user; (changed, record after). Jama has no user delete."""
    if current is None or not current.get("active", True):
        return False, current
    return True, set_active(client, current, False, check_mode)


def license_warning(params, after):
    """The user as it ends up: its licence may come from the option or from what Jama already held."""
    license_type = (after or {}).get("licenseType")
    if params["state"] == "present" and license_type and license_type != API_LICENSE:
        return ("User %s has licence %s: only Named Creator (NAMED) users can use the REST API, so this user cannot, "
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
        changed, after = ensure_absent(client, current, module.check_mode)
    else:
        changed, after = ensure_present(client, params, current, module.check_mode)
    warning = license_warning(params, after)
    if warning:
        module.warn(warning)
    return changed, dict(user=public_user(after)), user_diff(current, after)


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
    )


def main():
    module = JamaModule(argument_spec=argument_spec(), supports_check_mode=True)
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
