# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A large grant through an unreliable, throttled Jama converges on its first run and reruns unchanged.

The simulator injects, at random from a fixed seed, 503 answers and dropped connections on every
REST call (the token endpoint included), issues tokens that live a few seconds (the module holds
client credentials and must mint again), and throttles at Jama's 10 requests/s with bare 429s.

``retries`` is 8: a request fails for good only when 9 attempts in a row meet a fault. Chaos alone
fails an attempt with p = 0.18; the 429s of a single sequential client clear once a backoff passes
the one-second window, so later attempts fail with little more than 0.18. With about 230 logical
requests per run (writes, reads and token requests) the chance that one of them runs out of
attempts is about 230 * 0.2**9, near 1e-4; the default of 5 (about 1 in 80) would make the test flaky.
A hundred users keep the run past several token lifetimes and through every kind of fault.
"""

from __future__ import annotations

from jama_harness.cases import Case
from jama_harness.seeds import ACCESS_GROUP, connection, large_seed

USER_COUNT = 100
RETRIES = 8
CHAOS = {"seed": 42, "status_rate": 0.15, "status": 503, "drop_rate": 0.03, "methods": ["*"], "path": "/rest/*"}
FAULTY_JAMA = {"token_lifetime": 4, "rate_limit": 10, "retry_after": None}


def test_large_group_grant_converges_first_time_and_reruns_unchanged(module_cases, sim):
    seed, generated = large_seed(USER_COUNT, access_members=3)
    # Pacing off: at the default rate_limit the client never meets the throttle, and this run must.
    args = connection(sim, users=generated, access_group=ACCESS_GROUP, retries=RETRIES, timeout=10,
                      rate_limit=0)
    cases = [
        Case("grant under faults", args, seed=seed, config=FAULTY_JAMA, chaos=CHAOS),
        Case("rerun under faults", args, reset=False),
    ]
    outcomes = module_cases.run(sim, cases, timeout=400)
    first, rerun = outcomes["grant under faults"], outcomes["rerun under faults"]

    assert not first.failed, first.describe()
    assert first.changed
    assert first.members() == set(generated), "the first run did not converge: %d of %d members" % (len(first.members()), USER_COUNT)
    assert len(first.result["added"]["users"]) == USER_COUNT - 3
    # Guards against a silently inactive chaos or throttle, which would make this test pass trivially.
    assert all(first.statuses.get(kind, 0) > 0 for kind in ("503", "dropped", "429")), first.statuses
    assert first.traffic.get("POST /rest/oauth/token", 0) > 1, "short-lived tokens were never minted again: %s" % first.traffic

    assert not rerun.failed, rerun.describe()
    assert not rerun.changed, rerun.describe()
    assert not rerun.writes(), "the rerun wrote: %s" % rerun.writes()
    assert rerun.members() == set(generated)
