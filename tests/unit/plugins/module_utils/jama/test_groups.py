# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jama.connect.plugins.module_utils.jama import groups
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import BadRequest, NotFound


class Refusing:
    """A client whose writes all fail with one error, recording what was asked."""

    def __init__(self, error):
        self.error = error
        self.calls = []

    def post(self, path, json=None, retry_safe=False):
        self.calls.append(("POST", path, json, retry_safe))
        raise self.error

    def delete(self, path):
        self.calls.append(("DELETE", path))
        raise self.error


def refused(message):
    return BadRequest("request refused", status=400, method="POST", path="/rest/v1/usergroups/7/users", jama_message=message)


class TestAddMember:
    def test_already_a_member_counts_as_added(self):
        client = Refusing(refused("User 'svc-ci' already exists in user group 'Team'"))
        groups.add_member(client, 7, 42)
        assert client.calls == [("POST", "/rest/v1/usergroups/7/users", {"user": 42}, True)]

    def test_any_other_refusal_is_raised(self):
        with pytest.raises(BadRequest):
            groups.add_member(Refusing(refused("Field 'user' must be a user id")), 7, 42)


class TestRemoval:
    def test_removing_a_member_already_gone_is_done(self):
        client = Refusing(NotFound("not found", status=404))
        groups.remove_member(client, 7, 42)
        assert client.calls == [("DELETE", "/rest/v1/usergroups/7/users/42")]

    def test_deleting_a_group_already_gone_is_done(self):
        client = Refusing(NotFound("not found", status=404))
        groups.delete_group(client, 7)
        assert client.calls == [("DELETE", "/rest/v1/usergroups/7")]


class Recording:
    """A client that accepts every write and records it in order."""

    def __init__(self):
        self.calls = []

    def post(self, path, json=None, retry_safe=False):
        self.calls.append(("POST", path, json))
        return {"meta": {"status": "Created"}}

    def delete(self, path):
        self.calls.append(("DELETE", path))
        return {"meta": {"status": "OK"}}


class TestWriteMembers:
    def test_adds_every_member_before_it_removes_any(self):
        client = Recording()
        groups.write_members(client, 7, {42: "zed", 5: "amy"}, {3: "old", 9: "gone"})
        assert client.calls == [
            ("POST", "/rest/v1/usergroups/7/users", {"user": 5}),
            ("POST", "/rest/v1/usergroups/7/users", {"user": 42}),
            ("DELETE", "/rest/v1/usergroups/7/users/3"),
            ("DELETE", "/rest/v1/usergroups/7/users/9"),
        ]

    def test_a_failed_add_stops_before_any_removal(self):
        client = Refusing(refused("Field 'user' must be a user id"))
        with pytest.raises(BadRequest):
            groups.write_members(client, 7, [42], [3])
        assert client.calls == [("POST", "/rest/v1/usergroups/7/users", {"user": 42}, True)]

    def test_nothing_to_write_sends_nothing(self):
        client = Recording()
        groups.write_members(client, 7, {}, {})
        assert client.calls == []


class TestGroupView:
    def test_every_key_is_present_and_nothing_else(self):
        record = {"id": 7, "name": "Team", "description": "d", "type": "usergroups", "createdDate": "2024-01-01"}
        assert groups.group_view(record) == {"id": 7, "name": "Team", "description": "d", "project": None}
