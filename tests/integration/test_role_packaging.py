# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role rest_api_access, its playbooks and its AWX packaging, against the simulator over real HTTP.

Packaging: the AWX credential type injects exactly the environment variables the modules document
as fallbacks, as ansible-doc shows them (doc fragments merged in; never from a copy here).
Role: bad input is refused by the role itself, each case with its own message, before any request;
the AWX path (connection from the environment only) grants, verifies end to end and is idempotent;
a service account that cannot use the API fails naming the account and never the secret.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
MODULES = ("jama_token", "jama_rest_access")
ENV_MENTION = re.compile(r"E\((JAMA_[A-Z_]+)\)")
# Throwaway values of the simulator's demo seed, passed as extra vars or environment only.
ADMIN_SECRET = "admin-secret-0f8e2c"
CI_SECRET = "ci-secret-5b7d1a"
FLOATING_SECRET = "floating-secret-7e21d4"
CONNECTION_ENV = ("JAMA_URL", "JAMA_CLIENT_ID", "JAMA_CLIENT_SECRET")
# Inputs that are the opposite of a module option: a boolean that the credential leaves out is false,
# so the input names the insecure choice and its injector sets the option's variable.
INVERTED_INPUTS = {"insecure_skip_tls_verify": "validate_certs"}


def documented_env(options):
    """option -> the JAMA_* variables its description names."""
    found = {}
    for option, spec in options.items():
        description = spec.get("description", [])
        text = " ".join(description) if isinstance(description, list) else str(description)
        names = set(ENV_MENTION.findall(text))
        if names:
            found[option] = names
    return found


def module_env_fallbacks(module, collections_path):
    """What ansible-doc shows for a module, its doc fragments merged in as Ansible merges them."""
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-doc"), "--json", "jama.connect.%s" % module]
    shown = subprocess.run(command, capture_output=True, text=True, check=True, timeout=120,
                           env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path))
    return documented_env(json.loads(shown.stdout)["jama.connect.%s" % module]["doc"]["options"])


@pytest.fixture(scope="module")
def credential_type():
    return yaml.safe_load((COLLECTION_ROOT / "docs" / "awx" / "credential_type.yml").read_text(encoding="utf-8"))


class TestAwxCredentialType:
    @pytest.mark.parametrize("module", MODULES)
    def test_each_injected_variable_is_the_documented_fallback_of_its_input(self, credential_type, module, collections_path):
        fallbacks = module_env_fallbacks(module, collections_path)
        injected = dict(credential_type["injectors"]["env"])
        for field in credential_type["inputs"]["fields"]:
            option = INVERTED_INPUTS.get(field["id"], field["id"])
            assert len(fallbacks.get(option, ())) == 1, "input %r is not an option with one documented env fallback in %s" % (option, module)
            variable = next(iter(fallbacks[option]))
            if option == field["id"]:
                assert injected.pop(variable) == "{{ %s }}" % field["id"]
            else:
                # What it renders to is tested with AWX's rules in tests/integration/awx.
                assert field["id"] in injected.pop(variable)
        assert injected == {}, "injected variables that no input fills: %s" % sorted(injected)

    def test_injects_the_connection_the_role_and_playbooks_rely_on(self, credential_type):
        assert set(CONNECTION_ENV) <= set(credential_type["injectors"]["env"])
        assert set(credential_type["inputs"]["required"]) == {"url", "client_id", "client_secret"}

    def test_only_the_secret_is_marked_secret(self, credential_type):
        assert [field["id"] for field in credential_type["inputs"]["fields"] if field.get("secret")] == ["client_secret"]

    def test_role_names_only_documented_environment_variables(self, collections_path):
        documented = set().union(*(set().union(*module_env_fallbacks(module, collections_path).values()) for module in MODULES))
        role_spec = (COLLECTION_ROOT / "roles" / "rest_api_access" / "meta" / "argument_specs.yml").read_text(encoding="utf-8")
        named = set(ENV_MENTION.findall(role_spec))
        assert named and named <= documented, named - documented


def role_case(name, role_vars):
    """Apply the role in a block and record, under ``name``, either 'applied' or the message it was refused with."""
    def record(value):
        return {"ansible.builtin.set_fact": {"outcomes": "{{ outcomes | combine({%r: %s}) }}" % (name, value)}}
    apply_role = {"name": "apply " + name, "ansible.builtin.include_role": {"name": "jama.connect.rest_api_access"}, "vars": role_vars}
    return {"name": name,
            "block": [apply_role, dict(record("'applied'"), name="record %s applied" % name)],
            "rescue": [dict(record("ansible_failed_result.msg"), name="record %s refused" % name)]}


class TestArgumentValidation:
    """One run, five bad inputs, each refused by the role with its own message, and not one request to Jama."""

    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, jama_simulator, run_playbook_once):
        jama_simulator.control.reset()
        valid = dict(jama_url=jama_simulator.base_url, jama_allow_http=True, jama_client_id="admin-client",
                     jama_client_secret="{{ admin_secret }}", rest_api_access_users=["svc-ci"])
        without_url = {key: value for key, value in valid.items() if key != "jama_url"}
        playbook = [{"hosts": "localhost", "gather_facts": False, "vars": {"outcomes": {}}, "tasks": [
            role_case("missing url", without_url),
            role_case("url with credentials", dict(valid, jama_url="{{ embedded_url }}")),
            role_case("users as a string", dict(valid, rest_api_access_users="svc-ci")),
            role_case("users as a mapping", dict(valid, rest_api_access_users={"name": "svc-ci"})),
            role_case("unknown state", dict(valid, rest_api_access_state="revoked")),
            {"name": "dump outcomes", "no_log": True,
             "ansible.builtin.copy": {"content": "{{ outcomes | to_json }}", "dest": "{{ jama_out }}/outcomes.json"}},
        ]}]
        embedded_url = jama_simulator.base_url.replace("://", "://admin-client:%s@" % ADMIN_SECRET, 1)
        run = run_playbook_once(playbook, extra_vars={"admin_secret": ADMIN_SECRET, "embedded_url": embedded_url})
        run.stats = jama_simulator.control.stats()
        return run

    def test_play_completes(self, run):
        assert run.rc == 0, run.describe()

    def test_missing_url(self, run):
        assert run.read_json("outcomes.json")["missing url"].startswith("jama_url is required: set it")

    def test_url_with_credentials_is_refused_without_echo(self, run):
        assert run.read_json("outcomes.json")["url with credentials"].startswith("jama_url (or JAMA_URL) must not embed credentials")

    def test_users_not_a_list(self, run):
        outcomes = run.read_json("outcomes.json")
        assert outcomes["users as a string"].startswith("rest_api_access_users and rest_api_access_groups must be YAML lists")
        assert "got str and list" in outcomes["users as a string"]
        assert "rest_api_access_users" in outcomes["users as a mapping"] and "unable to convert to list" in outcomes["users as a mapping"]

    def test_unknown_state(self, run):
        message = run.read_json("outcomes.json")["unknown state"]
        assert "value of rest_api_access_state must be one of: present, absent, got: revoked" in message

    def test_each_case_has_its_own_message(self, run):
        outcomes = run.read_json("outcomes.json")
        assert len(set(outcomes.values())) == 5 and "applied" not in outcomes.values()

    def test_no_request_reached_jama(self, run):
        assert run.stats["total"] == 0, run.stats

    def test_secret_stays_out_of_the_output(self, run):
        assert ADMIN_SECRET not in run.output and ADMIN_SECRET not in json.dumps(run.results)


class TestGrantFromTheEnvironment:
    """The AWX path: connection only from the credential type's variables, role variables as extra vars."""

    @pytest.fixture(scope="class")
    @classmethod
    def runs(cls, jama_simulator, run_playbook_once):
        jama_simulator.control.reset()
        env = {"JAMA_URL": jama_simulator.base_url, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": ADMIN_SECRET}
        extra_vars = {"jama_allow_http": True, "rest_api_access_users": ["svc-ci"],
                      "rest_api_access_verify": [{"username": "svc-ci", "client_id": "ci-client", "client_secret": "{{ ci_secret }}"}],
                      "ci_secret": CI_SECRET}
        playbook = COLLECTION_ROOT / "playbooks" / "grant_access.yml"
        first = run_playbook_once(playbook, extra_vars=extra_vars, env=env)
        first.state = jama_simulator.control.state()
        second = run_playbook_once(playbook, extra_vars=extra_vars, env=env)
        second.state = jama_simulator.control.state()
        return first, second, jama_simulator.control.tokens()

    def test_grants_through_the_rest_api_group_by_default(self, runs):
        first = runs[0]
        assert first.rc == 0, first.describe()
        members = [group["members"] for group in first.state["groups"] if group["name"] == "REST API Users"][0]
        assert "svc-ci" in members
        assert first.state["access_list"] == {"users": ["admin"], "groups": ["REST API Users"]}
        assert first.task("Apply the REST API access change")["result"]["changed"] is True

    def test_summary_reports_grant_and_verification(self, runs):
        summary = runs[0].task("Show the summary")["result"]["msg"]
        assert "granted:   svc-ci" in summary
        assert any(line.startswith("verified:  svc-ci (") for line in summary)

    def test_second_run_changes_nothing_and_says_so(self, runs):
        second = runs[1]
        assert second.rc == 0, second.describe()
        assert not [entry["task"] for entry in second.results if entry["result"].get("changed")]
        assert second.state["groups"] == runs[0].state["groups"]
        summary = second.task("Show the summary")["result"]["msg"]
        assert "nothing changed, already as requested" in summary[0]
        assert "unchanged: svc-ci" in summary

    def test_no_secret_or_token_in_the_output(self, runs):
        first, second, tokens = runs
        assert tokens
        for run in (first, second):
            recorded = json.dumps(run.results)
            for value in [ADMIN_SECRET, CI_SECRET] + tokens:
                assert value not in run.output and value not in recorded


class TestVerificationFailure:
    def test_names_the_account_and_not_the_secret(self, sim, run_playbook):
        run = run_playbook(COLLECTION_ROOT / "playbooks" / "grant_access.yml", extra_vars={
            "jama_url": sim.base_url, "jama_allow_http": True, "jama_client_id": "admin-client", "jama_client_secret": "{{ admin_secret }}",
            "rest_api_access_users": ["svc-ci"], "admin_secret": ADMIN_SECRET, "floating_secret": FLOATING_SECRET,
            "rest_api_access_verify": [{"name": "reporting bot", "client_id": "floating-client", "client_secret": "{{ floating_secret }}"}],
        })
        assert run.rc != 0
        [failed] = run.failed()
        message = failed["result"]["msg"]
        assert message.startswith("Service account reporting bot (client id floating-client) cannot use the REST API")
        assert "403" in message and "not permitted to use the API" in message
        for value in [ADMIN_SECRET, FLOATING_SECRET] + sim.control.tokens():
            assert value not in run.output and value not in json.dumps(run.results)


class TestPlaybooks:
    def test_get_token_prints_user_and_expiry_but_not_the_token(self, sim, run_playbook):
        run = run_playbook(COLLECTION_ROOT / "playbooks" / "get_token.yml", extra_vars={"jama_allow_http": True},
                           env={"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": ADMIN_SECRET})
        assert run.rc == 0, run.describe()
        message = run.task("Show whose token it is and until when")["result"]["msg"]
        assert message.startswith("Token for admin (Ada Admin, license NAMED)") and "valid until 20" in message
        [token] = sim.control.tokens()
        assert token not in run.output and ADMIN_SECRET not in run.output

    def test_audit_lists_who_has_access_and_changes_nothing(self, sim, run_playbook, tmp_path):
        run = run_playbook(COLLECTION_ROOT / "playbooks" / "audit.yml",
                           extra_vars={"jama_allow_http": True, "jama_audit_markdown": str(tmp_path / "audit.md"),
                                       "jama_audit_csv": str(tmp_path / "audit.csv")},
                           env={"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": ADMIN_SECRET})
        assert run.rc == 0, run.describe()
        lines = run.task("Summarize REST API access")["result"]["msg"]
        assert lines[0].startswith("REST API access at %s: members of access group REST API Users (id " % sim.base_url)
        assert lines[1] == "counted: 3 member(s) of REST API Users, 0 of them cannot use the API"
        assert "only Admin > Organization > REST API shows the list" in lines[2]
        assert all(name in (tmp_path / "audit.md").read_text(encoding="utf-8") for name in ("jane.doe", "john.smith", "priya.patel"))
        writes = {route: count for route, count in sim.control.stats()["by_route"].items() if not route.startswith("GET ")}
        assert writes == {"POST /rest/oauth/token": 1}
