"""One Jama, several runs at once: P ansible-playbook runs sharing N users under the 10 requests/s throttle, and
the reads of a grant and of its idempotent rerun in a large organization.

Parallel runs: each P starts from a reset simulator (an empty throttle window); the P runs start at once, each an
ansible-playbook of its own, as P AWX jobs on one execution node would. Their wall time is the span from the first
module task's start to the last one's result (the record_results callback's monotonic times), which is what Jama
sees of them; the floor is every request the simulator served, at the rate.
"""

import os
import threading
import time

from .cost import floor_seconds, scale_routes
from .machine import uptime
from .orgs import ACCESS_GROUP, grantees, org_seed, scale_grantees, scale_members, scale_seed
from .runner import PLAYBOOKS, RUN_TIMEOUT, USER_DEFAULTS, BenchError, PlaybookRunner, Scenario, observe, progress

THROTTLE = 10  # requests/s, Jama's documented limit per environment
SCALE = {"users": 10000, "groups": 300, "members": 1000, "new": 5}


def _split(users, parts):
    return [users[index::parts] for index in range(parts)]


def _run_at_once(runner, scenario, chunks, name):
    """Start one ansible-playbook per chunk at the same moment; their runs, in chunk order."""
    runs, errors = [None] * len(chunks), []
    gate = threading.Barrier(len(chunks))

    def one(index):
        own = PlaybookRunner(runner.collections, os.path.join(runner.work_dir, "%s-%d" % (name, index)))
        extra = dict(scenario.base, jama_users=chunks[index], jama_access_group=ACCESS_GROUP)
        gate.wait()
        try:
            runs[index] = own(PLAYBOOKS["module"], extra_vars=extra, env=USER_DEFAULTS, timeout=RUN_TIMEOUT)
        except Exception as exc:  # pylint: disable=broad-except
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(index,)) for index in range(len(chunks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(RUN_TIMEOUT)
    if errors or any(run is None or run.rc != 0 for run in runs):
        failed = next((run for run in runs if run is not None and run.rc != 0), None)
        raise BenchError("a parallel run failed: %s" % (errors[0] if errors else failed.output[-3000:]))
    return runs


def _module_task(run):
    return next(entry for entry in run.results if entry["action"].endswith("jama_rest_access"))


def bench_parallel(runner, parallel=(1, 2, 4, 8), n=100):
    results = {"rate": THROTTLE, "n": n, "rows": []}
    users = grantees(n)
    scenario = Scenario(runner, org_seed(n), rate_limit=THROTTLE)
    try:
        for count in parallel:
            scenario.sim.control.reset()
            load_before = uptime()
            started = time.perf_counter()
            seen = observe(scenario.sim, lambda: _run_at_once(runner, scenario, _split(users, count), "p%d" % count),
                           with_state=False)
            elapsed = time.perf_counter() - started
            scenario.granted(users)
            tasks = [_module_task(run) for run in seen.outcome]
            span = max(task["ended_monotonic"] for task in tasks) - min(task["ended_monotonic"] - task["seconds"] for task in tasks)
            throttled = seen.statuses.get("429", 0)
            served = seen.requests - throttled
            floor = floor_seconds(served, THROTTLE)
            row = {"runs": count, "users_each": len(users) // count, "wall": span, "playbooks_wall": elapsed,
                   "served": served, "throttled": throttled, "floor": floor, "floor_multiple": span / floor,
                   "reported_shared": sum(1 for task in tasks if (task["result"].get("pacing") or {}).get("shared")),
                   "load": [load_before, uptime()]}
            results["rows"].append(row)
            progress("parallel P=%d x %d users: %.2f s (floor %.1f s, x%.2f), %d served, %d x 429, %d of %d runs saw the budget shared" % (
                count, row["users_each"], span, floor, row["floor_multiple"], served, throttled, row["reported_shared"], count))
    finally:
        scenario.stop()
    return results


def bench_scale(runner, users=SCALE["users"], groups=SCALE["groups"], members=SCALE["members"], new=SCALE["new"]):
    """The idempotent rerun over the access group's members, then a grant of ``new`` users, each from a reset."""
    results = {"rate": THROTTLE, "users": users, "groups": groups, "members": members, "new": new, "rows": []}
    scenario = Scenario(runner, scale_seed(users, groups, members), rate_limit=THROTTLE)
    try:
        for label, wanted, adds in (("rerun over the %d members" % members, scale_members(members), 0),
                                    ("grant %d new users" % new, scale_grantees(users, new), new)):
            load_before = uptime()
            run = scenario.run("module", wanted, jama_access_group=ACCESS_GROUP)
            scenario.granted(wanted, "group")
            model = scale_routes(users, groups, members, adds)
            row = {"label": label, "requests": run["requests"], "model": sum(model.values()), "seconds": run["tasks"][0][1],
                   "by_route": run["by_route"], "throttled": run["by_status"].get("429", 0),
                   "changed": "changed=1" in run["output"], "load": [load_before, uptime()]}
            results["rows"].append(row)
            progress("scale %s: %d requests (model %d), %.2f s, %d x 429" % (
                label, row["requests"], row["model"], row["seconds"], row["throttled"]))
    finally:
        scenario.stop()
    return results
