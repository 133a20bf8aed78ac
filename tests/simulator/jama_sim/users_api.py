"""GET /rest/v1/users, /users/current and /users/{id}; the writes live in users_write."""

from . import envelope
from .errors import ApiError
from .paging import paged
from .seed import LICENSE_TYPES

TEXT_FILTERS = ("username", "email", "firstName", "lastName")


def list_users(call):
    request = call.request
    filters = {name: request.param(name) for name in TEXT_FILTERS if request.param(name)}
    license_type = request.param("licenseType")
    if license_type:
        if license_type not in LICENSE_TYPES:
            raise ApiError(400, "licenseType must be one of %s" % ", ".join(LICENSE_TYPES))
        filters["licenseType"] = license_type
    include_inactive = _boolean(request.param("includeInactive"), "includeInactive")
    return paged(request, call.core.state.find_users(filters, include_inactive), lambda user: user.to_api())


def current_user(call):
    return envelope.ok(call.user.to_api())


def get_user(call):
    # Unlike the list, a user fetched by id is answered whether active or not.
    return envelope.ok(call.core.state.user(call.params["id"]).to_api())


def _boolean(raw, name):
    if raw is None or raw == "":
        return False
    if raw.lower() not in ("true", "false"):
        raise ApiError(400, "%s must be true or false" % name)
    return raw.lower() == "true"
