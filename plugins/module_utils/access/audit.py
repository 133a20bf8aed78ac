# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Who holds REST API access through the access group, read for people to audit.

Reads through GroupAccess (the same reads jama_rest_access plans from) and the user lookups; judges who
cannot use the API with the rule jama_rest_access applies to its grants. Users or groups an admin put on
the REST API list directly, in the UI, are not visible to any read and are not counted.
"""

from ansible_collections.jama.connect.plugins.module_utils.access.apply import GroupAccess
from ansible_collections.jama.connect.plugins.module_utils.access.plan import find_ineffective
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import resolve_users


def _by_username(records):
    return sorted(records, key=lambda record: (record["username"].lower(), record["username"]))


def user_records(client, user_ids):
    """The full user records (license, active flag) of `user_ids`: id -> record.

    Membership reads name users only; looking them up by id costs the fewest requests the instance
    size allows (often the one first page of all users).
    """
    if not user_ids:
        return {}
    users = resolve_users(client, [str(user_id) for user_id in sorted(user_ids)])
    return dict((user["id"], user) for user in users)


def describe_user(record):
    return {"id": record["id"], "username": record["username"], "licenseType": record.get("licenseType"), "active": record.get("active")}


def audit_group(client, access_group):
    """The access group, its members and those of them who cannot use the API."""
    access = GroupAccess(client, access_group)
    state = access.read_state()
    records = user_records(client, state.users)
    return {
        "id": access.group["id"],
        "name": access.group["name"],
        "members": [describe_user(record) for record in _by_username(records.values())],
        "ineffective": find_ineffective(records.values()),
    }
