# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shared demo simulator, reset before each test that asks for ``sim``."""

from __future__ import annotations

from jama_sim.pytest_plugin import jama_simulator, sim, sim_access_list  # noqa: F401  pylint: disable=unused-import
