"""The report's smaller sections: requests against the cost model, token reuse, memory, and the machine."""

from .cost import excess, minimum_routes, uri_group_requests
from .runner import MODULE
from .text import count_text, seconds_text


def requests_section(results):
    lines = [
        "## Requests against the minimum",
        "",
        "The minimum (the cost model, `benchmarks/jama_bench/cost.py`, checked against the resolution code by",
        "`benchmarks/tests`): 1 token + pages of users at 50 + pages of groups + pages of the access group's members",
        "+ one membership POST per new member. An idempotent rerun needs no write. Each cell: requests made (minimum).",
        "One run each, in the bulk rounds' simulator.",
        "",
        "| N users | users on instance | `jama_rest_access` | rerun | uri loop | uri rerun |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    sizes = sorted(results["bulk"]["sizes"].items(), key=lambda item: int(item[0]))
    for n_text, entry in sizes:
        counts = entry["requests"]
        if not counts:
            continue
        n = int(n_text)
        cells = ["%d (%d)" % (counts["first"], counts["minimum"]),
                 "%d (%d)%s" % (counts["rerun"], counts["rerun_minimum"], ", changed!" if counts["rerun_changed"] else "")]
        uri_first = entry["uri"][0]["requests"] if entry["uri"] else None
        uri_cell = str(uri_first) if uri_first is not None else "%d (2N+2, not run)" % uri_group_requests(n)
        uri_rerun = str(counts["uri_rerun"]) if "uri_rerun" in counts else "%d (2N+2, not run)" % uri_group_requests(n)
        cells = [count_text(n), count_text(entry["users_on_instance"])] + cells + [uri_cell, uri_rerun]
        lines.append("| %s |" % " | ".join(cells))
    extra = {}
    for n_text, entry in sizes:
        for run, rerun in (("first_routes", False), ("rerun_routes", True)) if entry["requests"] else ():
            for route, count in excess(entry["requests"][run], minimum_routes(int(n_text), rerun)).items():
                extra.setdefault((route, count), []).append("%s at N = %s" % ("rerun" if rerun else "first run", n_text))
    if extra:
        lines += ["", "Above the minimum, by route (from the simulator's counts):", ""]
        lines += ["- `%s`: %+d (%s)" % (route, count, ", ".join(where)) for (route, count), where in sorted(extra.items())]
    changed = [n for n, e in sizes if e["requests"] and (e["requests"]["rerun_changed"] or e["requests"]["rerun_writes"])]
    if changed:
        lines += ["", "A module rerun reported a change or wrote at N = %s: see the raw results." % ", ".join(changed), ""]
    else:
        lines += ["", "Every rerun of the module reported `changed=0` and wrote nothing. The uri loop repeats all",
                  "2N+2 requests on a rerun, a membership POST per user included (each answered 400 `already exists`).", ""]
    return lines


def token_section(token):
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


def memory_section(memory):
    lines = [
        "## Memory",
        "",
        "Peak RSS of the module process, run directly with `python -m %s args.json` (no" % MODULE,
        "Ansible controller around it; `os.wait4` reports the child's `ru_maxrss`), on a generated organization",
        "(`jama_sim.generate`), granting through its `REST API Users` group. Unpaced (`rate_limit: 0`, the simulator",
        "unthrottled): at 10 requests/s the one membership POST per user would take about 17 minutes for 10,000, and",
        "pacing adds time, not memory. The wall time is the module's own work:",
        "",
        "| users on instance | groups | users granted | peak RSS | wall time | requests |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in memory:
        lines.append("| %s | %d | %s | %.1f MiB | %s | %d |" % (
            count_text(entry["users_on_instance"]), entry["groups_on_instance"], count_text(entry["users_granted"]),
            entry["max_rss_mib"], seconds_text(entry["seconds"]), entry["requests"]))
    return lines + [""]


def machine_section(results):
    info, params = results["machine"], results["parameters"]
    lines = [
        "## Machine, versions, command",
        "",
        "- Machine: %s, **%d cores**, shared with other work (absolute times vary by run; the ratios are the point),"
        % (info["cpu"], info["cpus"]),
        "  %s RAM, %s." % (info["memory"], info["platform"]),
        "- Load (`uptime`): `%s` at the start, `%s` at the end." % (results["uptime"][0], results["uptime"][1]),
        "- Versions: Python %s, ansible-core %s, requests %s, jama.connect %s (commit %s%s)."
        % (info["python"], info["ansible_core"], info["requests"], info["collection"], info["commit"] or "?",
           ", with uncommitted changes" if info["dirty"] else ""),
        "- Date: %s; the whole run took %.1f minutes." % (results["started"], results["elapsed"] / 60.0),
    ]
    if results.get("bulk"):
        lines.append("- Bulk runs: %d of the module and the floor per N, uri loop %s; sizes %s." % (
            params["reps"], ", ".join("%d at N = %s" % (r, n) for n, r in sorted(params["uri_reps"].items(), key=lambda i: int(i[0]))),
            ", ".join(str(n) for n in params["sizes"])))
    if results.get("real_path"):
        lines.append("- Real path: N = %s, the uri loop up to N = %d." % (
            ", ".join(str(n) for n in params["real_sizes"]), results["real_path"]["uri_max"]))
    lines += [
        "- Reproduce from a fresh clone: `make bench` (it runs `make install`, then `%s`" % results["command"],
        "  with `ANSIBLE_COLLECTIONS_PATH=build/collections` and `ANSIBLE_PYTHON_INTERPRETER=.venv/bin/python`);",
        "  `make bench BENCH_N=\"10 100\"` picks the sizes. Raw results: `benchmarks/results/results.json` (not committed).",
    ]
    return lines
