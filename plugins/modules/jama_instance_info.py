#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_instance_info
short_description: Read what a Jama Connect instance offers this collection, writing nothing
version_added: 0.1.0
description:
  - Answers, with reads only, the questions to ask before pointing the collection at an instance. Who the credentials
    belong to and their license (only Named Creator, C(NAMED), may use the REST API); whether that user is known to be an
    organization admin; whether the access group O(access_group) exists and its members can be read;
    what C(GET /rest) lists; how long each request took, and any throttle headers seen.
  - B(Read-only by construction). Every request is a C(GET), apart from the token request when O(client_id) and
    O(client_secret) are given. Any other request would be refused before it is sent.
  - A Jama answer is never a failure here, each check reports what it got, with Jama's own message. The task fails only
    for options that cannot work (for example an C(http://) URL without O(allow_http)).
  - Jama's user record has no admin flag and Jama documents no read that only an organization admin may make. So RV(admin)
    is V(unknown).
author:
  - Contributors to the jama.connect collection (@jama-connect)
extends_documentation_fragment:
  - jama.connect.connection
  - jama.connect.attributes
  - jama.connect.attributes.action_group
  - jama.connect.attributes.read_only
options:
  access_group:
    description:
      - The user group that holds REST API access with O(jama.connect.jama_rest_access#module:method=group), by name.
    type: str
    default: REST API Users
notes:
  - Makes 4 requests or more (one per 50 groups, and one per 50 members of O(access_group)), paced like every module of the
    collection (O(rate_limit)).
  - A request retried after an answer such as 429 counts once per attempt in RV(calls).
seealso:
  - module: jama.connect.jama_token
  - module: jama.connect.jama_rest_access
"""

EXAMPLES = r"""
- name: Mint a token, then read what the instance offers with it
  jama.connect.jama_token:
    url: https://example.jamacloud.com
    client_id: "{{ jama_client_id }}"
    client_secret: "{{ jama_client_secret }}"
    check_access: false

- name: Read what the instance offers (only GET requests)
  jama.connect.jama_instance_info:
    url: https://example.jamacloud.com
    token: "{{ jama_token }}"
  register: jama_instance

- name: Say whether the licence lets this user use the REST API
  ansible.builtin.debug:
    msg: "{{ jama_instance.user.username | default('?') }}: licence {{ jama_instance.user.license_type | default('unknown') }}"
"""

RETURN = r"""
user:
  description: The answer of C(GET /rest/v1/users/current).
  returned: always
  type: dict
  contains:
    ok: {description: "Whether the read succeeded.", type: bool, sample: true}
    status: {description: "The HTTP status, or null when no answer came.", type: int, sample: 200}
    error: {description: "Why the read failed; absent on success.", type: str, sample: "permission denied (GET /rest/v1/users/current -> 403)"}
    id: {description: "The user's id.", type: int, sample: 1}
    username: {description: "The username.", type: str, sample: admin}
    license_type: {description: "Jama's licenseType.", type: str, sample: NAMED}
    active: {description: "Whether the user is active.", type: bool, sample: true}
    api_license: {description: "Whether the licence allows the REST API (C(NAMED)).", type: bool, sample: true}
admin:
  description: Whether the user is an organization admin, as far as reads can tell.
  returned: always
  type: dict
  contains:
    value: {description: "V(yes), V(no) or V(unknown).", type: str, sample: unknown}
    reason: {description: "How that was found out, or why it cannot be.", type: str, sample: "Jama's API shows no admin flag to a read"}
access_group:
  description: The access group O(access_group).
  returned: always
  type: dict
  contains:
    name: {description: "The name looked for.", type: str, sample: REST API Users}
    exists: {description: "Whether exactly one group has that name; null when the groups could not be read.", type: bool, sample: true}
    id: {description: "The group's id, when it exists.", type: int, sample: 1}
    matches: {description: "How many groups carry the name.", type: int, sample: 1}
    members_readable: {description: "Whether its members could be read.", type: bool, sample: true}
    member_count: {description: "How many members it has, when readable.", type: int, sample: 3}
    error: {description: "Why a read failed; absent when none did.", type: str, sample: "permission denied (GET /rest/v1/usergroups -> 403)"}
api:
  description: What C(GET /rest) lists.
  returned: always
  type: dict
  contains:
    ok: {description: "Whether the read succeeded.", type: bool, sample: true}
    status: {description: "The HTTP status, or null when no answer came.", type: int, sample: 200}
    entries: {description: "One short text per entry listed (its version, name or path).", type: list, elements: str, sample: [v1, latest]}
    error: {description: "Why the read failed; absent on success.", type: str, sample: "not found (GET /rest -> 404)"}
calls:
  description: Every request sent, in order.
  returned: always
  type: list
  elements: dict
  contains:
    method: {description: "The HTTP method (C(GET), or C(POST) for the token request).", type: str, sample: GET}
    path: {description: "The API path.", type: str, sample: /rest/v1/users/current}
    status: {description: "The HTTP status, or null when no answer came.", type: int, sample: 200}
    elapsed_ms: {description: "Time from sending to the whole answer read, in milliseconds.", type: float, sample: 84.2}
    throttle_headers: {description: "Throttle headers of this answer; absent when none.", type: dict, sample: {retry-after: "1"}}
latency:
  description: Time per request over the requests that got an answer.
  returned: always
  type: dict
  contains:
    calls: {description: "How many requests got an answer.", type: int, sample: 5}
    median_ms: {description: "Median time, in milliseconds; null when none answered.", type: float, sample: 84.2}
    max_ms: {description: "Longest time, in milliseconds; null when none answered.", type: float, sample: 130.0}
throttle_headers:
  description: Every throttle header seen (C(Retry-After), C(X-RateLimit-*), C(RateLimit-*)), names lower-cased, last value kept.
  returned: always
  type: dict
  sample: {}
pacing:
  description: How this task shared the request budget of its O(url) with other processes; see O(rate_limit).
  returned: when another process used the budget during the task
  type: dict
"""

from ansible_collections.jama.connect.plugins.module_utils.access.apply import DEFAULT_ACCESS_GROUP
from ansible_collections.jama.connect.plugins.module_utils.rest.call_log import CallLog
from ansible_collections.jama.connect.plugins.module_utils.auth.token import TOKEN_PATH
from ansible_collections.jama.connect.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import JamaError
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import group_members
from ansible_collections.jama.connect.plugins.module_utils.jama.users import API_LICENSE
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import find_groups

API_ROOT_PATH = "/rest"
MAX_ENTRIES = 20
# Jama's user record carries no admin flag, and Jama documents no read that only an organization admin may make.
NO_ADMIN_FLAG = "Jama's API shows no admin flag to a read"


def _failed(exc):
    return {"ok": False, "status": exc.status, "error": str(exc)}


def check_user(client):
    try:
        user = client.current_user()
    except JamaError as exc:
        return _failed(exc)
    return {"ok": True, "status": 200, "id": user.get("id"), "username": user.get("username"),
            "license_type": user.get("licenseType"), "active": user.get("active"),
            "api_license": user.get("licenseType") == API_LICENSE}


def _entry_text(entry):
    if isinstance(entry, dict):
        for key in ("version", "name", "path", "url"):
            if entry.get(key):
                return str(entry[key])[:100]
    return str(entry)[:100]


def check_api_root(client):
    try:
        body = client.get(API_ROOT_PATH)
    except JamaError as exc:
        return dict(_failed(exc), entries=[])
    data = body.get("data", body)
    entries = data if isinstance(data, list) else sorted(data) if isinstance(data, dict) else [data]
    return {"ok": True, "status": 200, "entries": [_entry_text(entry) for entry in entries[:MAX_ENTRIES]]}


def check_access_group(client, name):
    result = {"name": name, "exists": None, "members_readable": False}
    try:
        record, candidates = find_groups(client, [name]).outcome(name)
    except JamaError as exc:
        result["error"] = str(exc)
        return result
    result["matches"] = len(candidates) if candidates else (1 if record else 0)
    result["exists"] = record is not None
    if record is None:
        return result
    result["id"] = record["id"]
    try:
        result["member_count"] = len(group_members(client, record["id"]))
        result["members_readable"] = True
    except JamaError as exc:
        result["error"] = str(exc)
    return result


def run(module, client):
    log = CallLog(client, read_only=True, allowed=[("POST", TOKEN_PATH)])
    user = check_user(client)
    api = check_api_root(client)
    access_group = check_access_group(client, module.params["access_group"])
    result = {"user": user, "admin": {"value": "unknown", "reason": NO_ADMIN_FLAG}, "access_group": access_group,
              "api": api, "calls": log.calls, "latency": log.latency(),
              "throttle_headers": log.throttle}
    return False, result, None


def build_module():
    return JamaModule(
        argument_spec=connection_argument_spec(access_group=dict(type="str", default=DEFAULT_ACCESS_GROUP)),
        supports_check_mode=True,
    )


def main():
    module = build_module()
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
