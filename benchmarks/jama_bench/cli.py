"""The command line: what to measure, then results.json, BENCHMARKS.md and the plot."""

import argparse
import datetime
import json
import os
import shlex
import sys
import tempfile
import time

from .machine import machine, uptime
from .measure import bench_bulk, bench_memory, bench_token_reuse
from .plot import render_plot
from .real_path import bench_real_path
from .report import render_markdown
from .report_pace import parallel_section, scale_section, splice
from .shared_pace import bench_parallel, bench_scale
from .runner import HERE, REPO, BenchError, Runner, progress
from .summary import summarize
from .text import seconds_text

PARTS = ("real", "bulk", "token", "memory", "parallel", "scale")
# Parts whose tables can be rewritten alone in an existing BENCHMARKS.md, keeping the other parts' figures.
SPLICED = {"parallel": parallel_section, "scale": scale_section}


def _numbers(text):
    return [int(n) for n in text.replace(",", " ").split()]


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="benchmarks/run.py", description="jama.connect benchmarks against the bundled simulator")
    parser.add_argument("--sizes", default="10 100 1000", help="N users to grant, spaces or commas (default 10 100 1000)")
    parser.add_argument("--parts", default=",".join(PARTS), help="what to measure, of %s (default all)" % ", ".join(PARTS))
    parser.add_argument("--reps", type=int, default=5, help="bulk: runs of the module and of the floor per N (default 5)")
    parser.add_argument("--uri-reps", default="10:3,100:1",
                        help="bulk: runs of the uri playbook per N, N:runs,...; other N are extrapolated (default 10:3,100:1)")
    parser.add_argument("--real-uri-max", type=int, default=100, help="real path: run the uri loop up to this N (default 100)")
    parser.add_argument("--memory-users", type=int, default=10000, help="users on the instance for the memory run (default 10000)")
    parser.add_argument("--parallel", default="1 2 4 8", help="parallel: numbers of runs at once (default 1 2 4 8)")
    parser.add_argument("--parallel-users", type=int, default=100, help="parallel: users split between the runs (default 100)")
    parser.add_argument("--results", default=os.path.join(HERE, "results"), help="directory for raw results (git-ignored)")
    parser.add_argument("--doc", default=os.path.join(REPO, "BENCHMARKS.md"), help="the Markdown report to write")
    parser.add_argument("--plot", default=os.path.join(REPO, "docs", "benchmarks.png"), help="the PNG plot to write")
    parser.add_argument("--render", metavar="RESULTS_JSON", help="only rewrite the report and plot from saved results")
    parser.add_argument("--verbose", action="store_true", help="print each playbook's output")
    args = parser.parse_args(argv)
    args.sizes = _numbers(args.sizes)
    args.parallel = _numbers(args.parallel)
    args.parts = [part for part in args.parts.replace(",", " ").split()]
    unknown = sorted(set(args.parts) - set(PARTS))
    if unknown or not args.sizes:
        parser.error("unknown part(s) %s" % ", ".join(unknown) if unknown else "no sizes given")
    args.uri_reps = dict((int(n), int(r)) for n, r in (pair.split(":") for pair in args.uri_reps.split(",") if pair))
    return args


def write_outputs(results, doc, plot):
    sections = [render(results[part]) for part, render in SPLICED.items() if results.get(part)]
    if not any(results.get(part) for part in ("real_path", "bulk")) and os.path.exists(doc):
        # Only spliced parts were measured: rewrite their tables, keep the rest of the report and its plot.
        with open(doc, encoding="utf-8") as handle:
            text = splice(handle.read(), sections)
        with open(doc, "w", encoding="utf-8") as handle:
            handle.write(text)
        progress("updated %s" % os.path.relpath(doc, REPO))
        return
    render_plot(results, plot)
    text = render_markdown(results, os.path.relpath(plot, os.path.dirname(os.path.abspath(doc))))
    with open(doc, "w", encoding="utf-8") as handle:
        handle.write(splice(text, sections))
    progress("wrote %s and %s" % (os.path.relpath(doc, REPO), os.path.relpath(plot, REPO)))


def measure(args, argv):
    os.makedirs(args.results, exist_ok=True)
    started = time.time()
    results = {"machine": machine(), "uptime": [uptime()],
               "started": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               "command": " ".join(["python benchmarks/run.py"] + [shlex.quote(a) for a in argv]),
               "parameters": {"sizes": args.sizes, "real_sizes": args.sizes, "reps": args.reps, "parts": args.parts,
                              "uri_reps": dict((str(n), r) for n, r in args.uri_reps.items()),
                              "uri_max": max([n for n, r in args.uri_reps.items() if r > 0] or [0])}}
    with tempfile.TemporaryDirectory(prefix="work-", dir=args.results) as work_dir:
        runner = Runner(work_dir, verbose=args.verbose)
        progress("jama.connect benchmarks: %s; sizes %s; collection from %s; %s" % (
            ", ".join(args.parts), args.sizes, runner.collections, results["uptime"][0]))
        if "real" in args.parts:
            results["real_path"] = bench_real_path(runner, args.sizes, args.real_uri_max)
        if "bulk" in args.parts:
            results["bulk"] = bench_bulk(runner, args.sizes, args.reps, args.uri_reps)
        if "token" in args.parts:
            results["token_reuse"] = bench_token_reuse(runner)
        if "memory" in args.parts and args.memory_users:
            results["memory"] = bench_memory(runner, args.memory_users)
        if "parallel" in args.parts:
            results["parallel"] = bench_parallel(runner, args.parallel, args.parallel_users)
        if "scale" in args.parts:
            results["scale"] = bench_scale(runner)
    results["elapsed"] = time.time() - started
    results["uptime"].append(uptime())
    with open(os.path.join(args.results, "results.json"), "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=1)
    return results


def print_summary(results):
    for n_text, entry in sorted((results.get("real_path") or {}).get("sizes", {}).items(), key=lambda item: int(item[0])):
        module = entry["module"]
        progress("real path N=%-5s module %s = %.2f x floor (%s), %d x 429%s" % (
            n_text, seconds_text(module["seconds"]), module["floor_multiple"], seconds_text(module["floor"]), module["throttled"],
            "; uri loop %.2f x floor" % entry["uri"]["floor_multiple"] if entry.get("uri") else ""))
    for row in summarize(results["bulk"])["rows"] if results.get("bulk") else ():
        progress("bulk N=%-5d module %s (%.2f x floor), uri %s%s, speed-up %s" % (
            row["n"], seconds_text(row["module"]), row["floor_multiple"], seconds_text(row["uri"]),
            " (extrapolated)" if row["uri_extrapolated"] else "", "%.1fx" % row["speedup"] if row["speedup"] else "-"))
    progress("done in %.1f minutes; %s" % (results["elapsed"] / 60.0, results["uptime"][1]))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    try:
        if args.render:
            with open(args.render, encoding="utf-8") as handle:
                write_outputs(json.load(handle), args.doc, args.plot)
            return 0
        results = measure(args, argv)
        write_outputs(results, args.doc, args.plot)
        print_summary(results)
    except BenchError as exc:
        sys.stderr.write("benchmark failed: %s\n" % exc)
        return 1
    return 0
