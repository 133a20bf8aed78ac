# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Preparing the simulator for a case and reading it back, over its /__sim/ control surface.

It talks through the simulator's own client (``jama_sim.client``, stdlib only), so the test-only
``jama_sim_control`` action can load it inside ansible-playbook as well as the drivers in the test
process: one home for what "prepare" means, one client of the control surface.
"""

from __future__ import annotations

from jama_sim.client import SimControl

# What a prepare mapping may hold, in the order it is applied.
PREPARE_KEYS = ("reset", "seed", "config", "clear_faults", "stop_chaos", "chaos", "faults", "expire_tokens")
CONTROL_TIMEOUT = 30  # seconds; the control surface answers from memory


def call(root_url, method, endpoint, body=None):
    """One control request: the decoded JSON response."""
    return SimControl(root_url, timeout=CONTROL_TIMEOUT).call(method, endpoint, body)


def prepare(root_url, options):
    """Apply a prepare mapping (keys of PREPARE_KEYS): reset (with a seed), config, faults, chaos, token expiry."""
    unknown = sorted(set(options) - set(PREPARE_KEYS))
    if unknown:
        raise ValueError("unknown prepare key(s): %s" % ", ".join(unknown))
    if options.get("reset"):
        call(root_url, "POST", "reset", {"seed": options["seed"]} if options.get("seed") else {})
    if options.get("config"):
        call(root_url, "POST", "config", options["config"])
    if options.get("clear_faults"):
        call(root_url, "DELETE", "faults")
    if options.get("stop_chaos"):
        call(root_url, "DELETE", "chaos")
    if options.get("chaos"):
        call(root_url, "POST", "chaos", options["chaos"])
    for fault in options.get("faults") or []:
        call(root_url, "POST", "faults", fault)
    if options.get("expire_tokens"):
        call(root_url, "POST", "tokens/expire", {})


def snapshot(root_url):
    """The simulator's state, request counters and pending faults, as one mapping."""
    return {"sim_state": call(root_url, "GET", "state"), "sim_stats": call(root_url, "GET", "stats"),
            "sim_faults": call(root_url, "GET", "faults")["faults"]}


def counts_since(after, before):
    """The counters of ``after`` minus ``before`` (both {key: count}), zero entries left out."""
    before = before or {}
    return dict((key, count - before.get(key, 0)) for key, count in after.items() if count - before.get(key, 0))
