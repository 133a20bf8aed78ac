# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_user_info beyond its ansible-test target: exact matching over a loose filter, a refused secret, paging."""

from __future__ import annotations

from jama_harness.scenario import Scenario
from jama_sim.generate import generate_seed

MODULE = "jama.connect.jama_user_info"
LIST_ROUTE = "GET /rest/v1/users"


def usernames(step):
    return [user["username"] for user in step.result["users"]]


def test_what_the_target_cannot_show_a_loose_filter_and_a_refused_secret(module_cases, sim):
    """Filters by filter are the ansible-test target's; here, what needs the module's own process and the traffic."""
    run = (Scenario(sim, module=MODULE)
           .step("a part of a username", username="jane")
           .step("license and email", license_type="FLOATING", email="ben.carter@example.com")
           .step("password given", password="not-for-this-module")
           .run(module_cases))
    # The simulator's filter matches a part of the name, as Jama's may; the module returns exact matches only.
    step = run["a part of a username"]
    assert not step.failed and usernames(step) == [] and step.traffic.get(LIST_ROUTE)
    assert usernames(run["license and email"]) == ["ben.carter"]

    step = run["password given"]
    assert step.failed and "Unsupported parameters" in step.msg and "not-for-this-module" not in step.msg
    assert step.requests() == 0


def test_every_page_is_read(module_cases, sim):
    sim.control.reset(seed=generate_seed(users=130, groups=2))
    run = Scenario(sim, module=MODULE).step("all", include_inactive=True).run(module_cases)
    step = run["all"]
    assert len(step.result["users"]) == len(step.state["users"]) == 130
    assert step.traffic[LIST_ROUTE] == 3  # 50 a page (J)
