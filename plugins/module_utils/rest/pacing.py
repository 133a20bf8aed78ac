# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Client-side pacing: stay under Jama's throttle instead of running into 429s and backing off.

Jama throttles an environment as a whole, so every process on this controller that talks to the same
instance takes its requests from one budget (SharedPacer, kept in a pace_file); a process that cannot
share one (no private directory, another clock) paces alone (RequestPacer).
"""

import collections
import errno
import math
import os
import time

from ansible_collections.jama.connect.plugins.module_utils.rest.pace_file import PaceFile, state_path

DEFAULT_RATE_LIMIT = 10.0  # (J) Jama allows 10 requests per second per environment
PACING_WINDOW = 1.0
# Requests are counted from their responses (see RequestPacer), so network delays cannot crowd Jama's window;
# the slack only covers a server that rounds its clock.
PACING_SLACK = 0.01
# A reading up to this far ahead of the clock is a rounding matter; further ahead, the budget was written
# before this machine last booted (its monotonic clock restarted), and the whole state is reset.
CLOCK_TOLERANCE = 1.0
# A request still waiting for its response after this long was sent by a process that is gone or stuck:
# it no longer holds a place in the budget (every exchange is bounded by the timeout option).
PENDING_LIMIT = 600.0
# How often to look again when the budget is full of requests still waiting for their responses.
POLL = 0.05


def window_for(rate):
    """(requests allowed per window, the window in seconds) for a rate; (0, window) turns pacing off."""
    per_window = int(math.floor(rate)) if rate and rate > 0 else 0
    if rate and 0 < rate < 1:
        return 1, (1.0 / rate) + PACING_SLACK
    return per_window, PACING_WINDOW + PACING_SLACK


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
        self.per_window, self.window = window_for(rate)
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

    def report(self):
        """What -v output should say about the budget: nothing, for a process pacing alone."""
        return None


def _alive(pid):
    try:
        os.kill(pid, 0)
    except OSError as err:
        return err.errno != errno.ESRCH  # EPERM: it exists, as another user's process
    return True


# A slot in the shared state: [time, pid, pending, token]. ``time`` is the send while ``pending`` is 1,
# the response once it is 0; ``token`` tells this process's slots from those of a reused pid.
TIME, PID, PENDING, TOKEN = range(4)


class SharedPacer:
    """RequestPacer's guarantee for every process on this controller that talks to one instance, together.

    The budget is the same sliding window, kept in a file all of them rewrite under a lock: at most
    ``rate`` requests in any window, each counted from its response (until then from its send, and for
    as long as it waits). Bursts up to the rate go out at once; a process only sleeps when the window is
    full, and never while it holds the lock. A process killed mid-request leaves a pending slot, which
    the next process to find its owner gone counts from that moment, so the budget stays sound without it.
    """

    def __init__(self, rate, path, clock=time.monotonic, sleep=time.sleep, pid=None, alive=_alive, token=None):
        self.per_window, self.window = window_for(rate)
        self.rate = rate
        self.file = PaceFile(path)
        self._clock = clock
        self._sleep = sleep
        self._pid = os.getpid() if pid is None else pid
        self._alive = alive
        # Tells this pacer's slots from those of an earlier process that had the same pid: no secret, just unique.
        self._token = token if token is not None else int.from_bytes(os.urandom(4), "big") >> 1
        self._sequence = 0
        self._local = None  # a RequestPacer, once the file has failed this process
        self.other_processes = set()
        self.waited = 0.0

    def _fall_back(self):
        self._local = RequestPacer(self.rate, clock=self._clock, sleep=self._sleep)
        return self._local

    def _live_slots(self, slots, now):
        """The slots that still hold a place in the window, dead owners' pending ones counted from now."""
        if any(slot[TIME] > now + CLOCK_TOLERANCE for slot in slots):
            self.file.resets += 1
            return []
        live = []
        for slot in slots:
            if slot[PENDING]:
                if now - slot[TIME] >= PENDING_LIMIT:
                    continue
                if slot[PID] != self._pid and not self._alive(int(slot[PID])):
                    slot = [now, slot[PID], 0, slot[TOKEN]]
            elif now - slot[TIME] >= self.window:
                continue
            live.append(slot)
        return live

    def _try_take(self, slots):
        """Take a place when one is free (None), else how long to wait before looking again."""
        now = self._clock()
        slots[:] = self._live_slots(slots, now)
        self.other_processes.update(int(slot[PID]) for slot in slots if slot[PID] != self._pid)
        if len(slots) < self.per_window:
            self._sequence += 1
            slots.append([now, self._pid, 1, self._token + self._sequence])
            return None
        done = [slot[TIME] for slot in slots if not slot[PENDING]]
        return max(min(done) + self.window - now, 0.001) if done else POLL

    def before_send(self):
        """Sleep until the shared window has room, then take a place in it (counted from now until the response)."""
        if self._local is not None:
            return self._local.before_send()
        if not self.per_window:
            return None
        while True:
            try:
                with self.file.locked() as slots:
                    wait = self._try_take(slots)
            except OSError:
                return self._fall_back().before_send()
            if wait is None:
                return None
            self._sleep(wait)
            self.waited += wait

    def after_response(self):
        """Count this process's request from now, when its response (or its failure) arrived."""
        if self._local is not None:
            return self._local.after_response()
        if not self.per_window:
            return None
        mine = self._token + self._sequence
        try:
            with self.file.locked() as slots:
                now = self._clock()
                for slot in slots:
                    if slot[PID] == self._pid and slot[TOKEN] == mine:
                        slot[TIME], slot[PENDING] = max(slot[TIME], now), 0
                        break
                else:
                    slots.append([now, self._pid, 0, mine])  # the state was reset meanwhile
        except OSError:
            self._fall_back()
        return None

    def report(self):
        """For -v output: how this task shared the budget, or None when no other process used it meanwhile."""
        if not self.other_processes:
            return None
        return {"rate_limit": self.rate, "shared": True, "other_processes": len(self.other_processes),
                "waited": round(self.waited, 2), "resets": self.file.resets}


def pacer_for(base_url, rate, clock=time.monotonic, sleep=time.sleep, directory=None):
    """The pacer a client of ``base_url`` uses: the controller's shared budget for that instance, where it can.

    Other processes read the shared state with the system's monotonic clock, so a client given any other
    clock (a test's) paces alone, as does one for which no private state directory can be made.
    """
    if not window_for(rate)[0] or clock is not time.monotonic:
        return RequestPacer(rate, clock=clock, sleep=sleep)
    path = state_path(base_url, directory)
    if path is None:
        return RequestPacer(rate, clock=clock, sleep=sleep)
    return SharedPacer(rate, path, clock=clock, sleep=sleep)
