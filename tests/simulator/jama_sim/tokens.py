"""OAuth access tokens: JWT-shaped, signed with a per-process key, and really expiring."""

import base64
import collections
import hashlib
import hmac
import json
import secrets
import time
import uuid

TENANT = "default"
SCOPE = "token_information"
# Bounds memory under a benchmark that mints tokens in a loop; the oldest are forgotten first.
MAX_TOKENS = 100000

TokenInfo = collections.namedtuple("TokenInfo", "client_id user_id expires_at")


class TokenStore:
    def __init__(self, clock=time.time):
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._tokens = collections.OrderedDict()

    def issue(self, client_id, user_id, username, lifetime, legacy=False):
        """Mint a token and return Jama's token response body.

        Since July 2024 Jama answers only access_token, token_type "Bearer" and expires_in; ``legacy``
        gives the older answer, which also carried scope, application_data, tenant and jti.
        """
        now = self._clock()
        jti = str(uuid.uuid4())
        application_data = {"JAMA_CORE": username}
        claims = {"application_data": application_data, "scope": [SCOPE], "tenant": TENANT, "exp": int(now + lifetime),
                  "iat": int(now), "jti": jti, "client_id": client_id}
        token = self._encode(claims)
        self._tokens[token] = TokenInfo(client_id, user_id, now + lifetime)
        while len(self._tokens) > MAX_TOKENS:
            self._tokens.popitem(last=False)
        # Jama reports one second less than the lifetime (3599 for an hour).
        expires_in = max(int(lifetime) - 1, 0)
        if not legacy:
            return {"access_token": token, "token_type": "Bearer", "expires_in": expires_in}
        return {"access_token": token, "token_type": "bearer", "expires_in": expires_in, "scope": SCOPE,
                "application_data": application_data, "tenant": TENANT, "jti": jti}

    def lookup(self, token):
        """The TokenInfo of a known, unexpired token, else None."""
        info = self._tokens.get(token)
        if info is None or self._clock() >= info.expires_at:
            return None
        return info

    def expire_all(self):
        now = self._clock()
        for token, info in self._tokens.items():
            self._tokens[token] = info._replace(expires_at=min(info.expires_at, now))

    def issued(self):
        return list(self._tokens)

    def _encode(self, claims):
        header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode())
        signature = hmac.new(self._key, ("%s.%s" % (header, payload)).encode(), hashlib.sha256).digest()
        return "%s.%s.%s" % (header, payload, _b64(signature))


def _b64(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
