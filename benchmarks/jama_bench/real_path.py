"""The real path: membership of the access group (public v1 endpoints only) under Jama's 10 requests/s
throttle, against the uri loop a user would write for it (benchmarks/playbooks/uri_group_grant.yml).

Per N the simulator runs with --rate-limit 10, as Jama does. Each run starts from a reset simulator, so an
empty throttle window.
"""

import datetime
import sys
import time

from .cost import floor_seconds, minimum_requests, uri_group_requests
from .orgs import ACCESS_GROUP, CLIENT_ID, CLIENT_SECRET, grantees, org_seed
from .machine import uptime
from .runner import Scenario, progress

THROTTLE = 10  # requests/s, Jama's documented limit per environment


def _answered(run):
    """Requests Jama had to serve: all that reached it but the ones it refused with 429."""
    return run["requests"] - run["by_status"].get("429", 0)


def _figures(run, seconds):
    needed = _answered(run)
    floor = floor_seconds(needed, THROTTLE)
    return {"seconds": seconds, "wall": run["seconds"], "requests": run["requests"], "needed": needed, "floor": floor,
            "floor_multiple": seconds / floor, "throttled": run["by_status"].get("429", 0), "by_route": run["by_route"]}


def bench_real_path(runner, sizes, uri_max):
    """For each N: the module's task time, the same client in-process, and (up to uri_max) the uri loop."""
    results = {"rate": THROTTLE, "sizes": {}, "uri_max": uri_max, "uptime": [uptime()],
               "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    for n in sizes:
        users = grantees(n)
        scenario = Scenario(runner, org_seed(n), rate_limit=THROTTLE)
        entry = results["sizes"][str(n)] = {"n": n, "model": minimum_requests(n)}
        try:
            run = scenario.run("module", users, jama_access_group=ACCESS_GROUP)
            scenario.granted(users)
            entry["module"] = _figures(run, run["tasks"][0][1])
            entry["in_process"] = in_process(runner, scenario, users)
            progress("real path N=%-5d module task %6.2f s (%d requests, floor %.1f s, x%.2f, %d x 429); in-process %.2f s" % (
                n, entry["module"]["seconds"], entry["module"]["requests"], entry["module"]["floor"],
                entry["module"]["floor_multiple"], entry["module"]["throttled"], entry["in_process"]))
            if n <= uri_max:
                run = scenario.run("uri", users, jama_access_group=ACCESS_GROUP)
                scenario.granted(users)
                entry["uri"] = _figures(run, sum(seconds for _task, seconds in run["tasks"]))
                progress("real path N=%-5d uri loop %6.2f s (%d requests, x%.2f, %d x 429)" % (
                    n, entry["uri"]["seconds"], entry["uri"]["requests"], entry["uri"]["floor_multiple"], entry["uri"]["throttled"]))
            else:
                entry["uri_requests"] = uri_group_requests(n)
        finally:
            scenario.stop()
    results["uptime"].append(uptime())
    return results


def in_process(runner, scenario, users):
    """The module's reads and writes by the same client code, in this process: no Ansible, no interpreter start-up.

    The difference to the task time is what Ansible and the module's start-up add; this is what the pacing costs.
    """
    if runner.collections not in sys.path:
        sys.path.insert(0, runner.collections)
    from ansible_collections.jama.connect.plugins.module_utils.access.apply import GroupAccess
    from ansible_collections.jama.connect.plugins.module_utils.access.plan import Members, plan_members
    from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import ClientCredentialsAuth
    from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient
    from ansible_collections.jama.connect.plugins.module_utils.jama.principals import resolve_users

    scenario.sim.control.reset()
    started = time.perf_counter()
    client = JamaClient(scenario.sim.base_url, ClientCredentialsAuth(CLIENT_ID, CLIENT_SECRET), rate_limit=THROTTLE)
    access = GroupAccess(client, ACCESS_GROUP)
    current = access.read_state()
    records = resolve_users(client, users, known_users=access.known_users)
    access.apply(plan_members(current, Members(dict((u["id"], u["username"]) for u in records))), False)
    seconds = time.perf_counter() - started
    scenario.granted(users)
    return seconds
