# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.jama.connect.plugins.module_utils.access.plan import (
    Members,
    apply_plan,
    concurrent_changes,
    find_ineffective,
    ineffective_reasons,
    locks_out,
    names_in,
    plan_members,
    plan_summary,
    sorted_names,
)

ALICE, BOB, CAROL = (1, "alice"), (2, "bob"), (3, "carol")


def members(*users):
    return Members(dict(users))


class TestMembers:
    def test_equal_by_ids_and_usernames_not_by_order(self):
        assert members(ALICE, BOB) == members(BOB, ALICE)
        assert members(ALICE) != members(BOB)
        assert members(ALICE) != {1: "alice"}

    def test_names_are_sorted_case_insensitively(self):
        assert members((2, "bob"), (1, "Alice"), (3, "carol")).names() == ["Alice", "bob", "carol"]

    def test_as_names_has_the_result_shape_with_no_groups(self):
        assert members(BOB, ALICE).as_names() == {"users": ["alice", "bob"], "groups": []}

    def test_copies_what_it_is_given(self):
        given_users = dict([ALICE])
        held = Members(given_users)
        given_users[2] = "bob"
        assert held == members(ALICE)

    def test_empty(self):
        assert Members().is_empty() and not members(ALICE).is_empty()

    def test_repr_names_the_users(self):
        assert repr(members(ALICE)) == "Members({1: 'alice'})"


class TestPlanPresent:
    def test_adds_only_missing_users(self):
        plan = plan_members(members(ALICE), members(ALICE, BOB))
        assert plan.add == members(BOB)
        assert plan.unchanged == members(ALICE)
        assert plan.remove == members()
        assert plan.changed

    def test_everyone_already_a_member_is_no_change(self):
        plan = plan_members(members(ALICE, BOB), members(BOB))
        assert not plan.changed
        assert plan.unchanged == members(BOB)

    def test_leaves_unrequested_members_alone(self):
        plan = plan_members(members(ALICE, CAROL), members(BOB))
        assert plan.remove == members()

    def test_exclusive_removes_everyone_not_requested(self):
        plan = plan_members(members(ALICE, CAROL), members(ALICE, BOB), exclusive=True)
        assert plan.remove == members(CAROL)
        assert plan.add == members(BOB)
        assert plan.unchanged == members(ALICE)

    def test_exclusive_with_empty_request_empties_the_group(self):
        plan = plan_members(members(ALICE, BOB), members(), exclusive=True)
        assert plan.remove == members(ALICE, BOB)

    def test_users_are_told_apart_by_id_not_by_name(self):
        renamed = (1, "alice.renamed")
        plan = plan_members(members(ALICE), members(renamed))
        assert not plan.changed and plan.unchanged == members(renamed)


class TestPlanAbsent:
    def test_removes_only_requested_members(self):
        plan = plan_members(members(ALICE, BOB), members(BOB, CAROL), state="absent")
        assert plan.remove == members(BOB)
        assert plan.unchanged == members(CAROL)
        assert plan.add == members()

    def test_absent_from_an_empty_group_is_no_change(self):
        assert not plan_members(members(), members(ALICE), state="absent").changed

    def test_exclusive_with_absent_is_refused(self):
        with pytest.raises(ValueError, match="exclusive"):
            plan_members(members(), members(), state="absent", exclusive=True)

    def test_unknown_state_is_refused(self):
        with pytest.raises(ValueError, match="state"):
            plan_members(members(), members(), state="gone")


class TestApplyPlan:
    def test_applies_adds_and_removes(self):
        current = members(ALICE, CAROL)
        after = apply_plan(current, plan_members(current, members(ALICE, BOB), exclusive=True))
        assert after == members(ALICE, BOB)

    def test_does_not_mutate_the_current_members(self):
        current = members(ALICE)
        apply_plan(current, plan_members(current, members(BOB), exclusive=True))
        assert current == members(ALICE)


class TestLocksOut:
    def test_removing_the_caller_locks_it_out(self):
        current = members(ALICE, BOB)
        plan = plan_members(current, members(BOB), exclusive=True)
        assert locks_out(plan, apply_plan(current, plan), ALICE[0])

    def test_removing_others_does_not(self):
        current = members(ALICE, BOB)
        plan = plan_members(current, members(ALICE), exclusive=True)
        assert not locks_out(plan, apply_plan(current, plan), ALICE[0])

    def test_a_caller_who_was_never_a_member_is_not_locked_out_by_this_run(self):
        current = members(BOB)
        plan = plan_members(current, members(), exclusive=True)
        assert not locks_out(plan, apply_plan(current, plan), ALICE[0])

    def test_a_caller_of_unknown_id_is_not_locked_out(self):
        plan = plan_members(members(ALICE), members(), exclusive=True)
        assert not locks_out(plan, members(), None)


class TestReporting:
    def test_summary_has_added_removed_unchanged_by_name(self):
        plan = plan_members(members(ALICE, CAROL), members(ALICE, BOB), exclusive=True)
        assert plan_summary(plan) == {
            "added": {"users": ["bob"], "groups": []},
            "removed": {"users": ["carol"], "groups": []},
            "unchanged": {"users": ["alice"], "groups": []},
        }

    def test_sorted_names_keeps_duplicates_in_stable_order(self):
        assert sorted_names(["b", "B", "a", "b"]) == ["a", "B", "b", "b"]

    def test_concurrent_changes_name_who_appeared_and_who_vanished(self):
        changes = concurrent_changes(planned=members(ALICE, BOB), observed=members(BOB, CAROL))
        assert changes == {"appeared": {"users": ["carol"], "groups": []}, "vanished": {"users": ["alice"], "groups": []}}
        assert names_in(changes) == ["carol", "alice"]

    def test_no_concurrent_change_has_no_names(self):
        changes = concurrent_changes(members(ALICE), members(ALICE))
        assert names_in(changes) == []


class TestFindIneffective:
    def test_named_active_user_is_effective(self):
        assert find_ineffective([{"username": "alice", "licenseType": "NAMED", "active": True}]) == []

    def test_floating_and_inactive_users_are_named_with_reasons_sorted_by_username(self):
        found = find_ineffective([
            {"username": "zed", "licenseType": "FLOATING", "active": True},
            {"username": "old", "licenseType": "NAMED", "active": False},
            {"username": "Both", "licenseType": "FLOATING", "active": False},
        ])
        assert found == [
            {"username": "Both", "reasons": ["license FLOATING is not NAMED (Named Creator)", "user is inactive"]},
            {"username": "old", "reasons": ["user is inactive"]},
            {"username": "zed", "reasons": ["license FLOATING is not NAMED (Named Creator)"]},
        ]

    def test_missing_license_counts_as_not_named(self):
        assert ineffective_reasons({"username": "x", "active": True}) == ["license unknown is not NAMED (Named Creator)"]

    def test_an_unknown_active_flag_is_not_called_inactive(self):
        assert ineffective_reasons({"username": "x", "licenseType": "NAMED"}) == []


# Property tests: a small id universe so that overlaps between current and requested are common.
USER_UNIVERSE = {uid: "user%d" % uid for uid in range(1, 9)}


@st.composite
def member_sets(draw):
    users = draw(st.sets(st.sampled_from(sorted(USER_UNIVERSE))))
    return Members({uid: USER_UNIVERSE[uid] for uid in users})


requests = st.one_of(
    st.tuples(st.just("present"), st.booleans()),
    st.tuples(st.just("absent"), st.just(False)),
)


def ids(held):
    return set(held.users)


class TestPlanProperties:
    @settings(max_examples=300, deadline=None)
    @given(member_sets(), member_sets(), requests)
    def test_applied_plan_yields_the_requested_members(self, current, requested, request):
        wanted_state, exclusive = request
        after = apply_plan(current, plan_members(current, requested, wanted_state, exclusive))
        if wanted_state == "absent":
            assert ids(after) == ids(current) - ids(requested)
        elif exclusive:
            assert ids(after) == ids(requested)
        else:
            assert ids(after) == ids(current) | ids(requested)

    @settings(max_examples=300, deadline=None)
    @given(member_sets(), member_sets(), requests)
    def test_users_outside_the_request_are_untouched_unless_exclusive(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_members(current, requested, wanted_state, exclusive)
        after = apply_plan(current, plan)
        if exclusive:
            return
        outside = (ids(current) | ids(after)) - ids(requested)
        assert not outside & (ids(plan.add) | ids(plan.remove))
        assert outside & ids(current) == outside & ids(after)

    @settings(max_examples=300, deadline=None)
    @given(member_sets(), member_sets(), requests)
    def test_plan_is_minimal_and_a_second_run_changes_nothing(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_members(current, requested, wanted_state, exclusive)
        assert not ids(plan.add) & ids(current)
        assert ids(plan.remove) <= ids(current)
        rerun = plan_members(apply_plan(current, plan), requested, wanted_state, exclusive)
        assert not rerun.changed

    @settings(max_examples=200, deadline=None)
    @given(member_sets(), member_sets(), requests)
    def test_added_removed_unchanged_partition_the_request(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_members(current, requested, wanted_state, exclusive)
        touched_in_request = ids(plan.add) | (ids(plan.remove) & ids(requested))
        assert touched_in_request | ids(plan.unchanged) == ids(requested)
        assert not touched_in_request & ids(plan.unchanged)

    @settings(max_examples=200, deadline=None)
    @given(member_sets(), member_sets(), requests, st.sampled_from(sorted(USER_UNIVERSE)))
    def test_a_run_locks_the_caller_out_exactly_when_it_removes_a_caller_who_was_a_member(self, current, requested, request, caller):
        wanted_state, exclusive = request
        plan = plan_members(current, requested, wanted_state, exclusive)
        after = apply_plan(current, plan)
        assert locks_out(plan, after, caller) == (caller in ids(current) and caller not in ids(after))
