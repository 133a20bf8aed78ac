# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options without an AnsibleModule: the environment as the argument spec applies it, and the client factory."""

import pytest

from ansible_collections.jama.connect.plugins.module_utils import connection
from ansible_collections.jama.connect.plugins.module_utils import options
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import ClientCredentialsAuth, TokenAuth
from ansible_collections.jama.connect.plugins.module_utils.auth.secrets import SecretMask
from ansible_collections.jama.connect.plugins.module_utils.rest import errors


class TestOptionsWithEnvironment:
    def test_unset_options_take_defaults(self):
        options = connection.options_with_environment({}, {})
        assert options["url"] is None and options["validate_certs"] is True and options["timeout"] == 30
        assert options["rate_limit"] == 10 and options["allow_http"] is False

    def test_unset_options_take_their_environment_variable_converted_to_their_type(self):
        environ = {"JAMA_URL": "https://env.example.com", "JAMA_VALIDATE_CERTS": "no", "JAMA_CA_PATH": "/etc/ca.pem",
                   "JAMA_RATE_LIMIT": "2.5"}
        options = connection.options_with_environment({}, environ)
        assert (options["url"], options["validate_certs"], options["ca_path"], options["rate_limit"]) == (
            "https://env.example.com", False, "/etc/ca.pem", 2.5)

    def test_explicit_options_win_over_the_environment(self):
        environ = {"JAMA_URL": "https://env.example.com", "JAMA_VALIDATE_CERTS": "no"}
        options = connection.options_with_environment({"url": "https://task.example.com", "validate_certs": True}, environ)
        assert options["url"] == "https://task.example.com" and options["validate_certs"] is True

    @pytest.mark.parametrize("variable, option, default", [
        ("JAMA_URL", "url", None), ("JAMA_VALIDATE_CERTS", "validate_certs", True), ("JAMA_RATE_LIMIT", "rate_limit", 10)])
    def test_an_empty_environment_variable_counts_as_unset(self, variable, option, default):
        assert connection.options_with_environment({}, {variable: ""})[option] == default

    def test_an_option_given_as_none_is_unset(self):
        assert connection.options_with_environment({"url": None}, {"JAMA_URL": "https://env.example.com"})["url"] == (
            "https://env.example.com")

    def test_credentials_are_left_to_resolve_auth_so_explicit_modes_win(self):
        options = connection.options_with_environment({"token": "t"}, {"JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s"})
        assert options["client_id"] is None and options["client_secret"] is None
        assert connection.resolve_auth(options, {"JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s"})[0] == "token"

    def test_a_value_that_cannot_be_converted_names_its_option(self):
        with pytest.raises(errors.ConfigurationError, match="rate_limit"):
            connection.options_with_environment({}, {"JAMA_RATE_LIMIT": "fast"})

    def test_the_shared_spec_is_never_changed(self):
        connection.options_with_environment({}, {"JAMA_URL": "https://env.example.com"})
        assert "fallback" in options.CONNECTION_ARGUMENT_SPEC["url"]


class Collected:
    def __init__(self):
        self.warnings, self.mask = [], SecretMask()

    def build(self, params, environ=None, **kwargs):
        options = connection.options_with_environment(params, environ or {})
        return connection.client_from_options(options, environ or {}, self.warnings.append, self.mask.register, **kwargs)


class TestClientFromOptions:
    def test_a_secret_from_the_environment_is_registered(self):
        collected = Collected()
        client = collected.build({"url": "https://h"}, {"JAMA_CLIENT_ID": "cid", "JAMA_CLIENT_SECRET": "envsecret"})
        assert isinstance(client.auth, ClientCredentialsAuth)
        assert collected.mask.scrub("cid envsecret") == "cid ********"

    def test_the_token_of_a_jama_token_fact_is_registered_not_its_other_values(self):
        collected = Collected()
        fact = {"access_token": "abc.def", "url": "https://h", "client_id": "cid"}
        assert isinstance(collected.build({"url": "https://h", "token": fact}).auth, TokenAuth)
        assert collected.mask.scrub("abc.def https://h cid") == "******** https://h cid"

    def test_a_minted_token_is_registered(self):
        collected = Collected()
        client = collected.build({"url": "https://h", "client_id": "c", "client_secret": "s"})
        client.auth._on_mint("minted-token")  # pylint: disable=protected-access
        assert "minted-token" not in collected.mask.scrub("got minted-token")

    def test_a_secret_embedded_in_the_url_is_registered_before_the_url_is_refused(self):
        collected = Collected()
        with pytest.raises(errors.ConfigurationError, match="embed credentials"):
            collected.build({"url": "https://admin:hunter2@h", "token": "t"})
        assert "hunter2" not in collected.mask.scrub("https://admin:hunter2@h")

    def test_validate_certs_false_warns_through_the_callback(self):
        collected = Collected()
        collected.build({"url": "https://h", "token": "t", "validate_certs": False})
        assert len(collected.warnings) == 1 and "validate_certs is false" in collected.warnings[0]
