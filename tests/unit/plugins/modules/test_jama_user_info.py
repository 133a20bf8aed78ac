# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest

from ansible_collections.jama.connect.plugins.modules import jama_user_info
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user
from ansible_collections.jama.connect.tests.unit.plugins.modules.test_jama_user import main_result
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args

OPTIONS = dict(username=None, email=None, license_type=None, include_inactive=False)


def module(**params):
    return FakeModule({}, **dict(OPTIONS, **params))


def jama():
    return FakeJama(users=[user(1, "admin"), user(2, "admin.backup"), user(3, "old", active=False),
                           user(4, "floater", license_type="FLOATING")])


class TestRun:
    def test_the_username_filter_matches_exactly(self):
        changed, result, diff = jama_user_info.run(module(username="admin"), jama())
        assert (changed, diff) == (False, None)
        assert [found["username"] for found in result["users"]] == ["admin"]

    def test_inactive_users_only_when_asked(self):
        assert [found["username"] for found in jama_user_info.run(module(), jama())[1]["users"]] == ["admin", "admin.backup", "floater"]
        every = jama_user_info.run(module(include_inactive=True), jama())[1]["users"]
        assert [found["username"] for found in every] == ["admin", "admin.backup", "old", "floater"]

    def test_reads_only(self):
        client = jama()
        jama_user_info.run(module(license_type="FLOATING"), client)
        assert client.writes() == []


class TestMain:
    def test_basic_auth_works_alongside_the_username_filter(self, capsys, monkeypatch):
        result, seen = main_result(capsys, monkeypatch, jama_user_info,
                                   dict(auth_username="admin", auth_password="adm1n-pw", username="svc-ci"))
        assert not result.get("failed")
        assert seen == {"header": {"Authorization": "Basic YWRtaW46YWRtMW4tcHc="}, "username": "svc-ci"}  # admin:adm1n-pw

    def test_the_retired_password_option_is_unsupported_and_not_echoed(self, capsys):
        with patch_module_args(dict(url="https://jama.example.com", token="t0ken-value", password="pa55word-x")):
            with pytest.raises(SystemExit):
                jama_user_info.main()
        result = json.loads(capsys.readouterr().out)
        assert result["failed"] and "Unsupported parameters" in result["msg"] and "password" in result["msg"]
        assert "t0ken-value" not in json.dumps(result) and "pa55word-x" not in json.dumps(result)
