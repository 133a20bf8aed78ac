# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jama.connect.plugins.module_utils.jama.users import (
    RECORD_FIELDS,
    changes,
    create_user,
    diff_view,
    find_user,
    list_users,
    merged_record,
    missing_for_create,
    public_user,
    set_active,
    to_jama,
    update_user,
)
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, user

JANE = {"id": 7, "username": "jane.doe", "firstName": "Jane", "lastName": "Doe", "email": "jane.doe@example.com",
        "phone": "555-0100", "title": "Engineer", "location": "Lisbon", "licenseType": "NAMED", "avatarUrl": "",
        "active": True, "type": "users"}


def person(uid, username, email=None, **kwargs):
    record = user(uid, username, **kwargs)
    record["email"] = email or "%s@example.com" % username
    return record


def small_jama():
    return FakeJama(users=[person(1, "admin"), person(2, "jane.doe"), person(3, "jane"), person(4, "old", active=False),
                           person(5, "ben", license_type="FLOATING"), person(6, "Jane.Doe2", email="JANE@EXAMPLE.COM")])


class TestToJama:
    def test_options_map_to_jamas_camel_case_fields(self):
        assert to_jama({"username": "u", "first_name": "F", "last_name": "L", "email": "e@x", "phone": "1", "title": "T",
                        "location": "Here", "license_type": "NAMED"}) == {
            "username": "u", "firstName": "F", "lastName": "L", "email": "e@x", "phone": "1", "title": "T",
            "location": "Here", "licenseType": "NAMED"}

    def test_options_not_given_are_left_out_but_empty_strings_stay(self):
        assert to_jama({"username": "u", "first_name": None, "title": ""}) == {"username": "u", "title": ""}

    def test_the_password_and_other_options_never_become_fields(self):
        assert to_jama({"username": "u", "password": "secret", "state": "present", "url": "https://x"}) == {"username": "u"}


class TestMissingForCreate:
    def test_every_missing_field_is_named_in_documentation_order(self):
        assert missing_for_create({"email": "e@x"}) == ["first_name", "last_name", "password"]

    def test_blank_values_count_as_missing(self):
        assert missing_for_create({"first_name": " ", "last_name": "", "email": "e@x", "password": "pw"}) == ["first_name", "last_name"]

    def test_nothing_is_missing_when_all_four_are_given(self):
        assert missing_for_create({"first_name": "F", "last_name": "L", "email": "e@x", "password": "pw"}) == []


class TestChanges:
    def test_only_fields_that_differ_are_changes(self):
        assert changes(JANE, {"username": "jane.doe", "title": "Lead", "licenseType": "NAMED"}) == {"title": "Lead"}

    def test_no_changes_when_every_given_field_matches(self):
        assert changes(JANE, to_jama({"username": "jane.doe", "first_name": "Jane", "phone": "555-0100"})) == {}

    def test_an_empty_optional_field_equals_a_null_one(self):
        assert changes(dict(JANE, phone=None), {"phone": ""}) == {}

    def test_clearing_an_optional_field_is_a_change(self):
        assert changes(JANE, {"location": ""}) == {"location": ""}

    def test_a_licence_change_is_a_change(self):
        assert changes(JANE, {"licenseType": "FLOATING"}) == {"licenseType": "FLOATING"}


class TestMergedRecord:
    def test_the_put_carries_every_field_with_the_changes_applied(self):
        assert merged_record(JANE, {"title": "Lead"}) == {
            "username": "jane.doe", "firstName": "Jane", "lastName": "Doe", "email": "jane.doe@example.com",
            "phone": "555-0100", "title": "Lead", "location": "Lisbon", "licenseType": "NAMED"}

    def test_read_only_fields_and_any_password_stay_out(self):
        record = merged_record(dict(JANE, password="leaked"), {"password": "new", "active": False, "id": 9})
        assert set(record) == set(RECORD_FIELDS)
        assert "password" not in record

    def test_the_current_record_is_not_changed(self):
        before = dict(JANE)
        merged_record(JANE, {"title": "Lead"})
        assert JANE == before


class TestDiff:
    def test_the_diff_shows_fields_and_active_flag_only(self):
        view = diff_view(dict(JANE, password="x"))
        assert set(view) == set(RECORD_FIELDS) | {"active"}

    def test_no_user_has_an_empty_view(self):
        assert diff_view(None) == {}


class TestPublicUser:
    def test_a_password_is_never_passed_on(self):
        assert public_user(dict(JANE, password="x")) == JANE

    def test_no_user_is_an_empty_dict(self):
        assert public_user(None) == {}


class TestFindUser:
    def test_the_exact_username_wins_over_looser_matches(self):
        jama = small_jama()
        assert find_user(jama, "jane")["id"] == 3

    def test_a_part_of_a_username_finds_nothing(self):
        assert find_user(small_jama(), "jan") is None

    def test_case_matters(self):
        assert find_user(small_jama(), "JANE.DOE") is None

    def test_inactive_users_are_found(self):
        assert find_user(small_jama(), "old")["active"] is False

    def test_one_filtered_request(self):
        jama = small_jama()
        find_user(jama, "jane.doe")
        assert [(method, path, params.get("username"), params.get("includeInactive")) for method, path, params in jama.requests] == [
            ("GET", "/rest/v1/users", "jane.doe", "true")]


class TestListUsers:
    def test_without_filters_active_users_only(self):
        assert [u["username"] for u in list_users(small_jama())] == ["admin", "jane.doe", "jane", "ben", "Jane.Doe2"]

    def test_include_inactive(self):
        assert "old" in [u["username"] for u in list_users(small_jama(), include_inactive=True)]

    def test_username_matches_exactly(self):
        assert [u["id"] for u in list_users(small_jama(), username="jane")] == [3]

    def test_email_matches_exactly_but_for_case(self):
        assert [u["username"] for u in list_users(small_jama(), email="jane@example.com")] == ["jane", "Jane.Doe2"]

    def test_licence_filter(self):
        assert [u["username"] for u in list_users(small_jama(), license_type="FLOATING")] == ["ben"]

    def test_reads_every_page(self):
        jama = FakeJama(users=[person(uid, "user%03d" % uid) for uid in range(1, 121)])
        assert len(list_users(jama)) == 120
        assert len(jama.requests) == 3


class RecordingClient:
    """Records the writes; answers a create with an id and a read with the record written."""

    def __init__(self, record=None):
        self.requests = []
        self.record = record

    def post(self, path, json=None):
        self.requests.append(("POST", path, json))
        self.record = dict(json, id=99, active=True)
        return {"meta": {"status": "Created", "id": 99}}

    def put(self, path, json=None):
        self.requests.append(("PUT", path, json))
        return {"meta": {"status": "OK"}}

    def get_data(self, path):
        self.requests.append(("GET", path, None))
        return self.record


class TestWrites:
    def test_create_sends_the_password_once_and_reads_the_new_user(self):
        client = RecordingClient()
        created = create_user(client, {"username": "u", "firstName": "F"}, "pw")
        assert client.requests[0] == ("POST", "/rest/v1/users", {"username": "u", "firstName": "F", "password": "pw"})
        assert client.requests[1] == ("GET", "/rest/v1/users/99", None)
        assert created["id"] == 99

    def test_create_in_check_mode_sends_nothing_and_plans_an_active_user_without_password(self):
        client = RecordingClient()
        planned = create_user(client, {"username": "u", "licenseType": "NAMED"}, "pw", check_mode=True)
        assert client.requests == []
        assert planned["active"] is True and "password" not in planned and "id" not in planned

    def test_update_puts_the_merged_record_without_password(self):
        client = RecordingClient(record=JANE)
        update_user(client, JANE, {"title": "Lead"})
        method, path, body = client.requests[0]
        assert (method, path) == ("PUT", "/rest/v1/users/7")
        assert body == merged_record(JANE, {"title": "Lead"}) and "password" not in body

    def test_update_in_check_mode_returns_the_record_it_would_write(self):
        client = RecordingClient()
        assert update_user(client, JANE, {"title": "Lead"}, check_mode=True) == dict(JANE, title="Lead")
        assert client.requests == []

    def test_set_active_puts_the_flag(self):
        client = RecordingClient()
        assert set_active(client, JANE, False)["active"] is False
        assert client.requests == [("PUT", "/rest/v1/users/7/active", {"active": False})]
