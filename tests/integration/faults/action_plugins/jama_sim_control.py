# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only action: drive the simulator's /__sim/ control surface between the tasks of one play.

It runs on the controller, so preparing a case (reset, config, faults, chaos) and reading the
simulator's own state back cost no module round trip; that keeps a play of many cases fast.
Never part of the collection's plugins: the tests put this directory on ANSIBLE_ACTION_PLUGINS.
"""

from __future__ import annotations

import json
import urllib.request

from ansible.plugins.action import ActionBase

DOCUMENTATION = r"""
name: jama_sim_control
short_description: Test-only control of the Jama Connect simulator
description:
  - Resets, configures and injects faults into the simulator, and returns its state and traffic.
options: {}
"""

STEPS = ("root_url", "reset", "seed", "config", "clear_faults", "faults", "chaos", "stop_chaos", "expire_tokens", "snapshot")


def _call(root_url, method, endpoint, body=None):
    data = None if body is None else json.dumps(body).encode("utf-8")
    request = urllib.request.Request("%s/__sim/%s" % (root_url, endpoint), data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read().decode("utf-8"))


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(STEPS)

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        root = args["root_url"].rstrip("/")
        if args.get("reset"):
            _call(root, "POST", "reset", {"seed": args["seed"]} if args.get("seed") else {})
        if args.get("config"):
            _call(root, "POST", "config", args["config"])
        if args.get("clear_faults"):
            _call(root, "DELETE", "faults")
        if args.get("stop_chaos"):
            _call(root, "DELETE", "chaos")
        if args.get("chaos"):
            _call(root, "POST", "chaos", args["chaos"])
        for fault in args.get("faults") or []:
            _call(root, "POST", "faults", fault)
        if args.get("expire_tokens"):
            _call(root, "POST", "tokens/expire", {})
        if args.get("snapshot"):
            result["sim_state"] = _call(root, "GET", "state")
            result["sim_stats"] = _call(root, "GET", "stats")
            result["sim_faults"] = _call(root, "GET", "faults")["faults"]
        result["changed"] = False
        return result
