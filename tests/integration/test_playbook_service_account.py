# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/service_account.yml against the simulator: the account is created, granted through the REST API group,
the UI step is printed, and the account is verified with its own credentials when they are given.

What is asserted about Jama comes from the simulator's state and request counts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from jama_harness.seeds import small_seed
from jama_harness.observed import observe

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"
PLAYBOOK = PLAYBOOKS / "service_account.yml"
YAML_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
ADMIN_SECRET = "admin-secret-0f8e2c"
CI_SECRET = "ci-secret-5b7d1a"
PASSWORD = "Reporting-pw-91c3e7"


def readme_account():
    """The account.yml of playbooks/README.md, as written, with what its vault would hold."""
    blocks = [block for block in YAML_FENCE.findall((PLAYBOOKS / "README.md").read_text(encoding="utf-8"))
              if block.startswith("# account.yml\n")]
    assert len(blocks) == 1, "expected one account.yml example in playbooks/README.md"
    return dict(yaml.safe_load(blocks[0]), vault_svc_reporting_password=PASSWORD)


NEW_ACCOUNT = readme_account()
CI_ACCOUNT = {"jama_service_account_username": "svc-ci", "jama_service_account_client_id": "ci-client",
              "jama_service_account_client_secret": "{{ ci_secret }}", "ci_secret": CI_SECRET}
# The playbook is the role with one service account: its output is the role's.
UI_TASK = "Say which step remains in the Jama UI for each new service account"
SUMMARY_TASK = "Show the summary"
UI_STEP = "One step remains, in the Jama UI: log in to Jama as {0}, open the profile and choose Set API Credentials."


class Run:
    """One playbook run with the simulator's state after it and the API writes it caused."""

    def __init__(self, playbook_run, state, traffic):
        self.playbook = playbook_run
        self.state = state
        self.writes = dict((route, count) for route, count in traffic.items()
                           if not route.startswith("GET ") and route != "POST /rest/oauth/token")

    def user(self, username):
        return next((user for user in self.state["users"] if user["username"] == username), None)

    def members(self, group="REST API Users"):
        return next(set(g["members"]) for g in self.state["groups"] if g["name"] == group)

    def summary(self):
        return self.playbook.task(SUMMARY_TASK)["result"]["msg"]

    def ui_steps(self):
        return [item["msg"] for item in self.playbook.task(UI_TASK)["result"].get("results", [])]


def run_service_account(run_playbook, simulator, account, check=False, args=()):
    variables = dict(account, jama_url=simulator.base_url, jama_allow_http=True, jama_client_id="admin-client",
                     jama_client_secret="{{ admin_secret }}", admin_secret=ADMIN_SECRET)
    seen = observe(simulator, lambda: run_playbook(PLAYBOOK, extra_vars=variables, check=check, args=args), with_state=False)
    run = seen.outcome
    result = Run(run, simulator.control.state(), seen.traffic)
    text = run.output + json.dumps(run.results)
    for secret in [ADMIN_SECRET, CI_SECRET, PASSWORD] + simulator.control.tokens():
        assert secret not in text, "a secret appeared in the output"
    return result


class TestNewAccount:
    def test_creates_and_grants_the_account_prints_the_ui_step_and_reruns_unchanged(self, run_playbook, sim):
        first = run_service_account(run_playbook, sim, NEW_ACCOUNT, args=("-vvv",))
        assert first.playbook.rc == 0, first.playbook.describe()
        account = first.user("svc-reporting")
        assert account and account["active"] and account["licenseType"] == "NAMED" and account["email"] == "reporting-bot@example.com"
        assert "svc-reporting" in first.members()
        assert first.writes == {"POST /rest/v1/users": 1, "POST /rest/v1/usergroups/{id}/users": 1}
        lines = first.summary()
        assert "service accounts: svc-reporting created" in lines and "granted:   svc-reporting" in lines
        assert "verified:  none requested" in lines
        [step] = first.ui_steps()
        assert step.startswith("Created service account svc-reporting. " + UI_STEP.format("svc-reporting"))

        second = run_service_account(run_playbook, sim, NEW_ACCOUNT)
        assert second.playbook.rc == 0, second.playbook.describe()
        assert second.writes == {}
        lines = second.summary()
        assert lines[0].endswith("nothing changed, already as requested") and "service accounts: svc-reporting unchanged" in lines
        assert second.ui_steps() == []

    def test_check_mode_plans_the_account_without_creating_it(self, run_playbook, sim):
        account = dict(NEW_ACCOUNT, jama_service_account_client_id="not-yet", jama_service_account_client_secret="{{ ci_secret }}",
                       ci_secret=CI_SECRET)
        run = run_service_account(run_playbook, sim, account, check=True)
        assert run.playbook.rc == 0, run.playbook.describe()
        assert run.writes == {} and run.user("svc-reporting") is None
        lines = run.summary()
        assert "service accounts: svc-reporting would be created" in lines and "would grant:  svc-reporting" in lines
        assert "not verified in check mode: svc-reporting's access is only planned (would be granted)" in lines
        assert run.ui_steps()[0].startswith("Would create service account svc-reporting.")

    def test_a_missing_username_fails_before_any_request(self, run_playbook, sim):
        run = run_service_account(run_playbook, sim, {"jama_service_account_email": "x@example.com"})
        assert run.playbook.rc != 0
        [failed] = run.playbook.failed()
        assert "Set jama_service_account_username" in failed["result"]["msg"]
        assert sim.control.stats()["total"] == 0


class TestVerification:
    def test_an_existing_account_is_granted_and_verified_with_its_own_credentials(self, run_playbook, sim):
        run = run_service_account(run_playbook, sim, CI_ACCOUNT, args=("-vvv",))
        assert run.playbook.rc == 0, run.playbook.describe()
        assert "svc-ci" in run.members()
        assert run.writes == {"POST /rest/v1/usergroups/{id}/users": 1}
        lines = run.summary()
        assert "service accounts: svc-ci unchanged" in lines and "granted:   svc-ci" in lines
        assert "verified:  svc-ci (each reached /rest/v1/users/current with its own token)" in lines
        assert run.ui_steps() == []
        tokens = sim.control.tokens()
        assert len(tokens) == 2, "expected the admin's token and one minted with the account's own credentials"

    def test_a_group_not_yet_on_the_rest_api_list_fails_verification_naming_the_account(self, run_playbook, sim):
        seed = small_seed(["svc-ci"], groups={"REST API Users": []}, access_groups=())
        seed["clients"].append({"client_id": "ci-client", "client_secret": CI_SECRET, "user": "svc-ci"})
        sim.control.reset(seed=seed)
        run = run_service_account(run_playbook, sim, CI_ACCOUNT)
        assert run.playbook.rc != 0
        assert "svc-ci" in run.members(), "the grant is made before the verification"
        [failed] = run.playbook.failed()
        message = failed["result"]["msg"]
        assert message.startswith("Service account svc-ci (client id ci-client) cannot use the REST API")
        assert "not permitted to use the API" in message
