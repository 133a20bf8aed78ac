# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pytest harness that runs playbooks with ansible-playbook against the collection in this tree.

Fixtures:

``jama_simulator`` (session) and ``sim`` (function)
    Re-exported from the simulator's pytest plugin: the demo-seeded simulator, and the same
    simulator reset (seed, traffic, faults, tokens) before the test.

``collections_path`` (session)
    A directory holding ``ansible_collections/jama/connect``. It is ``$ANSIBLE_COLLECTIONS_PATH``
    when that already holds the collection (``make test`` installs the built artifact there),
    otherwise a temporary symlink tree pointing at this checkout.

``run_playbook`` (function)
    ``run_playbook(playbook, extra_vars=None, env=None, check=False, args=(), timeout=120)``
    runs one playbook on ``localhost`` (local connection, ``ansible_python_interpreter`` set to
    the interpreter running pytest, so interpreter discovery is never used) and returns a
    :class:`PlaybookRun` with ``rc``, ``stdout``, ``stderr``, ``results`` (every task result as
    a callback saw it, censored where ``no_log`` applies), ``out_dir`` and helpers
    ``task(name)``, ``failed()`` and ``read_json(name)``.

    ``playbook`` is YAML text, a list of plays (dumped as YAML) or a path to a playbook file.
    ``extra_vars`` are passed as a JSON ``--extra-vars``; ``jama_out`` (a per-run directory) is
    always added so a play can write what it wants to assert on (for example a fact, with
    ``no_log: true`` on the writing task) and the test reads it back with ``read_json``.
    ``env`` adds to or (with ``None`` values) removes from a copy of the test's environment;
    every ``JAMA_*`` variable of the calling environment is removed first so a developer's own
    settings never leak into a test.

``run_playbook_once`` (module)
    The same callable for module-scoped fixtures, so one playbook run can back several small tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
CALLBACK_DIR = Path(__file__).resolve().parent / "callback_plugins"
SIMULATOR_DIR = REPO_ROOT / "tests" / "simulator"

if str(SIMULATOR_DIR) not in sys.path:
    sys.path.insert(0, str(SIMULATOR_DIR))

# The simulator's fixtures: `jama_simulator` (session, demo seed) and `sim` (reset before each test).
from jama_sim.pytest_plugin import jama_simulator, sim, sim_access_list  # noqa: E402,F401 pylint: disable=wrong-import-position,unused-import


def _holds_collection(path):
    return (Path(path) / "ansible_collections" / "jama" / "connect" / "galaxy.yml").exists() or \
        (Path(path) / "ansible_collections" / "jama" / "connect" / "MANIFEST.json").exists()


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    for candidate in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        if candidate and _holds_collection(candidate):
            return str(candidate)
    root = tmp_path_factory.mktemp("collections")
    namespace_dir = root / "ansible_collections" / "jama"
    namespace_dir.mkdir(parents=True)
    (namespace_dir / "connect").symlink_to(REPO_ROOT, target_is_directory=True)
    return str(root)


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


def _environment(collections_path, results_file, env):
    environ = {key: value for key, value in os.environ.items() if not key.startswith("JAMA_")}
    environ.update(
        ANSIBLE_COLLECTIONS_PATH=collections_path,
        ANSIBLE_CALLBACK_PLUGINS=str(CALLBACK_DIR),
        ANSIBLE_CALLBACKS_ENABLED="record_results",
        ANSIBLE_STDOUT_CALLBACK="default",
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_FORCE_COLOR="0",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_LOCALHOST_WARNING="0",
        ANSIBLE_INVENTORY_UNPARSED_WARNING="0",
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        JAMA_TEST_RESULTS_FILE=str(results_file),
    )
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = str(value)
    return environ


def _runner(collections_path, directory):
    counter = {"runs": 0}

    def run(playbook, extra_vars=None, env=None, check=False, args=(), timeout=120):
        counter["runs"] += 1
        run_dir = directory / ("run%d" % counter["runs"])
        out_dir = run_dir / "out"
        out_dir.mkdir(parents=True)
        results_file = run_dir / "results.jsonl"
        inventory = run_dir / "inventory.ini"
        inventory.write_text("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable, encoding="utf-8")
        variables = dict(extra_vars or {}, jama_out=str(out_dir))
        command = [
            os.path.join(os.path.dirname(sys.executable), "ansible-playbook"),
            "-i", str(inventory),
            "--extra-vars", json.dumps(variables),
            _playbook_file(playbook, run_dir),
        ]
        if check:
            command.append("--check")
        command.extend(args)
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False,
            env=_environment(collections_path, results_file, env), cwd=str(run_dir),
        )
        results = []
        if results_file.exists():
            results = [json.loads(line) for line in results_file.read_text(encoding="utf-8").splitlines() if line]
        return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, results, out_dir)

    return run


@pytest.fixture
def run_playbook(collections_path, tmp_path):
    return _runner(collections_path, tmp_path)


@pytest.fixture(scope="module")
def run_playbook_once(collections_path, tmp_path_factory):
    """``run_playbook`` for module-scoped fixtures: run one playbook, then check its outcome in many small tests."""
    return _runner(collections_path, tmp_path_factory.mktemp("playbook"))
