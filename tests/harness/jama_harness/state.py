# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading a simulator snapshot (/__sim/state, /__sim/stats) the way tests assert on it."""

from __future__ import annotations

WRITE_METHODS = ("POST", "PUT", "DELETE")
TOKEN_ROUTE = "POST /rest/oauth/token"


def group_of(state, name):
    for group in state["groups"]:
        if group["name"] == name:
            return group
    raise AssertionError("no group %r in the simulator state" % name)


def group_members(state, name):
    return set(group_of(state, name)["members"])


def writes(traffic):
    """The API writes among {route: count} (the token request writes nothing to Jama's data)."""
    return dict((route, count) for route, count in traffic.items()
                if route.split(" ", 1)[0] in WRITE_METHODS and route != TOKEN_ROUTE)


def leaked(text, secrets):
    """The secrets (non-empty strings) that occur in ``text``."""
    return sorted(secret for secret in set(secrets) if secret and secret in text)


def token_variants(tokens):
    """Each token whole, and its payload and signature (unique per token) in case a JWT is echoed in part."""
    variants = []
    for token in tokens:
        variants.append(token)
        variants.extend(part for part in token.split(".")[1:] if len(part) >= 16)
    return variants
