# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.jama.connect.plugins.module_utils.http.errors import BadRequest, ConfigurationError, PermissionDenied, ServerError
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import UnresolvedPrincipals
from ansible_collections.jama.connect.plugins.modules import jama_rest_access
from ansible_collections.jama.connect.plugins.modules.jama_rest_access import RefusedChange, argument_spec, build_module, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import ACCESS, FakeJama, FakeModule, user
from ansible_collections.jama.connect.tests.unit.plugins.modules.module_args import patch_module_args

ADMIN, ALICE, BOB, CAROL, FLOAT, OLD = 1, 2, 3, 4, 5, 6
ENG, QA, API_GROUP = 10, 11, 12
NOTHING = {"users": [], "groups": []}


def jama(**kwargs):
    users = [user(ADMIN, "admin"), user(ALICE, "alice"), user(BOB, "bob"), user(CAROL, "carol"),
             user(FLOAT, "floater", license_type="FLOATING"), user(OLD, "old.contractor", active=False)]
    groups = [{"id": ENG, "name": "Engineering", "members": [BOB, CAROL]}, {"id": QA, "name": "QA", "members": [ADMIN]},
              {"id": API_GROUP, "name": "REST API Users", "members": [ADMIN]}]
    options = dict(access_users=[ADMIN], caller=ADMIN)
    options.update(kwargs)
    return FakeJama(users=users, groups=groups, **options)


def module(check_mode=False, **params):
    # Most cases exercise the access-list backend; the group method's cases say method="group".
    params.setdefault("method", "access_list")
    return FakeModule(argument_spec(), check_mode=check_mode, **params)


class TestGrant:
    def test_grants_users_and_groups_in_one_batch(self):
        client = jama()
        changed, result, diff = run(module(users=["alice", "bob"], groups=["Engineering"]), client)
        assert changed
        assert result["added"] == {"users": ["alice", "bob"], "groups": ["Engineering"]}
        assert result["unchanged"] == NOTHING and result["removed"] == NOTHING
        assert result["access"] == {"users": ["admin", "alice", "bob"], "groups": ["Engineering"]}
        assert client.writes() == [("POST", ACCESS, {"users": [ALICE, BOB], "groups": [ENG]})]
        assert (diff["before"], diff["after"]) == ("admin\n", "admin\nalice\nbob\ngroup: Engineering\n")

    def test_rerun_reads_only_and_reports_unchanged(self):
        client = jama(access_users=[ADMIN, ALICE], access_groups=[ENG])
        changed, result, _diff = run(module(users=["alice", "alice", "2"], groups=["Engineering"]), client)
        assert not changed
        assert result["unchanged"] == {"users": ["alice"], "groups": ["Engineering"]}
        assert client.writes() == []

    def test_check_mode_reports_the_same_plan_and_writes_nothing(self):
        client = jama()
        changed, result, diff = run(module(check_mode=True, users=["alice"], groups=["QA"]), client)
        assert changed
        assert result["added"] == {"users": ["alice"], "groups": ["QA"]}
        assert diff["after"] == "admin\nalice\ngroup: QA\n"
        assert client.writes() == []

    def test_unknown_principals_fail_before_any_write(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals) as caught:
            run(module(users=["alice", "ghost"], groups=["Nope"]), client)
        assert "'ghost'" in str(caught.value) and "'Nope'" in str(caught.value)
        assert client.writes() == []

    def test_failed_batch_add_propagates_without_further_writes(self):
        client = jama()
        client.failures[("POST", ACCESS)] = ServerError("Jama server error", status=503)
        with pytest.raises(ServerError):
            run(module(users=["alice"]), client)
        assert len(client.writes()) == 1


class TestRevoke:
    def test_revokes_one_request_per_principal(self):
        client = jama(access_users=[ADMIN, ALICE, BOB], access_groups=[ENG])
        changed, result, _diff = run(module(users=["alice", "carol"], groups=["Engineering"], state="absent"), client)
        assert changed
        assert result["removed"] == {"users": ["alice"], "groups": ["Engineering"]}
        assert result["unchanged"] == {"users": ["carol"], "groups": []}
        assert client.writes() == [("DELETE", ACCESS + "/users/2", None), ("DELETE", ACCESS + "/groups/10", None)]

    def test_a_principal_already_gone_counts_as_revoked(self):
        client = jama(access_users=[ADMIN, ALICE])
        original_delete = client.delete

        def delete_after_someone_else(path, retry_safe=False):
            client.access_users.discard(ALICE)  # gone between our read and our delete: the fake answers 404
            return original_delete(path, retry_safe)
        client.delete = delete_after_someone_else
        changed, result, _diff = run(module(users=["alice"], state="absent"), client)
        assert changed and result["access"]["users"] == ["admin"]
        assert client.writes() == [("DELETE", ACCESS + "/users/2", None)]

    def test_revoked_user_in_a_listed_group_is_warned_about(self):
        client = jama(access_users=[ADMIN, BOB], access_groups=[ENG])
        mod = module(users=["bob"], state="absent")
        _changed, result, _diff = run(mod, client)
        assert result["kept_through_groups"] == {"bob": ["Engineering"]}
        assert any("bob keeps REST API access through group(s) still on the list: Engineering" in w for w in mod.warnings)

    def test_revoking_yourself_with_absent_is_refused(self):
        client = jama(access_users=[ADMIN, ALICE])
        with pytest.raises(RefusedChange, match="your own REST API access"):
            run(module(users=["admin", "alice"], state="absent"), client)
        assert client.writes() == []


class TestExclusive:
    def test_removes_everyone_not_listed_after_adding(self):
        client = jama(access_users=[ADMIN, ALICE, CAROL], access_groups=[QA])
        changed, result, _diff = run(module(users=["admin", "bob"], groups=["Engineering"], exclusive=True), client)
        assert changed
        assert result["removed"] == {"users": ["alice", "carol"], "groups": ["QA"]}
        assert result["access"] == {"users": ["admin", "bob"], "groups": ["Engineering"]}
        assert [w[0] for w in client.writes()] == ["POST", "DELETE", "DELETE", "DELETE"]
        assert client.access_users == {ADMIN, BOB} and client.access_groups == {ENG}

    def test_removing_the_callers_direct_access_is_refused_before_any_write(self):
        client = jama(access_users=[ADMIN, ALICE])
        with pytest.raises(RefusedChange, match=r"through user admin"):
            run(module(users=["alice", "bob"], exclusive=True), client)
        assert client.writes() == []

    def test_removing_the_callers_group_is_refused(self):
        client = jama(access_users=[ALICE], access_groups=[QA])
        with pytest.raises(RefusedChange, match=r"through group QA"):
            run(module(users=["alice"], exclusive=True), client)
        assert client.writes() == []

    def test_caller_keeping_access_through_a_listed_group_may_drop_the_direct_entry(self):
        client = jama(access_users=[ADMIN], access_groups=[API_GROUP])
        changed, result, _diff = run(module(groups=["REST API Users"], exclusive=True), client)
        assert changed and result["removed"]["users"] == ["admin"]

    def test_allow_self_lockout_lets_it_through(self):
        client = jama(access_users=[ADMIN, ALICE])
        changed, _result, _diff = run(module(users=["alice"], exclusive=True, allow_self_lockout=True), client)
        assert changed and client.access_users == {ALICE}

    def test_check_mode_still_refuses_a_lockout(self):
        with pytest.raises(RefusedChange):
            run(module(check_mode=True, users=["alice"], exclusive=True), jama())


class TestLicence:
    def test_floating_and_inactive_users_are_granted_with_warnings(self):
        mod = module(users=["floater", "old.contractor", "alice"])
        client = jama()
        _changed, result, _diff = run(mod, client)
        assert [item["username"] for item in result["ineffective"]] == ["floater", "old.contractor"]
        assert len(mod.warnings) == 1 and "floater" in mod.warnings[0] and "old.contractor" in mod.warnings[0]
        assert client.access_users == {ADMIN, ALICE, FLOAT, OLD}

    def test_license_check_fail_refuses_before_any_write(self):
        client = jama()
        with pytest.raises(RefusedChange, match="license_check=fail.*floater"):
            run(module(users=["alice", "floater"], license_check="fail"), client)
        assert client.writes() == []

    def test_license_check_ignore_is_silent_but_still_reports(self):
        mod = module(users=["floater"], license_check="ignore")
        _changed, result, _diff = run(mod, jama())
        assert mod.warnings == [] and result["ineffective"][0]["username"] == "floater"

    def test_long_lists_are_shortened_in_the_warning(self):
        users = [user(100 + n, "float%02d" % n, license_type="FLOATING") for n in range(25)]
        client = FakeJama(users=[user(ADMIN, "admin")] + users, caller=ADMIN, access_users=[ADMIN])
        mod = module(users=[u["username"] for u in users])
        _changed, result, _diff = run(mod, client)
        assert len(result["ineffective"]) == 25
        assert "and 15 more, listed in ineffective" in mod.warnings[0]


class TestManagedAccess:
    def test_access_control_off_is_warned_about(self):
        mod = module(users=["alice"])
        _changed, result, _diff = run(mod, jama(managed_access=False))
        assert result["managed_access"] is False
        assert any("access control is turned off" in warning for warning in mod.warnings)


class TestMissingEndpoint:
    @pytest.mark.parametrize("answer", ["missing", "html"])
    def test_recommends_the_group_method(self, answer):
        client = jama(access_list=answer)
        with pytest.raises(ConfigurationError) as caught:
            run(module(users=["alice"]), client)
        assert "does not serve the REST API access list" in str(caught.value)
        assert "method: group (the default) with access_group" in str(caught.value)
        assert "No published Jama Connect release serves these endpoints" in str(caught.value)
        assert client.writes() == []

    def test_non_admin_is_told_it_needs_an_organization_admin(self):
        with pytest.raises(PermissionDenied, match="organization admin"):
            run(module(users=["alice"]), jama(access_list="forbidden"))


class TestGroupMethod:
    def test_adds_members_one_request_each_and_never_touches_the_access_list(self):
        client = jama()
        changed, result, _diff = run(module(method="group", access_group="REST API Users", users=["alice", "bob", "admin"]), client)
        assert changed
        assert result["added"]["users"] == ["alice", "bob"] and result["unchanged"]["users"] == ["admin"]
        assert result["access"] == {"users": ["admin", "alice", "bob"], "groups": []}
        assert "managed_access" not in result
        assert client.writes() == [("POST", "/rest/v1/usergroups/12/users", {"user": ALICE}),
                                   ("POST", "/rest/v1/usergroups/12/users", {"user": BOB})]
        assert client.count("GET", ACCESS) == 0

    def test_an_add_that_already_landed_counts_as_done(self):
        client = jama()
        client.failures[("POST", "/rest/v1/usergroups/12/users")] = BadRequest(
            "request refused", status=400, jama_message="User 'alice' already exists in user group 'REST API Users'")
        changed, result, _diff = run(module(method="group", access_group="12", users=["alice"]), client)
        assert changed and result["added"]["users"] == ["alice"]

    def test_other_bad_requests_are_not_swallowed(self):
        client = jama()
        client.failures[("POST", "/rest/v1/usergroups/12/users")] = BadRequest("request refused", status=400, jama_message="invalid user")
        with pytest.raises(BadRequest):
            run(module(method="group", access_group="12", users=["alice"]), client)

    def test_revokes_membership(self):
        client = jama()
        client.members[API_GROUP].add(BOB)
        changed, result, _diff = run(module(method="group", access_group="REST API Users", users=["bob"], state="absent"), client)
        assert changed and result["removed"]["users"] == ["bob"]
        assert client.members[API_GROUP] == {ADMIN}

    def test_removing_yourself_from_the_access_group_is_refused(self):
        client = jama()
        with pytest.raises(RefusedChange, match="user admin"):
            run(module(method="group", access_group="REST API Users", users=["alice"], exclusive=True), client)
        assert client.writes() == []

    def test_unknown_access_group_is_named_with_how_to_create_it(self):
        with pytest.raises(UnresolvedPrincipals, match="access_group: group 'Nope' not found") as caught:
            run(module(method="group", access_group="Nope", users=["alice"]), jama())
        assert "jama.connect.jama_user_group" in str(caught.value)
        assert "Admin > Organization > REST API > Configure access control" in str(caught.value)

    def test_revoking_a_non_member_changes_nothing_and_does_not_warn(self):
        client = jama()
        mod = module(method="group", access_group="REST API Users", users=["bob"], state="absent")
        changed, result, _diff = run(mod, client)
        assert not changed and result["unchanged"]["users"] == ["bob"]
        assert client.writes() == [] and mod.warnings == []


class TestOptionProblems:
    @pytest.mark.parametrize("params, expected", [
        (dict(users=["alice", ""]), r"users\[1\] is empty"),
        (dict(groups=["  "]), r"groups\[0\] is empty"),
        (dict(users=[" alice"]), r"users\[0\] ' alice' has leading or trailing spaces"),
        (dict(method="group", access_group="X", groups=["QA", "Engineering"]),
         r"groups 'QA', 'Engineering' cannot be granted with method=group .*Admin > Organization > REST API.*as users"),
        (dict(method="group", access_group=""), "access_group must name"),
        (dict(users=["alice"], state="absent", exclusive=True), "exclusive applies only to state=present"),
        (dict(exclusive=True), "exclusive with empty users and groups would revoke everyone"),
    ])
    def test_each_problem_names_the_option_and_nothing_is_requested(self, params, expected):
        client = jama()
        with pytest.raises(ConfigurationError, match=expected):
            run(module(**params), client)
        assert client.request_count == 0

    def test_all_problems_are_reported_together(self):
        with pytest.raises(ConfigurationError) as caught:
            run(module(users=[""], groups=[""]), jama())
        assert "users[0]" in str(caught.value) and "groups[0]" in str(caught.value)

    def test_emptying_on_purpose_is_allowed(self):
        client = jama(access_users=[ADMIN, ALICE], access_groups=[QA])
        changed, result, _diff = run(module(exclusive=True, allow_self_lockout=True), client)
        assert changed and result["access"] == NOTHING


def parse(args):
    with patch_module_args(dict(url="https://jama.example.com", token="t0ken", **args)):
        return build_module()


def exit_json_of(capsys):
    return json.loads(capsys.readouterr().out)


class TestArgumentSpec:
    def test_numeric_ids_from_yaml_become_strings(self):
        assert parse(dict(users=[42, "alice"])).params["users"] == ["42", "alice"]

    def test_defaults_are_what_every_published_jama_serves(self):
        params = parse(dict(users=["alice"])).params
        assert (params["method"], params["access_group"]) == ("group", "REST API Users")

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

    def test_diff_is_returned_only_in_diff_mode(self, capsys, monkeypatch):
        monkeypatch.setattr(jama_rest_access, "run", lambda _m, _c: (True, {"added": NOTHING}, {"before": NOTHING, "after": NOTHING}))
        for diff_mode in (False, True):
            with patch_module_args(dict(url="https://jama.example.com", token="t", _ansible_diff=diff_mode)):
                with pytest.raises(SystemExit):
                    jama_rest_access.main()
            assert ("diff" in exit_json_of(capsys)) is diff_mode
