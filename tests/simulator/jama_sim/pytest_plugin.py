"""Pytest fixtures: one demo-seeded simulator per session, reset before each test that asks for `sim`
(what published Jama serves) or `sim_access_list` (with the collection's access-list API on).

Load with `pytest_plugins = ["jama_sim.pytest_plugin"]` in a top-level conftest (tests/simulator on
sys.path), or import the two fixtures into any conftest.
"""

import pytest

from .simulator import Simulator


@pytest.fixture(scope="session")
def jama_simulator():
    """The demo-seeded simulator on 127.0.0.1 and a free port, started once for the session."""
    simulator = Simulator().start()
    yield simulator
    simulator.stop()


@pytest.fixture
def sim(jama_simulator):  # pylint: disable=redefined-outer-name
    """The session simulator, back to the demo seed with no traffic, faults, tokens or config changes."""
    jama_simulator.control.reset()
    return jama_simulator


@pytest.fixture
def sim_access_list(jama_simulator):  # pylint: disable=redefined-outer-name
    """The session simulator reset, with the access-list endpoints (which no published Jama serves) switched on."""
    jama_simulator.control.reset()
    jama_simulator.control.configure(access_list_api=True)
    return jama_simulator
