"""Benchmarks for jama.connect: one jama_rest_access task against the ansible.builtin.uri playbook
a user would write (benchmarks/uri_grant.yml), on the bundled simulator.

Measures wall time, requests, requests against the minimum, token reuse, the 10 requests/s
throttle and the module's peak memory, then writes BENCHMARKS.md and a PNG plot. Figures are
printed and written, never asserted. Run it through `make bench`, which installs the collection
first and exports ANSIBLE_COLLECTIONS_PATH and ANSIBLE_PYTHON_INTERPRETER.
"""

import argparse
import datetime
import json
import math
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(REPO, "benchmarks")
sys.path.insert(0, os.path.join(REPO, "tests", "simulator"))

from jama_sim import Simulator  # noqa: E402  (the simulator lives in the repository, not on sys.path)
from jama_sim.generate import generate_seed  # noqa: E402

# The simulator's generator creates this admin client; the benchmark seeds use the same one.
CLIENT_ID, CLIENT_SECRET = "admin-client", "admin-secret-0f8e2c"
ACCESS_GROUP = "REST API Users"
PAGE_SIZE = 50  # Jama clamps maxResults to 50
OTHER_GROUPS = 4
THROTTLE = 10  # requests/s, Jama's documented limit
RUN_TIMEOUT = 1200  # seconds; no single run comes near it, but every wait is bounded
MODULE = "ansible_collections.jama.connect.plugins.modules.jama_rest_access"

PLAYBOOKS = {
    "module": os.path.join(HERE, "playbooks", "module_grant.yml"),
    "uri": os.path.join(HERE, "uri_grant.yml"),
    "ping": os.path.join(HERE, "playbooks", "ping.yml"),
    "token_reuse": os.path.join(HERE, "playbooks", "token_reuse.yml"),
}


class BenchError(RuntimeError):
    pass


# --- the organizations ---------------------------------------------------------------------------

def org_seed(n):
    """An organization of 2n+1 users: admin, then pairs (a bystander, a user to grant), all Named Creators.

    Interleaving puts users to grant on every page, so resolving them means reading every page.
    Fixed-width names keep Jama's substring username filter from matching more than one user.
    """
    users = [{"username": "admin", "password": "admin-password", "firstName": "Ada", "lastName": "Admin",
              "email": "ada.admin@example.com", "admin": True}]
    for index in range(1, 2 * n + 1):
        name = "user%05d" % index
        users.append({"username": name, "firstName": "User", "lastName": "%05d" % index, "email": name + "@example.com"})
    bystanders = [user["username"] for user in users[1::2]]
    groups = [{"name": ACCESS_GROUP, "description": "Users allowed to use the REST API", "members": []}]
    for team in range(1, OTHER_GROUPS + 1):
        groups.append({"name": "Team %d" % team, "members": bystanders[team - 1::OTHER_GROUPS][:20]})
    return {"managed_access": True, "access_list": {"users": ["admin"], "groups": [ACCESS_GROUP]}, "users": users,
            "groups": groups, "clients": [{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "user": "admin"}]}


def grantees(n):
    return ["user%05d" % index for index in range(2, 2 * n + 1, 2)]


def pages(count):
    return max(1, math.ceil(count / PAGE_SIZE))


def minimum_routes(n, method, rerun=False):
    """The fewest requests that can do the job, by route: token, pages of users (and of groups and members
    for method group), the access-list read, then one batch add (access_list) or one add per user (group:
    Jama has no batch member add). A rerun that changes nothing needs no write."""
    routes = {"POST /rest/oauth/token": 1, "GET /rest/v1/users": pages(2 * n + 1)}
    if method == "access_list":
        routes["GET /rest/v1/system/settings/restapiaccess"] = 1
        routes["POST /rest/v1/system/settings/restapiaccess"] = 0 if rerun else 1
    else:
        routes["GET /rest/v1/usergroups"] = pages(1 + OTHER_GROUPS)
        routes["GET /rest/v1/usergroups/{id}/users"] = pages(n if rerun else 0)
        routes["POST /rest/v1/usergroups/{id}/users"] = 0 if rerun else n
    return routes


def minimum_requests(n, method, rerun=False):
    return sum(minimum_routes(n, method, rerun).values())


def excess(measured, minimum):
    """Routes with more requests than the minimum: {route: extra}."""
    return dict((route, count - minimum.get(route, 0)) for route, count in sorted(measured.items()) if count > minimum.get(route, 0))


def uri_requests(n):
    return 2 * n + 1


# --- running things ------------------------------------------------------------------------------

class Runner:
    def __init__(self, work_dir, verbose=False):
        self.work_dir = work_dir
        self.verbose = verbose
        self.python = os.environ.get("ANSIBLE_PYTHON_INTERPRETER") or sys.executable
        self.ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
        self.collections = find_collection()
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_PYTHON_INTERPRETER=self.python,
                        ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0", ANSIBLE_RETRY_FILES_ENABLED="0")
        self.count = 0

    def playbook(self, kind, extra_vars):
        """Run one playbook; its wall time in seconds, its output."""
        self.count += 1
        vars_file = os.path.join(self.work_dir, "vars-%d.json" % self.count)
        with open(vars_file, "w", encoding="utf-8") as handle:
            json.dump(extra_vars, handle)
        command = [self.ansible_playbook, "-i", "localhost,", "-e", "@" + vars_file,
                   "-e", "ansible_python_interpreter=" + self.python, PLAYBOOKS[kind]]
        started = time.perf_counter()
        proc = subprocess.run(command, env=self.env, cwd=self.work_dir, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=RUN_TIMEOUT, check=False)
        seconds = time.perf_counter() - started
        if proc.returncode != 0:
            raise BenchError("%s failed (exit %d):\n%s" % (kind, proc.returncode, proc.stdout[-3000:]))
        if self.verbose:
            print(proc.stdout[-2000:])
        os.remove(vars_file)
        return seconds, proc.stdout

    def module_direct(self, args):
        """Run jama_rest_access as a plain Python process (no Ansible around it): wall time, peak RSS (KiB), result."""
        args_file = os.path.join(self.work_dir, "module-args.json")
        with open(args_file, "w", encoding="utf-8") as handle:
            json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
        env = dict(self.env, PYTHONPATH=self.collections)
        report_file = os.path.join(self.work_dir, "module-rss.json")
        out_file = os.path.join(self.work_dir, "module-out.json")
        with open(out_file, "w", encoding="utf-8") as out:
            subprocess.run([self.python, os.path.join(HERE, "peak_rss.py"), report_file, self.python, "-m", MODULE, args_file],
                           env=env, cwd=self.work_dir, stdout=out, stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT, check=False)
        with open(report_file, encoding="utf-8") as handle:
            report = json.load(handle)
        with open(out_file, encoding="utf-8") as handle:
            output = handle.read()
        for path in (args_file, out_file, report_file):
            os.remove(path)
        result = _last_json(output)
        if report["exit"] != 0 or result is None or result.get("failed"):
            raise BenchError("jama_rest_access (direct) failed (exit %d):\n%s" % (report["exit"], output[-3000:]))
        return report["seconds"], report["max_rss_kib"], result


def _last_json(output):
    for line in reversed(output.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def find_collection():
    for entry in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        if entry and os.path.exists(os.path.join(entry, "ansible_collections", "jama", "connect", "plugins", "modules",
                                                 "jama_rest_access.py")):
            return os.path.abspath(entry)
    raise BenchError("jama.connect is not installed on ANSIBLE_COLLECTIONS_PATH; run `make bench` (it runs `make install`)")


class Scenario:
    """One simulator, reset before each measured run so every run starts from the same state."""

    def __init__(self, runner, seed, rate_limit=None):
        self.runner = runner
        # The access-list path needs the collection's (C) endpoints, which the simulator serves only when asked.
        self.sim = Simulator(seed=seed, rate_limit=rate_limit, access_list_api=True).start()
        self.base = {"jama_url": self.sim.base_url, "jama_client_id": CLIENT_ID, "jama_client_secret": CLIENT_SECRET}

    def run(self, kind, users=(), reset=True, **extra):
        if reset:
            self.sim.control.reset()
        before = self.sim.control.stats()
        seconds, output = self.runner.playbook(kind, dict(self.base, jama_users=list(users), **extra))
        after = self.sim.control.stats()
        return {"seconds": seconds, "requests": after["total"] - before["total"],
                "by_route": _delta(before["by_route"], after["by_route"]),
                "by_status": _delta(before["by_status"], after["by_status"]), "output": output}

    def granted(self, users, method="access_list"):
        """Whether every user holds access now: a run that did not do the job is no benchmark."""
        state = self.sim.control.state()
        if method == "access_list":
            holding = set(state["access_list"]["users"])
        else:
            holding = set(next(g["members"] for g in state["groups"] if g["name"] == ACCESS_GROUP))
        missing = set(users) - holding
        if missing:
            raise BenchError("after the run %d of %d users lack access (e.g. %s)" % (len(missing), len(users), sorted(missing)[0]))

    def stop(self):
        self.sim.stop()


def writes(by_route):
    """Requests that change Jama: anything but reads and the token request."""
    return sum(count for route, count in by_route.items() if not route.startswith(("GET ", "POST /rest/oauth/token")))


def _delta(before, after):
    return dict((key, count - before.get(key, 0)) for key, count in after.items() if count - before.get(key, 0))


def progress(message):
    sys.stdout.write("%s  %s\n" % (time.strftime("%H:%M:%S"), message))
    sys.stdout.flush()


# --- the measurements ----------------------------------------------------------------------------

def bench_bulk(runner, sizes, reps, uri_reps):
    """Alternate module, uri and ping runs per size; then the group method and reruns, once each."""
    results = {"floor": [], "sizes": {}}
    for n in sizes:
        users = grantees(n)
        scenario = Scenario(runner, org_seed(n))
        entry = results["sizes"][str(n)] = {"users_on_instance": 2 * n + 1, "module": [], "uri": [], "floor": [], "requests": {}}
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


def bench_throttle(runner, sizes, uri_max):
    """Both approaches under Jama's 10 requests/s throttle (the uri playbook up to uri_max); the simulator answers 429 past it."""
    results = {}
    for n in sizes:
        kinds = ("module", "uri") if n <= uri_max else ("module",)
        scenario = Scenario(runner, org_seed(n), rate_limit=THROTTLE)
        try:
            for kind in kinds:
                run = scenario.run(kind, grantees(n))
                scenario.granted(grantees(n))
                results["%s %d" % (kind, n)] = {"kind": kind, "n": n, "seconds": run["seconds"], "requests": run["requests"],
                                                "throttled": run["by_status"].get("429", 0)}
                progress("throttled N=%-5d %-6s %6.2f s, %5d requests, %d answered 429" % (
                    n, kind, run["seconds"], run["requests"], run["by_status"].get("429", 0)))
        finally:
            scenario.stop()
    return results


def bench_memory(runner, users_on_instance):
    """Peak RSS of the module process, run directly (python -m) on a generated organization."""
    seed = generate_seed(users=users_on_instance, groups=200, seed=1)
    everyone = [user["username"] for user in seed["users"]]
    sim = Simulator(seed=seed, access_list_api=True).start()
    results = []
    try:
        for users in (["admin"], everyone):
            sim.control.reset()
            args = {"url": sim.base_url, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "allow_http": True,
                    "users": users}
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


# --- summaries -----------------------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else None


def summarize(bulk):
    """Medians, multiples of the floor, speed-ups, and the uri playbook's extrapolation past what was run."""
    floor = median(bulk["floor"])
    rows = []
    measured_uri = []
    for n_text, entry in sorted(bulk["sizes"].items(), key=lambda item: int(item[0])):
        n = int(n_text)
        module = median([run["seconds"] for run in entry["module"]])
        uri = median([run["seconds"] for run in entry["uri"]])
        # The floor runs interleaved with this N's runs, so load on a shared machine weighs on both alike.
        local_floor = median(entry.get("floor") or []) or floor
        if uri is not None:
            measured_uri.append((n, uri))
        rows.append({"n": n, "users_on_instance": entry["users_on_instance"], "module": module,
                     "module_runs": len(entry["module"]), "module_requests": sorted({r["requests"] for r in entry["module"]}),
                     "module_spread": _spread(entry["module"]), "floor": local_floor,
                     "floor_multiple": module / local_floor if local_floor else None,
                     "uri": uri, "uri_runs": len(entry["uri"]), "uri_requests": sorted({r["requests"] for r in entry["uri"]}),
                     "uri_spread": _spread(entry["uri"]), "uri_extrapolated": False})
    slope, intercept = _fit(measured_uri)
    for row in rows:
        if row["uri"] is None and slope is not None:
            row["uri"] = intercept + slope * row["n"]
            row["uri_extrapolated"] = True
            row["uri_requests"] = [uri_requests(row["n"])]
        row["speedup"] = row["uri"] / row["module"] if row["uri"] and row["module"] else None
    return {"floor": floor, "floor_runs": len(bulk["floor"]), "rows": rows, "uri_fit": {"per_user": slope, "fixed": intercept}}


def _spread(runs):
    return [min(run["seconds"] for run in runs), max(run["seconds"] for run in runs)] if runs else None


def _fit(points):
    """Least-squares line through (n, seconds); (None, None) with fewer than two sizes."""
    if len({n for n, _s in points}) < 2:
        return None, None
    mean_n = sum(n for n, _s in points) / len(points)
    mean_s = sum(s for _n, s in points) / len(points)
    slope = sum((n - mean_n) * (s - mean_s) for n, s in points) / sum((n - mean_n) ** 2 for n, _s in points)
    return slope, mean_s - slope * mean_n


# --- the machine ---------------------------------------------------------------------------------

def machine():
    info = {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version(),
            "cpu": _first_match("/proc/cpuinfo", "model name"), "memory": _memory_total()}
    try:
        import ansible.release
        info["ansible_core"] = ansible.release.__version__
    except ImportError:
        info["ansible_core"] = "?"
    try:
        import requests
        info["requests"] = requests.__version__
    except ImportError:
        info["requests"] = "?"
    info["collection"] = _galaxy_version()
    info["commit"] = _git("rev-parse", "--short", "HEAD")
    info["dirty"] = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return info


def _first_match(path, key):
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(key):
                    return " ".join(line.split(":", 1)[1].split())
    except OSError:
        pass
    return "?"


def _memory_total():
    text = _first_match("/proc/meminfo", "MemTotal")
    try:
        return "%.0f GiB" % (int(text.split()[0]) / 1024.0 ** 2)
    except (ValueError, IndexError):
        return text


def _galaxy_version():
    with open(os.path.join(REPO, "galaxy.yml"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("version:"):
                return line.split(":", 1)[1].strip()
    return "?"


def _git(*args):
    try:
        return subprocess.run(["git", *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


# --- BENCHMARKS.md and the plot ------------------------------------------------------------------

def seconds_text(value):
    if value is None:
        return "–"
    return "%.1f s" % value if value >= 10 else "%.2f s" % value


def runs_text(count):
    return "1 run" if count == 1 else "%d runs" % count


def requests_text(values):
    if not values:
        return "–"
    return str(values[0]) if len(values) == 1 else "%d–%d" % (values[0], values[-1])


def render_markdown(results, plot_path):
    summary = summarize(results["bulk"])
    info, params = results["machine"], results["parameters"]
    floor = summary["floor"]
    lines = [
        "# Benchmarks",
        "",
        "<!-- Generated by benchmarks/run.py; edit the script, not this file. -->",
        "",
        "One `jama.connect.jama_rest_access` task against the playbook a user would write with `ansible.builtin.uri`",
        "([benchmarks/uri_grant.yml](benchmarks/uri_grant.yml): a token, then per user a lookup and a grant), both run",
        "by `ansible-playbook` against the bundled Jama Connect simulator on the same machine, alternating in one",
        "invocation. Figures are measured and printed, never asserted by any test.",
        "",
        "![Wall time and requests against the number of users, log scales](%s)" % plot_path,
        "",
        "## Bulk grant (method `access_list`)",
        "",
        "Wall time of the whole `ansible-playbook` run, median of the runs shown (min–max in brackets). The floor is",
        "a one-task `ansible-playbook` run (`ansible.builtin.ping`), timed in the same rounds as each N (so load on",
        "the shared machine weighs on both alike): **%s** overall (median of %s). The organization"
        % (seconds_text(floor), runs_text(summary["floor_runs"])),
        "has 2N+1 users (the admin, then alternately a bystander and a user to grant), so the users to grant are",
        "spread over every page. Requests are counted by the simulator (`/__sim/stats`), which is reset before",
        "each run.",
        "",
        "| N users | `jama_rest_access` | floor at this N | × floor | requests | uri playbook | requests | speed-up |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in summary["rows"]:
        low, high = [seconds_text(v) for v in row["module_spread"]]
        module = "%s (%s; %s–%s)" % (seconds_text(row["module"]), runs_text(row["module_runs"]), low, high)
        if row["uri_extrapolated"]:
            uri = "≈ %s (extrapolated, not run)" % seconds_text(row["uri"])
            uri_req = "%s (2N+1, not run)" % requests_text(row["uri_requests"])
        elif row["uri"] is None:
            uri, uri_req = "not run", "–"
        elif row["uri_runs"] == 1:
            uri = "%s (1 run)" % seconds_text(row["uri"])
            uri_req = requests_text(row["uri_requests"])
        else:
            uri = "%s (%s; %s–%s)" % (seconds_text(row["uri"]), runs_text(row["uri_runs"]), *[seconds_text(v) for v in row["uri_spread"]])
            uri_req = requests_text(row["uri_requests"])
        speedup = "–" if row["speedup"] is None else ("≈ %.0f×" if row["uri_extrapolated"] else "%.1f×") % row["speedup"]
        lines.append("| %s | %s | %s | %.2f | %s | %s | %s | %s |" % (
            "{:,}".format(row["n"]), module, seconds_text(row["floor"]), row["floor_multiple"], requests_text(row["module_requests"]),
            uri, uri_req, speedup))
    fit = summary["uri_fit"]
    lines += [""]
    if fit["per_user"] is not None and any(row["uri_extrapolated"] for row in summary["rows"]):
        lines += ["The uri playbook was run up to N = %d only; larger N are extrapolated from a straight line through"
                  % params["uri_max"],
                  "its measured medians: %.2f s per user plus %.2f s. Its request count is exact by construction (2N+1)."
                  % (fit["per_user"], fit["fixed"]), ""]
    lines += _requests_section(results)
    lines += _token_section(results["token_reuse"])
    lines += _throttle_section(results["throttle"])
    lines += _memory_section(results["memory"])
    lines += _machine_section(results)
    return "\n".join(lines) + "\n"


def _requests_section(results):
    lines = [
        "## Requests against the minimum",
        "",
        "The minimum for a first run: 1 token + pages of users at 50 + (`group`: pages of groups + pages of the",
        "access group's members) + 1 access-list read (`access_list`) + the writes: one batch add for `access_list`,",
        "one add per user for `group` (Jama has no batch member add). An idempotent rerun needs no write. Each cell:",
        "requests made (minimum). One run each.",
        "",
        "| N users | users on instance | `access_list` | rerun | `group` | rerun | uri playbook | uri rerun |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n_text, entry in sorted(results["bulk"]["sizes"].items(), key=lambda item: int(item[0])):
        counts = entry["requests"]
        if not counts:
            continue
        n = int(n_text)
        cells = []
        for method in ("access_list", "group"):
            c = counts[method]
            cells.append("%d (%d)" % (c["first"], c["minimum"]))
            cells.append("%d (%d)%s" % (c["rerun"], c["rerun_minimum"], ", changed!" if c["rerun_changed"] else ""))
        uri_first = entry["uri"][0]["requests"] if entry["uri"] else None
        uri_cell = str(uri_first) if uri_first is not None else "%d (2N+1, not run)" % uri_requests(n)
        uri_rerun = str(counts["uri_rerun"]) if "uri_rerun" in counts else "%d (2N+1, not run)" % uri_requests(n)
        cells = ["{:,}".format(n), "{:,}".format(entry["users_on_instance"])] + cells + [uri_cell, uri_rerun]
        lines.append("| %s |" % " | ".join(cells))
    extra = {}
    for n_text, entry in sorted(results["bulk"]["sizes"].items(), key=lambda item: int(item[0])):
        for method in ("access_list", "group") if entry["requests"] else ():
            for run, rerun in (("first_routes", False), ("rerun_routes", True)):
                for route, count in excess(entry["requests"][method][run], minimum_routes(int(n_text), method, rerun)).items():
                    extra.setdefault((route, count), []).append("%s%s at N = %s" % (method, " rerun" if rerun else "", n_text))
    if extra:
        lines += ["", "Above the minimum, by route (from the simulator's counts):", ""]
        lines += ["- `%s`: %+d (%s)" % (route, count, ", ".join(where)) for (route, count), where in sorted(extra.items())]
    changed = [n for n, e in results["bulk"]["sizes"].items()
               if e["requests"] and any(e["requests"][m]["rerun_changed"] or e["requests"][m]["rerun_writes"] for m in ("access_list", "group"))]
    if changed:
        lines += ["", "A module rerun reported a change or wrote at N = %s: see the raw results." % ", ".join(changed), ""]
    else:
        lines += ["", "Every rerun of the module reported `changed=0` and wrote nothing. The uri playbook repeats all",
                  "2N+1 requests on a rerun, writes included.", ""]
    return lines


def _token_section(token):
    return [
        "## Token reuse",
        "",
        "One play with %d `jama_token` tasks, then %d `jama_rest_access` tasks given the registered fact (N = 10):"
        % (token["token_tasks"], token["access_tasks"]),
        "",
        "| token requests (`POST /rest/oauth/token`) | `GET /rest/v1/users/current` (check_access) | requests in all |",
        "|---:|---:|---:|",
        "| %d | %d | %d |" % (token["token_requests"], token["current_user_requests"], token["requests"]),
        "",
    ]


def _throttle_section(throttle):
    lines = [
        "## Under the 10 requests/s throttle",
        "",
        "The simulator answers 429 past %d requests in any one second (`--rate-limit %d`), as Jama does; the module backs"
        % (THROTTLE, THROTTLE),
        "off and retries, the uri playbook retries with `until`/`retries`/`delay: 1`. Total wall time, one run each",
        "(the uri playbook not beyond the N it was timed at above):",
        "",
        "| approach | N users | wall time | requests | answered 429 |",
        "|---|---:|---:|---:|---:|",
    ]
    for key in sorted(throttle, key=lambda k: (throttle[k]["n"], throttle[k]["kind"])):
        entry = throttle[key]
        name = "`jama_rest_access`" if entry["kind"] == "module" else "uri playbook"
        cells = [name, "{:,}".format(entry["n"]), seconds_text(entry["seconds"]), str(entry["requests"]), str(entry["throttled"])]
        lines.append("| %s |" % " | ".join(cells))
    for entry in throttle.values():
        if entry["kind"] == "uri" and not entry["throttled"]:
            lines += ["", "The uri playbook met no 429 here: on this machine it manages only %.1f requests/s (one Ansible task"
                      % (entry["requests"] / entry["seconds"]),
                      "run per request), below the throttle."]
            break
    sizes = sorted({entry["n"] for entry in throttle.values()} | {1000})
    bounds = ", ".join("%.1f s at N = %s" % (uri_requests(n) / float(THROTTLE), "{:,}".format(n)) for n in sizes)
    lines += ["", "However fast the controller, the uri playbook's 2N+1 requests at %d per second take at least (2N+1)/%d s:"
              % (THROTTLE, THROTTLE), bounds + ". The module's requests grow by one per page of 50 users (per user only for the writes of",
              "`method: group`).", ""]
    return lines


def _memory_section(memory):
    lines = [
        "## Memory",
        "",
        "Peak RSS of the module process, run directly with `python -m %s args.json` (no" % MODULE,
        "Ansible controller around it; `os.wait4` reports the child's `ru_maxrss`), on a generated organization",
        "(`jama_sim.generate`):",
        "",
        "| users on instance | groups | users granted | peak RSS | wall time | requests |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in memory:
        lines.append("| %s | %d | %s | %.1f MiB | %s | %d |" % (
            "{:,}".format(entry["users_on_instance"]), entry["groups_on_instance"], "{:,}".format(entry["users_granted"]),
            entry["max_rss_mib"], seconds_text(entry["seconds"]), entry["requests"]))
    return lines + [""]


def _machine_section(results):
    info, params = results["machine"], results["parameters"]
    load = results["load"]
    return [
        "## Machine, versions, command",
        "",
        "- Machine: %s, **%d cores** (a 2-core machine shared with other work: absolute times vary by run;"
        % (info["cpu"], info["cpus"]),
        "  the ratios are the point), %s RAM, %s; load average %.2f at the start, %.2f at the end."
        % (info["memory"], info["platform"], load[0], load[1]),
        "- Versions: Python %s, ansible-core %s, requests %s, jama.connect %s (commit %s%s)."
        % (info["python"], info["ansible_core"], info["requests"], info["collection"], info["commit"] or "?",
           ", with uncommitted changes" if info["dirty"] else ""),
        "- Date: %s; the whole run took %.1f minutes." % (results["started"], results["elapsed"] / 60.0),
        "- Runs: %d of the module and the floor per N, uri playbook %s; sizes %s."
        % (params["reps"], ", ".join("%d at N = %s" % (r, n) for n, r in sorted(params["uri_reps"].items(), key=lambda i: int(i[0]))),
           ", ".join(str(n) for n in params["sizes"])),
        "- Reproduce from a fresh clone: `make bench` (it runs `make install`, then",
        "  `%s` with `ANSIBLE_COLLECTIONS_PATH=build/collections` and" % results["command"],
        "  `ANSIBLE_PYTHON_INTERPRETER=.venv/bin/python`). Raw results: `benchmarks/results/results.json` (not committed).",
    ]


def plain_log_axes(axes, ns):
    """Log scales labelled 10, 100, 1,000 rather than 10^1, 10^2, 10^3; the x ticks at the N measured."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

    label = FuncFormatter(lambda value, _pos: "{:,.0f}".format(value) if value >= 1 else "{:g}".format(value))
    axes.xaxis.set_major_locator(FixedLocator(ns))
    for axis in (axes.xaxis, axes.yaxis):
        axis.set_major_formatter(label)
        axis.set_minor_formatter(NullFormatter())


def render_plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    summary = summarize(results["bulk"])
    rows = summary["rows"]
    figure, (times, counts) = plt.subplots(1, 2, figsize=(11, 4.4))
    ns = [row["n"] for row in rows]
    times.plot(ns, [row["module"] for row in rows], "o-", color="tab:blue", label="jama_rest_access (one task)")
    measured = [row for row in rows if row["uri"] is not None and not row["uri_extrapolated"]]
    times.plot([r["n"] for r in measured], [r["uri"] for r in measured], "s-", color="tab:red", label="ansible.builtin.uri playbook")
    extrapolated = [row for row in rows if row["uri_extrapolated"]]
    if extrapolated and measured:
        tail = [measured[-1]] + extrapolated
        times.plot([r["n"] for r in tail], [r["uri"] for r in tail], "--", color="tab:red")
        times.plot([r["n"] for r in extrapolated], [r["uri"] for r in extrapolated], "s", color="tab:red", markerfacecolor="white",
                   label="uri playbook, extrapolated (not run)")
    if summary["floor"]:
        times.axhline(summary["floor"], color="grey", linestyle=":", label="floor: one-task playbook (ping)")
    times.set(xscale="log", yscale="log", xlabel="users to grant (N)", ylabel="wall time, s (median)",
              title="Bulk grant: wall time")
    plain_log_axes(times, ns)
    times.legend(fontsize=8)
    times.grid(True, which="both", alpha=0.3)

    sizes = results["bulk"]["sizes"]
    with_counts = [n for n in ns if sizes[str(n)]["requests"]]
    counts.plot(with_counts, [sizes[str(n)]["requests"]["access_list"]["first"] for n in with_counts], "o-", color="tab:blue",
                label="jama_rest_access, access_list")
    counts.plot(with_counts, [sizes[str(n)]["requests"]["group"]["first"] for n in with_counts], "^-", color="tab:green",
                label="jama_rest_access, group")
    counts.plot(with_counts, [minimum_requests(n, "access_list") for n in with_counts], "k:", label="minimum, access_list")
    counts.plot(ns, [uri_requests(n) for n in ns], "s-", color="tab:red", label="uri playbook (2N+1)")
    counts.set(xscale="log", yscale="log", xlabel="users to grant (N)", ylabel="HTTP requests", title="Bulk grant: requests")
    plain_log_axes(counts, ns)
    counts.legend(fontsize=8)
    counts.grid(True, which="both", alpha=0.3)
    figure.suptitle("jama.connect on the bundled simulator, %d-core machine (%s)" % (
        results["machine"]["cpus"], results["started"][:10]), fontsize=10)
    figure.tight_layout()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)


# --- main ----------------------------------------------------------------------------------------

def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="N users to grant (default 10,100,1000)")
    parser.add_argument("--reps", type=int, default=5, help="runs of the module and of the floor per N (default 5)")
    parser.add_argument("--uri-reps", default="10:3,100:1",
                        help="runs of the uri playbook per N, N:runs,...; other N are extrapolated (default 10:3,100:1)")
    parser.add_argument("--throttle-sizes", default="100,1000",
                        help="N for the throttled runs, the uri playbook only up to its largest --uri-reps N (default 100,1000)")
    parser.add_argument("--memory-users", type=int, default=10000, help="users on the instance for the memory run (0: skip)")
    parser.add_argument("--results", default=os.path.join(HERE, "results"), help="directory for raw results (git-ignored)")
    parser.add_argument("--doc", default=os.path.join(REPO, "BENCHMARKS.md"), help="the Markdown report to write")
    parser.add_argument("--plot", default=os.path.join(REPO, "docs", "benchmarks.png"), help="the PNG plot to write")
    parser.add_argument("--render", metavar="RESULTS_JSON", help="only rewrite the report and plot from saved results")
    parser.add_argument("--verbose", action="store_true", help="print each playbook's output")
    args = parser.parse_args(argv)
    args.sizes = [int(n) for n in args.sizes.split(",") if n]
    args.uri_reps = dict((int(n), int(r)) for n, r in (pair.split(":") for pair in args.uri_reps.split(",") if pair))
    args.throttle_sizes = [int(n) for n in args.throttle_sizes.split(",") if n]
    return args


def write_outputs(results, doc, plot):
    render_plot(results, plot)
    with open(doc, "w", encoding="utf-8") as handle:
        handle.write(render_markdown(results, os.path.relpath(plot, os.path.dirname(os.path.abspath(doc)))))
    progress("wrote %s and %s" % (os.path.relpath(doc, REPO), os.path.relpath(plot, REPO)))


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.render:
        with open(args.render, encoding="utf-8") as handle:
            write_outputs(json.load(handle), args.doc, args.plot)
        return 0
    os.makedirs(args.results, exist_ok=True)
    started, load_start = time.time(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="work-", dir=args.results) as work_dir:
        runner = Runner(work_dir, verbose=args.verbose)
        progress("jama.connect benchmarks: sizes %s, %d runs each, uri runs %s; collection from %s"
                 % (args.sizes, args.reps, args.uri_reps, runner.collections))
        results = {"machine": machine(), "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                   "command": " ".join(["python benchmarks/run.py"] + [shlex.quote(a) for a in (sys.argv[1:] if argv is None else argv)]),
                   "parameters": {"sizes": args.sizes, "reps": args.reps, "uri_reps": dict((str(n), r) for n, r in args.uri_reps.items()),
                                  "uri_max": max([n for n, r in args.uri_reps.items() if r > 0] or [0])}}
        results["bulk"] = bench_bulk(runner, args.sizes, args.reps, args.uri_reps)
        results["token_reuse"] = bench_token_reuse(runner)
        results["throttle"] = bench_throttle(runner, args.throttle_sizes, results["parameters"]["uri_max"])
        results["memory"] = bench_memory(runner, args.memory_users) if args.memory_users else []
    results["elapsed"] = time.time() - started
    results["load"] = [load_start, os.getloadavg()[0]]
    raw = os.path.join(args.results, "results.json")
    with open(raw, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1)
    write_outputs(results, args.doc, args.plot)
    for row in summarize(results["bulk"])["rows"]:
        progress("N=%-5d module %s (%.2f x floor), uri %s%s, speed-up %s" % (
            row["n"], seconds_text(row["module"]), row["floor_multiple"], seconds_text(row["uri"]),
            " (extrapolated)" if row["uri_extrapolated"] else "", "%.1fx" % row["speedup"] if row["speedup"] else "-"))
    progress("done in %.1f minutes" % (results["elapsed"] / 60.0))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.stderr.write("benchmark failed: %s\n" % exc)
        sys.exit(1)
