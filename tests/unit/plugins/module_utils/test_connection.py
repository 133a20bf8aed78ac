# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import itertools

import pytest
import yaml
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.jama.connect.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.jama.connect.plugins.module_utils import connection
from ansible_collections.jama.connect.plugins.module_utils import options
from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import BasicAuth, ClientCredentialsAuth, TokenAuth


class TestValidateUrl:
    @pytest.mark.parametrize("url, expected", [
        ("https://example.jamacloud.com", "https://example.jamacloud.com"),
        ("https://Jama.Example.com/contour/", "https://jama.example.com/contour"),
        ("  https://host:8443/contour  ", "https://host:8443/contour"),
    ])
    def test_base_url_is_normalised_and_keeps_the_context_path(self, url, expected):
        assert connection.validate_url(url) == expected

    def test_embedded_credentials_are_refused_without_echoing_them(self):
        with pytest.raises(errors.ConfigurationError) as caught:
            connection.validate_url("https://admin:hunter2@jama.example.com")
        assert "hunter2" not in str(caught.value) and "admin" not in str(caught.value) and "embed credentials" in str(caught.value)

    def test_http_is_refused_unless_allowed(self):
        with pytest.raises(errors.ConfigurationError, match="allow_http"):
            connection.validate_url("http://127.0.0.1:8080")
        assert connection.validate_url("http://127.0.0.1:8080", allow_http=True) == "http://127.0.0.1:8080"

    @pytest.mark.parametrize("url", ["jama.example.com", "ftp://jama.example.com", "https://", "https:///contour"])
    def test_not_an_absolute_http_url(self, url):
        with pytest.raises(errors.ConfigurationError, match="absolute"):
            connection.validate_url(url)

    @pytest.mark.parametrize("url", ["", None, "  "])
    def test_a_missing_url_names_jama_url(self, url):
        with pytest.raises(errors.ConfigurationError, match="url is required: set url, or the JAMA_URL environment variable"):
            connection.validate_url(url)

    @pytest.mark.parametrize("url", ["http://[::1", "https://h:port/", "https://[::1]:99999999/"])
    def test_an_unparsable_url_is_a_message_not_a_traceback(self, url):
        with pytest.raises(errors.ConfigurationError, match="not a valid URL"):
            connection.validate_url(url, allow_http=True)

    @pytest.mark.parametrize("url", ["https://h/rest/v1", "https://h/contour/rest", "https://h/rest/oauth/token"])
    def test_a_rest_endpoint_is_not_a_base_url(self, url):
        with pytest.raises(errors.ConfigurationError, match="without /rest"):
            connection.validate_url(url)

    @pytest.mark.parametrize("url", ["https://h/?a=1", "https://h/#x"])
    def test_query_and_fragment_are_refused(self, url):
        with pytest.raises(errors.ConfigurationError, match="query"):
            connection.validate_url(url)


NONE = dict.fromkeys(("token", "client_id", "client_secret", "auth_username", "auth_password"))


def params(**given):
    return dict(NONE, **given)


class TestResolveAuth:
    def test_explicit_client_credentials(self):
        assert connection.resolve_auth(params(client_id="c", client_secret="s"), {}) == \
            ("client_credentials", {"client_id": "c", "client_secret": "s"}, [])

    def test_explicit_options_win_over_another_mode_in_the_environment(self):
        environ = {"JAMA_TOKEN": "envtoken", "JAMA_USERNAME": "u", "JAMA_PASSWORD": "p"}
        assert connection.resolve_auth(params(client_id="c", client_secret="s"), environ)[0] == "client_credentials"

    def test_the_missing_half_of_an_explicit_pair_comes_from_the_environment(self):
        environ = {"JAMA_TOKEN": "envtoken", "JAMA_CLIENT_SECRET": "envsecret"}
        assert connection.resolve_auth(params(client_id="c"), environ) == \
            ("client_credentials", {"client_id": "c", "client_secret": "envsecret"}, ["client_secret"])

    def test_explicit_value_wins_over_the_same_variable(self):
        environ = {"JAMA_CLIENT_ID": "envid", "JAMA_CLIENT_SECRET": "envsecret"}
        assert connection.resolve_auth(params(client_id="c", client_secret="s"), environ)[1] == {"client_id": "c", "client_secret": "s"}

    @pytest.mark.parametrize("environ, mode", [
        ({"JAMA_TOKEN": "t"}, "token"),
        ({"JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s"}, "client_credentials"),
        ({"JAMA_USERNAME": "u", "JAMA_PASSWORD": "p"}, "basic"),
        ({"JAMA_TOKEN": "t", "JAMA_CLIENT_ID": "only-half"}, "token"),
    ])
    def test_environment_alone_chooses_its_one_complete_mode(self, environ, mode):
        resolved_mode, values, from_environment = connection.resolve_auth(params(), environ)
        assert resolved_mode == mode and sorted(from_environment) == sorted(values)

    def test_two_complete_modes_in_the_environment_follow_the_precedence(self):
        environ = {"JAMA_TOKEN": "t", "JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s", "JAMA_USERNAME": "u", "JAMA_PASSWORD": "p"}
        assert connection.resolve_auth(params(), environ)[0] == "token"
        del environ["JAMA_TOKEN"]
        assert connection.resolve_auth(params(), environ)[0] == "client_credentials"

    @pytest.mark.parametrize("given, mode", [
        (dict(token="t", client_id="c", client_secret="s"), "token"),
        (dict(token="t", auth_username="u", auth_password="p"), "token"),
        (dict(client_id="c", client_secret="s", auth_username="u", auth_password="p"), "client_credentials"),
    ])
    def test_explicit_modes_follow_the_precedence_token_then_client_then_basic(self, given, mode):
        resolved_mode, values, _from_environment = connection.resolve_auth(params(**given), {})
        assert resolved_mode == mode and set(values) == set(connection.AUTH_MODES[mode])

    def test_a_half_pair_is_an_error_even_when_a_token_wins(self):
        with pytest.raises(errors.ConfigurationError, match="needs client_secret"):
            connection.resolve_auth(params(token="t", client_id="c"), {})

    def test_no_credentials_anywhere(self):
        with pytest.raises(errors.ConfigurationError, match="no credentials"):
            connection.resolve_auth(params(), {})

    @pytest.mark.parametrize("given, missing", [(dict(client_id="c"), "client_secret"), (dict(client_secret="s"), "client_id"),
                                                (dict(auth_username="u"), "auth_password"), (dict(auth_password="p"), "auth_username")])
    def test_half_a_pair_names_what_is_missing(self, given, missing):
        with pytest.raises(errors.ConfigurationError, match="needs %s" % missing):
            connection.resolve_auth(params(**given), {})

    def test_a_partial_environment_names_the_missing_variable(self):
        with pytest.raises(errors.ConfigurationError, match="JAMA_CLIENT_SECRET"):
            connection.resolve_auth(params(), {"JAMA_CLIENT_ID": "c"})

    def test_restricted_modes_refuse_other_explicit_options(self):
        with pytest.raises(errors.ConfigurationError, match="client_id\\+client_secret only; remove token"):
            connection.resolve_auth(params(token="t"), {}, modes=("client_credentials",))

    def test_restricted_modes_ignore_other_modes_in_the_environment(self):
        environ = {"JAMA_TOKEN": "t", "JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s"}
        assert connection.resolve_auth(params(), environ, modes=("client_credentials",))[0] == "client_credentials"

    def test_basic_auth_comes_from_jama_username_and_jama_password(self):
        environ = {"JAMA_USERNAME": "svc", "JAMA_PASSWORD": "pw"}
        assert connection.resolve_auth(params(), environ) == \
            ("basic", {"auth_username": "svc", "auth_password": "pw"}, ["auth_username", "auth_password"])

    def test_the_missing_half_of_basic_auth_comes_from_jama_password(self):
        assert connection.resolve_auth(params(auth_username="svc"), {"JAMA_PASSWORD": "pw"}) == \
            ("basic", {"auth_username": "svc", "auth_password": "pw"}, ["auth_password"])

    def test_a_half_basic_pair_names_the_option_and_its_variable(self):
        with pytest.raises(errors.ConfigurationError) as caught:
            connection.resolve_auth(params(auth_username="svc"), {})
        assert str(caught.value) == "auth_username+auth_password needs auth_password (option auth_password or env JAMA_PASSWORD)"

    def test_explicit_basic_auth_wins_over_a_token_in_the_environment(self):
        environ = {"JAMA_TOKEN": "envtoken", "JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s"}
        assert connection.resolve_auth(params(auth_username="u", auth_password="p"), environ)[0] == "basic"

    def test_the_environment_sets_basic_auth_only_when_nothing_of_higher_precedence_is_complete(self):
        environ = {"JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s", "JAMA_USERNAME": "u", "JAMA_PASSWORD": "p"}
        assert connection.resolve_auth(params(), environ)[0] == "client_credentials"
        assert connection.resolve_auth(params(), {"JAMA_CLIENT_ID": "c", "JAMA_USERNAME": "u", "JAMA_PASSWORD": "p"})[0] == "basic"

    def test_a_module_option_named_username_is_never_the_callers_login(self):
        # jama_user and jama_user_info have username (and jama_user password) options of their own: the managed user
        given = params(token="t", username="svc-new", password="initial-pw")
        assert connection.resolve_auth(given, {}) == ("token", {"token": "t"}, [])
        with pytest.raises(errors.ConfigurationError, match="no credentials"):
            connection.resolve_auth(params(username="svc-new", password="initial-pw"), {})

    def test_no_credentials_names_every_option_and_variable(self):
        with pytest.raises(errors.ConfigurationError) as caught:
            connection.resolve_auth(params(), {})
        assert str(caught.value) == (
            "no credentials: give token (env JAMA_TOKEN), or client_id+client_secret (env JAMA_CLIENT_ID+JAMA_CLIENT_SECRET), "
            "or auth_username+auth_password (env JAMA_USERNAME+JAMA_PASSWORD)")

    def test_the_token_only_mode_refuses_basic_auth_by_its_new_names(self):
        with pytest.raises(errors.ConfigurationError, match="remove auth_username\\+auth_password"):
            connection.resolve_auth(params(auth_username="u", auth_password="p"), {}, modes=("client_credentials",))

    def test_an_empty_string_counts_as_not_given(self):
        assert connection.resolve_auth(params(token="", client_id="c", client_secret="s"), {})[0] == "client_credentials"


def validate(given):
    return ArgumentSpecValidator(connection.connection_argument_spec()).validate(dict(given))


class TestArgumentSpec:
    @pytest.mark.parametrize("first, second", list(itertools.product(("token",), ("client_id", "client_secret", "auth_username", "auth_password")))
                             + list(itertools.product(("client_id", "client_secret"), ("auth_username", "auth_password"))))
    def test_no_cross_mode_pair_conflicts_in_the_spec_so_module_defaults_can_hold_another_mode(self, first, second):
        assert validate({"url": "https://h", first: "x", second: "y"}).error_messages == []

    @pytest.mark.parametrize("pair", [("client_id", "client_secret"), ("auth_username", "auth_password")])
    def test_options_of_one_mode_go_together(self, pair):
        assert validate({"url": "https://h", pair[0]: "x", pair[1]: "y"}).error_messages == []

    def test_a_credential_in_the_environment_never_conflicts_with_an_explicit_one(self, monkeypatch):
        for variable in ("JAMA_TOKEN", "JAMA_CLIENT_SECRET", "JAMA_USERNAME", "JAMA_PASSWORD", "JAMA_CLIENT_ID"):
            monkeypatch.setenv(variable, "from-env")
        result = validate({"url": "https://h", "client_id": "c"})
        assert result.error_messages == [] and result.validated_parameters["token"] is None

    def test_url_comes_from_jama_url(self, monkeypatch):
        monkeypatch.setenv("JAMA_URL", "https://env.example.com")
        assert validate({}).validated_parameters["url"] == "https://env.example.com"

    def test_url_is_checked_by_the_client_so_the_message_can_name_jama_url(self, monkeypatch):
        monkeypatch.delenv("JAMA_URL", raising=False)
        assert validate({}).validated_parameters["url"] is None

    def test_tls_options_come_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("JAMA_VALIDATE_CERTS", "no")
        monkeypatch.setenv("JAMA_CA_PATH", "/etc/ca.pem")
        validated = validate({"url": "https://h"}).validated_parameters
        assert validated["validate_certs"] is False and validated["ca_path"] == "/etc/ca.pem"

    def test_secrets_are_no_log(self):
        secret = {name for name, spec in options.CONNECTION_ARGUMENT_SPEC.items() if spec.get("no_log")}
        assert secret == {"token", "client_secret", "auth_password"}

    def test_basic_auth_options_are_auth_username_and_auth_password_only(self):
        spec = options.CONNECTION_ARGUMENT_SPEC
        assert "username" not in spec and "password" not in spec
        assert (spec["auth_username"], spec["auth_password"]) == (dict(type="str"), dict(type="str", no_log=True))

    def test_a_module_may_name_its_own_options_username_and_password(self):
        spec = connection.connection_argument_spec(username=dict(type="str", required=True), password=dict(type="str", no_log=True))
        validated = ArgumentSpecValidator(spec).validate({"url": "https://h", "username": "svc", "auth_username": "admin"})
        assert validated.error_messages == []
        assert (validated.validated_parameters["username"], validated.validated_parameters["auth_username"]) == ("svc", "admin")

    def test_the_client_credentials_spec_drops_token_and_basic_auth(self):
        spec = connection.client_credentials_argument_spec()
        assert not {"token", "auth_username", "auth_password"} & set(spec)
        assert {"client_id", "client_secret", "url"} <= set(spec)

    def test_merging_never_mutates_the_shared_spec(self):
        spec = connection.connection_argument_spec(timeout=dict(type="int", default=5), extra=dict(type="str"))
        spec["url"]["required"] = True
        assert options.CONNECTION_ARGUMENT_SPEC["timeout"]["default"] == 30
        assert "required" not in options.CONNECTION_ARGUMENT_SPEC["url"] and "extra" not in options.CONNECTION_ARGUMENT_SPEC


class TestDocFragmentMatchesSpec:
    def test_same_options_types_and_defaults(self):
        documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
        assert set(documented) == set(options.CONNECTION_ARGUMENT_SPEC)
        for name, spec in options.CONNECTION_ARGUMENT_SPEC.items():
            assert documented[name]["type"] == spec["type"], name
            assert documented[name].get("default") == spec.get("default"), name
            assert documented[name].get("required", False) == spec.get("required", False), name

    def test_every_environment_variable_is_documented(self):
        text = ModuleDocFragment.DOCUMENTATION
        variables = [v for mode in connection.AUTH_MODES.values() for v in mode.values()] + ["JAMA_URL", "JAMA_VALIDATE_CERTS", "JAMA_CA_PATH"]
        assert [v for v in variables if "E(%s)" % v not in text] == []


class FakeModule:
    def __init__(self, **given):
        self.params = {name: spec.get("default") for name, spec in options.CONNECTION_ARGUMENT_SPEC.items()}
        self.params.update(given)
        self.no_log_values = set()
        self.warnings = []

    def warn(self, message):
        self.warnings.append(message)

    def fail_json(self, **kwargs):
        raise AssertionError("fail_json called: %r" % kwargs)


class TestClientFromModule:
    def test_builds_a_client_for_each_mode(self):
        assert isinstance(connection.client_from_module(FakeModule(url="https://h/", token="t"), environ={}).auth, TokenAuth)
        assert isinstance(connection.client_from_module(FakeModule(url="https://h", auth_username="u", auth_password="p"), environ={}).auth, BasicAuth)
        client = connection.client_from_module(FakeModule(url="https://h", client_id="c", client_secret="s", timeout=7, retries=2), environ={})
        assert isinstance(client.auth, ClientCredentialsAuth) and (client.base_url, client.timeout, client.retries) == ("https://h", 7, 2)

    def test_secrets_from_the_environment_are_masked_in_output(self):
        module = FakeModule(url="https://h", client_id="c")
        connection.client_from_module(module, environ={"JAMA_CLIENT_SECRET": "envsecret"})
        assert module.no_log_values == {"envsecret"}

    def test_basic_auth_from_the_environment_authenticates_and_only_the_password_is_masked(self):
        module = FakeModule(url="https://h")
        client = connection.client_from_module(module, environ={"JAMA_USERNAME": "svc", "JAMA_PASSWORD": "env-pw"})
        assert client.auth.headers(client) == {"Authorization": "Basic c3ZjOmVudi1wdw=="}  # svc:env-pw
        assert module.no_log_values == {"env-pw"}

    def test_a_module_username_does_not_change_which_login_authenticates(self):
        module = FakeModule(url="https://h", auth_username="admin", auth_password="admin-pw", username="svc-new", password="initial-pw")
        client = connection.client_from_module(module, environ={})
        assert client.auth.headers(client) == {"Authorization": "Basic YWRtaW46YWRtaW4tcHc="}  # admin:admin-pw
        assert "initial-pw" not in module.no_log_values

    def test_a_client_id_from_the_environment_is_not_masked(self):
        module = FakeModule(url="https://h")
        connection.client_from_module(module, environ={"JAMA_CLIENT_ID": "cid", "JAMA_CLIENT_SECRET": "envsecret"})
        assert module.no_log_values == {"envsecret"}

    def test_every_shape_of_a_secret_is_masked(self):
        module = FakeModule(url="https://h", client_id="c", client_secret="s3cr3t'x")
        connection.client_from_module(module, environ={})
        assert {"s3cr3t'x", "s3cr3t\\'x"} <= module.no_log_values

    @pytest.mark.parametrize("given, match", [
        (dict(client_id="c", client_secret="s\n2"), "client_secret contains"),
        (dict(client_id="c\u00e9", client_secret="s"), "client_id contains"),
        (dict(token="t\nu"), "token contains a control character"),
        (dict(auth_username="u", auth_password="p\r"), "auth_password contains a control character"),
    ])
    def test_credentials_of_a_shape_jama_never_issues_are_refused_before_any_request(self, given, match):
        with pytest.raises(errors.ConfigurationError, match=match):
            connection.client_from_module(FakeModule(url="https://h", **given), environ={})

    def test_a_minted_token_is_masked_unless_the_module_returns_it(self):
        module = FakeModule(url="https://h", client_id="c", client_secret="s")
        connection.client_from_module(module, environ={}).auth._on_mint("minted-token")  # pylint: disable=protected-access
        assert "minted-token" in module.no_log_values
        quiet = FakeModule(url="https://h", client_id="c", client_secret="s")
        assert connection.client_from_module(quiet, environ={}, mask_minted_tokens=False).auth._on_mint is None  # pylint: disable=protected-access

    @pytest.mark.parametrize("given, match", [(dict(rate_limit=-1.0), "rate_limit"), (dict(rate_limit=5000.0), "rate_limit"),
                                              (dict(retry_max_wait=-1), "retry_max_wait")])
    def test_pacing_and_wait_budget_must_make_sense(self, given, match):
        with pytest.raises(errors.ConfigurationError, match=match):
            connection.client_from_module(FakeModule(url="https://h", token="t", **given), environ={})

    def test_validate_certs_false_warns(self):
        module = FakeModule(url="https://h", token="t", validate_certs=False)
        connection.client_from_module(module, environ={})
        assert len(module.warnings) == 1 and "validate_certs" in module.warnings[0]

    @pytest.mark.parametrize("url, masked", [("https://svc:p4ss@h", {"svc:p4ss@", "p4ss"}), ("https://tok3n@h", {"tok3n@"})])
    def test_a_secret_embedded_in_the_url_is_masked_before_the_url_is_refused(self, url, masked):
        module = FakeModule(url=url, token="t")
        with pytest.raises(errors.ConfigurationError):
            connection.client_from_module(module, environ={})
        # the user:password@ part as a whole, so a user name alone ("user", "admin") is not blanked everywhere
        assert module.no_log_values == masked

    @pytest.mark.parametrize("given, match", [
        (dict(timeout=0), "timeout"), (dict(timeout=-1), "timeout"), (dict(retries=-1), "retries"),
        (dict(client_key="/k.pem"), "client_key needs client_cert"), (dict(url="http://h"), "allow_http"),
        (dict(url="https://u:pw@h"), "embed credentials"),
        (dict(ca_path="/nonexistent/ca.pem"), "ca_path: no such file or directory: /nonexistent/ca.pem"),
        (dict(client_cert="/nonexistent/cert.pem"), "client_cert: no such file or directory: /nonexistent/cert.pem"),
    ])
    def test_options_that_cannot_work_are_configuration_errors(self, given, match):
        with pytest.raises(errors.ConfigurationError, match=match):
            connection.client_from_module(FakeModule(**dict(dict(url="https://h", token="t"), **given)), environ={})


class TestEmptyEnvironmentIsUnset:
    """An empty JAMA_* variable is what a credential leaves for an input it does not fill: it must count as unset."""

    # Every option that falls back to the environment, with its variable.
    FALLBACKS = dict((option, spec["fallback"][1][0]) for option, spec in options.CONNECTION_ARGUMENT_SPEC.items()
                     if "fallback" in spec)

    def test_every_fallback_of_the_spec_is_the_one_that_skips_empty_values(self):
        assert set(self.FALLBACKS) == {"url", "validate_certs", "ca_path", "rate_limit"}
        assert all(spec["fallback"][0] is options.non_empty_env_fallback
                   for spec in options.CONNECTION_ARGUMENT_SPEC.values() if "fallback" in spec)

    def test_empty_variables_leave_every_option_at_its_default(self, monkeypatch):
        for variable in self.FALLBACKS.values():
            monkeypatch.setenv(variable, "")
        result = validate({"url": "https://h"})
        validated = result.validated_parameters
        assert result.error_messages == []
        assert validated["validate_certs"] is True and validated["ca_path"] is None
        assert validated["rate_limit"] == options.CONNECTION_ARGUMENT_SPEC["rate_limit"]["default"]
        monkeypatch.delenv("JAMA_URL")
        assert validate({}).validated_parameters["url"] is None

    def test_a_set_variable_still_applies(self, monkeypatch):
        monkeypatch.setenv("JAMA_VALIDATE_CERTS", "false")
        monkeypatch.setenv("JAMA_RATE_LIMIT", "2.5")
        validated = validate({"url": "https://h"}).validated_parameters
        assert validated["validate_certs"] is False and validated["rate_limit"] == 2.5

    def test_the_first_non_empty_variable_wins_and_none_is_not_found(self, monkeypatch):
        monkeypatch.setenv("JAMA_A", "")
        monkeypatch.setenv("JAMA_B", "b")
        monkeypatch.delenv("JAMA_C", raising=False)
        assert options.non_empty_env_fallback("JAMA_C", "JAMA_A", "JAMA_B") == "b"
        with pytest.raises(AnsibleFallbackNotFound):
            options.non_empty_env_fallback("JAMA_A", "JAMA_C")

    def test_an_explicit_option_wins_over_the_environment(self, monkeypatch):
        monkeypatch.setenv("JAMA_VALIDATE_CERTS", "false")
        assert validate({"url": "https://h", "validate_certs": True}).validated_parameters["validate_certs"] is True
