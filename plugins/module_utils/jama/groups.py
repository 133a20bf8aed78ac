# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""User groups and their members over the one client: every group read and write of the collection lives here."""

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import BadRequest, NotFound, UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.rest.paging import MAX_PAGE_SIZE

GROUPS_PATH = "/rest/v1/usergroups"
# (J) What a group record holds, and what modules return of it.
GROUP_KEYS = ("id", "name", "description", "project")


def group_path(group_id):
    return "%s/%s" % (GROUPS_PATH, group_id)


def members_path(group_id):
    return "%s/users" % group_path(group_id)


def group_view(group):
    """A group record as modules return it: Jama's fields, each present (None when Jama left it out)."""
    return dict((key, group.get(key)) for key in GROUP_KEYS)


def all_groups(client):
    """Every user group, as Jama lists them."""
    return list(client.paged(GROUPS_PATH, page_size=MAX_PAGE_SIZE))


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
    """The members of a user group as Jama lists them: whole user records (J), license and active flag included."""
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


def write_members(client, group_id, add_ids, remove_ids):
    """Add, then remove, members of one group: the one order every membership change follows.

    Adds first: a run that stops half-way has then only added, never left the group emptier than both
    the old and the new membership (for the access group, never cut off anyone who keeps access).
    """
    for user_id in sorted(add_ids):
        add_member(client, group_id, user_id)
    for user_id in sorted(remove_ids):
        remove_member(client, group_id, user_id)


def delete_if_present(client, path):
    # A 404 means it is already gone: a retried or repeated run has converged.
    try:
        client.delete(path)
    except NotFound:
        pass
