# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a new user reads in the first hour: each mistake gets a message that says what to check next.

Module cases share one play (the reliability harness); role and playbook cases each run the real role
or playbook. Everything runs against simulators: the shared demo one (reset per case, SSO switched on
where a case needs it), one below the context path /contour, and one that serves only HTTPS.
(A token string starting with ``Bearer `` is accepted: security/test_secret_shapes.py grants with one.)
"""

from __future__ import annotations

import pytest
from jama_harness.cases import Case
from jama_harness.drivers import PlayDriver
from jama_harness.seeds import ADMIN_CLIENT, TOKEN, connection
from jama_sim import Simulator
from jama_sim.pki import Pki

ADMIN_VARS = {"jama_client_id": "admin-client", "jama_client_secret": "admin-secret-0f8e2c"}
BEN_CARTER = {"username": "ben.carter", "client_id": "floating-client", "client_secret": "floating-secret-7e21d4"}
ROLE_PLAY = [{"name": "Grant REST API access", "hosts": "localhost", "gather_facts": False,
              "roles": [{"role": "jama.connect.rest_api_access"}]}]


@pytest.fixture(scope="module")
def contour_sim():
    with Simulator(context_path="/contour") as simulator:
        yield simulator


@pytest.fixture(scope="module")
def https_sim(tmp_path_factory):
    pki = Pki(tmp_path_factory.mktemp("pki"))
    with Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key)) as simulator:
        yield simulator


def mistake_cases(sim, contour_sim, https_sim):
    """(case, regexes the message must contain, texts it must not contain)."""
    plain_port = sim.base_url.rsplit(":", 1)[1]
    return [
        (Case("no context path in url", connection(sim, url=contour_sim.root_url), module=TOKEN),
         ["answered with an HTML page, so url's context path is probably wrong or missing", "https://host/contour"], []),
        (Case("a context path the server lacks", connection(sim, url=sim.base_url + "/contour", users=["li.wei"])),
         ["/contour/rest/oauth/token answered with an HTML page, so url's context path is probably wrong or missing"], []),
        (Case("wrong client secret", connection(sim, client_secret="not-the-secret"), module=TOKEN),
         ["refused the client credentials for client_id 'admin-client'", "client_id and client_secret", "revoked"], []),
        (Case("unknown token", connection(sim, {"token": "abc.def.ghi"}, users=["li.wei"])),
         ["authentication failed", "expired", "revoked", "jama.connect.jama_token"], []),
        (Case("basic auth with SSO on", connection(sim, {"auth_username": "admin", "auth_password": "admin-password"}, users=["li.wei"]),
              config={"sso": True}),
         ["authentication failed", "Once SSO is on, Jama refuses basic authentication", "client_id/client_secret"], []),
        (Case("no url", dict(connection(sim, users=["li.wei"]), url=None)), ["url is required", "JAMA_URL"], []),
        (Case("http without allow_http", connection(sim, allow_http=False, users=["li.wei"])), [r"allow_http: true"], []),
        (Case("https to a plain-http server", connection(sim, url="https://127.0.0.1:" + plain_port, users=["li.wei"])),
         ["TLS connection to https://127.0.0.1:%s failed" % plain_port, "answered without TLS", "plain http://"], ["ca_path"]),
        (Case("http to an https-only server", connection(sim, url=https_sim.base_url.replace("https:", "http:"), allow_http=True),
              module=TOKEN),
         ["cannot reach http://", "may accept only https://"], []),
    ]


class TestModuleMessages:
    @pytest.fixture(scope="class")
    @classmethod
    def outcomes(cls, jama_simulator, contour_sim, https_sim, run_playbook_once, module_cases):
        table = mistake_cases(jama_simulator, contour_sim, https_sim)
        nothing = Case("nothing requested", connection(jama_simulator))
        cases = [case for case, _patterns, _absent in table] + [nothing]
        for case in cases:
            case.args = dict((key, value) for key, value in case.args.items() if value is not None)
        # jama_token checks its options in its action plugin, on the controller: its cases run in a play.
        outcomes = dict(module_cases.run(jama_simulator, [case for case in cases if case.module != TOKEN]))
        outcomes.update(PlayDriver(run_playbook_once).run(jama_simulator, [case for case in cases if case.module == TOKEN]))
        return table, outcomes

    def test_each_mistake_is_named_and_says_what_to_check(self, outcomes):
        table, results = outcomes
        problems = []
        for case, patterns, absent in table:
            outcome = results[case.name]
            if not outcome.failed:
                problems.append("%s: did not fail" % case.name)
                continue
            problems.extend("%s: %r not in %r" % (case.name, text, outcome.msg) for text in patterns if text not in outcome.msg)
            problems.extend("%s: %r in %r" % (case.name, text, outcome.msg) for text in absent if text in outcome.msg)
        assert not problems, "\n".join(problems)

    def test_failures_carry_no_null_keys(self, outcomes):
        table, results = outcomes
        for case, _patterns, _absent in table:
            result = results[case.name].result
            assert [key for key in ("status", "method", "path") if key in result and result[key] is None] == [], case.name
        assert not {"status", "method", "path"} & set(results["no url"].result)
        assert results["unknown token"].result["status"] == 401

    def test_a_request_with_no_users_says_it_did_nothing(self, outcomes):
        outcome = outcomes[1]["nothing requested"]
        assert outcome.status == "ok" and not outcome.changed and not outcome.writes()
        assert "Nothing requested: users is empty" in outcome.result["msg"]
        assert any("Nothing requested" in warning for warning in outcome.result.get("warnings", []))


def role_message(run, task):
    return str(run.task(task)["result"].get("msg", ""))


class TestRoleAndPlaybookMessages:
    def test_http_url_without_jama_allow_http_names_the_role_variable(self, sim, run_playbook):
        run = run_playbook(ROLE_PLAY, extra_vars=dict(ADMIN_VARS, jama_url=sim.base_url, rest_api_access_users=["li.wei"]))
        assert run.rc != 0
        message = role_message(run, "Refuse a plain-http Jama URL unless jama_allow_http is set")
        assert "jama_allow_http: true" in message and "Nothing was sent to Jama" in message
        assert sim.control.stats()["total"] == 0

    def test_get_token_playbook_names_jama_allow_http_too(self, sim, run_playbook, collections_path):
        playbook = "%s/ansible_collections/jama/connect/playbooks/get_token.yml" % collections_path
        run = run_playbook(playbook, extra_vars=dict(ADMIN_VARS, jama_url=sim.base_url))
        assert run.rc != 0 and "jama_allow_http: true" in role_message(run, "Refuse a plain-http Jama URL unless jama_allow_http is set")
        assert sim.control.stats()["total"] == 0

    def test_failed_verification_says_the_grant_was_applied(self, sim, run_playbook):
        run = run_playbook(ROLE_PLAY, extra_vars=dict(ADMIN_VARS, jama_url=sim.base_url, jama_allow_http=True,
                                                      rest_api_access_users=["ben.carter"], rest_api_access_verify=[BEN_CARTER]))
        assert run.rc != 0
        message = role_message(run, "Check the account reached the REST API as itself, ben.carter")
        assert "Service account ben.carter (client id floating-client) cannot use the REST API" in message
        assert "The access change itself was applied before this check (granted: ben.carter; revoked: none)" in message
        members = [group["members"] for group in sim.control.state()["groups"] if group["name"] == "REST API Users"][0]
        assert "ben.carter" in members

    def test_failed_verification_says_whether_a_change_was_needed(self, sim, run_playbook):
        variables = dict(ADMIN_VARS, jama_url=sim.base_url, jama_allow_http=True, rest_api_access_users=["svc-ci"],
                         rest_api_access_verify=[BEN_CARTER])
        first, second = run_playbook(ROLE_PLAY, extra_vars=variables), run_playbook(ROLE_PLAY, extra_vars=variables)
        task = "Check the account reached the REST API as itself, ben.carter"
        assert "applied before this check (granted: svc-ci; revoked: none)" in role_message(first, task), first.describe()
        assert "The access change itself was not needed" in role_message(second, task), second.describe()

    def test_empty_request_says_nothing_was_requested(self, sim, run_playbook):
        run = run_playbook(ROLE_PLAY, extra_vars=dict(ADMIN_VARS, jama_url=sim.base_url, jama_allow_http=True))
        assert run.rc == 0, run.describe()
        summary = run.task("Show the summary")["result"]["msg"]
        assert summary[0].endswith("nothing requested: rest_api_access_users and rest_api_access_service_accounts "
                                   "are both empty, so nothing was granted or revoked"), summary


def test_demo_names_the_simulator_and_its_accounts_and_runs_the_pipeline(sim, run_playbook, collections_path, tmp_path):
    playbook = "%s/ansible_collections/jama/connect/playbooks/demo.yml" % collections_path
    run = run_playbook(playbook, env={"JAMA_URL": sim.base_url}, extra_vars={"jama_demo_report_dir": str(tmp_path)}, timeout=300)
    assert run.rc == 0, run.describe()
    lines = run.task("Name the simulator and the accounts the demo uses")["result"]["msg"]
    assert lines[0].startswith("Jama Connect simulator at %s" % sim.base_url)
    assert "API client admin-client" in lines[1] and lines[2].startswith("svc-build: a new service account")
    assert lines[3].startswith("svc-ci: CI service account, API client ci-client")
    # The pipeline: the new account exists as a Named Creator, both accounts are in the access group, the audit wrote.
    state = sim.control.state()
    build = next(user for user in state["users"] if user["username"] == "svc-build")
    assert build["licenseType"] == "NAMED" and build["active"]
    members = next(group for group in state["groups"] if group["name"] == "REST API Users")["members"]
    assert {"svc-build", "svc-ci"} <= set(members)
    assert "svc-build" in (tmp_path / "jama-demo-audit.csv").read_text(encoding="utf-8")
    assert ADMIN_CLIENT["client_secret"] not in run.output and "demo-build-password" not in run.output


def test_check_mode_set_on_the_role_plans_as_under_check(sim, run_playbook):
    """check_mode: true on the role (not --check) leaves ansible_check_mode false; the role still knows it writes nothing."""
    play = [{"name": "Plan REST API access", "hosts": "localhost", "gather_facts": False,
             "roles": [{"role": "jama.connect.rest_api_access", "check_mode": True}]}]
    svc_ci = {"username": "svc-ci", "client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
    run = run_playbook(play, extra_vars=dict(ADMIN_VARS, jama_url=sim.base_url, jama_allow_http=True,
                                             rest_api_access_users=["svc-ci"], rest_api_access_verify=[svc_ci]))
    assert run.rc == 0, run.describe()
    summary = run.task("Show the summary")["result"]["msg"]
    assert "would change, check mode: nothing written" in summary[0] and "would grant:  svc-ci" in summary
    assert "not verified in check mode: svc-ci's access is only planned (would be granted)" in summary
    writes = [route for route in sim.control.stats()["by_route"] if not route.startswith("GET ") and route != "POST /rest/oauth/token"]
    assert writes == []
