"""POST /rest/oauth/token: the client-credentials grant, answered like Jama's Spring OAuth server."""

from . import envelope
from .auth import basic_credentials

GRANT_TYPE = "client_credentials"


def token(call):
    credentials = basic_credentials(call.request)
    user_id = None if credentials is None else call.core.state.check_client(*credentials)
    if user_id is None:
        return envelope.json_response(401, {"error": "invalid_client", "error_description": "Bad client credentials"},
                                      {"WWW-Authenticate": 'Basic realm="oauth2/client"'})
    grant_type = call.request.param("grant_type")
    if grant_type is None:
        return envelope.json_response(400, {"error": "invalid_request", "error_description": "Missing grant type"})
    if grant_type != GRANT_TYPE:
        return envelope.json_response(400, {"error": "unsupported_grant_type",
                                            "error_description": "Unsupported grant type: %s" % grant_type[:40]})
    user = call.core.state.user(user_id)
    body = call.core.tokens.issue(credentials[0], user.id, user.username, call.core.settings.token_lifetime,
                                  legacy=call.core.settings.legacy_token_answer)
    return envelope.json_response(200, body, {"Cache-Control": "no-store", "Pragma": "no-cache"})
