"""Every Jama endpoint the simulator serves, relative to the context path: what published Jama releases serve."""

from . import discovery, groups_api, oauth, users_api, users_write
from .routing import Route, Router

# Jama keeps /rest/latest as an alias of v1 until it sunsets it.
ALIASES = {"/rest/latest": "/rest/v1"}
# Jama authenticates every request below these before it looks for a handler.
API_PREFIXES = ("/rest/v1",) + tuple(ALIASES)


def is_api_path(path):
    return any(path == prefix or path.startswith(prefix + "/") for prefix in API_PREFIXES)


JAMA_ROUTES = Router([
    Route("GET", "/rest", discovery.api_versions, "public"),
    Route("POST", "/rest/oauth/token", oauth.token, "client"),
    Route("GET", "/rest/v1/users", users_api.list_users, "user"),
    Route("GET", "/rest/v1/users/current", users_api.current_user, "user"),
    Route("POST", "/rest/v1/users", users_write.create_user, "admin"),
    Route("GET", "/rest/v1/users/{id}", users_api.get_user, "user"),
    Route("PUT", "/rest/v1/users/{id}", users_write.replace_user, "admin"),
    Route("PUT", "/rest/v1/users/{id}/active", users_write.set_active, "admin"),
    Route("GET", "/rest/v1/usergroups", groups_api.list_groups, "user"),
    Route("POST", "/rest/v1/usergroups", groups_api.create_group, "admin"),
    Route("GET", "/rest/v1/usergroups/{id}", groups_api.get_group, "user"),
    Route("PUT", "/rest/v1/usergroups/{id}", groups_api.update_group, "admin"),
    Route("DELETE", "/rest/v1/usergroups/{id}", groups_api.delete_group, "admin"),
    Route("GET", "/rest/v1/usergroups/{id}/users", groups_api.list_members, "user"),
    Route("POST", "/rest/v1/usergroups/{id}/users", groups_api.add_member, "admin"),
    Route("DELETE", "/rest/v1/usergroups/{id}/users/{userId}", groups_api.remove_member, "admin"),
], ALIASES)
