# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two ways to run cases, with the same ``Outcomes``: in one play, or each as the module's own process.

``PlayDriver`` puts every case in one ansible-playbook run: a ``jama_sim_control`` task prepares each
case on the controller, the module task runs, and another snapshots the simulator. Use it for what
only Ansible does: action plugins (jama_token), ``no_log`` censoring, diff and check output, module
defaults. ``ModuleDriver`` runs each case's module as a forked process of the test (see
``module_process``), preparing and snapshotting from the test: the same module code and HTTP, a
fraction of the time. Either way a case's traffic is what it added to the simulator's counters.
"""

from __future__ import annotations

from . import control, module_process
from .cases import CaseResult, Outcomes
from .playbook import ACTION_PLUGINS


def _unique(cases):
    names = [case.name for case in cases]
    assert len(set(names)) == len(names), "case names must be unique"


class PlayDriver:
    """Cases as tasks of one play, run by a ``PlaybookRunner`` (the ``run_playbook`` fixture)."""

    def __init__(self, run_playbook, env=None, args=(), timeout=300):
        self.run_playbook = run_playbook
        self.env = dict(env or {}, ANSIBLE_ACTION_PLUGINS=ACTION_PLUGINS)
        self.args = tuple(args)
        self.timeout = timeout

    def run(self, sim, cases):
        _unique(cases)
        # One case: snapshot from the test around the run, which keeps a large simulator's state out of the play.
        around = len(cases) == 1
        before = control.snapshot(sim.root_url) if around else None
        tasks = [] if around else [_control_task("start | snapshot", sim, snapshot=True)]
        for case in cases:
            preparation = case.preparation()
            if preparation:
                tasks.append(_control_task(case.name + " | prepare", sim, **preparation))
            tasks.append(_module_task(case))
            if not around:
                tasks.append(_control_task(case.name + " | snapshot", sim, snapshot=True))
        play = [{"name": "jama.connect cases", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
        run = self.run_playbook(play, args=self.args, timeout=self.timeout, env=self.env)
        snapshots = [control.snapshot(sim.root_url)] if around else [_recorded(run, case.name + " | snapshot") for case in cases]
        if not around:
            before = _recorded(run, "start | snapshot")
        results = []
        for case, after in zip(cases, snapshots):
            results.append(CaseResult(case, _recorded(run, case.name, whole=True), after, before["sim_stats"]))
            before = after
        return Outcomes(results, run.output, run)


def _control_task(name, sim, **options):
    return {"name": name, "jama_sim_control": dict(options, root_url=sim.root_url)}


def _module_task(case):
    task = {"name": case.name, case.module: case.args, "ignore_errors": True}
    if case.check:
        task["check_mode"] = True
    if case.diff:
        task["diff"] = True
    return task


def _recorded(run, task_name, whole=False):
    entries = [entry for entry in run.results if entry["task"] == task_name]
    assert len(entries) == 1, "task %r did not run once:\n%s" % (task_name, run.describe())
    return entries[0] if whole else entries[0]["result"]


class ModuleDriver:
    """Each case's module as a forked process of the test, prepared and snapshotted from the test."""

    def __init__(self, collections_path, env=None, timeout=120):
        self.collections_path = str(collections_path)
        self.env = dict(env or {})
        self.timeout = timeout

    def run(self, sim, cases, timeout=None):
        """Run the cases in order; ``timeout`` (seconds, per case) overrides the driver's."""
        _unique(cases)
        before, results, output = control.snapshot(sim.root_url), [], []
        for case in cases:
            preparation = case.preparation()
            if preparation:
                control.prepare(sim.root_url, preparation)
            module = module_process.import_module(self.collections_path, case.module)
            result, stdout, stderr = module_process.run(module, case.args, case.check, case.diff, self.env, timeout or self.timeout)
            output.extend((stdout, stderr))
            after = control.snapshot(sim.root_url)
            entry = {"status": "failed" if result.get("failed") else "ok", "result": result}
            results.append(CaseResult(case, entry, after, before["sim_stats"]))
            before = after
        return Outcomes(results, "".join(output))
