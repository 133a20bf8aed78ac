# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets in every shape they can take (a pasted line break, quotes, a Bearer prefix) never reach the output,
and passing the whole token fact masks the token alone, not the ordinary values around it."""

from __future__ import annotations

import json

from jama_harness.seeds import ADMIN_CLIENT, REST_ACCESS, TOKEN

VERBOSE = ("-vvv", "--diff")
PASTED_SECRET = 'admin-secret-0f8e2c\n"quoted\'part'


def shapes(secret):
    """The ways a message could quote ``secret``: raw, and escaped as Python's repr and JSON write it."""
    return {secret, json.dumps(secret)[1:-1], repr(secret)[1:-1], secret.replace("\n", "\\n")}


def task(name, module, args, **extra):
    return dict({"name": name, module: args, "ignore_errors": True}, **extra)


def test_credentials_of_a_pasted_shape_are_refused_before_any_request_and_never_echoed(run_playbook, sim):
    url = sim.base_url
    tasks = [
        task("pasted client secret", TOKEN, dict(url=url, allow_http=True, client_id="admin-client",
                                                 client_secret="{{ pasted }}")),
        task("token with a line break", REST_ACCESS, dict(url=url, allow_http=True, token="{{ broken_token }}",
                                                          users=["li.wei"])),
    ]
    variables = {"pasted": PASTED_SECRET, "broken_token": "abc.def\nghi-7a1c9e"}
    run = run_playbook([{"name": "shapes", "hosts": "localhost", "gather_facts": False, "tasks": tasks}],
                       extra_vars=variables, args=VERBOSE)
    assert run.task("pasted client secret")["status"] == "failed"
    assert "client_secret contains" in run.task("pasted client secret")["result"]["msg"]
    assert "token contains a control character" in run.task("token with a line break")["result"]["msg"]
    assert sim.control.stats()["total"] == 0, "a request left with a damaged credential"
    text = run.output + json.dumps(run.results)
    for secret in (PASTED_SECRET, variables["broken_token"]):
        assert not [shape for shape in shapes(secret) if shape in text]
    assert "ghi-7a1c9e" not in text and "quoted" not in text


def test_the_whole_token_fact_masks_only_the_access_token(run_playbook, sim):
    url = sim.base_url
    client = dict(url=url, allow_http=True, **ADMIN_CLIENT)
    tasks = [
        task("mint", TOKEN, dict(client, fact_name="admin_token")),
        task("grant with the fact", REST_ACCESS, dict(url=url, allow_http=True, token="{{ admin_token }}",
                                                      users=["kai.schmidt"]), diff=True),
        task("fail with the fact", REST_ACCESS, dict(url=url, allow_http=True, token="{{ admin_token }}",
                                                     users=["ghost.user"])),
        task("grant with a Bearer-prefixed string", REST_ACCESS,
             dict(url=url, allow_http=True, token="Bearer {{ admin_token.access_token }}", users=["zoe.taylor"])),
    ]
    run = run_playbook([{"name": "fact", "hosts": "localhost", "gather_facts": False, "tasks": tasks}], args=VERBOSE)
    granted = run.task("grant with the fact")
    assert granted["status"] == "ok" and granted["result"]["changed"], run.describe()
    arguments = granted["result"]["invocation"]["module_args"]
    assert arguments["url"] == url and arguments["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    rest = dict(granted["result"], invocation=None)
    assert "kai.schmidt" in json.dumps(rest) and "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" not in json.dumps(rest)
    assert "********" not in json.dumps(rest)
    failed = run.task("fail with the fact")["result"]["msg"]
    assert "ghost.user" in failed and "********" not in failed
    assert run.task("grant with a Bearer-prefixed string")["result"].get("changed"), run.describe()
    members = [group["members"] for group in sim.control.state()["groups"] if group["name"] == "REST API Users"][0]
    assert {"kai.schmidt", "zoe.taylor"} <= set(members)
    tokens = sim.control.tokens()
    assert tokens and not [token for token in tokens if token in run.output + json.dumps(run.results)]


def test_a_user_name_in_the_url_does_not_blank_that_word_everywhere(run_playbook, sim):
    url = sim.base_url.replace("://", "://user@")
    run = run_playbook([{"name": "userinfo", "hosts": "localhost", "gather_facts": False,
                         "tasks": [task("url with a user", REST_ACCESS, dict(url=url, allow_http=True, users=["li.wei"],
                                                                             **ADMIN_CLIENT))]}])
    message = run.task("url with a user")["result"]["msg"]
    assert "url must not embed credentials (user:secret@host)" in message, message
