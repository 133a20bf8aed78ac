# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

"""An in-memory Jama for the module unit tests: serves the public v1 routes the modules use (users, user groups and
their members) and records every request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import BadRequest, NotFound


def user(uid, username, license_type="NAMED", active=True):
    return {"id": uid, "username": username, "licenseType": license_type, "active": active, "type": "users"}


class FakeJama:
    """Answers like the client would: envelopes for reads, error classes for failures."""

    # The real paging loop and envelope checks, so that tests see the requests the module really makes.
    paged = JamaClient.paged
    get_data = JamaClient.get_data
    current_user = JamaClient.current_user

    def __init__(self, users=(), groups=(), caller=None):
        self.users = dict((u["id"], dict(u)) for u in users)
        self.groups = dict((g["id"], {"id": g["id"], "name": g["name"]}) for g in groups)
        self.members = dict((g["id"], set(g.get("members", ()))) for g in groups)
        self.caller = caller
        self.requests = []
        self.failures = {}  # (method, path) -> exception to raise once, before acting

    @property
    def request_count(self):
        return len(self.requests)

    def writes(self):
        return [request for request in self.requests if request[0] != "GET"]

    def count(self, method, path_pattern):
        return sum(1 for request in self.requests if request[0] == method and re.match(path_pattern + "$", request[1]))

    def _record(self, method, path, payload=None):
        self.requests.append((method, path, payload))
        failure = self.failures.pop((method, path), None)
        if failure is not None:
            raise failure

    @staticmethod
    def _page(items, params):
        params = params or {}
        start, size = int(params.get("startAt", 0)), min(int(params.get("maxResults", 20)), 50)
        return {"meta": {"status": "OK", "pageInfo": {"startIndex": start, "resultCount": len(items[start:start + size]),
                                                      "totalResults": len(items)}},
                "links": {}, "data": items[start:start + size]}

    def _user_list(self, params):
        params = params or {}
        include_inactive = str(params.get("includeInactive", "false")).lower() == "true"
        wanted = params.get("username", "").lower()
        return [u for _uid, u in sorted(self.users.items())
                if (u["active"] or include_inactive) and wanted in u["username"].lower()]

    def get(self, path, params=None):
        self._record("GET", path, dict(params or {}))
        if path == "/rest/v1/users":
            return self._page(self._user_list(params), params)
        if path == "/rest/v1/users/current":
            return {"data": self.users[self.caller]}
        match = re.match(r"/rest/v1/users/(\d+)$", path)
        if match:
            if int(match.group(1)) not in self.users:
                raise NotFound("not found", status=404, method="GET", path=path)
            return {"data": self.users[int(match.group(1))]}
        if path == "/rest/v1/usergroups":
            # copies, as over the wire: a record a module holds never changes under it
            return self._page([dict(g) for _gid, g in sorted(self.groups.items())], params)
        match = re.match(r"/rest/v1/usergroups/(\d+)/users$", path)
        if match:
            return self._page([self.users[uid] for uid in sorted(self.members[int(match.group(1))])], params)
        raise NotFound("not found", status=404, method="GET", path=path)

    def post(self, path, json=None, retry_safe=False):
        self._record("POST", path, json)
        if path == "/rest/v1/usergroups":
            gid = max(self.groups, default=0) + 1
            self.groups[gid] = dict(json, id=gid)
            self.members[gid] = set()
            return {"meta": {"status": "Created", "id": gid}}
        gid = int(re.match(r"/rest/v1/usergroups/(\d+)/users$", path).group(1))
        if json["user"] in self.members[gid]:
            raise BadRequest("request refused", status=400, method="POST", path=path, jama_message="User already exists in group")
        self.members[gid].add(json["user"])
        return {"meta": {"status": "Created"}}

    def put(self, path, json=None):
        self._record("PUT", path, json)
        self.groups[int(re.match(r"/rest/v1/usergroups/(\d+)$", path).group(1))].update(json)
        return {"meta": {"status": "OK"}}

    def delete(self, path, retry_safe=False):
        self._record("DELETE", path)
        match = re.match(r"/rest/v1/usergroups/(\d+)/users/(\d+)$", path)
        members, uid = self.members[int(match.group(1))], int(match.group(2))
        if uid not in members:
            raise NotFound("not found", status=404, method="DELETE", path=path)
        members.discard(uid)
        return {"meta": {"status": "OK"}}


class FakeModule:
    """What run() uses of AnsibleModule: params (defaults filled from the module's spec), check_mode, warn()."""

    def __init__(self, spec, check_mode=False, **params):
        self.params = dict((name, option.get("default")) for name, option in spec.items())
        self.params.update(params)
        self.check_mode = check_mode
        self.warnings = []

    def warn(self, warning):
        self.warnings.append(warning)
