#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jama_instance_info
short_description: Read what a Jama Connect instance offers this collection, writing nothing, and give a verdict per check
version_added: 0.1.0
description:
  - Answers, with reads only, the questions to ask before pointing the collection at an instance. Whether a token can be
    minted; who the credentials belong to and their license (only Named Creator, C(NAMED), may use the REST API); whether
    the access group O(access_group) exists (and, when it does not, which groups have similar names) and its members can
    be read; what C(GET /rest) lists; how long each request took, and any throttle headers seen.
  - Each check gets one verdict, V(ok), V(warn), V(fail) or V(info), with what it found and what the collection will do
    there (RV(checks)); RV(table) is the same as text lines, and RV(blocking) names the checks that fail every module
    (the token and the current user), so that a playbook only prints and gates.
  - B(Read-only by construction). Every request is a C(GET), apart from the token request when O(client_id) and
    O(client_secret) are given. Any other request would be refused before it is sent.
  - A Jama response is never a failure here, each check reports what it got, with Jama's own message. The task fails only
    for options that cannot work (for example an C(http://) URL without O(allow_http)).
  - Jama's user record has no admin flag and Jama documents no read that only an organization admin may make, so whether
    the user is an organization admin is reported as unknown; the first write tells.
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
      - The user group whose members hold REST API access (M(jama.connect.jama_rest_access)), by name.
    type: str
    default: REST API Users
  hint_names:
    description:
      - The names the hints use for the options they tell to change, for a playbook that sets the options through
        variables of its own (C(jama.connect.preflight) names O(url) C(jama_url), for example).
      - Keys are option names (V(url), V(client_id), V(client_secret), V(validate_certs), V(ca_path), V(timeout),
        V(access_group)), and V(create_group), how to create a missing access group (default
        C(jama.connect.jama_user_group)). A key left out keeps the option's own name.
    type: dict
    default: {}
notes:
  - Makes 5 requests or more (the token, and one per 50 groups and per 50 members of O(access_group)), paced like every
    module of the collection (O(rate_limit)).
  - A request retried after a response such as 429 counts once per attempt in RV(calls).
seealso:
  - module: jama.connect.jama_token
  - module: jama.connect.jama_rest_access
"""

EXAMPLES = r"""
- name: Read what the instance offers (only GET requests, and the token request)
  jama.connect.jama_instance_info:
    url: https://example.jamacloud.com
    client_id: "{{ jama_client_id }}"
    client_secret: "{{ jama_client_secret }}"
  register: jama_instance

- name: Show one line per check
  ansible.builtin.debug:
    msg: "{{ jama_instance.table }}"

- name: Stop when no module could work here
  ansible.builtin.assert:
    that: jama_instance.blocking | length == 0
    fail_msg: "Failed checks: {{ jama_instance.blocking | join(', ') }}"
"""

RETURN = r"""
checks:
  description: One entry per check, in the order of RV(table).
  returned: always
  type: list
  elements: dict
  contains:
    check: {description: "What was checked.", type: str, sample: current user}
    verdict: {description: "V(ok), V(warn), V(fail) or V(info).", type: str, sample: ok}
    result: {description: "What the check found.", type: str, sample: "admin (license NAMED)"}
    hint: {description: "What the collection will do here, or what to change.", type: str, sample: may use the REST API}
table:
  description: RV(checks) as text, a header line, a rule, then one line per check.
  returned: always
  type: list
  elements: str
  sample: ["check          | verdict | result | what the collection will do here", "..."]
blocking:
  description: The checks whose failure fails every module here (V(token), V(current user)); empty when none failed.
  returned: always
  type: list
  elements: str
  sample: []
token:
  description: The token check.
  returned: always
  type: dict
  contains:
    ok: {description: "Whether a token was minted or given.", type: bool, sample: true}
    minted: {description: "Whether this task minted it from O(client_id) and O(client_secret).", type: bool, sample: true}
    expires_in: {description: "Its lifetime in seconds, when minted.", type: int, sample: 3599}
    error: {description: "Why minting failed; absent on success.", type: str, sample: "authentication failed (POST /rest/oauth/token -> 401)"}
user:
  description: The response of C(GET /rest/v1/users/current).
  returned: always
  type: dict
  contains:
    ok: {description: "Whether the read succeeded.", type: bool, sample: true}
    status: {description: "The HTTP status, or null when no response came.", type: int, sample: 200}
    error: {description: "Why the read failed; absent on success.", type: str, sample: "permission denied (GET /rest/v1/users/current -> 403)"}
    id: {description: "The user's id.", type: int, sample: 1}
    username: {description: "The username.", type: str, sample: admin}
    license_type: {description: "Jama's licenseType.", type: str, sample: NAMED}
    active: {description: "Whether the user is active.", type: bool, sample: true}
    api_license: {description: "Whether the license allows the REST API (C(NAMED)).", type: bool, sample: true}
admin:
  description: Whether the user is an organization admin, as far as reads can tell, which is never.
  returned: always
  type: dict
  contains:
    value: {description: "Always V(unknown).", type: str, sample: unknown}
    reason: {description: "Why it cannot be told.", type: str, sample: "Jama's API shows no admin flag to a read"}
access_group:
  description: The access group O(access_group).
  returned: always
  type: dict
  contains:
    name: {description: "The name looked for.", type: str, sample: REST API Users}
    exists: {description: "Whether exactly one group has that name; null when the groups could not be read.", type: bool, sample: true}
    id: {description: "The group's id, when it exists.", type: int, sample: 1}
    matches: {description: "How many groups carry the name.", type: int, sample: 1}
    similar: {description: "Names of groups close to O(access_group), when no group has it.", type: list, elements: str, sample: []}
    members_readable: {description: "Whether its members could be read.", type: bool, sample: true}
    member_count: {description: "How many members it has, when readable.", type: int, sample: 3}
    error: {description: "Why a read failed; absent when none did.", type: str, sample: "permission denied (GET /rest/v1/usergroups -> 403)"}
api:
  description: What C(GET /rest) lists.
  returned: always
  type: dict
  contains:
    ok: {description: "Whether the read succeeded.", type: bool, sample: true}
    status: {description: "The HTTP status, or null when no response came.", type: int, sample: 200}
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
    status: {description: "The HTTP status, or null when no response came.", type: int, sample: 200}
    elapsed_ms: {description: "Time from sending to the whole response read, in milliseconds.", type: float, sample: 84.2}
    throttle_headers: {description: "Throttle headers of this response; absent when none.", type: dict, sample: {retry-after: "1"}}
latency:
  description: Time per request over the requests that got a response.
  returned: always
  type: dict
  contains:
    calls: {description: "How many requests got a response.", type: int, sample: 5}
    median_ms: {description: "Median time, in milliseconds; null when none was answered.", type: float, sample: 84.2}
    max_ms: {description: "Longest time, in milliseconds; null when none was answered.", type: float, sample: 130.0}
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

from ansible_collections.jama.connect.plugins.module_utils.access.apply import LIST_STEP, access_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.rest.call_log import CallLog
from ansible_collections.jama.connect.plugins.module_utils.auth.token import TOKEN_PATH
from ansible_collections.jama.connect.plugins.module_utils.connection import client_from_module, connection_argument_spec
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import JamaError
from ansible_collections.jama.connect.plugins.module_utils.jama.groups import group_members
from ansible_collections.jama.connect.plugins.module_utils.jama.users import API_LICENSE
from ansible_collections.jama.connect.plugins.module_utils.module import JamaModule, run_module
from ansible_collections.jama.connect.plugins.module_utils.jama.principals import groups_matching, names_alike

API_ROOT_PATH = "/rest"
MAX_ENTRIES = 20
# The one verdict each check gets.
OK = "ok"
WARN = "warn"
FAIL = "fail"
INFO = "info"
# Checks whose failure fails every module here: a gate must stop on them.
BLOCKING = ("token", "current user")
HINT_KEYS = ("url", "client_id", "client_secret", "validate_certs", "ca_path", "timeout", "access_group", "create_group")
DEFAULT_HINT_NAMES = {"create_group": "jama.connect.jama_user_group"}
# Jama's user record carries no admin flag, and Jama documents no read that only an organization admin may make.
NO_ADMIN_FLAG = "Jama's API shows no admin flag to a read"
WIDTHS = (14, 7, 52)


def _failed(exc):
    return {"ok": False, "status": exc.status, "error": str(exc)}


def check_token(client):
    """Mint the token now, when the module has client credentials, so that a refusal is this check's alone."""
    if not hasattr(client.auth, "mint"):
        return {"ok": True, "minted": False}
    try:
        answer = client.auth.mint(client)
    except JamaError as exc:
        return {"ok": False, "minted": False, "error": str(exc)}
    return {"ok": True, "minted": True, "expires_in": answer["expires_in"]}


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
    result = {"name": name, "exists": None, "members_readable": False, "similar": []}
    try:
        found, matcher = groups_matching(client, name)
    except JamaError as exc:
        result["error"] = str(exc)
        return result
    result["matches"] = len(found)
    result["exists"] = len(found) == 1
    if not found:
        result["similar"] = names_alike(matcher, name)
    if len(found) != 1:
        return result
    record = found[0]
    result["id"] = record["id"]
    try:
        result["member_count"] = len(group_members(client, record["id"]))
        result["members_readable"] = True
    except JamaError as exc:
        result["error"] = str(exc)
    return result


def _row(check, verdict, result, hint):
    return {"check": check, "verdict": verdict, "result": result, "hint": hint}


def token_row(token, names):
    if not token["ok"]:
        return _row("token", FAIL, "FAILED: " + token["error"],
                    "every module fails here: check %(url)s (with any context path, such as /contour), %(client_id)s and "
                    "%(client_secret)s, and for TLS errors %(ca_path)s or %(validate_certs)s" % names)
    if token["minted"]:
        return _row("token", OK, "minted, valid for %d s" % token["expires_in"], "the role and every module mint tokens the same way")
    return _row("token", INFO, "given, not minted here", "every module uses the token or credentials given")


def user_row(user):
    if not user["ok"]:
        effect = ("every module is refused: this user needs a Named Creator license (NAMED) and REST API access (%s)" % LIST_STEP
                  if user["status"] == 403 else "every module fails the same way")
        return _row("current user", FAIL, "FAILED: " + user["error"], effect)
    found = "%s (license %s%s)" % (user["username"], user["license_type"] or "unknown", "" if user["active"] is not False else ", inactive")
    if not user["api_license"]:
        return _row("current user", WARN, found, "cannot use the REST API: only a Named Creator (NAMED) license may")
    if user["active"] is False:
        return _row("current user", WARN, found, "inactive: cannot use the REST API until reactivated")
    return _row("current user", OK, found, "may use the REST API")


def admin_verdict(user):
    return {"value": "unknown", "reason": NO_ADMIN_FLAG if user["ok"] else "the current user could not be read"}


def admin_row(admin):
    return _row("org admin", INFO, "unknown: " + admin["reason"], "the role's first write will tell (the role with --check only reads)")


def group_row(group, names):
    name = group["name"]
    if group["exists"] is None:
        return _row("access group", WARN, "groups unreadable: " + group["error"], "jama_rest_access fails the same way")
    if group["matches"] > 1:
        return _row("access group", WARN, "%s: %d groups carry that name" % (name, group["matches"]),
                    "jama_rest_access fails as ambiguous: set %s to the group's id" % names["access_group"])
    if not group["exists"]:
        similar = "; similar: " + ", ".join(group["similar"]) if group["similar"] else ""
        return _row("access group", WARN, "%s: missing%s" % (name, similar),
                    "granting fails before any write: check %s, or create the group (%s), then add it to the REST API "
                    "list in the Jama UI (%s)" % (names["access_group"], names["create_group"], LIST_STEP))
    if not group["members_readable"]:
        return _row("access group", WARN, "%s: exists (id %s), members unreadable: %s" % (name, group["id"], group["error"]),
                    "jama_rest_access fails reading the members the same way")
    return _row("access group", OK, "%s: exists (id %s), %d members" % (name, group["id"], group["member_count"]),
                "jama_rest_access grants by adding users to %s; whether it is on the REST API list only "
                "Admin > Organization > REST API shows" % name)


def api_row(api, user):
    if api["ok"]:
        listed = any("v1" in entry for entry in api["entries"])
        return _row("GET /rest", OK if listed else WARN, "lists " + (", ".join(api["entries"]) or "nothing"),
                    "the modules call /rest/v1 only" + ("" if listed else ", which is not listed here: please report this"))
    if api["status"] == 404 and user["ok"]:
        # Judged on its own: /rest/v1 answered on the same URL, so the listing is merely not offered.
        return _row("GET /rest", INFO, "not offered (404)", "the modules call /rest/v1 only, which answered above")
    return _row("GET /rest", WARN, "FAILED: " + api["error"], "the modules call /rest/v1 only; this listing is informational")


def timing_rows(log, params, names):
    latency = log.latency()
    measured = ("median %.0f ms, max %.0f ms over %d requests" % (latency["median_ms"], latency["max_ms"], latency["calls"])
                if latency["calls"] else "no request was answered")
    throttled = ", ".join("%s=%s" % item for item in sorted(log.throttle.items())) or "no throttle header seen"
    gets = sum(1 for call in log.calls if call["method"] == "GET")
    return [
        _row("latency", INFO, measured, "the modules pace to %d requests/s (rate_limit) and give up on a request after %d s (%s)"
             % (params.get("rate_limit") or 10, params["timeout"], names["timeout"])),
        _row("throttling", INFO, throttled, "the modules honour Retry-After and pace to rate_limit" if log.throttle
             else "on 429 the modules back off exponentially (Jama documents no Retry-After)"),
        _row("requests", INFO, "%d GET, %d POST (the token): nothing written" % (gets, len(log.calls) - gets),
             "the role writes only outside check mode (--check only reads)"),
    ]


def render_table(rows):
    line = "%-{0}s | %-{1}s | %-{2}s | %s".format(*WIDTHS)
    rule = "-+-".join("-" * width for width in WIDTHS + (44,))
    return [line % ("check", "verdict", "result", "what the collection will do here"), rule] + [
        line % (row["check"], row["verdict"], row["result"], row["hint"]) for row in rows]


def hint_names(params):
    names = dict((key, key) for key in HINT_KEYS)
    names.update(DEFAULT_HINT_NAMES)
    names.update((key, str(value)) for key, value in (params["hint_names"] or {}).items() if key in HINT_KEYS)
    return names


def run(module, client):
    params = module.params
    names = hint_names(params)
    log = CallLog(client, read_only=True, allowed=[("POST", TOKEN_PATH)])
    token = check_token(client)
    not_read = {"ok": False, "status": None, "error": "not read: no token"}
    user, api, group = dict(not_read), dict(not_read, entries=[]), {"name": params["access_group"], "exists": None}
    rows = [token_row(token, names)]
    if token["ok"]:
        user = check_user(client)
        api = check_api_root(client)
        group = check_access_group(client, params["access_group"])
        rows += [user_row(user), admin_row(admin_verdict(user)), group_row(group, names), api_row(api, user)]
    else:
        rows.append(_row("other checks", INFO, "not run: they need a token", "fix the token first"))
    rows += timing_rows(log, params, names)
    blocking = [row["check"] for row in rows if row["check"] in BLOCKING and row["verdict"] == FAIL]
    result = {"checks": rows, "table": render_table(rows), "blocking": blocking, "token": token, "user": user,
              "admin": admin_verdict(user), "access_group": group, "api": api, "calls": log.calls, "latency": log.latency(), "throttle_headers": log.throttle}
    return False, result, None


def build_module():
    return JamaModule(
        argument_spec=connection_argument_spec(hint_names=dict(type="dict", default={}), **access_argument_spec()),
        supports_check_mode=True,
    )


def main():
    module = build_module()
    run_module(module, run, client_from_module)


if __name__ == "__main__":
    main()
