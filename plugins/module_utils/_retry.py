# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""When to send and how long to wait: client-side pacing, backoff, Retry-After and one task's wait budget."""

import collections
import email.utils
import math
import random as _random
import re
import time

RETRY_STATUSES = frozenset((429, 502, 503, 504))
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
DEFAULT_RATE_LIMIT = 10.0  # (J) Jama allows 10 requests per second per environment
DEFAULT_RETRY_MAX_WAIT = 120
PACING_WINDOW = 1.0
# Requests are counted from their answers (see RequestPacer), so network delays cannot crowd Jama's window;
# the slack only covers a server that rounds its clock.
PACING_SLACK = 0.01


def backoff_delay(attempt, random=_random.random, base=BACKOFF_BASE, cap=BACKOFF_CAP):
    """Full-jitter exponential backoff: a uniform wait in [0, min(cap, base * 2**attempt))."""
    return random() * min(cap, base * (2 ** min(attempt, 32)))


def parse_retry_after(value, now=None):
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent or unreadable."""
    if value is None:
        return None
    value = str(value).strip()
    # ASCII digits only: str.isdigit() also accepts '²', which float() refuses.
    if re.match(r"^[0-9]{1,9}$", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    try:
        return max(0.0, when.timestamp() - (time.time() if now is None else now))
    except (OverflowError, OSError, ValueError):
        return None


class WaitBudget:
    """The seconds one task may spend sleeping between retries, all retries together."""

    def __init__(self, total=DEFAULT_RETRY_MAX_WAIT):
        self.total = float(total)
        self.spent = 0.0

    @property
    def left(self):
        return max(0.0, self.total - self.spent)

    def next_wait(self, attempt, retry_after=None, random=_random.random):
        """The wait before retry ``attempt`` (0-based), or None when the budget cannot cover it.

        A server's Retry-After is honoured exactly or not at all: waiting less would be refused again.
        """
        if self.left <= 0:
            return None
        wait = retry_after if retry_after is not None else min(backoff_delay(attempt, random), self.left)
        if wait > self.left:
            return None
        self.spent += wait
        return wait


class RequestPacer:
    """Keeps the client under ``rate`` requests in any one-second window, as Jama counts them.

    Bursts up to the rate go out at once, so a task of a few requests never waits; a longer one
    settles at the rate instead of running into 429 answers and backing off.

    Jama counts a request when it arrives, which is after it was sent and before its answer came back.
    A request is therefore counted here from the moment its answer arrived (``after_answer``): the
    next one that would make ``rate`` in a window waits a full window after that. Counting from the
    send instead needs a margin for every delay on the way, and a request held up on its way by more
    than the margin (a loaded machine, a slow proxy) still lands in the window of the ones after it.
    """

    def __init__(self, rate=DEFAULT_RATE_LIMIT, clock=time.monotonic, sleep=time.sleep):
        self.per_window = int(math.floor(rate)) if rate and rate > 0 else 0
        if rate and 0 < rate < 1:
            self.per_window, self.window = 1, (1.0 / rate) + PACING_SLACK
        else:
            self.window = PACING_WINDOW + PACING_SLACK
        self._clock = clock
        self._sleep = sleep
        self._sent = collections.deque()

    def before_send(self):
        """Sleep until one more request fits in the window, then count it (from now, until its answer arrives)."""
        if not self.per_window:
            return
        now = self._clock()
        while self._sent and now - self._sent[0] >= self.window:
            self._sent.popleft()
        if len(self._sent) >= self.per_window:
            wait = self._sent[0] + self.window - now
            if wait > 0:
                self._sleep(wait)
            self._sent.popleft()
            now = self._clock()
        self._sent.append(now)

    def after_answer(self):
        """Count the request just sent from now, when its answer (or its failure) arrived."""
        if self.per_window and self._sent:
            self._sent[-1] = max(self._sent[-1], self._clock())
