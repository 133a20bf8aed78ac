# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""How long to wait before a retry: full-jitter backoff, Retry-After, and one task's wait budget."""

import email.utils
import random as _random
import re
import time

RETRY_STATUSES = frozenset((429, 502, 503, 504))
BACKOFF_BASE = 1.0
BACKOFF_CAP = 30.0
DEFAULT_RETRY_MAX_WAIT = 120


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
