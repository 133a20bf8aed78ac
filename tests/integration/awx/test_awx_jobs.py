# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Job templates as AWX runs them: ansible-runner, the collection's playbooks, the credential type's injected environment.

A credential of docs/awx/credential_type.yml with only the URL, client ID and secret filled is
rendered by AWX's rules (jama_harness.awx); the request goes in as extra vars, and the verification
secret through a second credential's extra-vars injector, as docs/awx.md advises. What AWX stores of a
job (ansible-runner's artifacts: stdout and job events) must hold no secret and no token.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from jama_harness.awx import RunnerJob, credential_type, injected
from jama_harness.observed import observe
from jama_harness.seeds import ACCESS_GROUP, ADMIN_CLIENT, CI_CLIENT, DEMO_SECRETS
from jama_harness.state import TOKEN_ROUTE, group_members

PLAYBOOKS = Path(__file__).resolve().parents[3] / "playbooks"
# A second credential, for the service account's secret: its extra-vars injector feeds rest_api_access_verify.
VERIFY_CREDENTIAL_TYPE = {
    "inputs": {"fields": [{"id": "client_secret", "type": "string", "secret": True}]},
    "injectors": {"extra_vars": {"svc_ci_client_secret": "{{ client_secret }}"}},
}
GRANT_REQUEST = {
    "rest_api_access_users": ["svc-ci"],
    "rest_api_access_verify": [{"username": "svc-ci", "client_id": CI_CLIENT["client_id"],
                                "client_secret": "{{ svc_ci_client_secret }}"}],
    # The simulator serves plain HTTP on 127.0.0.1; a real instance is reached over HTTPS.
    "jama_allow_http": True,
}


def jama_credential(sim):
    """The job's environment from a Jama credential with only what the type requires."""
    inputs = {"url": sim.base_url, "client_id": ADMIN_CLIENT["client_id"], "client_secret": ADMIN_CLIENT["client_secret"]}
    return injected(credential_type(), inputs)["env"]


def connection_args(job):
    """module_args of every jama.connect module that reported its invocation in the job events."""
    return [result["invocation"]["module_args"] for _task, result in job.task_results()
            if "invocation" in result and "validate_certs" in result["invocation"].get("module_args", {})]


def assert_nothing_secret_stored(job, sim):
    stored = job.stored_text()
    tokens = sim.control.tokens()
    assert tokens, "the job minted no token"
    for value in list(DEMO_SECRETS) + list(tokens):
        assert value not in stored, "a secret or token is in the job's stdout or events"


@pytest.fixture(scope="module")
def runner(collections_path, tmp_path_factory):
    return RunnerJob(tmp_path_factory.mktemp("awx"), collections_path)


class TestGrantJobTemplate:
    @pytest.fixture(scope="class")
    @classmethod
    def jobs(cls, jama_simulator, runner):
        jama_simulator.control.reset()
        env = jama_credential(jama_simulator)
        extra_vars = dict(GRANT_REQUEST, **injected(VERIFY_CREDENTIAL_TYPE, {"client_secret": CI_CLIENT["client_secret"]})["extra_vars"])
        before = jama_simulator.control.state()
        first = runner(PLAYBOOKS, "grant_access.yml", env, extra_vars)
        first.state = jama_simulator.control.state()
        second = observe(jama_simulator, lambda: runner(PLAYBOOKS, "grant_access.yml", env, extra_vars))
        return before, first, second

    def test_the_credential_leaves_tls_verification_on(self, jama_simulator):
        env = jama_credential(jama_simulator)
        assert env["JAMA_VALIDATE_CERTS"] == "true" and env["JAMA_CA_PATH"] == ""

    def test_the_job_succeeds_and_grants_through_the_access_group(self, jobs):
        before, first, _second = jobs
        assert first.status == "successful" and first.rc == 0, first.describe()
        assert "svc-ci" not in group_members(before, ACCESS_GROUP)
        assert group_members(first.state, ACCESS_GROUP) == group_members(before, ACCESS_GROUP) | {"svc-ci"}
        assert sum(first.stats()["changed"].values()) >= 1

    def test_the_modules_verified_tls_and_ignored_the_empty_ca_path(self, jobs):
        args = connection_args(jobs[1])
        assert args, "no job event reported a module's connection options"
        assert all(entry["validate_certs"] is True and entry.get("ca_path") is None for entry in args), args

    def test_the_summary_reports_the_grant_and_the_verification(self, jobs):
        stdout = jobs[1].stdout
        assert "granted:   svc-ci" in stdout and "verified:  svc-ci (" in stdout

    def test_the_rerun_changes_no_task_and_writes_nothing(self, jobs):
        _before, first, second = jobs
        job = second.outcome
        assert job.status == "successful", job.describe()
        assert sum(job.stats()["changed"].values()) == 0, job.describe()
        assert not [task for task, result in job.task_results() if result.get("changed")]
        assert second.writes() == {} and second.after["groups"] == first.state["groups"]
        assert "nothing changed, already as requested" in job.stdout

    def test_no_secret_or_token_in_what_awx_stores(self, jobs, jama_simulator):
        for job in (jobs[1], jobs[2].outcome):
            assert job.event_files, "ansible-runner wrote no job events"
            assert_nothing_secret_stored(job, jama_simulator)


class TestAuditJobTemplate:
    """The read-only job template: only the token request and GETs reach Jama."""

    @pytest.fixture(scope="class")
    @classmethod
    def job(cls, jama_simulator, runner, tmp_path_factory):
        jama_simulator.control.reset()
        reports = tmp_path_factory.mktemp("audit")
        extra_vars = {"jama_allow_http": True, "jama_audit_markdown": str(reports / "audit.md"),
                      "jama_audit_csv": str(reports / "audit.csv")}
        seen = observe(jama_simulator, lambda: runner(PLAYBOOKS, "audit.yml", jama_credential(jama_simulator), extra_vars))
        seen.reports = reports
        return seen

    def test_the_job_succeeds_and_writes_its_report(self, job):
        run = job.outcome
        assert run.status == "successful", run.describe()
        members = group_members(job.after, ACCESS_GROUP)
        assert members
        with open(job.reports / "audit.csv", newline="", encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
        assert set(row["username"] for row in rows) == members

    def test_only_reads_reach_jama(self, job):
        assert job.traffic.get(TOKEN_ROUTE), job.traffic
        assert all(route.startswith("GET ") or route == TOKEN_ROUTE for route in job.traffic), job.traffic
        assert job.after == job.before

    def test_the_modules_verified_tls(self, job):
        args = connection_args(job.outcome)
        assert args and all(entry["validate_certs"] is True and entry.get("ca_path") is None for entry in args), args

    def test_no_secret_or_token_in_what_awx_stores(self, job, jama_simulator):
        assert_nothing_secret_stored(job.outcome, jama_simulator)
