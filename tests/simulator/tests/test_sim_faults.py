"""Injected faults: queued (status, delay, HTML, malformed JSON, dropped connection) and seeded chaos."""

import pytest
import requests

from jama_sim import SimControlError

USERS = "/rest/v1/users"
CHAOS_REQUESTS = 80


def outcome(api, path=USERS, **kwargs):
    """The status code, or "dropped" when the server closed the connection without an answer."""
    try:
        return api.get(path, **kwargs).status_code
    except requests.exceptions.ConnectionError:
        return "dropped"


class TestQueuedFaults:
    def test_status_fault_applies_to_the_next_count_requests_then_disappears(self, sim, api):
        api.token()
        sim.control.fault(path="/rest/v1/users*", status=503, count=2)
        assert [outcome(api) for _index in range(3)] == [503, 503, 200]
        assert sim.control.faults() == []

    def test_status_fault_keeps_the_envelope_and_sends_retry_after_when_asked(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, status=429, retry_after=3)
        answer = api.get(USERS)
        assert answer.status_code == 429
        assert answer.headers["Retry-After"] == "3"
        assert answer.json()["meta"]["message"]

    def test_fault_without_retry_after_sends_none(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, status=502)
        assert "Retry-After" not in api.get(USERS).headers

    def test_method_and_path_must_both_match(self, sim, api):
        api.token()
        sim.control.fault(method="POST", path="/rest/v1/usergroups", status=500)
        assert api.get("/rest/v1/usergroups").status_code == 200
        assert api.get(USERS).status_code == 200
        assert api.post("/rest/v1/usergroups", json={"name": "Fault target"}).status_code == 500
        assert "Fault target" not in [group["name"] for group in sim.control.state()["groups"]]

    def test_path_pattern_is_relative_to_the_context_path_and_ignores_the_query(self, sim, api):
        api.token()
        sim.control.fault(path="/rest/v1/users/*", status=504)
        assert api.get(USERS, params={"startAt": 0}).status_code == 200
        assert api.get(USERS + "/1", params={"x": "y"}).status_code == 504

    def test_html_body(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, body="html")
        answer = api.get(USERS)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"].startswith("text/html")
        with pytest.raises(ValueError):
            answer.json()

    def test_html_body_with_a_status(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, body="html", status=502)
        answer = api.get(USERS)
        assert answer.status_code == 502 and "<html" in answer.text

    def test_malformed_json_body(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, body="malformed_json")
        answer = api.get(USERS)
        assert answer.status_code == 200
        assert answer.headers["Content-Type"] == "application/json"
        with pytest.raises(ValueError):
            answer.json()

    def test_drop_closes_the_connection_without_an_answer(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, drop=True)
        with pytest.raises(requests.exceptions.ConnectionError):
            api.get(USERS)
        assert api.get(USERS).status_code == 200

    def test_delay_alone_answers_normally_after_waiting(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, delay=0.2)
        assert api.get(USERS).status_code == 200

    def test_delay_longer_than_the_client_timeout_times_out(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, delay=2.0)
        with pytest.raises(requests.exceptions.Timeout):
            api.get(USERS, timeout=0.3)

    def test_token_endpoint_can_be_faulted(self, sim, api):
        sim.control.fault(path="/rest/oauth/token", status=503)
        assert api.request_token().status_code == 503
        assert api.request_token().status_code == 200

    def test_faults_are_listed_and_cleared(self, sim):
        sim.control.fault(path=USERS, status=500, count=4)
        sim.control.fault(method="delete", path="*", drop=True)
        listed = sim.control.faults()
        assert [(f["method"], f["path"], f["count"]) for f in listed] == [("*", USERS, 4), ("DELETE", "*", 1)]
        sim.control.clear_faults()
        assert sim.control.faults() == []

    def test_faulted_requests_are_counted(self, sim, api):
        api.token()
        sim.control.fault(path=USERS, status=503)
        sim.control.fault(path=USERS, drop=True)
        outcome(api)
        outcome(api)
        stats = sim.control.stats()
        assert stats["by_route"]["GET /rest/v1/users"] == 2
        assert stats["by_status"]["503"] == 1 and stats["by_status"]["dropped"] == 1

    @pytest.mark.parametrize("spec", [{"status": 99}, {"status": "503"}, {"count": 0}, {"delay": -1}, {"delay": 3600},
                                      {"body": "xml"}, {"drop": "yes"}, {"path": ""}, {"colour": "red"}])
    def test_invalid_fault_is_refused_with_400(self, sim, spec):
        with pytest.raises(SimControlError) as caught:
            sim.control.call("POST", "faults", spec)
        assert caught.value.status == 400 and caught.value.message


class TestChaos:
    def run(self, api):
        return [outcome(api) for _index in range(CHAOS_REQUESTS)]

    def test_same_seed_gives_the_same_fault_sequence(self, sim, api):
        api.token()
        spec = {"seed": 42, "status_rate": 0.15, "status": 503, "drop_rate": 0.05}
        sim.control.chaos(**spec)
        first = self.run(api)
        sim.control.chaos(**spec)
        second = self.run(api)
        assert first == second
        assert {200, 503, "dropped"} == set(first)

    def test_another_seed_gives_another_sequence(self, sim, api):
        api.token()
        sequences = []
        for seed in (1, 2):
            sim.control.chaos(seed=seed, status_rate=0.3)
            sequences.append(self.run(api))
        assert sequences[0] != sequences[1]

    def test_token_endpoint_is_spared_unless_the_path_matches_it(self, sim, api):
        sim.control.chaos(seed=7, status_rate=1.0)
        assert api.request_token().status_code == 200
        assert api.get(USERS).status_code == 503
        sim.control.chaos(seed=7, status_rate=1.0, path="/rest/oauth/*")
        assert api.request_token().status_code == 503

    def test_max_faults_bounds_the_injections(self, sim, api):
        api.token()
        sim.control.chaos(seed=3, status_rate=1.0, max_faults=2)
        assert [outcome(api) for _index in range(4)] == [503, 503, 200, 200]
        assert sim.control.chaos_status()["injected"] == 2

    def test_stop_ends_chaos(self, sim, api):
        api.token()
        sim.control.chaos(seed=3, status_rate=1.0)
        sim.control.stop_chaos()
        assert api.get(USERS).status_code == 200
        assert sim.control.chaos_status()["active"] is False

    def test_methods_filter(self, sim, api):
        api.token()
        sim.control.chaos(seed=3, status_rate=1.0, methods=["POST"])
        assert api.get(USERS).status_code == 200
        assert api.post("/rest/v1/usergroups", json={"name": "x"}).status_code == 503

    @pytest.mark.parametrize("spec", [{"status_rate": 1.5}, {"status_rate": 0.6, "drop_rate": 0.6}, {"methods": "GET"},
                                      {"seed": -1}, {"surprise": 1}])
    def test_invalid_chaos_is_refused_with_400(self, sim, spec):
        with pytest.raises(SimControlError) as caught:
            sim.control.chaos(**spec)
        assert caught.value.status == 400
