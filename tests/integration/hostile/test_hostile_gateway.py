# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Modules behind a gateway that misbehaves: every answer Jama never gives ends in a clear message, bounded in time,
with nothing reported as written that the simulator did not write, and no secret in the output."""

from __future__ import annotations

import time

import pytest

from jama_harness.cases import Case
from jama_harness.scenario import driver_of
from jama_harness.seeds import ACCESS_GROUP, ADMIN_CLIENT, DEMO_SECRETS
from jama_harness.state import group_of, leaked

MEMBERSHIP = "/rest/v1/usergroups/*/users"
TOKEN = "/rest/oauth/token"


def run_task(runner, sim, module, args, verbosity=(), timeout=120):
    """One task through the harness (a driver, or run_playbook for a play): (its result with ``failed``, the Outcomes)."""
    case = Case("the task", args, module=module, reset=False, clear_faults=False)
    outcomes = driver_of(runner, args=verbosity, timeout=timeout).run(sim, [case])
    outcome = outcomes["the task"]
    return dict(outcome.result, failed=outcome.failed), outcomes


def through(gateway, **options):
    arguments = dict(url=gateway.base_url, allow_http=True, retries=2)
    arguments.update(ADMIN_CLIENT)
    arguments.update(options)
    return arguments


def members(sim):
    return set(group_of(sim.control.state(), ACCESS_GROUP)["members"])


class TestRedirects:
    @pytest.mark.parametrize("status", [301, 302, 307])
    def test_a_redirected_membership_post_fails_and_nothing_is_written(self, module_cases, sim, hostile, status):
        before = members(sim)
        hostile.add("POST", MEMBERSHIP, "redirect", status=status, location=hostile.base_url + "/elsewhere")
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access", through(hostile, users=["svc-ci"]))
        assert result.get("failed") and not result.get("changed") and "added" not in result
        assert "redirect to %s/elsewhere" % hostile.base_url in result["msg"] and "nothing was written" in result["msg"]
        assert members(sim) == before
        assert hostile.count("GET", "/elsewhere") == 0

    def test_a_redirected_revoke_fails_naming_the_location(self, module_cases, sim, hostile):
        hostile.add("DELETE", MEMBERSHIP + "/*", "redirect", status=301, location="https://lb.example.com/jama")
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access",
                                through(hostile, users=["jane.doe"], state="absent"))
        assert result.get("failed") and "https://lb.example.com/jama" in result["msg"] and "405" not in result["msg"]
        assert "jane.doe" in members(sim)

    def test_a_token_request_redirected_to_another_host_is_not_called_a_refusal(self, run_playbook, sim, hostile):
        hostile.add("POST", TOKEN, "redirect", status=302, location="https://sso.example.com/login")
        result, run = run_task(run_playbook, sim, "jama.connect.jama_token", through(hostile))
        assert result.get("failed") and "https://sso.example.com/login" in result["msg"]
        assert "refused the client credentials" not in result["msg"]
        assert leaked(run.output, DEMO_SECRETS) == []


class TestBoundedWaits:
    def test_a_trickling_reply_ends_within_timeout_times_attempts(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users/current", "trickle", interval=1.0, trickle_bytes=200)
        started = time.monotonic()
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token",
                                through(hostile, timeout=3, retries=2, check_access=True))
        elapsed = time.monotonic() - started
        assert result.get("failed") and "no response from %s within 3 s" % hostile.base_url in result["msg"]
        # 3 s for the one attempt a timeout allows, plus ansible-playbook's own start: far below the 200 s of the trickle
        assert elapsed < 3 * (2 + 1) + 20, elapsed

    @pytest.mark.parametrize("drop_index, what", [(False, "got a page with startIndex 0"), (True, "repeats items already read")])
    def test_a_pager_that_always_answers_the_first_page_is_stopped(self, module_cases, sim, hostile, drop_index, what):
        # The access group is found by reading every group: the walk a caching gateway would keep going.
        hostile.add("GET", "/rest/v1/usergroups", "first_page_always", total=100000, honest_index=drop_index)
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access", through(hostile, users=["svc-ci"]))
        assert result.get("failed") and "paging through /rest/v1/usergroups went wrong" in result["msg"]
        assert what in result["msg"]
        assert hostile.count("GET", "/rest/v1/usergroups") < 10
        assert "svc-ci" not in members(sim)

    def test_a_filtered_page_that_is_empty_but_promises_more_is_stopped(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users", "first_page_always", total=100000)
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access",
                                through(hostile, users=["nobody-%03d" % n for n in range(5)]))
        assert result.get("failed") and "paging through /rest/v1/users went wrong" in result["msg"]
        assert hostile.count("GET", "/rest/v1/users") < 10

    def test_an_endless_answer_is_cut_off(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users/current", "flood", flood_bytes=48 * 1024 * 1024)
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token", through(hostile, check_access=True, retries=0))
        assert result.get("failed") and "larger than 32 MiB" in result["msg"]

    def test_a_retry_after_beyond_the_wait_budget_is_not_slept(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users/current", "reply", status=429, headers={"Retry-After": "3600"}, body={})
        started = time.monotonic()
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token",
                                through(hostile, check_access=True, retries=5, retry_max_wait=30))
        assert result.get("failed") and "asked to wait 3600 s, more than the 30 s left of retry_max_wait" in result["msg"]
        assert time.monotonic() - started < 30


class TestMalformedAnswers:
    @pytest.mark.parametrize("body, what", [
        ({"meta": None, "data": {"id": 1}}, "meta that is null"),
        ([{"id": 1}], "is a list, not the object"),
        ({"meta": {"status": "OK"}}, "has no data"),
        ({"meta": {"status": "OK"}, "data": [1]}, "data that is a list, not an object"),
    ])
    def test_a_current_user_answer_of_the_wrong_shape_is_named(self, module_cases, sim, hostile, body, what):
        hostile.add("GET", "/rest/v1/users/current", "reply", body=body)
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token", through(hostile, check_access=True))
        assert result.get("failed") and what in result["msg"] and "/rest/v1/users/current" in result["msg"]
        assert "not found" not in result["msg"] and "Traceback" not in result.get("module_stderr", "")

    def test_a_list_whose_data_is_an_object_is_named(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/usergroups", "reply", body={"meta": {"pageInfo": {"totalResults": 1}}, "data": {"id": 1}})
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access", through(hostile, users=["svc-ci"]))
        assert result.get("failed") and "data that is an object, not a list" in result["msg"]

    @pytest.mark.parametrize("value, what", [(float("nan"), "malformed JSON"), (float("inf"), "malformed JSON"),
                                             (1e20, "longer than any token lives")])
    def test_a_token_answer_with_an_impossible_lifetime_is_named(self, run_playbook, sim, hostile, value, what):
        hostile.add("POST", TOKEN, "rewrite_token", fields={"expires_in": value})
        result, run = run_task(run_playbook, sim, "jama.connect.jama_token", through(hostile))
        assert result.get("failed") and what in result["msg"] and TOKEN in result["msg"]
        assert "Traceback" not in run.output

    def test_a_minted_token_that_cannot_be_a_header_is_never_printed(self, run_playbook, sim, hostile):
        hostile.add("POST", TOKEN, "rewrite_token", fields={"access_token": "leaky\ntoken-5ecret"})
        result, run = run_task(run_playbook, sim, "jama.connect.jama_token", through(hostile, check_access=True), verbosity=("-vvv",))
        assert result.get("failed") and "holds characters no bearer token has" in result["msg"]
        assert "5ecret" not in run.output

    def test_an_unreadable_retry_after_is_ignored_and_the_retry_succeeds(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users/current", "reply", times=1, status=429, headers={"Retry-After": "\u00b2"}, body={})
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token", through(hostile, check_access=True))
        assert not result.get("failed"), result.get("msg")
        assert hostile.count("GET", "/rest/v1/users/current") == 2


class TestConnectionsCutShort:
    def test_a_reset_connection_is_said_in_words(self, module_cases, sim, hostile):
        hostile.add("GET", "/rest/v1/users/current", "reset")
        result, _run = run_task(module_cases, sim, "jama.connect.jama_token", through(hostile, check_access=True, retries=0))
        assert result.get("failed") and "reset by the server or a proxy" in result["msg"]
        assert "ConnectionResetError" not in result["msg"] and "Connection aborted" not in result["msg"]

    def test_a_delete_whose_answer_was_lost_is_retried_and_counts_as_done(self, module_cases, sim, hostile):
        hostile.add("DELETE", MEMBERSHIP + "/*", "reset", times=1, after_forward=True)
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access",
                                through(hostile, users=["jane.doe"], state="absent"))
        assert not result.get("failed"), result.get("msg")
        assert result["changed"] and "jane.doe" not in members(sim)
        assert hostile.count("DELETE", MEMBERSHIP + "/*") == 2

    @pytest.mark.parametrize("status", [502, 503, 504])
    def test_a_delete_is_retried_on_a_gateway_error(self, module_cases, sim, hostile, status):
        hostile.add("DELETE", MEMBERSHIP + "/*", "reply", times=1, status=status, body={})
        result, _run = run_task(module_cases, sim, "jama.connect.jama_rest_access",
                                through(hostile, users=["jane.doe"], state="absent"))
        assert not result.get("failed"), result.get("msg")
        assert "jane.doe" not in members(sim)
