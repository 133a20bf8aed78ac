# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.jama.connect.plugins.module_utils.access.plan import (
    AccessState,
    apply_plan,
    find_ineffective,
    kept_through_groups,
    plan_access,
    plan_summary,
    self_lockout,
    sorted_names,
)

ALICE, BOB, CAROL = (1, "alice"), (2, "bob"), (3, "carol")
ENG, QA = (10, "Engineering"), (11, "Quality Assurance")


def state(users=(), groups=()):
    return AccessState(users=dict(users), groups=dict(groups))


class TestPlanAccessPresent:
    def test_adds_only_missing_principals(self):
        plan = plan_access(state([ALICE], [ENG]), state([ALICE, BOB], [ENG, QA]))
        assert plan.add == state([BOB], [QA])
        assert plan.unchanged == state([ALICE], [ENG])
        assert plan.remove == state()
        assert plan.changed

    def test_everything_present_is_no_change(self):
        plan = plan_access(state([ALICE, BOB], [ENG]), state([BOB], [ENG]))
        assert not plan.changed
        assert plan.unchanged == state([BOB], [ENG])

    def test_leaves_unrequested_principals_alone(self):
        plan = plan_access(state([ALICE, CAROL], [QA]), state([BOB]))
        assert plan.remove == state()

    def test_exclusive_removes_everything_not_requested(self):
        plan = plan_access(state([ALICE, CAROL], [ENG, QA]), state([ALICE], [QA]), exclusive=True)
        assert plan.remove == state([CAROL], [ENG])
        assert plan.add == state()
        assert plan.unchanged == state([ALICE], [QA])

    def test_exclusive_with_empty_request_empties_the_list(self):
        plan = plan_access(state([ALICE], [ENG]), state(), exclusive=True)
        assert plan.remove == state([ALICE], [ENG])

    def test_groups_sharing_a_name_are_distinct_by_id(self):
        twin = (12, "Engineering")
        plan = plan_access(state(groups=[ENG]), state(groups=[twin]))
        assert plan.add == state(groups=[twin])


class TestPlanAccessAbsent:
    def test_removes_only_requested_principals_that_hold_access(self):
        plan = plan_access(state([ALICE, BOB], [ENG]), state([BOB, CAROL], [ENG, QA]), state="absent")
        assert plan.remove == state([BOB], [ENG])
        assert plan.unchanged == state([CAROL], [QA])
        assert plan.add == state()

    def test_absent_from_empty_is_no_change(self):
        assert not plan_access(state(), state([ALICE]), state="absent").changed

    def test_exclusive_with_absent_is_refused(self):
        with pytest.raises(ValueError, match="exclusive"):
            plan_access(state(), state(), state="absent", exclusive=True)

    def test_unknown_state_is_refused(self):
        with pytest.raises(ValueError, match="state"):
            plan_access(state(), state(), state="gone")


class TestApplyPlan:
    def test_applies_adds_and_removes_and_keeps_managed_access(self):
        current = AccessState(users=dict([ALICE, CAROL]), groups=dict([ENG]), managed_access=False)
        plan = plan_access(current, state([ALICE, BOB], [QA]), exclusive=True)
        after = apply_plan(current, plan)
        assert after == state([ALICE, BOB], [QA])
        assert after.managed_access is False

    def test_does_not_mutate_the_current_state(self):
        current = state([ALICE], [ENG])
        apply_plan(current, plan_access(current, state([BOB]), exclusive=True))
        assert current == state([ALICE], [ENG])


class TestReporting:
    def test_summary_has_added_removed_unchanged_by_name(self):
        plan = plan_access(state([ALICE, CAROL]), state([ALICE, BOB]), exclusive=True)
        assert plan_summary(plan) == {
            "added": {"users": ["bob"], "groups": []},
            "removed": {"users": ["carol"], "groups": []},
            "unchanged": {"users": ["alice"], "groups": []},
        }

    def test_sorted_names_keeps_duplicates_in_stable_order(self):
        assert sorted_names(["b", "B", "a", "b"]) == ["a", "B", "b", "b"]


class TestFindIneffective:
    def test_named_active_user_is_effective(self):
        assert find_ineffective([{"username": "alice", "licenseType": "NAMED", "active": True}]) == []

    def test_floating_and_inactive_users_are_named_with_reasons(self):
        found = find_ineffective([
            {"username": "zed", "licenseType": "FLOATING", "active": True},
            {"username": "old", "licenseType": "NAMED", "active": False},
            {"username": "both", "licenseType": "FLOATING", "active": False},
        ])
        assert [item["username"] for item in found] == ["both", "old", "zed"]
        assert len(found[0]["reasons"]) == 2
        assert "inactive" in found[1]["reasons"][0]
        assert "FLOATING" in found[2]["reasons"][0]

    def test_missing_license_counts_as_not_named(self):
        assert find_ineffective([{"username": "x", "active": True}])[0]["reasons"] == ["license unknown is not NAMED (Named Creator)"]


class TestSelfLockout:
    def test_removing_the_caller_directly_is_a_lockout(self):
        current = state([ALICE, BOB])
        plan = plan_access(current, state([BOB]), exclusive=True)
        assert self_lockout(plan, apply_plan(current, plan), ALICE[0], set()) == ["user alice"]

    def test_removing_the_callers_only_group_is_a_lockout(self):
        current = state([BOB], [ENG, QA])
        plan = plan_access(current, state([BOB], [QA]), exclusive=True)
        assert self_lockout(plan, apply_plan(current, plan), ALICE[0], {ENG[0]}) == ["group Engineering"]

    def test_caller_keeping_access_through_a_remaining_group_is_no_lockout(self):
        current = state([ALICE], [ENG])
        plan = plan_access(current, state([], [ENG]), exclusive=True)
        assert self_lockout(plan, apply_plan(current, plan), ALICE[0], {ENG[0]}) == []

    def test_removing_others_is_no_lockout(self):
        current = state([ALICE, BOB])
        plan = plan_access(current, state([ALICE]), exclusive=True)
        assert self_lockout(plan, apply_plan(current, plan), ALICE[0], set()) == []


class TestKeptThroughGroups:
    def test_names_the_remaining_groups_a_revoked_user_is_in(self):
        after = state(groups=[ENG, QA])
        members = {ENG[0]: {BOB[0], CAROL[0]}, QA[0]: {BOB[0]}}
        assert kept_through_groups({BOB[0]}, after, members) == {BOB[0]: ["Engineering", "Quality Assurance"]}

    def test_revoked_user_outside_listed_groups_is_not_reported(self):
        assert kept_through_groups({ALICE[0]}, state(groups=[ENG]), {ENG[0]: {BOB[0]}}) == {}


# Property tests: small id universes so that overlaps between current and requested are common.
USER_UNIVERSE = {uid: "user%d" % uid for uid in range(1, 9)}
GROUP_UNIVERSE = {gid: "group%d" % gid for gid in range(100, 106)}


@st.composite
def access_states(draw):
    users = draw(st.sets(st.sampled_from(sorted(USER_UNIVERSE))))
    groups = draw(st.sets(st.sampled_from(sorted(GROUP_UNIVERSE))))
    return AccessState(users={u: USER_UNIVERSE[u] for u in users}, groups={g: GROUP_UNIVERSE[g] for g in groups})


requests = st.one_of(
    st.tuples(st.just("present"), st.booleans()),
    st.tuples(st.just("absent"), st.just(False)),
)


def ids(access, kind):
    return set(access.of(kind))


class TestPlanProperties:
    @settings(max_examples=300, deadline=None)
    @given(access_states(), access_states(), requests)
    def test_applied_plan_yields_the_requested_state(self, current, requested, request):
        wanted_state, exclusive = request
        after = apply_plan(current, plan_access(current, requested, wanted_state, exclusive))
        for kind in ("users", "groups"):
            if wanted_state == "absent":
                assert ids(after, kind) == ids(current, kind) - ids(requested, kind)
            elif exclusive:
                assert ids(after, kind) == ids(requested, kind)
            else:
                assert ids(after, kind) == ids(current, kind) | ids(requested, kind)

    @settings(max_examples=300, deadline=None)
    @given(access_states(), access_states(), requests)
    def test_principals_outside_the_request_are_untouched_unless_exclusive(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_access(current, requested, wanted_state, exclusive)
        after = apply_plan(current, plan)
        if exclusive:
            return
        for kind in ("users", "groups"):
            outside = (ids(current, kind) | ids(after, kind)) - ids(requested, kind)
            assert not outside & (ids(plan.add, kind) | ids(plan.remove, kind))
            assert outside & ids(current, kind) == outside & ids(after, kind)

    @settings(max_examples=300, deadline=None)
    @given(access_states(), access_states(), requests)
    def test_plan_is_minimal_and_a_second_run_changes_nothing(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_access(current, requested, wanted_state, exclusive)
        for kind in ("users", "groups"):
            assert not ids(plan.add, kind) & ids(current, kind)
            assert ids(plan.remove, kind) <= ids(current, kind)
        rerun = plan_access(apply_plan(current, plan), requested, wanted_state, exclusive)
        assert not rerun.changed

    @settings(max_examples=200, deadline=None)
    @given(access_states(), access_states(), requests)
    def test_added_removed_unchanged_partition_the_request(self, current, requested, request):
        wanted_state, exclusive = request
        plan = plan_access(current, requested, wanted_state, exclusive)
        for kind in ("users", "groups"):
            touched_in_request = ids(plan.add, kind) | (ids(plan.remove, kind) & ids(requested, kind))
            assert touched_in_request | ids(plan.unchanged, kind) == ids(requested, kind)
            assert not touched_in_request & ids(plan.unchanged, kind)
