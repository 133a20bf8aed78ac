# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The jama_api lookup in a play, at -vvv, against the simulator: what it returns is what the simulator holds.

One play (PlayDriver) over a seed of 122 users, so a list takes three pages of 50. Each case is a
``set_fact`` of one lookup; its traffic is what the simulator counted during that task. Secrets
reach the play only through the environment (``lookup('env', ...)``): Ansible prints the source
line of a failed task, so a secret typed into the play would show whatever the lookup does.
"""

from __future__ import annotations

import json

import pytest
from jama_harness.cases import Case
from jama_harness.drivers import PlayDriver
from jama_harness.seeds import ADMIN_CLIENT, DEMO_SECRETS, TOKEN, large_seed
from jama_harness.state import TOKEN_ROUTE, group_of, leaked, token_variants

SET_FACT = "ansible.builtin.set_fact"
SECRET_VARIABLE = "LOOKUP_TEST_ADMIN_SECRET"
PASSWORD_VARIABLE = "LOOKUP_TEST_ADMIN_PASSWORD"
ADMIN = "client_id=%r, client_secret=lookup('env', %r)" % (ADMIN_CLIENT["client_id"], SECRET_VARIABLE)
USER_COUNT = 120  # plus admin and svc-ci: 122 users, three pages of 50


def lookup(term, options=ADMIN):
    """A set_fact of one jama_api lookup, its url from JAMA_URL, into the fact ``found``."""
    return {"found": "{{ lookup('jama.connect.jama_api', %r, allow_http=true, %s) }}" % (term, options)}


def cases(sim):
    seed, _generated = large_seed(USER_COUNT)
    return [
        Case("all users", {"found": "{{ lookup('jama.connect.jama_api', 'users', url=%r, allow_http=true, %s) }}"
                                    % (sim.base_url, ADMIN)}, module=SET_FACT, seed=seed),
        Case("one user by path", lookup("/rest/v1/users/3"), module=SET_FACT, reset=False),
        Case("a group", lookup("usergroups/1"), module=SET_FACT, reset=False),
        Case("a group's members", lookup("/rest/v1/usergroups/1/users"), module=SET_FACT, reset=False),
        Case("first 60 with the envelope", lookup("users", ADMIN + ", max_records=60, return_meta=true"),
             module=SET_FACT, reset=False),
        Case("mint a token", {"url": sim.base_url, "allow_http": True, "client_id": ADMIN_CLIENT["client_id"],
                              "client_secret": "{{ lookup('env', %r) }}" % SECRET_VARIABLE}, module=TOKEN, reset=False),
        Case("the token fact instead of client credentials", lookup("users/current", "token=jama_token"),
             module=SET_FACT, reset=False),
        Case("basic auth", lookup("users/current", "auth_username='admin', auth_password=lookup('env', %r)" % PASSWORD_VARIABLE),
             module=SET_FACT, reset=False),
        Case("an unknown path", lookup("no/such/endpoint"), module=SET_FACT, reset=False),
        Case("a path outside rest v1", lookup("../oauth/token"), module=SET_FACT, reset=False),
    ]


@pytest.fixture(scope="module")
def outcomes(jama_simulator, run_playbook_once):
    jama_simulator.control.reset()
    env = {"JAMA_URL": jama_simulator.base_url, SECRET_VARIABLE: ADMIN_CLIENT["client_secret"], PASSWORD_VARIABLE: "admin-password"}
    results = PlayDriver(run_playbook_once, env=env, args=("-vvv",)).run(jama_simulator, cases(jama_simulator))
    results.tokens = jama_simulator.control.tokens()
    results.base_url = jama_simulator.base_url
    return results


def found(outcome):
    assert not outcome.failed, outcome.describe()
    return outcome.result["ansible_facts"]["found"]


def users_jama_lists(state):
    """The active users (Jama's default listing), in the simulator's order."""
    return [user["username"] for user in state["users"] if user["active"]]


class TestReads:
    def test_all_users_across_pages_with_one_get_per_page_of_50_beside_the_token_request(self, outcomes):
        outcome = outcomes["all users"]
        assert [user["username"] for user in found(outcome)] == users_jama_lists(outcome.state)
        assert len(found(outcome)) == USER_COUNT + 2
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET /rest/v1/users": 3}

    def test_one_record_by_path_is_the_object(self, outcomes):
        outcome = outcomes["one user by path"]
        user = next(user for user in outcome.state["users"] if user["id"] == 3)
        assert found(outcome)["username"] == user["username"] and found(outcome)["id"] == 3
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET /rest/v1/users/{id}": 1}

    def test_a_groups_path_returns_that_group(self, outcomes):
        outcome = outcomes["a group"]
        group = next(group for group in outcome.state["groups"] if group["id"] == 1)
        assert {key: found(outcome)[key] for key in ("id", "name", "description")} == {
            key: group[key] for key in ("id", "name", "description")}
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET /rest/v1/usergroups/{id}": 1}

    def test_a_groups_members_by_path(self, outcomes):
        outcome = outcomes["a group's members"]
        name = next(group["name"] for group in outcome.state["groups"] if group["id"] == 1)
        assert sorted(user["username"] for user in found(outcome)) == sorted(group_of(outcome.state, name)["members"])
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET /rest/v1/usergroups/{id}/users": 1}

    def test_max_records_reads_two_pages_and_the_envelope_tells_the_total(self, outcomes):
        outcome = outcomes["first 60 with the envelope"]
        envelope = found(outcome)
        assert [user["username"] for user in envelope["data"]] == users_jama_lists(outcome.state)[:60]
        assert envelope["meta"]["pageInfo"] == {"startIndex": 0, "resultCount": 60, "totalResults": USER_COUNT + 2}
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET /rest/v1/users": 2}
        assert "returned the first 60 of the 122 records Jama holds (max_records)" in outcomes.output

    def test_a_token_fact_works_without_a_token_request(self, outcomes):
        assert not outcomes["mint a token"].failed, outcomes["mint a token"].describe()
        outcome = outcomes["the token fact instead of client credentials"]
        assert found(outcome)["username"] == "admin"
        assert outcome.traffic == {"GET /rest/v1/users/current": 1}

    def test_basic_auth_with_auth_username_and_auth_password(self, outcomes):
        outcome = outcomes["basic auth"]
        assert found(outcome)["username"] == "admin"
        assert outcome.traffic == {"GET /rest/v1/users/current": 1}


class TestErrors:
    def test_an_unknown_path_fails_naming_it_and_the_status_without_a_traceback(self, outcomes):
        outcome = outcomes["an unknown path"]
        assert outcome.failed
        assert "not found (GET /rest/v1/no/such/endpoint -> 404)" in outcome.msg
        assert "Jama has no endpoint or record at this path" in outcome.msg
        assert "Traceback" not in outcomes.output and "Traceback" not in outcome.msg
        assert outcome.traffic == {TOKEN_ROUTE: 1, "GET (unmatched)": 1}

    def test_a_path_outside_rest_v1_fails_before_any_request(self, outcomes):
        outcome = outcomes["a path outside rest v1"]
        assert outcome.failed and "term '../oauth/token' is not a REST API v1 path" in outcome.msg
        assert outcome.traffic == {}

    def test_nothing_is_written(self, outcomes):
        for name, outcome in outcomes.items():
            assert outcome.writes() == {}, name


class TestSecrets:
    def test_no_secret_or_token_in_the_vvv_output_or_the_results(self, outcomes):
        assert "task path:" in outcomes.output  # it really ran at -vvv
        assert len(outcomes.tokens) >= 7, "each lookup with client credentials mints its own token"
        text = outcomes.output + "\n" + json.dumps(outcomes.run.results, default=str)
        assert leaked(text, DEMO_SECRETS) == []
        assert leaked(text, token_variants(outcomes.tokens)) == []

    def test_the_lookup_says_what_it_read_at_vvv(self, outcomes):
        assert "jama_api: GET %s/rest/v1/users took 4 request(s)" % outcomes.base_url in outcomes.output
