# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's changed flags mean writes: a first run that creates one account and grants it reports changed=2, a rerun 0.

Read from the play recap, as a pipeline owner reads it, and checked against the writes the simulator saw.
"""

import re

import pytest
from jama_harness.observed import observe

ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
ACCOUNT = {"username": "svc-reporting", "first_name": "Reporting", "last_name": "Service Account",
           "email": "reporting-bot@example.com", "password": "Reporting-pw-91c3e7"}
PLAYBOOK = [{"name": "One new service account with REST API access", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access", "rest_api_access_service_accounts": [ACCOUNT]}]}]
RECAP = re.compile(r"^localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", re.M)


def recap(run):
    """(changed, failed) of the play recap."""
    [(_ok, changed, failed)] = RECAP.findall(run.stdout)
    return int(changed), int(failed)


def run_role(simulator, run_playbook_once, check=False):
    variables = dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True)
    seen = observe(simulator, lambda: run_playbook_once(PLAYBOOK, check=check, extra_vars=variables))
    run = seen.outcome
    run.writes = seen.writes()
    return run


@pytest.fixture(scope="module")
def runs(jama_simulator, run_playbook_once):
    jama_simulator.control.reset()
    checked = run_role(jama_simulator, run_playbook_once, check=True)
    first = run_role(jama_simulator, run_playbook_once)
    second = run_role(jama_simulator, run_playbook_once)
    return checked, first, second


def test_check_mode_plans_and_reports_what_would_change(runs):
    checked = runs[0]
    assert checked.rc == 0, checked.describe()
    assert checked.writes == {}
    # Under --check the plans are the run: the account and the grant would change, as the recap says.
    assert recap(checked) == (2, 0), checked.stdout


def test_first_run_reports_two_changes_for_two_writes(runs):
    first = runs[1]
    assert first.rc == 0, first.describe()
    assert first.writes == {"POST /rest/v1/users": 1, "POST /rest/v1/usergroups/{id}/users": 1}
    assert recap(first) == (2, 0), first.stdout
    planning = [entry for entry in first.results if entry["task"].startswith("Plan ")]
    assert planning and all(entry["status"] != "changed" for entry in planning), planning


def test_rerun_reports_no_change_and_writes_nothing(runs):
    second = runs[2]
    assert second.rc == 0, second.describe()
    assert second.writes == {}
    assert recap(second) == (0, 0), second.stdout
