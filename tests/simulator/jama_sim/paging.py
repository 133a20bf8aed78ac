"""Jama's paging: startAt (default 0) and maxResults (default 20, values above 50 clamped to 50)."""

from . import envelope
from .errors import ApiError

DEFAULT_MAX_RESULTS = 20
MAX_RESULTS_LIMIT = 50


def paged(request, items, to_api):
    """A list answer holding one page of `items`, each rendered with `to_api`."""
    start_at = _non_negative(request, "startAt", 0)
    max_results = min(_non_negative(request, "maxResults", DEFAULT_MAX_RESULTS), MAX_RESULTS_LIMIT)
    if max_results == 0:
        raise ApiError(400, "maxResults must be at least 1")
    window = items[start_at:start_at + max_results]
    return envelope.page([to_api(item) for item in window], start_at, len(items))


def _non_negative(request, name, default):
    raw = request.param(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "%s must be an integer" % name)
    if value < 0:
        raise ApiError(400, "%s must not be negative" % name)
    return value
