# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ansible-playbook against the collection: one run, every task's result and time recorded.

``PlaybookRunner(collections_path, directory)`` is a callable
``run(playbook, extra_vars=None, env=None, check=False, args=(), timeout=120)`` that runs one
playbook on ``localhost`` (local connection, ``ansible_python_interpreter`` set to the running
interpreter, so interpreter discovery is never used) and returns a ``PlaybookRun``.

``playbook`` is YAML text, a list of plays (dumped as YAML) or a path to a playbook file.
``extra_vars`` go in a JSON vars file; ``jama_out`` (a per-run directory) is always added so a play
can write what a test asserts on and the test reads it back with ``read_json``. ``env`` adds to or
(with ``None`` values) removes from the environment, after every ``JAMA_*`` variable of the calling
environment is removed, so a developer's own settings never leak into a run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

HARNESS_DIR = Path(__file__).resolve().parents[1]
CALLBACK_PLUGINS = str(HARNESS_DIR / "callback_plugins")
ACTION_PLUGINS = str(HARNESS_DIR / "action_plugins")


def holds_collection(path):
    root = Path(path) / "ansible_collections" / "jama" / "connect"
    return (root / "galaxy.yml").exists() or (root / "MANIFEST.json").exists()


def installed_collections_path():
    """The entry of $ANSIBLE_COLLECTIONS_PATH that holds jama.connect, or None."""
    for candidate in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        if candidate and holds_collection(candidate):
            return os.path.abspath(candidate)
    return None


class PlaybookRun:
    """The outcome of one ansible-playbook run."""

    def __init__(self, rc, stdout, stderr, results, out_dir):
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.results = results
        self.out_dir = Path(out_dir)

    @property
    def output(self):
        """Everything the run printed, for 'this secret never appears' assertions."""
        return self.stdout + self.stderr

    def task(self, name):
        """The single recorded result of the task called ``name``."""
        matches = [entry for entry in self.results if entry["task"] == name]
        assert len(matches) == 1, "expected one result for task %r, got %d:\n%s" % (name, len(matches), self.describe())
        return matches[0]

    def failed(self):
        return [entry for entry in self.results if entry["status"] == "failed"]

    def read_json(self, name):
        with open(self.out_dir / name, encoding="utf-8") as stream:
            return json.load(stream)

    def describe(self):
        return "rc=%s\n--- stdout\n%s\n--- stderr\n%s" % (self.rc, self.stdout, self.stderr)


def _playbook_file(playbook, directory):
    if isinstance(playbook, (list, tuple)):
        text = yaml.safe_dump(list(playbook), sort_keys=False)
    elif isinstance(playbook, Path) or "\n" not in playbook and playbook.endswith((".yml", ".yaml")):
        return str(playbook)
    else:
        text = playbook
    path = directory / "playbook.yml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def environment(collections_path, results_file, env=None):
    """The environment of a run: quiet, uncoloured, our callback and interpreter, no JAMA_* of the caller."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith("JAMA_")}
    environ.update(
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_CALLBACK_PLUGINS=CALLBACK_PLUGINS,
        ANSIBLE_CALLBACKS_ENABLED="record_results",
        ANSIBLE_STDOUT_CALLBACK="default",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        # Pipelining runs each module without copying it to a temporary file first: a quarter faster here.
        ANSIBLE_PIPELINING="1",
        JAMA_TEST_RESULTS_FILE=str(results_file),
    )
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = str(value)
    return environ


class PlaybookRunner:
    """Runs playbooks, each in a directory of its own under ``directory``."""

    def __init__(self, collections_path, directory):
        self.collections_path = str(collections_path)
        self.directory = Path(directory)
        self.runs = 0

    def __call__(self, playbook, extra_vars=None, env=None, check=False, args=(), timeout=120):
        self.runs += 1
        run_dir = self.directory / ("run%d" % self.runs)
        out_dir = run_dir / "out"
        out_dir.mkdir(parents=True)
        results_file = run_dir / "results.jsonl"
        inventory = run_dir / "inventory.ini"
        inventory.write_text("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable, encoding="utf-8")
        vars_file = run_dir / "vars.json"
        vars_file.write_text(json.dumps(dict(extra_vars or {}, jama_out=str(out_dir))), encoding="utf-8")
        command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
                   "-i", str(inventory), "--extra-vars", "@" + str(vars_file), _playbook_file(playbook, run_dir)]
        if check:
            command.append("--check")
        command.extend(args)
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                   env=environment(self.collections_path, results_file, env), cwd=str(run_dir))
        results = []
        if results_file.exists():
            results = [json.loads(line) for line in results_file.read_text(encoding="utf-8").splitlines() if line]
        return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, results, out_dir)
