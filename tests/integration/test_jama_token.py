# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_token end to end: ansible-playbook against the simulator over real HTTP(S), asserting on output and simulator state."""

import datetime
import json
import socket
import sys
import time

import pytest

from jama_sim import Simulator
from jama_sim.pki import Pki

# Secrets travel as extra vars and appear in playbooks only as templates, as in real playbooks:
# ansible-core 2.19 quotes the task's source lines in error reports.
SECRETS = {"admin_secret": "admin-secret-0f8e2c", "ci_secret": "ci-secret-5b7d1a", "wrong_secret": "wrong-secret-9c1"}
ADMIN = dict(client_id="admin-client", client_secret="{{ admin_secret }}")
CI = dict(client_id="ci-client", client_secret="{{ ci_secret }}")
TOKEN_ROUTE = "POST /rest/oauth/token"
USER_ROUTE = "GET /rest/v1/users/current"


def play(*tasks, check_mode=None):
    body = {"hosts": "localhost", "gather_facts": False, "tasks": list(tasks)}
    if check_mode is not None:
        body["check_mode"] = check_mode
    return [body]


def token_task(name="get token", register=None, **options):
    task = {"name": name, "jama.connect.jama_token": options}
    if register:
        task["register"] = register
    return task


def dump(name, expression):
    """A task writing an expression to jama_out/<name>.json, itself hidden, and run even in check mode."""
    return {"name": "dump " + name, "no_log": True, "check_mode": False,
            "ansible.builtin.copy": {"content": "{{ %s | to_json }}" % expression, "dest": "{{ jama_out }}/%s.json" % name}}


def connection(sim, **extra):
    return dict(url=sim.base_url, allow_http=True, **extra)


def routes(sim):
    return sim.control.stats()["by_route"]


def failure(run, name="get token"):
    entry = run.task(name)
    assert entry["status"] == "failed", run.describe()
    return entry["result"]["msg"]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tolerated(task, **extra):
    """Let a task fail without ending the play, so one run can check several failures in turn."""
    return dict(task, ignore_errors=True, **extra)


class TestValidToken:
    """One run, in check mode and at -vvv: mint, reuse, re-mint for more validity, another client."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        jama_simulator.control.reset()
        options = connection(jama_simulator, **ADMIN)
        before = int(time.time())
        run = run_playbook_once(play(
            token_task("mint", register="mint", **options),
            dump("minted", "jama_token"),
            token_task("reuse", register="reuse", **options),
            token_task("longer validity", register="longer", min_validity=3600, **options),
            dump("flags", "[mint.reused, reuse.reused, reuse.token.expires_at_epoch == mint.token.expires_at_epoch, longer.reused,"
                          " (longer.token.access_token | hash('sha1')) != (mint.token.access_token | hash('sha1'))]"),
            token_task("other client", check_access=False, **connection(jama_simulator, **CI)),
            dump("last", "jama_token"),
        ), extra_vars=SECRETS, check=True, args=("-vvv",))
        run.started, run.finished = before, int(time.time()) + 1
        run.stats = jama_simulator.control.stats()
        run.issued = jama_simulator.control.tokens()
        return run

    def test_play_succeeds(self, run):
        assert run.rc == 0, run.describe()

    def test_this_core_is_one_the_collection_claims(self, run):
        # Below meta/runtime.yml's requires_ansible, ansible-core still runs the collection but warns on every run.
        assert "does not support Ansible version" not in run.output, run.describe()

    def test_fact_shape(self, run, jama_simulator):
        fact = run.read_json("minted.json")
        # Today's token answer (since July 2024): no scope, tenant or jti.
        assert set(fact) == {"access_token", "token_type", "expires_in", "expires_at", "expires_at_epoch", "url", "client_id", "user"}
        assert (fact["url"], fact["client_id"], fact["token_type"]) == (jama_simulator.base_url, "admin-client", "Bearer")
        assert fact["user"]["username"] == "admin" and fact["access_token"] in run.issued

    def test_expiry_math(self, run):
        fact = run.read_json("minted.json")
        expires = datetime.datetime.strptime(fact["expires_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
        assert expires.timestamp() == fact["expires_at_epoch"]
        assert run.started <= fact["expires_at_epoch"] - fact["expires_in"] <= run.finished

    def test_check_mode_runs_for_real_and_changes_nothing(self, run):
        for name in ("mint", "reuse", "longer validity", "other client"):
            entry = run.task(name)
            assert entry["status"] == "ok" and entry["result"]["changed"] is False, name

    def test_reuse_makes_zero_requests_and_more_validity_re_mints(self, run):
        assert run.read_json("flags.json") == [False, True, True, False, True]
        # mint: token + user; reuse: nothing; longer validity: token + user; other client without check_access: token.
        assert run.stats["by_route"] == {TOKEN_ROUTE: 3, USER_ROUTE: 2}
        assert run.read_json("last.json")["client_id"] == "ci-client" and "user" not in run.read_json("last.json")

    def test_no_token_and_no_secret_in_the_output(self, run):
        recorded = json.dumps(run.results)
        for token in run.issued:
            assert token not in run.output and token not in recorded
        for secret in SECRETS.values():
            assert secret not in run.output and secret not in recorded
        assert all("censored" in run.task(name)["result"] for name in ("mint", "reuse", "longer validity", "other client"))


class TestModuleDefaultsAndEnvironment:
    def test_defaults_for_the_action_group_and_a_secret_from_the_environment(self, sim, run_playbook):
        playbook = [{"hosts": "localhost", "gather_facts": False,
                     "module_defaults": {"group/jama.connect.jama": {"url": sim.base_url, "allow_http": True, "client_id": "admin-client"}},
                     "tasks": [token_task("first"), token_task("second", register="second", expose_token=True), dump("reused", "second.reused"),
                               dump("token", "jama_token.access_token")]}]
        # JAMA_TOKEN in the environment must not conflict with the explicit client_id.
        run = run_playbook(playbook, env={"JAMA_CLIENT_SECRET": SECRETS["admin_secret"], "JAMA_TOKEN": "stale-token-from-env"}, args=("-v",))
        assert run.rc == 0, run.describe()
        assert run.read_json("reused.json") is True and routes(sim) == {TOKEN_ROUTE: 1, USER_ROUTE: 1}
        # expose_token shows the second (reused) result; the first stays hidden.
        assert run.read_json("token.json") in json.dumps(run.task("second")["result"])
        assert "censored" in run.task("first")["result"] and SECRETS["admin_secret"] not in run.output


class TestErrors:
    """One run, each failing task tolerated; every message is checked on its own."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, tls_simulator, run_playbook_once):
        jama_simulator.control.reset()
        tls, ca_path = tls_simulator
        # Faults match the next requests in order: the timeout task is the first to ask for a token.
        jama_simulator.control.fault(method="POST", path="/rest/oauth/token", delay=3, count=1)
        run = run_playbook_once(play(
            tolerated(token_task("timeout", timeout=1, **connection(jama_simulator, **ADMIN))),
            tolerated(token_task("wrong secret", **connection(jama_simulator, client_id="admin-client")),
                      environment={"JAMA_CLIENT_SECRET": "{{ wrong_secret }}"}),
            tolerated(token_task("denied", **connection(jama_simulator, **CI))),
            tolerated(token_task("context path", url=jama_simulator.base_url + "/contour", allow_http=True, **ADMIN)),
            tolerated(token_task("plain http", url=jama_simulator.base_url, **ADMIN)),
            tolerated(token_task("unreachable", url="http://127.0.0.1:%d" % closed_port(), allow_http=True, retries=1, **ADMIN)),
            tolerated(token_task("untrusted certificate", url=tls.base_url, **ADMIN)),
            token_task("private CA", url=tls.base_url, ca_path=ca_path, **ADMIN),
            dump("tls_user", "jama_token.user.username"),
        ), extra_vars=SECRETS)
        run.simulators = (jama_simulator.base_url, tls.base_url)
        run.stats = jama_simulator.control.stats()
        return run

    def test_only_the_expected_tasks_failed(self, run):
        assert run.rc == 0, run.describe()
        assert [entry["task"] for entry in run.failed()] == ["timeout", "wrong secret", "denied", "context path", "plain http",
                                                             "unreachable", "untrusted certificate"]

    def test_timeout(self, run):
        assert "no response from %s within 1 s" % run.simulators[0] in failure(run, "timeout")

    def test_wrong_secret_names_the_client_and_never_the_secret(self, run):
        assert "Jama refused the client credentials for client_id 'admin-client' (POST /rest/oauth/token -> 401)" in failure(run, "wrong secret")
        assert "wrong-secret-9c1" not in run.output and "wrong-secret-9c1" not in json.dumps(run.results)

    def test_user_without_rest_access(self, run):
        # Today's token answer does not say whose token it is, so the message cannot name the user.
        assert ("denies its user the REST API (GET /rest/v1/users/current -> 403): This user is not permitted to use the API"
                in failure(run, "denied"))

    def test_wrong_context_path_is_recognised_as_html(self, run):
        message = failure(run, "context path")
        assert "%s/contour/rest/oauth/token answered with an HTML page" % run.simulators[0] in message and "context path" in message

    def test_http_is_refused_without_allow_http_before_any_request(self, run):
        assert "allow_http" in failure(run, "plain http")
        # timeout, wrong secret, denied (token + user), context path: the plain http task sent nothing.
        assert run.stats["total"] == 5

    def test_unreachable_host(self, run):
        assert "Connection refused" in failure(run, "unreachable") and "cannot reach http://127.0.0.1:" in failure(run, "unreachable")

    def test_untrusted_certificate_points_to_ca_path(self, run):
        message = failure(run, "untrusted certificate")
        assert "TLS connection to %s failed: certificate verify failed" % run.simulators[1] in message and "ca_path" in message

    def test_private_ca_through_ca_path(self, run):
        assert run.read_json("tls_user.json") == "admin"

    def test_no_secret_in_any_message(self, run):
        for secret in SECRETS.values():
            assert secret not in run.output and secret not in json.dumps(run.results)


class TestRecovery:
    def test_throttling_503_and_a_refused_token_are_recovered(self, sim, run_playbook):
        sim.control.fault(method="POST", path="/rest/oauth/token", status=429, count=2, retry_after=0)
        sim.control.fault(method="GET", path="/rest/v1/users/current", status=503, count=2)
        sim.control.fault(method="GET", path="/rest/v1/users/current", status=401, count=1)
        run = run_playbook(play(token_task(**connection(sim, **ADMIN)), dump("fact", "jama_token")), extra_vars=SECRETS)
        assert run.rc == 0, run.describe()
        # token: 429, 429, 200, then a re-mint after the 401; user: 503, 503, 401, 200.
        assert routes(sim) == {TOKEN_ROUTE: 4, USER_ROUTE: 4}
        assert sim.control.stats()["by_status"] == {"429": 2, "503": 2, "401": 1, "200": 3}
        issued = sim.control.tokens()
        assert len(issued) == 2 and run.read_json("fact.json")["access_token"] in issued

    def test_client_re_mints_once_after_the_server_expired_its_token(self, sim, collections_path):
        if collections_path not in sys.path:
            sys.path.insert(0, collections_path)
        from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import ClientCredentialsAuth  # pylint: disable=import-outside-toplevel
        from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient  # pylint: disable=import-outside-toplevel
        client = JamaClient(sim.base_url, ClientCredentialsAuth("admin-client", SECRETS["admin_secret"]))
        assert client.current_user()["username"] == "admin"
        sim.control.expire_tokens()
        assert client.current_user()["username"] == "admin"
        assert routes(sim) == {TOKEN_ROUTE: 2, USER_ROUTE: 3} and client.request_count == 5


@pytest.fixture(scope="module")
def tls_simulator(tmp_path_factory):
    pki = Pki(tmp_path_factory.mktemp("tls"))
    simulator = Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key)).start()
    yield simulator, str(pki.ca)
    simulator.stop()


class TestTokenAnswers:
    """Today's answer and the one Jama sent before July 2024 both make a fact that other modules accept."""

    @pytest.mark.parametrize("legacy", [False, True], ids=["today", "before-2024"])
    def test_each_answer_gives_a_usable_fact(self, run_playbook, sim, legacy):
        sim.control.configure(legacy_token_answer=legacy)
        run = run_playbook(play(
            token_task(**connection(sim, **ADMIN)),
            {"name": "use the fact", "jama.connect.jama_rest_access": connection(sim, token="{{ jama_token }}", users=["svc-ci"])},
            dump("fact", "jama_token | dict2items | rejectattr('key', 'equalto', 'access_token') | items2dict"),
        ), extra_vars=SECRETS)
        assert run.rc == 0, run.describe()
        fact = run.read_json("fact.json")
        assert fact["token_type"] == ("bearer" if legacy else "Bearer")
        assert ({"scope", "tenant", "jti"} <= set(fact)) is legacy
        members = [g for g in sim.control.state()["groups"] if g["name"] == "REST API Users"][0]["members"]
        assert "svc-ci" in members
