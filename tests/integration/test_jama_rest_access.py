# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_rest_access end to end against the simulator, each step asserted on the state right after it.

Access is membership of the access group (REST API Users), the only way Jama's API allows. Every
assertion about Jama reads the simulator's own state and request counts, snapshotted right after
each step (never the module's word); the module's result is checked on top, as what the user sees.
"""

from __future__ import annotations

import random

import pytest
from jama_harness.scenario import Scenario, run_access
from jama_harness.seeds import small_seed
from jama_harness.state import group_members
from jama_sim import Simulator
from jama_sim.generate import generate_seed

ADD_ROUTE = "POST /rest/v1/usergroups/{id}/users"
REMOVE_ROUTE = "DELETE /rest/v1/usergroups/{id}/users/{userId}"
# The demo seed's access group members.
MEMBERS = {"jane.doe", "john.smith", "priya.patel"}
# Who the admin put on the REST API list in the UI: no run of the collection may change it.
DEMO_LIST = {"users": ["admin"], "groups": ["REST API Users"]}


def ids_by_name(simulator, kind, key):
    return dict((item[key], item["id"]) for item in simulator.control.state()[kind])


def assert_nothing_written(step, members):
    assert step.writes() == {}, "a write was sent: %s" % step.writes()
    assert step.members() == members
    assert step.state["access_list"] == DEMO_LIST


class TestGrantAndRevoke:
    def test_grant_rerun_and_revoke_each_in_check_mode_first(self, module_cases, sim):
        svc_ci_id = ids_by_name(sim, "users", "username")["svc-ci"]
        run = (Scenario(sim)
               .step("check grant", check=True, users=["svc-ci", "kai.schmidt"])
               .step("grant", users=["svc-ci", "kai.schmidt"])
               .step("rerun", users=["kai.schmidt", "svc-ci", "svc-ci"])
               .step("check revoke", check=True, users=["svc-ci"], state="absent")
               .step("revoke", users=["svc-ci"], state="absent")
               .step("revoke again", users=["svc-ci"], state="absent")
               .step("grant by id", users=[str(svc_ci_id)])
               .run(module_cases))
        granted = MEMBERS | {"svc-ci", "kai.schmidt"}

        step = run["check grant"]
        assert step.changed and step.result["added"] == {"users": ["kai.schmidt", "svc-ci"], "groups": []}
        assert step.result["check_mode"] is True
        assert_nothing_written(step, MEMBERS)

        step = run["grant"]
        assert step.changed and step.members() == granted
        assert step.writes() == {ADD_ROUTE: 2}
        assert step.result["access"]["users"] == sorted(granted)
        assert step.state["access_list"] == DEMO_LIST
        assert not any("restapiaccess" in route for route in step.traffic)

        step = run["rerun"]
        assert not step.changed and step.result["unchanged"]["users"] == ["kai.schmidt", "svc-ci"]
        assert_nothing_written(step, granted)

        step = run["check revoke"]
        assert step.changed and step.result["removed"]["users"] == ["svc-ci"]
        assert_nothing_written(step, granted)

        step = run["revoke"]
        assert step.changed and step.members() == granted - {"svc-ci"}
        assert step.writes() == {REMOVE_ROUTE: 1}

        step = run["revoke again"]
        assert not step.changed and step.result["unchanged"]["users"] == ["svc-ci"]
        assert_nothing_written(step, granted - {"svc-ci"})

        step = run["grant by id"]
        assert step.result["added"]["users"] == ["svc-ci"] and step.members() == granted

    def test_diff_through_ansible_and_one_user_named_several_ways(self, run_playbook, sim):
        svc_ci_id = ids_by_name(sim, "users", "username")["svc-ci"]
        run = (Scenario(sim)
               .step("check grant", check=True, diff=True, users=["svc-ci"])
               .step("grant", diff=True, users=["svc-ci"])
               .step("rerun", diff=True, users=["svc-ci"])
               .step("same user several ways", users=["li.wei", str(svc_ci_id), "svc-ci", "li.wei"])
               .run(run_playbook))
        header = "members of access group REST API Users"
        expected_diff = {"before": "".join(name + "\n" for name in sorted(MEMBERS)),
                         "after": "".join(name + "\n" for name in sorted(MEMBERS | {"svc-ci"})),
                         "before_header": header, "after_header": header}

        step = run["check grant"]
        assert step.changed and step.result["diff"] == expected_diff
        assert_nothing_written(step, MEMBERS)

        step = run["grant"]
        assert step.changed and step.result["diff"] == expected_diff and step.members() == MEMBERS | {"svc-ci"}
        assert "+svc-ci" in run.run.stdout.splitlines() and "--- before: " + header in run.run.stdout

        step = run["rerun"]
        assert not step.changed and step.writes() == {}

        step = run["same user several ways"]
        assert step.result["added"]["users"] == ["li.wei"] and step.result["unchanged"]["users"] == ["svc-ci"]
        assert step.writes() == {ADD_ROUTE: 1}


class TestExclusive:
    def test_exclusive_in_check_mode_then_for_real_and_the_refusals(self, module_cases, sim):
        run = (Scenario(sim)
               .step("setup", users=["svc-ci", "kai.schmidt"])
               .step("check exclusive", check=True, exclusive=True, users=["svc-ci", "jane.doe", "li.wei"])
               .step("exclusive", exclusive=True, users=["svc-ci", "jane.doe", "li.wei"])
               .step("exclusive again", exclusive=True, users=["li.wei", "jane.doe", "svc-ci"])
               .step("empty the group", exclusive=True)
               .step("exclusive with absent", exclusive=True, users=["svc-ci"], state="absent")
               .run(module_cases))
        before = MEMBERS | {"svc-ci", "kai.schmidt"}
        wanted = {"svc-ci", "jane.doe", "li.wei"}

        step = run["check exclusive"]
        assert step.result["removed"]["users"] == ["john.smith", "kai.schmidt", "priya.patel"]
        assert step.result["added"]["users"] == ["li.wei"]
        assert_nothing_written(step, before)

        step = run["exclusive"]
        assert step.changed and step.members() == wanted
        assert step.writes() == {ADD_ROUTE: 1, REMOVE_ROUTE: 3}
        assert step.result["concurrent_changes"] == {"appeared": {"users": [], "groups": []},
                                                     "vanished": {"users": [], "groups": []}}

        step = run["exclusive again"]
        assert not step.changed
        assert_nothing_written(step, wanted)

        step = run["empty the group"]
        assert step.failed and "exclusive with empty users would revoke everyone's access" in step.msg
        assert step.requests() == 0 and step.members() == wanted

        step = run["exclusive with absent"]
        assert step.failed and "exclusive applies only to state=present" in step.msg and step.requests() == 0

    def test_removing_yourself_from_the_access_group_is_refused_unless_allowed(self, module_cases, sim):
        sim.control.reset(seed=small_seed(["svc-ci"], groups={"REST API Users": ["admin"]}, access_users=[],
                                          access_groups=["REST API Users"]))
        run = (Scenario(sim)
               .step("refused", exclusive=True, users=["svc-ci"])
               .step("refused revoke", users=["admin"], state="absent")
               .step("allowed", exclusive=True, users=["svc-ci"], allow_self_lockout=True)
               .run(module_cases))
        for name in ("refused", "refused revoke"):
            step = run[name]
            assert step.failed and "would remove you from access group REST API Users" in step.msg
            assert step.writes() == {} and step.members() == {"admin"}
        assert run["allowed"].changed and run["allowed"].members() == {"svc-ci"}

    def test_a_run_that_failed_half_way_converges_when_run_again(self, module_cases, sim):
        ids = ids_by_name(sim, "users", "username")
        group_id = ids_by_name(sim, "groups", "name")["REST API Users"]
        last = max(MEMBERS, key=ids.get)
        # the module removes in id order: failing the last removal leaves the run half done
        sim.control.fault(method="DELETE", path="/rest/v1/usergroups/%d/users/%d" % (group_id, ids[last]), count=1, status=500)
        run = (Scenario(sim)
               .step("interrupted", exclusive=True, users=["svc-ci"])
               .step("rerun", exclusive=True, users=["svc-ci"])
               .run(module_cases))
        assert run["interrupted"].failed and run["interrupted"].members() == {"svc-ci", last}
        assert run["rerun"].changed and run["rerun"].result["removed"]["users"] == [last]
        assert run["rerun"].members() == {"svc-ci"}


class TestRefusalsAndWarnings:
    def test_errors_and_warnings_on_the_demo_organization(self, module_cases, sim):
        run = (Scenario(sim)
               .step("unknown", users=["svc-ci", "ghost.one", "ghost.two", "999999", "Li.Wei"])
               .step("groups refused", users=["svc-ci"], groups=["Engineering", "Data Science"])
               .step("license_check fail", users=["svc-ci", "ben.carter"], license_check="fail")
               .step("ineffective users", users=["ben.carter", "old.contractor", "svc-ci"])
               .step("nothing requested", users=[])
               .run(module_cases))

        step = run["unknown"]
        assert step.failed
        for name in ("'ghost.one'", "'ghost.two'", "'999999'"):
            assert name in step.msg
        assert "'svc-ci'" not in step.msg
        assert "user 'Li.Wei' not found (names match exactly; did you mean 'li.wei'?)" in step.msg
        assert_nothing_written(step, MEMBERS)

        step = run["groups refused"]
        assert step.failed and step.requests() == 0 and step.members() == MEMBERS
        assert "groups 'Engineering', 'Data Science' cannot be granted REST API access by this collection" in step.msg
        assert "Admin > Organization > REST API" in step.msg and "as users" in step.msg

        step = run["license_check fail"]
        assert step.failed and "license_check=fail" in step.msg and "ben.carter" in step.msg
        assert_nothing_written(step, MEMBERS)

        step = run["ineffective users"]
        assert step.changed and step.members() == MEMBERS | {"ben.carter", "old.contractor", "svc-ci"}
        reasons = dict((item["username"], item["reasons"]) for item in step.result["ineffective"])
        assert set(reasons) == {"ben.carter", "old.contractor"}
        assert "license FLOATING is not NAMED" in reasons["ben.carter"][0] and "inactive" in reasons["old.contractor"][-1]
        assert len([w for w in step.warnings if "ben.carter" in w and "old.contractor" in w]) == 1

        step = run["nothing requested"]
        assert not step.changed and step.writes() == {}
        assert step.result["msg"].startswith("Nothing requested") and step.result["access"]["users"]

    def test_a_missing_access_group_fails_naming_the_similar_ones_and_creates_nothing(self, module_cases, sim):
        groups_before = [group["name"] for group in sim.control.state()["groups"]]
        step = run_access(module_cases, sim, users=["svc-ci"], access_group="REST API User")
        assert step.failed and step.writes() == {}
        assert "no user group is named 'REST API User'" in step.msg and "'REST API Users'" in step.msg
        assert "jama.connect.jama_user_group" in step.msg and "Configure access control" in step.msg
        assert [group["name"] for group in step.state["groups"]] == groups_before

    def test_an_access_group_name_two_groups_share_is_refused_until_given_by_id(self, module_cases, sim):
        seed = small_seed(["svc-ci"])
        # Jama keeps group names unique per project only: an organization group and a project group may share one.
        seed["groups"] = [{"name": "Reviewers", "members": []}, {"name": "Reviewers", "project": 7, "members": []}]
        sim.control.reset(seed=seed)
        org_id, project_id = (group["id"] for group in sim.control.state()["groups"])
        run = (Scenario(sim)
               .step("by name", users=["svc-ci"], access_group="Reviewers")
               .step("by id", users=["svc-ci"], access_group=str(org_id))
               .run(module_cases))

        step = run["by name"]
        assert step.failed and step.writes() == {}
        assert "access_group: group 'Reviewers' is ambiguous (ids %d, %d): give the id instead" % (org_id, project_id) in step.msg

        step = run["by id"]
        assert step.changed and step.members("Reviewers") == {"svc-ci"}
        assert [group["members"] for group in step.state["groups"] if group["id"] == project_id] == [[]]


@pytest.fixture(scope="module")
def large_simulator():
    """A simulator of its own for 10,000 users: a seed that size is too large for the control surface's reset."""
    simulator = Simulator(seed=generate_seed(users=10000, groups=200, seed=2)).start()
    yield simulator
    simulator.stop()


class TestScale:
    def test_throttling_and_503s_during_a_grant(self, module_cases, sim):
        sim.control.reset(seed=generate_seed(users=400, groups=12, seed=4))
        state = sim.control.state()
        members = group_members(state, "REST API Users")
        named = [u["username"] for u in state["users"] if u["licenseType"] == "NAMED" and u["active"]
                 and u["username"] != "admin" and u["username"] not in members]
        wanted = random.Random(7).sample(named, 60)
        sim.control.configure(rate_limit=10)
        sim.control.fault(method="GET", path="/rest/v1/users", count=2, status=503)
        sim.control.fault(method="POST", path="/rest/v1/usergroups/*/users", count=1, status=503)
        step = run_access(module_cases, sim, users=wanted, retries=8)
        assert not step.failed, step.msg
        assert step.members() == members | set(wanted)
        assert step.traffic[ADD_ROUTE] == len(wanted) + 1  # the 503, then its retry
        assert sim.control.faults() == []  # every injected 503 was met
        assert not step.warnings

    def test_a_1000_user_grant_on_10000_users_makes_close_to_the_minimum_of_requests(self, module_cases, large_simulator):
        sim = large_simulator  # pylint: disable=redefined-outer-name
        state = sim.control.state()
        members = group_members(state, "REST API Users")
        candidates = [u["username"] for u in state["users"] if u["username"] != "admin" and u["username"] not in members]
        wanted = random.Random(11).sample(candidates, 1000)
        user_pages, group_pages = -(-len(state["users"]) // 50), -(-len(state["groups"]) // 50)
        # Pacing off: this counts requests, and at Jama's 10 per second the runs would wait minutes for nothing
        # (test_fault_pacing covers the pacing itself).
        options = dict(users=wanted, license_check="ignore", rate_limit=0)

        step = run_access(module_cases, sim, **options)
        assert step.changed and step.members() == members | set(wanted)
        assert step.writes() == {ADD_ROUTE: 1000}
        # token + the pages of groups and of the members + the pages of users + one add per new member
        minimum = 1 + group_pages + -(-len(members) // 50) + user_pages + 1000
        assert step.requests() <= minimum, step.traffic

        step = run_access(module_cases, sim, **options)
        assert not step.changed and step.writes() == {}
        assert step.requests() <= 1 + group_pages + -(-(len(members) + 1000) // 50) + user_pages, step.traffic


class TestCredentialPrecedence:
    def test_module_defaults_with_client_credentials_and_a_task_token(self, run_playbook, sim):
        """The token a task passes wins over client credentials in module_defaults: no second token is minted."""
        play = {"hosts": "localhost", "gather_facts": False,
                "module_defaults": {"group/jama.connect.jama": dict(url=sim.base_url, allow_http=True, client_id="admin-client",
                                                                    client_secret="{{ admin_secret }}")},
                "tasks": [{"name": "token", "jama.connect.jama_token": {}},
                          {"name": "grant", "jama.connect.jama_rest_access": {"token": "{{ jama_token.access_token }}", "users": ["svc-ci"]}}]}
        run = run_playbook([play], extra_vars={"admin_secret": "admin-secret-0f8e2c"})
        assert run.rc == 0, run.describe()
        assert "svc-ci" in group_members(sim.control.state(), "REST API Users")
        assert sim.control.stats()["by_route"]["POST /rest/oauth/token"] == 1
        assert "admin-secret-0f8e2c" not in run.output

    def test_basic_auth_in_module_defaults_leaves_username_to_the_managed_user(self, run_playbook, sim):
        """auth_username/auth_password are the caller's login; jama_user's username is the user it manages."""
        play = {"hosts": "localhost", "gather_facts": False,
                "module_defaults": {"group/jama.connect.jama": dict(url=sim.base_url, allow_http=True, auth_username="admin",
                                                                    auth_password="{{ admin_password }}")},
                "tasks": [{"name": "grant", "jama.connect.jama_rest_access": {"users": ["svc-ci"]}},
                          {"name": "user", "jama.connect.jama_user": {"username": "svc-ci", "state": "absent"},
                           "check_mode": True, "register": "planned"},
                          {"name": "the managed user is svc-ci", "ansible.builtin.assert": {
                              "that": ["planned.user.username == 'svc-ci'", "planned.changed"]}}]}
        run = run_playbook([play], extra_vars={"admin_password": "admin-password"})
        assert run.rc == 0, run.describe()
        state = sim.control.state()
        assert "svc-ci" in group_members(state, "REST API Users")
        assert all(user["active"] for user in state["users"] if user["username"] in ("admin", "svc-ci"))
        assert "admin-password" not in run.output
