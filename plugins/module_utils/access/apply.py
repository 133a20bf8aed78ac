# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The two ways of holding REST API access.

``access_list`` manages the organization's REST API access list (the collection's contract, see the
design); ``group`` manages the members of one user group that has access (Jama's recommended setup,
public v1 endpoints only). Each reads the current state once and writes only in ``apply()``.
"""

from ansible_collections.jama.connect.plugins.module_utils.access.plan import AccessState, apply_plan, kept_through_groups, self_lockout
from ansible_collections.jama.connect.plugins.module_utils.http.errors import (
    ConfigurationError,
    NotFound,
    PermissionDenied,
    UnexpectedResponse,
)
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import (
    add_member,
    delete_if_present,
    group_members,
    member_records,
    remove_member,
    usernames_by_id,
)
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import UnresolvedPrincipals, resolve_group

ACCESS_LIST_PATH = "/rest/v1/system/settings/restapiaccess"
METHODS = ("group", "access_list")
# The group method is the only one every published Jama Connect release serves.
DEFAULT_METHOD = "group"
# Jama's recommended name for the user group that an admin puts on the REST API access list.
DEFAULT_ACCESS_GROUP = "REST API Users"
MANAGED_ACCESS_OFF = (
    "REST API access control is turned off on this instance, so every user with a Named Creator licence can use the API; "
    "the list takes effect once access control is turned on"
)
MISSING_ENDPOINT_HINT = (
    "No published Jama Connect release serves these endpoints. Use method: group (the default) with access_group set to a "
    "user group that holds REST API access (Jama's recommended setup, which needs only public endpoints)"
)
MISSING_GROUP_HINT = (
    "Create the group with jama.connect.jama_user_group (or in Admin > Organization > User groups), then put it on the "
    "REST API list once in the admin UI: Admin > Organization > REST API > Configure access control"
)


def access_argument_spec():
    """The method and access_group options, as every module that reads or manages REST API access takes them."""
    return dict(
        method=dict(type="str", choices=list(METHODS), default=DEFAULT_METHOD),
        access_group=dict(type="str", default=DEFAULT_ACCESS_GROUP),
    )


def access_option_problems(params):
    """What is wrong with the method and access_group options, checked before any request."""
    if params["method"] == "group" and not (params["access_group"] or "").strip():
        return ["access_group must name the user group that holds REST API access when method=group"]
    return []


class _Backend:
    """Shared reads: group memberships, cached because the lockout and kept-access checks share them."""

    # Whole user records the state read carried, for name resolution to match before it reads users.
    known_users = ()

    def __init__(self, client):
        self.client = client
        self.current = None
        self._members = {}

    def members(self, group_id):
        if group_id not in self._members:
            self._members[group_id] = group_members(self.client, group_id)
        return self._members[group_id]

    def read_state(self):
        raise NotImplementedError

    def _write(self, plan):
        raise NotImplementedError

    def reread(self):
        """The state as it is now, read again without the cache: what other writers did meanwhile shows."""
        raise NotImplementedError

    def apply(self, plan, check_mode):
        """The single write point: apply `plan` unless in check mode; return the resulting state either way."""
        after = apply_plan(self.current, plan)
        if plan.changed and not check_mode:
            self._write(plan)
        return after

    def caller_lockout(self, plan, after, caller_id):
        """Names of the removed principals that carried the caller's access, when the caller would keep none."""
        if caller_id in after.users:
            return []
        removed_holders = [gid for gid in plan.remove.groups if caller_id in self.members(gid)]
        if caller_id not in plan.remove.users and not removed_holders:
            return []
        remaining_holders = [gid for gid in after.groups if caller_id in self.members(gid)]
        return self_lockout(plan, after, caller_id, set(removed_holders + remaining_holders))

    def kept_through_groups(self, plan, after):
        """Revoked users who keep access through a group still on the list: {username: [group names]}."""
        removed = plan.remove.users
        if not removed or not after.groups:
            return {}
        members = dict((gid, set(self.members(gid))) for gid in after.groups)
        kept = kept_through_groups(set(removed), after, members)
        return dict((removed[uid], names) for uid, names in kept.items())


class AccessListBackend(_Backend):
    """The organization's REST API access list (Admin > Organization > REST API)."""

    method = "access_list"

    def read_state(self):
        """Read the list once; this also probes that the instance serves the endpoint."""
        try:
            data = self.client.get_data(ACCESS_LIST_PATH)
        except (NotFound, UnexpectedResponse) as err:
            if err.path != ACCESS_LIST_PATH:
                raise  # the token request, say, at a URL without its context path
            raise ConfigurationError(
                "This Jama Connect instance does not serve the REST API access list endpoint (%s answered %s)"
                % (ACCESS_LIST_PATH, err.status if err.status is not None else "with something other than JSON"),
                status=err.status, method="GET", path=ACCESS_LIST_PATH, hint=MISSING_ENDPOINT_HINT)
        except PermissionDenied as err:
            err.hint = "Managing the REST API access list needs an organization admin"
            raise
        self.current = _access_list_state(data)
        return self.current

    def reread(self):
        return _access_list_state(self.client.get_data(ACCESS_LIST_PATH))

    def _write(self, plan):
        # Adds first, in one all-or-nothing batch: an exclusive run that stops half-way has then
        # only granted, never left the list emptier than both the old and the new state.
        if not plan.add.is_empty():
            body = {"users": sorted(plan.add.users), "groups": sorted(plan.add.groups)}
            self.client.post(ACCESS_LIST_PATH, json=body, retry_safe=True)
        for user_id in sorted(plan.remove.users):
            delete_if_present(self.client, "%s/users/%s" % (ACCESS_LIST_PATH, user_id))
        for group_id in sorted(plan.remove.groups):
            delete_if_present(self.client, "%s/groups/%s" % (ACCESS_LIST_PATH, group_id))


def _access_list_state(data):
    if not isinstance(data, dict) or not isinstance(data.get("users"), list) or not isinstance(data.get("groups"), list):
        raise UnexpectedResponse("The REST API access list answer lacks its users and groups lists", method="GET", path=ACCESS_LIST_PATH,
                                 hint=MISSING_ENDPOINT_HINT)
    return AccessState(
        users=dict((user["id"], user["username"]) for user in data["users"]),
        groups=dict((group["id"], group["name"]) for group in data["groups"]),
        managed_access=data.get("managedAccess"),
    )


class GroupBackend(_Backend):
    """Membership of one user group that holds REST API access (access_group)."""

    method = "group"

    def __init__(self, client, access_group):
        super(GroupBackend, self).__init__(client)
        self.access_group = access_group
        self.group = None

    def read_state(self):
        try:
            self.group = resolve_group(self.client, self.access_group, "access_group")
        except UnresolvedPrincipals as err:
            if "not found" in err.message:
                err.hint = MISSING_GROUP_HINT
            raise
        self.known_users = member_records(self.client, self.group["id"])
        self._members[self.group["id"]] = usernames_by_id(self.known_users)
        self.current = AccessState(users=self.members(self.group["id"]))
        return self.current

    def reread(self):
        return AccessState(users=group_members(self.client, self.group["id"]))

    def _write(self, plan):
        # Adds first, for the same reason as on the access list.
        for user_id in sorted(plan.add.users):
            add_member(self.client, self.group["id"], user_id)
        for user_id in sorted(plan.remove.users):
            remove_member(self.client, self.group["id"], user_id)


def make_backend(client, method, access_group=None):
    if method == "group":
        return GroupBackend(client, access_group)
    return AccessListBackend(client)
