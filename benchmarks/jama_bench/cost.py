"""The cost model: how many requests, by route, jama_rest_access needs for a job, and the time that takes at a rate.

It follows the module's own reading plan (plugins/module_utils/jama/principals.py and access/apply.py): one token,
the first page of users and then the rest of the pages up to the last user asked for, or a lookup per user when that
is fewer requests; every page of groups and of the access group's members. Writes: one add per new member (Jama has
no batch member add). benchmarks/tests/test_cost.py checks these predictions against what the resolution code really sends.
"""

import math

from .orgs import OTHER_GROUPS, users_on_instance

PAGE_SIZE = 50  # (J) Jama clamps maxResults to 50
TOKEN = "POST /rest/oauth/token"
USERS = "GET /rest/v1/users"
GROUPS = "GET /rest/v1/usergroups"
MEMBERS = "GET /rest/v1/usergroups/{id}/users"
ADD_MEMBER = "POST /rest/v1/usergroups/{id}/users"


def pages(count):
    """Pages of PAGE_SIZE a list of `count` needs; an empty list still takes one read."""
    return max(1, math.ceil(count / PAGE_SIZE))


def user_reads(total, positions, members=0):
    """Requests to find users by name, given where they stand (0-based) in Jama's list of `total` users.

    ``positions`` are the users not among the access group's ``members`` (read already). When a lookup each
    costs fewer requests than the members' pages, they are looked up at once. Otherwise the first page is
    read; the rest are paged through up to the last one needed, unless a filtered search per user not on the
    first page costs fewer requests than the pages after the first.
    """
    if not positions:
        return 0
    if members and len(positions) < math.ceil(members / PAGE_SIZE):
        return len(positions)
    later = [position for position in positions if position >= PAGE_SIZE]
    if not later:
        return 1
    if len(later) < pages(total) - 1:
        return 1 + len(later)
    return pages(max(later) + 1)


def grantee_positions(n):
    """Where the benchmark organization's N users to grant stand: every second user after the admin."""
    return list(range(2, 2 * n + 1, 2))


def minimum_routes(n, rerun=False):
    """Requests by route for granting the benchmark organization's N users (orgs.org_seed); a rerun writes nothing."""
    # A rerun's users are all members already: their records come with the member pages.
    routes = {TOKEN: 1, USERS: 0 if rerun else user_reads(users_on_instance(n), grantee_positions(n))}
    routes[GROUPS] = pages(1 + OTHER_GROUPS)
    routes[MEMBERS] = pages(n if rerun else 0)
    routes[ADD_MEMBER] = 0 if rerun else n
    return routes


def minimum_requests(n, rerun=False):
    return sum(minimum_routes(n, rerun).values())


def scale_routes(users, groups, members, new, first_page=0):
    """Requests by route for granting users to an access group of ``members`` in an organization of ``users`` and
    ``groups`` (orgs.scale_seed): ``new`` users not yet members, ``first_page`` of them on the first page of users.
    ``new=0`` is the idempotent rerun over the members."""
    positions = [0] * first_page + [PAGE_SIZE] * (new - first_page)
    return {TOKEN: 1, GROUPS: pages(groups), MEMBERS: pages(members), USERS: user_reads(users, positions, members),
            ADD_MEMBER: new}


def excess(measured, minimum):
    """Routes with more requests than the minimum: {route: extra}."""
    return dict((route, count - minimum.get(route, 0)) for route, count in sorted(measured.items()) if count > minimum.get(route, 0))


def uri_group_requests(n):
    """The group uri playbook (benchmarks/playbooks/uri_group_grant.yml): a token, the groups, per user a lookup and an add."""
    return 2 * n + 1 + pages(1 + OTHER_GROUPS)


def writes(by_route):
    """Requests that change Jama: anything but reads and the token request."""
    return sum(count for route, count in by_route.items() if not route.startswith(("GET ", TOKEN)))


def floor_seconds(requests, rate):
    """The least time `requests` take when Jama admits `rate` a second: requests / rate."""
    return requests / float(rate)
