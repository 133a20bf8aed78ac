# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/preflight.yml against the simulator: the table it prints, and that it never writes."""

from pathlib import Path

import pytest
import yaml

PLAYBOOK = Path(__file__).resolve().parents[2] / "playbooks" / "preflight.yml"
DEMO_SEED = Path(__file__).resolve().parents[2] / "tests" / "simulator" / "seeds" / "demo.yml"
TABLE_TASK = "Show what works and what the collection's defaults will do here"
ADMIN_SECRET = "admin-secret-0f8e2c"
CREDENTIALS = {
    "admin": ("admin-client", ADMIN_SECRET),
    "reports": ("reports-client", "reports-secret-3c9a71"),  # priya.patel: NAMED, in REST API Users, not an admin
    "floating": ("floating-client", "floating-secret-7e21d4"),  # ben.carter: FLOATING licence
}


def preflight(run_playbook, sim, who="admin", extra_vars=None, check=False, args=(), playbook=PLAYBOOK):
    client_id, secret = CREDENTIALS[who]
    env = {"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": client_id, "JAMA_CLIENT_SECRET": secret}
    return run_playbook(playbook, extra_vars=dict({"jama_allow_http": True}, **(extra_vars or {})), env=env, check=check,
                        args=args)


def table(run):
    """{check: (result, what the collection will do)} from the one table the play prints."""
    assert run.rc == 0, run.describe()
    lines = run.task(TABLE_TASK)["result"]["msg"]
    assert lines[0].startswith("check ") and set(lines[1]) <= set("-+"), lines
    rows = {}
    for line in lines[2:]:
        check, result, effect = [cell.strip() for cell in line.split(" | ", 2)]
        rows[check] = (result, effect)
    return rows


def written(sim):
    """Requests other than reads and the token request, by route."""
    return dict((route, count) for route, count in sim.control.stats()["by_route"].items()
                if not route.startswith("GET ") and route != "POST /rest/oauth/token")


def demo_seed_without(group):
    seed = yaml.safe_load(DEMO_SEED.read_text(encoding="utf-8"))
    seed["groups"] = [entry for entry in seed["groups"] if entry["name"] != group]
    seed["access_list"]["groups"] = [name for name in seed["access_list"]["groups"] if name != group]
    return seed


@pytest.fixture(scope="module")
def default_run(jama_simulator, run_playbook_once):
    """One verbose run against what published Jama serves, as the organization admin, by name as the README says."""
    jama_simulator.control.reset()
    run = preflight(run_playbook_once, jama_simulator, args=("-vvv",), playbook=Path("jama.connect.preflight"))
    run.stats = jama_simulator.control.stats()
    run.issued = jama_simulator.control.tokens()
    run.writes = written(jama_simulator)
    return run


class TestDefaultInstance:
    def test_token_user_and_licence(self, default_run):
        rows = table(default_run)
        assert rows["token"][0].startswith("minted, valid for 3")
        assert rows["current user"] == ("admin (licence NAMED)", "may use the REST API")

    def test_admin_rights_are_unknown_where_no_read_tells(self, default_run):
        result, effect = table(default_run)["org admin"]
        assert result == "unknown: Jama's API shows no admin flag to a read"
        assert "first write will tell" in effect

    def test_access_group_and_what_the_default_method_does(self, default_run):
        result, effect = table(default_run)["access group"]
        assert result == "REST API Users: exists (id 1), 3 members"
        assert effect == "jama_rest_access method=group: will grant by adding users to REST API Users"

    def test_access_list_is_not_served(self, default_run):
        result, effect = table(default_run)["access list"]
        assert result == "not served (404)"
        assert effect.startswith("method access_list: not served here")

    def test_api_listing_latency_and_throttling(self, default_run):
        rows = table(default_run)
        assert rows["GET /rest"] == ("lists v1, latest", "the modules call /rest/v1 only")
        assert rows["latency"][0].startswith("median ") and rows["latency"][0].endswith(" over 5 requests")
        assert rows["throttling"][0] == "no throttle header seen"
        assert rows["requests"][0] == "5 GET, 1 POST (the token): nothing written"

    def test_only_reads_and_one_token_request_reach_jama(self, default_run):
        assert default_run.writes == {}
        assert default_run.stats["by_route"]["POST /rest/oauth/token"] == 1
        assert default_run.stats["total"] == 6

    def test_no_secret_or_token_in_the_output_even_at_vvv(self, default_run):
        assert default_run.issued
        for secret in [ADMIN_SECRET] + default_run.issued:
            assert secret not in default_run.output


def test_missing_access_group_says_the_role_will_create_it(sim, run_playbook):
    sim.control.reset(seed=demo_seed_without("REST API Users"))
    result, effect = table(preflight(run_playbook, sim))["access group"]
    assert result == "REST API Users: missing"
    assert effect.startswith("access group missing: the role will create it (rest_api_access_create_group)")
    assert written(sim) == {}


def test_access_group_named_by_the_role_variable(sim, run_playbook):
    result, effect = table(preflight(run_playbook, sim, extra_vars={"rest_api_access_access_group": "Engineering"}))["access group"]
    assert result == "Engineering: exists (id 2), 13 members"
    assert effect.endswith("adding users to Engineering")


def test_floating_licence_is_refused_and_nothing_else_is_claimed(sim, run_playbook):
    rows = table(preflight(run_playbook, sim, who="floating"))
    result, effect = rows["current user"]
    assert "403" in result and "This user is not permitted to use the API" in result
    assert effect.startswith("every module is refused: this user needs a Named Creator licence")
    assert rows["org admin"][0] == "unknown: the current user could not be read"
    assert written(sim) == {}


def test_non_admin_is_told_where_the_access_list_shows_it(sim_access_list, run_playbook):
    rows = table(preflight(run_playbook, sim_access_list, who="reports", check=True))
    assert rows["current user"] == ("priya.patel (licence NAMED)", "may use the REST API")
    assert rows["org admin"][0] == "no: the admins-only REST API access list answered 403"
    assert "use an organization admin's credentials" in rows["org admin"][1]
    assert rows["access list"][0] == "served, for organization admins only (403)"
    assert written(sim_access_list) == {}


def test_admin_and_access_list_method_where_it_is_served(sim_access_list, run_playbook):
    rows = table(preflight(run_playbook, sim_access_list, extra_vars={"rest_api_access_method": "access_list"}))
    assert rows["org admin"][0] == "yes: it may read the admins-only REST API access list"
    assert rows["access list"] == ("served, managed access on", "method access_list: will grant through the access list")
    assert rows["access group"][1] == "not used with method access_list"


def test_throttle_headers_are_reported(sim, run_playbook):
    sim.control.fault(method="GET", path="/rest", status=429, retry_after=1)
    rows = table(preflight(run_playbook, sim))
    assert rows["throttling"] == ("retry-after=1", "the modules honour Retry-After and pace to rate_limit")
    assert rows["latency"][0].endswith(" over 6 requests")


def test_bad_secret_fails_the_token_row_only(sim, run_playbook):
    env = {"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": "wrong-secret-9c1"}
    run = run_playbook(PLAYBOOK, extra_vars={"jama_allow_http": True}, env=env)
    rows = table(run)
    assert rows["token"][0].startswith("FAILED: ") and "401" in rows["token"][0]
    assert rows["other checks"][0] == "not run: they need a token"
    assert "wrong-secret-9c1" not in run.output
    assert sim.control.stats()["by_route"] == {"POST /rest/oauth/token": 1}


def test_the_module_keeps_the_token_and_secret_out_of_verbose_output_without_no_log(sim, run_playbook):
    tasks = [{"name": "info", "register": "info", "jama.connect.jama_instance_info": {
        "url": sim.base_url, "allow_http": True, "client_id": "admin-client", "client_secret": "{{ secret }}"}}]
    run = run_playbook([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}], extra_vars={"secret": ADMIN_SECRET},
                       args=("-vvv",))
    assert run.rc == 0, run.describe()
    info = run.task("info")["result"]
    assert [call["method"] for call in info["calls"]][:2] == ["POST", "GET"] and info["user"]["username"] == "admin"
    issued = sim.control.tokens()
    assert issued
    for secret in [ADMIN_SECRET] + issued:
        assert secret not in run.output
    assert written(sim) == {}
