# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.module_utils.auth import secrets


class TestShapes:
    def test_every_way_a_message_can_quote_a_secret(self):
        found = secrets.shapes(' ab"c\n')
        assert {' ab"c\n', 'ab"c', ' ab\\"c\\n', ' ab"c\\n'} <= found
        assert "it\\'s" in secrets.shapes("it's")

    def test_a_bearer_prefixed_token_also_masks_the_bare_token(self):
        assert "abc" in secrets.shapes("Bearer abc")

    @pytest.mark.parametrize("value", [None, "", {"access_token": "x"}])
    def test_nothing_to_mask(self, value):
        assert secrets.shapes(value) == set()


class TestBearerToken:
    @pytest.mark.parametrize("given", ["abc.DEF-1_~+/==", " abc.DEF-1_~+/==\n", "Bearer abc.DEF-1_~+/==", "bearer   abc.DEF-1_~+/=="])
    def test_whitespace_and_a_bearer_prefix_are_removed(self, given):
        assert secrets.bearer_token(given) == "abc.DEF-1_~+/=="

    @pytest.mark.parametrize("given, why", [("ab\ncd", "control character"), ("ab\tcd", "control character"),
                                            ("ab cd", "not a bearer token"), ("ab\"cd", "not a bearer token"), ("abc\u00e9", "not a bearer token")])
    def test_a_token_that_cannot_go_into_a_header_is_refused_without_echo(self, given, why):
        with pytest.raises(errors.ConfigurationError, match=why) as caught:
            secrets.bearer_token(given)
        assert given.strip() not in str(caught.value)


class TestApiCredentials:
    @pytest.mark.parametrize("value", ["s\u00e9cr\u00eat", "\u4e2d\u6587", "with space", "line\nbreak", ""])
    def test_characters_jama_never_issues_are_refused_without_echo(self, value):
        with pytest.raises(errors.ConfigurationError, match="client_secret contains") as caught:
            secrets.check_api_credential("client_secret", value)
        assert not value or value not in str(caught.value)

    def test_printable_ascii_passes(self):
        secrets.check_api_credential("client_id", "a-Z_0.9~!")

    def test_a_password_may_hold_any_printable_character(self):
        secrets.check_password("password", "p\u00e4ss w\u00f6rd \u4e2d")
        with pytest.raises(errors.ConfigurationError, match="control character"):
            secrets.check_password("password", "pass\n")


class TestSecretMask:
    def test_every_shape_of_every_registered_secret_is_replaced(self):
        mask = secrets.SecretMask()
        mask.register("s3cr3t'x")
        mask.register("Bearer tok.en")
        text = mask.scrub("a s3cr3t'x, a 's3cr3t\\'x', and tok.en in 'Bearer tok.en'")
        assert "s3cr3t" not in text and "tok.en" not in text and text.count("********") == 4

    def test_a_secret_inside_a_longer_one_does_not_leave_the_longer_ones_rest(self):
        mask = secrets.SecretMask()
        mask.register("abc")
        mask.register("abcdef")
        assert mask.scrub("x abcdef y") == "x ******** y"

    def test_nothing_registered_changes_nothing_and_non_strings_are_ignored(self):
        mask = secrets.SecretMask()
        mask.register(None)
        mask.register({"access_token": "t"})
        assert mask.scrub("plain text") == "plain text"
