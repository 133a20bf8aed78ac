# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/preflight.yml against the simulator: the table it prints, one verdict a row, that it never writes, and that
it fails (the table printed first) where no module could work, so that it can gate a pipeline."""

from pathlib import Path

import pytest
import yaml
from jama_sim.simulator import Simulator

PLAYBOOK = Path(__file__).resolve().parents[2] / "playbooks" / "preflight.yml"
DEMO_SEED = Path(__file__).resolve().parents[2] / "tests" / "simulator" / "seeds" / "demo.yml"
TABLE_TASK = "Show what works and what the collection's defaults will do here"
GATE_TASK = "Stop when no module could work here"
VERDICTS = {"ok", "warn", "fail", "info"}
UI_STEP = "Admin > Organization > REST API > Configure access control, add the group"
ADMIN_SECRET = "admin-secret-0f8e2c"
CREDENTIALS = {
    "admin": ("admin-client", ADMIN_SECRET),
    "reports": ("reports-client", "reports-secret-3c9a71"),  # priya.patel: NAMED, in REST API Users, not an admin
    "floating": ("floating-client", "floating-secret-7e21d4"),  # ben.carter: FLOATING license
    "wrong secret": ("admin-client", "wrong-secret-9c1"),
}


def preflight(run_playbook, sim, who="admin", extra_vars=None, check=False, args=(), playbook=PLAYBOOK, url=None):
    client_id, secret = CREDENTIALS[who]
    env = {"JAMA_URL": url or sim.base_url, "JAMA_CLIENT_ID": client_id, "JAMA_CLIENT_SECRET": secret}
    return run_playbook(playbook, extra_vars=dict({"jama_allow_http": True}, **(extra_vars or {})), env=env, check=check,
                        args=args)


def table(run):
    """{check: (verdict, result, what the collection will do)} from the one table the play prints, passed or not."""
    lines = run.task(TABLE_TASK)["result"]["msg"]
    assert lines[0].startswith("check ") and set(lines[1]) <= set("-+"), lines
    rows = {}
    for line in lines[2:]:
        check, verdict, result, effect = [cell.strip() for cell in line.split(" | ", 3)]
        rows[check] = (verdict, result, effect)
    return rows


def passed(run):
    assert run.rc == 0, run.describe()
    return table(run)


def gate_failure(run):
    """The gate's message, after checking that the play failed there and only there."""
    assert run.rc != 0, run.describe()
    assert [entry["task"] for entry in run.failed()] == [GATE_TASK], run.describe()
    return run.task(GATE_TASK)["result"]["msg"]


def written(sim):
    """Requests other than reads and the token request, by route."""
    return dict((route, count) for route, count in sim.control.stats()["by_route"].items()
                if not route.startswith("GET ") and route != "POST /rest/oauth/token")


def demo_seed_without(group):
    seed = yaml.safe_load(DEMO_SEED.read_text(encoding="utf-8"))
    seed["groups"] = [entry for entry in seed["groups"] if entry["name"] != group]
    listed = seed.get("access_list", {})
    listed["groups"] = [name for name in listed.get("groups", []) if name != group]
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
    def test_passes_and_every_row_has_one_verdict(self, default_run):
        rows = passed(default_run)
        assert set(verdict for verdict, _result, _effect in rows.values()) <= VERDICTS
        assert "access list" not in rows

    def test_token_user_and_license(self, default_run):
        rows = passed(default_run)
        assert rows["token"][:2] == ("ok", rows["token"][1]) and rows["token"][1].startswith("minted, valid for 3")
        assert rows["current user"] == ("ok", "admin (license NAMED)", "may use the REST API")

    def test_admin_rights_are_unknown_where_no_read_tells(self, default_run):
        verdict, result, effect = passed(default_run)["org admin"]
        assert (verdict, result) == ("info", "unknown: Jama's API shows no admin flag to a read")
        assert "first write will tell" in effect

    def test_the_access_group_exists_and_its_listing_is_not_claimed(self, default_run):
        verdict, result, effect = passed(default_run)["access group"]
        assert (verdict, result) == ("ok", "REST API Users: exists (id 1), 3 members")
        assert effect.startswith("jama_rest_access grants by adding users to REST API Users")
        assert "only Admin > Organization > REST API shows" in effect

    def test_api_listing_latency_and_throttling(self, default_run):
        rows = passed(default_run)
        assert rows["GET /rest"] == ("ok", "lists v1, latest", "the modules call /rest/v1 only")
        assert rows["latency"][1].startswith("median ") and rows["latency"][1].endswith(" over 5 requests")
        assert rows["throttling"][1] == "no throttle header seen"
        assert rows["requests"][1] == "4 GET, 1 POST (the token): nothing written"

    def test_only_reads_and_one_token_request_reach_jama(self, default_run):
        assert default_run.writes == {}
        assert default_run.stats["by_route"]["POST /rest/oauth/token"] == 1
        assert default_run.stats["total"] == 5

    def test_no_secret_or_token_in_the_output_even_at_vvv(self, default_run):
        assert default_run.issued
        for secret in [ADMIN_SECRET] + default_run.issued:
            assert secret not in default_run.output


class TestTheGate:
    def test_a_wrong_secret_fails_after_printing_the_table(self, sim, run_playbook):
        run = preflight(run_playbook, sim, who="wrong secret")
        rows = table(run)
        verdict, result, effect = rows["token"]
        assert verdict == "fail" and result.startswith("FAILED: ") and "401" in result
        assert "jama_client_id and jama_client_secret" in effect
        assert rows["other checks"][:2] == ("info", "not run: they need a token")
        assert gate_failure(run).startswith("Failed: token (see the table above)")
        assert "wrong-secret-9c1" not in run.output
        assert sim.control.stats()["by_route"] == {"POST /rest/oauth/token": 1}

    def test_a_license_that_cannot_use_the_api_fails_on_the_current_user(self, sim, run_playbook):
        run = preflight(run_playbook, sim, who="floating")
        rows = table(run)
        verdict, result, effect = rows["current user"]
        assert verdict == "fail" and "403" in result and "This user is not permitted to use the API" in result
        assert effect.startswith("every module is refused: this user needs a Named Creator license")
        assert rows["org admin"][1] == "unknown: the current user could not be read"
        assert gate_failure(run).startswith("Failed: current user (see the table above)")
        assert written(sim) == {}

    def test_plain_http_without_jama_allow_http_is_refused_naming_that_variable(self, sim, run_playbook):
        client_id, secret = CREDENTIALS["admin"]
        run = run_playbook(PLAYBOOK, env={"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": client_id, "JAMA_CLIENT_SECRET": secret})
        assert run.rc != 0
        [failed] = run.failed()
        assert failed["task"] == "Refuse a plain-http Jama URL unless jama_allow_http is set"
        assert "set jama_allow_http: true" in failed["result"]["msg"]
        assert sim.control.stats()["total"] == 0


@pytest.fixture(scope="module")
def contour_simulator():
    """An instance served under the context path /contour, as many on-premises installs are."""
    simulator = Simulator(context_path="/contour").start()
    yield simulator
    simulator.stop()


def test_a_missing_context_path_fails_after_printing_the_table(contour_simulator, run_playbook):
    # The URL without /contour reaches the web application, which answers with its login page.
    run = preflight(run_playbook, contour_simulator, url=contour_simulator.root_url)
    rows = table(run)
    verdict, result, effect = rows["token"]
    assert verdict == "fail" and "HTML page" in result and "context path" in result
    assert "jama_url (with any context path" in effect
    assert gate_failure(run).startswith("Failed: token")
    # The same instance, with its context path, passes.
    assert passed(preflight(run_playbook, contour_simulator))["token"][0] == "ok"


def test_a_missing_access_group_warns_naming_the_variables_and_the_ui_step(sim, run_playbook):
    sim.control.reset(seed=demo_seed_without("REST API Users"))
    verdict, result, effect = passed(preflight(run_playbook, sim))["access group"]
    assert (verdict, result) == ("warn", "REST API Users: missing")
    assert effect.startswith("granting fails before any write: check rest_api_access_access_group")
    assert "rest_api_access_create_group: true" in effect and UI_STEP in effect
    assert written(sim) == {}


def test_a_typo_in_the_access_group_names_the_group_alike(sim, run_playbook):
    verdict, result, _effect = passed(preflight(run_playbook, sim, extra_vars={"rest_api_access_access_group": "REST API User"}))[
        "access group"]
    assert (verdict, result) == ("warn", "REST API User: missing; similar: REST API Users")


def test_access_group_named_by_the_role_variable(sim, run_playbook):
    verdict, result, effect = passed(preflight(run_playbook, sim, extra_vars={"rest_api_access_access_group": "Engineering"}))[
        "access group"]
    assert (verdict, result) == ("ok", "Engineering: exists (id 2), 13 members")
    assert effect.startswith("jama_rest_access grants by adding users to Engineering")


def test_a_non_admin_is_not_called_one_or_the_other(sim, run_playbook):
    rows = passed(preflight(run_playbook, sim, who="reports", check=True))
    assert rows["current user"] == ("ok", "priya.patel (license NAMED)", "may use the REST API")
    assert rows["org admin"][:2] == ("info", "unknown: Jama's API shows no admin flag to a read")
    assert written(sim) == {}


def test_a_404_for_the_api_listing_with_a_working_token_is_not_offered_not_a_wrong_path(sim, run_playbook):
    sim.control.fault(method="GET", path="/rest", status=404)
    rows = passed(preflight(run_playbook, sim))
    verdict, result, effect = rows["GET /rest"]
    assert (verdict, result) == ("info", "not offered (404)")
    assert "context path" not in result + effect
    assert rows["token"][0] == rows["current user"][0] == "ok"


def test_throttle_headers_are_reported(sim, run_playbook):
    sim.control.fault(method="GET", path="/rest", status=429, retry_after=1)
    rows = passed(preflight(run_playbook, sim))
    assert rows["throttling"] == ("info", "retry-after=1", "the modules honour Retry-After and pace to rate_limit")
    assert rows["latency"][1].endswith(" over 6 requests")


def test_the_module_keeps_the_token_and_secret_out_of_verbose_output_without_no_log(sim, run_playbook):
    tasks = [{"name": "info", "register": "info", "jama.connect.jama_instance_info": {
        "url": sim.base_url, "allow_http": True, "client_id": "admin-client", "client_secret": "{{ secret }}"}}]
    run = run_playbook([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}], extra_vars={"secret": ADMIN_SECRET},
                       args=("-vvv",))
    assert run.rc == 0, run.describe()
    info = run.task("info")["result"]
    assert [call["method"] for call in info["calls"]][:2] == ["POST", "GET"] and info["user"]["username"] == "admin"
    assert [check["check"] for check in info["checks"]][:2] == ["token", "current user"] and info["blocking"] == []
    issued = sim.control.tokens()
    assert issued
    for secret in [ADMIN_SECRET] + issued:
        assert secret not in run.output
    assert written(sim) == {}
