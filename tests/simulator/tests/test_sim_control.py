"""The /__sim/ control surface: state, stats, reset (with seed validation), config."""

import json
import urllib.error
import urllib.request

import pytest

from jama_sim import SimControlError
from sim_http_helpers import group_id, seed_with_users

STATE_USER_KEYS = {"id", "username", "firstName", "lastName", "email", "licenseType", "active", "admin"}


class TestState:
    def test_state_describes_the_demo_seed(self, sim):
        state = sim.control.state()
        assert state["managed_access"] is True
        assert state["access_list"] == {"users": ["admin"], "groups": ["REST API Users"]}
        assert all(set(user) == STATE_USER_KEYS for user in state["users"])
        assert [user["id"] for user in state["users"]] == sorted(user["id"] for user in state["users"])
        by_name = {user["username"]: user for user in state["users"]}
        assert by_name["admin"]["admin"] is True and by_name["old.contractor"]["active"] is False
        assert sum(user["licenseType"] == "FLOATING" for user in state["users"]) >= 3
        assert len(state["users"]) >= 30
        assert {"client_id": "ci-client", "user": "svc-ci"} in state["clients"]

    def test_state_never_shows_passwords_or_secrets(self, sim):
        text = json.dumps(sim.control.state())
        for secret in ("admin-password", "demo-password", "admin-secret-0f8e2c", "ci-secret-5b7d1a"):
            assert secret not in text

    def test_svc_ci_is_neither_listed_nor_in_a_listed_group(self, sim):
        state = sim.control.state()
        listed_members = {member for group in state["groups"] if group["name"] in state["access_list"]["groups"]
                          for member in group["members"]}
        assert "svc-ci" not in state["access_list"]["users"] and "svc-ci" not in listed_members
        assert 2 <= len(listed_members) <= 3


class TestStats:
    def test_counts_by_route_template_and_status_but_not_control_calls(self, sim, api):
        api.token()
        api.get("/rest/v1/users/3")
        api.get("/rest/v1/users/4")
        api.get("/rest/v1/users/999999")
        engineering = group_id(sim.control, "Engineering")
        api.delete("/rest/v1/usergroups/%d/users/3" % engineering)
        sim.control.state()
        stats = sim.control.stats()
        assert stats["by_route"] == {"POST /rest/oauth/token": 1, "GET /rest/v1/users/{id}": 3,
                                     "DELETE /rest/v1/usergroups/{id}/users/{userId}": 1}
        assert stats["by_status"] == {"200": 4, "404": 1}
        assert stats["total"] == 5

    def test_unmatched_paths_are_counted_under_one_key(self, sim, api):
        api.get("/no/such/page", client=None)
        api.get("/another", client=None)
        assert sim.control.stats()["by_route"] == {"GET (unmatched)": 2}


class TestReset:
    def test_reset_restores_the_seed_and_clears_traffic_faults_and_config(self, sim, api):
        before = sim.control.state()
        api.post("/rest/v1/usergroups", json={"name": "Temporary"})
        sim.control.fault(status=500, count=5)
        sim.control.configure(sso=True, rate_limit=5, legacy_token_answer=True)
        sim.control.reset()
        assert sim.control.state() == before
        assert sim.control.stats()["total"] == 0
        assert sim.control.faults() == []
        assert sim.control.config() == {"token_lifetime": 3600, "rate_limit": None, "retry_after": None, "sso": False,
                                        "legacy_token_answer": False}

    def test_reset_with_a_seed_loads_it_and_plain_reset_returns_to_the_original(self, sim):
        sim.control.reset(seed=seed_with_users(3))
        assert [user["username"] for user in sim.control.state()["users"]] == ["admin", "user000", "user001", "user002"]
        sim.control.reset()
        assert len(sim.control.state()["users"]) > 30

    @pytest.mark.parametrize("seed,problem", [
        ({"users": [{"username": "jdoe"}, {"username": "jdoe"}]}, "users[1]: duplicate username 'jdoe'"),
        ({"users": [{"username": "a", "licenseType": "GOLD"}]}, "users[0].licenseType: expected one of"),
        ({"users": [{"username": "a", "active": "yes"}]}, "users[0].active: expected a boolean"),
        ({"users": [{"username": "a", "id": 1}, {"username": "b", "id": 1}]}, "duplicate id 1"),
        ({"users": [{"password": "x"}]}, "users[0].username: is required"),
        ({"groups": [{"name": "g", "members": ["ghost"]}]}, "groups[0].members: unknown username 'ghost'"),
        ({"groups": [{"name": "g"}, {"name": "G"}]}, "duplicate group name 'G'"),
        ({"groups": [{"name": "g", "project": 3}, {"name": "g", "project": 3}]}, "duplicate group name 'g'"),
        ({"groups": [{"name": "g"}, {"name": "g", "project": 3}], "access_list": {"groups": ["g"]}},
         "access_list.groups: group name 'g' is shared by several groups"),
        ({"groups": [{"name": "g", "project": "x"}]}, "groups[0].project: expected a positive integer"),
        ({"access_list": {"groups": ["nope"]}}, "access_list.groups: unknown group 'nope'"),
        ({"access_list": {"users": ["ghost"]}}, "access_list.users: unknown username 'ghost'"),
        ({"clients": [{"client_id": "c", "client_secret": "s", "user": "ghost"}]}, "clients[0].user: unknown username 'ghost'"),
        ({"users": "everyone"}, "users: expected a list"),
        ({"managed_access": "on"}, "managed_access: expected a boolean"),
        ({"userz": []}, "unknown key(s) userz"),
    ])
    def test_bad_seed_is_refused_with_a_clear_message_and_nothing_changes(self, sim, seed, problem):
        before = sim.control.state()
        with pytest.raises(SimControlError) as caught:
            sim.control.reset(seed=seed)
        assert caught.value.status == 400
        assert problem in caught.value.message
        assert caught.value.message.startswith("seed <reset request>: ")
        assert sim.control.state() == before


class TestConfig:
    def test_configure_answers_the_new_settings(self, sim):
        expected = {"token_lifetime": 60, "rate_limit": None, "retry_after": 5, "sso": False,
                    "legacy_token_answer": False}
        assert sim.control.configure(token_lifetime=60, retry_after=5) == expected

    @pytest.mark.parametrize("changes", [{"token_lifetime": 0}, {"rate_limit": "10"}, {"sso": 1}, {"colour": "red"},
                                         {"token_lifetime": 60, "sso": "yes"}])
    def test_invalid_settings_are_refused_and_none_applied(self, sim, changes):
        with pytest.raises(SimControlError) as caught:
            sim.control.configure(**changes)
        assert caught.value.status == 400
        assert sim.control.config()["token_lifetime"] == 3600

    def test_unknown_control_endpoint_answers_404_json(self, sim):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(sim.root_url + "/__sim/nothing", timeout=10)
        assert caught.value.code == 404
        assert "error" in json.loads(caught.value.read())
