# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""User groups and their members over the one client: every group read and write of the collection lives here."""

from ansible_collections.jama.connect.plugins.module_utils.http.errors import BadRequest, ConfigurationError, NotFound, UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.http.paging import MAX_PAGE_SIZE

GROUPS_PATH = "/rest/v1/usergroups"


def group_path(group_id):
    return "%s/%s" % (GROUPS_PATH, group_id)


def members_path(group_id):
    return "%s/users" % group_path(group_id)


def all_groups(client):
    """Every user group, as Jama lists them."""
    return list(client.paged(GROUPS_PATH, page_size=MAX_PAGE_SIZE))


def groups_named(client, name):
    """The groups whose name is exactly `name`: none, one, or several (project groups may share a name)."""
    return [group for group in client.paged(GROUPS_PATH, page_size=MAX_PAGE_SIZE) if group.get("name") == name]


def find_group(client, name):
    """The one group called `name`, or None; an error when several carry the name, or only another case of it."""
    every = all_groups(client)
    found = [group for group in every if group.get("name") == name]
    if len(found) > 1:
        raise ConfigurationError("name %r is ambiguous: %d groups carry it (ids %s), project groups included"
                                 % (name, len(found), ", ".join(str(group["id"]) for group in found)))
    if not found:
        similar = sorted(group["name"] for group in every if str(group.get("name", "")).lower() == name.lower())
        if similar:
            # Jama refuses a second organization group whose name differs only in case.
            raise ConfigurationError("no group is named exactly %r, but %s is; names match exactly, so give that name"
                                     % (name, " and ".join(repr(other) for other in similar)))
    return found[0] if found else None


def create_group(client, name, description=None):
    """Create a group; its new id, from the 201 answer's meta.id."""
    body = {"name": name}
    if description is not None:
        body["description"] = description
    answer = client.post(GROUPS_PATH, json=body)
    group_id = (answer.get("meta") or {}).get("id")
    if isinstance(group_id, bool) or not isinstance(group_id, int):
        raise UnexpectedResponse("Jama created the group but its answer lacks the new id (meta.id)", status=201,
                                 method="POST", path=GROUPS_PATH)
    return group_id


def update_group(client, group_id, name, description):
    """Replace the group's name and description (Jama's PUT replaces both)."""
    client.put(group_path(group_id), json={"name": name, "description": description})


def delete_group(client, group_id):
    delete_if_present(client, group_path(group_id))


def member_records(client, group_id):
    """The members of a user group as Jama lists them: whole user records (J), licence and active flag included."""
    return list(client.paged(members_path(group_id), page_size=MAX_PAGE_SIZE))


def usernames_by_id(records):
    return dict((user["id"], user["username"]) for user in records)


def group_members(client, group_id):
    """Members of a user group: user id -> username."""
    return usernames_by_id(member_records(client, group_id))


def add_member(client, group_id, user_id):
    try:
        client.post(members_path(group_id), json={"user": user_id}, retry_safe=True)
    except BadRequest as err:
        # A retried add whose first attempt landed: the user is a member, which is the goal.
        if not err.already_exists:
            raise


def remove_member(client, group_id, user_id):
    delete_if_present(client, "%s/%s" % (members_path(group_id), user_id))


def delete_if_present(client, path):
    # A 404 means it is already gone: a retried or repeated run has converged.
    try:
        client.delete(path)
    except NotFound:
        pass
