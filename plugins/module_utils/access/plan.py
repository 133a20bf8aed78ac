# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Membership planning (current members + request -> plan), no I/O.

REST API access is membership of the access group; the same plan serves any user group's members.
"""

from ansible_collections.jama.connect.plugins.module_utils.jama.users import API_LICENSE


class Members:
    """Users holding (or to be given, or to lose) membership: user id -> username.

    Ids are the identity; usernames are for people to read.
    """

    def __init__(self, users=None):
        self.users = dict(users or {})

    def is_empty(self):
        return not self.users

    def names(self):
        return sorted_names(self.users.values())

    def as_names(self):
        """The {users, groups} shape every access result has; groups stay empty, as a group's access is set in the UI."""
        return {"users": self.names(), "groups": []}

    def __eq__(self, other):
        return isinstance(other, Members) and self.users == other.users

    def __repr__(self):
        return "Members(%r)" % (self.users,)


class MembershipPlan:
    """What to add and remove, and which requested users are already as asked."""

    def __init__(self, add, remove, unchanged):
        self.add = add
        self.remove = remove
        self.unchanged = unchanged

    @property
    def changed(self):
        return not (self.add.is_empty() and self.remove.is_empty())


def sorted_names(names):
    """Names in a stable order a person can scan: case-insensitive, ties broken by exact spelling."""
    return sorted(names, key=lambda name: (name.lower(), name))


def _select(mapping, predicate):
    return dict((uid, name) for uid, name in mapping.items() if predicate(uid))


def plan_members(current, requested, state="present", exclusive=False):
    """Plan the changes that take `current` to what `requested` asks for.

    present: add what is missing; with exclusive, also remove everyone not requested.
    absent: remove what is requested and present. Users outside the request are never touched
    unless exclusive. Duplicates cannot arise: both sides are keyed by id.
    """
    if state not in ("present", "absent"):
        raise ValueError("state must be present or absent, not %r" % (state,))
    if exclusive and state != "present":
        raise ValueError("exclusive applies only to state=present")
    have, want = current.users, requested.users
    if state == "present":
        add = _select(want, lambda uid: uid not in have)
        unchanged = _select(want, lambda uid: uid in have)
        remove = _select(have, lambda uid: uid not in want) if exclusive else {}
    else:
        add = {}
        remove = _select(want, lambda uid: uid in have)
        unchanged = _select(want, lambda uid: uid not in have)
    return MembershipPlan(Members(add), Members(remove), Members(unchanged))


def apply_plan(current, plan):
    """The members that applying `plan` to `current` produces (what check mode reports)."""
    after = _select(current.users, lambda uid: uid not in plan.remove.users)
    after.update(plan.add.users)
    return Members(after)


def concurrent_changes(planned, observed):
    """What other writers changed while this run wrote: users that appeared or vanished against the plan."""
    appeared = Members(_select(observed.users, lambda uid: uid not in planned.users))
    vanished = Members(_select(planned.users, lambda uid: uid not in observed.users))
    return {"appeared": appeared.as_names(), "vanished": vanished.as_names()}


def names_in(changes):
    """Every name in a {label: {users, groups}} mapping such as concurrent_changes() returns."""
    return [name for by_kind in changes.values() for names in by_kind.values() for name in names]


def plan_summary(plan):
    """The added / removed / unchanged result keys, by name."""
    return {
        "added": plan.add.as_names(),
        "removed": plan.remove.as_names(),
        "unchanged": plan.unchanged.as_names(),
    }


def ineffective_reasons(user):
    """Why a user holding access still cannot use the REST API ([] when nothing stops them)."""
    reasons = []
    license_type = user.get("licenseType")
    if license_type != API_LICENSE:
        reasons.append("license %s is not %s (Named Creator)" % (license_type or "unknown", API_LICENSE))
    if user.get("active") is False:
        reasons.append("user is inactive")
    return reasons


def find_ineffective(users):
    """For granted user records: [{username, reasons}] of those who cannot use the API anyway, sorted by name."""
    found = []
    for user in users:
        reasons = ineffective_reasons(user)
        if reasons:
            found.append({"username": user["username"], "reasons": reasons})
    return sorted(found, key=lambda item: (item["username"].lower(), item["username"]))


def locks_out(plan, after, caller_id):
    """True when the plan removes the caller from the access group and leaves it out."""
    return caller_id in plan.remove.users and caller_id not in after.users
