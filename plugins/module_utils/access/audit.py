# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""What REST API access looks like, read for people to audit.

Reads only through the access backends (the same reads jama_rest_access plans from) and the principal
lookups; judges who cannot use the API with the rule jama_rest_access applies to its grants.
"""

from ansible_collections.jama.connect.plugins.module_utils.access.apply import make_backend
from ansible_collections.jama.connect.plugins.module_utils.access.plan import find_ineffective, sorted_names
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import resolve_principals


def _by_username(records):
    return sorted(records, key=lambda record: (record["username"].lower(), record["username"]))


def user_records(client, user_ids):
    """The full user records (licence, active flag) of `user_ids`: id -> record.

    Membership and access-list answers name users only; looking them up by id costs the fewest requests
    the instance size allows (often the one first page of all users).
    """
    if not user_ids:
        return {}
    users = resolve_principals(client, users=[str(user_id) for user_id in sorted(user_ids)])[0]
    return dict((user["id"], user) for user in users)


def describe_user(record):
    return {"id": record["id"], "username": record["username"], "licenseType": record.get("licenseType"), "active": record.get("active")}


def _described(records, user_ids):
    return [describe_user(record) for record in _by_username(records[user_id] for user_id in user_ids)]


def audit_group(client, access_group):
    """The access group, its members and those of them who cannot use the API (group method)."""
    backend = make_backend(client, "group", access_group)
    state = backend.read_state()
    records = user_records(client, state.users)
    return {
        "id": backend.group["id"],
        "name": backend.group["name"],
        "members": _described(records, state.users),
        "ineffective": find_ineffective(records.values()),
    }


def audit_access_list(client):
    """The access list, the members of its groups and every holder who cannot use the API (access_list method)."""
    backend = make_backend(client, "access_list")
    state = backend.read_state()
    members = dict((group_id, backend.members(group_id)) for group_id in state.groups)
    holders = set(state.users).union(*[set(group_members) for group_members in members.values()])
    records = user_records(client, holders)
    ids_by_username = dict((record["username"], user_id) for user_id, record in records.items())
    ineffective = find_ineffective(records.values())
    for item in ineffective:
        user_id = ids_by_username[item["username"]]
        item["listed"] = user_id in state.users
        item["groups"] = sorted_names(state.groups[group_id] for group_id in members if user_id in members[group_id])
    groups = [{"id": group_id, "name": name, "members": _described(records, members[group_id])}
              for group_id, name in sorted(state.groups.items(), key=lambda item: (item[1].lower(), item[1], item[0]))]
    return {
        "managed_access": state.managed_access,
        "users": _described(records, state.users),
        "groups": groups,
        "ineffective": ineffective,
    }
