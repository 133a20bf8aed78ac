# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A run cut short in the middle of its writes leaves a state that the next run completes.

The fault lands on a chosen write (earlier writes are let through by a delay-free, answer-free
fault that only counts them), with no retries left, so the run really stops half-way.
"""

from __future__ import annotations

from jama_harness.cases import Case
from jama_harness.seeds import ACCESS_GROUP, connection

MEMBERS_PATH = "/rest/v1/usergroups/*/users"
# Demo users outside the access group, in id order (the module writes in id order).
NEW_MEMBERS = ["li.wei", "maria.garcia", "ahmed.hassan", "olga.ivanova", "kenji.tanaka", "fatima.khan", "lucas.silva",
               "emma.johnson", "noah.williams", "sofia.rossi"]
DEMO_MEMBERS = {"jane.doe", "john.smith", "priya.patel"}


def let_through(method, path, count):
    """A fault that answers nothing: the next ``count`` matching requests are served normally."""
    return {"method": method, "path": path, "count": count, "delay": 0}


def test_connection_lost_on_the_fifth_add_leaves_four_and_the_rerun_adds_the_rest(module_cases, sim):
    args = connection(sim, users=NEW_MEMBERS, access_group=ACCESS_GROUP, retries=0)
    cases = [
        Case("cut on fifth add", args, faults=[let_through("POST", MEMBERS_PATH, 4), {"method": "POST", "path": MEMBERS_PATH, "drop": True}]),
        Case("rerun after cut", args, reset=False),
        Case("second rerun", args, reset=False),
    ]
    outcomes = module_cases.run(sim, cases)
    cut, rerun, second = outcomes["cut on fifth add"], outcomes["rerun after cut"], outcomes["second rerun"]

    assert cut.failed and "POST /rest/v1/usergroups/" in cut.msg, cut.describe()
    assert cut.members() == DEMO_MEMBERS | set(NEW_MEMBERS[:4]), cut.describe()

    assert not rerun.failed and rerun.changed, rerun.describe()
    assert sorted(rerun.result["added"]["users"]) == sorted(NEW_MEMBERS[4:]), rerun.describe()
    assert rerun.members() == DEMO_MEMBERS | set(NEW_MEMBERS)

    assert not second.failed and not second.changed and not second.writes(), second.describe()


def test_timeout_on_a_group_removal_and_the_rerun_completes(module_cases, sim):
    revoke = connection(sim, users=sorted(DEMO_MEMBERS), state="absent", access_group=ACCESS_GROUP,
                        retries=0, timeout=1)
    cases = [
        Case("timeout on second remove", revoke,
             faults=[let_through("DELETE", MEMBERS_PATH + "/*", 1), {"method": "DELETE", "path": MEMBERS_PATH + "/*", "delay": 2.5}]),
        Case("rerun after timeout", revoke, reset=False),
    ]
    outcomes = module_cases.run(sim, cases)
    cut, rerun = outcomes["timeout on second remove"], outcomes["rerun after timeout"]
    assert cut.failed and "within 1 s" in cut.msg and "DELETE /rest/v1/usergroups/" in cut.msg, cut.describe()
    assert not rerun.failed, rerun.describe()
    assert rerun.members() == set(), rerun.describe()


def test_exclusive_change_cut_after_its_adds_is_completed_by_the_rerun(module_cases, sim):
    # Exclusive: add svc-ci and kai.schmidt, remove the demo members; the module adds first, so a cut between
    # the two leaves more access than either state, never less than both.
    args = connection(sim, users=["svc-ci", "kai.schmidt"], exclusive=True, retries=0, timeout=1, access_group=ACCESS_GROUP)
    cases = [
        Case("cut on removal", args, faults=[{"method": "DELETE", "path": MEMBERS_PATH + "/*", "drop": True}]),
        Case("rerun after cut removal", args, reset=False),
    ]
    outcomes = module_cases.run(sim, cases)
    cut, rerun = outcomes["cut on removal"], outcomes["rerun after cut removal"]
    assert cut.failed and "DELETE /rest/v1/usergroups/" in cut.msg, cut.describe()
    assert cut.members() == DEMO_MEMBERS | {"svc-ci", "kai.schmidt"}, cut.describe()
    assert not rerun.failed and rerun.changed, rerun.describe()
    assert rerun.members() == {"svc-ci", "kai.schmidt"}, rerun.describe()
