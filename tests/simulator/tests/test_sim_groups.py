"""/rest/v1/usergroups: CRUD and membership, with Jama's 201, 400 "already exists" and 404."""

import pytest

from sim_http_helpers import group_id, user_id

GROUP_KEYS = {"id", "name", "description", "project", "type"}


def members(control, name):
    return next(group["members"] for group in control.state()["groups"] if group["name"] == name)


class TestGroupCrud:
    def test_list_holds_the_demo_groups(self, api):
        data = api.get("/rest/v1/usergroups").json()["data"]
        expected = ["REST API Users", "Engineering", "Quality Assurance", "Data Science", "Contractors"]
        assert [group["name"] for group in data] == expected
        assert all(set(group) == GROUP_KEYS for group in data)

    def test_create_answers_201_with_id_and_location(self, sim, api):
        answer = api.post("/rest/v1/usergroups", json={"name": "Release Managers", "description": "Ship it"})
        assert answer.status_code == 201
        meta = answer.json()["meta"]
        assert meta["status"] == "Created"
        assert "data" not in answer.json()
        assert meta["location"] == "%s/rest/v1/usergroups/%d" % (sim.base_url, meta["id"])
        fetched = api.get("/rest/v1/usergroups/%d" % meta["id"]).json()["data"]
        assert (fetched["name"], fetched["description"]) == ("Release Managers", "Ship it")

    @pytest.mark.parametrize("name", ["Engineering", "engineering"])
    def test_duplicate_name_answers_400_already_exists(self, sim, api, name):
        before = sim.control.state()
        answer = api.post("/rest/v1/usergroups", json={"name": name})
        assert answer.status_code == 400
        assert "already exists" in answer.json()["meta"]["message"]
        assert sim.control.state() == before

    def test_a_project_group_may_share_an_organization_groups_name(self, sim, api):
        answer = api.post("/rest/v1/usergroups", json={"name": "Engineering", "project": 12})
        assert answer.status_code == 201
        same_name = [g for g in api.get("/rest/v1/usergroups").json()["data"] if g["name"] == "Engineering"]
        assert sorted((g["project"] is None, g["id"]) for g in same_name)[0][1] == answer.json()["meta"]["id"]
        assert len(same_name) == 2
        again = api.post("/rest/v1/usergroups", json={"name": "engineering", "project": 12})
        assert again.status_code == 400 and "already exists" in again.json()["meta"]["message"]

    @pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": 7}, {"name": "ok", "description": 5}],
                             ids=["no-name", "empty", "number", "bad-description"])
    def test_invalid_body_answers_400(self, api, body):
        assert api.post("/rest/v1/usergroups", json=body).status_code == 400

    def test_malformed_json_answers_400(self, api):
        answer = api.post("/rest/v1/usergroups", data="{not json", headers={"Content-Type": "application/json"})
        assert answer.status_code == 400

    def test_update_renames(self, sim, api):
        qa = group_id(sim.control, "Quality Assurance")
        assert api.put("/rest/v1/usergroups/%d" % qa, json={"name": "QA", "description": "Test"}).status_code == 200
        assert api.get("/rest/v1/usergroups/%d" % qa).json()["data"]["name"] == "QA"

    def test_update_to_another_groups_name_answers_400(self, sim, api):
        qa = group_id(sim.control, "Quality Assurance")
        answer = api.put("/rest/v1/usergroups/%d" % qa, json={"name": "Engineering"})
        assert answer.status_code == 400
        assert "already exists" in answer.json()["meta"]["message"]

    def test_delete_removes_the_group_and_its_access(self, sim, api):
        listed = group_id(sim.control, "REST API Users")
        assert api.delete("/rest/v1/usergroups/%d" % listed).status_code == 200
        assert api.get("/rest/v1/usergroups/%d" % listed).status_code == 404
        assert sim.control.state()["access_list"]["groups"] == []
        assert api.get("/rest/v1/users/current", client="reports").status_code == 403

    def test_update_replaces_name_and_description_and_keeps_id_members_and_access(self, sim, api):
        listed = group_id(sim.control, "REST API Users")
        before = next(group for group in sim.control.state()["groups"] if group["id"] == listed)
        answer = api.put("/rest/v1/usergroups/%d" % listed, json={"name": "API Users", "description": "Renamed"})
        assert answer.status_code == 200 and "data" not in answer.json()
        after = next(group for group in sim.control.state()["groups"] if group["id"] == listed)
        assert (after["name"], after["description"]) == ("API Users", "Renamed")
        assert after["members"] == before["members"]
        assert sim.control.state()["access_list"]["groups"] == ["API Users"]
        assert api.get("/rest/v1/users/current", client="reports").status_code == 200

    def test_a_group_created_again_under_a_deleted_name_is_a_new_group_off_the_list(self, sim, api):
        listed = group_id(sim.control, "REST API Users")
        assert api.delete("/rest/v1/usergroups/%d" % listed).status_code == 200
        again = api.post("/rest/v1/usergroups", json={"name": "REST API Users"}).json()["meta"]["id"]
        assert again != listed
        assert members(sim.control, "REST API Users") == []
        assert sim.control.state()["access_list"]["groups"] == []

    @pytest.mark.parametrize("method,body", [("GET", None), ("PUT", {"name": "x"}), ("DELETE", None)])
    def test_unknown_group_answers_404(self, api, method, body):
        answer = api.call(method, "/rest/v1/usergroups/4242", json=body)
        assert answer.status_code == 404
        assert "4242" in answer.json()["meta"]["message"]


class TestMembership:
    def test_members_are_listed_as_users(self, sim, api):
        data = api.get("/rest/v1/usergroups/%d/users" % group_id(sim.control, "REST API Users")).json()["data"]
        assert sorted(user["username"] for user in data) == ["jane.doe", "john.smith", "priya.patel"]

    def test_add_member_answers_201(self, sim, api):
        group, user = group_id(sim.control, "Engineering"), user_id(sim.control, "svc-ci")
        answer = api.post("/rest/v1/usergroups/%d/users" % group, json={"user": user})
        assert answer.status_code == 201
        assert "svc-ci" in members(sim.control, "Engineering")

    def test_adding_an_existing_member_answers_400_already_exists(self, sim, api):
        group, user = group_id(sim.control, "Engineering"), user_id(sim.control, "jane.doe")
        answer = api.post("/rest/v1/usergroups/%d/users" % group, json={"user": user})
        assert answer.status_code == 400
        assert "already exists" in answer.json()["meta"]["message"]

    def test_adding_an_unknown_user_answers_404(self, sim, api):
        answer = api.post("/rest/v1/usergroups/%d/users" % group_id(sim.control, "Engineering"), json={"user": 99999})
        assert answer.status_code == 404

    @pytest.mark.parametrize("body", [{}, {"user": "jane.doe"}, {"user": True}])
    def test_add_member_needs_a_numeric_user_id(self, sim, api, body):
        answer = api.post("/rest/v1/usergroups/%d/users" % group_id(sim.control, "Engineering"), json=body)
        assert answer.status_code == 400

    def test_remove_member(self, sim, api):
        group, user = group_id(sim.control, "Engineering"), user_id(sim.control, "jane.doe")
        assert api.delete("/rest/v1/usergroups/%d/users/%d" % (group, user)).status_code == 200
        assert "jane.doe" not in members(sim.control, "Engineering")

    def test_removing_a_non_member_answers_404(self, sim, api):
        group, user = group_id(sim.control, "Engineering"), user_id(sim.control, "svc-ci")
        assert api.delete("/rest/v1/usergroups/%d/users/%d" % (group, user)).status_code == 404

    @pytest.mark.parametrize("method,suffix,body", [("GET", "", None), ("POST", "", {"user": 1}), ("DELETE", "/1", None)])
    def test_membership_of_an_unknown_group_answers_404(self, api, method, suffix, body):
        assert api.call(method, "/rest/v1/usergroups/4242/users" + suffix, json=body).status_code == 404


class TestIds:
    def test_a_deleted_groups_id_is_never_reused(self, sim, api):
        first = api.post("/rest/v1/usergroups", json={"name": "Short-lived"}).json()["meta"]["id"]
        assert api.delete("/rest/v1/usergroups/%d" % first).status_code == 200
        second = api.post("/rest/v1/usergroups", json={"name": "Short-lived"}).json()["meta"]["id"]
        assert second > first
        assert [g["id"] for g in sim.control.state()["groups"] if g["name"] == "Short-lived"] == [second]

    def test_reset_restores_the_counter_from_the_seed(self, sim, api):
        highest = max(g["id"] for g in sim.control.state()["groups"])
        created = api.post("/rest/v1/usergroups", json={"name": "Before reset"}).json()["meta"]["id"]
        assert created == highest + 1
        sim.control.reset()
        # A reset forgets issued tokens, so the second create signs in with the admin's password.
        again = api.post("/rest/v1/usergroups", json={"name": "After reset"}, auth=("admin", "admin-password"))
        assert again.json()["meta"]["id"] == highest + 1
