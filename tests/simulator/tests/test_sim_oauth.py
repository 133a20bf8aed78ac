"""POST /rest/oauth/token: the client-credentials grant."""

import time

import pytest

from sim_http_helpers import CLIENTS, jwt_claims

EXPIRY_POLL_LIMIT = 50


class TestTokenGrant:
    def test_success_answers_todays_jama_keys_only(self, api):
        answer = api.request_token("ci")
        assert answer.status_code == 200
        body = answer.json()
        # Since July 2024 Jama answers these three and nothing else.
        assert set(body) == {"access_token", "token_type", "expires_in"}
        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 3599

    def test_legacy_answer_has_the_pre_2024_keys(self, sim, api):
        sim.control.configure(legacy_token_answer=True)
        body = api.request_token("ci").json()
        assert set(body) == {"access_token", "token_type", "expires_in", "scope", "application_data", "tenant", "jti"}
        assert body["token_type"] == "bearer"
        assert body["scope"] == "token_information"
        assert body["application_data"] == {"JAMA_CORE": "svc-ci"}
        assert body["tenant"] == "default"
        assert jwt_claims(body["access_token"])["jti"] == body["jti"]

    def test_token_is_jwt_shaped_with_expiry_and_identity(self, api):
        body = api.request_token("ci").json()
        claims = jwt_claims(body["access_token"])
        assert body["access_token"].count(".") == 2
        assert claims["client_id"] == "ci-client"
        assert claims["tenant"] == "default"
        assert claims["exp"] - claims["iat"] == 3600

    def test_each_request_mints_a_new_token(self, api):
        first, second = api.request_token().json(), api.request_token().json()
        assert first["access_token"] != second["access_token"]
        assert jwt_claims(first["access_token"])["jti"] != jwt_claims(second["access_token"])["jti"]

    @pytest.mark.parametrize("auth", [("ci-client", "wrong-secret"), ("no-such-client", "ci-secret-5b7d1a"), ("", "")],
                             ids=["wrong-secret", "unknown-client", "empty"])
    def test_bad_client_credentials_answer_401_without_echoing_them(self, api, auth):
        answer = api.request_token(auth=auth)
        assert answer.status_code == 401
        assert answer.json()["error"] == "invalid_client"
        assert "wrong-secret" not in answer.text and "ci-secret" not in answer.text

    def test_missing_basic_header_answers_401(self, api):
        answer = api.session.post(api.base_url + "/rest/oauth/token", data={"grant_type": "client_credentials"})
        assert answer.status_code == 401

    def test_other_grant_type_answers_400(self, api):
        answer = api.request_token(grant_type="password")
        assert answer.status_code == 400
        assert answer.json()["error"] == "unsupported_grant_type"

    def test_missing_grant_type_answers_400(self, api):
        assert api.request_token(grant_type=None).status_code == 400

    def test_grant_type_in_query_string_is_accepted(self, api):
        answer = api.session.post(api.base_url + "/rest/oauth/token?grant_type=client_credentials", auth=CLIENTS["ci"])
        assert answer.status_code == 200

    def test_get_is_not_allowed(self, api):
        answer = api.session.get(api.base_url + "/rest/oauth/token", auth=CLIENTS["ci"])
        assert answer.status_code == 405


class TestTokenExpiry:
    def test_token_stops_working_after_its_lifetime(self, sim, api):
        sim.control.configure(token_lifetime=1)
        body = api.request_token().json()
        assert body["expires_in"] == 0
        token = body["access_token"]
        assert api.get("/rest/v1/users/current", token=token).status_code == 200
        statuses = []
        for _attempt in range(EXPIRY_POLL_LIMIT):
            statuses.append(api.get("/rest/v1/users/current", token=token).status_code)
            if statuses[-1] == 401:
                break
            time.sleep(0.1)
        assert statuses[-1] == 401
        assert set(statuses) <= {200, 401}

    def test_expire_tokens_ends_every_issued_token(self, sim, api):
        tokens = [api.request_token(client).json()["access_token"] for client in ("admin", "reports")]
        sim.control.expire_tokens()
        for token in tokens:
            answer = api.get("/rest/v1/users/current", token=token)
            assert answer.status_code == 401
            assert token not in answer.text
        assert api.request_token().status_code == 200

    def test_tokens_lists_every_token_issued_since_reset(self, sim, api):
        issued = [api.request_token(client).json()["access_token"] for client in ("admin", "ci", "admin")]
        assert sim.control.tokens() == issued
        sim.control.reset()
        assert not sim.control.tokens()
        assert api.get("/rest/v1/users/current", token=issued[0]).status_code == 401
