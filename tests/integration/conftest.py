# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pytest fixtures over the test harness (tests/harness/jama_harness) and the simulator (tests/simulator).

``jama_simulator`` (session), ``sim`` (function)
    The simulator's own fixtures: the demo-seeded simulator, reset before the test.

``collections_path`` (session)
    A directory holding ``ansible_collections/jama/connect``: ``$ANSIBLE_COLLECTIONS_PATH`` when it holds
    the collection (``make test`` installs the built artifact there), otherwise a symlink tree to this checkout.

``run_playbook`` (function) and ``run_playbook_once`` (module)
    A ``jama_harness.playbook.PlaybookRunner``: ``run_playbook(playbook, extra_vars=None, env=None,
    check=False, args=(), timeout=120)`` returns a ``PlaybookRun``. The module-scoped one lets one run
    back several small tests.

``module_cases`` (session)
    A ``jama_harness.drivers.ModuleDriver``: ``module_cases.run(sim, cases)`` runs each case's module as its
    own process against the simulator; ``Scenario(...).run(module_cases)`` runs steps that way.

Collection works in pytest's default and ``--import-mode=importlib`` modes: helpers are imported from
packages put on sys.path here, never from a sibling test directory.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent
for _path in (TESTS_DIR / "harness", TESTS_DIR / "simulator"):
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

# pylint: disable=wrong-import-position
from jama_harness.drivers import ModuleDriver  # noqa: E402
from jama_harness.playbook import PlaybookRunner, installed_collections_path  # noqa: E402
from jama_sim.pytest_plugin import jama_simulator, sim  # noqa: E402,F401 pylint: disable=unused-import


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    installed = installed_collections_path()
    if installed:
        return installed
    root = tmp_path_factory.mktemp("collections")
    namespace_dir = root / "ansible_collections" / "jama"
    namespace_dir.mkdir(parents=True)
    (namespace_dir / "connect").symlink_to(REPO_ROOT, target_is_directory=True)
    return str(root)


@pytest.fixture
def run_playbook(collections_path, tmp_path):  # pylint: disable=redefined-outer-name
    return PlaybookRunner(collections_path, tmp_path)


@pytest.fixture(scope="module")
def run_playbook_once(collections_path, tmp_path_factory):  # pylint: disable=redefined-outer-name
    """``run_playbook`` for module-scoped fixtures: run one playbook, then check its outcome in many small tests."""
    return PlaybookRunner(collections_path, tmp_path_factory.mktemp("playbook"))


@pytest.fixture(scope="session")
def module_cases(collections_path):  # pylint: disable=redefined-outer-name
    return ModuleDriver(collections_path)
