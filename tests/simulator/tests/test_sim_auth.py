"""Authorization of /rest/v1 calls: credentials (401), REST API access control (403), admin rights (403)."""

import pytest

from sim_http_helpers import NOT_PERMITTED, demo_seed, group_id, seed_with_users, user_id

LICENSE_TYPES = ["NAMED", "FLOATING", "STAKEHOLDER", "FLOATING_COLLABORATOR", "RESERVED_COLLABORATOR", "FLOATING_REVIEWER",
                 "RESERVED_REVIEWER", "NAMED_REVIEWER", "TEST_RUNNER", "EXPIRING_TRIAL", "INACTIVE"]

ADMIN_ONLY = [
    ("POST", "/rest/v1/usergroups", {"name": "New group"}),
    ("PUT", "/rest/v1/usergroups/2", {"name": "Renamed"}),
    ("DELETE", "/rest/v1/usergroups/2", None),
    ("POST", "/rest/v1/usergroups/2/users", {"user": 2}),
    ("DELETE", "/rest/v1/usergroups/2/users/3", None),
    ("POST", "/rest/v1/users", {"username": "n", "password": "p", "firstName": "N", "lastName": "U", "email": "n@example.com",
                                "licenseType": "NAMED"}),
    ("PUT", "/rest/v1/users/3", {"username": "n", "firstName": "N", "lastName": "U", "email": "n@example.com"}),
    ("PUT", "/rest/v1/users/3/active", {"active": False}),
]


class TestCredentials:
    def test_no_credentials_answer_401(self, api):
        assert api.get("/rest/v1/users/current", client=None).status_code == 401

    def test_unknown_bearer_token_answers_401(self, api):
        answer = api.get("/rest/v1/users/current", token="not-a-token")
        assert answer.status_code == 401
        assert "not-a-token" not in answer.text

    def test_basic_auth_works_without_sso(self, api):
        answer = api.get("/rest/v1/users/current", auth=("admin", "admin-password"))
        assert answer.status_code == 200
        assert answer.json()["data"]["username"] == "admin"

    def test_wrong_password_answers_401_without_echoing_it(self, api):
        answer = api.get("/rest/v1/users/current", auth=("admin", "guessed-password"))
        assert answer.status_code == 401
        assert "guessed-password" not in answer.text

    def test_sso_refuses_basic_auth_but_not_tokens(self, sim, api):
        sim.control.configure(sso=True)
        assert api.get("/rest/v1/users/current", auth=("admin", "admin-password")).status_code == 401
        assert api.get("/rest/v1/users/current").status_code == 200


class TestAccessControl:
    def test_user_neither_listed_nor_in_a_listed_group_gets_403(self, api):
        answer = api.get("/rest/v1/users/current", client="ci")
        assert answer.status_code == 403
        assert answer.json()["meta"]["message"] == NOT_PERMITTED

    def test_a_user_the_admin_listed_in_the_ui_may_call(self, sim, api):
        seed = demo_seed()
        seed["access_list"]["users"].append("svc-ci")
        sim.control.reset(seed=seed)
        assert api.get("/rest/v1/users/current", client="ci").status_code == 200

    def test_membership_of_a_listed_group_grants_access_and_leaving_it_ends_it(self, sim, api):
        assert api.get("/rest/v1/users/current", client="reports").status_code == 200
        listed_group = group_id(sim.control, "REST API Users")
        reports = user_id(sim.control, "priya.patel")
        assert api.delete("/rest/v1/usergroups/%d/users/%d" % (listed_group, reports)).status_code == 200
        assert api.get("/rest/v1/users/current", client="reports").status_code == 403

    def test_a_group_off_the_list_grants_nothing(self, sim, api):
        seed = demo_seed()
        seed["access_list"]["groups"] = []
        sim.control.reset(seed=seed)
        assert api.get("/rest/v1/users/current", client="reports").status_code == 403

    def test_without_managed_access_every_named_active_user_may_call(self, sim, api):
        sim.control.reset(seed=demo_seed(managed_access=False))
        assert api.get("/rest/v1/users/current", client="ci").status_code == 200

    @pytest.mark.parametrize("managed_access", [True, False])
    def test_non_named_license_gets_403_even_when_listed(self, sim, api, managed_access):
        seed = demo_seed(managed_access=managed_access)
        seed["access_list"]["users"].append("ben.carter")
        sim.control.reset(seed=seed)
        for answer in (api.get("/rest/v1/users/current", client="floating"),
                       api.get("/rest/v1/users/current", auth=("ben.carter", "demo-password"))):
            assert answer.status_code == 403
            assert answer.json()["meta"]["message"] == NOT_PERMITTED

    @pytest.mark.parametrize("license_type", LICENSE_TYPES)
    def test_every_jama_license_type_seeds_but_only_named_may_call(self, sim, api, license_type):
        seed = seed_with_users(0)
        seed["users"].append({"username": "licensed", "password": "pw", "licenseType": license_type})
        sim.control.reset(seed=seed)
        assert [u["licenseType"] for u in sim.control.state()["users"] if u["username"] == "licensed"] == [license_type]
        answer = api.get("/rest/v1/users/current", auth=("licensed", "pw"))
        assert answer.status_code == (200 if license_type == "NAMED" else 403)

    def test_inactive_user_gets_403_even_when_listed(self, sim, api):
        seed = demo_seed(managed_access=False)
        seed["access_list"]["users"].append("old.contractor")
        sim.control.reset(seed=seed)
        answer = api.get("/rest/v1/users/current", auth=("old.contractor", "demo-password"))
        assert answer.status_code == 403
        assert answer.json()["meta"]["message"] == NOT_PERMITTED


class TestAdminOnly:
    @pytest.mark.parametrize("method,path,body", ADMIN_ONLY, ids=["%s %s" % (m, p) for m, p, _b in ADMIN_ONLY])
    def test_non_admin_api_user_gets_403_and_nothing_changes(self, sim, api, method, path, body):
        before = sim.control.state()
        answer = api.call(method, path, client="reports", json=body)
        assert answer.status_code == 403
        assert "administrator" in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    def test_non_admin_may_read_users_and_groups(self, api):
        for path in ("/rest/v1/users", "/rest/v1/users/1", "/rest/v1/usergroups", "/rest/v1/usergroups/1",
                     "/rest/v1/usergroups/1/users"):
            assert api.get(path, client="reports").status_code == 200, path
