# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""OAuth client-credentials token: the request, the fact jama_token registers, and when a fact can be reused."""

import datetime
import numbers
from collections.abc import Mapping

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import AuthenticationError, UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.auth.secrets import BEARER_TOKEN

# jama_token's own options: the module's argument spec, and the defaults its action plugin assumes on the controller.
TOKEN_OPTIONS = dict(
    fact_name=dict(type="str", default="jama_token"),
    check_access=dict(type="bool", default=True),
    min_validity=dict(type="int", default=60),
    expose_token=dict(type="bool", default=False),
)

TOKEN_PATH = "/rest/oauth/token"  # nosec B105 # the OAuth endpoint's path, not a secret
LEGACY_ANSWER_KEYS = ("scope", "tenant", "jti")
# A year: Jama's tokens live an hour by default; a far larger value is a broken answer, not a policy.
MAX_TOKEN_LIFETIME = 366 * 24 * 3600
CLIENT_CREDENTIALS_HINT = (
    "Check client_id and client_secret: they are the API credentials created in the user's profile (Set API Credentials). "
    "Credentials that were reset (a new secret invalidates the old one), revoked or deleted, or whose user was "
    "deactivated, are refused too")


def access_token_of(token):
    """The bearer token a ``token`` option carries: the string itself, or the access_token of a jama_token fact."""
    if isinstance(token, Mapping) and isinstance(token.get("access_token"), str):
        return token["access_token"]
    return token


def request_token(client_or_transport, client_id, client_secret):
    """POST /rest/oauth/token with HTTP Basic client credentials (J); return Jama's answer as a dict.

    The request is retried like a read: minting a second token is harmless.
    """
    try:
        answer = client_or_transport.request(
            "POST", TOKEN_PATH, data={"grant_type": "client_credentials"}, basic_auth=(client_id, client_secret),
            retry_safe=True, authenticate=False)
    except AuthenticationError as exc:
        # (J) Jama documents only the status for bad client credentials, so say what it means here.
        raise AuthenticationError(
            "Jama refused the client credentials for client_id %r" % client_id, status=exc.status, method=exc.method,
            path=exc.path, jama_message=exc.jama_message,
            hint=CLIENT_CREDENTIALS_HINT) from exc
    return _checked_answer(answer)


def _checked_answer(answer):
    token = answer.get("access_token") if isinstance(answer, dict) else None
    if not isinstance(token, str) or not token:
        raise UnexpectedResponse("the token answer has no access_token", method="POST", path=TOKEN_PATH)
    if not BEARER_TOKEN.match(token):
        # Never quoted: a token that cannot go into a header must not reach a message either.
        raise UnexpectedResponse("the token answer's access_token holds characters no bearer token has (not shown)",
                                 method="POST", path=TOKEN_PATH)
    expires_in = answer.get("expires_in")
    if not isinstance(expires_in, numbers.Number) or isinstance(expires_in, bool) or expires_in <= 0:
        raise UnexpectedResponse("the token answer has no positive expires_in", method="POST", path=TOKEN_PATH)
    if expires_in > MAX_TOKEN_LIFETIME:
        raise UnexpectedResponse("the token answer has an expires_in of %.3g s, longer than any token lives" % expires_in,
                                 method="POST", path=TOKEN_PATH)
    return answer


def iso_utc(epoch):
    """ISO 8601 UTC with a 'Z', second precision: what people compare and what to_datetime parses."""
    moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def token_fact(answer, url, client_id, now):
    """The fact jama_token registers, from Jama's token answer obtained at epoch ``now``."""
    expires_in = int(answer["expires_in"])
    # Counting from the moment before the request errs on the side of an earlier expiry.
    expires_at_epoch = int(now) + expires_in
    fact = {
        "access_token": answer["access_token"],
        "token_type": answer.get("token_type") or "Bearer",
        "expires_in": expires_in,
        "expires_at": iso_utc(expires_at_epoch),
        "expires_at_epoch": expires_at_epoch,
        "url": url.rstrip("/"),
        "client_id": client_id,
    }
    # Jama releases before July 2024 also sent these; today's answer has only the three keys above.
    fact.update((key, answer[key]) for key in LEGACY_ANSWER_KEYS if answer.get(key) is not None)
    return fact


def seconds_left(fact, now):
    """Seconds until the token in ``fact`` expires; None when the fact does not say."""
    expires = fact.get("expires_at_epoch") if isinstance(fact, dict) else None
    if not isinstance(expires, numbers.Number) or isinstance(expires, bool):
        return None
    return expires - now


def fact_is_reusable(fact, url, client_id, min_validity, now):
    """True when ``fact`` holds a token for this url and client that stays valid at least ``min_validity`` s."""
    if not isinstance(fact, dict) or not url or not client_id:
        return False
    token = fact.get("access_token")
    if not isinstance(token, str) or not token:
        return False
    if str(fact.get("url") or "").rstrip("/") != url.rstrip("/") or fact.get("client_id") != client_id:
        return False
    left = seconds_left(fact, now)
    return left is not None and left >= min_validity
