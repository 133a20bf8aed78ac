"""/rest/v1/system/settings/restapiaccess: the access list (C), all-or-nothing adds, 404 on absent removals."""

import pytest

from sim_http_helpers import group_id, user_id

ACCESS = "/rest/v1/system/settings/restapiaccess"


@pytest.fixture(autouse=True)
def access_list_api(sim):
    """The access-list endpoints are the collection's own (no published Jama serves them): switched on here."""
    sim.control.configure(access_list_api=True)


class TestAccessList:
    def test_get_answers_the_managed_flag_users_and_groups(self, sim, api):
        data = api.get(ACCESS).json()["data"]
        assert data == {"managedAccess": True,
                        "users": [{"id": user_id(sim.control, "admin"), "username": "admin"}],
                        "groups": [{"id": group_id(sim.control, "REST API Users"), "name": "REST API Users"}]}

    def test_post_adds_users_and_groups_and_answers_the_new_list(self, sim, api):
        svc_ci, qa = user_id(sim.control, "svc-ci"), group_id(sim.control, "Quality Assurance")
        answer = api.post(ACCESS, json={"users": [svc_ci], "groups": [qa]})
        assert answer.status_code == 200
        assert {"id": svc_ci, "username": "svc-ci"} in answer.json()["data"]["users"]
        access = sim.control.state()["access_list"]
        assert access == {"users": ["admin", "svc-ci"], "groups": ["REST API Users", "Quality Assurance"]}

    def test_ids_already_present_are_ignored(self, sim, api):
        admin, listed = user_id(sim.control, "admin"), group_id(sim.control, "REST API Users")
        before = sim.control.state()
        assert api.post(ACCESS, json={"users": [admin], "groups": [listed]}).status_code == 200
        assert sim.control.state() == before

    @pytest.mark.parametrize("body", [{"users": [99999]}, {"groups": [99999]}], ids=["user", "group"])
    def test_an_unknown_id_adds_nothing(self, sim, api, body):
        body.setdefault("users", []).append(user_id(sim.control, "svc-ci"))
        before = sim.control.state()
        answer = api.post(ACCESS, json=body)
        assert answer.status_code == 400
        assert "99999" in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    @pytest.mark.parametrize("body", [{"users": "admin"}, {"users": ["admin"]}, {"people": [1]}])
    def test_malformed_body_answers_400(self, api, body):
        assert api.post(ACCESS, json=body).status_code == 400

    def test_delete_user_then_404(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        api.post(ACCESS, json={"users": [jane]})
        assert api.delete("%s/users/%d" % (ACCESS, jane)).status_code == 200
        assert "jane.doe" not in sim.control.state()["access_list"]["users"]
        assert api.delete("%s/users/%d" % (ACCESS, jane)).status_code == 404

    def test_delete_group_then_404(self, sim, api):
        listed = group_id(sim.control, "REST API Users")
        assert api.delete("%s/groups/%d" % (ACCESS, listed)).status_code == 200
        assert api.delete("%s/groups/%d" % (ACCESS, listed)).status_code == 404

    def test_delete_of_a_principal_never_listed_answers_404(self, sim, api):
        assert api.delete("%s/users/%d" % (ACCESS, user_id(sim.control, "svc-ci"))).status_code == 404
        assert api.delete("%s/groups/%d" % (ACCESS, group_id(sim.control, "Engineering"))).status_code == 404

    def test_revoking_your_own_access_locks_you_out(self, sim, api):
        assert api.delete("%s/users/%d" % (ACCESS, user_id(sim.control, "admin"))).status_code == 200
        assert api.get(ACCESS).status_code == 403


class TestAccessListIsOptIn:
    def test_by_default_the_endpoints_are_not_served(self, sim, api):
        sim.control.configure(access_list_api=False)
        answer = api.get("/rest/v1/system/settings/restapiaccess")
        assert answer.status_code == 404
        assert "text/html" in answer.headers["Content-Type"]
        assert api.post("/rest/v1/system/settings/restapiaccess", json={"users": [1]}).status_code == 404
        assert sim.control.state()["access_list"]["users"] == ["admin"]
