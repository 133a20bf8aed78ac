# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Jama users through the public v1 API: find, list, create, update, activate and deactivate.

Jama cannot delete a user; deactivating is the end of a user's life. Its PUT replaces the whole
record and refuses a password, so an update sends every field, current values merged with the
changes, and a password is only ever sent when the user is created.
"""

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import UnexpectedResponse

USERS_PATH = "/rest/v1/users"
# The user list filter that leaves no user out: Jama lists only active users unless asked, and inactive
# ones must be found too, to be named and warned about rather than called unknown.
ALL_USERS = {"includeInactive": "true"}
# (J) licenseType values; only NAMED (Named Creator) may use the REST API.
LICENSE_TYPES = (
    "NAMED", "FLOATING", "STAKEHOLDER", "FLOATING_COLLABORATOR", "RESERVED_COLLABORATOR", "FLOATING_REVIEWER",
    "RESERVED_REVIEWER", "NAMED_REVIEWER", "TEST_RUNNER", "EXPIRING_TRIAL", "INACTIVE",
)
API_LICENSE = "NAMED"
# Module option -> Jama's field, for every field of the record that a PUT replaces (J).
FIELDS = (
    ("username", "username"),
    ("first_name", "firstName"),
    ("last_name", "lastName"),
    ("email", "email"),
    ("phone", "phone"),
    ("title", "title"),
    ("location", "location"),
    ("license_type", "licenseType"),
)
RECORD_FIELDS = tuple(field for _option, field in FIELDS)
# What Jama needs to create a user, besides the username and license the module always has.
CREATE_REQUIRED = ("first_name", "last_name", "email", "password")
# Fields Jama stores as text that may be empty; a missing one and an empty one are the same to Jama.
OPTIONAL_TEXT = ("phone", "title", "location")
# What a user looks like in a diff: the record's fields and whether the user is active.
DIFF_FIELDS = RECORD_FIELDS + ("active",)


def to_jama(options):
    """Jama's fields for the options that were given (not None), keyed by Jama's camelCase names."""
    return dict((field, options[option]) for option, field in FIELDS if options.get(option) is not None)


def missing_for_create(options):
    """The options Jama needs to create a user that are missing or blank, in documentation order."""
    return [option for option in CREATE_REQUIRED if not (options.get(option) or "").strip()]


def _same(field, current, wanted):
    if field in OPTIONAL_TEXT:
        return (current or "") == (wanted or "")
    return current == wanted


def changes(current, wanted):
    """The fields of ``wanted`` whose value differs from the ``current`` record."""
    return dict((field, value) for field, value in wanted.items() if not _same(field, current.get(field), value))


def merged_record(current, changed):
    """The whole record a PUT must carry: every field of ``current``, with ``changed`` applied, never a password."""
    record = dict((field, current.get(field)) for field in RECORD_FIELDS)
    record.update((field, value) for field, value in changed.items() if field in RECORD_FIELDS)
    return record


def public_user(record):
    """The user as modules return it: Jama's record, without anything secret (Jama sends no password; never pass one on)."""
    return dict((key, value) for key, value in (record or {}).items() if key != "password")


def diff_view(record):
    """The part of a user record that a diff shows; {} when there is no user."""
    if not record:
        return {}
    return dict((field, record.get(field)) for field in DIFF_FIELDS if field in record)


def users_answered_for(client, username):
    """What Jama's username filter answers for ``username``, active users or not, up to the exact match.

    The filter may match more loosely than "equals" (a part of the name, another case), so the caller
    checks each record; reading stops once the exact name has been yielded.
    """
    for record in client.paged(USERS_PATH, params=dict(ALL_USERS, username=username)):
        yield record
        if record.get("username") == username:
            return


def find_user(client, username):
    """The user whose username is exactly ``username``, active or not; None when there is none."""
    for record in users_answered_for(client, username):
        if record.get("username") == username:
            return record
    return None


def list_users(client, username=None, email=None, license_type=None, include_inactive=False):
    """Every user matching all the filters given: ``username`` exactly, ``email`` exactly but for case."""
    params = {"includeInactive": "true" if include_inactive else "false"}
    for name, value in (("username", username), ("email", email), ("licenseType", license_type)):
        if value:
            params[name] = value
    users = []
    for record in client.paged(USERS_PATH, params=params):
        if username and record.get("username") != username:
            continue
        if email and (record.get("email") or "").lower() != email.lower():
            continue
        if license_type and record.get("licenseType") != license_type:
            continue
        users.append(public_user(record))
    return users


def user_path(user_id):
    return "%s/%s" % (USERS_PATH, user_id)


def read_user(client, user_id):
    return client.get_data(user_path(user_id))


def create_user(client, fields, password, check_mode=False):
    """Create a user from Jama ``fields`` and ``password``; the new record (in check mode, the one it would be)."""
    if check_mode:
        planned = dict((field, fields.get(field)) for field in RECORD_FIELDS)
        planned["active"] = True
        return planned
    answer = client.post(USERS_PATH, json=dict(fields, password=password))
    user_id = (answer.get("meta") or {}).get("id")
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        raise UnexpectedResponse("Jama created the user but its answer carries no id", method="POST", path=USERS_PATH,
                                 hint="Look the user up by username before running again")
    return read_user(client, user_id)


def update_user(client, current, changed, check_mode=False):
    """PUT the whole record, ``current`` merged with ``changed``; the record as it is after (or would be)."""
    record = merged_record(current, changed)
    if check_mode:
        return dict(current, **record)
    client.put(user_path(current["id"]), json=record)
    return read_user(client, current["id"])


def set_active(client, current, active, check_mode=False):
    """Activate or deactivate a user; the record with its new active flag (Jama answers no data)."""
    if not check_mode:
        client.put(user_path(current["id"]) + "/active", json={"active": active})
    return dict(current, active=active)
