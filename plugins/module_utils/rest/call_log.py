# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""A log of every HTTP exchange a client makes (status, time taken, throttle headers), optionally read-only.

Read-only means: a GET, or one of the few requests the caller names (the token request), and nothing else ever leaves. A read-only check that
does not hold this by construction is a check a user cannot safely run against production.
"""

import re
import time

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError

# Headers a gateway or Jama may use to say how hard it throttles: Retry-After, X-RateLimit-*, RateLimit-*
# (the IETF draft), X-Rate-Limit-* and the like.
THROTTLE_HEADER = re.compile(r"^(retry-after|x-?rate-?limit.*|ratelimit.*)$", re.IGNORECASE)
MAX_HEADER_VALUE = 200


def median(values):
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def throttle_headers(headers):
    """{name: value} of the throttle headers among ``headers``, names lower-cased, values cut short."""
    return dict((name.lower(), str(value)[:MAX_HEADER_VALUE]) for name, value in (headers or {}).items()
                if THROTTLE_HEADER.match(name))


class CallLog:
    """Wraps a JamaClient's transport: every exchange is timed and recorded; with read_only, writes are refused unsent."""

    def __init__(self, client, read_only=True, allowed=(), clock=time.monotonic):
        """``allowed``: (method, path) pairs a read-only log lets through besides GETs, such as the token request."""
        self.calls = []
        self.throttle = {}
        self._read_only = read_only
        self._allowed = frozenset(allowed)
        self._clock = clock
        self._exchange = client.transport.exchange
        client.transport.exchange = self._logged

    def _logged(self, method, url, path, **kwargs):
        if self._read_only and method != "GET" and (method, path) not in self._allowed:
            raise ConfigurationError("refused to send %s %s: this task only reads" % (method, path), method=method, path=path)
        started = self._clock()
        entry = {"method": method, "path": path, "status": None}
        self.calls.append(entry)
        try:
            answer = self._exchange(method, url, path, **kwargs)
        finally:
            entry["elapsed_ms"] = round((self._clock() - started) * 1000.0, 1)
        entry["status"] = answer.status
        seen = throttle_headers(answer.headers)
        if seen:
            entry["throttle_headers"] = seen
            self.throttle.update(seen)
        return answer

    def latency(self):
        """Median and maximum time per exchange, in milliseconds, over the exchanges that got an answer."""
        times = [call["elapsed_ms"] for call in self.calls if call["status"] is not None]
        return {"calls": len(times), "median_ms": median(times), "max_ms": max(times) if times else None}
