# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_rest_access's brakes and plans against the simulator: planned_users, max_removals, one warning per cause, lists.

Every case runs the module as its own process against the demo seed and asserts on the simulator's
state and request counts right after it.
"""

from __future__ import annotations

from jama_harness.scenario import Scenario
from jama_harness.state import group_members

ACCESS_GROUP = "REST API Users"
SEEDED_MEMBERS = {"jane.doe", "john.smith", "priya.patel"}
NON_MEMBERS = ["li.wei", "maria.garcia", "ahmed.hassan", "olga.ivanova", "kenji.tanaka"]
NEW_ACCOUNT = dict(username="svc-planned", first_name="Planned", last_name="Account", email="planned@example.com",
                   password="Initial-pw-93c1e0")


def members(step):
    return group_members(step.state, ACCESS_GROUP)


def usernames(state):
    return {user["username"] for user in state["users"]}


class TestPlannedUsers:
    def test_an_account_a_check_run_would_create_is_planned_as_granted(self, module_cases, sim):
        planned = Scenario(sim, module="jama.connect.jama_user").step("plan account", check=True, **NEW_ACCOUNT).run(module_cases)
        record = planned["plan account"].result["user"]
        assert planned["plan account"].result["outcome"] == "created" and "id" not in record

        run = (Scenario(sim)
               .step("check grant", check=True, diff=True, users=["svc-planned", "svc-ci"], planned_users=[record])
               .step("check grant, planned only", check=True, planned_users=[record])
               .step("without planned_users", check=True, users=["svc-planned"])
               .run(module_cases))
        step = run["check grant"]
        assert not step.failed, step.describe()
        assert step.changed and step.result["added"]["users"] == ["svc-ci", "svc-planned"]
        assert "svc-planned" in step.result["access"]["users"]
        assert "svc-planned\n" in step.result["diff"]["after"] and "svc-planned" not in step.result["diff"]["before"]
        assert step.writes() == {} and members(step) == SEEDED_MEMBERS
        assert "svc-planned" not in usernames(step.state)
        step = run["check grant, planned only"]
        assert step.result["added"]["users"] == ["svc-planned"] and step.writes() == {}
        step = run["without planned_users"]
        assert step.failed and "'svc-planned' not found" in step.msg

    def test_the_license_check_applies_to_a_planned_account(self, module_cases, sim):
        record = {"username": "svc-review", "licenseType": "FLOATING_REVIEWER", "active": True}
        run = (Scenario(sim)
               .step("warn", check=True, users=["svc-review"], planned_users=[record])
               .step("fail", check=True, users=["svc-review"], planned_users=[record], license_check="fail")
               .run(module_cases))
        step = run["warn"]
        assert step.result["ineffective"] == [{"username": "svc-review",
                                               "reasons": ["license FLOATING_REVIEWER is not NAMED (Named Creator)"]}]
        assert len(step.warnings) == 1 and "svc-review" in step.warnings[0]
        step = run["fail"]
        assert step.failed and "license_check=fail" in step.msg and step.writes() == {}

    def test_outside_check_mode_a_planned_account_is_refused_before_any_request(self, module_cases, sim):
        record = {"username": "svc-planned", "licenseType": "NAMED", "active": True}
        run = Scenario(sim).step("real run", users=["svc-planned"], planned_users=[record]).run(module_cases)
        step = run["real run"]
        assert step.failed and "planned_users" in step.msg and "only for check mode" in step.msg
        assert step.requests() == 0 and members(step) == SEEDED_MEMBERS

    def test_records_of_existing_users_are_ignored_so_a_loop_result_can_be_passed_whole(self, module_cases, sim):
        existing = next(user for user in sim.control.state()["users"] if user["username"] == "svc-ci")
        record = {"id": existing["id"], "username": "svc-ci", "licenseType": "NAMED", "active": True}
        run = Scenario(sim).step("grant", users=["svc-ci"], planned_users=[record]).run(module_cases)
        step = run["grant"]
        assert not step.failed and step.changed and members(step) == SEEDED_MEMBERS | {"svc-ci"}


class TestMaxRemovals:
    def test_an_exclusive_plan_removing_more_than_the_limit_fails_and_writes_nothing(self, module_cases, sim):
        run = (Scenario(sim)
               .step("seed five more", users=NON_MEMBERS[:2])
               .step("exclusive, limit 3", users=["svc-ci"], exclusive=True, max_removals=3)
               .step("check exclusive, limit 3", check=True, users=["svc-ci"], exclusive=True, max_removals=3)
               .step("exclusive, limit 5", users=["svc-ci"], exclusive=True, max_removals=5)
               .run(module_cases))
        assert members(run["seed five more"]) == SEEDED_MEMBERS | set(NON_MEMBERS[:2])
        for name in ("exclusive, limit 3", "check exclusive, limit 3"):
            step = run[name]
            assert step.failed and step.writes() == {}, step.describe()
            assert "would remove 5 member(s) of REST API Users, more than max_removals=3" in step.msg
            assert members(step) == SEEDED_MEMBERS | set(NON_MEMBERS[:2])
        step = run["exclusive, limit 5"]
        assert not step.failed and members(step) == {"svc-ci"}

    def test_a_negative_limit_is_refused_before_any_request(self, module_cases, sim):
        step = Scenario(sim).step("negative", users=["svc-ci"], max_removals=-1).run(module_cases)["negative"]
        assert step.failed and "max_removals must be 0 or more" in step.msg and step.requests() == 0


class TestWarnings:
    def test_revoking_five_non_members_twice_gives_at_most_one_warning_per_task(self, module_cases, sim):
        run = (Scenario(sim)
               .step("revoke", users=NON_MEMBERS, state="absent")
               .step("revoke again", users=NON_MEMBERS, state="absent")
               .run(module_cases))
        for name in ("revoke", "revoke again"):
            step = run[name]
            assert not step.failed and not step.changed and step.writes() == {}
            assert sorted(step.result["unchanged"]["users"]) == sorted(NON_MEMBERS)
            assert len(step.warnings) <= 1, step.warnings
            assert members(step) == SEEDED_MEMBERS

    def test_users_who_cannot_use_the_api_are_named_in_one_warning(self, module_cases, sim):
        run = Scenario(sim).step("grant", users=["ben.carter", "aisha.bello", "nina.larsen"]).run(module_cases)
        step = run["grant"]
        assert step.changed and members(step) == SEEDED_MEMBERS | {"ben.carter", "aisha.bello", "nina.larsen"}
        assert len(step.warnings) == 1
        assert all(name in step.warnings[0] for name in ("ben.carter", "aisha.bello", "nina.larsen"))


class TestUnknownNames:
    def test_a_typo_fails_in_every_state_naming_every_unknown_name_and_the_close_ones(self, module_cases, sim):
        run = (Scenario(sim)
               .step("grant", users=["jane.do", "svc-ci", "nobody.at.all"])
               .step("revoke", users=["jane.do"], state="absent")
               .run(module_cases))
        step = run["grant"]
        assert step.failed and step.writes() == {} and members(step) == SEEDED_MEMBERS
        assert "user 'jane.do' not found (names match exactly; did you mean 'jane.doe'?)" in step.msg
        assert "user 'nobody.at.all' not found" in step.msg
        step = run["revoke"]
        assert step.failed and step.writes() == {} and "did you mean 'jane.doe'?" in step.msg


class TestListOptions:
    def test_a_comma_separated_string_asks_for_a_list_and_sends_nothing(self, module_cases, sim):
        step = Scenario(sim).step("string", users="svc-ci, jane.doe").run(module_cases)["string"]
        assert step.failed and step.requests() == 0
        assert "users looks like a comma-separated string" in step.msg and "give a YAML list" in step.msg
        assert "leading or trailing spaces" not in step.msg
