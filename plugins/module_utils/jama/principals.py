# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""Turn user and group names or ids into Jama records, by one rule for every option.

A value made only of digits is an id first: it names the user (group) with that id and, only when
there is none, the one with that name. Names match exactly as Jama stores them.
"""

import difflib

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import JamaError, NotFound
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import GROUPS_PATH
from ansible_collections.jama.connect.plugins.module_utils.rest.paging import MAX_PAGE_SIZE, PageWalk
from ansible_collections.jama.connect.plugins.module_utils.jama.users import ALL_USERS, USERS_PATH, users_answered_for


class UnresolvedPrincipals(JamaError):
    """Some requested users or groups are unknown or ambiguous; raised before anything is written."""


def _is_id(value):
    return value.isdigit()


def _unique(values):
    seen = set()
    return [value for value in values if not (value in seen or seen.add(value))]


def _page_count(total):
    return -(-total // MAX_PAGE_SIZE)


class _Matcher:
    """Matches requested values against records as they stream in, by id first, then by name.

    A name is settled by its first exact match (Jama names users uniquely). An id-like value is
    settled by an id match; a name match for it only counts once every record has been seen.
    """

    def __init__(self, values, name_key):
        self.name_key = name_key
        self.by_id = {}
        self.by_name = dict((value, []) for value in values)
        self.similar = {}
        self._unsettled = set(values)
        self._lower = dict((value.lower(), value) for value in values)
        self.names = []

    def feed(self, record):
        name, rid = record[self.name_key], str(record["id"])
        self.names.append(name)
        if rid in self.by_name:
            self.by_id[rid] = record
            self._unsettled.discard(rid)
        if name in self.by_name:
            if all(other["id"] != record["id"] for other in self.by_name[name]):
                self.by_name[name].append(record)
            if not _is_id(name):
                self._unsettled.discard(name)
        elif name.lower() in self._lower:
            self.similar.setdefault(self._lower[name.lower()], set()).add(name)

    def pending(self):
        """Values that a later record could still change, in request order."""
        return [value for value in self.by_name if value in self._unsettled]

    def settled(self):
        return not self._unsettled

    def outcome(self, value):
        """(record or None, candidates): candidates lists the records when a name is ambiguous."""
        if value in self.by_id:
            return self.by_id[value], []
        matches = self.by_name[value]
        return (matches[0], []) if len(matches) == 1 else (None, matches)


def _stream(client, path, params, matcher):
    for record in client.paged(path, params=dict(params), page_size=MAX_PAGE_SIZE):
        matcher.feed(record)
        if matcher.settled():
            return


def _first_page(client, params):
    query = dict(params, startAt=0, maxResults=MAX_PAGE_SIZE)
    state = PageWalk(USERS_PATH, 0, MAX_PAGE_SIZE)
    records, total = state.check(client.get(USERS_PATH, params=query))
    return records, total or 0


def _lookup_cost(value):
    # an id-like value costs a GET by id and, when no user has that id, a filtered search by name
    return 2 if _is_id(value) else 1


def _look_up_user(client, value, matcher):
    if _is_id(value):
        try:
            record = client.get_data("%s/%s" % (USERS_PATH, value))
        except NotFound:
            record = None
        if record:
            matcher.feed(record)
            return
    for record in users_answered_for(client, value):
        matcher.feed(record)


# What a user record must carry to stand in for a read of the user: who it is, and what the license and
# active checks look at.
WHOLE_USER = ("id", "username", "licenseType", "active")


def find_users(client, values, known=()):
    """Match user values (usernames or ids) with as few requests as the instance size allows.

    ``known`` holds user records already read (a group's members, which Jama lists as whole user
    records): values they settle cost no request. For the rest, reads the first page of all users,
    which tells how many pages there are; then either pages through them (stopping once everything
    is matched) or looks the rest up one by one, whichever needs fewer requests. Returns the _Matcher.
    """
    matcher = _Matcher(_unique(values), "username")
    if not values:
        return matcher
    # A record that lacks a field the checks need is no substitute for reading the user.
    known = [record for record in known if all(field in record for field in WHOLE_USER)]
    for record in known:
        matcher.feed(record)
    pending = matcher.pending()
    if not pending:
        return matcher
    # Each known record is a user of the instance, so paging through them all costs at least their pages:
    # lookups that cost fewer need not read the first page to learn the instance's size.
    if sum(_lookup_cost(value) for value in pending) < _page_count(len(known)):
        for value in pending:
            _look_up_user(client, value, matcher)
        return matcher
    records, total = _first_page(client, ALL_USERS)
    for record in records:
        matcher.feed(record)
    pending = matcher.pending()
    if not pending:
        return matcher
    # Reading on costs the pages after the first one, which is already in hand.
    if sum(_lookup_cost(value) for value in pending) < _page_count(total) - 1:
        for value in pending:
            _look_up_user(client, value, matcher)
    else:
        _stream(client, USERS_PATH, dict(ALL_USERS, startAt=len(records)), matcher)
    return matcher


def find_groups(client, values):
    """Match group values (names or ids). Reads every group: two groups may share a name."""
    matcher = _Matcher(_unique(values), "name")
    if values:
        for record in client.paged(GROUPS_PATH, page_size=MAX_PAGE_SIZE):
            matcher.feed(record)
    return matcher


def close_names(value, names):
    """Names among those read that a typo of ``value`` could have meant (a letter left out, two swapped), closest first."""
    return difflib.get_close_matches(value, sorted(set(names)), n=3, cutoff=0.6)


def names_alike(matcher, value):
    """What a value that matched nothing may have meant: the same name in another case, else the close ones."""
    return sorted(matcher.similar.get(value, ())) or close_names(value, matcher.names)


def groups_matching(client, value):
    """The groups `value` names, by the rule every group option follows: the group with that id when `value` is
    made of digits and such a group exists, else every group whose name is exactly `value` (project groups may
    share a name). Returns (groups, matcher); the matcher also knows the names that are alike."""
    matcher = find_groups(client, [value])
    record, candidates = matcher.outcome(value)
    return ([record] if record is not None else candidates), matcher


def find_group(client, value, option):
    """(the one group `value` names, or None; names of groups alike, for a message when there is none).

    `value` is a name or an id. Raises UnresolvedPrincipals, naming `option`, when several groups carry the
    name (give the id instead) or when a group carries it in another case only (Jama names match exactly,
    and refuses a second such group).
    """
    found, matcher = groups_matching(client, value)
    if len(found) > 1 or (not found and matcher.similar.get(value)):
        raise UnresolvedPrincipals("%s: %s" % (option, _problems("group", matcher)[0]))
    if found:
        return found[0], []
    return None, close_names(value, matcher.names)


def _problems(kind, matcher):
    problems = []
    for value in matcher.by_name:
        record, candidates = matcher.outcome(value)
        if candidates:
            ids = ", ".join(str(candidate["id"]) for candidate in candidates)
            problems.append("%s %r is ambiguous (ids %s): give the id instead" % (kind, value, ids))
        elif record is None:
            hint = names_alike(matcher, value)
            suffix = " (names match exactly; did you mean %s?)" % ", ".join(repr(name) for name in sorted(hint)) if hint else ""
            problems.append("%s %r not found%s" % (kind, value, suffix))
    return problems


def _records(matcher):
    """Resolved records in request order, each once even when asked for by name and by id."""
    records = {}
    for value in matcher.by_name:
        record = matcher.outcome(value)[0]
        if record is not None:
            records.setdefault(record["id"], record)
    return list(records.values())


def resolve_users(client, values, known_users=()):
    """Resolve every requested user (username or id): their records, in request order, or one error naming every problem.

    ``known_users``: user records already read (a group's members), matched first (see find_users).
    """
    matcher = find_users(client, list(values), known_users)
    problems = _problems("user", matcher)
    if problems:
        raise UnresolvedPrincipals(
            "Cannot resolve %d of the requested users, so nothing was changed: %s" % (len(problems), "; ".join(problems)))
    return _records(matcher)
