"""Who is calling /rest/v1, and may they: bearer token, or basic auth unless SSO is on."""

import base64
import binascii

from .errors import ApiError
from .model import NOT_PERMITTED

ADMIN_REQUIRED = "This operation requires organization administrator permissions"
_BEARER_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="oauth", error="invalid_token"'}


def authorize(core, request, access):
    """The calling User, allowed to use the API (and to administer, for "admin" routes), or ApiError."""
    user = _authenticate(core, request)
    if not core.state.may_use_api(user):
        raise ApiError(403, NOT_PERMITTED)
    if access == "admin" and not user.admin:
        raise ApiError(403, ADMIN_REQUIRED)
    return user


def basic_credentials(request):
    """(name, secret) from an HTTP Basic header, or None when absent or unreadable."""
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    name, sep, secret = decoded.partition(":")
    return (name, secret) if sep else None


def _authenticate(core, request):
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        info = core.tokens.lookup(value.strip())
        if info is None:
            raise ApiError(401, "Invalid or expired access token", _BEARER_CHALLENGE)
        return core.state.user(info.user_id)
    credentials = basic_credentials(request)
    if credentials is not None and not core.settings.sso:
        user = core.state.check_password(*credentials)
        if user is not None:
            return user
    raise ApiError(401, "Full authentication is required to access this resource", {"WWW-Authenticate": 'Bearer realm="oauth"'})
