# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.http.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.modules.jama_rest_access_info import argument_spec, run
from ansible_collections.jama.connect.tests.unit.plugins.module_utils.access_fakes import FakeJama, FakeModule, user

ADMIN, BOB, ALICE, FLOAT, OLD = 1, 2, 3, 4, 5
ENG, QA, API_GROUP, EMPTY = 10, 11, 12, 13


def jama(**kwargs):
    users = [user(ADMIN, "admin"), user(BOB, "bob"), user(ALICE, "Alice"), user(FLOAT, "floater", license_type="FLOATING"),
             user(OLD, "old.contractor", license_type="STAKEHOLDER", active=False)]
    groups = [{"id": ENG, "name": "engineering", "members": [BOB, OLD]}, {"id": QA, "name": "QA", "members": [OLD, FLOAT]},
              {"id": API_GROUP, "name": "REST API Users", "members": [BOB, ALICE, FLOAT]}, {"id": EMPTY, "name": "Empty"}]
    options = dict(access_users=[ADMIN, OLD], access_groups=[ENG, QA], caller=ADMIN)
    options.update(kwargs)
    return FakeJama(users=users, groups=groups, **options)


def module(**params):
    return FakeModule(argument_spec(), **params)


class TestGroupMethod:
    def test_members_sorted_by_username_with_those_who_cannot_use_the_api(self):
        client = jama()
        changed, result, diff = run(module(), client)
        assert (changed, diff, result["method"]) == (False, None, "group")
        assert [m["username"] for m in result["group"]["members"]] == ["Alice", "bob", "floater"]
        assert result["group"]["members"][2] == {"id": FLOAT, "username": "floater", "licenseType": "FLOATING", "active": True}
        assert result["group"]["ineffective"] == [{"username": "floater", "reasons": ["license FLOATING is not NAMED (Named Creator)"]}]
        assert client.writes() == [] and client.count("GET", "/rest/v1/system/settings/restapiaccess") == 0

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


class TestAccessListMethod:
    def test_a_holder_through_the_list_and_two_groups_is_reported_once_with_each_way(self):
        client = jama()
        result = run(module(method="access_list", access_group="ignored"), client)[1]["access_list"]
        assert [u["username"] for u in result["users"]] == ["admin", "old.contractor"]
        assert [(g["name"], [m["username"] for m in g["members"]]) for g in result["groups"]] == [
            ("engineering", ["bob", "old.contractor"]), ("QA", ["floater", "old.contractor"])]
        assert result["ineffective"] == [
            {"username": "floater", "reasons": ["license FLOATING is not NAMED (Named Creator)"], "listed": False, "groups": ["QA"]},
            {"username": "old.contractor", "reasons": ["license STAKEHOLDER is not NAMED (Named Creator)", "user is inactive"],
             "listed": True, "groups": ["engineering", "QA"]},
        ]
        assert client.writes() == []

    def test_access_control_off_is_warned_about(self):
        mod = module(method="access_list")
        result = run(mod, jama(managed_access=False))[1]
        assert result["access_list"]["managed_access"] is False
        assert len(mod.warnings) == 1 and "access control is turned off" in mod.warnings[0]

    def test_an_instance_without_the_endpoint_points_to_the_group_method(self):
        with pytest.raises(ConfigurationError, match="method: group"):
            run(module(method="access_list"), jama(access_list="missing"))
