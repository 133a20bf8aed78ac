# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each fault kind alone, at each step of a jama_rest_access run (method: group).

Steps, in the order the module takes them: mint a token, resolve access_group, read the group's
members (the plan's current state), resolve the requested users, write (add, or remove).
Each fault is injected for the next matching request(s) only. The outcome is either "retried and
converged" or "a specific error naming the cause and the step", with the simulator's state
unchanged (or, for an interrupted write, completed by the next run).
"""

from __future__ import annotations

import re

import pytest

from jama_harness.cases import Case
from jama_harness.seeds import ACCESS_GROUP, connection

DEMO_MEMBERS = {"jane.doe", "john.smith", "priya.patel"}
GRANTED = {"kai.schmidt", "zoe.taylor"}
REVOKED = {"jane.doe", "john.smith"}
RETRIES = 2
# Faults no retry cures need only one retry to show it: every retry adds a backoff wait of up to 2**attempt s.
FATAL_RETRIES = 1
TIMEOUT = 1

# step -> (fault method, fault path glob, regex the error must match to name the step, operation)
STEPS = {
    "token": ("POST", "/rest/oauth/token", r"POST /rest/oauth/token", "grant"),
    "resolve access_group": ("GET", "/rest/v1/usergroups", r"GET /rest/v1/usergroups(?![/\w])", "grant"),
    "plan read": ("GET", "/rest/v1/usergroups/*/users", r"GET /rest/v1/usergroups/\d+/users", "grant"),
    "resolve users": ("GET", "/rest/v1/users", r"GET /rest/v1/users(?![/\w])", "grant"),
    "write add": ("POST", "/rest/v1/usergroups/*/users", r"POST /rest/v1/usergroups/\d+/users", "grant"),
    "write remove": ("DELETE", "/rest/v1/usergroups/*/users/*", r"DELETE /rest/v1/usergroups/\d+/users/\d+", "revoke"),
}

# The fault kinds of a throttled, unreliable SaaS, each injected alone: every one must be retried (or, for a 401,
# answered by minting a new token) and the run must converge.
RECOVERABLE = {
    "503 once": {"status": 503, "count": 1},
    "dropped connection": {"drop": True, "count": 1},
    "bare 429": {"status": 429, "count": 1},
    "401 expired token": {"status": 401, "count": 1},
}

# resolve access_group is the same kind of paged read as resolve users; the fatal faults below still cover it.
RECOVERABLE_STEPS = ("token", "plan read", "resolve users", "write add", "write remove")

# Faults no retry cures: (fault spec, regex naming the cause, steps to try it at).
FATAL = {
    "503 past retries": ({"status": 503, "count": FATAL_RETRIES + 1}, r"server error.* -> 503", tuple(STEPS)),
    "HTML page": ({"status": 200, "body": "html", "count": 1}, r"HTML page", ("token", "plan read")),
    "malformed JSON": ({"status": 200, "body": "malformed_json", "count": 1}, r"malformed JSON", ("resolve users", "write add")),
    "read timeout": ({"delay": TIMEOUT + 1.5, "count": 1}, r"no response .* within %d s" % TIMEOUT, ("resolve access_group", "write add")),
}


def operation_args(sim, operation, retries=RETRIES):
    users = sorted(GRANTED if operation == "grant" else REVOKED)
    state = "present" if operation == "grant" else "absent"
    return connection(sim, users=users, state=state, access_group=ACCESS_GROUP, retries=retries, timeout=TIMEOUT)


def converged_members(operation):
    return DEMO_MEMBERS | GRANTED if operation == "grant" else DEMO_MEMBERS - REVOKED


def fault_case(sim, kind, spec, step, retries=RETRIES):
    method, path, _named, operation = STEPS[step]
    return Case("%s at %s" % (kind, step), operation_args(sim, operation, retries), faults=[dict(spec, method=method, path=path)])


def rerun_case(sim, kind, step):
    """The same task again without a reset: after a failed write it must complete the work."""
    return Case("%s at %s | rerun" % (kind, step), operation_args(sim, STEPS[step][3]), reset=False)


def assert_converged(outcome, operation):
    assert not outcome.failed, "expected a retry and convergence: %s" % outcome.describe()
    assert outcome.changed, outcome.describe()
    assert outcome.members() == converged_members(operation), outcome.describe()


def assert_named_failure(outcome, cause, step):
    assert outcome.failed, "expected a specific error: %s" % outcome.describe()
    assert re.search(cause, outcome.msg), "the error does not name the cause %r: %s" % (cause, outcome.describe())
    assert re.search(STEPS[step][2], outcome.msg), "the error does not name the step %r: %s" % (step, outcome.describe())


@pytest.mark.parametrize("kind", list(RECOVERABLE))
def test_recoverable_fault_alone_at_each_step_is_retried_and_converges(module_cases, sim, kind):
    cases = []
    for step in RECOVERABLE_STEPS:
        cases.append(fault_case(sim, kind, RECOVERABLE[kind], step))
        if step.startswith("write"):
            cases.append(rerun_case(sim, kind, step))
    outcomes = module_cases.run(sim, cases)
    for step in RECOVERABLE_STEPS:
        operation = STEPS[step][3]
        outcome = outcomes["%s at %s" % (kind, step)]
        assert not outcome.pending_faults, "the fault was never met: %s" % outcome.describe()
        if kind == "401 expired token" and step == "token":
            # A 401 from the token endpoint itself means the client credentials were refused: nothing to retry.
            assert_named_failure(outcome, r"client credentials.*401|401.*client credentials", step)
            assert outcome.members() == DEMO_MEMBERS, outcome.describe()
        elif step == "write remove" and outcome.failed:
            # The client retries only writes whose repetition is harmless and lists adds; a failed remove must at least
            # name the cause and the step, change nothing else, and the next run must complete it.
            assert_named_failure(outcome, r"503|cannot reach|[Cc]onnection", step)
            assert DEMO_MEMBERS - REVOKED <= outcome.members() <= DEMO_MEMBERS, outcome.describe()
        else:
            assert_converged(outcome, operation)
        if step.startswith("write"):
            rerun = outcomes["%s at %s | rerun" % (kind, step)]
            assert not rerun.failed, rerun.describe()
            assert rerun.members() == converged_members(operation), rerun.describe()
            if not outcome.failed:
                assert not rerun.changed and not rerun.writes(), "the rerun wrote again: %s" % rerun.describe()


def test_faults_no_retry_cures_fail_naming_cause_and_step_and_the_next_run_completes(module_cases, sim):
    cases = []
    for kind, (spec, _cause, steps) in FATAL.items():
        for step in steps:
            cases.append(fault_case(sim, kind, spec, step, retries=FATAL_RETRIES))
            if step.startswith("write"):
                cases.append(rerun_case(sim, kind, step))
    outcomes = module_cases.run(sim, cases)
    for kind, (_spec, cause, steps) in FATAL.items():
        for step in steps:
            operation = STEPS[step][3]
            outcome = outcomes["%s at %s" % (kind, step)]
            assert_named_failure(outcome, cause, step)
            if kind == "read timeout" and step.startswith("write"):
                # The timed-out write may still land after the client gave up: the state lies between the two.
                assert DEMO_MEMBERS <= outcome.members() <= DEMO_MEMBERS | GRANTED, outcome.describe()
            else:
                assert outcome.members() == DEMO_MEMBERS, "%s at %s changed the state: %s" % (kind, step, outcome.describe())
            if step.startswith("write"):
                rerun = outcomes["%s at %s | rerun" % (kind, step)]
                assert not rerun.failed, rerun.describe()
                assert rerun.members() == converged_members(operation), rerun.describe()
