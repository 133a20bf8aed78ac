# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One request budget per Jama for every process on the controller, and a budget that never blocks a run.

Jama throttles the environment as a whole (10 requests/s, then bare 429s); the simulator counts the same
way. Two runs at once that each paced alone would send up to twice the rate between them; sharing the
budget, they meet no 429 at all. A state file that cannot be trusted, or one left locked and full by a
process killed mid-request, is reset or outlived, and the run goes on.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from jama_harness.cases import Case
from jama_harness.seeds import ACCESS_GROUP, connection, large_seed
from jama_harness.state import group_of

JAMAS_THROTTLE = {"rate_limit": 10, "retry_after": None}
PER_RUN = 15


def pace_file_module(collections_path):
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    from ansible_collections.jama.connect.plugins.module_utils.rest import pace_file
    return pace_file


def inventory(path, chunks):
    lines = ["[runs]"]
    for index, users in enumerate(chunks):
        lines.append("run%d ansible_connection=local ansible_python_interpreter=%s grant_users='%s'"
                     % (index + 1, sys.executable, ",".join(users)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def play(sim):
    args = connection(sim, users="{{ grant_users.split(',') }}", access_group=ACCESS_GROUP)
    return [{"name": "two runs at once", "hosts": "runs", "gather_facts": False,
             "tasks": [{"name": "grant", "jama.connect.jama_rest_access": args}]}]


def test_two_processes_at_once_share_one_budget_and_meet_no_429(run_playbook, sim, tmp_path):
    seed, generated = large_seed(2 * PER_RUN, access_members=0)
    sim.control.reset(seed=seed)
    sim.control.configure(**JAMAS_THROTTLE)
    chunks = [generated[:PER_RUN], generated[PER_RUN:]]
    run = run_playbook(play(sim), args=("-i", inventory(tmp_path / "runs.ini", chunks), "-f", "2"), timeout=240)
    results = [entry for entry in run.results if entry["task"] == "grant"]
    assert len(results) == 2 and all(entry["status"] == "ok" for entry in results), run.describe()

    stats = sim.control.stats()
    # Each run alone would send 10/s: together up to 20/s against a 10/s throttle. Sharing, none is refused.
    assert stats["by_status"].get("429", 0) == 0, stats["by_status"]
    assert stats["total"] > 2 * PER_RUN
    assert set(group_of(sim.control.state(), ACCESS_GROUP)["members"]) == set(generated)
    # What -v shows: at least the run that met the other's requests says the budget was shared.
    reports = [entry["result"].get("pacing") for entry in results]
    assert any(report and report["shared"] and report["other_processes"] >= 1 for report in reports), reports


def grant_case(sim, users, name):
    return Case(name, connection(sim, users=users, access_group=ACCESS_GROUP), reset=False)


def slots_in(path):
    with open(path, "rb") as handle:
        return json.loads(handle.read().split(b"\n", 1)[0])["slots"]


def test_a_corrupt_state_file_is_reset_and_the_run_goes_on(module_cases, sim, collections_path):
    pace_file = pace_file_module(str(collections_path))
    path = pace_file.state_path(sim.base_url)
    with open(path, "wb") as handle:
        handle.write(b"\x00garbage{not a budget")
    outcome = module_cases.run(sim, [grant_case(sim, ["svc-ci"], "after corruption")])["after corruption"]
    assert not outcome.failed, outcome.describe()
    assert "svc-ci" in outcome.members()
    assert slots_in(path), "the run wrote a budget of its own over the corrupt one"


def test_a_budget_from_before_a_reboot_is_reset_and_the_run_goes_on(module_cases, sim, collections_path):
    pace_file = pace_file_module(str(collections_path))
    path = pace_file.state_path(sim.base_url)
    # A full window stamped far ahead of the monotonic clock: the clock restarted since it was written.
    stale_pid = 2 ** 22 + 17
    with open(path, "wb") as handle:
        handle.write(pace_file.encode([[1.0e12, stale_pid, 0, index] for index in range(10)]))
    outcome = module_cases.run(sim, [grant_case(sim, ["svc-ci"], "after reboot")])["after reboot"]
    assert not outcome.failed, outcome.describe()
    assert all(slot[1] != stale_pid for slot in slots_in(path))


HOLDER = textwrap.dedent("""
    import fcntl, os, sys, time
    sys.path.insert(0, sys.argv[2])
    from ansible_collections.jama.connect.plugins.module_utils.rest import pace_file
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    # a full window of requests still waiting for their responses, then half of a rewrite
    now = time.monotonic()
    data = pace_file.encode([[now, os.getpid(), 1, index] for index in range(10)])
    os.ftruncate(fd, 0)
    os.write(fd, data + b'[[1,2')
    print("locked", flush=True)
    time.sleep(120)
""")


def test_a_process_killed_while_holding_the_lock_mid_request_does_not_block_the_next(module_cases, sim, collections_path, tmp_path):
    pace_file = pace_file_module(str(collections_path))
    path = pace_file.state_path(sim.base_url)
    script = tmp_path / "holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    holder = subprocess.Popen([sys.executable, str(script), path, str(collections_path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
    finally:
        holder.kill()
        holder.wait(timeout=30)
    dead_pid = holder.pid
    outcome = module_cases.run(sim, [grant_case(sim, ["svc-ci"], "after a kill")], timeout=60)["after a kill"]
    assert not outcome.failed, outcome.describe()
    assert "svc-ci" in outcome.members()
    # the dead process's places were counted once, from when it was found gone, and are no longer pending
    assert not any(slot[1] == dead_pid and slot[2] for slot in slots_in(path))
    assert os.path.exists(path)
