# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.jama.principals import (
    UnresolvedPrincipals,
    close_names,
    find_users,
    resolve_group,
    resolve_principals,
)
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import group_members
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, user

USERS = "/rest/v1/users"


def small_jama(**kwargs):
    users = [user(1, "admin"), user(2, "alice"), user(3, "alice.b"), user(4, "old", active=False), user(5, "12"), user(12, "twelve")]
    groups = [{"id": 10, "name": "Engineering", "members": [2]}, {"id": 11, "name": "QA"},
              {"id": 20, "name": "Twins"}, {"id": 21, "name": "Twins"}]
    return FakeJama(users=users, groups=groups, caller=1, **kwargs)


def big_jama(count):
    return FakeJama(users=[user(uid, "user%05d" % uid) for uid in range(1, count + 1)], caller=1)


def names(records, key="username"):
    return [record[key] for record in records]


class TestResolvePrincipals:
    def test_names_match_exactly_not_by_substring(self):
        users, groups = resolve_principals(small_jama(), ["alice"], ["QA"])
        assert names(users) == ["alice"]
        assert names(groups, "name") == ["QA"]

    def test_inactive_users_are_found(self):
        users, _groups = resolve_principals(small_jama(), ["old"])
        assert users[0]["active"] is False

    def test_digits_name_the_user_with_that_id_first(self):
        users, _groups = resolve_principals(small_jama(), ["12"])
        assert names(users) == ["twelve"]

    def test_digits_fall_back_to_a_username_when_no_user_has_that_id(self):
        jama = small_jama()
        del jama.users[12]
        users, _groups = resolve_principals(jama, ["12"])
        assert names(users) == ["12"]

    def test_same_user_by_name_and_id_appears_once_in_request_order(self):
        users, _groups = resolve_principals(small_jama(), ["alice", "2", "admin", "alice"])
        assert names(users) == ["alice", "admin"]

    def test_groups_resolve_by_id(self):
        _users, groups = resolve_principals(small_jama(), [], ["21"])
        assert [g["id"] for g in groups] == [21]

    def test_every_unknown_and_ambiguous_principal_is_named_in_one_error(self):
        with pytest.raises(UnresolvedPrincipals) as caught:
            resolve_principals(small_jama(), ["ghost", "alice", "999"], ["Nope", "Twins", "QA"])
        message = str(caught.value)
        for part in ("user 'ghost' not found", "user '999' not found", "group 'Nope' not found", "group 'Twins' is ambiguous (ids 20, 21)"):
            assert part in message
        assert "'alice'" not in message and "'QA'" not in message
        assert message.startswith("Cannot resolve 4 ")

    def test_unknown_name_that_differs_only_in_case_gets_a_hint(self):
        with pytest.raises(UnresolvedPrincipals, match=r"did you mean 'Engineering'\?"):
            resolve_principals(small_jama(), [], ["engineering"])

    def test_resolving_writes_nothing(self):
        jama = small_jama()
        with pytest.raises(UnresolvedPrincipals):
            resolve_principals(jama, ["ghost"], ["Twins"])
        assert jama.writes() == []

    def test_nothing_requested_costs_no_request(self):
        jama = small_jama()
        assert resolve_principals(jama, [], []) == ([], [])
        assert jama.request_count == 0


class TestUserLookupStrategy:
    def test_few_users_on_a_large_instance_are_looked_up_by_name(self):
        jama = big_jama(1000)
        users, _groups = resolve_principals(jama, ["user00700", "user00900", "user00999"])
        assert names(users) == ["user00700", "user00900", "user00999"]
        # first page (tells the size) + one filtered lookup each, instead of 20 pages
        assert jama.count("GET", USERS) == 4
        assert all(params.get("includeInactive") == "true" for _m, _p, params in jama.requests)

    def test_many_users_are_found_by_paging_through_everyone(self):
        jama = big_jama(1000)
        wanted = ["user%05d" % uid for uid in range(100, 1000, 10)]
        users, _groups = resolve_principals(jama, wanted)
        assert len(users) == len(wanted)
        # first page, then at most every page (the client's pager starts again at page one)
        assert jama.count("GET", USERS) <= 1 + 20

    def test_paging_stops_once_every_user_is_found(self):
        jama = big_jama(1000)
        wanted = ["user%05d" % uid for uid in range(2, 200, 5)]
        resolve_principals(jama, wanted)
        assert jama.count("GET", USERS) <= 1 + 4

    def test_users_on_the_first_page_need_no_further_request(self):
        jama = big_jama(1000)
        resolve_principals(jama, ["user00001", "user00050"])
        assert jama.count("GET", USERS) == 1

    def test_ids_are_looked_up_by_id(self):
        jama = big_jama(1000)
        users, _groups = resolve_principals(jama, ["777"])
        assert names(users) == ["user00777"]
        assert jama.count("GET", r"/rest/v1/users/\d+") == 1

    def test_a_broad_username_filter_is_read_until_the_exact_name(self):
        jama = big_jama(2000)
        # "user01" matches 1000 users by substring and none exactly; then an exact one appears, last by id
        matcher = find_users(jama, ["user01"])
        assert matcher.outcome("user01") == (None, [])
        jama.users[9999] = user(9999, "user01")
        users, _groups = resolve_principals(jama, ["user01"])
        assert [u["id"] for u in users] == [9999]


class TestGroups:
    def test_group_members_maps_ids_to_usernames(self):
        assert group_members(small_jama(), 10) == {2: "alice"}

    def test_resolve_group_names_the_option_when_unknown(self):
        with pytest.raises(UnresolvedPrincipals, match=r"^access_group: group 'Nope' not found"):
            resolve_group(small_jama(), "Nope", "access_group")

    def test_resolve_group_refuses_an_ambiguous_name(self):
        with pytest.raises(UnresolvedPrincipals, match="ambiguous"):
            resolve_group(small_jama(), "Twins", "access_group")

    def test_resolve_group_by_name(self):
        assert resolve_group(small_jama(), "Engineering", "access_group")["id"] == 10


class TestCloseNames:
    def test_a_letter_left_out_or_two_swapped_is_close(self):
        assert close_names("jane.do", {"jane.doe", "john.smith"}) == {"jane.doe"}
        assert close_names("jnae.doe", {"jane.doe", "john.smith"}) == {"jane.doe"}

    def test_an_unrelated_name_is_not(self):
        assert close_names("svc-build", {"jane.doe", "john.smith"}) == set()
