# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest
import requests

from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import ClientCredentialsAuth, TokenAuth
from ansible_collections.jama.connect.plugins.module_utils.rest.call_log import CallLog, median, throttle_headers
from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError

ENVELOPE = {"meta": {"status": "OK"}, "data": {"id": 1}}


def answer(status=200, body=None, headers=None):
    body = ENVELOPE if body is None else body
    reply = requests.Response()
    reply.status_code = status
    reply._content = json.dumps(body).encode("utf-8")  # pylint: disable=protected-access
    reply.headers.update(dict({"Content-Type": "application/json"}, **(headers or {})))
    reply.encoding = "utf-8"
    reply._content_consumed = True  # pylint: disable=protected-access
    return reply


class FakeSession:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.methods = []

    def request(self, method, url, **_kwargs):
        self.methods.append(method)
        reply = self.answers.pop(0)
        reply.url = url
        return reply


def client_with(*answers, auth=None):
    client = JamaClient("https://jama.example.com", auth or TokenAuth("t0ken-value-for-tests"), rate_limit=0,
                        sleep=lambda _seconds: None)
    session = FakeSession(*answers)
    client.transport._session = session  # pylint: disable=protected-access
    return client, session


class TestMedian:
    @pytest.mark.parametrize("values, expected", [([], None), ([3.0], 3.0), ([5.0, 1.0, 3.0], 3.0), ([4.0, 1.0, 2.0, 3.0], 2.5)])
    def test_median_of_odd_even_and_no_values(self, values, expected):
        assert median(values) == expected


class TestThrottleHeaders:
    def test_retry_after_and_rate_limit_families_are_kept_lower_cased(self):
        headers = {"Retry-After": "2", "X-RateLimit-Remaining": "9", "RateLimit-Policy": "10;w=1", "X-Rate-Limit-Limit": "10",
                   "Content-Type": "application/json", "X-Request-Id": "abc"}
        assert throttle_headers(headers) == {"retry-after": "2", "x-ratelimit-remaining": "9", "ratelimit-policy": "10;w=1",
                                             "x-rate-limit-limit": "10"}

    def test_values_are_cut_short(self):
        assert len(throttle_headers({"Retry-After": "9" * 1000})["retry-after"]) == 200


class TestCallLog:
    def test_each_exchange_is_timed_with_its_status_and_throttle_headers(self):
        client, _session = client_with(answer(429, {"meta": {}}, {"Retry-After": "0"}), answer())
        ticks = iter([0.0, 0.25, 1.0, 1.1])
        log = CallLog(client, clock=lambda: next(ticks))
        client.get("/rest/v1/users/current")
        assert [(c["method"], c["path"], c["status"], c["elapsed_ms"]) for c in log.calls] == [
            ("GET", "/rest/v1/users/current", 429, 250.0), ("GET", "/rest/v1/users/current", 200, 100.0)]
        assert log.calls[0]["throttle_headers"] == {"retry-after": "0"} and "throttle_headers" not in log.calls[1]
        assert log.throttle == {"retry-after": "0"}
        assert log.latency() == {"calls": 2, "median_ms": 175.0, "max_ms": 250.0}

    @pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
    def test_a_write_is_refused_before_it_is_sent(self, method):
        client, session = client_with(answer())
        log = CallLog(client)
        with pytest.raises(ConfigurationError, match="this task only reads"):
            client.request(method, "/rest/v1/usergroups/1/users", json={"user": 2})
        assert session.methods == [] and log.calls == []

    def test_the_token_request_passes_when_named_as_allowed(self):
        token = {"access_token": "minted-t0ken-value", "token_type": "Bearer", "expires_in": 3599}
        client, session = client_with(answer(200, token), answer(),
                                      auth=ClientCredentialsAuth("client-id-1", "client-secret-value-1"))
        log = CallLog(client, allowed=[("POST", "/rest/oauth/token")])
        client.get("/rest/v1/users/current")
        assert session.methods == ["POST", "GET"]
        assert [call["path"] for call in log.calls] == ["/rest/oauth/token", "/rest/v1/users/current"]

    def test_not_read_only_lets_writes_through(self):
        client, session = client_with(answer(201, {"meta": {"status": "Created", "id": 3}}))
        CallLog(client, read_only=False)
        client.post("/rest/v1/usergroups", json={"name": "x"})
        assert session.methods == ["POST"]

    def test_no_answer_is_left_out_of_the_latency(self):
        client, _session = client_with()
        log = CallLog(client)
        log.calls.append({"method": "GET", "path": "/rest", "status": None, "elapsed_ms": 30000.0})
        assert log.latency() == {"calls": 0, "median_ms": None, "max_ms": None}
