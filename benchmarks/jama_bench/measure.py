"""The bulk measurements: whole playbook runs of the module against the uri loop and a one-task floor under
Jama's throttle, requests against the cost model, token reuse, and the module's peak memory."""

from jama_sim.generate import generate_seed  # on sys.path through the package (__init__.py)

from .cost import minimum_requests, writes
from .orgs import ACCESS_GROUP, CLIENT_ID, CLIENT_SECRET, grantees, org_seed, users_on_instance
from .real_path import THROTTLE
from .runner import BenchError, Scenario, Simulator, progress

MEMORY_RATE_LIMIT = 0  # no pacing: the memory run measures the module's own work


def bench_bulk(runner, sizes, reps, uri_reps):
    """Alternate module, uri and ping runs per size under the throttle; then a first run and a rerun, once each."""
    results = {"rate": THROTTLE, "floor": [], "sizes": {}}
    for n in sizes:
        users = grantees(n)
        scenario = Scenario(runner, org_seed(n), rate_limit=THROTTLE)
        entry = results["sizes"][str(n)] = {"users_on_instance": users_on_instance(n), "module": [], "uri": [], "floor": [],
                                            "requests": {}}
        try:
            for rep in range(reps):
                kinds = ["module", "uri", "ping"]
                kinds = kinds[rep % 3:] + kinds[:rep % 3]  # rotate, so no approach always goes first
                for kind in kinds:
                    if kind == "uri" and rep >= uri_reps.get(n, 0):
                        continue
                    run = scenario.run(kind, users if kind != "ping" else ())
                    if kind == "ping":
                        results["floor"].append(run["seconds"])
                        entry["floor"].append(run["seconds"])
                    else:
                        scenario.granted(users)
                        entry[kind].append({"seconds": run["seconds"], "requests": run["requests"]})
                    progress("N=%-5d %-6s run %d: %6.2f s, %5d requests" % (n, kind, rep + 1, run["seconds"], run["requests"]))
            entry["requests"] = bench_requests(scenario, n, users, uri_rerun=uri_reps.get(n, 0) > 0 and n == min(sizes))
        finally:
            scenario.stop()
    return results


def bench_requests(scenario, n, users, uri_rerun):
    """The module's requests, first run and an idempotent rerun, against the minimum; with uri_rerun,
    also the uri loop run again where every user is a member already."""
    first = scenario.run("module", users, jama_access_group=ACCESS_GROUP)
    scenario.granted(users)
    rerun = scenario.run("module", users, reset=False, jama_access_group=ACCESS_GROUP)
    counts = {"first": first["requests"], "first_seconds": first["seconds"], "first_routes": first["by_route"],
              "rerun": rerun["requests"], "rerun_seconds": rerun["seconds"], "rerun_routes": rerun["by_route"],
              "rerun_changed": "changed=0" not in rerun["output"], "rerun_writes": writes(rerun["by_route"]),
              "minimum": minimum_requests(n), "rerun_minimum": minimum_requests(n, rerun=True)}
    progress("N=%-5d module requests %d (minimum %d), rerun %d (minimum %d)%s" % (
        n, first["requests"], counts["minimum"], rerun["requests"], counts["rerun_minimum"],
        ", rerun CHANGED" if counts["rerun_changed"] else ""))
    if uri_rerun:
        again = scenario.run("uri", users, reset=False, jama_access_group=ACCESS_GROUP)
        counts["uri_rerun"] = again["requests"]
        counts["uri_rerun_changed"] = "changed=0" not in again["output"]
        progress("N=%-5d uri rerun (every user a member already): %d requests" % (n, again["requests"]))
    return counts


def bench_token_reuse(runner):
    """Three jama_token tasks and two jama_rest_access tasks with the token fact, in one play."""
    scenario = Scenario(runner, org_seed(10))
    try:
        run = scenario.run("token_reuse", grantees(10))
    finally:
        scenario.stop()
    routes = run["by_route"]
    result = {"token_tasks": 3, "access_tasks": 2, "token_requests": routes.get("POST /rest/oauth/token", 0),
              "current_user_requests": routes.get("GET /rest/v1/users/current", 0), "requests": run["requests"],
              "by_route": routes, "seconds": run["seconds"]}
    progress("token reuse: %d token request(s), %d users/current, %d requests in all" % (
        result["token_requests"], result["current_user_requests"], result["requests"]))
    return result


def bench_memory(runner, users_on_instance_count):
    """Peak RSS of the module process, run directly (python -m) on a generated organization, unpaced."""
    seed = generate_seed(users=users_on_instance_count, groups=200, seed=1)
    everyone = [user["username"] for user in seed["users"]]
    sim = Simulator(seed=seed).start()
    results = []
    try:
        for users in (["admin"], everyone):
            sim.control.reset()
            # Unpaced: at 10 requests/s, one membership POST per user would take about 17 minutes at 10,000.
            args = {"url": sim.base_url, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "allow_http": True,
                    "users": users, "access_group": ACCESS_GROUP, "rate_limit": MEMORY_RATE_LIMIT}
            seconds, max_rss_kib, result = runner.module_direct(args)
            stats = sim.control.stats()
            members = set(next(g["members"] for g in sim.control.state()["groups"] if g["name"] == ACCESS_GROUP))
            granted = len(members & set(users))
            if granted < len(users):
                raise BenchError("memory run granted %d of %d users" % (granted, len(users)))
            results.append({"users_on_instance": len(everyone), "groups_on_instance": len(seed["groups"]),
                            "users_granted": len(users), "max_rss_mib": max_rss_kib / 1024.0, "seconds": seconds,
                            "requests": stats["total"], "changed": result.get("changed")})
            progress("memory: %d users granted on %d: peak RSS %.1f MiB, %.2f s, %d requests" % (
                len(users), len(everyone), max_rss_kib / 1024.0, seconds, stats["total"]))
    finally:
        sim.stop()
    return results
