# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import datetime

import pytest
from hypothesis import given, strategies as st

from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.module_utils.auth import token

ANSWER = {"access_token": "AT", "token_type": "bearer", "expires_in": 3599, "scope": "token_information",
          "application_data": {"JAMA_CORE": "svc-ci"}, "tenant": "default", "jti": "jti-1"}
URL = "https://jama.example.com/contour"


class FakeClient:
    def __init__(self, answer=None, error=None):
        self.answer = answer
        self.error = error
        self.calls = []

    def request(self, method, path, **kwargs):
        self.calls.append(dict(kwargs, method=method, path=path))
        if self.error:
            raise self.error
        return self.answer


class TestRequestToken:
    def test_posts_client_credentials_as_jama_expects(self):
        client = FakeClient(dict(ANSWER))
        assert token.request_token(client, "ci-client", "s3cret") == ANSWER
        assert client.calls == [dict(method="POST", path="/rest/oauth/token", data={"grant_type": "client_credentials"},
                                     basic_auth=("ci-client", "s3cret"), retry_safe=True, authenticate=False)]

    def test_401_says_the_client_credentials_were_refused_without_the_secret(self):
        refused = errors.AuthenticationError("authentication failed", status=401, method="POST", path="/rest/oauth/token")
        with pytest.raises(errors.AuthenticationError) as caught:
            token.request_token(FakeClient(error=refused), "ci-client", "s3cret")
        text = str(caught.value)
        assert "refused the client credentials for client_id 'ci-client'" in text and "-> 401" in text
        assert "s3cret" not in text and "client_secret" in text

    @pytest.mark.parametrize("answer", [{}, {"access_token": ""}, {"access_token": "AT"}, {"access_token": "AT", "expires_in": 0},
                                        {"access_token": "AT", "expires_in": "3599"}, ["AT"]])
    def test_an_answer_without_token_or_lifetime_is_unexpected(self, answer):
        with pytest.raises(errors.UnexpectedResponse):
            token.request_token(FakeClient(answer), "c", "s")


class TestTokenFact:
    def test_fact_shape_and_expiry_counted_from_before_the_request(self):
        fact = token.token_fact(ANSWER, URL + "/", "ci-client", now=1_767_225_600.9)
        assert fact == {
            "access_token": "AT", "token_type": "bearer", "expires_in": 3599, "expires_at": "2026-01-01T00:59:59Z",
            "expires_at_epoch": 1_767_229_199, "scope": "token_information", "tenant": "default", "jti": "jti-1",
            "url": URL, "client_id": "ci-client",
        }

    def test_todays_answer_gives_a_fact_without_the_pre_2024_keys(self):
        fact = token.token_fact({"access_token": "AT", "token_type": "Bearer", "expires_in": 3599}, URL, "c", now=0)
        assert set(fact) == {"access_token", "token_type", "expires_in", "expires_at", "expires_at_epoch", "url", "client_id"}
        assert fact["token_type"] == "Bearer"

    def test_a_missing_token_type_defaults_to_bearer(self):
        assert token.token_fact({"access_token": "AT", "expires_in": 60}, URL, "c", now=0)["token_type"] == "Bearer"

    @given(st.integers(min_value=0, max_value=4_000_000_000), st.integers(min_value=1, max_value=10 ** 6))
    def test_expires_at_is_the_same_instant_as_expires_at_epoch(self, now, lifetime):
        fact = token.token_fact({"access_token": "AT", "expires_in": lifetime}, URL, "c", now=now)
        parsed = datetime.datetime.strptime(fact["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        assert parsed.timestamp() == fact["expires_at_epoch"] == now + lifetime


def fact(**changes):
    base = token.token_fact(ANSWER, URL, "ci-client", now=1000)
    base.update(changes)
    return base


class TestFactIsReusable:
    def test_same_url_and_client_with_enough_validity_is_reused(self):
        assert token.fact_is_reusable(fact(), URL, "ci-client", 60, now=1000 + 3599 - 60)

    def test_a_trailing_slash_in_the_url_does_not_matter(self):
        assert token.fact_is_reusable(fact(), URL + "/", "ci-client", 60, now=1000)

    def test_too_close_to_expiry_is_not_reused(self):
        assert not token.fact_is_reusable(fact(), URL, "ci-client", 60, now=1000 + 3599 - 59)

    def test_expired_is_not_reused_even_with_zero_min_validity(self):
        assert not token.fact_is_reusable(fact(), URL, "ci-client", 0, now=1000 + 3600)

    @pytest.mark.parametrize("url, client_id", [("https://other.example.com", "ci-client"), (URL + "/x", "ci-client"), (URL, "admin-client")])
    def test_other_url_or_client_is_not_reused(self, url, client_id):
        assert not token.fact_is_reusable(fact(), url, client_id, 60, now=1000)

    @pytest.mark.parametrize("broken", [None, "AT", {}, fact(access_token=""), fact(access_token=None), fact(expires_at_epoch="soon"),
                                        fact(expires_at_epoch=True)])
    def test_anything_else_is_not_reused(self, broken):
        assert not token.fact_is_reusable(broken, URL, "ci-client", 0, now=1000)


class TestAccessTokenOf:
    def test_a_string_is_the_token_itself(self):
        assert token.access_token_of("abc") == "abc"

    def test_the_fact_gives_its_access_token(self):
        assert token.access_token_of({"access_token": "AT", "token_type": "Bearer", "expires_at_epoch": 1}) == "AT"

    @pytest.mark.parametrize("value", [{}, {"access_token": 5}, {"token": "AT"}, None, 42])
    def test_anything_else_is_returned_unchanged_for_the_auth_to_refuse(self, value):
        assert token.access_token_of(value) == value
