# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The role over an inventory whose hosts are separate Jama instances: the README's own example, run as written.

Three simulators stand in for jama-dev, jama-test and jama-prod; only what points each host at its
simulator (URL, admin client id, plain HTTP) replaces the README's values. One ansible-playbook run
covers all three hosts. Each simulator's own state shows the grant its host asked for and no other;
a host with a wrong admin secret fails alone, while the other two complete. The README's first
example, a play over localhost alone, still manages the one instance the environment names.
"""

import json
import re
import time
from pathlib import Path

import pytest
import yaml
from jama_sim import Simulator

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
README = COLLECTION_ROOT / "roles" / "rest_api_access" / "README.md"
YAML_FENCE = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
HOSTS = ("jama-dev", "jama-test", "jama-prod")
# Throwaway values of the simulator's demo seed, which every simulator here starts from.
ADMIN_SECRET = "admin-secret-0f8e2c"
CI_SECRET = "ci-secret-5b7d1a"
SEED_MEMBERS = {"jane.doe", "john.smith", "priya.patel"}
TOKEN_ROUTE = "POST /rest/oauth/token"


def readme_example(first_line):
    """The one YAML example of the role README that starts with ``first_line``, as text."""
    blocks = [block for block in YAML_FENCE.findall(README.read_text(encoding="utf-8")) if block.startswith(first_line + "\n")]
    assert len(blocks) == 1, "expected one example starting %r in %s, found %d" % (first_line, README, len(blocks))
    return blocks[0]


def write_inventory(instances, directory):
    inventory = yaml.safe_load(readme_example("# inventory/jama.yml"))
    hosts = inventory["jama_instances"]["hosts"]
    assert sorted(hosts) == sorted(instances)
    for name, simulator in instances.items():
        hosts[name].update(jama_url=simulator.base_url, jama_client_id="admin-client", jama_allow_http=True)
    path = Path(directory) / "jama.yml"
    path.write_text(yaml.safe_dump(inventory, sort_keys=False), encoding="utf-8")
    return path


def vault(**admin_secrets):
    """What the README's vaulted vars file holds, for the simulators: the admin secrets, overridable per host."""
    values = {"vault_jama_%s_client_secret" % host.split("-")[1]: admin_secrets.get(host.split("-")[1], ADMIN_SECRET) for host in HOSTS}
    values["vault_ci_client_secrets"] = dict((host, CI_SECRET) for host in HOSTS)
    return values


def members(simulator, group="REST API Users"):
    return set(next(entry["members"] for entry in simulator.control.state()["groups"] if entry["name"] == group))


def writes(simulator):
    return dict((route, count) for route, count in simulator.control.stats()["by_route"].items()
                if not route.startswith("GET ") and route != TOKEN_ROUTE)


def recap(run):
    """host -> {ok, changed, failed, ...} from the PLAY RECAP."""
    found = {}
    for host, counters in re.findall(r"^(\S+)\s+:\s+(ok=.*)$", run.stdout, re.M):
        found[host] = dict((key, int(value)) for key, value in re.findall(r"(\w+)=(\d+)", counters))
    return found


def host_result(run, task, host):
    matches = [entry for entry in run.results if entry["task"] == task and entry["host"] == host]
    assert len(matches) == 1, "expected one %r result for %s, got %d:\n%s" % (task, host, len(matches), run.describe())
    return matches[0]


@pytest.fixture(scope="module")
def instances():
    """One demo-seeded simulator per inventory host, each on 127.0.0.1 and a port of its own."""
    started = dict((host, Simulator().start()) for host in HOSTS)
    yield started
    for simulator in started.values():
        simulator.stop()


def run_grant(instances, run_playbook_once, tmp_path_factory, **admin_secrets):
    for simulator in instances.values():
        simulator.control.reset()
    inventory = write_inventory(instances, tmp_path_factory.mktemp("inventory"))
    started = time.monotonic()
    run = run_playbook_once(readme_example("# grant.yml"), extra_vars=vault(**admin_secrets), args=("-i", str(inventory)))
    run.seconds = time.monotonic() - started
    return run


class TestEveryInstanceGetsItsOwnRun:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, instances, run_playbook_once, tmp_path_factory):
        return run_grant(instances, run_playbook_once, tmp_path_factory)

    def test_play_completes_on_every_host(self, run):
        assert run.rc == 0, run.describe()
        counters = recap(run)
        for host in HOSTS:
            assert counters[host]["failed"] == 0 and counters[host]["changed"] >= 1, counters

    def test_each_simulator_shows_the_grant_of_its_own_host(self, run, instances):
        assert members(instances["jama-dev"]) == SEED_MEMBERS | {"svc-ci", "li.wei"}
        assert members(instances["jama-test"]) == SEED_MEMBERS | {"svc-ci"}
        assert members(instances["jama-prod"]) == SEED_MEMBERS | {"svc-ci"}

    def test_each_host_talks_only_to_its_own_instance(self, run, instances):
        for host, simulator in instances.items():
            # One admin token and one svc-ci token each: no host reused another's, or called another's URL.
            assert simulator.control.stats()["by_route"][TOKEN_ROUTE] == 2, (host, simulator.control.stats())
            assert writes(simulator) == {"POST /rest/v1/usergroups/{id}/users": 2 if host == "jama-dev" else 1}, host

    def test_each_host_has_its_own_summary(self, run, instances):
        for host, simulator in instances.items():
            summary = host_result(run, "Show the summary", host)["result"]["msg"]
            assert summary[0].startswith("REST API access at %s " % simulator.base_url), summary
            assert summary[1] == ("granted:   li.wei, svc-ci" if host == "jama-dev" else "granted:   svc-ci"), summary
            assert any(line.startswith("verified:  svc-ci (") for line in summary), summary

    def test_no_secret_in_the_output(self, run, instances):
        tokens = [token for simulator in instances.values() for token in simulator.control.tokens()]
        assert len(tokens) == 6
        for value in [ADMIN_SECRET, CI_SECRET] + tokens:
            assert value not in run.output and value not in json.dumps(run.results)


class TestOneHostWithBadCredentials:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, instances, run_playbook_once, tmp_path_factory):
        return run_grant(instances, run_playbook_once, tmp_path_factory, test="not-the-secret")

    def test_playbook_fails_and_the_recap_names_the_host(self, run):
        assert run.rc != 0, run.describe()
        counters = recap(run)
        assert counters["jama-test"]["failed"] == 1, counters
        assert counters["jama-dev"]["failed"] == 0 and counters["jama-prod"]["failed"] == 0, counters

    def test_only_that_host_failed_with_the_admin_token_reason(self, run, instances):
        [failed] = run.failed()
        assert failed["host"] == "jama-test"
        assert failed["result"]["msg"].startswith("Could not get an admin token from %s:" % instances["jama-test"].base_url)

    def test_the_other_hosts_completed_their_grants(self, run, instances):
        assert members(instances["jama-dev"]) == SEED_MEMBERS | {"svc-ci", "li.wei"}
        assert members(instances["jama-prod"]) == SEED_MEMBERS | {"svc-ci"}
        for host in ("jama-dev", "jama-prod"):
            assert host_result(run, "Show the summary", host)["status"] == "ok"

    def test_nothing_changed_on_the_failed_instance(self, run, instances):
        assert members(instances["jama-test"]) == SEED_MEMBERS
        assert writes(instances["jama-test"]) == {}


class TestLocalhostAlone:
    def test_the_single_instance_example_grants_on_the_instance_the_environment_names(self, sim, run_playbook):
        env = {"JAMA_URL": sim.base_url, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": ADMIN_SECRET}
        run = run_playbook(readme_example("- hosts: localhost"), env=env,
                           extra_vars={"jama_allow_http": True, "vault_ci_client_secret": CI_SECRET})
        assert run.rc == 0, run.describe()
        assert members(sim) == SEED_MEMBERS | {"svc-ci"}
        assert any(line.startswith("verified:  svc-ci (") for line in run.task("Show the summary")["result"]["msg"])
