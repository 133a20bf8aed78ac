# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_rest_access end to end: ansible-playbook against the simulator, each step asserted on the state right after it.

Every assertion about Jama reads the simulator's own state and request counts, snapshotted right after
each step (never the module's word); the module's result is checked on top, as what the user sees.
Steps of one scenario share a playbook run, which keeps the suite fast.
"""

from __future__ import annotations

import random

import pytest
from jama_harness.scenario import Scenario, run_access
from jama_harness.seeds import small_seed
from jama_harness.state import group_members
from jama_sim import Simulator
from jama_sim.generate import generate_seed

ACCESS_PATH = "/rest/v1/system/settings/restapiaccess"
MEMBERS_ROUTE = "POST /rest/v1/usergroups/{id}/users"


def demo_list(users=(), groups=()):
    return {"users": {"admin"} | set(users), "groups": {"REST API Users"} | set(groups)}


def ids_by_name(simulator, kind, key):
    return dict((item[key], item["id"]) for item in simulator.control.state()[kind])


@pytest.fixture
def access_list_api(sim):
    """The collection's access-list endpoints, which no published Jama serves, switched on for method access_list."""
    sim.control.configure(access_list_api=True)


def assert_nothing_written(step, expected_list):
    assert step.writes() == {}, "a write was sent: %s" % step.writes()
    assert step.access_list == expected_list


@pytest.mark.usefixtures("access_list_api")
class TestUsers:
    def test_grant_rerun_and_revoke_each_in_check_mode_first(self, module_cases, sim):
        svc_ci_id = ids_by_name(sim, "users", "username")["svc-ci"]
        run = (Scenario(sim, method="access_list")
               .step("check grant", check=True, users=["svc-ci", "jane.doe"])
               .step("grant", users=["svc-ci", "jane.doe"])
               .step("rerun", users=["jane.doe", "svc-ci", "svc-ci"])
               .step("check revoke", check=True, users=["svc-ci"], state="absent")
               .step("revoke", users=["svc-ci"], state="absent")
               .step("revoke again", users=["svc-ci"], state="absent")
               .step("grant by id", users=[svc_ci_id])
               .run(module_cases))

        step = run["check grant"]
        assert step.changed and step.result["added"]["users"] == ["jane.doe", "svc-ci"]
        assert_nothing_written(step, demo_list())

        step = run["grant"]
        assert step.changed and step.access_list == demo_list(["svc-ci", "jane.doe"])
        assert step.writes() == {"POST " + ACCESS_PATH: 1}

        step = run["rerun"]
        assert not step.changed and step.result["unchanged"]["users"] == ["jane.doe", "svc-ci"]
        assert_nothing_written(step, demo_list(["svc-ci", "jane.doe"]))

        step = run["check revoke"]
        assert step.changed and step.result["removed"]["users"] == ["svc-ci"]
        assert_nothing_written(step, demo_list(["svc-ci", "jane.doe"]))

        step = run["revoke"]
        assert step.changed and step.access_list == demo_list(["jane.doe"])
        assert step.writes() == {"DELETE " + ACCESS_PATH + "/users/{id}": 1}

        step = run["revoke again"]
        assert not step.changed and step.result["unchanged"]["users"] == ["svc-ci"]
        assert_nothing_written(step, demo_list(["jane.doe"]))

        step = run["grant by id"]
        assert step.result["added"]["users"] == ["svc-ci"]
        assert step.access_list == demo_list(["svc-ci", "jane.doe"])


@pytest.mark.usefixtures("access_list_api")
class TestGroupsAndDiff:
    def test_grant_rerun_revoke_with_diff_and_duplicates(self, run_playbook, sim):
        qa_id = ids_by_name(sim, "groups", "name")["Quality Assurance"]
        run = (Scenario(sim, method="access_list")
               .step("check grant", check=True, diff=True, groups=["Engineering", "Data Science"])
               .step("grant", diff=True, groups=["Engineering", "Data Science"])
               .step("rerun", groups=["Data Science", "Engineering"])
               .step("check revoke", check=True, groups=["Engineering"], state="absent")
               .step("revoke", groups=["Engineering"], state="absent")
               .step("same group several ways", groups=["Quality Assurance", str(qa_id), "Quality Assurance"])
               .run(run_playbook))
        expected_diff = {"before": "admin\ngroup: REST API Users\n",
                         "after": "admin\ngroup: Data Science\ngroup: Engineering\ngroup: REST API Users\n",
                         "before_header": "REST API access list", "after_header": "REST API access list"}

        step = run["check grant"]
        assert step.changed and step.result["added"]["groups"] == ["Data Science", "Engineering"]
        assert step.result["diff"] == expected_diff
        assert_nothing_written(step, demo_list())

        step = run["grant"]
        assert step.changed and step.result["diff"] == expected_diff
        assert step.access_list == demo_list(groups=["Engineering", "Data Science"])
        assert "\n+group: Data Science\n+group: Engineering\n group: REST API Users\n" in run.run.stdout

        step = run["rerun"]
        assert not step.changed and "diff" not in step.result
        assert_nothing_written(step, demo_list(groups=["Engineering", "Data Science"]))

        step = run["check revoke"]
        assert step.changed and step.result["removed"]["groups"] == ["Engineering"]
        assert_nothing_written(step, demo_list(groups=["Engineering", "Data Science"]))

        step = run["revoke"]
        assert step.changed and step.access_list == demo_list(groups=["Data Science"])

        step = run["same group several ways"]
        assert step.result["added"]["groups"] == ["Quality Assurance"]
        assert step.state["access_list"]["groups"].count("Quality Assurance") == 1
        assert step.writes() == {"POST " + ACCESS_PATH: 1}


@pytest.mark.usefixtures("access_list_api")
class TestExclusive:
    def test_exclusive_and_self_lockout(self, module_cases, sim):
        run = (Scenario(sim, method="access_list")
               .step("setup", users=["svc-ci", "jane.doe"], groups=["Engineering"])
               .step("check exclusive", check=True, exclusive=True, users=["admin", "svc-ci"], groups=["Data Science"])
               .step("exclusive", exclusive=True, users=["admin", "svc-ci"], groups=["Data Science"])
               .step("exclusive again", exclusive=True, users=["svc-ci", "admin"], groups=["Data Science"])
               .step("drop yourself", exclusive=True, users=["svc-ci"], groups=["REST API Users"])
               .step("empty the list", exclusive=True)
               .run(module_cases))
        before = {"users": {"admin", "svc-ci", "jane.doe"}, "groups": {"REST API Users", "Engineering"}}
        wanted = {"users": {"admin", "svc-ci"}, "groups": {"Data Science"}}

        step = run["check exclusive"]
        assert step.result["removed"] == {"users": ["jane.doe"], "groups": ["Engineering", "REST API Users"]}
        assert_nothing_written(step, before)

        step = run["exclusive"]
        assert step.changed and step.access_list == wanted

        step = run["exclusive again"]
        assert not step.changed
        assert_nothing_written(step, wanted)

        step = run["drop yourself"]
        assert step.failed and "would revoke your own REST API access (through user admin)" in step.msg
        assert_nothing_written(step, wanted)

        step = run["empty the list"]
        assert step.failed and "exclusive with empty users and groups" in step.msg
        assert step.requests() == 0 and step.access_list == wanted

    def test_removing_the_group_that_gives_you_access(self, module_cases, sim):
        sim.control.reset(seed=small_seed(["svc-ci"], groups={"Admins": ["admin"]}, access_users=[], access_groups=["Admins"]))
        sim.control.configure(access_list_api=True)  # a reset restores the start-up settings
        run = (Scenario(sim, method="access_list")
               .step("refused", exclusive=True, users=["svc-ci"])
               .step("allowed", exclusive=True, users=["svc-ci"], allow_self_lockout=True)
               .run(module_cases))
        assert run["refused"].failed and "(through group Admins)" in run["refused"].msg
        assert_nothing_written(run["refused"], {"users": set(), "groups": {"Admins"}})
        assert run["allowed"].changed and run["allowed"].access_list == {"users": {"svc-ci"}, "groups": set()}

    def test_a_run_that_failed_half_way_converges_when_run_again(self, module_cases, sim):
        ids = ids_by_name(sim, "users", "username")
        last = max(("svc-ci", "jane.doe", "li.wei"), key=ids.get)
        # the module deletes in id order: failing the last delete leaves the run half done
        sim.control.fault(method="DELETE", path="%s/users/%d" % (ACCESS_PATH, ids[last]), count=1, status=500)
        run = (Scenario(sim, method="access_list")
               .step("setup", users=["svc-ci", "jane.doe", "li.wei"])
               .step("interrupted", exclusive=True, users=["admin"], groups=["REST API Users"])
               .step("rerun", exclusive=True, users=["admin"], groups=["REST API Users"])
               .run(module_cases))
        assert run["interrupted"].failed and run["interrupted"].access_list == demo_list([last])
        assert run["rerun"].changed and run["rerun"].result["removed"]["users"] == [last]
        assert run["rerun"].access_list == demo_list()


@pytest.mark.usefixtures("access_list_api")
class TestRefusalsAndWarnings:
    def test_errors_and_warnings_on_the_demo_organization(self, module_cases, sim):
        run = (Scenario(sim, method="access_list")
               .step("unknown", users=["svc-ci", "ghost.one", "ghost.two", "999999"], groups=["Engineering", "No Such Group", "data science"])
               .step("groups with method group", method="group", access_group="REST API Users", groups=["Engineering"])
               .step("license_check fail", users=["svc-ci", "ben.carter"], license_check="fail")
               .step("ineffective users", users=["ben.carter", "old.contractor", "svc-ci"])
               .step("grant jane", users=["jane.doe"])
               .step("revoke jane", users=["jane.doe"], state="absent")
               .run(module_cases))

        step = run["unknown"]
        assert step.failed
        for name in ("'ghost.one'", "'ghost.two'", "'999999'", "'No Such Group'"):
            assert name in step.msg
        assert "'svc-ci'" not in step.msg and "'Engineering'" not in step.msg
        assert "group 'data science' not found (names match exactly; did you mean 'Data Science'?)" in step.msg
        assert_nothing_written(step, demo_list())

        step = run["groups with method group"]
        assert step.failed and "groups 'Engineering' cannot be granted with method=group" in step.msg and step.requests() == 0

        step = run["license_check fail"]
        assert step.failed and "license_check=fail" in step.msg and "ben.carter" in step.msg
        assert_nothing_written(step, demo_list())

        step = run["ineffective users"]
        assert step.changed and step.access_list == demo_list(["ben.carter", "old.contractor", "svc-ci"])
        reasons = dict((item["username"], item["reasons"]) for item in step.result["ineffective"])
        assert set(reasons) == {"ben.carter", "old.contractor"}
        assert "FLOATING" in reasons["ben.carter"][0] and "inactive" in reasons["old.contractor"][0]
        assert any("ben.carter" in w and "old.contractor" in w for w in step.warnings)

        step = run["revoke jane"]
        assert step.changed and "jane.doe" not in step.access_list["users"]
        assert "jane.doe" in step.members("REST API Users")
        assert step.result["kept_through_groups"] == {"jane.doe": ["REST API Users"]}
        assert any("jane.doe keeps REST API access through group(s) still on the list: REST API Users" in w for w in step.warnings)

    def test_managed_access_off_is_warned_about(self, module_cases, sim):
        sim.control.reset(seed=small_seed(["svc-ci"], managed_access=False))
        sim.control.configure(access_list_api=True)  # a reset restores the start-up settings
        step = run_access(module_cases, sim, method="access_list", users=["svc-ci"])
        assert step.changed and step.state["managed_access"] is False and step.result["managed_access"] is False
        assert any("access control is turned off" in w for w in step.warnings)

    def test_a_group_name_two_groups_share_is_refused_until_given_by_id(self, module_cases, sim):
        seed = small_seed(["svc-ci"])
        # Jama keeps group names unique per project only: an organization group and a project group may share one.
        seed["groups"] = [{"name": "Reviewers", "members": []}, {"name": "Reviewers", "project": 7, "members": []}]
        sim.control.reset(seed=seed)
        sim.control.configure(access_list_api=True)  # a reset restores the start-up settings
        org_id, project_id = (group["id"] for group in sim.control.state()["groups"])
        run = (Scenario(sim, method="access_list")
               .step("by name", groups=["Reviewers"], users=["svc-ci"])
               .step("by id", groups=[str(project_id)])
               .run(module_cases))

        step = run["by name"]
        assert step.failed
        assert "group 'Reviewers' is ambiguous (ids %d, %d): give the id instead" % (org_id, project_id) in step.msg
        assert_nothing_written(step, {"users": {"admin"}, "groups": set()})

        step = run["by id"]
        assert step.changed and step.access_list == {"users": {"admin"}, "groups": {"Reviewers"}}

    def test_missing_endpoint_recommends_the_group_method(self, module_cases, sim):
        sim.control.fault(method="GET", path=ACCESS_PATH + "*", count=1, status=404)
        sim.control.fault(method="GET", path=ACCESS_PATH + "*", count=1, status=200, body="html")
        run = Scenario(sim, method="access_list").step("404", users=["svc-ci"]).step("html", users=["svc-ci"]).run(module_cases)
        for name in ("404", "html"):
            step = run[name]
            assert step.failed
            assert "does not serve the REST API access list endpoint" in step.msg
            assert "method: group (the default) with access_group" in step.msg
            assert_nothing_written(step, demo_list())


class TestRealJamaDefaults:
    """With no method given, against the simulator's default mode: only what published Jama releases serve."""

    def test_grant_rerun_revoke_with_the_defaults(self, run_playbook, sim):
        run = (Scenario(sim)
               .step("check grant", check=True, diff=True, users=["svc-ci"])
               .step("grant", diff=True, users=["svc-ci"])
               .step("rerun", users=["svc-ci"])
               .step("revoke", users=["svc-ci"], state="absent")
               .step("revoke a non-member", users=["svc-ci", "li.wei"], state="absent")
               .step("groups refused", users=["svc-ci"], groups=["Engineering", "Data Science"])
               .step("missing access group", users=["svc-ci"], access_group="Integration Accounts")
               .run(run_playbook))
        before = {"jane.doe", "john.smith", "priya.patel"}

        step = run["check grant"]
        assert step.changed and step.result["added"]["users"] == ["svc-ci"] and step.writes() == {}
        assert step.members("REST API Users") == before
        assert step.result["diff"]["after"] == "".join(name + "\n" for name in sorted(before | {"svc-ci"}))

        step = run["grant"]
        assert step.changed and step.members("REST API Users") == before | {"svc-ci"}
        assert step.writes() == {MEMBERS_ROUTE: 1}
        assert step.access_list == {"users": {"admin"}, "groups": {"REST API Users"}}
        assert not any("/restapiaccess" in route for route in step.traffic)

        step = run["rerun"]
        assert not step.changed and step.writes() == {} and step.result["unchanged"]["users"] == ["svc-ci"]

        step = run["revoke"]
        assert step.changed and step.members("REST API Users") == before
        assert step.writes() == {"DELETE /rest/v1/usergroups/{id}/users/{userId}": 1}

        step = run["revoke a non-member"]
        assert not step.changed and step.writes() == {}
        assert sorted(step.result["unchanged"]["users"]) == ["li.wei", "svc-ci"]
        assert step.warnings == [], "a user who simply is not a member needs no warning"

        step = run["groups refused"]
        assert step.failed and step.requests() == 0 and step.members("REST API Users") == before
        assert "groups 'Engineering', 'Data Science' cannot be granted with method=group" in step.msg
        assert "Admin > Organization > REST API" in step.msg and "as users" in step.msg

        step = run["missing access group"]
        assert step.failed and step.writes() == {}
        assert "group 'Integration Accounts' not found" in step.msg and "jama.connect.jama_user_group" in step.msg
        assert "Configure access control" in step.msg

    def test_the_access_list_method_fails_where_jama_serves_no_such_endpoint(self, module_cases, sim):
        step = run_access(module_cases, sim, method="access_list", users=["svc-ci"])
        assert step.failed and step.writes() == {}
        assert "does not serve the REST API access list endpoint" in step.msg
        assert "method: group (the default)" in step.msg


class TestGroupMethod:
    def test_membership_of_the_access_group_is_managed_and_the_list_untouched(self, module_cases, sim):
        options = dict(method="group", access_group="REST API Users")
        run = (Scenario(sim)
               .step("check grant", check=True, users=["svc-ci", "kai.schmidt"], **options)
               .step("grant", users=["svc-ci", "kai.schmidt"], **options)
               .step("rerun", users=["kai.schmidt", "svc-ci"], **options)
               .step("check revoke", check=True, users=["svc-ci"], state="absent", **options)
               .step("revoke", users=["svc-ci"], state="absent", **options)
               .run(module_cases))
        original = {"jane.doe", "john.smith", "priya.patel"}

        step = run["check grant"]
        assert step.changed and step.result["added"]["users"] == ["kai.schmidt", "svc-ci"]
        assert step.writes() == {} and step.members("REST API Users") == original

        step = run["grant"]
        assert step.changed and step.members("REST API Users") == original | {"svc-ci", "kai.schmidt"}
        assert step.writes() == {MEMBERS_ROUTE: 2}
        assert step.access_list == demo_list()
        assert not any(ACCESS_PATH in route for route in step.traffic)

        step = run["rerun"]
        assert not step.changed and step.writes() == {}

        step = run["check revoke"]
        assert step.changed and step.writes() == {} and "svc-ci" in step.members("REST API Users")

        step = run["revoke"]
        assert step.changed and step.members("REST API Users") == original | {"kai.schmidt"}
        assert step.writes() == {"DELETE /rest/v1/usergroups/{id}/users/{userId}": 1}


def generated(simulator, users, groups, seed, access_list_api=False):
    simulator.control.reset(seed=generate_seed(users=users, groups=groups, seed=seed))
    simulator.control.configure(access_list_api=access_list_api)
    return simulator.control.state()


@pytest.fixture(scope="module")
def large_simulator():
    """A simulator of its own for 10,000 users: a seed that size is too large for the control surface's reset."""
    simulator = Simulator(seed=generate_seed(users=10000, groups=200, seed=2), access_list_api=True).start()
    yield simulator
    simulator.stop()


class TestScale:
    @pytest.mark.usefixtures("access_list_api")
    def test_throttling_and_503s_during_a_large_grant(self, module_cases, sim):
        state = generated(sim, 400, 12, 4, access_list_api=True)
        named = [u["username"] for u in state["users"] if u["licenseType"] == "NAMED" and u["active"] and u["username"] != "admin"]
        wanted = random.Random(7).sample(named, 300)
        sim.control.configure(rate_limit=10)
        sim.control.fault(method="GET", path="/rest/v1/users", count=2, status=503)
        sim.control.fault(method="POST", path=ACCESS_PATH, count=1, status=503)
        step = run_access(module_cases, sim, method="access_list", users=wanted, groups=["REST API Users"], retries=8)
        assert not step.failed, step.msg
        assert step.access_list["users"] == {"admin"} | set(wanted)
        assert step.traffic["POST " + ACCESS_PATH] >= 2  # the 503, then retries until one landed
        assert sim.control.faults() == []  # every injected 503 was met
        assert not step.warnings

    def test_a_1000_user_grant_on_10000_users_makes_close_to_the_minimum_of_requests(self, module_cases, large_simulator):
        sim = large_simulator  # pylint: disable=redefined-outer-name
        state = sim.control.state()
        wanted_users = random.Random(11).sample([u["username"] for u in state["users"] if u["username"] != "admin"], 1000)
        wanted_groups = random.Random(12).sample([g["name"] for g in state["groups"] if g["name"] != "REST API Users"], 20)
        user_pages, group_pages = -(-len(state["users"]) // 50), -(-len(state["groups"]) // 50)
        # Pacing off: this counts requests, and at Jama's 10 per second the two runs would wait 40 s for nothing
        # (test_fault_pacing covers the pacing itself).
        options = dict(method="access_list", users=wanted_users, groups=wanted_groups, license_check="ignore", rate_limit=0)

        step = run_access(module_cases, sim, **options)
        assert step.changed
        assert step.access_list == {"users": {"admin"} | set(wanted_users), "groups": {"REST API Users"} | set(wanted_groups)}
        # token + access-list read + the pages of users and groups + one batch add
        minimum = 1 + 1 + user_pages + group_pages + 1
        assert step.requests() <= minimum, step.traffic
        assert step.writes() == {"POST " + ACCESS_PATH: 1}

        step = run_access(module_cases, sim, **options)
        assert not step.changed and step.writes() == {}
        assert step.requests() <= minimum, step.traffic


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
