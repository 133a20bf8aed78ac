"""docs/benchmarks.png: the real path's time against N beside the requests each approach makes, log scales."""

import os

from .cost import minimum_requests, uri_group_requests


def plain_log_axes(axes, ns):
    """Log scales labelled 10, 100, 1,000 rather than 10^1, 10^2, 10^3; the x ticks at the N measured."""
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

    label = FuncFormatter(lambda value, _pos: "{:,.0f}".format(value) if value >= 1 else "{:g}".format(value))
    axes.xaxis.set_major_locator(FixedLocator(ns))
    for axis in (axes.xaxis, axes.yaxis):
        axis.set_major_formatter(label)
        axis.set_minor_formatter(NullFormatter())


def _finish(axes, ns, title, ylabel):
    axes.set(xscale="log", yscale="log", xlabel="users to grant (N)", ylabel=ylabel, title=title)
    plain_log_axes(axes, ns)
    axes.legend(fontsize=8)
    axes.grid(True, which="both", alpha=0.3)


def _times(axes, real):
    rows = [entry for _n, entry in sorted(real["sizes"].items(), key=lambda item: int(item[0]))]
    ns = [row["n"] for row in rows]
    axes.plot(ns, [row["module"]["seconds"] for row in rows], "o-", color="tab:blue", label="jama_rest_access task")
    axes.plot(ns, [row["module"]["floor"] for row in rows], "k:", label="its floor: requests / %d per s" % real["rate"])
    run = [row for row in rows if row.get("uri")]
    axes.plot([r["n"] for r in run], [r["uri"]["seconds"] for r in run], "s-", color="tab:red", label="uri loop")
    rest = [row for row in rows if not row.get("uri")]
    if rest:
        axes.plot([r["n"] for r in rest], [r["uri_requests"] / float(real["rate"]) for r in rest], "s", color="tab:red",
                  markerfacecolor="white", label="uri loop's floor (not run)")
    _finish(axes, ns, "Real path under %d requests/s: time" % real["rate"], "seconds")
    return ns


def _requests(axes, results, ns):
    """Each approach's requests: the real path's where it ran, else the bulk runs' first grant; and a rerun's."""
    real = results.get("real_path")
    sizes = (results.get("bulk") or {}).get("sizes", {})
    counted = dict((n, sizes[str(n)]["requests"]) for n in sorted(int(n) for n in sizes) if sizes[str(n)]["requests"])
    if real:
        first = [(n, real["sizes"][str(n)]["module"]["requests"]) for n in ns]
    else:
        first = [(n, counts["first"]) for n, counts in counted.items()]
    axes.plot([n for n, _c in first], [c for _n, c in first], "^-", color="tab:blue", label="jama_rest_access")
    every = sorted({n for n, _c in first} | set(counted))
    axes.plot(every, [uri_group_requests(n) for n in every], "s-", color="tab:red", label="uri loop (2N+2), first run or rerun")
    # A rerun's requests by the cost model, which benchmarks/tests checks against the code at N up to 1,000.
    axes.plot(every, [minimum_requests(n, rerun=True) for n in every], "v--", color="tab:green",
              label="jama_rest_access rerun, cost model (writes nothing)")
    axes.plot([n for n in counted], [counts["rerun"] for counts in counted.values()], "v", color="tab:green",
              markerfacecolor="white", markersize=10, label="rerun measured (bulk rounds)")
    _finish(axes, every, "Requests", "HTTP requests")


def render_plot(results, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (times, counts) = plt.subplots(1, 2, figsize=(11, 4.4))
    ns = _times(times, results["real_path"]) if results.get("real_path") else sorted(int(n) for n in results["bulk"]["sizes"])
    _requests(counts, results, ns)
    figure.suptitle("jama.connect on the bundled simulator, %d-core machine (%s)" % (
        results["machine"]["cpus"], results["started"][:10]), fontsize=10)
    figure.tight_layout()
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
