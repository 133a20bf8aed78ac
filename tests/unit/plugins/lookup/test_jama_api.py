# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The jama_api lookup's pure parts: which terms name a REST v1 path, the query, and reading a list page by page."""

import pytest
import yaml

from ansible_collections.jama.connect.plugins.lookup import jama_api
from ansible_collections.jama.connect.plugins.module_utils.options import CONNECTION_ARGUMENT_SPEC
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError, UnexpectedResponse


class TestRestPath:
    @pytest.mark.parametrize("term, expected", [
        ("users", "/rest/v1/users"),
        ("/users", "/rest/v1/users"),
        ("/rest/v1/users", "/rest/v1/users"),
        ("rest/v1/users/current", "/rest/v1/users/current"),
        ("usergroups/12/users/", "/rest/v1/usergroups/12/users"),
        ("  projects  ", "/rest/v1/projects"),
        ("items/12/tags", "/rest/v1/items/12/tags"),
        ("restrictions", "/rest/v1/restrictions"),  # starts with "rest", but is not below /rest
    ])
    def test_a_path_relative_to_rest_v1_in_any_accepted_spelling(self, term, expected):
        assert jama_api.rest_path(term) == expected

    @pytest.mark.parametrize("term, why", [
        ("", "empty"),
        ("   ", "empty"),
        (None, "not a string"),
        (12, "not a string"),
        ("https://evil.example.com/rest/v1/users", "absolute URLs are refused"),
        ("//evil.example.com/rest/v1/users", "absolute URLs are refused"),
        ("../oauth/token", "'..'"),
        ("users/../../oauth/token", "'..'"),
        ("users/./12", "'.'"),
        ("users/%2e%2E/oauth", "'..'"),
        ("users%2F12", "encoded slashes"),
        ("/rest/latest/users", "only paths below /rest/v1"),
        ("/rest/oauth/token", "only paths below /rest/v1"),
        ("rest", "only paths below /rest/v1"),
        ("/rest/v1/", "names no endpoint"),
        ("/", "names no endpoint"),
        ("users?licenseType=NAMED", "query option"),
        ("users#top", "query option"),
        ("users//12", "empty segment"),
        ("users 12", "spaces"),
        ("users\\12", "backslashes"),
        ("users/\n12", "control characters"),
    ])
    def test_anything_outside_rest_v1_is_refused_naming_the_term_and_why(self, term, why):
        with pytest.raises(ConfigurationError) as caught:
            jama_api.rest_path(term)
        assert why in str(caught.value) and repr(term) in str(caught.value)


class TestQueryParameters:
    def test_values_are_sent_as_jama_spells_them_and_nulls_are_left_out(self):
        query = {"licenseType": "NAMED", "includeInactive": True, "project": 12, "id": [1, 2], "email": None}
        assert jama_api.query_parameters(query) == {"licenseType": "NAMED", "includeInactive": "true", "project": "12",
                                                    "id": ["1", "2"]}

    def test_the_callers_dict_is_never_changed(self):
        query = {"includeInactive": False, "email": None}
        jama_api.query_parameters(query)
        assert query == {"includeInactive": False, "email": None}

    def test_no_query_is_no_parameter(self):
        assert jama_api.query_parameters(None) == {}

    @pytest.mark.parametrize("name", ["startAt", "maxResults"])
    def test_paging_parameters_are_the_lookups_own(self, name):
        with pytest.raises(ConfigurationError, match="%s is refused.*max_records" % name):
            jama_api.query_parameters({name: 0})

    @pytest.mark.parametrize("query, match", [
        ({"filter": {"a": 1}}, "filter must be a string, number, boolean or a list"),
        ({"id": [1, {"a": 1}]}, "id must be"),
        ({"": "x"}, "non-empty string"),
        ("licenseType=NAMED", "query must be a dictionary"),
    ])
    def test_a_query_that_cannot_be_sent_is_refused(self, query, match):
        with pytest.raises(ConfigurationError, match=match):
            jama_api.query_parameters(query)


def page(items, start, total, links=None, linked=None):
    body = {"meta": {"status": "OK", "timestamp": "2026-01-02T03:04:05.678+0000",
                     "pageInfo": {"startIndex": start, "resultCount": len(items), "totalResults": total}},
            "links": links or {}, "data": items}
    if linked is not None:
        body["linked"] = linked
    return body


class FakeClient:
    """A list of ``total`` records served in pages of at most 50, as Jama pages; records every GET."""

    def __init__(self, total=0, record=None, pages=None):
        self.records = [{"id": index, "name": "record%d" % index} for index in range(1, total + 1)]
        self.record = record
        self.scripted = list(pages or [])
        self.calls = []

    def get(self, path, params=None):
        self.calls.append((path, dict(params or {})))
        if self.scripted:
            return self.scripted.pop(0)
        if self.record is not None:
            return {"meta": {"status": "OK"}, "links": {}, "data": self.record}
        start, size = params["startAt"], min(params["maxResults"], 50)
        return page(self.records[start:start + size], start, len(self.records))


class TestRead:
    def test_every_record_of_a_list_with_one_get_per_page_of_50(self):
        client = FakeClient(total=120)
        records = jama_api.read(client, "/rest/v1/users", {"licenseType": "NAMED"})
        assert records == client.records
        assert client.calls == [("/rest/v1/users", {"licenseType": "NAMED", "startAt": start, "maxResults": 50})
                                for start in (0, 50, 100)]

    def test_one_record_is_returned_as_the_object_after_one_get(self):
        client = FakeClient(record={"id": 7, "name": "Engineering"})
        assert jama_api.read(client, "/rest/v1/usergroups/7") == {"id": 7, "name": "Engineering"}
        assert len(client.calls) == 1

    def test_one_record_with_return_meta_is_jamas_envelope(self):
        client = FakeClient(record={"id": 7})
        assert jama_api.read(client, "/rest/v1/usergroups/7", return_meta=True) == {
            "meta": {"status": "OK"}, "links": {}, "data": {"id": 7}}

    def test_an_empty_list_is_an_empty_list_after_one_get(self):
        client = FakeClient(total=0)
        assert jama_api.read(client, "/rest/v1/usergroups/9/users") == [] and len(client.calls) == 1

    def test_max_records_reads_no_page_beyond_it_and_warns_with_the_total(self):
        client, warnings = FakeClient(total=120), []
        records = jama_api.read(client, "/rest/v1/users", max_records=60, warn=warnings.append)
        assert records == client.records[:60]
        assert [params["startAt"] for _path, params in client.calls] == [0, 50]
        assert warnings == ["/rest/v1/users: returned the first 60 of the 120 records Jama holds (max_records)"]

    def test_max_records_below_a_page_asks_for_no_more(self):
        client = FakeClient(total=120)
        assert jama_api.read(client, "/rest/v1/users", max_records=10) == client.records[:10]
        assert client.calls == [("/rest/v1/users", {"startAt": 0, "maxResults": 10})]

    def test_max_records_that_takes_everything_does_not_warn(self):
        client, warnings = FakeClient(total=50), []
        assert len(jama_api.read(client, "/rest/v1/users", max_records=50, warn=warnings.append)) == 50
        assert warnings == [] and len(client.calls) == 1

    def test_a_page_that_repeats_stops_the_walk_with_an_error(self):
        first = page([{"id": n} for n in range(1, 51)], 0, 120)
        again = page([{"id": n} for n in range(1, 51)], 50, 120)
        again["meta"]["pageInfo"]["startIndex"] = 50
        client = FakeClient(pages=[first, again])
        with pytest.raises(UnexpectedResponse, match="repeats items already read"):
            jama_api.read(client, "/rest/v1/users")
        assert len(client.calls) == 2

    def test_a_page_that_makes_no_progress_stops_the_walk_with_an_error(self):
        client = FakeClient(pages=[page([{"id": 1}], 0, 120), page([], 1, 120)])
        with pytest.raises(UnexpectedResponse, match="empty page at startAt=1"):
            jama_api.read(client, "/rest/v1/users")

    def test_a_list_without_page_info_is_one_page(self):
        body = {"meta": {"status": "OK"}, "links": {}, "data": [{"id": 1}, {"id": 2}]}
        client = FakeClient(pages=[body])
        assert jama_api.read(client, "/rest/v1/picklists/3/options") == [{"id": 1}, {"id": 2}] and len(client.calls) == 1

    def test_return_meta_on_a_list_merges_the_pages_into_one_envelope(self):
        first = page([{"id": n} for n in range(1, 51)], 0, 60, links={"users.a": {"type": "users"}},
                     linked={"users": {"1": {"id": 1}}})
        second = page([{"id": n} for n in range(51, 61)], 50, 60, links={"users.b": {"type": "users"}},
                      linked={"users": {"2": {"id": 2}}, "projects": {"9": {"id": 9}}})
        envelope = jama_api.read(FakeClient(pages=[first, second]), "/rest/v1/users", return_meta=True)
        assert envelope["data"] == [{"id": n} for n in range(1, 61)]
        assert envelope["meta"]["pageInfo"] == {"startIndex": 0, "resultCount": 60, "totalResults": 60}
        assert envelope["meta"]["status"] == "OK"
        assert envelope["links"] == {"users.a": {"type": "users"}, "users.b": {"type": "users"}}
        assert envelope["linked"] == {"users": {"1": {"id": 1}, "2": {"id": 2}}, "projects": {"9": {"id": 9}}}
        assert first["meta"]["pageInfo"]["resultCount"] == 50  # the pages themselves are not changed

    def test_a_single_record_that_is_not_an_object_is_an_unexpected_response(self):
        client = FakeClient(pages=[{"meta": {"status": "OK"}, "data": "text"}])
        with pytest.raises(UnexpectedResponse, match="not an object"):
            jama_api.read(client, "/rest/v1/users/1")


class TestDocumentation:
    def test_the_lookup_takes_every_connection_option_and_documents_its_own(self):
        documented = yaml.safe_load(jama_api.DOCUMENTATION)
        assert "jama.connect.connection" in documented["extends_documentation_fragment"]
        own = set(documented["options"])
        assert own == {"_terms", "query", "max_records", "return_meta"}
        assert not own & set(CONNECTION_ARGUMENT_SPEC)

    def test_no_option_claims_an_environment_variable_the_code_does_not_read(self):
        documented = yaml.safe_load(jama_api.DOCUMENTATION)["options"]
        assert [name for name, option in documented.items() if {"env", "ini", "vars"} & set(option)] == []
