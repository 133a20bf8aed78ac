# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Client-side pacing against Jama's throttle (10 requests/s, then bare 429s): at the default rate_limit a
long grant keeps under the throttle instead of running into it and backing off."""

from __future__ import annotations

from jama_harness.cases import Case
from jama_harness.seeds import ACCESS_GROUP, connection, large_seed

USER_COUNT = 40
JAMAS_THROTTLE = {"rate_limit": 10, "retry_after": None}


def test_the_default_pacing_keeps_a_long_grant_under_jamas_throttle(module_cases, sim):
    seed, generated = large_seed(USER_COUNT, access_members=0)
    paced = connection(sim, users=generated, access_group=ACCESS_GROUP)
    unpaced = dict(paced, rate_limit=0, retries=10)
    cases = [
        Case("paced grant", paced, seed=seed, config=JAMAS_THROTTLE),
        Case("unpaced grant", unpaced, seed=seed, config=JAMAS_THROTTLE),
    ]
    outcomes = module_cases.run(sim, cases, timeout=300)
    paced_run, unpaced_run = outcomes["paced grant"], outcomes["unpaced grant"]

    for outcome in (paced_run, unpaced_run):
        assert not outcome.failed, outcome.describe()
        assert outcome.members() == set(generated)
    # Network jitter may still crowd Jama's window once or twice; bursting meets the throttle many times.
    assert paced_run.statuses.get("429", 0) <= 2, paced_run.statuses
    assert unpaced_run.statuses.get("429", 0) > 2, "the throttle was not active: %s" % unpaced_run.statuses
