"""Throttling: past N requests in a second, 429; Retry-After only when configured."""

from sim_http_helpers import JamaApi

BURST = 8


def burst(api, token):
    return [api.get("/rest/v1/users/current", token=token).status_code for _index in range(BURST)]


class TestThrottle:
    def test_requests_past_the_limit_answer_429_without_retry_after(self, sim, api):
        token = api.token()
        sim.control.configure(rate_limit=3)
        statuses = burst(api, token)
        assert statuses[:3] == [200, 200, 200]
        assert 429 in statuses
        refused = api.get("/rest/v1/users/current", token=token)
        assert refused.status_code == 429
        assert "Retry-After" not in refused.headers

    def test_retry_after_is_sent_when_configured(self, sim, api):
        token = api.token()
        sim.control.configure(rate_limit=1, retry_after=2)
        statuses = burst(api, token)
        assert 429 in statuses
        refused = api.get("/rest/v1/users/current", token=token)
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"

    def test_throttled_requests_are_counted_and_control_calls_are_not_throttled(self, sim, api):
        token = api.token()
        sim.control.configure(rate_limit=2)
        statuses = burst(api, token)
        stats = sim.control.stats()
        assert stats["by_status"]["429"] == statuses.count(429)
        assert stats["total"] == BURST + 1

    def test_constructor_option(self):
        from jama_sim import Simulator  # pylint: disable=import-outside-toplevel
        with Simulator(rate_limit=2, retry_after=1) as limited, JamaApi(limited.base_url) as api:
            statuses = [api.request_token().status_code for _index in range(BURST)]
        assert statuses[:2] == [200, 200] and 429 in statuses

    def test_removing_the_limit(self, sim, api):
        token = api.token()
        sim.control.configure(rate_limit=1)
        sim.control.configure(rate_limit=None)
        assert set(burst(api, token)) == {200}
