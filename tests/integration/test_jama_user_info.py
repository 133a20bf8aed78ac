# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_user_info end to end: what it returns is what the simulator holds, filter by filter."""

from __future__ import annotations

from jama_harness.scenario import Scenario
from jama_sim.generate import generate_seed

MODULE = "jama.connect.jama_user_info"
LIST_ROUTE = "GET /rest/v1/users"


def usernames(step):
    return [user["username"] for user in step.result["users"]]


def held(step, keep=lambda user: True):
    """Usernames the simulator holds that pass ``keep``, in Jama's order (by id)."""
    return [user["username"] for user in sorted(step.state["users"], key=lambda user: user["id"]) if keep(user)]


def test_every_filter_returns_what_the_simulator_holds(module_cases, sim):
    run = (Scenario(sim, module=MODULE)
           .step("all active")
           .step("with inactive", include_inactive=True)
           .step("one user", username="jane.doe")
           .step("a part of a username", username="jane")
           .step("inactive user, default", username="old.contractor")
           .step("inactive user, included", username="old.contractor", include_inactive=True)
           .step("email in another case", email="JANE.DOE@example.com")
           .step("licence", license_type="FLOATING")
           .step("licence and email", license_type="FLOATING", email="ben.carter@example.com")
           .step("in check mode", check=True, license_type="STAKEHOLDER")
           .step("password given", password="not-for-this-module")
           .run(module_cases))
    for name in run:
        if name != "password given":
            step = run[name]
            assert not step.failed and not step.changed and step.writes() == {}, name

    assert usernames(run["all active"]) == held(run["all active"], lambda user: user["active"])
    assert "old.contractor" not in usernames(run["all active"])
    assert usernames(run["with inactive"]) == held(run["with inactive"])

    step = run["one user"]
    assert usernames(step) == ["jane.doe"]
    jane = step.result["users"][0]
    assert dict((key, jane[key]) for key in ("id", "firstName", "lastName", "email", "licenseType", "active")) == dict(
        (key, value) for key, value in next(u for u in step.state["users"] if u["username"] == "jane.doe").items()
        if key in ("id", "firstName", "lastName", "email", "licenseType", "active"))
    assert (jane["title"], jane["type"]) == ("Systems Engineer", "users") and "password" not in jane

    # The simulator's filter matches a part of the name, as Jama's may; the module returns exact matches only.
    assert usernames(run["a part of a username"]) == []
    assert usernames(run["inactive user, default"]) == []
    assert usernames(run["inactive user, included"]) == ["old.contractor"]
    assert usernames(run["email in another case"]) == ["jane.doe"]
    step = run["licence"]
    assert usernames(step) == held(step, lambda user: user["active"] and user["licenseType"] == "FLOATING") != []
    assert usernames(run["licence and email"]) == ["ben.carter"]
    assert usernames(run["in check mode"]) == ["victor.dubois"]

    step = run["password given"]
    assert step.failed and "Unsupported parameters" in step.msg and "not-for-this-module" not in step.msg
    assert step.requests() == 0


def test_every_page_is_read(module_cases, sim):
    sim.control.reset(seed=generate_seed(users=130, groups=2))
    run = Scenario(sim, module=MODULE).step("all", include_inactive=True).run(module_cases)
    step = run["all"]
    assert len(step.result["users"]) == len(step.state["users"]) == 130
    assert step.traffic[LIST_ROUTE] == 3  # 50 a page (J)
