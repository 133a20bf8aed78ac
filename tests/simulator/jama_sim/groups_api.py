"""/rest/v1/usergroups: group CRUD and group membership."""

from . import envelope
from .errors import ApiError
from .paging import paged


def list_groups(call):
    groups = sorted(call.core.state.groups.values(), key=lambda group: group.id)
    return paged(call.request, groups, lambda group: group.to_api())


def get_group(call):
    return envelope.ok(call.core.state.group(call.params["id"]).to_api())


def create_group(call):
    body = call.request.json()
    name, description = _group_fields(body)
    group = call.core.state.create_group(name, description, _project(body))
    return envelope.created(group.id, "%s/rest/v1/usergroups/%d" % (call.base_url, group.id))


def update_group(call):
    name, description = _group_fields(call.request.json())
    call.core.state.update_group(call.params["id"], name, description)
    return envelope.ok_empty()


def delete_group(call):
    call.core.state.delete_group(call.params["id"])
    return envelope.ok_empty()


def list_members(call):
    return paged(call.request, call.core.state.members(call.params["id"]), lambda user: user.to_api())


def add_member(call):
    body = call.request.json()
    user_id = body.get("user")
    if isinstance(user_id, bool) or not isinstance(user_id, int):
        raise ApiError(400, "Field 'user' must be a user id (an integer)")
    group_id = call.params["id"]
    call.core.state.add_member(group_id, user_id)
    return envelope.created(user_id, "%s/rest/v1/usergroups/%d/users/%d" % (call.base_url, group_id, user_id))


def remove_member(call):
    call.core.state.remove_member(call.params["id"], call.params["userId"])
    return envelope.ok_empty()


def _group_fields(body):
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ApiError(400, "Field 'name' is required and must be a non-empty string")
    description = body.get("description", "")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise ApiError(400, "Field 'description' must be a string")
    return name, description


def _project(body):
    project = body.get("project")
    if project is not None and (isinstance(project, bool) or not isinstance(project, int) or project < 1):
        raise ApiError(400, "Field 'project' must be a project id")
    return project
