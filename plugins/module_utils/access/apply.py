# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""REST API access as Jama's API allows it: membership of one user group that an admin put on the REST API list.

Jama's recommended setup, on public v1 endpoints only. The list itself is set in the admin UI and no
published release serves it, so nothing here reads or writes it. Reads the members once; writes only in apply().
"""

from ansible_collections.jama.connect.plugins.module_utils.access.plan import Members, apply_plan
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import group_members, member_records, usernames_by_id, write_members
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import find_group

# Jama's recommended name for the user group that an admin puts on the REST API access list.
DEFAULT_ACCESS_GROUP = "REST API Users"
LIST_STEP = "Admin > Organization > REST API > Configure access control, add the group"
MISSING_GROUP_HINT = (
    "Create the group with jama.connect.jama_user_group (or in Admin > Organization > User groups), then put it on the "
    "REST API list once in the admin UI: " + LIST_STEP)
GROUPS_REFUSED = (
    "groups %s cannot be granted REST API access by this collection: Jama sets a group's REST API access only in its "
    "admin UI (%s). Grant the group's members as users instead, or add the group there")


def access_argument_spec():
    """The access_group option, as every module that reads or manages REST API access takes it."""
    return dict(access_group=dict(type="str", default=DEFAULT_ACCESS_GROUP))


def access_option_problems(params):
    """What is wrong with access_group, checked before any request."""
    if not (params["access_group"] or "").strip():
        return ["access_group must name the user group that holds REST API access"]
    return []


def groups_refused(groups):
    """The one honest answer to a request to grant or revoke groups: the UI step, before any request."""
    return GROUPS_REFUSED % (", ".join(repr(group) for group in groups), LIST_STEP)


def missing_group_error(value, alike):
    """The error for an access group that does not exist: its name, the names alike, and the steps that make it."""
    suffix = " (names match exactly; groups with similar names: %s)" % ", ".join(repr(name) for name in alike) if alike else ""
    return ConfigurationError("access_group: no user group is named %r%s, so nothing was changed" % (value, suffix),
                              hint=MISSING_GROUP_HINT)


class GroupAccess:
    """Membership of the access group, read once and written at one point."""

    def __init__(self, client, access_group):
        self.client = client
        self.access_group = access_group
        self.group = None
        self.current = None
        # The members' whole user records, for name resolution to match before it reads any user.
        self.known_users = []

    def read_state(self):
        self.group, alike = find_group(self.client, self.access_group, "access_group")
        if self.group is None:
            raise missing_group_error(self.access_group, alike)
        self.known_users = member_records(self.client, self.group["id"])
        self.current = Members(usernames_by_id(self.known_users))
        return self.current

    def reread(self):
        """The members as they are now, read again: what other writers did meanwhile shows."""
        return Members(group_members(self.client, self.group["id"]))

    def apply(self, plan, check_mode):
        """The single write point: apply `plan` unless in check mode; return the resulting members either way."""
        after = apply_plan(self.current, plan)
        if plan.changed and not check_mode:
            write_members(self.client, self.group["id"], plan.add.users, plan.remove.users)
        return after
