# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only checks against a real instance (`make test-live`): nothing here may write.

Every playbook either only reads (the preflight, get_token, jama_token) or runs in check mode (jama_rest_access and the
role), with --check on the command line as well. tests/integration/test_live_subset.py runs this file against the
simulator and asserts from the simulator's traffic that only GETs and token requests were sent.
"""

from pathlib import Path

import pytest

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"
TABLE_TASK = "Show what works and what the collection's defaults will do here"


def dump(name, expression):
    """A task writing an expression to jama_out/<name>.json on the controller, itself hidden."""
    return {"name": "dump " + name, "no_log": True, "check_mode": False,
            "ansible.builtin.copy": {"content": "{{ %s | to_json }}" % expression, "dest": "{{ jama_out }}/%s.json" % name}}


def play(*tasks):
    connection = {"url": "{{ lookup('ansible.builtin.env', 'JAMA_URL') }}", "allow_http": "{{ jama_allow_http }}"}
    return [{"hosts": "localhost", "gather_facts": False,
             "module_defaults": {"group/jama.connect.jama": connection}, "tasks": list(tasks)}]


def assert_succeeded(run, live):
    assert run.rc == 0 and not run.failed(), run.describe()
    assert live.client_secret not in run.output


@pytest.fixture(scope="module")
def preflight_run(live, run_playbook_once):
    return run_playbook_once(PLAYBOOKS / "preflight.yml", extra_vars=live.extra_vars, env=live.env)


def test_preflight_prints_one_table_and_writes_nothing(preflight_run, live):
    assert_succeeded(preflight_run, live)
    lines = preflight_run.task(TABLE_TASK)["result"]["msg"]
    checks = [line.split(" | ")[0].strip() for line in lines[2:]]
    assert checks == ["token", "current user", "org admin", "access group", "GET /rest", "latency", "throttling",
                      "requests"], "\n".join(lines)
    assert lines[-1].split(" | ")[2].strip().endswith("nothing written")  # check | verdict | result | hint


def test_get_token_playbook_reads_the_current_user(live, run_playbook):
    assert_succeeded(run_playbook(PLAYBOOKS / "get_token.yml", extra_vars=live.extra_vars, env=live.env), live)


@pytest.fixture(scope="module")
def token_and_plan(live, run_playbook_once):
    """jama_token with check_access, then jama_rest_access in check mode granting the caller what it already uses."""
    tasks = [
        {"name": "mint", "jama.connect.jama_token": {"fact_name": "live_token", "check_access": True}},
        dump("user", "live_token.user"),
        {"name": "plan", "check_mode": True, "register": "live_plan", "failed_when": False,
         "jama.connect.jama_rest_access": {
             "token": "{{ live_token }}", "users": ["{{ live_token.user.username }}"],
             "access_group": "{{ rest_api_access_access_group | default('REST API Users') }}"}},
        dump("plan", "live_plan"),
    ]
    return run_playbook_once(play(*tasks), extra_vars=live.extra_vars, env=live.env, check=True)


def test_jama_token_mints_and_reads_the_current_user(token_and_plan, live):
    assert_succeeded(token_and_plan, live)
    user = token_and_plan.read_json("user.json")
    assert user["username"] and user["licenseType"]


def test_jama_rest_access_plans_in_check_mode(token_and_plan, live):
    assert_succeeded(token_and_plan, live)
    plan = token_and_plan.read_json("plan.json")
    if plan.get("failed"):
        # Where the access group is missing, the module must say so and how to create it; any other failure is a finding.
        assert "not found" in plan["msg"] and "group" in plan["msg"], plan["msg"]
        return
    username = token_and_plan.read_json("user.json")["username"]
    assert username in plan["added"]["users"] + plan["unchanged"]["users"], plan


def test_role_in_check_mode_plans_without_writing(live, run_playbook):
    username_run = run_playbook(play({"name": "mint", "jama.connect.jama_token": {"fact_name": "live_token"}},
                                     dump("user", "live_token.user")), extra_vars=live.extra_vars, env=live.env)
    assert_succeeded(username_run, live)
    username = username_run.read_json("user.json")["username"]
    run = run_playbook(PLAYBOOKS / "grant_access.yml", extra_vars=dict(live.extra_vars, rest_api_access_users=[username]),
                       env=live.env, check=True)
    if run.rc != 0:
        messages = " ".join(str(entry["result"].get("msg", "")) for entry in run.failed())
        assert "group" in messages, run.describe()
        return
    assert live.client_secret not in run.output
