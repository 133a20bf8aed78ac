"""Pytest fixtures: one demo-seeded simulator per session, reset before each test that asks for `sim`
(what published Jama serves).

Load with `pytest_plugins = ["jama_sim.pytest_plugin"]` in a top-level conftest (tests/simulator on
sys.path), or import the fixtures into any conftest.
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
