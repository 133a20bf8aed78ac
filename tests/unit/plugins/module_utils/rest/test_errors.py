# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest import errors


class TestRendering:
    def test_full_error_names_request_status_jama_message_and_hint(self):
        error = errors.PermissionDenied("permission denied", status=403, method="GET", path="/rest/v1/users/current",
                                        jama_message="This user is not permitted to use the API", hint="Ask an admin")
        assert str(error) == ("permission denied (GET /rest/v1/users/current -> 403): "
                              "This user is not permitted to use the API. Ask an admin")

    def test_message_alone_renders_without_empty_parentheses(self):
        assert str(errors.ConfigurationError("timeout must be positive")) == "timeout must be positive"

    def test_transport_error_without_status_names_the_request(self):
        assert str(errors.TransportError("cannot reach x", method="POST", path="/rest/oauth/token")) == \
            "cannot reach x (POST /rest/oauth/token)"

    def test_hint_follows_message_when_there_is_no_jama_message(self):
        assert str(errors.ConfigurationError("bad url.", hint="Use https")) == "bad url. Use https"

    def test_fail_kwargs_carry_status_method_and_path(self):
        error = errors.NotFound("not found", status=404, method="GET", path="/rest/v1/users/9")
        assert error.fail_kwargs() == dict(msg="not found (GET /rest/v1/users/9 -> 404)", status=404, method="GET", path="/rest/v1/users/9")

    def test_fail_kwargs_leave_out_what_is_not_known_instead_of_null(self):
        assert errors.ConfigurationError("url is required").fail_kwargs() == dict(msg="url is required")
        transport = errors.TransportError("cannot reach x", method="POST", path="/rest/oauth/token").fail_kwargs()
        assert transport == dict(msg="cannot reach x (POST /rest/oauth/token)", method="POST", path="/rest/oauth/token")


class TestHierarchy:
    @pytest.mark.parametrize("cls", [errors.ConfigurationError, errors.TransportError, errors.TLSError, errors.RequestTimeout,
                                     errors.AuthenticationError, errors.PermissionDenied, errors.NotFound, errors.BadRequest,
                                     errors.Throttled, errors.ServerError, errors.UnexpectedResponse])
    def test_every_error_is_caught_by_the_base(self, cls):
        assert issubclass(cls, errors.JamaError)

    def test_tls_and_timeout_are_transport_errors(self):
        assert issubclass(errors.TLSError, errors.TransportError)
        assert issubclass(errors.RequestTimeout, errors.TransportError)

    def test_transport_errors_are_not_retryable_unless_said(self):
        assert errors.TransportError("x").retryable is False
        assert errors.TransportError("x", retryable=True).retryable is True


class TestBadRequest:
    def test_already_exists_is_read_from_jama_message(self):
        assert errors.BadRequest("refused", status=400, jama_message="User svc-ci already exists in group").already_exists

    def test_other_messages_are_not_already_exists(self):
        assert not errors.BadRequest("refused", status=400, jama_message="Invalid user id").already_exists
        assert not errors.BadRequest("refused", status=400).already_exists
