# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_user_group end to end against the simulator's default (published Jama) mode.

Each step is asserted on the simulator's own state and request counts right after it; the module's
result is checked on top, as what the user sees. One playbook holds the whole lifecycle.
"""

from __future__ import annotations

import pytest
from jama_harness.scenario import Scenario
from jama_harness.seeds import CLIENT_SECRETS

MODULE = "jama.connect.jama_user_group"
GROUP = "Release Managers"
CREATE = "POST /rest/v1/usergroups"
ADD = "POST /rest/v1/usergroups/{id}/users"
REMOVE = "DELETE /rest/v1/usergroups/{id}/users/{userId}"
UPDATE = "PUT /rest/v1/usergroups/{id}"
DELETE = "DELETE /rest/v1/usergroups/{id}"


def group_in(state, name=GROUP):
    found = [group for group in state["groups"] if group["name"] == name]
    assert len(found) <= 1
    return found[0] if found else None


def members_in(state, name=GROUP):
    return set(group_in(state, name)["members"])


@pytest.fixture(scope="module")
def lifecycle(jama_simulator, module_cases):  # noqa: F811
    jama_simulator.control.reset()
    li_wei = next(user["id"] for user in jama_simulator.control.state()["users"] if user["username"] == "li.wei")
    scenario = (Scenario(jama_simulator, module=MODULE, name=GROUP)
                .step("check create", check=True, diff=True, description="Ship it", members=["svc-ci", "jane.doe"])
                .step("create", diff=True, description="Ship it", members=["svc-ci", "jane.doe"])
                .step("rerun", description="Ship it", members=["jane.doe", "svc-ci", "jane.doe"])
                .step("add by id", members=[str(li_wei)])
                .step("check exclusive", check=True, diff=True, members=["jane.doe"], exclusive=True)
                .step("exclusive", members=["jane.doe"], exclusive=True)
                .step("unknown member", name="Never Created", members=["jane.doe", "nobody.here", "ghost"])
                .step("unknown member, existing group", members=["svc-ci", "nobody.here"], exclusive=True)
                .step("exclusive without members", exclusive=True)
                .step("describe", diff=True, description="Ship it often")
                .step("empty", members=[], exclusive=True)
                .step("check delete", check=True, state="absent")
                .step("delete", diff=True, state="absent")
                .step("delete again", state="absent"))
    return scenario.run(module_cases)


class TestCreate:
    def test_check_mode_plans_the_create_and_writes_nothing(self, lifecycle):
        step = lifecycle["check create"]
        assert step.changed and not step.failed
        assert step.writes() == {}
        assert group_in(step.state) is None
        assert step.result["added"] == ["jane.doe", "svc-ci"]
        assert step.result["group"] == {"id": None, "name": GROUP, "description": "Ship it", "project": None}
        assert step.result["diff"] == {"before": "", "after": "description: Ship it\nmember: jane.doe\nmember: svc-ci\n",
                                       "before_header": "group " + GROUP, "after_header": "group " + GROUP}

    def test_create_with_members_is_one_request_per_write(self, lifecycle):
        step = lifecycle["create"]
        assert step.changed
        created = group_in(step.state)
        assert (created["description"], set(created["members"])) == ("Ship it", {"svc-ci", "jane.doe"})
        assert step.writes() == {CREATE: 1, ADD: 2}
        assert step.result["group"]["id"] == created["id"]
        assert step.result["members"] == ["jane.doe", "svc-ci"]
        assert step.result["diff"]["after"] == "description: Ship it\nmember: jane.doe\nmember: svc-ci\n"

    def test_rerun_changes_nothing(self, lifecycle):
        step = lifecycle["rerun"]
        assert not step.changed and not step.failed
        assert step.writes() == {}
        assert step.result["added"] == [] and step.result["removed"] == []


class TestMembers:
    def test_without_exclusive_members_are_only_added(self, lifecycle):
        step = lifecycle["add by id"]
        assert step.changed and step.result["added"] == ["li.wei"]
        assert members_in(step.state) == {"svc-ci", "jane.doe", "li.wei"}
        assert step.writes() == {ADD: 1}

    def test_check_mode_plans_the_removals(self, lifecycle):
        step = lifecycle["check exclusive"]
        assert step.changed and step.result["removed"] == ["li.wei", "svc-ci"]
        assert step.writes() == {}
        assert members_in(step.state) == {"svc-ci", "jane.doe", "li.wei"}
        assert step.result["diff"]["after"] == "description: Ship it\nmember: jane.doe\n"

    def test_exclusive_removes_everyone_not_listed(self, lifecycle):
        step = lifecycle["exclusive"]
        assert step.changed and step.result["removed"] == ["li.wei", "svc-ci"]
        assert members_in(step.state) == {"jane.doe"}
        assert step.writes() == {REMOVE: 2}

    def test_members_omitted_leaves_membership_alone(self, lifecycle):
        step = lifecycle["describe"]
        assert step.changed and step.writes() == {UPDATE: 1}
        assert group_in(step.state)["description"] == "Ship it often"
        assert members_in(step.state) == {"jane.doe"}
        assert (step.result["diff"]["before"], step.result["diff"]["after"]) == (
            "description: Ship it\nmember: jane.doe\n", "description: Ship it often\nmember: jane.doe\n")

    def test_an_empty_list_with_exclusive_empties_the_group(self, lifecycle):
        step = lifecycle["empty"]
        assert step.changed and members_in(step.state) == set()
        assert step.writes() == {REMOVE: 1}


class TestRefusals:
    def test_unknown_members_fail_naming_each_and_create_nothing(self, lifecycle):
        step = lifecycle["unknown member"]
        assert step.failed
        assert "'nobody.here' not found" in step.msg and "'ghost' not found" in step.msg
        assert "nothing was changed" in step.msg
        assert step.writes() == {}
        assert group_in(step.state, "Never Created") is None

    def test_unknown_member_of_an_existing_group_removes_no_one(self, lifecycle):
        step = lifecycle["unknown member, existing group"]
        assert step.failed and "'nobody.here' not found" in step.msg
        assert step.writes() == {}
        assert members_in(step.state) == {"jane.doe"}

    def test_exclusive_without_members_is_refused_before_any_request(self, lifecycle):
        step = lifecycle["exclusive without members"]
        assert step.failed and "members: []" in step.msg
        assert step.requests() == 0


class TestDelete:
    def test_check_mode_plans_the_delete(self, lifecycle):
        step = lifecycle["check delete"]
        assert step.changed and step.writes() == {}
        assert group_in(step.state) is not None

    def test_delete_then_rerun_unchanged(self, lifecycle):
        step = lifecycle["delete"]
        assert step.changed and step.writes() == {DELETE: 1}
        assert group_in(step.state) is None
        assert (step.result["diff"]["before"], step.result["diff"]["after"]) == ("description: Ship it often\n", "")
        assert "msg" not in step.result
        again = lifecycle["delete again"]
        assert not again.changed and not again.failed
        assert again.writes() == {}
        assert again.result["group"] == {}
        assert again.result["msg"] == "Group %s is already absent: no group has that name, so there was nothing to delete" % GROUP


class TestBrakes:
    def test_max_removals_3_with_an_exclusive_plan_removing_5_fails_and_writes_nothing(self, module_cases, sim):
        engineering = members_in(sim.control.state(), "Engineering")
        keep = ["jane.doe", "john.smith", "li.wei", "maria.garcia", "ahmed.hassan", "olga.ivanova", "kenji.tanaka", "fatima.khan"]
        assert len(engineering - set(keep)) == 5
        run = (Scenario(sim, module=MODULE, name="Engineering")
               .step("limit 3", members=keep, exclusive=True, max_removals=3)
               .step("check, limit 3", check=True, members=keep, exclusive=True, max_removals=3)
               .step("limit 5", members=keep, exclusive=True, max_removals=5)
               .run(module_cases))
        for name in ("limit 3", "check, limit 3"):
            step = run[name]
            assert step.failed and step.writes() == {}, step.describe()
            assert "would remove 5 member(s) of group Engineering, more than max_removals=3 allows" in step.msg
            assert members_in(step.state, "Engineering") == engineering
        step = run["limit 5"]
        assert step.changed and step.writes() == {REMOVE: 5} and members_in(step.state, "Engineering") == set(keep)

    def test_deleting_a_mistyped_group_is_already_absent_naming_the_close_name_and_deletes_nothing(self, module_cases, sim):
        step = Scenario(sim, module=MODULE, name="Enginering").step("typo", state="absent").run(module_cases)["typo"]
        assert not step.failed and not step.changed and step.writes() == {}
        assert step.result["msg"] == ("Group Enginering is already absent: no group has that name, so there was nothing to "
                                      "delete (names match exactly; did you mean 'Engineering'?)")
        assert group_in(step.state, "Engineering") is not None

    def test_a_comma_separated_string_asks_for_a_list_and_sends_nothing(self, module_cases, sim):
        step = Scenario(sim, module=MODULE, name="Engineering").step("string", members="svc-ci, jane.doe").run(module_cases)["string"]
        assert step.failed and step.requests() == 0
        assert "members looks like a comma-separated string ('svc-ci, jane.doe'): give a YAML list" in step.msg


def test_no_secret_at_vvv(sim, run_playbook):  # noqa: F811
    credentials = {"url": sim.base_url, "allow_http": True, "client_id": "admin-client", "client_secret": CLIENT_SECRETS[0]}
    tasks = [{"name": "write", MODULE: dict(credentials, name="Secret Keepers", members=["svc-ci"]), "diff": True},
             {"name": "read", "jama.connect.jama_user_group_info": dict(credentials, name="Secret Keepers", include_members=True)}]
    run = run_playbook([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}], args=("-vvv",))
    assert run.rc == 0, run.describe()
    assert run.task("read")["result"]["groups"][0]["members"] == ["svc-ci"]
    assert members_in(sim.control.state(), "Secret Keepers") == {"svc-ci"}
    for secret in CLIENT_SECRETS:
        assert secret not in run.output
