"""GET /rest/v1/users (filters, includeInactive), /users/current and /users/{id}."""

import pytest

from sim_http_helpers import user_id

USER_KEYS = {"id", "username", "firstName", "lastName", "email", "phone", "title", "location", "licenseType", "avatarUrl",
             "active", "type"}


def all_users(api, **params):
    params["maxResults"] = 50
    answer = api.get("/rest/v1/users", params=params)
    assert answer.status_code == 200, answer.text
    assert answer.json()["meta"]["pageInfo"]["totalResults"] <= 50, "the demo seed fits one page"
    return answer.json()["data"]


def usernames(users):
    return sorted(user["username"] for user in users)


class TestListUsers:
    def test_inactive_users_are_hidden_by_default(self, sim, api):
        state_users = sim.control.state()["users"]
        listed = all_users(api)
        assert usernames(listed) == usernames(user for user in state_users if user["active"])
        assert "old.contractor" not in usernames(listed)

    def test_include_inactive_true_lists_everyone(self, sim, api):
        assert usernames(all_users(api, includeInactive="true")) == usernames(sim.control.state()["users"])

    def test_include_inactive_false_is_the_default(self, api):
        assert usernames(all_users(api, includeInactive="false")) == usernames(all_users(api))

    def test_include_inactive_must_be_a_boolean(self, api):
        assert api.get("/rest/v1/users", params={"includeInactive": "maybe"}).status_code == 400

    def test_users_have_jamas_fields(self, api):
        for user in all_users(api):
            assert set(user) == USER_KEYS
            assert user["type"] == "users"

    @pytest.mark.parametrize("params,expected", [
        ({"username": "jane.doe"}, ["jane.doe"]),
        ({"username": "JANE"}, ["jane.doe"]),
        ({"email": "priya.patel@example.com"}, ["priya.patel"]),
        ({"firstName": "Kenji"}, ["kenji.tanaka"]),
        ({"lastName": "Smith"}, ["john.smith"]),
        ({"licenseType": "FLOATING"}, ["aisha.bello", "ben.carter", "pedro.alves"]),
        ({"licenseType": "STAKEHOLDER"}, ["victor.dubois"]),
        ({"lastName": "Contractor"}, []),
        ({"lastName": "Contractor", "includeInactive": "true"}, ["old.contractor"]),
        ({"firstName": "Jane", "lastName": "Smith"}, []),
    ])
    def test_filters_narrow_the_list(self, api, params, expected):
        assert usernames(all_users(api, **params)) == expected

    def test_text_filters_match_substrings_so_clients_must_compare_exactly(self, api):
        found = usernames(all_users(api, username="a"))
        assert "admin" in found and "jane.doe" in found

    def test_unknown_license_type_answers_400(self, api):
        assert api.get("/rest/v1/users", params={"licenseType": "GOLD"}).status_code == 400


class TestSingleUser:
    def test_current_user_is_the_tokens_owner(self, api):
        answer = api.get("/rest/v1/users/current", client="reports")
        assert answer.status_code == 200
        assert answer.json()["data"]["username"] == "priya.patel"
        assert answer.json()["meta"]["status"] == "OK"

    def test_user_by_id(self, sim, api):
        jane = user_id(sim.control, "jane.doe")
        data = api.get("/rest/v1/users/%d" % jane).json()["data"]
        assert (data["id"], data["username"], data["licenseType"], data["active"]) == (jane, "jane.doe", "NAMED", True)

    def test_inactive_user_is_answered_by_id(self, sim, api):
        data = api.get("/rest/v1/users/%d" % user_id(sim.control, "old.contractor")).json()["data"]
        assert data["active"] is False

    def test_unknown_id_answers_404_with_a_message(self, api):
        answer = api.get("/rest/v1/users/999999")
        assert answer.status_code == 404
        assert "999999" in answer.json()["meta"]["message"]
