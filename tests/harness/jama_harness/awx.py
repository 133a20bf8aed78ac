# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A job as AWX runs it: the credential type's injectors rendered by AWX's rules, the playbook run by ansible-runner.

``injected(credential_type, inputs)`` renders the injectors of a custom credential type for a
credential with ``inputs`` as AWX does: a sandboxed Jinja environment whose namespace holds each
input the credential has, except strings left empty; a boolean input the credential leaves out is
``False`` (whatever default the type declares); anything else missing renders as an empty string.
It returns ``{"env": {...}, "extra_vars": {...}}``.

``RunnerJob(directory, collections_path)`` runs one playbook with the ``ansible-runner`` command of
the running interpreter, from a private data directory laid out as AWX lays it out for the engine
(``env/envvars``, ``env/extravars``, ``inventory/hosts``, the project directory), and returns a
``JobRun`` with what AWX keeps of a job: its status, stdout and job events.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

CREDENTIAL_TYPE = Path(__file__).resolve().parents[3] / "docs" / "awx" / "credential_type.yml"


def credential_type(path=CREDENTIAL_TYPE):
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def _namespace(definition, inputs):
    namespace = {}
    for name, value in inputs.items():
        # A boolean is taken as it is; a string only when it is not empty.
        if isinstance(value, bool) or (value is not None and len(value)):
            namespace[name] = value
    for field in definition["inputs"].get("fields", []):
        if field["type"] == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = False
    return namespace


def injected(definition, inputs):
    """What a credential of ``definition`` with ``inputs`` injects into a job: {"env": ..., "extra_vars": ...}."""
    namespace = _namespace(definition, inputs)
    sandbox = ImmutableSandboxedEnvironment()
    injectors = definition.get("injectors", {})
    return dict((kind, dict((name, sandbox.from_string(template).render(**namespace))
                            for name, template in injectors.get(kind, {}).items()))
                for kind in ("env", "extra_vars"))


class JobRun:
    """What AWX stores of one job: status and rc, stdout, and the job events."""

    def __init__(self, completed, artifacts):
        self.rc = completed.returncode
        self.runner_output = completed.stdout + completed.stderr
        self.artifacts = Path(artifacts)
        self.status = (self.artifacts / "status").read_text(encoding="utf-8").strip()
        self.stdout = (self.artifacts / "stdout").read_text(encoding="utf-8")
        events_dir = self.artifacts / "job_events"
        self.event_files = sorted(events_dir.glob("*.json"), key=lambda path: int(path.name.split("-", 1)[0]))
        self.events = [json.loads(path.read_text(encoding="utf-8")) for path in self.event_files]

    def stored_text(self):
        """The job's stdout and every job event, as text: what AWX keeps of a job, and where a secret must never be.

        (ansible-runner's ``command`` artifact also holds the job's environment, credentials included;
        AWX does not keep it, and stores the environment with secret values hidden.)
        """
        return "\n".join([self.stdout] + [path.read_text(encoding="utf-8") for path in self.event_files])

    def task_results(self, event="runner_on_ok"):
        """[(task name, result)] of the events of one kind, in the order they happened."""
        return [(entry["event_data"].get("task"), entry["event_data"].get("res", {}))
                for entry in self.events if entry.get("event") == event]

    def stats(self):
        """The play recap: {"changed": {host: n}, "ok": ..., "failures": ...}."""
        recaps = [entry["event_data"] for entry in self.events if entry.get("event") == "playbook_on_stats"]
        assert len(recaps) == 1, "expected one play recap, got %d:\n%s" % (len(recaps), self.describe())
        return recaps[0]

    def describe(self):
        return "status=%s rc=%s\n--- stdout\n%s\n--- ansible-runner\n%s" % (self.status, self.rc, self.stdout, self.runner_output)


class RunnerJob:
    """Runs playbooks with ansible-runner, each job in a private data directory of its own under ``directory``."""

    def __init__(self, directory, collections_path):
        self.directory = Path(directory)
        self.collections_path = str(collections_path)
        self.jobs = 0

    def __call__(self, project_dir, playbook, env, extra_vars, timeout=300):
        self.jobs += 1
        private = self.directory / ("job%d" % self.jobs)
        (private / "env").mkdir(parents=True)
        (private / "inventory").mkdir()
        # The job's own environment: the credential's variables and what AWX sets for every job.
        envvars = dict(env, ANSIBLE_COLLECTIONS_PATH=self.collections_path, ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",
                       ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_PIPELINING="1")
        (private / "env" / "envvars").write_text(json.dumps(envvars), encoding="utf-8")
        (private / "env" / "extravars").write_text(json.dumps(extra_vars), encoding="utf-8")
        (private / "inventory" / "hosts").write_text(
            "localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable, encoding="utf-8")
        bindir = os.path.dirname(sys.executable)
        # Nothing of the caller's Jama settings: the credential alone connects the job, as in AWX.
        process_env = dict((key, value) for key, value in os.environ.items() if not key.startswith("JAMA_"))
        process_env["PATH"] = bindir + os.pathsep + process_env.get("PATH", "")
        command = [os.path.join(bindir, "ansible-runner"), "run", str(private), "--ident", "job",
                   "--project-dir", str(project_dir), "--playbook", playbook, "--quiet"]
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, env=process_env)
        return JobRun(completed, private / "artifacts" / "job")
