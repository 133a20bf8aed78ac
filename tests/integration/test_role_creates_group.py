# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role with a missing access group: it creates the group, says which UI step remains, and grants.

Against the simulator's default (published Jama) mode; every assertion about Jama reads its own state.
"""

import pytest
from jama_harness.observed import observe

ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
SVC_CI = {"username": "svc-ci", "client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
GROUP = "Integration Accounts"
UI_STEP = "put the group on the REST API list under Admin > Organization > REST API (Configure access control)"
CREATE_TASK = "Create the missing REST API access group"
SAY_TASK = "Say which step remains in the admin UI"
PLAYBOOK = [{"name": "REST API access into a new group", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access"}]}]


def run_role(simulator, run_playbook_once, check=False, reset=True, **role_vars):
    if reset:
        simulator.control.reset()
    role_vars = dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True, rest_api_access_access_group=GROUP,
                     rest_api_access_users=["svc-ci"], **role_vars)
    seen = observe(simulator, lambda: run_playbook_once(PLAYBOOK, check=check, extra_vars=role_vars))
    run = seen.outcome
    run.before, run.after, run.writes = seen.before, seen.after, seen.writes()
    return run


def group_in(state):
    found = [group for group in state["groups"] if group["name"] == GROUP]
    return found[0] if found else None


def summary(run):
    return run.task("Show the summary")["result"]["msg"]


class TestCreates:
    @pytest.fixture(scope="class")
    @classmethod
    def runs(cls, jama_simulator, run_playbook_once):
        first = run_role(jama_simulator, run_playbook_once)
        second = run_role(jama_simulator, run_playbook_once, reset=False)
        return first, second

    def test_creates_the_group_and_grants_into_it(self, runs):
        run = runs[0]
        assert run.rc == 0, run.describe()
        assert group_in(run.before) is None
        created = group_in(run.after)
        assert created["members"] == ["svc-ci"]
        assert run.writes == {"POST /rest/v1/usergroups": 1, "POST /rest/v1/usergroups/{id}/users": 1}
        assert "granted:   users svc-ci" in summary(run)

    def test_prints_the_one_ui_step_that_remains(self, runs):
        run = runs[0]
        message = run.task(SAY_TASK)["result"]["msg"]
        created = group_in(run.after)
        assert message.startswith("Created user group %s (id %d). One step remains" % (GROUP, created["id"]))
        assert UI_STEP in message
        # The API cannot list it: the REST API list is as it was.
        assert run.after["access_list"] == run.before["access_list"]

    def test_second_run_finds_the_group_and_changes_nothing(self, runs):
        run = runs[1]
        assert run.rc == 0, run.describe()
        assert run.task(CREATE_TASK)["status"] == "skipped"
        assert run.task(SAY_TASK)["status"] == "skipped"
        assert run.writes == {}
        assert summary(run)[0].endswith("nothing changed, already as requested")


class TestCreationOff:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, rest_api_access_create_group=False)

    def test_fails_saying_how_to_create_the_group(self, run):
        assert run.rc != 0
        failed = run.failed()
        assert [entry["task"] for entry in failed] == ["Apply the REST API access change"], run.describe()
        message = failed[0]["result"]["msg"]
        assert "group %r not found" % GROUP in message
        assert "jama.connect.jama_user_group" in message and "Admin > Organization > REST API" in message

    def test_creates_nothing(self, run):
        assert run.writes == {}
        assert group_in(run.after) is None


class TestCheckMode:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, check=True, rest_api_access_verify=[SVC_CI])

    def test_plans_the_create_and_the_grant(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert lines[0].endswith("would change, check mode: nothing written"), lines
        assert "would grant:  users svc-ci" in lines
        assert "access would be: 1 member(s) of %s, the group listed in Admin > Organization > REST API" % GROUP in lines

    def test_says_the_ui_step_as_a_plan(self, run):
        message = run.task(SAY_TASK)["result"]["msg"]
        assert message.startswith("Would create user group %s. One step remains" % GROUP)
        assert UI_STEP in message

    def test_writes_nothing(self, run):
        assert run.writes == {}
        assert run.after == run.before

    def test_the_account_to_be_granted_is_not_verified(self, run):
        assert "not verified in check mode: svc-ci's access is only planned (would be granted)" in summary(run)
