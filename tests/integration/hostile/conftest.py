# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Hostile-gateway suite: a misbehaving proxy in front of the demo simulator, with its rules cleared per test."""

from __future__ import annotations

import pytest
from jama_harness.hostile_proxy import HostileProxy


@pytest.fixture(scope="module")
def gateway(jama_simulator):
    proxy = HostileProxy(jama_simulator.base_url).start()
    yield proxy
    proxy.stop()


@pytest.fixture
def hostile(gateway, sim):  # pylint: disable=redefined-outer-name,unused-argument
    """The proxy with no rules, in front of a freshly reset simulator."""
    gateway.clear()
    return gateway
