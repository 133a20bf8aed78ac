# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers for the jama_rest_access integration tests: build the task, run it, read the simulator's own view.

Everything asserted about Jama comes from the simulator's /__sim/state and /__sim/stats, never from the module.
A Scenario is one playbook of several steps; right after each step the playbook snapshots the simulator's
state and request counts (on the controller, through the url lookup, so the snapshot costs no module run),
and the test asserts on each step's snapshot.
"""

from __future__ import annotations

import pytest
from jama_sim.pytest_plugin import jama_simulator, sim, sim_access_list  # noqa: F401  pylint: disable=unused-import

ADMIN_CLIENT = {"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c"}
SECRETS = ("admin-secret-0f8e2c", "ci-secret-5b7d1a")
WRITE_METHODS = ("POST", "PUT", "DELETE")
TOKEN_ROUTE = "POST /rest/oauth/token"
SNAPSHOT_FACT = "jama_sim_snapshot"
# Pipelining runs each module without copying it to a temporary file first: a quarter faster here.
PLAYBOOK_ENV = {"ANSIBLE_PIPELINING": "1"}


def _lookup(endpoint):
    return "{{ lookup('ansible.builtin.url', jama_sim_root ~ '/__sim/%s', split_lines=false) | from_json }}" % endpoint


def _snapshot_task(name):
    return {"name": "snapshot: %s" % name,
            "ansible.builtin.set_fact": {SNAPSHOT_FACT: {"state": _lookup("state"), "stats": _lookup("stats")}}}


def traffic_delta(before, after):
    routes = set(before["by_route"]) | set(after["by_route"])
    delta = dict((route, after["by_route"].get(route, 0) - before["by_route"].get(route, 0)) for route in routes)
    return dict((route, count) for route, count in delta.items() if count)


def listed(state):
    """The access list from a /__sim/state snapshot: {"users": set, "groups": set}."""
    return {"users": set(state["access_list"]["users"]), "groups": set(state["access_list"]["groups"])}


def group_members(state, group_name):
    for group in state["groups"]:
        if group["name"] == group_name:
            return set(group["members"])
    raise AssertionError("no group %r in the simulator" % group_name)


class Step:
    """One access task's result, with the simulator's state right after it and the traffic it caused."""

    def __init__(self, entry, state, traffic):
        self.status = entry["status"]
        self.result = entry["result"]
        self.state = state
        self.traffic = traffic

    failed = property(lambda self: self.status == "failed")
    changed = property(lambda self: bool(self.result.get("changed")))
    msg = property(lambda self: self.result.get("msg", ""))
    warnings = property(lambda self: self.result.get("warnings", []))
    access_list = property(lambda self: listed(self.state))

    def members(self, group_name):
        return group_members(self.state, group_name)

    def writes(self):
        """API write requests (the token request writes nothing to Jama's data)."""
        return dict((route, count) for route, count in self.traffic.items()
                    if route.split(" ", 1)[0] in WRITE_METHODS and route != TOKEN_ROUTE)

    def requests(self):
        return sum(self.traffic.values())


class Scenario:
    """A playbook of jama_rest_access steps, each followed by a snapshot of the simulator."""

    def __init__(self, simulator, credentials=None, module="jama.connect.jama_rest_access", **defaults):
        """``defaults`` go into every step (for example method="access_list"); a step's own options win."""
        self.simulator = simulator
        self.credentials = dict(credentials or ADMIN_CLIENT)
        self.module = module
        self.defaults = defaults
        self.names = []
        self.tasks = [_snapshot_task("start")]

    def step(self, step_name, check=False, diff=False, **options):
        """Add one task; ``options`` are the module's (``name`` among them, for modules that take one)."""
        arguments = dict(url=self.simulator.base_url, allow_http=True, **self.credentials)
        arguments.update(self.defaults)
        arguments.update(options)
        self.tasks.append({"name": "step: %s" % step_name, self.module: arguments,
                           "check_mode": check, "diff": diff, "ignore_errors": True})
        self.tasks.append(_snapshot_task(step_name))
        self.names.append(step_name)
        return self

    def play(self):
        return {"name": "%s scenario" % self.module, "hosts": "localhost", "gather_facts": False,
                "vars": {"jama_sim_root": self.simulator.root_url}, "tasks": self.tasks}

    def run(self, run_playbook, timeout=180):
        run = run_playbook([self.play()], env=PLAYBOOK_ENV, timeout=timeout)
        _assert_no_secret(run)
        return ScenarioRun(run, self.names)


def _assert_no_secret(run):
    for secret in SECRETS:
        assert secret not in run.output, "a client secret appeared in the output"


class ScenarioRun:
    def __init__(self, run, names):
        self.run = run
        snapshots = [e for e in run.results if e["task"].startswith("snapshot: ") and e["status"] == "ok"]
        if len(snapshots) != len(names) + 1:
            pytest.fail("the scenario did not run to its end:\n%s" % run.describe())
        self.steps = {}
        for index, name in enumerate(names):
            before = snapshots[index]["result"]["ansible_facts"][SNAPSHOT_FACT]
            after = snapshots[index + 1]["result"]["ansible_facts"][SNAPSHOT_FACT]
            self.steps[name] = Step(run.task("step: %s" % name), after["state"], traffic_delta(before["stats"], after["stats"]))

    def __getitem__(self, name):
        return self.steps[name]


def run_access(run_playbook, simulator, check=False, diff=False, credentials=None, timeout=180, **options):
    """Run the access task alone and return its Step.

    The snapshots come from the control client before and after the playbook instead of from tasks
    in it: with nothing else in the run, that is still right after the step, and it keeps a large
    simulator's state out of the playbook.
    """
    scenario = Scenario(simulator, credentials)
    scenario.tasks = []
    scenario.step("access", check=check, diff=diff, **options)
    scenario.tasks.pop()
    before = simulator.control.stats()
    run = run_playbook([scenario.play()], env=PLAYBOOK_ENV, timeout=timeout)
    state, after = simulator.control.state(), simulator.control.stats()
    _assert_no_secret(run)
    if not any(entry["task"] == "step: access" for entry in run.results):
        pytest.fail("the access task did not run:\n%s" % run.describe())
    return Step(run.task("step: access"), state, traffic_delta(before, after))


def small_seed(users, groups=(), access_users=("admin",), access_groups=(), managed_access=True):
    """A seed with the admin and its API client plus `users` (dicts or usernames) and `groups` ({name: members})."""
    people = [{"username": "admin", "password": "admin-password", "admin": True}]
    for entry in users:
        people.append(dict(entry) if isinstance(entry, dict) else {"username": entry})
    return {
        "managed_access": managed_access,
        "access_list": {"users": list(access_users), "groups": list(access_groups)},
        "users": people,
        "groups": [{"name": name, "members": list(members)} for name, members in dict(groups).items()],
        "clients": [dict(ADMIN_CLIENT, user="admin")],
    }
