# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.modules import jama_user
from ansible_collections.jama.connect.plugins.modules.jama_user import argument_spec, option_problems, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args


def module(check_mode=False, **params):
    return FakeModule(argument_spec(), check_mode=check_mode, **params)


class FakeUserJama(FakeJama):
    """FakeJama with Jama's user writes: create, replace, (de)activate."""

    def post(self, path, json=None, retry_safe=False):
        if path != "/rest/v1/users":
            return super(FakeUserJama, self).post(path, json, retry_safe)
        self._record("POST", path, json)
        uid = max(self.users) + 1
        self.users[uid] = dict((key, value) for key, value in json.items() if key != "password")
        self.users[uid].update(id=uid, active=True, type="users")
        return {"meta": {"status": "Created", "id": uid}}

    def put(self, path, json=None, retry_safe=False):
        self._record("PUT", path, json)
        uid = int(path.split("/")[4])
        self.users[uid].update(json)
        return {"meta": {"status": "OK"}}


def jama():
    return FakeUserJama(users=[user(1, "admin"), user(2, "old", active=False), user(4, "bob")], caller=1)


class TestOptionProblems:
    def test_a_blank_username_is_refused(self):
        assert option_problems(module(username=" ").params) == ["username is empty: give a name or a numeric id"]

    def test_spaces_around_a_username_are_refused(self):
        assert "leading or trailing spaces" in option_problems(module(username="svc ").params)[0]

    def test_every_required_field_given_empty_is_named(self):
        problems = option_problems(module(username="svc", first_name="", last_name=" ", email="").params)
        assert [problem.split(" ")[0] for problem in problems] == ["first_name", "last_name", "email"]

    def test_empty_optional_fields_clear_them_and_are_fine(self):
        assert option_problems(module(username="svc", phone="", title="", location="").params) == []


class TestRun:
    def test_options_that_cannot_work_fail_before_any_request(self):
        client = jama()
        with pytest.raises(ConfigurationError):
            run(module(username="svc", email=""), client)
        assert client.requests == []

    def test_creating_without_the_required_fields_names_each_and_writes_nothing(self):
        client = jama()
        with pytest.raises(ConfigurationError) as caught:
            run(module(username="svc-new", email="svc@example.com", password="pw"), client)
        assert "needs first_name and last_name, missing or empty here; nothing was changed" in str(caught.value)
        assert client.writes() == []

    def test_deactivating_a_user_that_does_not_exist_fails_naming_similar_usernames(self):
        client = FakeJama(users=[user(1, "admin"), user(5, "jane.doe")], caller=1)
        with pytest.raises(ConfigurationError) as caught:
            run(module(username="jane.do", state="absent"), client)
        assert "User jane.do does not exist (names match exactly; did you mean 'jane.doe'?)" in str(caught.value)
        assert "nothing was changed" in str(caught.value)
        assert client.writes() == []

    def test_deactivating_an_inactive_user_changes_nothing(self):
        changed, result, _diff = run(module(username="old", state="absent"), jama())
        assert not changed and result["user"]["active"] is False

    def test_a_license_other_than_named_warns_that_the_user_cannot_use_the_rest_api(self):
        fake = module(username="bob", license_type="FLOATING", check_mode=True)
        run(fake, jama())
        assert fake.warnings == ["User bob has license FLOATING: only Named Creator (NAMED) users can use the REST API, "
                                 "so this user cannot, even with REST API access granted"]

    def test_an_existing_license_is_kept_when_none_is_asked_for_and_warned_about(self):
        client = FakeJama(users=[user(1, "admin"), user(3, "floater", license_type="FLOATING")])
        fake = module(username="floater", email="new@example.com", check_mode=True)
        changed, result, diff = run(fake, client)
        assert changed and result["user"]["licenseType"] == "FLOATING"
        assert "licenseType: FLOATING\n" in diff["before"] and "licenseType: FLOATING\n" in diff["after"]
        assert "email: new@example.com\n" in diff["after"] and diff["before_header"] == "user floater"
        assert fake.warnings and "has license FLOATING" in fake.warnings[0]

    def test_a_new_user_gets_a_named_creator_license_by_default(self):
        client = jama()
        changed, result, _diff = run(module(username="svc-new", first_name="S", last_name="N", email="s@example.com",
                                            password="pw", check_mode=True), client)
        assert changed and result["user"]["licenseType"] == "NAMED"

    def test_a_deactivation_does_not_warn_about_the_license(self):
        fake = module(username="bob", license_type="FLOATING", state="absent", check_mode=True)
        run(fake, jama())
        assert fake.warnings == []


class TestOutcome:
    @pytest.mark.parametrize("params, expected", [
        (dict(username="svc-new", first_name="S", last_name="N", email="s@example.com", password="pw"), "created"),
        (dict(username="old"), "reactivated"),
        (dict(username="old", title="Back"), "reactivated"),
        (dict(username="bob", title="Lead"), "updated"),
        (dict(username="bob"), "unchanged"),
        (dict(username="bob", state="absent"), "deactivated"),
        (dict(username="old", state="absent"), "unchanged"),
    ])
    def test_the_outcome_names_what_the_run_does_in_check_mode_and_for_real(self, params, expected):
        for check_mode in (True, False):
            client = jama()
            changed, result, _diff = run(module(check_mode=check_mode, **params), client)
            assert result["outcome"] == expected
            assert changed == (expected != "unchanged")
            assert bool(client.writes()) == (changed and not check_mode)


class TestSelfLockout:
    def test_deactivating_the_callers_own_account_fails_before_any_write(self):
        client = jama()
        with pytest.raises(ConfigurationError) as caught:
            run(module(username="admin", state="absent"), client)
        assert "would deactivate user admin, the account these credentials belong to" in str(caught.value)
        assert "allow_self_lockout=true" in str(caught.value) and client.writes() == []

    def test_changing_the_callers_own_license_fails_before_any_write(self):
        client = jama()
        with pytest.raises(ConfigurationError) as caught:
            run(module(username="admin", license_type="FLOATING"), client)
        assert "change the license (NAMED to FLOATING) of user admin" in str(caught.value)
        assert client.writes() == []

    def test_the_callers_other_fields_may_change(self):
        client = jama()
        changed, result, _diff = run(module(username="admin", title="Root"), client)
        assert changed and result["outcome"] == "updated" and client.count("PUT", r"/rest/v1/users/1") == 1

    def test_allow_self_lockout_deactivates_the_caller(self):
        client = jama()
        changed, _result, _diff = run(module(username="admin", state="absent", allow_self_lockout=True), client)
        assert changed and client.count("PUT", r"/rest/v1/users/1/active") == 1

    def test_another_users_deactivation_reads_the_caller_once_and_proceeds(self):
        client = jama()
        changed, _result, _diff = run(module(username="bob", state="absent"), client)
        assert changed and client.count("GET", r"/rest/v1/users/current") == 1


def main_result(capsys, monkeypatch, module, args):
    """Run a module's main() with `args`, its run() replaced by one that records the auth header; (result, header)."""
    seen = {}

    def record(mod, client):
        seen["header"] = client.auth.headers(client)
        seen["username"] = mod.params["username"]
        return False, {}, None
    monkeypatch.setattr(module, "run", record)
    for variable in ("JAMA_TOKEN", "JAMA_CLIENT_ID", "JAMA_CLIENT_SECRET", "JAMA_USERNAME", "JAMA_PASSWORD"):
        monkeypatch.delenv(variable, raising=False)
    with patch_module_args(dict(args, url="https://jama.example.com")):
        with pytest.raises(SystemExit):
            module.main()
    return json.loads(capsys.readouterr().out), seen


class TestMain:
    def test_basic_auth_is_the_caller_and_username_the_managed_user(self, capsys, monkeypatch):
        result, seen = main_result(capsys, monkeypatch, jama_user,
                                   dict(auth_username="admin", auth_password="adm1n-pw", username="svc-new", password="initial-pw"))
        assert not result.get("failed")
        assert seen == {"header": {"Authorization": "Basic YWRtaW46YWRtMW4tcHc="}, "username": "svc-new"}  # admin:adm1n-pw
        assert "adm1n-pw" not in json.dumps(result) and "initial-pw" not in json.dumps(result)

    def test_basic_auth_from_the_environment_never_names_the_managed_user(self, capsys, monkeypatch):
        monkeypatch.setenv("JAMA_USERNAME", "admin")
        monkeypatch.setenv("JAMA_PASSWORD", "adm1n-pw")
        with patch_module_args(dict(url="https://jama.example.com", state="absent")):
            with pytest.raises(SystemExit):
                jama_user.main()
        result = json.loads(capsys.readouterr().out)
        # username is required and never taken from JAMA_USERNAME: a task without it cannot target the caller
        assert result["failed"] and "missing required arguments: username" in result["msg"]
