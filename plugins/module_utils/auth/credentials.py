# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""How the client authenticates each request: an existing token, basic auth, or client credentials it mints with.

Every strategy offers ``headers(client)`` (the Authorization header for the next request) and
``refresh(client)`` (called once after a 401; True when a retry with new credentials makes sense),
and ``unauthorized_hint``: what to check when Jama still answers 401.
"""

import base64
import time

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.auth.secrets import bearer_token
from ansible_collections.jama.connect.plugins.module_utils.auth.token import access_token_of, request_token


def _bearer(token):
    return {"Authorization": "Bearer " + token}


class TokenAuth:
    """A bearer token given by the user: a string, or the dict jama_token registers."""

    unauthorized_hint = ("The token was refused: it may have expired (Jama's tokens live about an hour), been revoked, or "
                         "come from another instance. Mint a new one with jama.connect.jama_token, or give "
                         "client_id/client_secret so the task mints its own")

    def __init__(self, token):
        token = access_token_of(token)
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError("token must be a bearer token string or the dict jama_token registers (with access_token)")
        self._token = bearer_token(token)

    def headers(self, client):
        return _bearer(self._token)

    def refresh(self, client):
        return False  # nothing to mint with: a 401 is final


class BasicAuth:
    """Username and password, for instances without SSO (J)."""

    unauthorized_hint = ("Check auth_username and auth_password. Once SSO is on, Jama refuses basic authentication for the REST API: "
                         "use client_id/client_secret (API credentials from the user's profile, Set API Credentials) instead")

    def __init__(self, username, password):
        credentials = "%s:%s" % (username, password)
        self._header = "Basic " + base64.b64encode(credentials.encode("utf-8")).decode("ascii")

    def headers(self, client):
        return {"Authorization": self._header}

    def refresh(self, client):
        return False


class ClientCredentialsAuth:
    """OAuth client credentials: mints a token on first use, again near expiry, and once after a 401."""

    def __init__(self, client_id, client_secret, min_validity=60, clock=time.time, on_mint=None):
        self.client_id = client_id
        self._on_mint = on_mint
        self._client_secret = client_secret
        self._min_validity = min_validity
        self._clock = clock
        self._expires_at = None
        self.token_answer = None
        self.minted_at = None

    @property
    def unauthorized_hint(self):
        # Reached only when a token Jama had just issued is refused: the credentials changed meanwhile.
        return ("Jama refused a token it had issued for client_id %r: the API credentials may have been reset or revoked, "
                "or their user deactivated, since; check client_id and client_secret" % self.client_id)

    def mint(self, client):
        """Request a new token now and remember it; return Jama's answer."""
        started = self._clock()
        answer = request_token(client, self.client_id, self._client_secret)
        if self._on_mint is not None:
            self._on_mint(answer["access_token"])
        self.token_answer = answer
        self.minted_at = started
        self._expires_at = started + answer["expires_in"]
        return answer

    def _needs_mint(self):
        if self.token_answer is None:
            return True
        # A token shorter-lived than min_validity would otherwise be re-minted before every request.
        margin = min(self._min_validity, self.token_answer["expires_in"] / 2.0)
        return self._expires_at - self._clock() < margin

    def headers(self, client):
        if self._needs_mint():
            self.mint(client)
        return _bearer(self.token_answer["access_token"])

    def refresh(self, client):
        self.mint(client)
        return True
