# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_rest_access_info end to end against the simulator: what it reports is checked against the simulator's own state.

The expected members, licenses, active flags and reasons are derived from /__sim/state, never from the module;
every run is also checked to have written nothing and to keep every issued token out of the output.
"""

from __future__ import annotations

from jama_harness.seeds import ADMIN_CLIENT
from jama_harness.observed import observe
from jama_harness.audit import (
    assert_no_token,
    audit_seed,
    group_from_state,
    ineffective_from_state,
    users_from_state,
    writes,
)

INFO = "jama.connect.jama_rest_access_info"
VERBOSE = ("-vvv",)


def info_task(simulator, name, check=False, **options):
    arguments = dict(url=simulator.base_url, allow_http=True, **ADMIN_CLIENT)
    arguments.update(options)
    return {"name": name, INFO: arguments, "check_mode": check, "ignore_errors": True}


def grant_task(simulator, **options):
    """jama_rest_access planning a grant in check mode, to compare its failures with the info module's."""
    arguments = dict(url=simulator.base_url, allow_http=True, users=["svc-ci"], **ADMIN_CLIENT)
    arguments.update(options)
    return {"name": "grant", "jama.connect.jama_rest_access": arguments, "check_mode": True, "ignore_errors": True}


def run_tasks(run_playbook, simulator, tasks, args=VERBOSE, minted=True):
    """Run the tasks in one play; returns (run, traffic) with the simulator's request counts over the run."""
    play = [{"name": "jama_rest_access_info", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    seen = observe(simulator, lambda: run_playbook(play, args=args), with_state=False)
    run, traffic = seen.outcome, seen.traffic
    assert_no_token(simulator, run, minted)
    return run, traffic


class TestAccessGroup:
    """Against the simulator, which serves only what published Jama releases serve."""

    def test_members_and_who_cannot_use_the_api_match_the_simulator(self, run_playbook, sim):
        sim.control.reset(seed=audit_seed())
        run, traffic = run_tasks(run_playbook, sim, [info_task(sim, "read"), info_task(sim, "read in check mode", check=True)])
        state = sim.control.state()
        group = group_from_state(state, "REST API Users")

        result = run.task("read")["result"]
        assert run.task("read")["status"] == "ok" and result["changed"] is False
        assert "method" not in result and "access_list" not in result
        assert (result["group"]["id"], result["group"]["name"]) == (group["id"], "REST API Users")
        assert result["group"]["members"] == users_from_state(state, group["members"])
        assert result["group"]["ineffective"] == ineffective_from_state(state, group["members"])
        reasons = dict((item["username"], item["reasons"]) for item in result["group"]["ineffective"])
        assert reasons == {
            "floater": ["license FLOATING is not NAMED (Named Creator)"],
            "gone": ["user is inactive"],
            "stakeholder.gone": ["license STAKEHOLDER is not NAMED (Named Creator)", "user is inactive"],
        }

        check = run.task("read in check mode")
        assert check["status"] == "ok" and check["result"]["group"] == result["group"]
        assert writes(traffic) == {}
        assert not any("restapiaccess" in route for route in traffic)

    def test_a_missing_access_group_fails_as_jama_rest_access_does(self, run_playbook, sim):
        grant = grant_task(sim, access_group="Integration Accounts")
        run, traffic = run_tasks(run_playbook, sim, [info_task(sim, "read", access_group="Integration Accounts"), grant])
        read, planned = run.task("read"), run.task("grant")
        assert read["status"] == "failed" and planned["status"] == "failed"
        assert read["result"]["msg"] == planned["result"]["msg"]
        assert "no user group is named 'Integration Accounts'" in read["result"]["msg"]
        assert "jama.connect.jama_user_group" in read["result"]["msg"] and "Configure access control" in read["result"]["msg"]
        assert writes(traffic) == {}

    def test_an_empty_access_group_is_refused_before_any_request(self, run_playbook, sim):
        run, traffic = run_tasks(run_playbook, sim, [info_task(sim, "read", access_group=" ")], args=(), minted=False)
        entry = run.task("read")
        assert entry["status"] == "failed" and "access_group must name the user group" in entry["result"]["msg"]
        assert traffic == {}


def test_a_token_fact_passed_in_never_appears_at_vvv(run_playbook, sim):
    group_id = [group["id"] for group in sim.control.state()["groups"] if group["name"] == "REST API Users"][0]
    mint = {"name": "mint", "jama.connect.jama_token": dict(url=sim.base_url, allow_http=True, fact_name="admin_token", **ADMIN_CLIENT)}
    tasks = [info_task(sim, "read group", token="{{ admin_token }}"),
             info_task(sim, "read by id", access_group=str(group_id), token="{{ admin_token.access_token }}"),
             info_task(sim, "missing group", access_group="Nope", token="{{ admin_token.access_token }}")]
    for task in tasks:
        for key in ADMIN_CLIENT:
            del task[INFO][key]
    tasks.insert(0, mint)
    run, _traffic = run_tasks(run_playbook, sim, tasks)
    assert [run.task(name)["status"] for name in ("read group", "read by id", "missing group")] == ["ok", "ok", "failed"]
    assert run.task("read group")["result"]["group"]["name"] == "REST API Users"
    assert run.task("read by id")["result"]["group"] == run.task("read group")["result"]["group"]
