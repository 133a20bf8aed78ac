# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Eight runs at once against one Jama, one of them exclusive: what jama_rest_access documents for `exclusive`.

An exclusive run revokes only principals it read before writing, reads again after its writes and
reports in concurrent_changes what differs from its plan; nothing else is promised about ordering.
Each round is one ansible-playbook with eight hosts and eight forks; the simulator slows every
membership write so that the runs overlap.
"""

from __future__ import annotations

import sys

import pytest

from jama_harness.seeds import ACCESS_GROUP, ADMIN_CLIENT
from jama_harness.state import group_of

EXCLUSIVE = ["admin", "svc-ci", "jane.doe"]
GRANTS = [["li.wei", "maria.garcia"], ["ahmed.hassan"], ["olga.ivanova", "kenji.tanaka"], ["fatima.khan"],
          ["lucas.silva", "li.wei"], ["noah.williams"], ["ravi.sharma", "samuel.osei"]]


def inventory(path):
    lines = ["[runs]"]
    for index, users in enumerate(GRANTS + [EXCLUSIVE]):
        exclusive = index == len(GRANTS)
        lines.append("run%d ansible_connection=local ansible_python_interpreter=%s grant_users='%s' grant_exclusive=%s"
                     % (index + 1, sys.executable, ",".join(users), exclusive))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def play(sim):
    args = dict(url=sim.base_url, allow_http=True, users="{{ grant_users.split(',') }}", exclusive="{{ grant_exclusive }}",
                allow_self_lockout=True, **ADMIN_CLIENT)
    return [{"name": "concurrent runs", "hosts": "runs", "gather_facts": False,
             "tasks": [{"name": "grant", "jama.connect.jama_rest_access": args}]}]


def members(sim):
    return set(group_of(sim.control.state(), ACCESS_GROUP)["members"])


# One round per write delay the simulator is given (50, 100 and 150 ms).
@pytest.mark.parametrize("round_number", range(3))
def test_eight_runs_at_once_end_as_the_exclusive_run_reports(run_playbook, sim, tmp_path, round_number):
    initial = members(sim)
    sim.control.fault(method="POST", path="/rest/v1/usergroups/*/users", count=200, delay=0.05 * (1 + round_number % 3))
    sim.control.fault(method="DELETE", path="/rest/v1/usergroups/*/users/*", count=200, delay=0.05)
    run = run_playbook(play(sim), args=("-i", inventory(tmp_path / "runs.ini"), "-f", "8"), timeout=240)
    results = dict((entry["host"], entry) for entry in run.results if entry["task"] == "grant")
    assert len(results) == 8 and all(entry["status"] == "ok" for entry in results.values()), run.describe()
    exclusive = results["run8"]["result"]
    final = members(sim)
    granted = set(user for users in GRANTS for user in users)

    # Only principals it read are revoked, and never one it was asked to keep.
    assert set(exclusive["removed"]["users"]) <= (initial | granted) - set(EXCLUSIVE)
    # What it reports as appeared came from the concurrent grants; nobody else revokes, so nothing vanished.
    changes = exclusive["concurrent_changes"]
    assert set(changes["appeared"]["users"]) <= granted - set(EXCLUSIVE) and changes["vanished"]["users"] == []
    assert set(exclusive["access"]["users"]) == set(EXCLUSIVE) | set(changes["appeared"]["users"])
    # After its second read only grants happen: the end state holds it, and nothing nobody granted.
    assert set(exclusive["access"]["users"]) <= final <= set(EXCLUSIVE) | granted
    # A grant a run reported is still there, unless the exclusive run revoked it after it landed.
    for host, entry in results.items():
        if host != "run8":
            assert set(entry["result"]["added"]["users"]) <= final | set(exclusive["removed"]["users"]), host

    again = run_playbook(play(sim), args=("-i", inventory(tmp_path / "again.ini"), "-l", "run8"), timeout=120)
    rerun = again.task("grant")["result"]
    assert set(rerun["removed"]["users"]) == final - set(EXCLUSIVE)
    assert members(sim) == set(EXCLUSIVE)
