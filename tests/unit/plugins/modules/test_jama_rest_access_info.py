# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import UnresolvedPrincipals
from ansible_collections.jama.connect.plugins.modules.jama_rest_access_info import argument_spec, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user

ADMIN, BOB, ALICE, FLOAT, OLD = 1, 2, 3, 4, 5
ENG, QA, API_GROUP, EMPTY = 10, 11, 12, 13


def jama(extra_groups=()):
    users = [user(ADMIN, "admin"), user(BOB, "bob"), user(ALICE, "Alice"), user(FLOAT, "floater", license_type="FLOATING"),
             user(OLD, "old.contractor", license_type="STAKEHOLDER", active=False)]
    groups = [{"id": ENG, "name": "engineering", "members": [BOB, OLD]}, {"id": QA, "name": "QA", "members": [OLD, FLOAT]},
              {"id": API_GROUP, "name": "REST API Users", "members": [BOB, ALICE, FLOAT]}, {"id": EMPTY, "name": "Empty"}]
    return FakeJama(users=users, groups=groups + list(extra_groups), caller=ADMIN)


def module(**params):
    return FakeModule(argument_spec(), **params)


class TestAccessGroup:
    def test_members_sorted_by_username_with_those_who_cannot_use_the_api(self):
        client = jama()
        changed, result, diff = run(module(), client)
        assert (changed, diff, sorted(result)) == (False, None, ["group"])
        assert (result["group"]["id"], result["group"]["name"]) == (API_GROUP, "REST API Users")
        assert [m["username"] for m in result["group"]["members"]] == ["Alice", "bob", "floater"]
        assert result["group"]["members"][2] == {"id": FLOAT, "username": "floater", "licenseType": "FLOATING", "active": True}
        assert result["group"]["ineffective"] == [{"username": "floater", "reasons": ["license FLOATING is not NAMED (Named Creator)"]}]
        assert client.writes() == []

    def test_an_empty_group_needs_no_user_lookups(self):
        client = jama()
        result = run(module(access_group="Empty"), client)[1]
        assert result["group"] == {"id": EMPTY, "name": "Empty", "members": [], "ineffective": []}
        assert client.count("GET", r"/rest/v1/users.*") == 0

    def test_a_blank_access_group_is_refused_before_any_request(self):
        client = jama()
        with pytest.raises(ConfigurationError, match="access_group must name"):
            run(module(access_group="  "), client)
        assert client.request_count == 0

    def test_every_reason_a_member_cannot_use_the_api_is_given(self):
        result = run(module(access_group="QA"), jama())[1]["group"]
        assert result["ineffective"] == [
            {"username": "floater", "reasons": ["license FLOATING is not NAMED (Named Creator)"]},
            {"username": "old.contractor", "reasons": ["license STAKEHOLDER is not NAMED (Named Creator)", "user is inactive"]},
        ]

    def test_the_access_group_may_be_given_by_id(self):
        result = run(module(access_group=str(ENG)), jama())[1]["group"]
        assert result["name"] == "engineering" and [m["username"] for m in result["members"]] == ["bob", "old.contractor"]

    def test_a_missing_access_group_names_those_alike_and_how_to_create_it(self):
        with pytest.raises(ConfigurationError) as caught:
            run(module(access_group="REST API User"), jama())
        assert caught.value.message == ("access_group: no user group is named 'REST API User' (names match exactly; groups with "
                                        "similar names: 'REST API Users'), so nothing was changed")
        assert "jama.connect.jama_user_group" in caught.value.hint

    def test_an_access_group_name_two_groups_carry_is_refused(self):
        with pytest.raises(UnresolvedPrincipals, match="ambiguous"):
            run(module(), jama(extra_groups=[{"id": 14, "name": "REST API Users"}]))

    def test_the_retired_method_option_is_gone(self):
        assert "method" not in argument_spec()
