# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""jama_instance_info's verdicts: one per check, from what each read found; the reads themselves run in the targets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.modules.jama_instance_info import (
    BLOCKING,
    api_row,
    group_row,
    hint_names,
    render_table,
    token_row,
    user_row,
)

NAMES = hint_names({"hint_names": {"url": "jama_url", "client_id": "jama_client_id", "client_secret": "jama_client_secret",
                                   "access_group": "rest_api_access_access_group", "unknown_key": "ignored"}})
USER_OK = {"ok": True, "status": 200, "username": "admin", "license_type": "NAMED", "active": True, "api_license": True}


class TestHintNames:
    def test_given_names_replace_the_options_and_unknown_keys_are_ignored(self):
        assert NAMES["url"] == "jama_url" and NAMES["timeout"] == "timeout"
        assert NAMES["create_group"] == "jama.connect.jama_user_group" and "unknown_key" not in NAMES


class TestTokenRow:
    def test_a_refused_token_fails_naming_the_variables_given(self):
        row = token_row({"ok": False, "error": "Jama refused the client credentials (401)"}, NAMES)
        assert row["verdict"] == "fail" and row["result"].startswith("FAILED: ")
        assert "jama_url (with any context path" in row["hint"] and "jama_client_secret" in row["hint"]
        assert "token" in BLOCKING

    def test_a_minted_token_is_ok(self):
        row = token_row({"ok": True, "minted": True, "expires_in": 3599}, NAMES)
        assert (row["verdict"], row["result"]) == ("ok", "minted, valid for 3599 s")


class TestUserRow:
    def test_a_named_active_user_may_use_the_api(self):
        assert user_row(USER_OK) == {"check": "current user", "verdict": "ok", "result": "admin (license NAMED)",
                                     "hint": "may use the REST API"}

    @pytest.mark.parametrize("change, hint", [
        ({"license_type": "FLOATING", "api_license": False}, "only a Named Creator (NAMED) license may"),
        ({"active": False}, "inactive"),
    ])
    def test_a_user_who_cannot_use_the_api_is_a_warning(self, change, hint):
        row = user_row(dict(USER_OK, **change))
        assert row["verdict"] == "warn" and hint in row["hint"]

    def test_a_403_fails_with_the_license_and_the_ui_step(self):
        row = user_row({"ok": False, "status": 403, "error": "permission denied"})
        assert row["verdict"] == "fail" and "Named Creator license" in row["hint"]
        assert "Configure access control, add the group" in row["hint"]


class TestGroupRow:
    def test_a_missing_group_names_the_similar_ones_the_variables_and_the_ui_step(self):
        row = group_row({"name": "REST API User", "exists": False, "matches": 0, "similar": ["REST API Users"]},
                        dict(NAMES, create_group="the role: rest_api_access_create_group: true"))
        assert (row["verdict"], row["result"]) == ("warn", "REST API User: missing; similar: REST API Users")
        assert row["hint"].startswith("granting fails before any write: check rest_api_access_access_group")
        assert "rest_api_access_create_group: true" in row["hint"]

    def test_an_existing_group_is_ok_and_its_listing_is_not_claimed(self):
        row = group_row({"name": "REST API Users", "exists": True, "matches": 1, "id": 1, "members_readable": True,
                         "member_count": 3}, NAMES)
        assert (row["verdict"], row["result"]) == ("ok", "REST API Users: exists (id 1), 3 members")
        assert "only Admin > Organization > REST API shows" in row["hint"]

    def test_a_name_two_groups_carry_asks_for_the_id(self):
        row = group_row({"name": "Reviewers", "exists": True, "matches": 2}, NAMES)
        assert row["verdict"] == "warn" and "rest_api_access_access_group to the group's id" in row["hint"]


class TestApiRow:
    def test_a_404_with_a_working_user_read_is_not_offered(self):
        row = api_row({"ok": False, "status": 404, "error": "not found"}, USER_OK)
        assert (row["verdict"], row["result"]) == ("info", "not offered (404)")

    def test_a_failure_without_a_working_read_is_a_warning(self):
        row = api_row({"ok": False, "status": 404, "error": "not found"}, {"ok": False})
        assert row["verdict"] == "warn" and row["result"] == "FAILED: not found"

    def test_a_listing_without_v1_is_a_warning(self):
        assert api_row({"ok": True, "entries": ["v2"]}, USER_OK)["verdict"] == "warn"


def test_the_table_has_a_header_a_rule_and_one_line_per_row_with_its_verdict():
    rows = [token_row({"ok": True, "minted": True, "expires_in": 60}, NAMES), user_row(USER_OK)]
    table = render_table(rows)
    assert len(table) == 4 and table[0].startswith("check ") and set(table[1]) <= set("-+")
    assert [line.split(" | ")[1].strip() for line in table[2:]] == ["ok", "ok"]
