"""POST /rest/v1/users, PUT /rest/v1/users/{id} and PUT /rest/v1/users/{id}/active (organization admins only).

Fields outside Jama's user request are ignored rather than refused: Jama's JSON binding ignores them too,
and a stricter simulator would pass clients that real instances would not.
"""

import re

from . import envelope
from .errors import ApiError
from .seed import LICENSE_TYPES

CREATE_REQUIRED = ("username", "password", "firstName", "lastName", "email", "licenseType")
REPLACE_REQUIRED = ("username", "firstName", "lastName", "email")
OPTIONAL_TEXT = ("phone", "title", "location")
# Deliberately loose: Jama checks the shape of an address, not that it can receive mail.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\Z")


def create_user(call):
    body = call.request.json()
    fields = _text_fields(body, CREATE_REQUIRED)
    user = call.core.state.create_user(fields)
    return envelope.created(user.id, "%s/rest/v1/users/%d" % (call.base_url, user.id))


def replace_user(call):
    body = call.request.json()
    # Jama's own Python client always sends the key, as null when no password is given: only a value is refused.
    if body.get("password") is not None:
        raise ApiError(400, "Field 'password' cannot be set by updating a user")
    fields = _text_fields(body, REPLACE_REQUIRED)
    call.core.state.replace_user(call.params["id"], fields)
    return envelope.ok_empty()


def set_active(call):
    active = call.request.json().get("active")
    if not isinstance(active, bool):
        raise ApiError(400, "Field 'active' is required and must be a boolean")
    call.core.state.set_active(call.params["id"], active)
    return envelope.ok_empty()


def _text_fields(body, required):
    """The user fields of a request body; a 400 names every missing field at once, then the first invalid one."""
    missing = [name for name in required if not isinstance(body.get(name), str) or not body[name].strip()]
    if missing:
        raise ApiError(400, "Missing or empty required field(s): %s" % ", ".join(missing))
    fields = {name: body[name] for name in required}
    for name in OPTIONAL_TEXT:
        value = body.get(name)
        # Jama's client sends null for an optional field it was not given; the record then holds an empty string.
        if value is not None and not isinstance(value, str):
            raise ApiError(400, "Field '%s' must be a string" % name)
        fields[name] = value or ""
    if not _EMAIL.match(fields["email"]):
        raise ApiError(400, "Field 'email' is not a valid email address: %r" % fields["email"])
    license_type = body.get("licenseType")
    if license_type is not None and license_type not in LICENSE_TYPES:
        raise ApiError(400, "Field 'licenseType' must be one of %s" % ", ".join(LICENSE_TYPES))
    fields["licenseType"] = license_type
    return fields
