"""Summaries of the bulk runs: medians, multiples of the floor, speed-ups, and the uri playbook's extrapolation."""

import statistics

from .cost import floor_seconds, uri_group_requests


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
        # The floor runs interleaved with this N's runs, so load on a shared machine weighs on both alike; under a
        # throttle no run can be faster than its requests at the rate either.
        local_floor = (median(entry.get("floor") or []) or floor or 0) + _paced(entry["module"], bulk.get("rate"))
        if uri is not None:
            measured_uri.append((n, uri))
        rows.append({"n": n, "users_on_instance": entry["users_on_instance"], "module": module,
                     "module_runs": len(entry["module"]), "module_requests": sorted({r["requests"] for r in entry["module"]}),
                     "module_spread": spread(entry["module"]), "floor": local_floor,
                     "floor_multiple": module / local_floor if local_floor else None,
                     "uri": uri, "uri_runs": len(entry["uri"]), "uri_requests": sorted({r["requests"] for r in entry["uri"]}),
                     "uri_spread": spread(entry["uri"]), "uri_extrapolated": False})
    slope, intercept = fit(measured_uri)
    for row in rows:
        if row["uri"] is None and slope is not None:
            row["uri"] = intercept + slope * row["n"]
            row["uri_extrapolated"] = True
            row["uri_requests"] = [uri_group_requests(row["n"])]
        row["speedup"] = row["uri"] / row["module"] if row["uri"] and row["module"] else None
    return {"floor": floor, "floor_runs": len(bulk["floor"]), "rows": rows, "uri_fit": {"per_user": slope, "fixed": intercept},
            "rate": bulk.get("rate")}


def _paced(runs, rate):
    """The least time the module's requests take at `rate` a second (0 without a throttle)."""
    return floor_seconds(median([run["requests"] for run in runs]), rate) if rate and runs else 0.0


def spread(runs):
    return [min(run["seconds"] for run in runs), max(run["seconds"] for run in runs)] if runs else None


def fit(points):
    """Least-squares line through (n, seconds); (None, None) with fewer than two sizes."""
    if len({n for n, _s in points}) < 2:
        return None, None
    mean_n = sum(n for n, _s in points) / len(points)
    mean_s = sum(s for _n, s in points) / len(points)
    slope = sum((n - mean_n) * (s - mean_s) for n, s in points) / sum((n - mean_n) ** 2 for n, _s in points)
    return slope, mean_s - slope * mean_n
