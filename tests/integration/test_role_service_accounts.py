# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role with rest_api_access_service_accounts: it ensures the accounts, grants them, and says what the UI must do.

Against the simulator's default (published Jama) mode. What is asserted about Jama comes from the simulator's state
and request counts, and, for the title, which the state view leaves out, from Jama's own answer for the user.
"""

import json
import re
from pathlib import Path

import pytest
import requests
import yaml
from jama_harness.observed import observe

ADMIN_SECRET = "admin-secret-0f8e2c"
ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "{{ admin_secret }}", "admin_secret": ADMIN_SECRET}
PASSWORD = "Reporting-pw-91c3e7"
NEW_ACCOUNT = {"username": "svc-reporting", "first_name": "Reporting", "last_name": "Service Account",
               "email": "reporting-bot@example.com", "password": "{{ vault_svc_reporting_password }}", "title": "Reporting"}
# svc-ci exists in the demo seed, titled Continuous integration.
EXISTING_ACCOUNT = {"username": "svc-ci", "title": "Build and release"}
GROUP = "REST API Users"
CREATE, REPLACE, ADD_MEMBER = "POST /rest/v1/users", "PUT /rest/v1/users/{id}", "POST /rest/v1/usergroups/{id}/users"
PLAN_TASK = "Plan the service accounts"
UI_TASK = "Say which step remains in the Jama UI for each new service account"
UI_STEP = ("One step remains, in the Jama UI: log in to Jama as {0}, open the profile and choose Set API Credentials. "
           "Then add the account to rest_api_access_verify with its client_id and client_secret, and the role verifies "
           "it end to end.")
PLAYBOOK = [{"name": "Service accounts with REST API access", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access"}]}]
README = Path(__file__).resolve().parents[2] / "roles" / "rest_api_access" / "README.md"
YAML_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)


def readme_playbook():
    """The role README's service account example, as written: it ensures NEW_ACCOUNT and EXISTING_ACCOUNT."""
    blocks = [block for block in YAML_FENCE.findall(README.read_text(encoding="utf-8")) if block.startswith("# service_accounts.yml\n")]
    assert len(blocks) == 1, "expected one service_accounts.yml example in %s" % README
    [play] = yaml.safe_load(blocks[0])
    assert play["roles"][0]["rest_api_access_service_accounts"] == [NEW_ACCOUNT, EXISTING_ACCOUNT]
    return blocks[0]


def run_role(simulator, run_playbook_once, playbook=None, check=False, args=(), reset=True, **role_vars):
    """One role run; ``run.before``/``run.after`` are the simulator's state and ``run.writes`` the API writes it saw."""
    playbook = PLAYBOOK if playbook is None else playbook
    if reset:
        simulator.control.reset()
    variables = dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True, vault_svc_reporting_password=PASSWORD, **role_vars)
    seen = observe(simulator, lambda: run_playbook_once(playbook, check=check, args=args, extra_vars=variables))
    run = seen.outcome
    run.before, run.after, run.writes = seen.before, seen.after, seen.writes()
    text = run.output + json.dumps(run.results)
    for secret in [ADMIN_SECRET, PASSWORD] + simulator.control.tokens():
        assert secret not in text, "a secret appeared in the output"
    return run


def user(state, username):
    return next((entry for entry in state["users"] if entry["username"] == username), None)


def members(state, group=GROUP):
    return next(set(entry["members"]) for entry in state["groups"] if entry["name"] == group)


def jama_record(simulator, user_id):
    """The user as the simulator answers GET /users/{id}: with the title the state view leaves out."""
    answer = requests.get("%s/rest/v1/users/%d" % (simulator.base_url, user_id), auth=("admin", "admin-password"), timeout=10)
    answer.raise_for_status()
    return answer.json()["data"]


def summary(run):
    return run.task("Show the summary")["result"]["msg"]


def failed_items(entry):
    """The messages of the failed items of a looped task: one per account, each naming it by its index."""
    return [item["msg"] for item in entry["result"]["results"] if item.get("failed")]


def ui_steps(run):
    return [item["msg"] for item in run.task(UI_TASK)["result"].get("results", [])]


class TestCreatesUpdatesAndGrants:
    """The README's example: a new account and an existing one with a new title; then the same run again."""

    @pytest.fixture(scope="class")
    @classmethod
    def runs(cls, jama_simulator, run_playbook_once):
        first = run_role(jama_simulator, run_playbook_once, readme_playbook(), args=("-vvv",))
        second = run_role(jama_simulator, run_playbook_once, readme_playbook(), reset=False)
        return first, second

    def test_creates_the_new_account_as_a_named_creator(self, runs, jama_simulator):
        run = runs[0]
        assert run.rc == 0, run.describe()
        assert user(run.before, "svc-reporting") is None
        created = user(run.after, "svc-reporting")
        assert created["active"] and created["licenseType"] == "NAMED" and created["email"] == "reporting-bot@example.com"
        assert jama_record(jama_simulator, created["id"])["title"] == "Reporting"

    def test_updates_the_existing_account_and_keeps_the_rest(self, runs, jama_simulator):
        run = runs[0]
        before, after = user(run.before, "svc-ci"), user(run.after, "svc-ci")
        assert after == before, "only the title was asked to change"
        assert jama_record(jama_simulator, after["id"])["title"] == "Build and release"

    def test_grants_both_once(self, runs):
        run = runs[0]
        assert members(run.before) == {"jane.doe", "john.smith", "priya.patel"}
        assert members(run.after) == {"jane.doe", "john.smith", "priya.patel", "svc-ci", "svc-reporting"}
        assert run.writes == {CREATE: 1, REPLACE: 1, ADD_MEMBER: 2}
        assert "granted:   svc-ci, svc-reporting" in summary(run)

    def test_summary_names_the_accounts(self, runs):
        assert "service accounts: svc-reporting created, svc-ci updated" in summary(runs[0])

    def test_prints_the_ui_step_for_the_new_account_only(self, runs):
        assert ui_steps(runs[0]) == ["Created service account svc-reporting. " + UI_STEP.format("svc-reporting")]

    def test_hides_the_accounts_at_vvv(self, runs):
        # The password is checked for in run_role; with secure logging the loops show no more than a username.
        plan = runs[0].task(PLAN_TASK)["result"]
        assert plan.get("censored") and "reporting-bot@example.com" not in runs[0].output

    def test_rerun_writes_nothing_and_says_so(self, runs):
        run = runs[1]
        assert run.rc == 0, run.describe()
        assert run.writes == {}
        lines = summary(run)
        assert lines[0].endswith("nothing changed, already as requested"), lines
        assert "service accounts: svc-reporting unchanged, svc-ci unchanged" in lines
        assert ui_steps(run) == []


class TestSecureLoggingOff:
    """Even with secure logging off, for debugging, the password stays out: the loops never carry it. A deactivated
    account is reactivated."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, args=("-vvv",), rest_api_access_secure_logging=False,
                        rest_api_access_service_accounts=[NEW_ACCOUNT, {"username": "old.contractor"}])

    def test_creates_the_account_with_the_password_out_of_the_output(self, run):
        assert run.rc == 0, run.describe()
        assert user(run.after, "svc-reporting")["active"]
        # Shown, unlike with secure logging: proof that the output was not hidden wholesale.
        assert "reporting-bot@example.com" in run.output

    def test_reactivates_a_deactivated_account_and_grants_it(self, run):
        assert not user(run.before, "old.contractor")["active"] and user(run.after, "old.contractor")["active"]
        assert {"svc-reporting", "old.contractor"} <= members(run.after)
        assert "service accounts: svc-reporting created, old.contractor reactivated" in summary(run)
        assert run.writes == {CREATE: 1, "PUT /rest/v1/users/{id}/active": 1, ADD_MEMBER: 2}


class TestCheckMode:
    """Two accounts that do not exist yet, one of them with a license that cannot use the REST API."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        viewer = dict(NEW_ACCOUNT, username="svc-viewer", email="viewer-bot@example.com", license_type="FLOATING")
        return run_role(jama_simulator, run_playbook_once, check=True, rest_api_access_service_accounts=[NEW_ACCOUNT, viewer])

    def test_plans_the_accounts_and_their_grant(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert lines[0].endswith("would change, check mode: nothing written"), lines
        assert "would grant:  svc-reporting, svc-viewer" in lines
        assert "service accounts: svc-reporting would be created, svc-viewer would be created" in lines
        assert "members would be: 5 in %s" % GROUP in lines

    def test_counts_the_account_whose_license_cannot_use_the_api(self, run):
        assert "would be members but cannot use the API: svc-viewer" in summary(run)

    def test_says_the_ui_step_as_a_plan(self, run):
        assert ui_steps(run)[0] == "Would create service account svc-reporting. " + UI_STEP.format("svc-reporting")

    def test_writes_nothing(self, run):
        assert run.writes == {}
        assert run.after == run.before


class TestCheckModeIntoANewGroup:
    """The access group would be created too (asked for): its planned members are the listed users and the accounts, each once
    (svc-ci is both), a planned one included."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        return run_role(jama_simulator, run_playbook_once, check=True, rest_api_access_users=["svc-ci"],
                        rest_api_access_service_accounts=[NEW_ACCOUNT, EXISTING_ACCOUNT],
                        rest_api_access_access_group="Integration Accounts", rest_api_access_create_group=True)

    def test_plans_the_group_the_account_and_both_grants(self, run):
        assert run.rc == 0, run.describe()
        lines = summary(run)
        assert "would grant:  svc-ci, svc-reporting" in lines
        assert "service accounts: svc-reporting would be created, svc-ci would be updated" in lines
        assert "members would be: 2 in Integration Accounts" in lines
        assert run.writes == {} and run.after == run.before


class TestAnAccountThatCannotBeCreated:
    """The second account lacks what creating it needs: the run fails naming it, before the first is written."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        incomplete = {"username": "svc-incomplete", "first_name": "Incomplete", "last_name": "Account"}
        return run_role(jama_simulator, run_playbook_once, rest_api_access_users=["svc-ci"],
                        rest_api_access_service_accounts=[NEW_ACCOUNT, incomplete])

    def test_fails_naming_the_account_and_the_missing_fields(self, run):
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["task"] == "Stop when a service account cannot be ensured"
        [message] = failed_items(failed)
        assert message.startswith("Cannot ensure rest_api_access_service_accounts[1] at ")
        assert "User svc-incomplete does not exist, and creating it needs email and password" in message
        assert "svc-reporting" not in message
        assert message.endswith("No account was written and no access changed.")

    def test_changes_nothing(self, run):
        assert run.writes == {}
        assert run.after == run.before


class TestRefusedBeforeAnyRequest:
    @pytest.mark.parametrize("role_vars", [
        pytest.param({"rest_api_access_state": "absent", "rest_api_access_users": ["svc-ci"]}, id="with-state-absent"),
        pytest.param({"rest_api_access_service_accounts": [NEW_ACCOUNT, dict(NEW_ACCOUNT, title="Other")]}, id="twice"),
    ])
    def test_refused_with_the_reason_and_nothing_sent(self, jama_simulator, run_playbook, role_vars):
        role_vars = dict({"rest_api_access_service_accounts": [NEW_ACCOUNT]}, **role_vars)
        run = run_role(jama_simulator, run_playbook, **role_vars)
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["task"] == "Check the service accounts can be ensured as given"
        assert "need rest_api_access_state=present and each username once" in failed["result"]["msg"]
        assert jama_simulator.control.stats()["total"] == 0


class TestJamaRefusesAnAccount:
    """Jama answers the create with an error: the run stops naming the account and Jama's answer, and grants nothing."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        jama_simulator.control.reset()
        jama_simulator.control.fault(method="POST", path="/rest/v1/users", count=1, status=400)
        return run_role(jama_simulator, run_playbook_once, reset=False, rest_api_access_service_accounts=[NEW_ACCOUNT])

    def test_fails_with_the_reason(self, run):
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["task"] == "Stop when Jama refused a service account"
        [message] = failed_items(failed)
        assert message.startswith("Could not ensure rest_api_access_service_accounts[0] at ")
        assert "request refused (POST /rest/v1/users -> 400)" in message, message
        assert "No access was changed" in message

    def test_grants_nothing(self, run):
        assert run.writes == {CREATE: 1}
        assert run.after == run.before
