# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""REST API access planning (current state + request -> plan), no I/O."""

USERS = "users"
GROUPS = "groups"
KINDS = (USERS, GROUPS)

# Only Named Creator licences may use the REST API (Jama documentation).
API_LICENSE = "NAMED"


class AccessState:
    """Principals holding (or to be given, or to lose) access: for each kind, id -> name.

    Ids are the identity (two groups may share a name); names are only for people to read.
    """

    def __init__(self, users=None, groups=None, managed_access=None):
        self.users = dict(users or {})
        self.groups = dict(groups or {})
        self.managed_access = managed_access

    def of(self, kind):
        return self.users if kind == USERS else self.groups

    def is_empty(self):
        return not self.users and not self.groups

    def as_names(self):
        return {kind: sorted_names(self.of(kind).values()) for kind in KINDS}

    def __eq__(self, other):
        return isinstance(other, AccessState) and (self.users, self.groups) == (other.users, other.groups)

    def __ne__(self, other):
        return not self == other

    def __repr__(self):
        return "AccessState(users=%r, groups=%r)" % (self.users, self.groups)


class AccessPlan:
    """What to add and remove, and which requested principals are already as asked."""

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
    return dict((pid, name) for pid, name in mapping.items() if predicate(pid))


def plan_access(current, requested, state="present", exclusive=False):
    """Plan the changes that take `current` to what `requested` asks for.

    present: add what is missing; with exclusive, also remove everything not requested.
    absent: remove what is requested and present. Principals outside the request are never
    touched unless exclusive. Duplicates cannot arise: both sides are keyed by id.
    """
    if state not in ("present", "absent"):
        raise ValueError("state must be present or absent, not %r" % (state,))
    if exclusive and state != "present":
        raise ValueError("exclusive applies only to state=present")
    add, remove, unchanged = {}, {}, {}
    for kind in KINDS:
        have, want = current.of(kind), requested.of(kind)
        if state == "present":
            add[kind] = _select(want, lambda pid: pid not in have)
            unchanged[kind] = _select(want, lambda pid: pid in have)
            remove[kind] = _select(have, lambda pid: pid not in want) if exclusive else {}
        else:
            add[kind] = {}
            remove[kind] = _select(want, lambda pid: pid in have)
            unchanged[kind] = _select(want, lambda pid: pid not in have)
    return AccessPlan(AccessState(**add), AccessState(**remove), AccessState(**unchanged))


def apply_plan(current, plan):
    """The state that applying `plan` to `current` produces (what check mode reports)."""
    result = {}
    for kind in KINDS:
        after = _select(current.of(kind), lambda pid: pid not in plan.remove.of(kind))
        after.update(plan.add.of(kind))
        result[kind] = after
    return AccessState(managed_access=current.managed_access, **result)


def concurrent_changes(planned, observed):
    """What other writers changed while this run wrote: principals that appeared or vanished against the plan."""
    appeared = AccessState(**dict((kind, _select(observed.of(kind), lambda pid, k=kind: pid not in planned.of(k))) for kind in KINDS))
    vanished = AccessState(**dict((kind, _select(planned.of(kind), lambda pid, k=kind: pid not in observed.of(k))) for kind in KINDS))
    return {"appeared": appeared.as_names(), "vanished": vanished.as_names()}


def names_in(changes):
    """Every name in a {label: {kind: [names]}} mapping such as concurrent_changes() returns."""
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


def self_lockout(plan, after, caller_id, caller_group_ids):
    """Names of removed principals that carried the caller's access, when the caller keeps none.

    `caller_group_ids` holds the ids of the groups (among those removed or remaining) the caller
    belongs to. Returns [] when the plan leaves the caller with access, directly or through a group.
    """
    if caller_id in after.users or any(gid in after.groups for gid in caller_group_ids):
        return []
    lost = []
    if caller_id in plan.remove.users:
        lost.append("user %s" % plan.remove.users[caller_id])
    lost.extend("group %s" % plan.remove.groups[gid] for gid in caller_group_ids if gid in plan.remove.groups)
    return sorted(lost)


def kept_through_groups(removed_user_ids, after, members_by_group):
    """Revoked users still in a group on the list: {user id: [names of those groups]}.

    `members_by_group` maps each group id of `after.groups` to the set of its member user ids.
    """
    kept = {}
    for gid, name in after.groups.items():
        for uid in members_by_group.get(gid, ()):
            if uid in removed_user_ids:
                kept.setdefault(uid, []).append(name)
    return dict((uid, sorted_names(names)) for uid, names in kept.items())
