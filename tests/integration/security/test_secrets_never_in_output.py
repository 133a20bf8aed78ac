# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""No client secret, password or issued token ever appears in output: at -vvv, in failures and in diffs.

Every playbook runs with ``-vvv --diff``. Afterwards its whole output (stdout and stderr) and every
task result a callback received are searched for the exact secret values the play used and for
every token the simulator issued during the test (all of ``/__sim/tokens``), whole and without
the JWT header that all tokens share.
"""

from __future__ import annotations

import json

import pytest

from jama_harness.playbook import ACTION_PLUGINS
from jama_harness.seeds import ACCESS_GROUP, ADMIN_CLIENT, CI_CLIENT, DEMO_SECRETS, REST_ACCESS, TOKEN
from jama_harness.state import leaked, token_variants

VERBOSE = ("-vvv", "--diff")
WRONG_PASSWORD = "wrong-password-9d3f"
WRONG_SECRET = "wrong-secret-51c0e7"
SECRETS = DEMO_SECRETS + (WRONG_PASSWORD, WRONG_SECRET)


def assert_nothing_leaked(sim, *runs, **options):
    """No secret (unless ``secrets=False``) and no issued token in the output or the recorded results of ``runs``."""
    check_secrets = options.get("secrets", True)
    tokens = sim.control.tokens()
    assert tokens, "the simulator issued no token: the test proves nothing"
    for run in runs:
        text = run.output + "\n" + json.dumps(run.results, default=str)
        found = leaked(text, SECRETS) if check_secrets else []
        assert not found, "secrets in the output:\n%s" % where(text, found)
        exposed = leaked(text, token_variants(tokens))
        assert not exposed, "%d issued token(s) or parts in the output:\n%s" % (len(exposed), where(text, exposed))


def where(text, found, width=300):
    """Where each leak sits: the text around its first occurrence, the value itself replaced by <LEAK>."""
    lines = []
    for value in found:
        index = text.index(value)
        excerpt = text[max(0, index - width):index + len(value) + 80]
        lines.append("... %s ..." % excerpt.replace(value, "<LEAK>"))
    return "\n---\n".join(lines)


def task(name, module, args, **extra):
    return dict({"name": name, module: args, "ignore_errors": True}, **extra)


def secret_vars(sim):
    """Secrets reach the play as variables (as from a vault or an AWX survey), never as playbook text.

    Ansible itself prints the source lines of a failed task, so a secret typed into the playbook
    would show there whatever the modules do.
    """
    admin, ci = ADMIN_CLIENT["client_secret"], CI_CLIENT["client_secret"]
    embedded = sim.base_url.replace("://", "://%s:%s@" % (ADMIN_CLIENT["client_id"], admin))
    return {"admin_secret": admin, "ci_secret": ci, "admin_password": "admin-password", "wrong_password": WRONG_PASSWORD,
            "wrong_secret": WRONG_SECRET, "embedded_url": embedded}


def modules_play(sim):
    url = sim.base_url
    client = dict(url=url, allow_http=True, client_id="admin-client", client_secret="{{ admin_secret }}")
    tasks = [
        task("mint admin token", TOKEN, dict(client, fact_name="admin_token")),
        task("grant with the token fact", REST_ACCESS, dict(url=url, allow_http=True, token="{{ admin_token }}", users=["kai.schmidt"]),
             diff=True),
        task("revoke with the token string", REST_ACCESS,
             dict(url=url, allow_http=True, token="{{ admin_token.access_token }}", users=["kai.schmidt"], state="absent")),
        task("grant by client credentials", REST_ACCESS, dict(client, users=["zoe.taylor"])),
        task("check mode exclusive diff", REST_ACCESS, dict(client, users=["admin", "svc-ci"], exclusive=True), check_mode=True, diff=True),
        task("fail on unknown user after minting", REST_ACCESS, dict(client, users=["ghost.user"])),
        task("grant by basic auth", REST_ACCESS, dict(url=url, allow_http=True, auth_username="admin", auth_password="{{ admin_password }}",
                                                      users=["li.wei"], access_group=ACCESS_GROUP)),
        task("fail basic auth with a wrong password", REST_ACCESS,
             dict(url=url, allow_http=True, auth_username="admin", auth_password="{{ wrong_password }}", users=["li.wei"])),
        task("fail token with a wrong secret", TOKEN, dict(url=url, allow_http=True, client_id="admin-client", client_secret="{{ wrong_secret }}")),
        task("fail token for a user without REST access", TOKEN,
             dict(url=url, allow_http=True, client_id="ci-client", client_secret="{{ ci_secret }}")),
        task("fail on credentials embedded in url", REST_ACCESS, dict(url="{{ embedded_url }}", allow_http=True, users=["li.wei"])),
        task("fail token on credentials embedded in url", TOKEN, dict(url="{{ embedded_url }}", allow_http=True)),
        # JAMA_CLIENT_ID / JAMA_CLIENT_SECRET come from the process environment (as an AWX credential injects them).
        task("fail from environment credentials", REST_ACCESS, dict(url=url, allow_http=True, users=["ghost.two"])),
        task("token from environment credentials", TOKEN, dict(url=url, allow_http=True, fact_name="env_token")),
        {"name": "expire every token", "jama_sim_control": {"root_url": sim.root_url, "expire_tokens": True}},
        task("fail with an expired token", REST_ACCESS, dict(url=url, allow_http=True, token="{{ admin_token }}", users=["li.wei"])),
    ]
    return [{"name": "modules", "hosts": "localhost", "gather_facts": False, "tasks": tasks}]


def role_play(sim, verify, secure_logging=None, users=("svc-ci",)):
    variables = {"jama_url": sim.base_url, "jama_allow_http": True, "jama_client_id": ADMIN_CLIENT["client_id"],
                 "jama_client_secret": "{{ admin_secret }}", "rest_api_access_users": list(users),
                 "rest_api_access_verify": verify}
    if secure_logging is not None:
        variables["rest_api_access_secure_logging"] = secure_logging
    return [{"name": "role", "hosts": "localhost", "gather_facts": False, "vars": variables,
             "roles": [{"role": "jama.connect.rest_api_access"}]}]


def test_modules_keep_secrets_and_tokens_out_of_verbose_output_failures_and_diffs(run_playbook, sim):
    environment = {"ANSIBLE_ACTION_PLUGINS": ACTION_PLUGINS, "JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": ADMIN_CLIENT["client_secret"]}
    run = run_playbook(modules_play(sim), extra_vars=secret_vars(sim), args=VERBOSE, env=environment)
    statuses = dict((entry["task"], entry["status"]) for entry in run.results)
    # The play must really have exercised success, failure and diff paths for the test to mean anything.
    assert statuses["grant with the token fact"] == "ok" and statuses["grant by basic auth"] == "ok", run.describe()
    for name in ("fail on unknown user after minting", "fail basic auth with a wrong password", "fail token with a wrong secret",
                 "fail token for a user without REST access", "fail on credentials embedded in url", "fail from environment credentials",
                 "fail with an expired token"):
        assert statuses[name] == "failed", "%s: %s" % (name, run.describe())
    assert "kai.schmidt" in run.output and "+++ after" in run.output, "no diff was printed"
    assert_nothing_leaked(sim, run)


def test_credentials_embedded_in_url_are_refused_without_echo(run_playbook, sim):
    embedded = [entry for entry in modules_play(sim)[0]["tasks"] if "embedded in url" in entry["name"]]
    run = run_playbook([{"name": "embedded", "hosts": "localhost", "gather_facts": False, "tasks": embedded}], extra_vars=secret_vars(sim),
                       args=VERBOSE)
    for entry in embedded:
        result = run.task(entry["name"])
        assert result["status"] == "failed" and "must not embed credentials" in result["result"]["msg"], run.describe()
    assert sim.control.stats()["total"] == 0, "a request left with credentials in the URL"
    assert not leaked(run.output + json.dumps(run.results), SECRETS), "the URL's credentials were echoed"


@pytest.mark.parametrize("secure_logging", [None, False], ids=["default", "secure_logging_off"])
def test_role_keeps_secrets_out_of_verbose_output(run_playbook, sim, secure_logging):
    verify = [{"client_id": "ci-client", "client_secret": "{{ ci_secret }}", "username": "svc-ci"}]
    run = run_playbook(role_play(sim, verify, secure_logging), extra_vars=secret_vars(sim), args=VERBOSE)
    assert run.rc == 0, run.describe()
    assert "svc-ci" in [group["members"] for group in sim.control.state()["groups"] if group["name"] == "REST API Users"][0]
    # rest_api_access_secure_logging: false is the documented way to see the role's arguments while debugging; tokens stay hidden even then.
    assert_nothing_leaked(sim, run, secrets=secure_logging is None)


def test_role_failures_keep_secrets_out_of_verbose_output(run_playbook, sim):
    wrong = [{"client_id": "ci-client", "client_secret": "{{ wrong_secret }}", "name": "ci with a wrong secret"}]
    failed_verify = run_playbook(role_play(sim, wrong), extra_vars=secret_vars(sim), args=VERBOSE)
    assert failed_verify.rc != 0 and "ci with a wrong secret" in failed_verify.output, failed_verify.describe()
    not_granted = [dict(client_id="reports-client", client_secret="{{ reports_secret }}", username="priya.patel", name="reports")]
    failed_grant = run_playbook(role_play(sim, not_granted, users=["ghost.user"]), extra_vars=dict(secret_vars(sim), reports_secret="reports-secret-3c9a71"),
                                args=VERBOSE)
    assert failed_grant.rc != 0 and "ghost.user" in failed_grant.output, failed_grant.describe()
    assert_nothing_leaked(sim, failed_verify, failed_grant)


def test_role_refuses_credentials_embedded_in_url_without_echo(run_playbook, sim):
    play = role_play(sim, [])
    play[0]["vars"]["jama_url"] = "{{ embedded_url }}"
    run = run_playbook(play, extra_vars=secret_vars(sim), args=VERBOSE)
    assert run.rc != 0 and "must not embed credentials" in run.output, run.describe()
    assert sim.control.stats()["total"] == 0, "a request left with credentials in the URL"
    found = leaked(run.output + json.dumps(run.results), SECRETS)
    assert not found, "the URL's credentials were echoed:\n%s" % where(run.output + json.dumps(run.results), found)
