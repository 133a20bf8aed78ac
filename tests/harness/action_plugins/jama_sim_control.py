# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only action: prepare the simulator for a case, or snapshot it, between the tasks of one play.

It runs on the controller, so preparing a case and reading the simulator back cost no module round
trip; that keeps a play of many cases fast. What "prepare" and "snapshot" mean lives once, in
``jama_harness.control``. Never part of the collection's plugins: the harness puts this directory on
ANSIBLE_ACTION_PLUGINS.
"""

from __future__ import annotations

import os
import sys

from ansible.plugins.action import ActionBase

# The harness package sits beside this directory and the simulator's client beside the harness;
# ansible-playbook has neither on sys.path.
HARNESS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIMULATOR_DIR = os.path.join(os.path.dirname(HARNESS_DIR), "simulator")
for directory in (HARNESS_DIR, SIMULATOR_DIR):
    if directory not in sys.path:
        sys.path.insert(0, directory)

from jama_harness import control  # noqa: E402  pylint: disable=wrong-import-position

DOCUMENTATION = r"""
name: jama_sim_control
short_description: Test-only control of the Jama Connect simulator
description:
  - Prepares the simulator for a case (reset, seed, config, faults, chaos, token expiry), or returns its state and traffic.
options: {}
"""


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("root_url", "snapshot") + control.PREPARE_KEYS)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = dict(self._task.args)
        root_url = args.pop("root_url")
        if args.pop("snapshot", False):
            result.update(control.snapshot(root_url))
        control.prepare(root_url, args)
        result["changed"] = False
        return result
