# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role's argument spec sees what is passed as role parameters, as the READMEs show it: a misspelled variable
fails there, before anything reaches Jama."""

from jama_harness.observed import observe

ADMIN = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
SPEC_TASK = ("Validating arguments against arg spec 'main' - Grant or revoke Jama Connect REST API access and verify it "
             "end to end")


def play(**role_params):
    return [{"name": "REST API access", "hosts": "localhost", "gather_facts": False,
             "roles": [dict({"role": "jama.connect.rest_api_access"}, **role_params)]}]


def run(simulator, run_playbook, playbook):
    variables = dict(ADMIN, jama_url=simulator.base_url, jama_allow_http=True)
    seen = observe(simulator, lambda: run_playbook(playbook, extra_vars=variables))
    outcome = seen.outcome
    outcome.requests, outcome.before, outcome.after = seen.requests, seen.before, seen.after
    return outcome


def test_a_misspelled_role_parameter_fails_the_argument_spec_and_nothing_reaches_jama(sim, run_playbook):
    # rest_api_access_user, one letter short of rest_api_access_users
    outcome = run(sim, run_playbook, play(rest_api_access_user=["svc-ci"]))
    assert outcome.rc != 0
    [failed] = outcome.failed()
    assert failed["task"] == SPEC_TASK
    message = failed["result"]["msg"]
    assert message.startswith("Validation of arguments failed:\nrest_api_access_user. Supported parameters include: ")
    assert "rest_api_access_users" in message
    assert outcome.requests == 0 and outcome.after == outcome.before


def test_a_wrong_type_fails_the_argument_spec_too(sim, run_playbook):
    outcome = run(sim, run_playbook, play(rest_api_access_users=["svc-ci"], rest_api_access_exclusive="sometimes"))
    assert outcome.rc != 0
    [failed] = outcome.failed()
    assert failed["task"] == SPEC_TASK and "rest_api_access_exclusive" in failed["result"]["msg"]
    assert outcome.requests == 0


def test_the_same_variable_spelled_right_grants(sim, run_playbook):
    outcome = run(sim, run_playbook, play(rest_api_access_users=["svc-ci"]))
    assert outcome.rc == 0, outcome.describe()
    assert "svc-ci" in next(group["members"] for group in outcome.after["groups"] if group["name"] == "REST API Users")
