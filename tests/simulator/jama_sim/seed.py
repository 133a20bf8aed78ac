"""Load and validate seed documents (YAML or JSON) into one normalized dict.

Every problem is reported as `seed <source>: <where>: <what>` so a person can fix the file
without reading the simulator's code.
"""

import json
import os

from .errors import SeedError

# Jama's whole enum, in its documented order; of these only NAMED may use the REST API (model.API_LICENSE).
LICENSE_TYPES = (
    "NAMED", "FLOATING", "STAKEHOLDER", "FLOATING_COLLABORATOR", "RESERVED_COLLABORATOR",
    "FLOATING_REVIEWER", "RESERVED_REVIEWER", "NAMED_REVIEWER", "TEST_RUNNER", "EXPIRING_TRIAL", "INACTIVE",
)
DEMO_SEED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seeds", "demo.yml")

_TOP_KEYS = ("managed_access", "access_list", "users", "groups", "clients")
_USER_TEXT = ("firstName", "lastName", "email", "phone", "title", "location")
_USER_KEYS = ("id", "username", "password", "licenseType", "active", "admin") + _USER_TEXT
_GROUP_KEYS = ("id", "name", "description", "project", "members")
_CLIENT_KEYS = ("client_id", "client_secret", "user")


def load_seed(source=None):
    """Return the normalized seed for a file path, a seed dict, or (None) the demo seed."""
    if source is None:
        source = DEMO_SEED
    if isinstance(source, dict):
        return normalize_seed(source, "<dict>")
    path = os.fspath(source)
    return normalize_seed(_parse_file(path), path)


def _parse_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SeedError("seed %s: cannot read: %s" % (path, exc.strerror))
    if path.endswith(".json"):
        return _parse_json(text, path)
    if path.endswith((".yml", ".yaml")):
        return _parse_yaml(text, path)
    try:
        return json.loads(text)
    except ValueError:
        return _parse_yaml(text, path)


def _parse_json(text, path):
    try:
        return json.loads(text)
    except ValueError as exc:
        raise SeedError("seed %s: invalid JSON: %s" % (path, exc))


def _parse_yaml(text, path):
    try:
        import yaml
    except ImportError:
        raise SeedError("seed %s: PyYAML is needed to read YAML; install it or use a JSON seed" % path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SeedError("seed %s: invalid YAML: %s" % (path, exc))


def normalize_seed(document, source):
    """Validate a parsed seed document and return it with every default filled in."""
    check = _Checker(source)
    check.mapping(document, "document", _TOP_KEYS)
    users = _normalize_users(check, document.get("users", []))
    usernames = {user["username"] for user in users}
    groups = _normalize_groups(check, document.get("groups", []), usernames)
    clients = _normalize_clients(check, document.get("clients", []), usernames)
    access = _normalize_access(check, document.get("access_list", {}), usernames, groups)
    managed = document.get("managed_access", False)
    check.kind(managed, "managed_access", bool, "a boolean")
    return {"managed_access": managed, "users": users, "groups": groups, "clients": clients, "access_list": access}


def _normalize_users(check, users):
    check.kind(users, "users", list, "a list")
    normalized, seen = [], {}
    for index, user in enumerate(users):
        where = "users[%d]" % index
        check.mapping(user, where, _USER_KEYS)
        username = check.text(user.get("username"), where + ".username", required=True)
        if username.lower() in seen:
            check.fail(where, "duplicate username %r (first at users[%d])" % (username, seen[username.lower()]))
        seen[username.lower()] = index
        entry = {"id": check.optional_id(user.get("id"), where + ".id"), "username": username}
        entry["password"] = check.text(user.get("password"), where + ".password") if "password" in user else None
        for key in _USER_TEXT:
            entry[key] = check.text(user.get(key, ""), "%s.%s" % (where, key))
        entry["licenseType"] = check.choice(user.get("licenseType", "NAMED"), where + ".licenseType", LICENSE_TYPES)
        entry["active"] = check.kind(user.get("active", True), where + ".active", bool, "a boolean")
        entry["admin"] = check.kind(user.get("admin", False), where + ".admin", bool, "a boolean")
        normalized.append(entry)
    _assign_ids(check, normalized, "users")
    return normalized


def _normalize_groups(check, groups, usernames):
    check.kind(groups, "groups", list, "a list")
    normalized, seen = [], {}
    for index, group in enumerate(groups):
        where = "groups[%d]" % index
        check.mapping(group, where, _GROUP_KEYS)
        name = check.text(group.get("name"), where + ".name", required=True)
        project = check.optional_id(group.get("project"), where + ".project")
        # Jama keeps group names unique per project (organization groups: project null).
        if (name.lower(), project) in seen:
            check.fail(where, "duplicate group name %r (first at groups[%d])" % (name, seen[(name.lower(), project)]))
        seen[(name.lower(), project)] = index
        members = check.names(group.get("members", []), where + ".members", usernames, "username")
        normalized.append({"id": check.optional_id(group.get("id"), where + ".id"), "name": name,
                           "description": check.text(group.get("description", ""), where + ".description"), "project": project,
                           "members": members})
    _assign_ids(check, normalized, "groups")
    return normalized


def _normalize_clients(check, clients, usernames):
    check.kind(clients, "clients", list, "a list")
    normalized, seen = [], set()
    for index, client in enumerate(clients):
        where = "clients[%d]" % index
        check.mapping(client, where, _CLIENT_KEYS)
        client_id = check.text(client.get("client_id"), where + ".client_id", required=True)
        if client_id in seen:
            check.fail(where, "duplicate client_id %r" % client_id)
        seen.add(client_id)
        secret = check.text(client.get("client_secret"), where + ".client_secret", required=True)
        user = check.text(client.get("user"), where + ".user", required=True)
        if user not in usernames:
            check.fail(where + ".user", "unknown username %r" % user)
        normalized.append({"client_id": client_id, "client_secret": secret, "user": user})
    return normalized


def _normalize_access(check, access, usernames, groups):
    check.mapping(access, "access_list", ("users", "groups"))
    names = [group["name"] for group in groups]
    listed = check.names(access.get("groups", []), "access_list.groups", set(names), "group")
    for name in listed:
        # Access-list entries name groups; a name two project groups share would not say which.
        if names.count(name) > 1:
            check.fail("access_list.groups", "group name %r is shared by several groups" % name)
    return {"users": check.names(access.get("users", []), "access_list.users", usernames, "username"),
            "groups": listed}


def _assign_ids(check, entries, where):
    """Explicit ids must be unique; the others get the lowest unused ids, in document order."""
    taken = {}
    for index, entry in enumerate(entries):
        if entry["id"] is not None:
            if entry["id"] in taken:
                check.fail("%s[%d].id" % (where, index), "duplicate id %d (also %s[%d])" % (entry["id"], where, taken[entry["id"]]))
            taken[entry["id"]] = index
    next_id = 1
    for entry in entries:
        if entry["id"] is None:
            while next_id in taken:
                next_id += 1
            entry["id"] = next_id
            taken[next_id] = None


class _Checker:
    """Type checks that raise SeedError naming the source and the place in the document."""

    def __init__(self, source):
        self.source = source

    def fail(self, where, problem):
        raise SeedError("seed %s: %s: %s" % (self.source, where, problem))

    def kind(self, value, where, expected_type, description):
        # bool is an int in Python: an id of `true` must not pass as 1.
        if not isinstance(value, expected_type) or (expected_type is int and isinstance(value, bool)):
            self.fail(where, "expected %s, got %s" % (description, _describe(value)))
        return value

    def mapping(self, value, where, allowed_keys):
        self.kind(value, where, dict, "a mapping")
        unknown = sorted(str(key) for key in value if key not in allowed_keys)
        if unknown:
            self.fail(where, "unknown key(s) %s; allowed: %s" % (", ".join(unknown), ", ".join(allowed_keys)))

    def text(self, value, where, required=False):
        if value is None and required:
            self.fail(where, "is required")
        self.kind(value, where, str, "a string")
        if required and not value.strip():
            self.fail(where, "must not be empty")
        return value

    def optional_id(self, value, where):
        if value is None:
            return None
        self.kind(value, where, int, "a positive integer")
        if value < 1:
            self.fail(where, "expected a positive integer, got %d" % value)
        return value

    def choice(self, value, where, allowed):
        if value not in allowed:
            self.fail(where, "expected one of %s, got %s" % (", ".join(allowed), _describe(value)))
        return value

    def names(self, values, where, known, noun):
        self.kind(values, where, list, "a list")
        for index, value in enumerate(values):
            self.kind(value, "%s[%d]" % (where, index), str, "a string")
            if value not in known:
                self.fail(where, "unknown %s %r" % (noun, value))
        return list(dict.fromkeys(values))


def _describe(value):
    if isinstance(value, (dict, list)):
        return "a %s" % type(value).__name__
    return repr(value)
