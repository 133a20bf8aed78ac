# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers for the jama_rest_access integration tests: build the task, run it, read the simulator's own view.

Everything asserted about Jama comes from the simulator's /__sim/state and /__sim/stats, never from the module.
"""

from __future__ import annotations

import pytest
from jama_sim.pytest_plugin import jama_simulator, sim  # noqa: F401  pylint: disable=unused-import

ADMIN_CLIENT = {"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c"}
CI_CLIENT = {"client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
SECRETS = ("admin-secret-0f8e2c", "ci-secret-5b7d1a")
WRITE_METHODS = ("POST", "PUT", "DELETE")
TOKEN_ROUTE = "POST /rest/oauth/token"
TASK = "access"


def access_play(base_url, credentials=None, **options):
    """A one-task play calling jama_rest_access with the admin's client credentials unless told otherwise."""
    arguments = dict(url=base_url, allow_http=True, **(credentials or ADMIN_CLIENT))
    arguments.update(options)
    return [{"name": "jama_rest_access", "hosts": "localhost", "gather_facts": False,
             "tasks": [{"name": TASK, "jama.connect.jama_rest_access": arguments}]}]


class AccessRun:
    """One playbook run of the access task, with the task's result and the simulator traffic it caused."""

    def __init__(self, run, traffic):
        self.run = run
        self.traffic = traffic
        entry = run.task(TASK)
        self.status = entry["status"]
        self.result = entry["result"]

    @property
    def failed(self):
        return self.status == "failed"

    @property
    def changed(self):
        return bool(self.result.get("changed"))

    @property
    def msg(self):
        return self.result.get("msg", "")

    @property
    def warnings(self):
        return self.result.get("warnings", [])

    def writes(self):
        """API write requests (the token request is not a write to Jama's data)."""
        return dict((route, count) for route, count in self.traffic.items() if route.split(" ", 1)[0] in WRITE_METHODS and route != TOKEN_ROUTE)

    def requests(self):
        return sum(self.traffic.values())


def traffic_delta(before, after):
    routes = set(before["by_route"]) | set(after["by_route"])
    delta = dict((route, after["by_route"].get(route, 0) - before["by_route"].get(route, 0)) for route in routes)
    return dict((route, count) for route, count in delta.items() if count)


def run_access(run_playbook, simulator, check=False, diff=False, credentials=None, timeout=120, **options):
    """Run the access task once and return an AccessRun; fails the test if the task did not run at all."""
    before = simulator.control.stats()
    args = ("--diff",) if diff else ()
    run = run_playbook(access_play(simulator.base_url, credentials, **options), check=check, args=args, timeout=timeout)
    traffic = traffic_delta(before, simulator.control.stats())
    if not any(entry["task"] == TASK for entry in run.results):
        pytest.fail("the access task did not run:\n%s" % run.describe())
    for secret in SECRETS:
        assert secret not in run.output, "a client secret appeared in the output"
    return AccessRun(run, traffic)


def access_list(simulator):
    """The access list as the simulator holds it: {"users": set, "groups": set}."""
    listed = simulator.control.state()["access_list"]
    return {"users": set(listed["users"]), "groups": set(listed["groups"])}


def members(simulator, group_name):
    for group in simulator.control.state()["groups"]:
        if group["name"] == group_name:
            return set(group["members"])
    raise AssertionError("no group %r in the simulator" % group_name)


def small_seed(users, groups=(), access_users=("admin",), access_groups=(), managed_access=True):
    """A seed with the admin and its API client plus `users` (dicts or usernames) and `groups` ({name: members})."""
    people = [{"username": "admin", "password": "admin-password", "admin": True}]
    for entry in users:
        people.append(dict(entry) if isinstance(entry, dict) else {"username": entry})
    return {
        "managed_access": managed_access,
        "access_list": {"users": list(access_users), "groups": list(access_groups)},
        "users": people,
        "groups": [{"name": name, "members": list(group_members)} for name, group_members in dict(groups).items()],
        "clients": [dict(ADMIN_CLIENT, user="admin")],
    }
