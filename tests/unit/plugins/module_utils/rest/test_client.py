# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import json

import pytest
import requests

from ansible_collections.jama.connect.plugins.module_utils.rest import client as client_module
from ansible_collections.jama.connect.plugins.module_utils.rest import errors
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import BasicAuth, ClientCredentialsAuth, TokenAuth
from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient

BASE = "https://jama.example.com/contour"


def response(status=200, body=None, text=None, headers=None, url=None):
    """A real requests.Response, so parsing runs exactly as it does on the wire."""
    answer = requests.Response()
    answer.status_code = status
    if text is None:
        text = "" if body is None else json.dumps(body)
    answer._content = text.encode("utf-8")  # pylint: disable=protected-access
    answer.headers.update(headers or {})
    answer.url = url
    answer.encoding = "utf-8"
    answer._content_consumed = True  # pylint: disable=protected-access # read from _content, as after a download
    return answer


class FakeSession:
    """Stands in for requests.Session: replays scripted answers (or raises exceptions) and records calls."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append(dict(kwargs, method=method, url=url))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        if answer.url is None:
            answer.url = url
        return answer


class Recorder:
    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def make_client(*answers, auth=None, retries=5, random_value=0.5, **options):
    sleep = Recorder()
    client = JamaClient(BASE + "/", auth if auth is not None else TokenAuth("t0k3n"), retries=retries,
                        sleep=sleep, random=lambda: random_value, rate_limit=0, **options)
    session = FakeSession(*answers)
    client.transport._session = session  # pylint: disable=protected-access
    return client, session, sleep


def ok(data=None):
    return response(200, {"meta": {"status": "OK"}, "links": {}, "data": data})


class TestRetries:
    @pytest.mark.parametrize("status", [429, 502, 503, 504])
    def test_read_is_retried_on_transient_status(self, status):
        client, session, sleep = make_client(response(status), response(status), ok({"id": 1}))
        assert client.get("/rest/v1/users/current")["data"] == {"id": 1}
        assert len(session.calls) == 3 and client.request_count == 3
        assert sleep.waits == [0.5, 1.0]

    @pytest.mark.parametrize("status", [400, 401, 403, 404, 500])
    def test_other_statuses_are_not_retried(self, status):
        client, session, sleep = make_client(response(status, {"meta": {"message": "no"}}))
        with pytest.raises(errors.JamaError):
            client.get("/rest/v1/users/1")
        assert len(session.calls) == 1 and sleep.waits == []

    def test_retry_after_header_is_honoured(self):
        client, dummy, sleep = make_client(response(429, headers={"Retry-After": "7"}), ok())
        client.get("/rest/v1/users")
        assert sleep.waits == [7.0]

    def test_retries_are_bounded_and_the_error_says_how_many(self):
        client, session, sleep = make_client(*[response(503) for dummy in range(3)], retries=2)
        with pytest.raises(errors.ServerError) as caught:
            client.get("/rest/v1/users")
        assert len(session.calls) == 3 and len(sleep.waits) == 2
        assert "after 2 retries" in str(caught.value) and caught.value.status == 503

    def test_throttling_that_never_ends_raises_throttled(self):
        client, dummy, dummy2 = make_client(response(429), response(429), retries=1)
        with pytest.raises(errors.Throttled):
            client.get("/rest/v1/users")

    def test_zero_retries_means_one_attempt(self):
        client, session, sleep = make_client(response(503), retries=0)
        with pytest.raises(errors.ServerError):
            client.get("/rest/v1/users")
        assert len(session.calls) == 1 and sleep.waits == []

    @pytest.mark.parametrize("call", [lambda c: c.post("/rest/v1/usergroups", json={"name": "g"}),
                                      lambda c: c.put("/rest/v1/usergroups/1", json={"name": "g"})])
    def test_unsafe_write_is_not_retried_on_503(self, call):
        client, session, dummy = make_client(response(503), ok())
        with pytest.raises(errors.ServerError):
            call(client)
        assert len(session.calls) == 1

    @pytest.mark.parametrize("transient", [response(503), response(429), requests.exceptions.ConnectionError("reset")])
    def test_delete_is_retried(self, transient):
        client, session, dummy = make_client(transient, response(200, text=""))
        assert client.delete("/rest/v1/usergroups/1/users/2") == {}
        assert len(session.calls) == 2

    def test_a_404_on_a_retried_delete_means_the_first_attempt_did_it(self):
        client, session, dummy = make_client(response(504), response(404, {"meta": {"message": "gone"}}))
        assert client.delete("/rest/v1/usergroups/1/users/2") == {}
        assert len(session.calls) == 2

    def test_a_404_on_a_first_delete_is_still_not_found(self):
        client, dummy, dummy2 = make_client(response(404, {"meta": {"message": "gone"}}))
        with pytest.raises(errors.NotFound):
            client.delete("/rest/v1/usergroups/1/users/2")

    def test_a_retry_after_longer_than_the_wait_budget_ends_the_retries_and_says_so(self):
        client, session, sleep = make_client(response(429, headers={"Retry-After": "300"}), ok(), retry_max_wait=120)
        with pytest.raises(errors.Throttled) as caught:
            client.get("/rest/v1/users")
        assert len(session.calls) == 1 and sleep.waits == []
        assert "asked to wait 300 s, more than the 120 s left of retry_max_wait" in str(caught.value)

    def test_all_waits_of_one_task_stay_within_the_budget(self):
        answers = [response(503, headers={"Retry-After": "50"}) for dummy in range(6)]
        client, session, sleep = make_client(*answers, retries=5, retry_max_wait=120)
        with pytest.raises(errors.ServerError):
            client.get("/rest/v1/users")
        assert sleep.waits == [50.0, 50.0] and len(session.calls) == 3

    def test_retry_max_wait_zero_turns_retrying_off(self):
        client, session, sleep = make_client(response(503), ok(), retry_max_wait=0)
        with pytest.raises(errors.ServerError):
            client.get("/rest/v1/users")
        assert len(session.calls) == 1

    def test_retry_safe_write_is_retried(self):
        client, session, dummy = make_client(response(503), ok())
        client.post("/rest/v1/system/settings/restapiaccess", json={"users": [1]}, retry_safe=True)
        assert len(session.calls) == 2

    def test_throttled_write_is_retried_because_jama_did_not_apply_it(self):
        client, session, dummy = make_client(response(429), response(201, {"meta": {"status": "Created", "id": 5}}))
        assert client.post("/rest/v1/usergroups", json={"name": "g"})["meta"]["id"] == 5
        assert len(session.calls) == 2

    def test_connection_error_on_read_is_retried(self):
        client, session, dummy = make_client(requests.exceptions.ConnectionError("reset"), ok({"id": 1}))
        assert client.get("/rest/v1/users/current")["data"]["id"] == 1
        assert client.request_count == 2

    def test_connection_error_on_unsafe_write_is_not_retried(self):
        client, session, dummy = make_client(requests.exceptions.ConnectionError("reset"), ok())
        with pytest.raises(errors.TransportError):
            client.post("/rest/v1/usergroups", json={})
        assert len(session.calls) == 1

    def test_read_timeout_is_not_retried(self):
        client, session, dummy = make_client(requests.exceptions.ReadTimeout("slow"), ok())
        with pytest.raises(errors.RequestTimeout) as caught:
            client.get("/rest/v1/users")
        assert len(session.calls) == 1 and "within 30 s" in str(caught.value)

    def test_connect_timeout_is_retried(self):
        client, session, dummy = make_client(requests.exceptions.ConnectTimeout("no route"), ok())
        client.get("/rest/v1/users")
        assert len(session.calls) == 2

    def test_tls_failure_is_not_retried_and_points_to_ca_path(self):
        client, session, dummy = make_client(requests.exceptions.SSLError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed (_ssl.c:1)"))
        with pytest.raises(errors.TLSError) as caught:
            client.get("/rest/v1/users")
        assert len(session.calls) == 1
        assert "certificate verify failed: self-signed" in str(caught.value) and "ca_path" in str(caught.value)

    def test_refused_connection_reason_is_readable(self):
        refused = requests.exceptions.ConnectionError("HTTPConnectionPool(host='h', port=1): Max retries exceeded "
                                                      "(Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x1>: "
                                                      "Failed to establish a new connection: [Errno 111] Connection refused'))")
        client, dummy, dummy2 = make_client(refused, retries=0)
        with pytest.raises(errors.TransportError) as caught:
            client.get("/rest/v1/users")
        assert str(caught.value).startswith("cannot reach %s: Connection refused (GET /rest/v1/users)" % BASE)


class TestParsing:
    def test_json_body_is_returned_whole(self):
        client, session, dummy = make_client(ok({"id": 3}))
        assert client.get("/rest/v1/users/3") == {"meta": {"status": "OK"}, "links": {}, "data": {"id": 3}}
        assert session.calls[0]["url"] == BASE + "/rest/v1/users/3"

    def test_empty_success_body_is_an_empty_dict(self):
        client, dummy, dummy2 = make_client(response(200, text=""))
        assert client.delete("/rest/v1/system/settings/restapiaccess/users/3") == {}

    @pytest.mark.parametrize("status", [200, 404])
    def test_html_answer_names_the_url_and_hints_at_the_context_path(self, status):
        client, dummy, dummy2 = make_client(response(status, text="<!DOCTYPE html><html>login</html>", headers={"Content-Type": "text/html"}))
        with pytest.raises(errors.UnexpectedResponse) as caught:
            client.get("/rest/v1/users/current")
        assert "%s/rest/v1/users/current answered with an HTML page" % BASE in str(caught.value)
        assert "context path" in str(caught.value)

    def test_a_read_redirected_to_a_login_page_names_both_urls(self):
        client, session, dummy = make_client(response(302, headers={"Location": "/login.req"}),
                                             response(200, text="<html/>"))
        with pytest.raises(errors.UnexpectedResponse, match="redirected to https://jama.example.com/login.req"):
            client.get("/rest/v1/users/current")
        assert [call["allow_redirects"] for call in session.calls] == [False, False]

    def test_an_answer_that_was_not_redirected_never_says_so(self):
        client, dummy, dummy2 = make_client(response(200, text="<html/>", url=BASE + "/rest/v1/users?startAt=0"))
        with pytest.raises(errors.UnexpectedResponse) as caught:
            client.get("/rest/v1/users", params={"startAt": 0})
        assert "redirected" not in str(caught.value)

    @pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
    @pytest.mark.parametrize("call", [lambda c: c.post("/rest/v1/usergroups/1/users", json={"user": 2}),
                                      lambda c: c.delete("/rest/v1/usergroups/1/users/2")])
    def test_a_redirected_write_fails_naming_the_location_and_is_not_resent(self, status, call):
        client, session, dummy = make_client(response(status, headers={"Location": "https://lb.example.com/x"}), ok())
        with pytest.raises(errors.UnexpectedResponse) as caught:
            call(client)
        assert len(session.calls) == 1
        assert "redirect to https://lb.example.com/x" in str(caught.value) and "nothing was written" in str(caught.value)
        assert "scheme" in str(caught.value)

    def test_a_read_is_never_redirected_to_another_origin(self):
        client, session, dummy = make_client(response(301, headers={"Location": "http://jama.example.com/contour/x"}), ok())
        with pytest.raises(errors.UnexpectedResponse, match="another origin, http://jama.example.com/contour/x"):
            client.get("/rest/v1/users/current")
        assert len(session.calls) == 1

    def test_credentials_in_a_location_are_not_repeated(self):
        client, dummy, dummy2 = make_client(response(302, headers={"Location": "https://u:pw@evil.example.com/"}))
        with pytest.raises(errors.UnexpectedResponse) as caught:
            client.post("/rest/oauth/token", retry_safe=True)
        assert "pw" not in str(caught.value) and "evil.example.com" in str(caught.value)

    def test_an_answer_larger_than_the_cap_is_refused(self):
        client, dummy, dummy2 = make_client(response(200, text="{}", headers={"Content-Length": str(2 ** 40)}), retries=0)
        with pytest.raises(errors.ResponseTooLarge, match="larger than 32 MiB"):
            client.get("/rest/v1/users")

    @pytest.mark.parametrize("text, what", [
        ('[1, 2]', "is a list, not the object"),
        ('{"meta": null, "data": {}}', "meta that is null"),
        ('{"meta": "OK", "data": {}}', "meta that is a string"),
    ])
    def test_a_body_of_the_wrong_shape_is_named(self, text, what):
        client, dummy, dummy2 = make_client(response(200, text=text))
        with pytest.raises(errors.UnexpectedResponse, match=what) as caught:
            client.get("/rest/v1/users/current")
        assert caught.value.path == "/rest/v1/users/current"

    @pytest.mark.parametrize("body, what", [({"meta": {}}, "has no data"), ({"data": []}, "data that is a list, not an object"),
                                            ({"data": None}, "data that is null")])
    def test_an_object_read_without_an_object_is_named(self, body, what):
        client, dummy, dummy2 = make_client(response(200, body))
        with pytest.raises(errors.UnexpectedResponse, match=what):
            client.current_user()

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_non_json_numbers_are_malformed_json(self, constant):
        client, dummy, dummy2 = make_client(response(200, text='{"expires_in": %s}' % constant))
        with pytest.raises(errors.UnexpectedResponse, match="malformed JSON"):
            client.get("/rest/v1/users/current")

    def test_malformed_json_is_named_as_such(self):
        client, dummy, dummy2 = make_client(response(200, text='{"meta": {'))
        with pytest.raises(errors.UnexpectedResponse, match="malformed JSON"):
            client.get("/rest/v1/users/current")

    @pytest.mark.parametrize("status, cls", [(400, errors.BadRequest), (401, errors.AuthenticationError), (403, errors.PermissionDenied),
                                             (404, errors.NotFound), (409, errors.BadRequest), (500, errors.ServerError)])
    def test_status_maps_to_one_error_class_carrying_meta_message(self, status, cls):
        client, dummy, dummy2 = make_client(response(status, {"meta": {"status": "Bad", "message": "Jama says no"}}))
        with pytest.raises(cls) as caught:
            client.get("/rest/v1/usergroups/7")
        assert (caught.value.status, caught.value.method, caught.value.path, caught.value.jama_message) == \
            (status, "GET", "/rest/v1/usergroups/7", "Jama says no")

    def test_duplicate_create_is_already_exists(self):
        client, dummy, dummy2 = make_client(response(400, {"meta": {"message": "Group name already exists"}}))
        with pytest.raises(errors.BadRequest) as caught:
            client.post("/rest/v1/usergroups", json={"name": "g"})
        assert caught.value.already_exists

    def test_a_gateways_html_error_page_is_quoted_and_a_certificate_demand_explained(self):
        page = "<html><head><title>400 No required SSL certificate was sent</title></head><body>nginx</body></html>"
        client, dummy, dummy2 = make_client(response(400, text=page, headers={"Content-Type": "text/html"}))
        with pytest.raises(errors.BadRequest) as caught:
            client.post("/rest/oauth/token")
        assert caught.value.jama_message == "400 No required SSL certificate was sent"
        assert "client_cert" in str(caught.value)

    def test_an_html_error_page_without_a_title_still_maps_to_its_status(self):
        client, dummy, dummy2 = make_client(response(502, text="<html><body>upstream down</body></html>"), retries=0)
        with pytest.raises(errors.ServerError) as caught:
            client.get("/rest/v1/users/current")
        assert caught.value.jama_message is None and caught.value.hint is None

    def test_error_without_body_still_maps(self):
        client, dummy, dummy2 = make_client(response(401, text=""))
        with pytest.raises(errors.AuthenticationError) as caught:
            client.get("/rest/v1/users/current")
        assert caught.value.jama_message is None


def token_answer(token, expires_in=3599):
    return response(200, {"access_token": token, "token_type": "bearer", "expires_in": expires_in, "scope": "token_information",
                          "application_data": {"JAMA_CORE": "admin"}, "tenant": "default", "jti": "j-" + token})


class TestAuthentication:
    def test_bearer_token_is_sent(self):
        client, session, dummy = make_client(ok())
        client.get("/rest/v1/users/current")
        assert session.calls[0]["headers"] == {"Authorization": "Bearer t0k3n"}

    def test_client_credentials_mint_first_then_reuse(self):
        client, session, dummy = make_client(token_answer("A"), ok(), ok(), auth=ClientCredentialsAuth("cid", "csecret"))
        client.get("/rest/v1/users/current")
        client.get("/rest/v1/users/current")
        assert [call["url"] for call in session.calls] == [BASE + "/rest/oauth/token"] + [BASE + "/rest/v1/users/current"] * 2
        assert session.calls[0]["auth"] == ("cid", "csecret") and session.calls[0]["data"] == {"grant_type": "client_credentials"}
        assert session.calls[2]["headers"] == {"Authorization": "Bearer A"}

    def test_a_401_re_mints_once_and_repeats_the_request(self):
        client, session, dummy = make_client(token_answer("A"), response(401), token_answer("B"), ok({"id": 1}),
                                             auth=ClientCredentialsAuth("cid", "csecret"))
        assert client.current_user() == {"id": 1}
        assert session.calls[3]["headers"] == {"Authorization": "Bearer B"} and client.request_count == 4

    def test_a_second_401_is_final(self):
        client, session, dummy = make_client(token_answer("A"), response(401), token_answer("B"), response(401),
                                             auth=ClientCredentialsAuth("cid", "csecret"))
        with pytest.raises(errors.AuthenticationError):
            client.current_user()
        assert len(session.calls) == 4

    def test_a_given_token_is_not_retried_after_401(self):
        client, session, dummy = make_client(response(401), ok())
        with pytest.raises(errors.AuthenticationError):
            client.current_user()
        assert len(session.calls) == 1

    @pytest.mark.parametrize("auth", [TokenAuth("t0k3n"), BasicAuth("admin", "pw"), ClientCredentialsAuth("cid", "csecret")])
    def test_a_final_401_carries_what_to_check_for_the_auth_in_use(self, auth):
        answers = [token_answer("A"), response(401), token_answer("B"), response(401)] if isinstance(auth, ClientCredentialsAuth) \
            else [response(401)]
        client, dummy, dummy2 = make_client(*answers, auth=auth)
        with pytest.raises(errors.AuthenticationError) as caught:
            client.current_user()
        assert caught.value.hint == auth.unauthorized_hint and caught.value.hint

    def test_an_unauthenticated_request_sends_no_credentials_and_a_401_is_not_re_minted(self):
        client, session, dummy = make_client(response(401), auth=ClientCredentialsAuth("cid", "csecret"))
        with pytest.raises(errors.AuthenticationError):
            client.request("GET", "/rest/v1/users/current", authenticate=False)
        assert [call["headers"] for call in session.calls] == [{}]

    def test_token_request_is_retried_like_a_read(self):
        client, session, dummy = make_client(response(503), token_answer("A"), ok({"id": 1}), auth=ClientCredentialsAuth("cid", "csecret"))
        client.current_user()
        assert client.request_count == 3


def page(ids, total, start=None):
    items = [{"id": item_id} for item_id in ids]
    start = (ids[0] - 1) if ids and start is None else (start or 0)
    return response(200, {"meta": {"status": "OK", "pageInfo": {"startIndex": start, "resultCount": len(items), "totalResults": total}},
                          "links": {}, "data": items})


def ids(items):
    return [item["id"] for item in items]


class TestPaged:
    def test_pages_are_walked_until_total_results(self):
        client, session, dummy = make_client(page([1, 2], 5), page([3, 4], 5), page([5], 5))
        params = {"username": "x"}
        assert ids(client.paged("/rest/v1/users", params=params, page_size=2)) == [1, 2, 3, 4, 5]
        assert [(c["params"]["startAt"], c["params"]["maxResults"]) for c in session.calls] == [(0, 2), (2, 2), (4, 2)]
        assert all(c["params"]["username"] == "x" for c in session.calls)
        assert params == {"username": "x"}

    def test_page_size_is_clamped_to_jama_maximum(self):
        client, session, dummy = make_client(page([], 0))
        assert list(client.paged("/rest/v1/users", page_size=500)) == []
        assert session.calls[0]["params"]["maxResults"] == 50

    def test_an_empty_page_before_the_total_is_an_error(self):
        client, session, dummy = make_client(page([1], 10), page([], 10, start=1))
        with pytest.raises(errors.UnexpectedResponse, match="empty page at startAt=1 although totalResults is 10"):
            list(client.paged("/rest/v1/users", page_size=1))
        assert len(session.calls) == 2

    def test_a_gateway_that_repeats_the_first_page_is_stopped_at_once(self):
        client, session, dummy = make_client(*[page([1, 2], 100000, start=0) for dummy in range(10)])
        with pytest.raises(errors.UnexpectedResponse, match="startIndex 0") as caught:
            list(client.paged("/rest/v1/users", page_size=2))
        assert len(session.calls) == 2 and caught.value.path == "/rest/v1/users"

    def test_a_repeated_page_is_an_error_even_with_the_right_start_index(self):
        client, session, dummy = make_client(page([1, 2], 6), page([1, 2], 6, start=2))
        with pytest.raises(errors.UnexpectedResponse, match="repeats items already read"):
            list(client.paged("/rest/v1/users", page_size=2))

    def test_more_pages_than_the_total_allows_is_an_error(self):
        answers = [page([n], 2 if n == 1 else 10 ** 6) for n in range(1, 12)]
        client, session, dummy = make_client(*answers)
        with pytest.raises(errors.UnexpectedResponse, match="more than 5 pages"):
            list(client.paged("/rest/v1/users", page_size=1))
        assert len(session.calls) == 6

    def test_data_that_is_an_object_is_not_walked_as_a_list(self):
        client, dummy, dummy2 = make_client(response(200, {"meta": {"pageInfo": {"totalResults": 1}}, "data": {"id": 1}}))
        with pytest.raises(errors.UnexpectedResponse, match="data that is an object, not a list"):
            list(client.paged("/rest/v1/users"))

    def test_a_walk_resumes_at_the_given_start(self):
        client, session, dummy = make_client(page([3, 4], 5), page([5], 5))
        params = {"startAt": 2}
        assert ids(client.paged("/rest/v1/users", params=params, page_size=2)) == [3, 4, 5]
        assert [c["params"]["startAt"] for c in session.calls] == [2, 4]
        assert params == {"startAt": 2}

    def test_pages_are_fetched_lazily(self):
        client, session, dummy = make_client(page([1, 2], 4), page([3, 4], 4))
        walk = client.paged("/rest/v1/users", page_size=2)
        assert next(walk) == {"id": 1} and len(session.calls) == 1


class CapturingAdapter(requests.adapters.BaseAdapter):
    """The end of the line inside requests: records what it would send with, after requests merged the environment."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send(self, request, **kwargs):  # pylint: disable=arguments-differ
        self.sent.append(dict(kwargs, headers=dict(request.headers)))
        return response(200, {"data": {}}, url=request.url)

    def close(self):
        pass


def sent_with(monkeypatch, environ=None, **options):
    for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (environ or {}).items():
        monkeypatch.setenv(name, value)
    client = JamaClient(BASE, TokenAuth("t0k3n"), **options)
    adapter = CapturingAdapter()
    client.transport._session.mount("https://", adapter)  # pylint: disable=protected-access
    client.get("/rest/v1/users/current")
    return client, adapter.sent[0]


class TestTransportOptions:
    def test_defaults_verify_and_name_the_collection(self, monkeypatch):
        client, sent = sent_with(monkeypatch)
        assert sent["verify"] is True and sent["cert"] is None and sent["timeout"] == 30
        assert client.base_url == BASE and sent["headers"]["User-Agent"] == client_module.DEFAULT_AGENT
        assert sent["headers"]["Authorization"] == "Bearer t0k3n"

    def test_ca_path_wins_over_requests_ca_bundle_in_the_environment(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"REQUESTS_CA_BUNDLE": "/etc/ssl/system.pem"}, ca_path="/etc/private-ca.pem")
        assert sent["verify"] == "/etc/private-ca.pem"

    def test_without_ca_path_the_environment_bundle_applies(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"REQUESTS_CA_BUNDLE": "/etc/ssl/system.pem"})
        assert sent["verify"] == "/etc/ssl/system.pem"

    def test_validate_certs_false_disables_verification_even_with_ca_path(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"REQUESTS_CA_BUNDLE": "/etc/ssl/system.pem"}, validate_certs=False, ca_path="/ca.pem")
        assert sent["verify"] is False

    def test_client_certificate_and_key(self, monkeypatch):
        assert sent_with(monkeypatch, client_cert="c.pem", client_key="k.pem")[1]["cert"] == ("c.pem", "k.pem")
        assert sent_with(monkeypatch, client_cert="both.pem")[1]["cert"] == "both.pem"

    def test_explicit_proxy_wins_over_the_environment(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"HTTPS_PROXY": "http://env-proxy:8080"}, proxy="http://proxy:3128", http_agent="me/1")
        assert sent["proxies"]["https"] == "http://proxy:3128" and sent["headers"]["User-Agent"] == "me/1"

    def test_without_proxy_the_environment_applies(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"HTTPS_PROXY": "http://env-proxy:8080"})
        assert sent["proxies"]["https"] == "http://env-proxy:8080"

    def test_no_proxy_is_honoured(self, monkeypatch):
        dummy, sent = sent_with(monkeypatch, {"HTTPS_PROXY": "http://env-proxy:8080", "NO_PROXY": "jama.example.com"})
        assert "https" not in sent["proxies"]


class SlowSession(FakeSession):
    """A FakeSession on a fake clock: each exchange takes `latency` seconds; records when each request was sent."""

    def __init__(self, clock, latencies, *answers):
        super(SlowSession, self).__init__(*answers)
        self.clock = clock
        self.latencies = list(latencies)
        self.sent_at = []

    def request(self, method, url, **kwargs):
        self.sent_at.append(self.clock.now)
        self.clock.now += self.latencies.pop(0)
        return super(SlowSession, self).request(method, url, **kwargs)


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.now += seconds


class TestPacing:
    def paced_client(self, latencies, *answers):
        clock = FakeClock()
        client = JamaClient(BASE + "/", TokenAuth("t0k3n"), retries=0, sleep=clock.sleep, clock=clock, rate_limit=10)
        session = SlowSession(clock, latencies, *answers)
        client.transport._session = session  # pylint: disable=protected-access
        return client, session, clock

    def test_the_request_that_would_be_the_eleventh_in_a_second_waits_a_second_after_the_first_answer(self):
        # The first exchange takes 0.3 s: Jama may have counted it as late as its answer came back.
        client, session, dummy = self.paced_client([0.3] + [0.001] * 10, *[ok() for dummy in range(11)])
        for dummy in range(11):
            client.get("/rest/v1/users/current")
        assert session.sent_at[10] - (session.sent_at[0] + 0.3) >= 1.0

    def test_a_failed_exchange_counts_from_when_it_failed(self):
        client, dummy, clock = self.paced_client([0.5], requests.exceptions.ConnectionError("reset"))
        with pytest.raises(errors.TransportError):
            client.post("/rest/v1/usergroups/1/users", json={"user": 2})
        assert list(client.pacer._sent) == [clock.now]  # pylint: disable=protected-access
