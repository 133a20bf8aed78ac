# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Client-side pacing: stay under Jama's throttle instead of running into 429s and backing off."""

import collections
import math
import time

DEFAULT_RATE_LIMIT = 10.0  # (J) Jama allows 10 requests per second per environment
PACING_WINDOW = 1.0
# Requests are counted from their responses (see RequestPacer), so network delays cannot crowd Jama's window;
# the slack only covers a server that rounds its clock.
PACING_SLACK = 0.01


class RequestPacer:
    """Keeps the client under ``rate`` requests in any one-second window, as Jama counts them.

    Bursts up to the rate go out at once, so a task of a few requests never waits; a longer one
    settles at the rate instead of running into 429 answers and backing off.

    Jama counts a request when it arrives, which is after it was sent and before its response came back.
    A request is therefore counted here from the moment its response arrived (``after_response``): the
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

    def after_response(self):
        """Count the request just sent from now, when its answer (or its failure) arrived."""
        if self.per_window and self._sent:
            self._sent[-1] = max(self._sent[-1], self._clock())
