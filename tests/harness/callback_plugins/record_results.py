# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: append every task result, as a callback sees it, and its time to a JSON-lines file."""

from __future__ import annotations

DOCUMENTATION = r"""
name: record_results
type: notification
short_description: Record task results and times as JSON lines for the tests and benchmarks
description:
  - Appends one JSON object per task result to the file named by C(JAMA_TEST_RESULTS_FILE).
  - Records what any callback receives, so a censored (no_log) result stays censored here too.
  - C(seconds) is the task's own time as the controller sees it, from its start to this result; C(ended_monotonic) the
    system's monotonic clock at this result, so that runs in several processes can be lined up.
options: {}
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = time.perf_counter()  # pylint: disable=protected-access

    def _record(self, status, result):
        path = os.environ.get("JAMA_TEST_RESULTS_FILE")
        if not path:
            return
        started = self._started.get(result._task._uuid)  # pylint: disable=protected-access
        entry = {
            "task": result.task_name,
            "action": result._task.action,  # pylint: disable=protected-access
            "host": result._host.get_name(),  # pylint: disable=protected-access
            "status": status,
            "seconds": None if started is None else time.perf_counter() - started,
            # The system's monotonic clock, the same in every process: runs started at once can be lined up.
            "ended_monotonic": time.monotonic(),
            "result": result._result,  # pylint: disable=protected-access
        }
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(entry, default=str) + "\n")

    def v2_runner_on_ok(self, result):
        self._record("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record("failed", result)

    def v2_runner_on_skipped(self, result):
        self._record("skipped", result)

    def v2_runner_on_unreachable(self, result):
        self._record("unreachable", result)
