"""Time each task as the controller sees it: from the task's start to its result, without playbook start-up.

Enabled by the benchmarks only (ANSIBLE_CALLBACKS_ENABLED=task_timer, ANSIBLE_CALLBACK_PLUGINS=this directory);
writes one JSON line per task result to the file named by BENCH_TASK_TIMES.
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: task_timer
type: aggregate
short_description: write each task's duration to a file (benchmarks only)
description: One JSON line per task, {"task", "seconds"}, to the file named by the BENCH_TASK_TIMES variable.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "task_timer"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super(CallbackModule, self).__init__()
        self._path = os.environ.get("BENCH_TASK_TIMES")
        self._started = {}

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._started[task._uuid] = time.perf_counter()

    def _done(self, result):
        started = self._started.pop(result._task._uuid, None)
        if started is None or not self._path:
            return
        with open(self._path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"task": result._task.get_name(), "seconds": time.perf_counter() - started}) + "\n")

    v2_runner_on_ok = v2_runner_on_failed = v2_runner_on_skipped = v2_runner_on_unreachable = _done
