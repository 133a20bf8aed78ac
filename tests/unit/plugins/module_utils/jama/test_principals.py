# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.jama.principals import (
    UnresolvedPrincipals,
    close_names,
    find_group,
    find_users,
    groups_matching,
    resolve_users,
)
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import group_members
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, user

USERS = "/rest/v1/users"
GROUPS = "/rest/v1/usergroups"


def small_jama(**kwargs):
    users = [user(1, "admin"), user(2, "alice"), user(3, "alice.b"), user(4, "old", active=False), user(5, "12"), user(12, "twelve")]
    groups = [{"id": 10, "name": "Engineering", "members": [2]}, {"id": 11, "name": "QA"},
              {"id": 20, "name": "Twins"}, {"id": 21, "name": "Twins"}, {"id": 30, "name": "2024"}, {"id": 31, "name": "11"}]
    return FakeJama(users=users, groups=groups, caller=1, **kwargs)


def big_jama(count):
    return FakeJama(users=[user(uid, "user%05d" % uid) for uid in range(1, count + 1)], caller=1)


def names(records, key="username"):
    return [record[key] for record in records]


class TestResolveUsers:
    def test_names_match_exactly_not_by_substring(self):
        assert names(resolve_users(small_jama(), ["alice"])) == ["alice"]

    def test_inactive_users_are_found(self):
        assert resolve_users(small_jama(), ["old"])[0]["active"] is False

    def test_digits_name_the_user_with_that_id_first(self):
        assert names(resolve_users(small_jama(), ["12"])) == ["twelve"]

    def test_digits_fall_back_to_a_username_when_no_user_has_that_id(self):
        jama = small_jama()
        del jama.users[12]
        assert names(resolve_users(jama, ["12"])) == ["12"]

    def test_same_user_by_name_and_id_appears_once_in_request_order(self):
        assert names(resolve_users(small_jama(), ["alice", "2", "admin", "alice"])) == ["alice", "admin"]

    def test_every_unknown_user_is_named_in_one_error(self):
        with pytest.raises(UnresolvedPrincipals) as caught:
            resolve_users(small_jama(), ["ghost", "alice", "999"])
        message = str(caught.value)
        assert message.startswith("Cannot resolve 2 of the requested users, so nothing was changed: ")
        assert "user 'ghost' not found" in message and "user '999' not found" in message
        assert "'alice'" not in message

    def test_unknown_name_that_differs_only_in_case_gets_a_hint(self):
        with pytest.raises(UnresolvedPrincipals, match=r"user 'ALICE' not found \(names match exactly; did you mean 'alice'\?\)"):
            resolve_users(small_jama(), ["ALICE"])

    def test_resolving_writes_nothing(self):
        jama = small_jama()
        with pytest.raises(UnresolvedPrincipals):
            resolve_users(jama, ["ghost"])
        assert jama.writes() == []

    def test_nothing_requested_costs_no_request(self):
        jama = small_jama()
        assert resolve_users(jama, []) == []
        assert jama.request_count == 0


class TestUserLookupStrategy:
    def test_few_users_on_a_large_instance_are_looked_up_by_name(self):
        jama = big_jama(1000)
        users = resolve_users(jama, ["user00700", "user00900", "user00999"])
        assert names(users) == ["user00700", "user00900", "user00999"]
        # first page (tells the size) + one filtered lookup each, instead of 20 pages
        assert jama.count("GET", USERS) == 4
        assert all(params.get("includeInactive") == "true" for _m, _p, params in jama.requests)

    def test_many_users_are_found_by_paging_through_everyone(self):
        jama = big_jama(1000)
        wanted = ["user%05d" % uid for uid in range(100, 1000, 10)]
        users = resolve_users(jama, wanted)
        assert len(users) == len(wanted)
        # first page, then at most every page (the client's pager starts again at page one)
        assert jama.count("GET", USERS) <= 1 + 20

    def test_paging_stops_once_every_user_is_found(self):
        jama = big_jama(1000)
        wanted = ["user%05d" % uid for uid in range(2, 200, 5)]
        resolve_users(jama, wanted)
        assert jama.count("GET", USERS) <= 1 + 4

    def test_users_on_the_first_page_need_no_further_request(self):
        jama = big_jama(1000)
        resolve_users(jama, ["user00001", "user00050"])
        assert jama.count("GET", USERS) == 1

    def test_ids_are_looked_up_by_id(self):
        jama = big_jama(1000)
        users = resolve_users(jama, ["777"])
        assert names(users) == ["user00777"]
        assert jama.count("GET", r"/rest/v1/users/\d+") == 1

    def test_a_broad_username_filter_is_read_until_the_exact_name(self):
        jama = big_jama(2000)
        # "user01" matches 1000 users by substring and none exactly; then an exact one appears, last by id
        matcher = find_users(jama, ["user01"])
        assert matcher.outcome("user01") == (None, [])
        jama.users[9999] = user(9999, "user01")
        users = resolve_users(jama, ["user01"])
        assert [u["id"] for u in users] == [9999]


class TestKnownMembers:
    """Records already read (an access group's members, whole user records in Jama) settle what they can first."""

    def members(self, jama, *uids):
        return [dict(jama.users[uid]) for uid in uids]

    def test_requested_members_cost_no_user_read(self):
        jama = big_jama(1000)
        known = self.members(jama, 700, 900)
        users = resolve_users(jama, ["user00700", "900"], known_users=known)
        assert names(users) == ["user00700", "user00900"]
        assert jama.request_count == 0

    def test_only_the_names_still_unmatched_are_looked_up(self):
        jama = big_jama(1000)
        known = self.members(jama, *range(100, 200))
        users = resolve_users(jama, ["user00150", "user00950"], known_users=known)
        assert names(users) == ["user00150", "user00950"]
        # the members prove at least two pages of users: one lookup is cheaper, without the first page
        assert jama.count("GET", USERS) == 1 and jama.request_count == 1

    def test_a_member_record_keeps_the_licence_and_active_checks_working(self):
        jama = small_jama()
        jama.users[2] = user(2, "alice", license_type="FLOATING", active=False)
        users = resolve_users(jama, ["alice"], known_users=[dict(jama.users[2])])
        assert users[0]["licenseType"] == "FLOATING" and users[0]["active"] is False
        assert jama.request_count == 0

    def test_a_member_record_without_licence_or_active_flag_is_not_trusted(self):
        jama = small_jama()
        partial = {"id": 2, "username": "alice"}
        users = resolve_users(jama, ["alice"], known_users=[partial])
        assert users[0]["licenseType"] == "NAMED" and "active" in users[0]
        assert jama.count("GET", USERS) >= 1

    def test_digits_matching_a_members_username_still_name_the_user_with_that_id(self):
        jama = small_jama()
        # member "12" (id 5) is in the group; user id 12 ("twelve") is not, and an id comes first
        users = resolve_users(jama, ["12"], known_users=[dict(jama.users[5])])
        assert names(users) == ["twelve"]
        assert jama.count("GET", r"/rest/v1/users/\d+") + jama.count("GET", USERS) >= 1

    def test_digits_matching_a_members_id_settle_without_a_read(self):
        jama = small_jama()
        users = resolve_users(jama, ["12"], known_users=[dict(jama.users[12])])
        assert names(users) == ["twelve"] and jama.request_count == 0

    def test_an_unknown_name_is_still_reported_with_the_members_known(self):
        jama = small_jama()
        with pytest.raises(UnresolvedPrincipals, match="user 'ghost' not found"):
            resolve_users(jama, ["alice", "ghost"], known_users=[dict(jama.users[2])])


class TestGroupMembers:
    def test_group_members_maps_ids_to_usernames(self):
        assert group_members(small_jama(), 10) == {2: "alice"}


class TestFindGroup:
    def test_by_exact_name(self):
        assert find_group(small_jama(), "Engineering", "access_group") == ({"id": 10, "name": "Engineering"}, [])

    def test_digits_name_the_group_with_that_id_first(self):
        # group 21 is one of the two "Twins"; the id settles which, although the name alone would be ambiguous
        assert find_group(small_jama(), "21", "access_group")[0]["id"] == 21

    def test_digits_name_the_id_even_when_another_group_carries_them_as_its_name(self):
        assert find_group(small_jama(), "11", "name")[0] == {"id": 11, "name": "QA"}

    def test_digits_fall_back_to_a_group_named_so_when_no_group_has_that_id(self):
        assert find_group(small_jama(), "2024", "name")[0] == {"id": 30, "name": "2024"}

    def test_a_name_two_groups_carry_is_refused_naming_the_option_and_the_ids(self):
        with pytest.raises(UnresolvedPrincipals, match=r"^access_group: group 'Twins' is ambiguous \(ids 20, 21\): give the id instead$"):
            find_group(small_jama(), "Twins", "access_group")

    def test_a_name_that_matches_only_in_another_case_is_refused_with_the_name_to_give(self):
        with pytest.raises(UnresolvedPrincipals,
                           match=r"^name: group 'engineering' not found \(names match exactly; did you mean 'Engineering'\?\)$"):
            find_group(small_jama(), "engineering", "name")

    def test_a_missing_group_is_none_with_the_names_alike(self):
        assert find_group(small_jama(), "Enginering", "access_group") == (None, ["Engineering"])

    def test_a_missing_group_with_nothing_alike_is_none_alone(self):
        assert find_group(small_jama(), "Marketing", "access_group") == (None, [])

    def test_an_id_no_group_has_and_no_group_is_named_is_none(self):
        assert find_group(small_jama(), "99", "access_group")[0] is None

    def test_looking_up_reads_the_groups_and_writes_nothing(self):
        jama = small_jama()
        find_group(jama, "Nope", "access_group")
        assert jama.writes() == [] and jama.count("GET", GROUPS) == 1


class TestGroupsMatching:
    def test_every_group_of_a_shared_name(self):
        assert [group["id"] for group in groups_matching(small_jama(), "Twins")[0]] == [20, 21]

    def test_an_id_names_one_group(self):
        assert [group["id"] for group in groups_matching(small_jama(), "20")[0]] == [20]

    def test_no_match_is_an_empty_list_not_an_error(self):
        assert groups_matching(small_jama(), "twins")[0] == []


class TestCloseNames:
    def test_a_letter_left_out_or_two_swapped_is_close(self):
        assert close_names("jane.do", ["jane.doe", "john.smith"]) == ["jane.doe"]
        assert close_names("jnae.doe", ["jane.doe", "john.smith", "jane.doe"]) == ["jane.doe"]

    def test_an_unrelated_name_is_not(self):
        assert close_names("svc-build", ["jane.doe", "john.smith"]) == []
