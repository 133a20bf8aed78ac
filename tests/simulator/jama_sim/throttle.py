"""Jama's request throttle: past N requests in any one-second window, answer 429."""

import collections
import time

WINDOW_SECONDS = 1.0


class RateLimiter:
    def __init__(self, limit, clock=time.monotonic):
        self.limit = limit
        self._clock = clock
        self._accepted = collections.deque()

    def allow(self):
        """Record and allow a request, or refuse it; refused requests do not use up the window."""
        if self.limit is None:
            return True
        now = self._clock()
        while self._accepted and now - self._accepted[0] >= WINDOW_SECONDS:
            self._accepted.popleft()
        if len(self._accepted) >= self.limit:
            return False
        self._accepted.append(now)
        return True
