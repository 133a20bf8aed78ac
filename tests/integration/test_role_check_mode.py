# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role under ``ansible-playbook --check``, end to end against the simulator.

The plan is reported as what would happen ("would grant", "would revoke"), never as done. An account
whose access hangs on the planned change is not verified, and the output says why; every other account
is verified for real, and fails the run as it would outside check mode. Nothing is written: the
simulator's own state is the same before and after, and it saw no write.
"""

import pytest
from jama_harness.observed import observe

ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
SVC_CI = {"username": "svc-ci", "client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
REPORTING = {"name": "reporting", "username": "priya.patel", "client_id": "reports-client", "client_secret": "reports-secret-3c9a71"}
# The same reporting client, without the username that would tie it to the plan.
REPORTING_BOT = {"name": "reporting bot", "client_id": "reports-client", "client_secret": "reports-secret-3c9a71"}
BEN_CARTER = {"username": "ben.carter", "client_id": "floating-client", "client_secret": "floating-secret-7e21d4"}
TOKEN_ROUTE = "POST /rest/oauth/token"
PLAYBOOK = [{"name": "Plan REST API access", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access"}]}]


def run_in_check_mode(simulator, run_playbook_once, **role_vars):
    simulator.control.reset()
    variables = dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True, **role_vars)
    seen = observe(simulator, lambda: run_playbook_once(PLAYBOOK, check=True, extra_vars=variables))
    run = seen.outcome
    run.before, run.after, run.stats, run.requests = seen.before, seen.after, simulator.control.stats(), seen.requests
    return run


def summary(run):
    return run.task("Show the summary")["result"]["msg"]


def writes(run):
    return dict((route, count) for route, count in run.stats["by_route"].items() if not route.startswith("GET ") and route != TOKEN_ROUTE)


def statuses(run, prefix):
    """task name -> status, for the tasks whose name starts with ``prefix``."""
    return dict((entry["task"], entry["status"]) for entry in run.results if entry["task"].startswith(prefix))


class TestPlannedGrantAndRevoke:
    """Exclusive access for admin, svc-ci and priya.patel: two would be granted, two revoked, priya.patel stays."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_in_check_mode(jama_simulator, run_playbook_once, rest_api_access_users=["admin", "svc-ci", "priya.patel"],
                                 rest_api_access_exclusive=True, rest_api_access_verify=[SVC_CI, REPORTING, REPORTING_BOT])

    def test_play_completes(self, run):
        assert run.rc == 0, run.describe()
        assert not run.failed()

    def test_nothing_written(self, run):
        assert run.after == run.before
        assert writes(run) == {}, run.stats["by_route"]

    def test_summary_says_what_would_happen(self, run):
        lines = summary(run)
        assert lines[0].endswith("would change, check mode: nothing written"), lines
        assert "would grant:  admin, svc-ci" in lines
        assert "would revoke: jane.doe, john.smith" in lines
        assert "members would be: 3 in REST API Users" in lines
        assert not [line for line in lines if line.startswith(("granted:", "revoked:", "members now:"))], lines

    def test_an_account_about_to_be_granted_is_not_verified_and_says_why(self, run):
        message = "not verified in check mode: svc-ci's access is only planned (would be granted)"
        assert run.task("Explain the skipped verification of svc-ci")["result"]["msg"] == message
        assert message in summary(run)
        assert statuses(run, "Mint a token as svc-ci") == {"Mint a token as svc-ci": "skipped"}

    def test_an_account_without_username_cannot_be_matched_to_the_plan(self, run):
        message = "not verified in check mode: reporting bot's access is only planned (it names no username to match against the planned change)"
        assert message in summary(run)

    def test_an_account_the_plan_leaves_alone_is_verified(self, run):
        assert run.task("Mint a token as reporting")["status"] == "ok"
        assert any(line.startswith("verified:  reporting (") for line in summary(run))
        # The admin's token and reporting's: none minted for the two accounts left unverified.
        assert run.stats["by_route"][TOKEN_ROUTE] == 2


class TestPlannedRevoke:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_in_check_mode(jama_simulator, run_playbook_once, rest_api_access_users=["priya.patel"],
                                 rest_api_access_state="absent", rest_api_access_verify=[REPORTING])

    def test_revoke_is_planned_and_its_account_not_verified(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert "would revoke: priya.patel" in lines and "verified:  none" in lines
        assert "not verified in check mode: reporting's access is only planned (would be revoked)" in lines

    def test_nothing_written(self, run):
        assert run.after == run.before and writes(run) == {}


class TestGroupsRefused:
    """A group's own REST API access is set only in the Jama UI: asked for one, the role says so and sends nothing."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_in_check_mode(jama_simulator, run_playbook_once, rest_api_access_groups=["Data Science"],
                                 rest_api_access_verify=[REPORTING])

    def test_fails_with_the_ui_step(self, run):
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["task"] == "Refuse groups"
        message = failed["result"]["msg"]
        assert "rest_api_access_groups (Data Science) cannot be granted through the API" in message
        assert "Admin > Organization > REST API > Configure access control, add the group" in message

    def test_nothing_reaches_jama(self, run):
        assert run.after == run.before and run.requests == 0


class TestNothingToChange:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_in_check_mode(jama_simulator, run_playbook_once, rest_api_access_users=["priya.patel"],
                                 rest_api_access_verify=[REPORTING_BOT])

    def test_every_account_is_verified(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert lines[0].endswith("nothing changed, already as requested"), lines
        assert any(line.startswith("verified:  reporting bot (") for line in lines)
        assert not [line for line in lines if line.startswith("not verified")]
        assert "members now: 3 in REST API Users" in lines
        assert not [line for line in lines if "the group listed in" in line], lines


class TestAnAccountThatCannotUseTheApi:
    """Check mode skips only what hangs on the plan: an account refused today still fails the run."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_in_check_mode(jama_simulator, run_playbook_once, rest_api_access_users=["svc-ci"],
                                 rest_api_access_verify=[SVC_CI, BEN_CARTER])

    def test_fails_naming_the_account(self, run):
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["result"]["msg"].startswith("Service account ben.carter (client id floating-client) cannot use the REST API")

    def test_the_planned_account_was_skipped_first(self, run):
        assert run.task("Explain the skipped verification of svc-ci")["result"]["msg"] == \
            "not verified in check mode: svc-ci's access is only planned (would be granted)"

    def test_nothing_written(self, run):
        assert run.after == run.before and writes(run) == {}
