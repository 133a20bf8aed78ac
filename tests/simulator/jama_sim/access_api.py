"""/rest/v1/system/settings/restapiaccess: the REST API access list (C: this collection's contract)."""

from . import envelope
from .errors import ApiError


def get_access(call):
    return envelope.ok(call.core.state.access_list())


def grant_access(call):
    body = call.request.json()
    unknown_keys = sorted(set(body) - {"users", "groups"})
    if unknown_keys:
        raise ApiError(400, "Unknown field(s): %s" % ", ".join(unknown_keys))
    call.core.state.grant(_ids(body, "users"), _ids(body, "groups"))
    return envelope.ok(call.core.state.access_list())


def revoke_user(call):
    call.core.state.revoke_user(call.params["id"])
    return envelope.ok(call.core.state.access_list())


def revoke_group(call):
    call.core.state.revoke_group(call.params["id"])
    return envelope.ok(call.core.state.access_list())


def _ids(body, field):
    ids = body.get(field, [])
    if not isinstance(ids, list) or any(isinstance(value, bool) or not isinstance(value, int) for value in ids):
        raise ApiError(400, "Field '%s' must be a list of ids (integers)" % field)
    return ids
