# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_user_group_info end to end: what it returns is what the simulator holds, read from its own state."""

from __future__ import annotations

import pytest
from jama_harness.scenario import Scenario

MODULE = "jama.connect.jama_user_group_info"
GROUP_KEYS = ("id", "name", "description", "project")


@pytest.fixture(scope="module")
def reads(jama_simulator, module_cases):  # noqa: F811
    jama_simulator.control.reset()
    scenario = (Scenario(jama_simulator, module=MODULE)
                .step("all")
                .step("all with members", include_members=True)
                .step("one", name="Quality Assurance", include_members=True)
                .step("case differs", name="quality assurance")
                .step("in check mode", check=True, name="REST API Users"))
    return scenario.run(module_cases)


def expected(state, members=False):
    groups = []
    for group in state["groups"]:
        entry = dict((key, group[key]) for key in GROUP_KEYS)
        if members:
            entry["members"] = sorted(group["members"])
        groups.append(entry)
    return groups


class TestInfo:
    def test_every_group_without_members(self, reads):
        step = reads["all"]
        assert not step.changed and not step.failed
        assert step.result["groups"] == expected(step.state)
        assert len(step.result["groups"]) == 5

    def test_every_group_with_its_members(self, reads):
        step = reads["all with members"]
        assert step.result["groups"] == expected(step.state, members=True)
        assert step.traffic["GET /rest/v1/usergroups/{id}/users"] == 5

    def test_one_group_by_exact_name(self, reads):
        step = reads["one"]
        assert step.result["groups"] == [g for g in expected(step.state, members=True) if g["name"] == "Quality Assurance"]
        assert "GET /rest/v1/usergroups/{id}/users" in step.traffic and step.writes() == {}

    def test_names_match_exactly(self, reads):
        assert reads["case differs"].result["groups"] == []

    def test_runs_in_check_mode(self, reads):
        step = reads["in check mode"]
        assert not step.changed
        assert [group["name"] for group in step.result["groups"]] == ["REST API Users"]
        assert "members" not in step.result["groups"][0]
