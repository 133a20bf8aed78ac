# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import pytest

from ansible_collections.jama.connect.plugins.module_utils.connection import client_credentials_argument_spec, connection_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.module import (
    JamaModule,
    comma_string_problem,
    field_lines,
    name_problem,
    names_problems,
    text_diff,
)
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args


class TestNameProblem:
    @pytest.mark.parametrize("value", ["alice", "REST API Users", "42", "a b"])
    def test_a_name_or_id_jama_could_hold_has_no_problem(self, value):
        assert name_problem("name", value) is None

    @pytest.mark.parametrize("value", ["", " ", "\t"])
    def test_an_empty_value_names_the_option(self, value):
        assert name_problem("access_group", value) == "access_group is empty: give a name or a numeric id"

    @pytest.mark.parametrize("value", [" alice", "alice ", "alice\n"])
    def test_padding_is_refused_showing_the_value(self, value):
        assert name_problem("username", value) == "username %r has leading or trailing spaces, which Jama names never carry" % value


class TestNamesProblems:
    def test_each_problem_names_its_index_in_order(self):
        assert names_problems("users", ["alice", "", " bob", "carol"]) == [
            "users[1] is empty: give a name or a numeric id",
            "users[2] ' bob' has leading or trailing spaces, which Jama names never carry",
        ]

    @pytest.mark.parametrize("values", [None, [], ["alice", "7"]])
    def test_nothing_wrong_is_an_empty_list(self, values):
        assert names_problems("members", values) == []


def loaded(spec, args):
    with patch_module_args(dict(args, url="https://jama.example.com")):
        return JamaModule(argument_spec=spec, supports_check_mode=True)


class TestJamaModuleParams:
    def test_the_fact_jama_token_registers_becomes_its_bearer_token(self):
        fact = {"access_token": "AT-from-the-fact", "token_type": "Bearer", "expires_in": 3599, "url": "https://jama.example.com"}
        module = loaded(connection_argument_spec(), dict(token=fact))
        assert module.params["token"] == "AT-from-the-fact"
        assert "AT-from-the-fact" in module.no_log_values

    def test_a_token_string_is_kept_as_given(self):
        assert loaded(connection_argument_spec(), dict(token="abc")).params["token"] == "abc"

    def test_a_dict_without_an_access_token_is_left_for_the_auth_to_refuse(self):
        assert loaded(connection_argument_spec(), dict(token={"token_type": "Bearer"})).params["token"] == {"token_type": "Bearer"}

    def test_a_secret_option_the_module_lacks_is_masked_all_the_same(self, capsys):
        # jama_token takes no auth_password; the value still never appears in the refusal
        with pytest.raises(SystemExit):
            loaded(client_credentials_argument_spec(), dict(client_id="ci-client", client_secret="ci-secret-5b7d1a", auth_password="hunter2-pw"))
        out = capsys.readouterr().out
        assert "Unsupported parameters" in out and "auth_password" in out and "hunter2-pw" not in out

    def test_the_retired_password_option_is_refused_without_echoing_its_value(self, capsys):
        # a task written for the option's old name: Ansible refuses it and repeats the task's arguments
        with pytest.raises(SystemExit):
            loaded(connection_argument_spec(), dict(token="t0ken-value", username="admin", password="old-name-pw"))
        out = capsys.readouterr().out
        assert "Unsupported parameters" in out and "password" in out
        assert "old-name-pw" not in out and "t0ken-value" not in out

    def test_a_module_with_its_own_password_option_keeps_it(self):
        spec = connection_argument_spec(password=dict(type="str", no_log=True))
        assert loaded(spec, dict(token="t0ken-value", password="initial-pw")).params["password"] == "initial-pw"


class TestCommaStringProblem:
    def test_the_split_of_a_comma_separated_string_asks_for_a_list(self):
        problem = comma_string_problem("users", ["a", " b", " c"])
        assert problem == "users looks like a comma-separated string ('a, b, c'): give a YAML list, e.g. users: [a, b, c]"

    def test_names_problems_gives_that_one_problem_instead_of_one_per_value(self):
        assert names_problems("members", ["svc-ci", " jane.doe"]) == [comma_string_problem("members", ["svc-ci", " jane.doe"])]

    @pytest.mark.parametrize("values", [["a", "b"], ["a"], [], None, [" a"], ["a", " "], ["a", "", " b", "c"], ["a", " b", "c"]])
    def test_a_list_without_the_telltale_spaces_is_not_flagged(self, values):
        assert comma_string_problem("users", values) is None


class TestTextDiff:
    def test_each_line_ends_with_a_newline_and_names_keep_their_letters(self):
        diff = text_diff(["j\u00fcrgen.m\u00fcller"], ["j\u00fcrgen.m\u00fcller", "zo\u00eb"], "members of access group X")
        assert diff == {"before": "j\u00fcrgen.m\u00fcller\n", "after": "j\u00fcrgen.m\u00fcller\nzo\u00eb\n",
                        "before_header": "members of access group X", "after_header": "members of access group X"}

    def test_appending_to_a_list_leaves_the_old_last_line_unchanged(self):
        diff = text_diff(["user028", "user029"], ["user028", "user029", "user030"], "h")
        assert diff["after"].startswith(diff["before"])

    def test_no_object_is_an_empty_text(self):
        assert text_diff(None, [], "h")["before"] == "" and text_diff([], None, "h")["after"] == ""


class TestFieldLines:
    def test_fields_in_the_given_order_with_booleans_and_none_spelled_plainly(self):
        record = {"title": None, "active": False, "username": "ana", "extra": 1}
        assert field_lines(record, ("username", "title", "active", "email")) == ["username: ana", "title:", "active: false"]
