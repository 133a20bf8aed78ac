"""Paging: startAt, maxResults (default 20, clamped at 50), pageInfo; on every list endpoint."""

import pytest

from sim_http_helpers import seed_with_users

LISTS = ["/rest/v1/users", "/rest/v1/usergroups", "/rest/v1/usergroups/1/users"]


def seed_for_lists(count):
    """`count` users, and `count` groups (the first holding every user), so all three lists have `count` items."""
    seed = seed_with_users(count - 1)
    names = [user["username"] for user in seed["users"]]
    seed["groups"] = [{"name": "group %03d" % index, "members": names if index == 0 else []} for index in range(count)]
    return seed


def page(api, path, **params):
    answer = api.get(path, params=params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    return body["data"], body["meta"]["pageInfo"]


class TestPaging:
    @pytest.mark.parametrize("path", LISTS)
    def test_default_page_is_twenty(self, sim, api, path):
        sim.control.reset(seed=seed_for_lists(45))
        data, info = page(api, path)
        assert len(data) == 20
        assert info == {"startIndex": 0, "resultCount": 20, "totalResults": 45}

    @pytest.mark.parametrize("path", LISTS)
    def test_max_results_above_fifty_is_clamped(self, sim, api, path):
        sim.control.reset(seed=seed_for_lists(60))
        data, info = page(api, path, maxResults=100)
        assert len(data) == 50
        assert info["resultCount"] == 50 and info["totalResults"] == 60

    @pytest.mark.parametrize("path", LISTS)
    def test_exact_multiple_of_the_page_size_ends_with_an_empty_page(self, sim, api, path):
        sim.control.reset(seed=seed_for_lists(40))
        seen = []
        for start_at in (0, 20):
            data, info = page(api, path, startAt=start_at, maxResults=20)
            assert info == {"startIndex": start_at, "resultCount": 20, "totalResults": 40}
            seen += [item["id"] for item in data]
        data, info = page(api, path, startAt=40, maxResults=20)
        assert data == [] and info == {"startIndex": 40, "resultCount": 0, "totalResults": 40}
        assert len(set(seen)) == 40

    def test_empty_result(self, api):
        data, info = page(api, "/rest/v1/users", username="nobody-has-this-name")
        assert data == [] and info == {"startIndex": 0, "resultCount": 0, "totalResults": 0}

    def test_start_beyond_the_end_is_empty(self, api):
        data, info = page(api, "/rest/v1/usergroups", startAt=1000)
        assert data == [] and info["totalResults"] == 5

    def test_last_partial_page(self, sim, api):
        sim.control.reset(seed=seed_for_lists(45))
        data, info = page(api, "/rest/v1/users", startAt=40, maxResults=20)
        assert len(data) == 5 and info["resultCount"] == 5

    @pytest.mark.parametrize("params", [{"startAt": -1}, {"startAt": "x"}, {"maxResults": 0}, {"maxResults": -5},
                                        {"maxResults": "lots"}])
    def test_invalid_paging_parameters_answer_400(self, api, params):
        answer = api.get("/rest/v1/users", params=params)
        assert answer.status_code == 400
        assert answer.json()["meta"]["message"]
