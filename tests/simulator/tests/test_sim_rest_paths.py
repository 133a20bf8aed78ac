"""The REST base paths: GET /rest, /rest/latest as an alias of /rest/v1, and authentication before routing."""

import pytest
import requests

from jama_sim import Simulator
from sim_http_helpers import JamaApi, group_id

UNKNOWN_API_PATHS = ["/rest/v1/nothing", "/rest/v1", "/rest/v1/users/abc", "/rest/latest/nothing", "/rest/latest",
                     "/rest/v1/system/settings/restapiaccess"]  # the access list: served by no published release
SAME_ANSWER_PATHS = ["/users/current", "/users?maxResults=5&startAt=2", "/users/2", "/usergroups", "/usergroups/1/users",
                     "/users/999999", "/usergroups/999999"]


def without_timestamp(document):
    document["meta"].pop("timestamp")
    return document


class TestAuthenticationBeforeRouting:
    @pytest.mark.parametrize("path", UNKNOWN_API_PATHS)
    def test_unknown_api_path_without_credentials_answers_401(self, api, path):
        answer = api.get(path, client=None)
        assert answer.status_code == 401
        assert answer.json()["meta"]["message"]
        assert "WWW-Authenticate" in answer.headers

    @pytest.mark.parametrize("path", UNKNOWN_API_PATHS)
    def test_unknown_api_path_with_a_bad_token_answers_401(self, api, path):
        assert api.get(path, token="not-a-token").status_code == 401

    @pytest.mark.parametrize("path", UNKNOWN_API_PATHS)
    def test_unknown_api_path_with_valid_credentials_answers_404(self, api, path):
        assert api.get(path).status_code == 404
        assert api.get(path, auth=("admin", "admin-password")).status_code == 404

    def test_a_caller_not_permitted_to_use_the_api_learns_nothing_about_paths(self, api):
        assert api.get("/rest/v1/nothing", client="ci").status_code == 403

    def test_wrong_method_without_credentials_answers_401_and_with_them_405(self, api):
        assert api.delete("/rest/latest/users/2", client=None).status_code == 401
        assert api.delete("/rest/v1/users/2", client=None).status_code == 401
        assert api.delete("/rest/latest/users/2").status_code == 405

    @pytest.mark.parametrize("path", ["/rest/v2/users", "/rest/v10/users", "/rest/latestfoo", "/nothing"])
    def test_paths_outside_the_api_prefixes_answer_404_without_credentials(self, api, path):
        answer = api.get(path, client=None)
        assert answer.status_code == 404
        assert answer.headers["Content-Type"].startswith("text/html")


class TestLatestAlias:
    @pytest.mark.parametrize("path", SAME_ANSWER_PATHS)
    def test_latest_answers_what_v1_answers(self, api, path):
        v1, latest = api.get("/rest/v1" + path), api.get("/rest/latest" + path)
        assert latest.status_code == v1.status_code
        assert without_timestamp(latest.json()) == without_timestamp(v1.json())

    def test_writes_through_latest_change_the_state(self, sim, api):
        answer = api.post("/rest/latest/usergroups", json={"name": "Through latest"})
        assert answer.status_code == 201
        assert group_id(sim.control, "Through latest") == answer.json()["meta"]["id"]
        engineering = group_id(sim.control, "Engineering")
        assert api.post("/rest/latest/usergroups/%d/users" % engineering, json={"user": 2}).status_code == 201
        assert api.put("/rest/latest/users/2/active", json={"active": False}).status_code == 200
        assert next(u["active"] for u in sim.control.state()["users"] if u["id"] == 2) is False

    def test_latest_keeps_the_admin_check(self, sim, api):
        before = sim.control.state()
        answer = api.post("/rest/latest/usergroups", json={"name": "Not allowed"}, client="reports")
        assert answer.status_code == 403
        assert sim.control.state() == before

    def test_stats_name_the_path_as_addressed(self, sim, api):
        api.get("/rest/latest/users/2")
        api.get("/rest/v1/users/2")
        by_route = sim.control.stats()["by_route"]
        assert by_route["GET /rest/latest/users/{id}"] == 1
        assert by_route["GET /rest/v1/users/{id}"] == 1


class TestApiVersions:
    def test_lists_the_base_paths_without_credentials(self, sim, api):
        answer = api.get("/rest", client=None)
        assert answer.status_code == 200
        data = answer.json()["data"]
        assert [(entry["version"], entry["path"]) for entry in data] == [("v1", "/rest/v1"), ("latest", "/rest/latest")]
        assert [entry["url"] for entry in data] == [sim.base_url + "/rest/v1", sim.base_url + "/rest/latest"]
        assert answer.json()["meta"]["status"] == "OK"

    def test_trailing_slash_is_tolerated(self, api):
        assert api.get("/rest/", client=None).status_code == 200

    def test_every_listed_url_serves_the_api(self, api):
        for entry in api.get("/rest", client=None).json()["data"]:
            answer = api.session.get(entry["url"] + "/users/current", headers={"Authorization": "Bearer " + api.token()},
                                     timeout=10)
            assert answer.json()["data"]["username"] == "admin", entry

    def test_urls_carry_the_context_path(self):
        with Simulator(context_path="/contour") as contour:
            data = requests.get(contour.base_url + "/rest", timeout=10).json()["data"]
            assert data[0]["url"] == contour.base_url + "/rest/v1"
            with JamaApi(contour.base_url) as api:
                assert api.get("/rest/latest/users/current").json()["data"]["username"] == "admin"
