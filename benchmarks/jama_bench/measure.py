"""The access-list measurements: bulk grant against the uri playbook and a one-task floor, requests against the
cost model, token reuse, and the module's peak memory."""

from .cost import minimum_requests, writes
from .orgs import ACCESS_GROUP, CLIENT_ID, CLIENT_SECRET, grantees, org_seed, users_on_instance
from .runner import BenchError, Scenario, Simulator, progress

from jama_sim.generate import generate_seed  # noqa: E402  (on sys.path through .runner)


def bench_bulk(runner, sizes, reps, uri_reps):
    """Alternate module, uri and ping runs per size; then the group method and reruns, once each."""
    results = {"floor": [], "sizes": {}}
    for n in sizes:
        users = grantees(n)
        scenario = Scenario(runner, org_seed(n))
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
    """Requests of each method, first run and an idempotent rerun, against the minimum; with uri_rerun,
    also the uri playbook run again where every user already holds access."""
    counts = {}
    for method in ("access_list", "group"):
        extra = {"jama_method": method}
        if method == "group":
            extra["jama_access_group"] = ACCESS_GROUP
        first = scenario.run("module", users, **extra)
        scenario.granted(users, method)
        rerun = scenario.run("module", users, reset=False, **extra)
        counts[method] = {"first": first["requests"], "first_seconds": first["seconds"], "first_routes": first["by_route"],
                          "rerun": rerun["requests"], "rerun_seconds": rerun["seconds"], "rerun_routes": rerun["by_route"],
                          "rerun_changed": "changed=0" not in rerun["output"], "rerun_writes": writes(rerun["by_route"]),
                          "minimum": minimum_requests(n, method), "rerun_minimum": minimum_requests(n, method, rerun=True)}
        progress("N=%-5d %-11s requests %d (minimum %d), rerun %d (minimum %d)%s" % (
            n, method, first["requests"], counts[method]["minimum"], rerun["requests"], counts[method]["rerun_minimum"],
            ", rerun CHANGED" if counts[method]["rerun_changed"] else ""))
        if method == "access_list" and uri_rerun:
            again = scenario.run("uri", users, reset=False)
            counts["uri_rerun"] = again["requests"]
            progress("N=%-5d uri rerun (access already granted): %d requests" % (n, again["requests"]))
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
    """Peak RSS of the module process, run directly (python -m) on a generated organization."""
    seed = generate_seed(users=users_on_instance_count, groups=200, seed=1)
    everyone = [user["username"] for user in seed["users"]]
    sim = Simulator(seed=seed, access_list_api=True).start()
    results = []
    try:
        for users in (["admin"], everyone):
            sim.control.reset()
            args = {"url": sim.base_url, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "allow_http": True,
                    "users": users, "method": "access_list"}
            seconds, max_rss_kib, result = runner.module_direct(args)
            stats = sim.control.stats()
            granted = len(sim.control.state()["access_list"]["users"])
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
