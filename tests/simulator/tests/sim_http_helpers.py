"""HTTP helpers for the simulator's tests: real requests over the loopback, nothing in-process."""

import base64
import json

import requests

from jama_sim import load_seed

CLIENTS = {
    "admin": ("admin-client", "admin-secret-0f8e2c"),
    "ci": ("ci-client", "ci-secret-5b7d1a"),
    "reports": ("reports-client", "reports-secret-3c9a71"),
    "floating": ("floating-client", "floating-secret-7e21d4"),
}
NOT_PERMITTED = "This user is not permitted to use the API"
TIMEOUT = 10


class JamaApi:
    """A requests session against one simulator base URL, with token minting by demo client name."""

    def __init__(self, base_url, verify=True, cert=None):
        self.base_url = base_url
        self.session = requests.Session()
        # Passed on every request: requests lets REQUESTS_CA_BUNDLE override a session-level verify.
        self.tls = {"verify": verify, "cert": cert}
        self._tokens = {}

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.session.close()

    def request_token(self, client="admin", grant_type="client_credentials", auth=None):
        data = {} if grant_type is None else {"grant_type": grant_type}
        return self.session.post(self.base_url + "/rest/oauth/token", auth=auth or CLIENTS[client], data=data, timeout=TIMEOUT,
                                 **self.tls)

    def token(self, client="admin"):
        if client not in self._tokens:
            answer = self.request_token(client)
            assert answer.status_code == 200, answer.text
            self._tokens[client] = answer.json()["access_token"]
        return self._tokens[client]

    def call(self, method, path, client="admin", token=None, auth=None, **kwargs):
        """`client` picks a demo API client's token; `token` or basic `auth` override it; client=None sends no credentials."""
        headers = kwargs.pop("headers", {})
        if auth is None and (token or client):
            headers["Authorization"] = "Bearer " + (token or self.token(client))
        kwargs.setdefault("timeout", TIMEOUT)
        kwargs.update(self.tls)
        return self.session.request(method, self.base_url + path, headers=headers, auth=auth, **kwargs)

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.call("POST", path, **kwargs)

    def put(self, path, **kwargs):
        return self.call("PUT", path, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)


def jwt_claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def user_id(control, username):
    return next(user["id"] for user in control.state()["users"] if user["username"] == username)


def group_id(control, name):
    return next(group["id"] for group in control.state()["groups"] if group["name"] == name)


def seed_with_users(count, **extra):
    """A seed with an admin (with client admin-client) and `count` more active NAMED users."""
    users = [{"username": "admin", "password": "admin-password", "admin": True}]
    users += [{"username": "user%03d" % index, "password": "pw"} for index in range(count)]
    seed = {"managed_access": False, "users": users,
            "clients": [{"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c", "user": "admin"}]}
    seed.update(extra)
    return seed


def demo_seed(**changes):
    """The demo seed as a document (ids, passwords and secrets included), with top-level changes."""
    seed = load_seed()
    seed.update(changes)
    return seed
