"""HTTP surface: context path, unknown paths (HTML), wrong methods, body limits, concurrency."""

import concurrent.futures

import pytest
import requests

from jama_sim import Simulator
from sim_http_helpers import CLIENTS, JamaApi

THREADS = 8
REQUESTS_PER_THREAD = 10


@pytest.fixture(scope="module")
def contour():
    with Simulator(context_path="contour/") as simulator:
        yield simulator


class TestContextPath:
    def test_base_url_includes_the_context_path(self, contour):
        assert contour.base_url == contour.root_url + "/contour"
        with JamaApi(contour.base_url) as api:
            assert api.get("/rest/v1/users/current").json()["data"]["username"] == "admin"

    def test_a_missing_context_path_lands_on_the_html_login_page(self, contour):
        with JamaApi(contour.root_url) as api:
            answer = api.request_token()
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("text/html")
        assert "Login" in answer.text

    def test_control_surface_lives_at_the_root_only(self, contour):
        assert contour.control.state()["managed_access"] is True
        answer = requests.get(contour.base_url + "/__sim/state", timeout=10)
        assert answer.status_code == 404 and answer.headers["Content-Type"].startswith("text/html")

    def test_location_includes_the_context_path(self, contour):
        with JamaApi(contour.base_url) as api:
            answer = api.post("/rest/v1/usergroups", json={"name": "Context group"})
        assert answer.json()["meta"]["location"].startswith(contour.base_url + "/rest/v1/usergroups/")
        contour.control.reset()


class TestRouting:
    @pytest.mark.parametrize("path", ["/rest/v2/users", "/rest/v1/nothing", "/rest/v1/users/abc", "/"])
    def test_unknown_paths_answer_an_html_404(self, api, path):
        answer = api.get(path)
        assert answer.status_code == 404
        assert answer.headers["Content-Type"].startswith("text/html")

    def test_wrong_method_on_a_known_path_answers_405_with_allow(self, api):
        answer = api.call("PATCH", "/rest/v1/usergroups/1", json={})
        assert answer.status_code == 405
        assert set(answer.headers["Allow"].split(", ")) == {"GET", "PUT", "DELETE"}

    def test_trailing_slash_is_tolerated(self, api):
        assert api.get("/rest/v1/users/current/").status_code == 200

    def test_oversized_body_is_refused(self, api):
        answer = api.post("/rest/v1/usergroups", data=b"x" * (1024 * 1024 + 1), headers={"Content-Type": "application/json"})
        assert answer.status_code == 413

    def test_answers_are_json_with_a_timestamped_envelope(self, api):
        answer = api.get("/rest/v1/users/current")
        assert answer.headers["Content-Type"] == "application/json"
        assert answer.json()["meta"]["timestamp"].endswith("+0000")
        assert answer.json()["links"] == {}


class TestConcurrency:
    def test_parallel_clients_are_all_served_and_counted(self, sim, api):
        token = api.token()

        def worker(_index):
            with requests.Session() as session:
                return [session.get(sim.base_url + "/rest/v1/users", headers={"Authorization": "Bearer " + token},
                                    timeout=10).status_code for _request in range(REQUESTS_PER_THREAD)]

        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            statuses = [status for result in pool.map(worker, range(THREADS)) for status in result]
        assert statuses == [200] * THREADS * REQUESTS_PER_THREAD
        assert sim.control.stats()["by_route"]["GET /rest/v1/users"] == THREADS * REQUESTS_PER_THREAD

    def test_parallel_writes_are_not_lost(self, sim, api):
        api.token()
        state = sim.control.state()
        engineering = next(group for group in state["groups"] if group["name"] == "Engineering")
        outsiders = [user["id"] for user in state["users"] if user["username"] not in engineering["members"]]

        def add(user):
            return api.post("/rest/v1/usergroups/%d/users" % engineering["id"], json={"user": user}).status_code

        with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
            assert set(pool.map(add, outsiders)) == {201}
        members = next(group["members"] for group in sim.control.state()["groups"] if group["name"] == "Engineering")
        assert len(members) == len(engineering["members"]) + len(outsiders)

    def test_stopped_simulator_refuses_connections(self):
        simulator = Simulator().start()
        base_url = simulator.base_url
        simulator.stop()
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(base_url + "/rest/oauth/token", auth=CLIENTS["admin"], timeout=5)
