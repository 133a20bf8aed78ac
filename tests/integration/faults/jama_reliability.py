# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared helpers of the reliability suites (faults, security, bad_input, tls).

A *case* is one module task run against a freshly reset simulator, optionally after faults or
config changes, followed by a snapshot of the simulator's own state and traffic. Many cases share
one ansible-playbook run (the test-only ``jama_sim_control`` action prepares each case on the
controller), because starting ansible-playbook costs more than the cases themselves.
"""

from __future__ import annotations

import os

ACTION_PLUGINS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "action_plugins")
ADMIN_CLIENT = {"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c"}
CI_CLIENT = {"client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
ACCESS_GROUP = "REST API Users"
# Every secret of the demo seed: client secrets and passwords.
DEMO_SECRETS = ("admin-secret-0f8e2c", "ci-secret-5b7d1a", "reports-secret-3c9a71", "floating-secret-7e21d4",
                "admin-password", "svc-ci-password", "demo-password")
REST_ACCESS = "jama.connect.jama_rest_access"
TOKEN = "jama.connect.jama_token"


def connection(sim, credentials=None, **options):
    """Module options reaching the simulator with the admin's client credentials unless told otherwise."""
    arguments = dict(url=sim.base_url, allow_http=sim.base_url.startswith("http:"))
    arguments.update(ADMIN_CLIENT if credentials is None else credentials)
    arguments.update(options)
    return arguments


class Case:
    """One module task and how to prepare the simulator for it."""

    def __init__(self, name, args, module=REST_ACCESS, seed=None, faults=(), config=None, chaos=None, check=False,
                 diff=False, expire_tokens=False, reset=True):
        self.name = name
        self.reset = reset
        self.args = args
        self.module = module
        self.seed = seed
        self.faults = list(faults)
        self.config = config
        self.chaos = chaos
        self.check = check
        self.diff = diff
        self.expire_tokens = expire_tokens


class CaseResult:
    """What one case did: the task's result and the simulator's state and traffic right after it."""

    def __init__(self, case, entry, snapshot):
        self.case = case
        self.status = entry["status"]
        self.result = entry["result"]
        self.state = snapshot["sim_state"]
        self.traffic = snapshot["sim_stats"]["by_route"]
        self.statuses = snapshot["sim_stats"]["by_status"]
        self.pending_faults = snapshot["sim_faults"]

    @property
    def failed(self):
        return self.status == "failed"

    @property
    def changed(self):
        return bool(self.result.get("changed"))

    @property
    def msg(self):
        return str(self.result.get("msg", ""))

    def members(self, group_name=ACCESS_GROUP):
        return set(group_of(self.state, group_name)["members"])

    def writes(self):
        return dict((route, count) for route, count in self.traffic.items()
                    if route.split(" ", 1)[0] in ("POST", "PUT", "DELETE") and "/rest/oauth/token" not in route)

    def describe(self):
        return "case %r: status=%s msg=%r traffic=%s" % (self.case.name, self.status, self.msg, self.traffic)


def group_of(state, name):
    for group in state["groups"]:
        if group["name"] == name:
            return group
    raise AssertionError("no group %r in the simulator state" % name)


def case_tasks(sim, case):
    # Without a reset (the next run after a failure), faults the failed run left unused are dropped: the next run
    # meets a healthy Jama unless the case injects its own. Chaos and config carry on.
    prepare = {"root_url": sim.root_url, "reset": case.reset, "clear_faults": not case.reset}
    if case.seed is not None:
        prepare["seed"] = case.seed
    for key in ("config", "chaos"):
        if getattr(case, key):
            prepare[key] = getattr(case, key)
    if case.faults:
        prepare["faults"] = case.faults
    if case.expire_tokens:
        prepare["expire_tokens"] = True
    module_task = {"name": case.name, case.module: case.args, "ignore_errors": True}
    if case.check:
        module_task["check_mode"] = True
    if case.diff:
        module_task["diff"] = True
    return [
        {"name": case.name + " | prepare", "jama_sim_control": prepare},
        module_task,
        {"name": case.name + " | snapshot", "jama_sim_control": {"root_url": sim.root_url, "snapshot": True}},
    ]


def run_cases(run_playbook, sim, cases, args=(), timeout=300, env=None):
    """Run every case in one play; return ({case name: CaseResult}, PlaybookRun)."""
    names = [case.name for case in cases]
    assert len(set(names)) == len(names), "case names must be unique"
    tasks = [task for case in cases for task in case_tasks(sim, case)]
    play = [{"name": "reliability cases", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]
    environment = dict(env or {}, ANSIBLE_ACTION_PLUGINS=ACTION_PLUGINS)
    run = run_playbook(play, args=args, timeout=timeout, env=environment)
    outcomes, previous = {}, None
    for case in cases:
        recorded = [entry for entry in run.results if entry["task"] == case.name]
        snapshot = [entry for entry in run.results if entry["task"] == case.name + " | snapshot"]
        assert len(recorded) == 1 and len(snapshot) == 1, "case %r did not run:\n%s" % (case.name, run.describe())
        stats = snapshot[0]["result"]["sim_stats"]
        if not case.reset and previous is not None:
            # Without a reset the simulator's counters include the cases before: keep this case's own traffic.
            stats = dict(stats, by_route=_minus(stats["by_route"], previous["by_route"]),
                         by_status=_minus(stats["by_status"], previous["by_status"]))
        previous = snapshot[0]["result"]["sim_stats"]
        outcomes[case.name] = CaseResult(case, recorded[0], dict(snapshot[0]["result"], sim_stats=stats))
    return outcomes, run


def _minus(after, before):
    return dict((key, after[key] - before.get(key, 0)) for key in after if after[key] - before.get(key, 0))


def large_seed(user_count, access_members=3):
    """A seed with the demo's admin and API clients, ``user_count`` active Named users and the access group.

    ``access_members`` of the generated users already belong to the access group, so a grant of all of
    them both adds and leaves alone.
    """
    users = [{"username": "admin", "password": "admin-password", "admin": True},
             {"username": "svc-ci", "password": "svc-ci-password"}]
    generated = ["user%04d" % index for index in range(1, user_count + 1)]
    users.extend({"username": name, "firstName": "User", "lastName": name[4:]} for name in generated)
    return {
        "managed_access": True,
        "access_list": {"users": ["admin"], "groups": [ACCESS_GROUP]},
        "users": users,
        "groups": [{"name": ACCESS_GROUP, "description": "Users allowed to use the REST API",
                    "members": generated[:access_members]}],
        "clients": [dict(ADMIN_CLIENT, user="admin"), dict(CI_CLIENT, user="svc-ci")],
    }, generated


def leaked(text, secrets):
    """The secrets (non-empty strings) that occur in ``text``."""
    return sorted(secret for secret in set(secrets) if secret and secret in text)
