"""The Jama domain the simulator serves: users, user groups, API clients and the REST API access list.

No HTTP here. Methods raise ApiError with Jama's status codes and messages; callers hold the lock.
"""

import hmac

from .errors import ApiError

NOT_PERMITTED = "This user is not permitted to use the API"
API_LICENSE = "NAMED"
_FILTER_ATTRIBUTES = {"username": "username", "email": "email", "firstName": "first_name", "lastName": "last_name",
                      "licenseType": "license_type"}


class User:
    def __init__(self, spec):
        self.id = spec["id"]
        self.username = spec["username"]
        self.password = spec["password"]
        self.first_name = spec["firstName"]
        self.last_name = spec["lastName"]
        self.email = spec["email"]
        self.phone = spec["phone"]
        self.title = spec["title"]
        self.location = spec["location"]
        self.license_type = spec["licenseType"]
        self.active = spec["active"]
        self.admin = spec["admin"]

    def to_api(self):
        return {"id": self.id, "username": self.username, "firstName": self.first_name, "lastName": self.last_name,
                "email": self.email, "phone": self.phone, "title": self.title, "location": self.location,
                "licenseType": self.license_type, "avatarUrl": "", "active": self.active, "type": "users"}

    def to_state(self):
        return {"id": self.id, "username": self.username, "firstName": self.first_name, "lastName": self.last_name,
                "email": self.email, "licenseType": self.license_type, "active": self.active, "admin": self.admin}


class Group:
    def __init__(self, group_id, name, description, project=None):
        self.id = group_id
        self.name = name
        self.description = description
        # Organization-level groups carry no project (Jama answers null); a project group's name is
        # unique only within its project, which is how two groups come to share a name.
        self.project = project
        self.member_ids = set()

    def to_api(self):
        return {"id": self.id, "name": self.name, "description": self.description, "project": self.project, "type": "usergroups"}


class JamaState:
    """One organization's users, groups, clients and access list, built from a normalized seed."""

    def __init__(self, seed):
        self.managed_access = seed["managed_access"]
        self.users = {spec["id"]: User(spec) for spec in sorted(seed["users"], key=lambda spec: spec["id"])}
        by_name = {user.username: user for user in self.users.values()}
        self.groups = {}
        for spec in sorted(seed["groups"], key=lambda spec: spec["id"]):
            group = Group(spec["id"], spec["name"], spec["description"], spec["project"])
            group.member_ids = {by_name[name].id for name in spec["members"]}
            self.groups[group.id] = group
        self.clients = {spec["client_id"]: (spec["client_secret"], by_name[spec["user"]].id) for spec in seed["clients"]}
        self.access_users = {by_name[name].id for name in seed["access_list"]["users"]}
        # The seed check makes sure a listed group name is unique.
        group_ids = {group.name: group.id for group in self.groups.values()}
        self.access_groups = {group_ids[name] for name in seed["access_list"]["groups"]}
        # Jama never hands a deleted resource's id to a new one: each kind counts up from the seed's highest id.
        self._last_ids = {"users": max(self.users, default=0), "groups": max(self.groups, default=0)}

    # --- lookups -------------------------------------------------------------------------------

    def user(self, user_id):
        user = self.users.get(user_id)
        if user is None:
            raise ApiError(404, "No user with id %d" % user_id)
        return user

    def group(self, group_id):
        group = self.groups.get(group_id)
        if group is None:
            raise ApiError(404, "No user group with id %d" % group_id)
        return group

    def check_client(self, client_id, client_secret):
        """Return the user id behind a client, or None; the secret is compared in constant time."""
        secret, user_id = self.clients.get(client_id, ("", None))
        if user_id is None or not hmac.compare_digest(secret.encode(), client_secret.encode()):
            return None
        return user_id

    def check_password(self, username, password):
        """Return the user for a basic-auth username and password, or None."""
        for user in self.users.values():
            if user.username == username and user.password is not None:
                return user if hmac.compare_digest(user.password.encode(), password.encode()) else None
        return None

    def find_users(self, filters, include_inactive):
        """Users matching every filter: license exactly, text fields as a case-insensitive substring."""
        found = [user for user in self.users.values() if user.active or include_inactive]
        for key, wanted in filters.items():
            attribute = _FILTER_ATTRIBUTES[key]
            if key == "licenseType":
                found = [user for user in found if getattr(user, attribute) == wanted]
            else:
                found = [user for user in found if wanted.lower() in getattr(user, attribute).lower()]
        return found

    # --- user writes (Jama has no user delete) ---------------------------------------------------

    def create_user(self, fields):
        """A new active, non-admin user from Jama's create fields (validated by the caller)."""
        self._check_username_free(fields["username"], None)
        spec = dict(fields, id=self._new_id("users"), active=True, admin=False)
        user = User(spec)
        self.users[user.id] = user
        return user

    def replace_user(self, user_id, fields):
        """Jama's PUT replaces the record: every field given, the licence kept when none is given, never the password."""
        user = self.user(user_id)
        self._check_username_free(fields["username"], user_id)
        user.username, user.first_name, user.last_name = fields["username"], fields["firstName"], fields["lastName"]
        user.email, user.phone, user.title, user.location = fields["email"], fields["phone"], fields["title"], fields["location"]
        if fields.get("licenseType") is not None:
            user.license_type = fields["licenseType"]
        return user

    def set_active(self, user_id, active):
        self.user(user_id).active = active

    def _check_username_free(self, username, own_id):
        for user in self.users.values():
            if user.id != own_id and user.username.lower() == username.lower():
                raise ApiError(400, "A user with username %r already exists" % user.username)

    # --- API access ----------------------------------------------------------------------------

    def may_use_api(self, user):
        if not user.active or user.license_type != API_LICENSE:
            return False
        if not self.managed_access:
            return True
        return user.id in self.access_users or any(user.id in self.groups[gid].member_ids for gid in self.access_groups)

    # --- user groups ---------------------------------------------------------------------------

    def create_group(self, name, description, project=None):
        self._check_group_name_free(name, None, project)
        group = Group(self._new_id("groups"), name, description, project)
        self.groups[group.id] = group
        return group

    def update_group(self, group_id, name, description):
        group = self.group(group_id)
        self._check_group_name_free(name, group_id, group.project)
        group.name, group.description = name, description
        return group

    def delete_group(self, group_id):
        self.group(group_id)
        del self.groups[group_id]
        self.access_groups.discard(group_id)

    def add_member(self, group_id, user_id):
        group, user = self.group(group_id), self.user(user_id)
        if user_id in group.member_ids:
            raise ApiError(400, "User %r already exists in user group %r" % (user.username, group.name))
        group.member_ids.add(user_id)

    def remove_member(self, group_id, user_id):
        group = self.group(group_id)
        if user_id not in group.member_ids:
            raise ApiError(404, "User with id %d is not a member of user group %r" % (user_id, group.name))
        group.member_ids.discard(user_id)

    def members(self, group_id):
        return [self.users[uid] for uid in sorted(self.group(group_id).member_ids)]

    def _new_id(self, kind):
        self._last_ids[kind] += 1
        return self._last_ids[kind]

    def _check_group_name_free(self, name, own_id, project):
        for group in self.groups.values():
            if group.id != own_id and group.project == project and group.name.lower() == name.lower():
                raise ApiError(400, "A user group named %r already exists" % group.name)

    # --- the /__sim/state view -----------------------------------------------------------------

    def snapshot(self):
        client_users = sorted((cid, self.users[uid].username) for cid, (_secret, uid) in self.clients.items())
        return {
            "managed_access": self.managed_access,
            "users": [user.to_state() for user in self.users.values()],
            "groups": [{"id": g.id, "name": g.name, "description": g.description, "project": g.project,
                        "members": [self.users[uid].username for uid in sorted(g.member_ids)]}
                       for g in sorted(self.groups.values(), key=lambda g: g.id)],
            "access_list": {"users": [self.users[uid].username for uid in sorted(self.access_users)],
                            "groups": [self.groups[gid].name for gid in sorted(self.access_groups)]},
            "clients": [{"client_id": cid, "user": username} for cid, username in client_users],
        }
