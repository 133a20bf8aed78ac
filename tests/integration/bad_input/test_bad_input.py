# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input to jama_rest_access and jama_token: a specific message naming the option and the problem, nothing changed.

Each case runs against a freshly reset demo simulator. Option errors must fail before any request
reaches Jama; errors only Jama's data can reveal (unknown principals, licenses, self-lockout,
refused credentials) may read but never write. Either way the simulator's state is left as seeded.
All cases of a module share one play, so that the many cases cost one ansible-playbook start.
"""

from __future__ import annotations

import re

from jama_harness.cases import Case
from jama_harness.drivers import PlayDriver
from jama_harness.playbook import ACTION_PLUGINS
from jama_harness.seeds import ACCESS_GROUP, TOKEN, connection

NO_REQUEST, READS_ONLY = "no request", "reads only"
HUGE = ["ghost%04d" % index for index in range(2000)]


def access_cases(sim):
    """(name, module options, regexes the message must match, what may reach Jama) for jama_rest_access."""
    base = sim.base_url
    return [
        ("users not a list", dict(users={"name": "jane.doe"}), [r"users", r"list"], NO_REQUEST),
        ("empty username", dict(users=["kai.schmidt", ""]), [r"users\[1\] is empty"], NO_REQUEST),
        ("padded username", dict(users=[" kai.schmidt"]), [r"users\[0\] ' kai.schmidt' has leading or trailing spaces"], NO_REQUEST),
        ("unknown state", dict(users=["kai.schmidt"], state="revoked"), [r"state", r"present, absent", r"revoked"], NO_REQUEST),
        ("the retired method option", dict(users=["kai.schmidt"], method="access_list"), [r"Unsupported parameters", r"method"],
         NO_REQUEST),
        ("exclusive not a boolean", dict(users=["kai.schmidt"], exclusive="sometimes"), [r"exclusive", r"bool"], NO_REQUEST),
        ("exclusive with an empty list", dict(exclusive=True), [r"exclusive with empty users", r"allow_self_lockout"], NO_REQUEST),
        ("exclusive with absent", dict(users=["jane.doe"], state="absent", exclusive=True), [r"exclusive applies only to state=present"],
         NO_REQUEST),
        ("groups", dict(users=["kai.schmidt"], groups=["Engineering"], access_group=ACCESS_GROUP),
         [r"groups 'Engineering' cannot be granted REST API access by this collection", r"Admin > Organization > REST API"], NO_REQUEST),
        ("a group that does not exist", dict(users=["kai.schmidt"], groups=["Nonexistent Team"]),
         [r"groups 'Nonexistent Team' cannot be granted REST API access"], NO_REQUEST),
        ("empty access_group", dict(users=["kai.schmidt"], access_group=""), [r"access_group must name"], NO_REQUEST),
        ("unknown access_group", dict(users=["kai.schmidt"], access_group="No Such Group"),
         [r"access_group", r"no user group is named 'No Such Group'"], READS_ONLY),
        ("unknown users all named", dict(users=["ghost.one", "kai.schmidt", "ghost.two"]),
         [r"Cannot resolve 2 ", r"user 'ghost.one' not found", r"user 'ghost.two' not found", r"nothing was changed"], READS_ONLY),
        ("unknown user id", dict(users=["99999"]), [r"user '99999' not found"], READS_ONLY),
        ("username in the wrong case", dict(users=["Kai.Schmidt"]), [r"user 'Kai.Schmidt' not found", r"did you mean 'kai.schmidt'"],
         READS_ONLY),
        ("unicode username", dict(users=["jürgen.müller", "kai.schmidt"]), [r"user 'jürgen.müller' not found"], READS_ONLY),
        ("huge list of unknown users", dict(users=HUGE), [r"Cannot resolve 2000 ", r"user 'ghost1999' not found"], READS_ONLY),
        ("unknown license_check", dict(users=["kai.schmidt"], license_check="strict"), [r"license_check", r"warn, fail, ignore"], NO_REQUEST),
        ("license_check fail refuses a floating user", dict(users=["kai.schmidt", "ben.carter"], license_check="fail"),
         [r"license_check=fail", r"ben.carter", r"FLOATING"], READS_ONLY),
        ("negative timeout", dict(users=["kai.schmidt"], timeout=-1), [r"timeout must be a positive"], NO_REQUEST),
        ("timeout not a number", dict(users=["kai.schmidt"], timeout="soon"), [r"timeout", r"int"], NO_REQUEST),
        ("negative retries", dict(users=["kai.schmidt"], retries=-3), [r"retries must be 0 or more"], NO_REQUEST),
        ("empty url", dict(users=["kai.schmidt"], url=""), [r"url is required: set url, or the JAMA_URL environment variable"], NO_REQUEST),
        ("unparsable url", dict(users=["kai.schmidt"], url="http://[::1", allow_http=True), [r"url is not a valid URL"], NO_REQUEST),
        ("ftp url", dict(users=["kai.schmidt"], url="ftp://jama.example.com"), [r"url must be an absolute https:// URL"], NO_REQUEST),
        ("http url without allow_http", dict(users=["kai.schmidt"], allow_http=False), [r"url uses http://", r"allow_http"], NO_REQUEST),
        ("url with /rest path", dict(users=["kai.schmidt"], url=base + "/rest/v1"), [r"url must be the Jama base URL", r"/rest"], NO_REQUEST),
        ("token beside half a client pair", dict(users=["kai.schmidt"], token="abc.def.ghi", client_secret=None),
         [r"client_id\+client_secret needs client_secret"], NO_REQUEST),
        ("no credentials", dict(users=["kai.schmidt"], client_id=None, client_secret=None), [r"no credentials", r"client_id"], NO_REQUEST),
        ("client_id without client_secret", dict(users=["kai.schmidt"], client_secret=None), [r"needs client_secret"], NO_REQUEST),
        ("auth_username without auth_password", dict(users=["kai.schmidt"], client_id=None, client_secret=None, auth_username="admin"),
         [r"needs auth_password"], NO_REQUEST),
        ("the retired basic-auth names", dict(users=["kai.schmidt"], client_id=None, client_secret=None, username="admin",
                                              password="admin-password"), [r"Unsupported parameters", r"password, username"], NO_REQUEST),
        ("token of the wrong type", dict(users=["kai.schmidt"], client_id=None, client_secret=None, token=12345),
         [r"token must be a bearer token string"], NO_REQUEST),
        ("client_key without client_cert", dict(users=["kai.schmidt"], client_key="/nonexistent/client.key"),
         [r"client_key needs client_cert"], NO_REQUEST),
        ("misspelt option", dict(userz=["kai.schmidt"]), [r"Unsupported parameters", r"userz"], NO_REQUEST),
        ("wrong client secret", dict(users=["kai.schmidt"], client_secret="not-the-secret"),
         [r"refused the client credentials for client_id 'admin-client'"], READS_ONLY),
    ]


def token_cases(sim):
    return [
        ("token: invalid fact_name", dict(fact_name="not-a-variable"), [r"fact_name must be a valid variable name"], NO_REQUEST),
        ("token: negative min_validity", dict(min_validity=-1), [r"min_validity must be 0 or more"], NO_REQUEST),
        ("token: check_access not a boolean", dict(check_access="often"), [r"check_access", r"bool"], NO_REQUEST),
        ("token: basic auth refused", dict(client_id=None, client_secret=None, auth_username="admin", auth_password="admin-password"),
         [r"Unsupported parameters", r"auth_password, auth_username"], NO_REQUEST),
        ("token: existing token refused", dict(client_id=None, client_secret=None, token="abc.def.ghi"),
         [r"Unsupported parameters", r"token"], NO_REQUEST),
        ("token: no client_secret", dict(client_secret=None), [r"needs client_secret"], NO_REQUEST),
        ("token: http url without allow_http", dict(allow_http=False), [r"url uses http://", r"allow_http"], NO_REQUEST),
        ("token: url with a fragment", dict(url=sim.base_url + "#top"), [r"url must not carry a query string or fragment"], NO_REQUEST),
        ("token: wrong client secret", dict(client_secret="not-the-secret"),
         [r"refused the client credentials for client_id 'admin-client'"], READS_ONLY),
        ("token: unknown client", dict(client_id="nobody-client"), [r"refused the client credentials for client_id 'nobody-client'"],
         READS_ONLY),
    ]


def build(sim, table, module=None):
    cases = []
    for name, options, _patterns, _reach in table:
        args = connection(sim)
        args.update(options)
        args = dict((key, value) for key, value in args.items() if value is not None)
        cases.append(Case(name, args) if module is None else Case(name, args, module=module))
    return cases


def problems_with(outcomes, table, seeded):
    problems = []
    for name, _options, patterns, reach in table:
        outcome = outcomes[name]
        if not outcome.failed:
            problems.append("%s: did not fail (%s)" % (name, outcome.describe()))
            continue
        missing = [pattern for pattern in patterns if not re.search(pattern, outcome.msg)]
        if missing:
            problems.append("%s: message %r does not match %s" % (name, outcome.msg[:600], missing))
        if outcome.state != seeded:
            problems.append("%s: the simulator state changed" % name)
        if reach == NO_REQUEST and outcome.traffic:
            problems.append("%s: requests reached Jama before the input was refused: %s" % (name, outcome.traffic))
        if outcome.writes():
            problems.append("%s: wrote to Jama: %s" % (name, outcome.writes()))
    return problems


def test_bad_input_to_jama_rest_access_is_refused_by_name_and_changes_nothing(module_cases, sim):
    table = access_cases(sim)
    seeded = sim.control.state()
    outcomes = module_cases.run(sim, build(sim, table))
    problems = problems_with(outcomes, table, seeded)
    assert not problems, "\n".join(problems)


def test_bad_input_to_jama_token_is_refused_by_name_and_changes_nothing(run_playbook, sim):
    """In a play: jama_token's action plugin checks its options on the controller before the module runs."""
    table = token_cases(sim)
    seeded = sim.control.state()
    outcomes = PlayDriver(run_playbook).run(sim, build(sim, table, module=TOKEN))
    problems = problems_with(outcomes, table, seeded)
    assert not problems, "\n".join(problems)


def test_duplicates_and_ids_naming_the_same_user_are_one_grant(module_cases, sim):
    """Not an error (comparisons ignore duplicates): a name, its id and a repeat grant one user once."""
    kai = [user for user in sim.control.state()["users"] if user["username"] == "kai.schmidt"][0]
    args = connection(sim, users=["kai.schmidt", str(kai["id"]), "kai.schmidt"])
    outcomes = module_cases.run(sim, [Case("duplicates", args)])
    outcome = outcomes["duplicates"]
    assert not outcome.failed and outcome.result["added"]["users"] == ["kai.schmidt"], outcome.describe()
    assert "kai.schmidt" in [group["members"] for group in outcome.state["groups"] if group["name"] == ACCESS_GROUP][0]
    assert outcome.traffic.get("POST /rest/v1/usergroups/{id}/users") == 1, outcome.traffic


# Role cases: (name, role variables on top of a working set, regexes the failure message must match, what may reach Jama).
ROLE_CASES = [
    # First: a later case's admin token fact (still valid for this url and client) would be reused without a request.
    ("role: wrong admin secret", dict(jama_client_secret="not-the-secret"), [r"admin token", r"refused the client credentials"], READS_ONLY),
    ("role: no url", dict(jama_url=None), [r"jama_url is required"], NO_REQUEST),
    ("role: users as a string", dict(rest_api_access_users="svc-ci"), [r"rest_api_access_users", r"list"], NO_REQUEST),
    ("role: unknown state", dict(rest_api_access_state="revoked"), [r"rest_api_access_state", r"present, absent"], NO_REQUEST),
    ("role: empty access group", dict(rest_api_access_access_group=""), [r"rest_api_access_access_group"], NO_REQUEST),
    ("role: groups with the group method", dict(rest_api_access_groups=["Engineering"]),
     [r"rest_api_access_groups \(Engineering\) cannot be granted", r"Admin > Organization > REST API"], NO_REQUEST),
    ("role: verify entry without client_secret", dict(rest_api_access_verify=[{"client_id": "ci-client"}]),
     [r"client_secret", r"rest_api_access_verify"], NO_REQUEST),
    ("role: timeout not a number", dict(jama_timeout="soon"), [r"jama_timeout", r"int"], NO_REQUEST),
    ("role: exclusive not a boolean", dict(rest_api_access_exclusive="maybe"), [r"rest_api_access_exclusive", r"bool"], NO_REQUEST),
    ("role: unknown license_check", dict(rest_api_access_license_check="strict"), [r"rest_api_access_license_check", r"warn, fail, ignore"],
     NO_REQUEST),
    ("role: unknown user", dict(rest_api_access_users=["ghost.user"]), [r"user 'ghost.user' not found"], READS_ONLY),
]


def role_case_tasks(sim, name, overrides):
    variables = {"jama_url": sim.base_url, "jama_allow_http": True, "jama_client_id": "admin-client",
                 "jama_client_secret": "admin-secret-0f8e2c", "rest_api_access_users": ["kai.schmidt"]}
    variables.update(overrides)
    variables = dict((key, value) for key, value in variables.items() if value is not None)
    return [
        {"name": name + " | prepare", "jama_sim_control": {"root_url": sim.root_url, "reset": True}},
        # block/rescue: a failing role must end this case only, not the play.
        {"block": [{"ansible.builtin.import_role": {"name": "jama.connect.rest_api_access"}, "vars": variables}],
         "rescue": [{"name": name, "ansible.builtin.debug": {"msg": "{{ ansible_failed_result.msg | default('') }}"}}]},
        {"name": name + " | snapshot", "jama_sim_control": {"root_url": sim.root_url, "snapshot": True}},
    ]


def test_bad_input_to_the_role_is_refused_by_name_and_changes_nothing(run_playbook, sim):
    seeded = sim.control.state()
    tasks = [task for name, overrides, _patterns, _reach in ROLE_CASES for task in role_case_tasks(sim, name, overrides)]
    run = run_playbook([{"name": "role cases", "hosts": "localhost", "gather_facts": False, "tasks": tasks}],
                       env={"ANSIBLE_ACTION_PLUGINS": ACTION_PLUGINS, "JAMA_URL": None})
    problems = []
    for name, _overrides, patterns, reach in ROLE_CASES:
        rescued = [entry for entry in run.results if entry["task"] == name]
        snapshot = [entry["result"] for entry in run.results if entry["task"] == name + " | snapshot"]
        if not rescued or not snapshot:
            problems.append("%s: the role did not fail" % name)
            continue
        msg = str(rescued[0]["result"].get("msg", ""))
        missing = [pattern for pattern in patterns if not re.search(pattern, msg)]
        if missing:
            problems.append("%s: message %r does not match %s" % (name, msg[:600], missing))
        if snapshot[0]["sim_state"] != seeded:
            problems.append("%s: the simulator state changed" % name)
        traffic = snapshot[0]["sim_stats"]["by_route"]
        if reach == NO_REQUEST and traffic:
            problems.append("%s: requests reached Jama before the input was refused: %s" % (name, traffic))
        if any(route.split(" ")[0] in ("PUT", "DELETE") or (route.startswith("POST") and "oauth" not in route) for route in traffic):
            problems.append("%s: wrote to Jama: %s" % (name, traffic))
    assert not problems, "\n".join(problems)
