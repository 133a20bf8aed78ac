# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The demo seed's credentials and secrets, and the small and large seeds tests build."""

from __future__ import annotations

ADMIN_CLIENT = {"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c"}
CI_CLIENT = {"client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
ACCESS_GROUP = "REST API Users"
# Every secret of the demo seed: client secrets and passwords.
DEMO_SECRETS = ("admin-secret-0f8e2c", "ci-secret-5b7d1a", "reports-secret-3c9a71", "floating-secret-7e21d4",
                "admin-password", "svc-ci-password", "demo-password")
CLIENT_SECRETS = (ADMIN_CLIENT["client_secret"], CI_CLIENT["client_secret"])
REST_ACCESS = "jama.connect.jama_rest_access"
TOKEN = "jama.connect.jama_token"


def connection(sim, credentials=None, **options):
    """Module options reaching the simulator with the admin's client credentials unless told otherwise."""
    arguments = dict(url=sim.base_url, allow_http=sim.base_url.startswith("http:"))
    arguments.update(ADMIN_CLIENT if credentials is None else credentials)
    arguments.update(options)
    return arguments


def small_seed(users, groups=(), access_users=("admin",), access_groups=(), managed_access=True):
    """A seed with the admin and its API client plus `users` (dicts or usernames) and `groups` ({name: members})."""
    people = [{"username": "admin", "password": "admin-password", "admin": True}]
    for entry in users:
        people.append(dict(entry) if isinstance(entry, dict) else {"username": entry})
    return {
        "managed_access": managed_access,
        "access_list": {"users": list(access_users), "groups": list(access_groups)},
        "users": people,
        "groups": [{"name": name, "members": list(members)} for name, members in dict(groups).items()],
        "clients": [dict(ADMIN_CLIENT, user="admin")],
    }


def large_seed(user_count, access_members=3):
    """A seed with the demo's admin and API clients, ``user_count`` active Named users and the access group.

    ``access_members`` of the generated users already belong to the access group, so a grant of all of
    them both adds and leaves alone. Returns (seed, generated usernames).
    """
    users = [{"username": "admin", "password": "admin-password", "admin": True},
             {"username": "svc-ci", "password": "svc-ci-password"}]
    generated = ["user%04d" % index for index in range(1, user_count + 1)]
    users.extend({"username": name, "firstName": "User", "lastName": name[4:]} for name in generated)
    return {
        "managed_access": True,
        "access_list": {"users": ["admin"], "groups": [ACCESS_GROUP]},
        "users": users,
        "groups": [{"name": ACCESS_GROUP, "description": "Users allowed to use the REST API",
                    "members": generated[:access_members]}],
        "clients": [dict(ADMIN_CLIENT, user="admin"), dict(CI_CLIENT, user="svc-ci")],
    }, generated
