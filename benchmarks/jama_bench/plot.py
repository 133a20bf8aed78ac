"""docs/benchmarks.png: the real path's time against N beside the requests each approach makes, log scales."""

import os

from .cost import uri_group_requests, uri_requests


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
    axes.plot(ns, [row["module"]["seconds"] for row in rows], "o-", color="tab:blue", label="jama_rest_access task (group)")
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
    real = results.get("real_path")
    if real:
        rows = [real["sizes"][str(n)] for n in ns]
        axes.plot(ns, [row["module"]["requests"] for row in rows], "^-", color="tab:green", label="jama_rest_access, group")
        axes.plot(ns, [uri_group_requests(n) for n in ns], "s-", color="tab:red", label="uri loop, group (2N+2)")
    sizes = (results.get("bulk") or {}).get("sizes", {})
    listed = sorted(int(n) for n, entry in sizes.items() if entry["requests"])
    if listed:
        axes.plot(listed, [sizes[str(n)]["requests"]["access_list"]["first"] for n in listed], "o-", color="tab:blue",
                  label="jama_rest_access, access_list")
        axes.plot(listed, [uri_requests(n) for n in listed], "s--", color="tab:orange", label="uri playbook, access_list (2N+1)")
    _finish(axes, sorted(set(ns) | set(listed)), "Requests", "HTTP requests")


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
