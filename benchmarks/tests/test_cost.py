"""The cost model (jama_bench.cost) against what the collection's resolution and access code really sends.

Each test runs the module's own steps (plugins/module_utils: access/apply, jama/principals, access/plan) with
a real client over HTTP against the simulator, seeded with a benchmark organization, and compares the
simulator's request counts, route by route, with the model's prediction.
"""

import pytest

from jama_bench import cost
from jama_bench.orgs import (
    ACCESS_GROUP, CLIENT_ID, CLIENT_SECRET, grantees, org_seed, scale_grantees, scale_members, scale_seed, users_on_instance,
)
from jama_sim import Simulator

from ansible_collections.jama.connect.plugins.module_utils.access.apply import GroupAccess
from ansible_collections.jama.connect.plugins.module_utils.access.plan import Members, plan_members
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import ClientCredentialsAuth
from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import find_users, resolve_users


def grant(sim, users):
    """What jama_rest_access does for `users`: read the access group's members, resolve, plan, write."""
    client = JamaClient(sim.base_url, ClientCredentialsAuth(CLIENT_ID, CLIENT_SECRET), rate_limit=0)
    access = GroupAccess(client, ACCESS_GROUP)
    current = access.read_state()
    records = resolve_users(client, users, known_users=access.known_users)
    plan = plan_members(current, Members(dict((u["id"], u["username"]) for u in records)))
    access.apply(plan, False)
    return plan


def routes(sim):
    return dict((route, count) for route, count in sim.control.stats()["by_route"].items() if count)


def predicted(model):
    return dict((route, count) for route, count in model.items() if count)


@pytest.fixture(params=[10, 30, 100, 1000], ids=lambda n: "N=%d" % n)
def organization(request):
    with Simulator(seed=org_seed(request.param)) as sim:
        yield request.param, sim


class TestMinimumRoutes:
    def test_a_first_grant_sends_what_the_model_predicts(self, organization):
        n, sim = organization
        plan = grant(sim, grantees(n))
        assert len(plan.add.users) == n
        assert routes(sim) == predicted(cost.minimum_routes(n))
        assert sim.control.stats()["total"] == cost.minimum_requests(n)

    def test_a_rerun_reads_what_the_model_predicts_and_writes_nothing(self, organization):
        n, sim = organization
        grant(sim, grantees(n))
        before = routes(sim)
        plan = grant(sim, grantees(n))
        assert not plan.changed
        rerun = dict((route, count - before.get(route, 0)) for route, count in routes(sim).items() if count - before.get(route, 0))
        assert rerun == predicted(cost.minimum_routes(n, rerun=True))
        assert cost.writes(rerun) == 0


class TestUserReads:
    """find_users reads the first page, then pages on or looks the rest up, whichever is fewer requests."""

    @pytest.mark.parametrize("n, wanted", [
        (500, [998, 1000]),        # two users far down 1,001: two lookups beat nineteen more pages
        (500, [2, 40, 49]),        # all on the first page
        (100, list(range(50, 60))),  # ten past the first page of 201: the four pages left are cheaper
        (30, [60]),                # one past the first page of 61: one lookup or one page cost the same: it pages
    ])
    def test_the_model_counts_the_user_reads_the_resolution_makes(self, n, wanted):
        seed = org_seed(n)
        names = [seed["users"][position]["username"] for position in wanted]
        with Simulator(seed=seed) as sim:
            client = JamaClient(sim.base_url, ClientCredentialsAuth(CLIENT_ID, CLIENT_SECRET), rate_limit=0)
            matcher = find_users(client, names)
            assert not matcher.pending()
            assert routes(sim).get(cost.USERS, 0) == cost.user_reads(users_on_instance(n), wanted)


SCALE_ORG = (1500, 120, 300)


@pytest.fixture(scope="module")
def large():
    with Simulator(seed=scale_seed(*SCALE_ORG)) as sim:
        yield sim


class TestScaleRoutes:
    """A large access group: members already in it cost no user read; a few new users are looked up one by one."""

    USERS, GROUPS, MEMBERS = SCALE_ORG

    def test_the_rerun_over_the_members_reads_only_groups_and_member_pages(self, large):
        large.control.reset()
        plan = grant(large, scale_members(self.MEMBERS))
        assert not plan.changed
        assert routes(large) == predicted(cost.scale_routes(self.USERS, self.GROUPS, self.MEMBERS, 0))
        assert cost.USERS not in routes(large)

    def test_new_users_are_looked_up_without_paging_through_the_organization(self, large):
        large.control.reset()
        plan = grant(large, scale_grantees(self.USERS, 5) + scale_members(self.MEMBERS)[:3])
        assert len(plan.add.users) == 5
        assert routes(large) == predicted(cost.scale_routes(self.USERS, self.GROUPS, self.MEMBERS, 5))
        assert routes(large)[cost.USERS] == 5


class TestFloor:
    def test_the_floor_is_the_requests_at_the_rate(self):
        assert cost.floor_seconds(108, 10) == pytest.approx(10.8)

    def test_the_uri_loop_makes_a_request_per_user_and_step(self):
        assert cost.uri_group_requests(100) == 202
