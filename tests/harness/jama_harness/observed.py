# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Anything run against the simulator (a playbook, a role, a benchmark), with what it did to the simulator."""

from __future__ import annotations

from .control import counts_since
from .state import writes


class Observation:
    """``outcome`` is what the action returned; ``before``/``after`` the simulator's state around it (when
    asked for), ``traffic`` and ``statuses`` the requests it sent by route and by answer, ``requests`` their number."""

    def __init__(self, outcome, before, after, stats_before, stats_after):
        self.outcome = outcome
        self.before = before
        self.after = after
        self.traffic = counts_since(stats_after["by_route"], stats_before["by_route"])
        self.statuses = counts_since(stats_after["by_status"], stats_before["by_status"])
        self.requests = stats_after["total"] - stats_before["total"]

    def writes(self):
        """API write requests (the token request writes nothing to Jama's data)."""
        return writes(self.traffic)


def observe(simulator, action, with_state=True):
    """Call ``action()`` and return its Observation; ``with_state=False`` skips the state reads (a large simulator)."""
    before = simulator.control.state() if with_state else None
    stats_before = simulator.control.stats()
    outcome = action()
    stats_after = simulator.control.stats()
    return Observation(outcome, before, simulator.control.state() if with_state else None, stats_before, stats_after)
