# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import UnexpectedResponse
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import create_group
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import UnresolvedPrincipals
from ansible_collections.jama.connect.plugins.modules.jama_user_group import argument_spec, option_problems, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user

ADMIN, ALICE, BOB = 1, 2, 3
TEAM = 10
MEMBERS = "/rest/v1/usergroups/%d/users" % TEAM


def jama():
    return FakeJama(users=[user(ADMIN, "admin"), user(ALICE, "alice"), user(BOB, "bob")],
                    groups=[{"id": TEAM, "name": "Team", "members": [ADMIN]},
                            {"id": 11, "name": "Twin", "members": []}, {"id": 12, "name": "Twin", "members": []}],
                    caller=ADMIN)


def params(**given):
    return dict(FakeModule(argument_spec()).params, **given)


class TestOptionProblems:
    def test_exclusive_without_members_asks_for_an_explicit_empty_list(self):
        assert option_problems(params(name="Team", exclusive=True)) == [
            "exclusive needs members: list who stays, or give members: [] to empty the group"]

    def test_an_empty_list_with_exclusive_is_accepted(self):
        assert option_problems(params(name="Team", members=[], exclusive=True)) == []

    def test_absent_refuses_the_options_that_only_present_uses(self):
        problems = option_problems(params(name="Team", state="absent", members=["alice"], description=""))
        assert problems == ["description, members apply only to state=present; state=absent deletes the group"]

    @pytest.mark.parametrize("name", ["", " Team"])
    def test_empty_or_padded_names_are_refused(self, name):
        assert len(option_problems(params(name=name))) == 1


class TestRun:
    def test_unknown_member_fails_before_any_write(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals, match="'nobody' not found"):
            run(FakeModule(argument_spec(), name="Team", members=["alice", "nobody"], exclusive=True), client)
        assert client.writes() == []

    def test_exclusive_adds_before_it_removes(self):
        client = jama()
        changed, result, diff = run(FakeModule(argument_spec(), name="Team", members=["bob", "alice"], exclusive=True), client)
        assert changed
        assert (result["added"], result["removed"], result["members"]) == (["alice", "bob"], ["admin"], ["alice", "bob"])
        assert [(method, path) for method, path, _body in client.writes()] == [
            ("POST", MEMBERS), ("POST", MEMBERS), ("DELETE", MEMBERS + "/%d" % ADMIN)]
        assert diff == {"before": "description:\nmember: admin\n", "after": "description:\nmember: alice\nmember: bob\n",
                        "before_header": "group Team", "after_header": "group Team"}

    def test_deleting_a_group_the_caller_is_in_warns(self):
        module = FakeModule(argument_spec(), check_mode=True, name="Team", state="absent")
        changed, result, _diff = run(module, jama())
        assert changed and result["removed"] == ["admin"]
        assert module.warnings == ["This run would remove you from group Team. If the group is on the REST API list, your own REST API "
                                   "access may end with it (jama.connect.jama_rest_access refuses that unless allow_self_lockout=true)"]

    def test_check_mode_plans_the_same_and_writes_nothing(self):
        client = jama()
        changed, result, _diff = run(FakeModule(argument_spec(), check_mode=True, name="Team", members=["alice"]), client)
        assert changed and result["added"] == ["alice"] and result["members"] == ["admin", "alice"]
        assert client.writes() == []

    def test_a_name_differing_only_in_case_is_named_not_created(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals, match=r"^name: group 'team' not found \(names match exactly; did you mean 'Team'\?\)"):
            run(FakeModule(argument_spec(), name="team"), client)
        assert client.writes() == []

    def test_a_name_two_groups_carry_is_refused_asking_for_the_id(self):
        client = jama()
        with pytest.raises(UnresolvedPrincipals, match=r"^name: group 'Twin' is ambiguous \(ids 11, 12\): give the id instead"):
            run(FakeModule(argument_spec(), name="Twin", members=["alice"]), client)
        assert client.writes() == []

    def test_the_id_of_a_shared_name_manages_that_one_group(self):
        client = jama()
        changed, result, _diff = run(FakeModule(argument_spec(), name="12", members=["alice"]), client)
        assert changed and result["group"]["id"] == 12 and result["group"]["name"] == "Twin"
        assert client.writes() == [("POST", "/rest/v1/usergroups/12/users", {"user": ALICE})]
        assert client.members[11] == set()

    def test_an_id_is_never_written_as_the_name(self):
        client = jama()
        changed, result, _diff = run(FakeModule(argument_spec(), name=str(TEAM), description="The team"), client)
        assert changed and result["group"]["name"] == "Team"
        assert client.writes() == [("PUT", "/rest/v1/usergroups/%d" % TEAM, {"name": "Team", "description": "The team"})]

    def test_a_new_group_is_created_with_its_members_added(self):
        client = jama()
        changed, result, diff = run(FakeModule(argument_spec(), name="New team", members=["bob"]), client)
        assert changed and result["group"]["id"] == 13 and result["members"] == ["bob"]
        assert client.writes() == [("POST", "/rest/v1/usergroups", {"name": "New team", "description": ""}),
                                   ("POST", "/rest/v1/usergroups/13/users", {"user": BOB})]
        assert diff["before"] == "" and diff["after"] == "description:\nmember: bob\n"


class _Answers:
    def __init__(self, answer):
        self.answer = answer

    def post(self, path, json=None):
        return self.answer


class TestCreateGroup:
    def test_returns_the_id_jama_gives_in_meta(self):
        assert create_group(_Answers({"meta": {"status": "Created", "id": 42}}), "New") == 42

    def test_an_answer_without_the_id_is_unexpected(self):
        with pytest.raises(UnexpectedResponse, match="lacks the new id"):
            create_group(_Answers({"meta": {"status": "Created"}}), "New")
