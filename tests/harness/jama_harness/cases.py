# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A case: one module task, how to prepare the simulator for it, and what it did to the simulator."""

from __future__ import annotations

import dataclasses

from . import control
from .seeds import ACCESS_GROUP, REST_ACCESS
from .state import group_members, writes


@dataclasses.dataclass
class Case:
    """One module task and how to prepare the simulator for it.

    ``reset`` (the default) puts the simulator back to ``seed`` (the demo seed if None) first; without
    it the case meets what the cases before it left, and (unless ``clear_faults`` is false) faults a
    failed run left unused are dropped, so the next run meets a healthy Jama unless the case injects
    its own. Chaos and config carry on.
    """

    name: str
    args: dict
    module: str = REST_ACCESS
    seed: dict = None
    faults: list = ()
    config: dict = None
    chaos: dict = None
    check: bool = False
    diff: bool = False
    expire_tokens: bool = False
    reset: bool = True
    clear_faults: bool = None

    def __post_init__(self):
        self.faults = list(self.faults)
        if self.clear_faults is None:
            self.clear_faults = not self.reset

    def preparation(self):
        """The control.prepare mapping for this case; empty when there is nothing to prepare."""
        options = {}
        if self.reset:
            options["reset"] = True
            if self.seed is not None:
                options["seed"] = self.seed
        for key in ("config", "chaos", "faults", "expire_tokens"):
            if getattr(self, key):
                options[key] = getattr(self, key)
        if self.clear_faults:
            options["clear_faults"] = True
        return options


class CaseResult:
    """What one case did: the task's result, and the simulator's state and traffic right after it."""

    def __init__(self, case, entry, snapshot, before):
        self.case = case
        self.status = entry["status"]
        self.result = entry["result"]
        self.seconds = entry.get("seconds")
        self.state = snapshot["sim_state"]
        stats = snapshot["sim_stats"]
        # After a reset the counters start from zero; otherwise this case's own are what it added.
        self.traffic = control.counts_since(stats["by_route"], None if case.reset else before["by_route"])
        self.statuses = control.counts_since(stats["by_status"], None if case.reset else before["by_status"])
        self.pending_faults = snapshot["sim_faults"]

    failed = property(lambda self: self.status == "failed")
    changed = property(lambda self: bool(self.result.get("changed")))
    msg = property(lambda self: str(self.result.get("msg", "")))
    warnings = property(lambda self: self.result.get("warnings", []))

    def members(self, group_name=ACCESS_GROUP):
        return group_members(self.state, group_name)

    def writes(self):
        """API write requests (the token request writes nothing to Jama's data)."""
        return writes(self.traffic)

    def requests(self):
        return sum(self.traffic.values())

    def describe(self):
        return "case %r: status=%s msg=%r traffic=%s" % (self.case.name, self.status, self.msg, self.traffic)


class Outcomes(dict):
    """{name: CaseResult} in the order the cases ran, with what the run printed (``output``) and, for a play, its ``run``.

    The one result type of a driver or a scenario: ``name_of`` gives each result's key (the case name by default).
    """

    def __init__(self, results, output, run=None, name_of=None):
        super().__init__(((name_of or _case_name)(result), result) for result in results)
        self.output = output
        self.run = run


def _case_name(result):
    return result.case.name
