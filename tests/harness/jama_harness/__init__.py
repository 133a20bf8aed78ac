# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one test harness of jama.connect: run module tasks, snapshot the simulator, diff its traffic.

- ``playbook``: run ansible-playbook against the collection, recording every task's result and time.
- ``control``: prepare the simulator for a case (reset, seed, config, faults, chaos) and snapshot it.
- ``cases``: a ``Case`` (one module task and how to prepare for it) and its ``CaseResult``.
- ``drivers``: run cases in one play (``PlayDriver``) or each as the module's own forked process
  (``ModuleDriver``), with the same results either way.
- ``scenario``: steps on one simulator without resets, each asserted on the state right after it.
- ``seeds`` and ``state``: the seeds, credentials and secrets, and readers of a state snapshot.
- ``awx``: a job as AWX runs it: a credential type's injectors rendered by AWX's rules, and the
  playbook run by ansible-runner, with the stdout and job events AWX would store.

The integration suites, the fault and security suites and the benchmarks all use it; the pytest
fixtures that wrap it live in ``tests/integration/conftest.py``.
"""
