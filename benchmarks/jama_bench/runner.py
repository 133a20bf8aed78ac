"""Running things: ansible-playbook runs (wall time and each task's own time), the module as a plain process,
and a simulator per organization whose counters are read around each run."""

import json
import os
import subprocess
import sys
import time

from jama_harness.observed import observe  # on sys.path through the package (__init__.py)
from jama_harness.playbook import PlaybookRunner, installed_collections_path
from jama_sim import Simulator

from .orgs import ACCESS_GROUP, CLIENT_ID, CLIENT_SECRET

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(HERE)

RUN_TIMEOUT = 1800  # seconds; no single run comes near it, but every wait is bounded
MODULE = "ansible_collections.jama.connect.plugins.modules.jama_rest_access"
PLAYBOOKS = {
    "module": os.path.join(HERE, "playbooks", "module_grant.yml"),
    "uri": os.path.join(HERE, "playbooks", "uri_group_grant.yml"),
    "ping": os.path.join(HERE, "playbooks", "ping.yml"),
    "token_reuse": os.path.join(HERE, "playbooks", "token_reuse.yml"),
}
# Ansible as a user has it: the harness pipelines modules to speed the tests up, the benchmarks do not.
USER_DEFAULTS = {"ANSIBLE_PIPELINING": None}


class BenchError(RuntimeError):
    pass


def progress(message):
    sys.stdout.write("%s  %s\n" % (time.strftime("%H:%M:%S"), message))
    sys.stdout.flush()


class Runner:
    def __init__(self, work_dir, verbose=False):
        self.work_dir = work_dir
        self.verbose = verbose
        self.python = os.environ.get("ANSIBLE_PYTHON_INTERPRETER") or sys.executable
        self.collections = find_collection()
        self.env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_PYTHON_INTERPRETER=self.python)
        self.run_playbook = PlaybookRunner(self.collections, work_dir)

    def playbook(self, kind, extra_vars):
        """Run one playbook through the test harness: its wall time in seconds, its output, and [(task name, seconds)]."""
        started = time.perf_counter()
        run = self.run_playbook(PLAYBOOKS[kind], extra_vars=extra_vars, env=USER_DEFAULTS, timeout=RUN_TIMEOUT)
        seconds = time.perf_counter() - started
        if run.rc != 0:
            raise BenchError("%s failed (exit %d):\n%s" % (kind, run.rc, run.output[-3000:]))
        if self.verbose:
            print(run.stdout[-2000:])
        return seconds, run.output, [(entry["task"], entry["seconds"]) for entry in run.results]

    def module_direct(self, args):
        """Run jama_rest_access as a plain Python process (no Ansible around it): wall time, peak RSS (KiB), result."""
        args_file = os.path.join(self.work_dir, "module-args.json")
        with open(args_file, "w", encoding="utf-8") as handle:
            json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
        env = dict(self.env, PYTHONPATH=self.collections)
        report_file = os.path.join(self.work_dir, "module-rss.json")
        out_file = os.path.join(self.work_dir, "module-out.json")
        with open(out_file, "w", encoding="utf-8") as out:
            subprocess.run([self.python, os.path.join(HERE, "peak_rss.py"), report_file, self.python, "-m", MODULE, args_file],
                           env=env, cwd=self.work_dir, stdout=out, stderr=subprocess.STDOUT, timeout=RUN_TIMEOUT, check=False)
        with open(report_file, encoding="utf-8") as handle:
            report = json.load(handle)
        with open(out_file, encoding="utf-8") as handle:
            output = handle.read()
        for path in (args_file, out_file, report_file):
            os.remove(path)
        result = _last_json(output)
        if report["exit"] != 0 or result is None or result.get("failed"):
            raise BenchError("jama_rest_access (direct) failed (exit %d):\n%s" % (report["exit"], output[-3000:]))
        return report["seconds"], report["max_rss_kib"], result


def _last_json(output):
    for line in reversed(output.strip().splitlines()):
        try:
            return json.loads(line)
        except ValueError:
            continue
    return None


def find_collection():
    installed = installed_collections_path()
    if installed is None:
        raise BenchError("jama.connect is not installed on ANSIBLE_COLLECTIONS_PATH; run `make bench` (it runs `make install`)")
    return installed


class Scenario:
    """One simulator, reset before each measured run so every run starts from the same state."""

    def __init__(self, runner, seed, rate_limit=None):
        self.runner = runner
        self.sim = Simulator(seed=seed, rate_limit=rate_limit).start()
        self.base = {"jama_url": self.sim.base_url, "jama_client_id": CLIENT_ID, "jama_client_secret": CLIENT_SECRET}

    def run(self, kind, users=(), reset=True, **extra):
        if reset:
            self.sim.control.reset()
        seen = observe(self.sim, lambda: self.runner.playbook(kind, dict(self.base, jama_users=list(users), **extra)), with_state=False)
        seconds, output, tasks = seen.outcome
        return {"seconds": seconds, "requests": seen.requests, "tasks": tasks, "by_route": seen.traffic,
                "by_status": seen.statuses, "output": output}

    def granted(self, users):
        """Whether every user is in the access group now: a run that did not do the job is no benchmark."""
        state = self.sim.control.state()
        holding = set(next(g["members"] for g in state["groups"] if g["name"] == ACCESS_GROUP))
        missing = set(users) - holding
        if missing:
            raise BenchError("after the run %d of %d users lack access (e.g. %s)" % (len(missing), len(users), sorted(missing)[0]))

    def stop(self):
        self.sim.stop()
