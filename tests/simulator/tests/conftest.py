"""Fixtures for the simulator's own tests: the shared demo simulator and an HTTP helper bound to it."""

import os
import sys

import pytest

SIMULATOR_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if SIMULATOR_ROOT not in sys.path:
    sys.path.insert(0, SIMULATOR_ROOT)

from jama_sim import pytest_plugin  # noqa: E402  pylint: disable=wrong-import-position

from sim_http_helpers import JamaApi  # noqa: E402  pylint: disable=wrong-import-position

# Imported rather than listed in pytest_plugins, which pytest refuses in a conftest below the rootdir.
jama_simulator = pytest_plugin.jama_simulator
sim = pytest_plugin.sim


@pytest.fixture
def api(sim):  # pylint: disable=redefined-outer-name
    """A JamaApi on the freshly reset demo simulator."""
    with JamaApi(sim.base_url) as client:
        yield client
