# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.modules import jama_token
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args


ANSWER = {"access_token": "AT-secret-token", "token_type": "bearer", "expires_in": 3599, "scope": "token_information",
          "application_data": {"JAMA_CORE": "svc-ci"}, "tenant": "default", "jti": "jti-1"}
USER = {"id": 7, "username": "svc-ci", "licenseType": "NAMED", "active": True, "type": "users"}


class FakeAuth:
    client_id = "ci-client"

    def __init__(self):
        self.mints = 0

    def mint(self, client):
        self.mints += 1
        return dict(ANSWER)


class FakeClient:
    base_url = "https://jama.example.com"

    def __init__(self, user_error=None):
        self.auth = FakeAuth()
        self.user_error = user_error
        self.user_reads = 0

    def current_user(self):
        self.user_reads += 1
        if self.user_error:
            raise self.user_error
        return dict(USER)


class FakeModule:
    def __init__(self, **params):
        self.params = dict(fact_name="jama_token", check_access=True, min_validity=60, expose_token=False)
        self.params.update(params)


class TestRun:
    def test_registers_the_fact_with_user_and_never_reports_a_change(self):
        client = FakeClient()
        changed, result, diff = jama_token.run(FakeModule(), client, clock=lambda: 1_767_225_600.0)
        assert changed is False and diff is None and result["reused"] is False
        fact = result["ansible_facts"]["jama_token"]
        assert fact is result["token"] and fact["user"] == USER and fact["expires_at"] == "2026-01-01T00:59:59Z"
        assert (fact["url"], fact["client_id"], fact["access_token"]) == ("https://jama.example.com", "ci-client", "AT-secret-token")
        assert client.auth.mints == 1 and client.user_reads == 1

    def test_without_check_access_there_is_no_user_and_no_second_request(self):
        client = FakeClient()
        dummy, result, dummy2 = jama_token.run(FakeModule(check_access=False, fact_name="admin_token"), client)
        assert "user" not in result["ansible_facts"]["admin_token"] and client.user_reads == 0

    def test_denied_user_gets_an_actionable_message(self):
        denied = errors.PermissionDenied("permission denied", status=403, method="GET", path="/rest/v1/users/current",
                                         jama_message="This user is not permitted to use the API")
        with pytest.raises(errors.PermissionDenied) as caught:
            jama_token.run(FakeModule(), FakeClient(user_error=denied))
        text = str(caught.value)
        assert text.startswith("Jama issued a token but denies user 'svc-ci' the REST API (GET /rest/v1/users/current -> 403): "
                               "This user is not permitted to use the API.")
        assert "REST API access" in text and "AT-secret-token" not in text


class TestCheckOptions:
    @pytest.mark.parametrize("name", ["jama token", "1token", "token-x", ""])
    def test_fact_name_must_be_a_variable_name(self, name):
        with pytest.raises(errors.ConfigurationError, match="fact_name"):
            jama_token.check_options(dict(fact_name=name, min_validity=60))

    def test_negative_min_validity(self):
        with pytest.raises(errors.ConfigurationError, match="min_validity"):
            jama_token.check_options(dict(fact_name="t", min_validity=-1))


def run_main(args, capsys):
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            jama_token.main()
    return json.loads(capsys.readouterr().out)


class TestMain:
    @pytest.fixture(autouse=True)
    def clean_environment(self, monkeypatch):
        for variable in ("JAMA_URL", "JAMA_CLIENT_ID", "JAMA_CLIENT_SECRET", "JAMA_TOKEN", "JAMA_USERNAME", "JAMA_PASSWORD"):
            monkeypatch.delenv(variable, raising=False)

    def test_embedded_credentials_fail_without_echoing_them(self, capsys):
        result = run_main(dict(url="https://ci-client:p4ssw0rd@jama.example.com", client_id="c", client_secret="s3cret"), capsys)
        assert result["failed"] and "embed credentials" in result["msg"]
        assert "p4ssw0rd" not in json.dumps(result) and "s3cret" not in json.dumps(result)

    def test_http_fails_without_allow_http(self, capsys):
        result = run_main(dict(url="http://jama.example.com", client_id="c", client_secret="s3cret"), capsys)
        assert result["failed"] and "allow_http" in result["msg"]

    @pytest.mark.parametrize("option", ["token", "auth_username", "auth_password", "username", "password"])
    def test_an_option_of_another_auth_mode_is_unsupported(self, capsys, option):
        result = run_main(dict(url="https://jama.example.com", client_id="ci-client", client_secret="ci-secret-5b7d1a",
                               **{option: "abc-value"}), capsys)
        assert result["failed"] and "Unsupported parameters" in result["msg"] and option in result["msg"]

    @pytest.mark.parametrize("token", ["abc-token", {"access_token": "abc-token", "url": "https://jama.example.com"}])
    def test_a_token_given_anyway_stays_out_of_the_result(self, capsys, token):
        result = run_main(dict(url="https://jama.example.com", token=token, client_id="ci-client", client_secret="ci-secret-5b7d1a"), capsys)
        assert result["failed"] and "Unsupported parameters" in result["msg"]
        assert "abc-token" not in json.dumps(result) and "ci-secret-5b7d1a" not in json.dumps(result)

    @pytest.mark.parametrize("option", ["auth_password", "password"])
    def test_a_basic_auth_password_given_anyway_stays_out_of_the_result(self, capsys, option):
        result = run_main(dict(url="https://jama.example.com", client_id="ci-client", client_secret="ci-secret-5b7d1a",
                               **{option: "b4sic-pw-value"}), capsys)
        assert result["failed"] and "Unsupported parameters" in result["msg"] and option in result["msg"]
        assert "b4sic-pw-value" not in json.dumps(result)

    def test_missing_secret_names_option_and_variable(self, capsys, monkeypatch):
        monkeypatch.setenv("JAMA_TOKEN", "from-env")
        result = run_main(dict(url="https://jama.example.com", client_id="c"), capsys)
        assert result["failed"] and "client_secret" in result["msg"] and "JAMA_CLIENT_SECRET" in result["msg"]

    def test_invalid_fact_name_fails_before_any_request(self, capsys):
        result = run_main(dict(url="http://127.0.0.1:9", client_id="c", client_secret="s", allow_http=True, fact_name="a b"), capsys)
        assert result["failed"] and "fact_name" in result["msg"]
