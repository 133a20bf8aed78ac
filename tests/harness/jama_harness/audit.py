# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers for the REST API access audit tests: seeds, and what the audit must report, derived from /__sim/state alone."""

from __future__ import annotations

from .seeds import ADMIN_CLIENT, small_seed

WRITES = ("POST", "PUT", "DELETE")
# A username with the characters a Markdown table and a CSV file must escape.
ODD_NAME = 'o"neil|ops,x'
# A username a spreadsheet would run as a formula if the CSV gave it unchanged.
FORMULA_NAME = "=HYPERLINK(x)"


def reasons_from_state(user):
    """Why a user in /__sim/state cannot use the REST API, worded as the collection words it."""
    reasons = []
    if user["licenseType"] != "NAMED":
        reasons.append("license %s is not NAMED (Named Creator)" % user["licenseType"])
    if not user["active"]:
        reasons.append("user is inactive")
    return reasons


def users_from_state(state, usernames):
    """The users named, as the module describes them, sorted by username."""
    by_name = dict((user["username"], user) for user in state["users"])
    return [{"id": by_name[name]["id"], "username": name, "licenseType": by_name[name]["licenseType"], "active": by_name[name]["active"]}
            for name in sorted(usernames, key=lambda name: (name.lower(), name))]


def ineffective_from_state(state, usernames):
    by_name = dict((user["username"], user) for user in state["users"])
    found = [{"username": name, "reasons": reasons_from_state(by_name[name])} for name in usernames if reasons_from_state(by_name[name])]
    return sorted(found, key=lambda item: (item["username"].lower(), item["username"]))


def group_from_state(state, name):
    return next(group for group in state["groups"] if group["name"] == name)


def writes(traffic):
    return dict((route, count) for route, count in traffic.items()
                if route.split(" ", 1)[0] in WRITES and route != "POST /rest/oauth/token")


def assert_no_token(simulator, run, minted=True):
    """No token the simulator issued, nor its payload or signature, appears in the output or the recorded results."""
    tokens = simulator.control.tokens()
    assert bool(tokens) == minted, "the simulator issued %d token(s)" % len(tokens)
    text = run.output + repr(run.results)
    for token in tokens:
        for part in [token] + [piece for piece in token.split(".")[1:] if len(piece) >= 16]:
            assert part not in text, "an issued token appeared in the output"
    assert ADMIN_CLIENT["client_secret"] not in text


def audit_seed():
    """A small organization whose access group holds one member of each kind the audit tells apart."""
    users = [
        "svc-ci",
        {"username": "floater", "licenseType": "FLOATING"},
        {"username": "gone", "active": False},
        {"username": "stakeholder.gone", "licenseType": "STAKEHOLDER", "active": False},
        "outsider",
        ODD_NAME,
        FORMULA_NAME,
    ]
    members = ["svc-ci", "floater", "gone", "stakeholder.gone", ODD_NAME, FORMULA_NAME]
    return small_seed(users, groups={"REST API Users": members, "Other": ["outsider"]})
