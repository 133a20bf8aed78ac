# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import BadRequest, ConfigurationError, PermissionDenied, ServerError
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import UnresolvedPrincipals
from ansible_collections.jama.connect.plugins.modules import jama_rest_access
from ansible_collections.jama.connect.plugins.modules.jama_rest_access import RefusedChange, argument_spec, build_module, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args

ADMIN, ALICE, BOB, CAROL, FLOAT, OLD, DAVE = 1, 2, 3, 4, 5, 6, 7
ENG, QA, API_GROUP = 10, 11, 12
MEMBERS = "/rest/v1/usergroups/%d/users" % API_GROUP
NOTHING = {"users": [], "groups": []}


def users_named(*names):
    return {"users": list(names), "groups": []}


def jama(api_members=(ADMIN,), extra_groups=()):
    users = [user(ADMIN, "admin"), user(ALICE, "alice"), user(BOB, "bob"), user(CAROL, "carol"),
             user(FLOAT, "floater", license_type="FLOATING"), user(OLD, "old.contractor", active=False), user(DAVE, "dave")]
    groups = [{"id": ENG, "name": "Engineering", "members": [BOB, CAROL]}, {"id": QA, "name": "QA", "members": [ADMIN]},
              {"id": API_GROUP, "name": "REST API Users", "members": list(api_members)}] + list(extra_groups)
    return FakeJama(users=users, groups=groups, caller=ADMIN)


def module(check_mode=False, **params):
    return FakeModule(argument_spec(), check_mode=check_mode, **params)


def adds(*user_ids):
    return [("POST", MEMBERS, {"user": user_id}) for user_id in user_ids]


def removes(*user_ids):
    return [("DELETE", "%s/%d" % (MEMBERS, user_id), None) for user_id in user_ids]


class TestGrant:
    def test_grants_by_adding_each_user_to_the_access_group(self):
        client = jama()
        changed, result, diff = run(module(users=["bob", "alice", "admin"]), client)
        assert changed
        assert result["added"] == users_named("alice", "bob") and result["unchanged"] == users_named("admin")
        assert result["removed"] == NOTHING
        assert result["access"] == users_named("admin", "alice", "bob")
        assert client.writes() == adds(ALICE, BOB)
        assert client.members[API_GROUP] == {ADMIN, ALICE, BOB}
        assert (diff["before"], diff["after"]) == ("admin\n", "admin\nalice\nbob\n")
        assert result["check_mode"] is False and "msg" not in result

    def test_rerun_reads_only_and_reports_unchanged(self):
        client = jama(api_members=[ADMIN, ALICE])
        changed, result, _diff = run(module(users=["alice", "alice", "2"]), client)
        assert not changed
        assert result["unchanged"] == users_named("alice") and result["added"] == NOTHING
        assert client.writes() == []

    def test_a_rerun_for_members_reads_no_user_beyond_the_access_groups_members(self):
        client = jama(api_members=[ADMIN, ALICE, FLOAT])
        changed, result, _diff = run(module(users=["alice", "floater"]), client)
        assert not changed and result["unchanged"] == users_named("alice", "floater")
        # the member records are whole user records: the license check needs nothing more
        assert [item["username"] for item in result["ineffective"]] == ["floater"]
        assert client.count("GET", r"/rest/v1/users.*") == 0

    def test_check_mode_reports_the_same_plan_and_writes_nothing(self):
        client = jama()
        changed, result, diff = run(module(check_mode=True, users=["alice"]), client)
        assert changed and result["check_mode"] is True
        assert result["added"] == users_named("alice")
        assert diff["after"] == "admin\nalice\n" and result["access"] == users_named("admin", "alice")
        assert client.writes() == [] and client.members[API_GROUP] == {ADMIN}

    def test_the_access_group_may_be_given_by_id(self):
        client = jama()
        changed, result, _diff = run(module(access_group="12", users=["alice"]), client)
        assert changed and result["access"] == users_named("admin", "alice")
        assert client.writes() == adds(ALICE)

    def test_unknown_users_fail_naming_every_one_before_any_write(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals) as caught:
            run(module(users=["alice", "ghost", "nobody"]), client)
        assert "'ghost'" in str(caught.value) and "'nobody'" in str(caught.value) and "'alice'" not in str(caught.value)
        assert client.writes() == []

    def test_an_add_that_already_landed_counts_as_done(self):
        client = jama()
        client.failures[("POST", MEMBERS)] = BadRequest(
            "request refused", status=400, jama_message="User 'alice' already exists in user group 'REST API Users'")
        changed, result, _diff = run(module(users=["alice"]), client)
        assert changed and result["added"] == users_named("alice")

    def test_other_bad_requests_are_not_swallowed(self):
        client = jama()
        client.failures[("POST", MEMBERS)] = BadRequest("request refused", status=400, jama_message="invalid user")
        with pytest.raises(BadRequest):
            run(module(users=["alice"]), client)

    def test_a_failed_add_stops_the_run_before_any_further_write(self):
        client = jama()
        client.failures[("POST", MEMBERS)] = ServerError("Jama server error", status=503)
        with pytest.raises(ServerError):
            run(module(users=["alice", "bob"]), client)
        assert client.writes() == adds(ALICE)

    def test_never_reads_or_writes_anything_but_users_and_user_groups(self):
        client = jama()
        run(module(users=["admin", "alice"], exclusive=True), client)
        assert {path.split("/")[3] for _method, path, _payload in client.requests} == {"users", "usergroups"}


class TestRevoke:
    def test_revokes_by_removing_each_member(self):
        client = jama(api_members=[ADMIN, ALICE, BOB])
        changed, result, diff = run(module(users=["alice", "bob", "carol"], state="absent"), client)
        assert changed
        assert result["removed"] == users_named("alice", "bob") and result["unchanged"] == users_named("carol")
        assert result["ineffective"] == []
        assert client.writes() == removes(ALICE, BOB)
        assert (diff["before"], diff["after"]) == ("admin\nalice\nbob\n", "admin\n")

    def test_a_member_already_gone_counts_as_revoked(self):
        client = jama(api_members=[ADMIN, ALICE])
        original_delete = client.delete

        def delete_after_someone_else(path, retry_safe=False):
            client.members[API_GROUP].discard(ALICE)  # gone between our read and our delete: the fake answers 404
            return original_delete(path, retry_safe)
        client.delete = delete_after_someone_else
        changed, result, _diff = run(module(users=["alice"], state="absent"), client)
        assert changed and result["access"] == users_named("admin")
        assert client.writes() == removes(ALICE)

    def test_revoking_a_non_member_changes_nothing_and_says_nothing(self):
        client = jama()
        mod = module(users=["bob"], state="absent")
        changed, result, _diff = run(mod, client)
        assert not changed and result["unchanged"] == users_named("bob")
        assert client.writes() == []
        assert mod.warnings == []

    def test_revoking_yourself_is_refused_before_any_write(self):
        client = jama(api_members=[ADMIN, ALICE])
        with pytest.raises(RefusedChange) as caught:
            run(module(users=["admin", "alice"], state="absent"), client)
        assert caught.value.message == ("This run would remove you from access group REST API Users, and with it your own REST API "
                                        "access, so nothing was changed")
        assert "allow_self_lockout=true" in caught.value.hint
        assert client.writes() == []


class TestExclusive:
    def test_adds_first_then_removes_everyone_not_listed(self):
        client = jama(api_members=[ADMIN, ALICE, CAROL])
        changed, result, _diff = run(module(users=["admin", "dave", "bob"], exclusive=True), client)
        assert changed
        assert result["removed"] == users_named("alice", "carol") and result["added"] == users_named("bob", "dave")
        assert result["access"] == users_named("admin", "bob", "dave")
        assert client.writes() == adds(BOB, DAVE) + removes(ALICE, CAROL)
        assert client.members[API_GROUP] == {ADMIN, BOB, DAVE}
        assert result["concurrent_changes"] == {"appeared": NOTHING, "vanished": NOTHING}

    def test_removing_the_caller_is_refused_before_any_write(self):
        client = jama(api_members=[ADMIN, ALICE])
        with pytest.raises(RefusedChange, match="remove you from access group REST API Users"):
            run(module(users=["alice", "bob"], exclusive=True), client)
        assert client.writes() == []

    def test_check_mode_still_refuses_a_lockout(self):
        with pytest.raises(RefusedChange):
            run(module(check_mode=True, users=["alice"], exclusive=True), jama())

    def test_a_caller_outside_the_access_group_may_empty_it_of_others(self):
        client = jama(api_members=[ALICE, BOB])
        changed, result, _diff = run(module(users=["alice"], exclusive=True), client)
        assert changed and result["removed"] == users_named("bob") and client.members[API_GROUP] == {ALICE}

    def test_allow_self_lockout_lets_it_through(self):
        client = jama(api_members=[ADMIN, ALICE])
        changed, _result, _diff = run(module(users=["alice"], exclusive=True, allow_self_lockout=True), client)
        assert changed and client.members[API_GROUP] == {ALICE}

    def test_emptying_on_purpose_is_allowed(self):
        client = jama(api_members=[ADMIN, ALICE])
        changed, result, _diff = run(module(exclusive=True, allow_self_lockout=True), client)
        assert changed and result["access"] == NOTHING and client.members[API_GROUP] == set()
        assert "msg" not in result

    def test_a_member_another_run_added_meanwhile_is_reported_and_stays(self):
        client = jama(api_members=[ADMIN, ALICE])
        original_delete = client.delete

        def delete_while_another_run_adds(path, retry_safe=False):
            client.members[API_GROUP].add(DAVE)
            return original_delete(path, retry_safe)
        client.delete = delete_while_another_run_adds
        mod = module(users=["admin", "bob"], exclusive=True)
        _changed, result, _diff = run(mod, client)
        assert result["concurrent_changes"] == {"appeared": users_named("dave"), "vanished": NOTHING}
        assert result["access"] == users_named("admin", "bob", "dave")
        assert len(mod.warnings) == 1 and "appeared dave, vanished none" in mod.warnings[0] and "rerun it" in mod.warnings[0]

    def test_a_caller_who_locked_itself_out_on_purpose_is_told_why_nothing_is_reported(self):
        client = jama(api_members=[ADMIN, ALICE])
        original_delete = client.delete

        def delete_then_lose_access(path, retry_safe=False):
            answer = original_delete(path, retry_safe)
            client.failures[("GET", MEMBERS)] = PermissionDenied("permission denied", status=403, method="GET", path=MEMBERS)
            return answer
        client.delete = delete_then_lose_access
        mod = module(users=["alice"], exclusive=True, allow_self_lockout=True)
        changed, result, _diff = run(mod, client)
        assert changed and "concurrent_changes" not in result and result["access"] == users_named("alice")
        assert len(mod.warnings) == 1 and "could not read the access group again" in mod.warnings[0]

    def test_a_check_mode_run_reads_nothing_again(self):
        client = jama(api_members=[ADMIN, ALICE])
        _changed, result, _diff = run(module(check_mode=True, users=["admin"], exclusive=True), client)
        assert "concurrent_changes" not in result and client.count("GET", MEMBERS) == 1


class TestLicense:
    def test_floating_and_inactive_users_are_granted_with_one_warning(self):
        mod = module(users=["floater", "old.contractor", "alice"])
        client = jama()
        _changed, result, _diff = run(mod, client)
        assert result["ineffective"] == [
            {"username": "floater", "reasons": ["license FLOATING is not NAMED (Named Creator)"]},
            {"username": "old.contractor", "reasons": ["user is inactive"]},
        ]
        assert mod.warnings == ["2 requested user(s) hold REST API access but cannot use it: floater (license FLOATING is not "
                                "NAMED (Named Creator)), old.contractor (user is inactive)"]
        assert client.members[API_GROUP] == {ADMIN, ALICE, FLOAT, OLD}

    def test_license_check_fail_refuses_before_any_write(self):
        client = jama()
        with pytest.raises(RefusedChange, match="license_check=fail: 1 requested user.*floater") as caught:
            run(module(users=["alice", "floater"], license_check="fail"), client)
        assert "Named Creator license" in caught.value.hint
        assert client.writes() == []

    def test_license_check_ignore_is_silent_but_still_reports(self):
        mod = module(users=["floater"], license_check="ignore")
        _changed, result, _diff = run(mod, jama())
        assert mod.warnings == [] and result["ineffective"][0]["username"] == "floater"

    def test_revoking_reports_no_ineffective_users(self):
        mod = module(users=["floater"], state="absent", license_check="fail")
        _changed, result, _diff = run(mod, jama(api_members=[ADMIN, FLOAT]))
        assert result["ineffective"] == [] and result["removed"] == users_named("floater")

    def test_long_lists_are_shortened_in_the_warning(self):
        floaters = [user(100 + n, "float%02d" % n, license_type="FLOATING") for n in range(25)]
        client = FakeJama(users=[user(ADMIN, "admin")] + floaters, caller=ADMIN,
                          groups=[{"id": API_GROUP, "name": "REST API Users", "members": [ADMIN]}])
        mod = module(users=[u["username"] for u in floaters])
        _changed, result, _diff = run(mod, client)
        assert len(result["ineffective"]) == 25
        assert mod.warnings[0].count("float") == 10 and mod.warnings[0].endswith("and 15 more, listed in ineffective")


class TestAccessGroup:
    def test_a_missing_access_group_says_how_to_create_it_and_changes_nothing(self):
        client = jama()
        with pytest.raises(ConfigurationError) as caught:
            run(module(access_group="Nope", users=["alice"]), client)
        assert caught.value.message == "access_group: no user group is named 'Nope', so nothing was changed"
        assert "jama.connect.jama_user_group" in caught.value.hint
        assert "Admin > Organization > REST API > Configure access control" in caught.value.hint
        assert client.writes() == [] and client.count("GET", r"/rest/v1/users.*") == 0

    def test_a_missing_access_group_names_the_groups_with_similar_names(self):
        with pytest.raises(ConfigurationError) as caught:
            run(module(access_group="REST API User", users=["alice"]), jama())
        assert "groups with similar names: 'REST API Users'" in str(caught.value)

    def test_a_name_that_differs_only_in_case_is_refused_with_the_name_to_give(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals, match=r"access_group: group 'rest api users' not found .*did you mean 'REST API Users'"):
            run(module(access_group="rest api users", users=["alice"]), client)
        assert client.writes() == []

    def test_a_name_two_groups_carry_is_refused_asking_for_the_id(self):
        twin = {"id": 13, "name": "REST API Users", "members": []}
        client = jama(extra_groups=[twin])
        with pytest.raises(UnresolvedPrincipals, match=r"ambiguous \(ids 12, 13\): give the id instead"):
            run(module(users=["alice"]), client)
        assert client.writes() == []
        assert run(module(access_group="13", users=["alice"]), client)[1]["access"] == users_named("alice")


class TestNothingRequested:
    def test_says_so_and_warns_while_listing_the_members(self):
        client = jama(api_members=[ADMIN, BOB])
        mod = module()
        changed, result, _diff = run(mod, client)
        assert not changed and result["access"] == users_named("admin", "bob")
        assert result["msg"] == jama_rest_access.NOTHING_REQUESTED and mod.warnings == [jama_rest_access.NOTHING_REQUESTED]
        assert client.writes() == []

    def test_in_check_mode_it_is_a_read_without_a_warning(self):
        mod = module(check_mode=True)
        _changed, result, _diff = run(mod, jama())
        assert result["msg"] == jama_rest_access.NOTHING_REQUESTED and mod.warnings == []


class TestOptionProblems:
    @pytest.mark.parametrize("params, expected", [
        (dict(users=["alice", ""]), r"users\[1\] is empty: give a name or a numeric id"),
        (dict(users=[" alice"]), r"users\[0\] ' alice' has leading or trailing spaces"),
        (dict(groups=["QA", "Engineering"]),
         r"^groups 'QA', 'Engineering' cannot be granted REST API access by this collection: Jama sets a group's REST API access "
         r"only in its admin UI \(Admin > Organization > REST API > Configure access control, add the group\)\. "
         r"Grant the group's members as users instead, or add the group there$"),
        (dict(access_group=""), "access_group must name the user group that holds REST API access"),
        (dict(access_group="   "), "access_group must name"),
        (dict(users=["alice"], state="absent", exclusive=True), "exclusive applies only to state=present"),
        (dict(exclusive=True), "exclusive with empty users would revoke everyone's access, yours included"),
    ])
    def test_each_problem_names_the_option_and_nothing_is_requested(self, params, expected):
        client = jama()
        with pytest.raises(ConfigurationError, match=expected):
            run(module(**params), client)
        assert client.request_count == 0

    def test_all_problems_are_reported_together(self):
        with pytest.raises(ConfigurationError) as caught:
            run(module(users=["", "bob "], groups=["QA"], access_group=""), jama())
        message = str(caught.value)
        assert "users[0]" in message and "users[1]" in message and "groups 'QA'" in message and "access_group" in message


def parse(args):
    with patch_module_args(dict(url="https://jama.example.com", token="t0ken", **args)):
        return build_module()


def exit_json_of(capsys):
    return json.loads(capsys.readouterr().out)


class TestArgumentSpec:
    def test_numeric_ids_from_yaml_become_strings(self):
        assert parse(dict(users=[42, "alice"])).params["users"] == ["42", "alice"]

    def test_the_access_group_defaults_to_jamas_recommended_name(self):
        assert parse(dict(users=["alice"])).params["access_group"] == "REST API Users"

    @pytest.mark.parametrize("option", ["method", "username", "password"])
    def test_retired_options_are_unsupported(self, capsys, option):
        with pytest.raises(SystemExit):
            parse({option: "group"})
        out = exit_json_of(capsys)
        assert out["failed"] and "Unsupported parameters" in out["msg"] and option in out["msg"]

    def test_unknown_license_check_is_refused(self, capsys):
        with pytest.raises(SystemExit):
            parse(dict(license_check="maybe"))
        assert "license_check" in exit_json_of(capsys)["msg"]


class TestMain:
    def test_errors_become_fail_json_without_the_token(self, capsys, monkeypatch):
        def refuse(_module, _client):
            raise ConfigurationError("users[0] is empty: give a name or a numeric id")
        monkeypatch.setattr(jama_rest_access, "run", refuse)
        with patch_module_args(dict(url="https://jama.example.com", token="s3cret-t0ken", users=[""])):
            with pytest.raises(SystemExit):
                jama_rest_access.main()
        out = exit_json_of(capsys)
        assert out["failed"] and "users[0] is empty" in out["msg"]
        assert "s3cret-t0ken" not in json.dumps(out)

    def test_basic_auth_is_auth_username_and_auth_password_and_the_password_stays_out(self, capsys, monkeypatch):
        seen = {}

        def record(_module, client):
            seen["header"] = client.auth.headers(client)
            return False, {"access": NOTHING}, None
        monkeypatch.setattr(jama_rest_access, "run", record)
        with patch_module_args(dict(url="https://jama.example.com", auth_username="admin", auth_password="adm1n-pw")):
            with pytest.raises(SystemExit):
                jama_rest_access.main()
        out = exit_json_of(capsys)
        assert not out.get("failed") and seen["header"] == {"Authorization": "Basic YWRtaW46YWRtMW4tcHc="}  # admin:adm1n-pw
        assert "adm1n-pw" not in json.dumps(out)

    def test_diff_is_returned_only_in_diff_mode(self, capsys, monkeypatch):
        monkeypatch.setattr(jama_rest_access, "run", lambda _m, _c: (True, {"added": NOTHING}, {"before": NOTHING, "after": NOTHING}))
        for diff_mode in (False, True):
            with patch_module_args(dict(url="https://jama.example.com", token="t", _ansible_diff=diff_mode)):
                with pytest.raises(SystemExit):
                    jama_rest_access.main()
            assert ("diff" in exit_json_of(capsys)) is diff_mode
