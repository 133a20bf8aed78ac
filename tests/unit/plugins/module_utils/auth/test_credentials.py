# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import base64

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import BasicAuth, ClientCredentialsAuth, TokenAuth


class MintingClient:
    """Answers only the token request, counting mints."""

    def __init__(self, lifetime=3599):
        self.lifetime = lifetime
        self.mints = 0

    def request(self, method, path, **kwargs):
        self.mints += 1
        return {"access_token": "T%d" % self.mints, "expires_in": self.lifetime}


class Clock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


class TestTokenAuth:
    def test_string_token(self):
        assert TokenAuth(" abc ").headers(None) == {"Authorization": "Bearer abc"}

    def test_the_fact_jama_token_registers(self):
        assert TokenAuth({"access_token": "abc", "expires_at": "x"}).headers(None) == {"Authorization": "Bearer abc"}

    @pytest.mark.parametrize("bad", [None, "", "  ", {}, {"access_token": 5}, 42])
    def test_anything_else_is_a_configuration_error(self, bad):
        with pytest.raises(errors.ConfigurationError):
            TokenAuth(bad)

    def test_no_refresh(self):
        assert TokenAuth("abc").refresh(None) is False


class TestBasicAuth:
    def test_header_encodes_user_and_password(self):
        header = BasicAuth("admin", "pä:ss").headers(None)["Authorization"]
        assert base64.b64decode(header.split(" ", 1)[1]).decode("utf-8") == "admin:pä:ss"

    def test_a_401_hint_names_the_basic_auth_options(self):
        hint = BasicAuth("admin", "pw").unauthorized_hint
        assert "Check auth_username and auth_password" in hint and "client_id/client_secret" in hint

    def test_never_refreshes(self):
        assert BasicAuth("admin", "pw").refresh(None) is False


class TestClientCredentialsAuth:
    def test_mints_on_first_use_and_reuses_while_valid(self):
        client, clock = MintingClient(), Clock()
        auth = ClientCredentialsAuth("cid", "sec", clock=clock)
        assert auth.token_answer is None
        assert auth.headers(client) == {"Authorization": "Bearer T1"}
        clock.now += 3599 - 61
        assert auth.headers(client) == {"Authorization": "Bearer T1"}
        assert client.mints == 1 and auth.token_answer["access_token"] == "T1"

    def test_re_mints_within_min_validity_of_expiry(self):
        client, clock = MintingClient(), Clock()
        auth = ClientCredentialsAuth("cid", "sec", min_validity=60, clock=clock)
        auth.headers(client)
        clock.now += 3599 - 59
        assert auth.headers(client) == {"Authorization": "Bearer T2"}

    def test_short_lived_tokens_are_not_re_minted_before_every_request(self):
        client, clock = MintingClient(lifetime=30), Clock()
        auth = ClientCredentialsAuth("cid", "sec", min_validity=60, clock=clock)
        auth.headers(client)
        clock.now += 10
        auth.headers(client)
        assert client.mints == 1
        clock.now += 6
        auth.headers(client)
        assert client.mints == 2

    def test_refresh_mints_and_asks_for_a_retry(self):
        client = MintingClient()
        auth = ClientCredentialsAuth("cid", "sec", clock=Clock())
        auth.headers(client)
        assert auth.refresh(client) is True and auth.headers(client) == {"Authorization": "Bearer T2"}

    def test_minted_at_is_taken_before_the_request(self):
        auth = ClientCredentialsAuth("cid", "sec", clock=Clock(500.0))
        auth.mint(MintingClient())
        assert auth.minted_at == 500.0
