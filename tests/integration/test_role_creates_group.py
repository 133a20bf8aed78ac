# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role and a missing access group: refused by default, created only when asked, and then never called listed.

Against the simulator's default (published Jama) mode; every assertion about Jama reads its own state.
"""

import pytest
from jama_harness.observed import observe

ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
SVC_CI = {"username": "svc-ci", "client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
NEW_ACCOUNT = {"username": "svc-reporting", "first_name": "Reporting", "last_name": "Service Account",
               "email": "reporting-bot@example.com", "password": "Reporting-pw-91c3e7"}
GROUP = "Integration Accounts"
UI_STEP = "Admin > Organization > REST API > Configure access control, add the group"
CREATE_TASK = "Create the missing REST API access group"
STOP_BEFORE_WRITES = "Stop before any write when the access change cannot be made"
STOP = "Stop when the access change cannot be made"
PLAYBOOK = [{"name": "REST API access into a new group", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access"}]}]


def run_role(simulator, run_playbook_once, check=False, reset=True, **role_vars):
    if reset:
        simulator.control.reset()
    role_vars = dict(dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True, rest_api_access_access_group=GROUP,
                          rest_api_access_users=["svc-ci"]), **role_vars)
    seen = observe(simulator, lambda: run_playbook_once(PLAYBOOK, check=check, extra_vars=role_vars))
    run = seen.outcome
    run.before, run.after, run.writes = seen.before, seen.after, seen.writes()
    return run


def group_in(state, name=GROUP):
    found = [group for group in state["groups"] if group["name"] == name]
    return found[0] if found else None


def summary(run):
    return run.task("Show the summary")["result"]["msg"]


def warnings_of(run):
    lines = summary(run)
    start = [index for index, line in enumerate(lines) if line.startswith("warnings:")]
    assert len(start) == 1, lines
    return lines[start[0]:]


class TestATypoInTheAccessGroup:
    """One letter short of the seed's REST API Users, with a new service account to create: nothing is written."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, rest_api_access_access_group="REST API User",
                        rest_api_access_service_accounts=[NEW_ACCOUNT])

    def test_fails_before_any_account_is_written_naming_the_group_the_similar_one_and_the_way_out(self, run):
        assert run.rc != 0
        failed = run.failed()
        assert [entry["task"] for entry in failed] == [STOP_BEFORE_WRITES], run.describe()
        message = failed[0]["result"]["msg"]
        assert "no user group is named 'REST API User'" in message
        assert "similar names: 'REST API Users'" in message
        assert "rest_api_access_create_group: true" in message and UI_STEP in message
        assert "No account was written and no access changed." in message

    def test_creates_nothing_on_the_server(self, run):
        assert run.writes == {}
        assert run.after == run.before
        assert group_in(run.after, "REST API User") is None
        assert "svc-reporting" not in [user["username"] for user in run.after["users"]]


class TestCreationOffByDefault:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once)

    def test_fails_saying_how_to_create_the_group(self, run):
        assert run.rc != 0
        failed = run.failed()
        assert [entry["task"] for entry in failed] == [STOP], run.describe()
        message = failed[0]["result"]["msg"]
        assert "no user group is named %r" % GROUP in message
        assert "rest_api_access_create_group: true to create %s" % GROUP in message and UI_STEP in message
        assert run.task(CREATE_TASK)["status"] == "skipped"

    def test_creates_nothing(self, run):
        assert run.writes == {}
        assert run.after == run.before


class TestCreatesWhenAsked:
    @pytest.fixture(scope="class")
    @classmethod
    def runs(cls, jama_simulator, run_playbook_once):
        first = run_role(jama_simulator, run_playbook_once, rest_api_access_create_group=True)
        second = run_role(jama_simulator, run_playbook_once, reset=False, rest_api_access_create_group=True)
        return first, second

    def test_creates_the_group_and_grants_into_it(self, runs):
        run = runs[0]
        assert run.rc == 0, run.describe()
        assert group_in(run.before) is None
        assert group_in(run.after)["members"] == ["svc-ci"]
        assert run.writes == {"POST /rest/v1/usergroups": 1, "POST /rest/v1/usergroups/{id}/users": 1}
        assert "granted:   svc-ci" in summary(run)

    def test_the_summary_warns_that_the_new_group_is_not_on_the_list_naming_it_and_the_ui_step(self, runs):
        warnings = warnings_of(runs[0])
        assert warnings[0] == "warnings:  1"
        assert warnings[1].startswith("user group %s was created by this run and is not yet on the REST API list" % GROUP)
        assert "nobody in it can use the REST API" in warnings[1] and UI_STEP in warnings[1]

    def test_no_line_claims_the_group_is_listed(self, runs):
        text = "\n".join(summary(runs[0]))
        assert "the group listed in" not in text
        assert "REST API list: not readable through the API" in text

    def test_second_run_finds_the_group_changes_nothing_and_no_longer_calls_it_new(self, runs):
        run = runs[1]
        assert run.rc == 0, run.describe()
        assert run.task(CREATE_TASK)["status"] == "skipped"
        assert run.writes == {}
        assert summary(run)[0].endswith("nothing changed, already as requested")
        assert warnings_of(run) == ["warnings:  none"]


class TestCheckModeCreatesWhenAsked:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, check=True, rest_api_access_create_group=True,
                        rest_api_access_verify=[SVC_CI])

    def test_plans_the_create_and_the_grant(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert lines[0].endswith("would change, check mode: nothing written"), lines
        assert "would grant:  svc-ci" in lines
        assert "members would be: 1 in %s" % GROUP in lines

    def test_warns_as_a_plan(self, run):
        warnings = warnings_of(run)
        assert warnings[1].startswith("user group %s would be created by this run and is not yet on the REST API list" % GROUP)
        assert UI_STEP in warnings[1]

    def test_writes_nothing(self, run):
        assert run.writes == {}
        assert run.after == run.before

    def test_the_account_to_be_granted_is_not_verified(self, run):
        assert any(line.startswith("not verified in check mode: svc-ci") for line in summary(run)), summary(run)
