# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

import os
import subprocess
import sys
from unittest import mock

import pytest

from ansible_collections.jama.connect.plugins.action import jama_token as action
from ansible_collections.jama.connect.plugins.module_utils.auth.token import token_fact

# The directory holding ansible_collections/, wherever this collection is installed.
COLLECTIONS_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), *[os.pardir] * 7))
URL = "https://jama.example.com/contour"
NOW = 1_000_000.0
USER = {"id": 1, "username": "admin"}


def fact(**changes):
    value = token_fact({"access_token": "AT", "expires_in": 3599}, URL, "admin-client", now=NOW)
    value["user"] = dict(USER)
    value.update(changes)
    return value


ARGS = dict(url=URL, client_id="admin-client", client_secret="s")


class TestReusableFact:
    def test_valid_fact_for_same_url_and_client_is_reused(self):
        assert action.reusable_fact(dict(ARGS), {"jama_token": fact()}, {}, NOW + 100) == fact()

    def test_reused_fact_is_a_plain_copy(self):
        existing = fact()
        reused = action.reusable_fact(dict(ARGS), {"jama_token": existing}, {}, NOW)
        reused["user"]["username"] = "changed"
        assert existing["user"]["username"] == "admin"

    def test_fact_is_found_under_ansible_facts_too(self):
        assert action.reusable_fact(dict(ARGS), {"ansible_facts": {"jama_token": fact()}}, {}, NOW) is not None

    def test_custom_fact_name(self):
        task_vars = {"jama_token": fact(client_id="other"), "admin_token": fact()}
        assert action.reusable_fact(dict(ARGS, fact_name="admin_token"), task_vars, {}, NOW) is not None

    def test_url_and_client_id_come_from_the_environment_when_not_given(self):
        environ = {"JAMA_URL": URL + "/", "JAMA_CLIENT_ID": "admin-client"}
        assert action.reusable_fact({}, {"jama_token": fact()}, environ, NOW) is not None

    def test_explicit_url_wins_over_the_environment(self):
        environ = {"JAMA_URL": URL, "JAMA_CLIENT_ID": "admin-client"}
        assert action.reusable_fact(dict(url="https://other.example.com"), {"jama_token": fact()}, environ, NOW) is None

    @pytest.mark.parametrize("args", [dict(ARGS, client_id="ci-client"), dict(ARGS, url="https://jama.example.com"),
                                      dict(ARGS, min_validity=3600), dict(ARGS, min_validity="bogus"), dict(ARGS, min_validity=-1),
                                      dict(ARGS, token="t"), dict(ARGS, auth_username="admin"), dict(ARGS, auth_password="pw"),
                                      dict(ARGS, url="http://jama.example.com/contour"),
                                      dict(ARGS, min_valdity=30), dict(ARGS, password="pw"),
                                      dict(client_secret="s")])
    def test_not_reused(self, args):
        """Also when an option is one the module refuses: the module then runs and names it, fact or no fact."""
        assert action.reusable_fact(args, {"jama_token": fact()}, {}, NOW) is None

    def test_min_validity_as_a_string_is_converted_like_the_module_would(self):
        assert action.reusable_fact(dict(ARGS, min_validity="3000"), {"jama_token": fact()}, {}, NOW) is not None

    def test_a_fact_without_user_is_not_reused_when_access_must_be_checked(self):
        bare = fact()
        del bare["user"]
        assert action.reusable_fact(dict(ARGS), {"jama_token": bare}, {}, NOW) is None
        assert action.reusable_fact(dict(ARGS, check_access="no"), {"jama_token": bare}, {}, NOW) == bare

    def test_no_fact(self):
        assert action.reusable_fact(dict(ARGS), {"jama_token": "a string"}, {}, NOW) is None
        assert action.reusable_fact(dict(ARGS), {}, {}, NOW) is None


def make_action(args, module_result=None):
    task = mock.MagicMock()
    task.args = args
    task.async_val = 0
    task.check_mode = False
    plugin = action.ActionModule(task, mock.MagicMock(), mock.MagicMock(), loader=None, templar=None, shared_loader_obj=None)
    plugin._execute_module = mock.MagicMock(return_value=dict(module_result or {}))  # pylint: disable=protected-access
    return plugin


class TestRun:
    def test_a_reusable_fact_is_returned_without_running_the_module(self, monkeypatch):
        monkeypatch.setattr(action.time, "time", lambda: NOW)
        plugin = make_action(dict(ARGS))
        result = plugin.run(task_vars={"jama_token": fact()})
        plugin._execute_module.assert_not_called()  # pylint: disable=protected-access
        assert result["reused"] is True and result["changed"] is False and result["_ansible_no_log"] is True
        assert result["ansible_facts"] == {"jama_token": fact()} and result["token"] == fact()

    def test_otherwise_the_module_runs_and_its_result_is_hidden(self):
        plugin = make_action(dict(ARGS), {"changed": False, "token": fact(), "ansible_facts": {"jama_token": fact()}, "reused": False})
        result = plugin.run(task_vars={})
        assert plugin._execute_module.call_args.kwargs["module_name"] == "jama.connect.jama_token"  # pylint: disable=protected-access
        assert result["_ansible_no_log"] is True and result["reused"] is False

    def test_expose_token_shows_the_result(self):
        plugin = make_action(dict(ARGS, expose_token=True), {"changed": False, "token": fact(), "ansible_facts": {"jama_token": fact()}})
        assert "_ansible_no_log" not in plugin.run(task_vars={})

    def test_a_failure_stays_visible(self):
        plugin = make_action(dict(ARGS), {"failed": True, "msg": "Jama refused the client credentials"})
        result = plugin.run(task_vars={})
        assert result["failed"] and "_ansible_no_log" not in result


class TestControllerImports:
    def test_the_action_plugin_loads_no_http_stack(self):
        # A fresh interpreter: in this one, other tests have long imported the client.
        code = ("import sys; import ansible_collections.jama.connect.plugins.action.jama_token; "
                "print(sorted(name for name in sys.modules if name == 'requests' or name.endswith(('.http.transport', '.http.client'))))")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [COLLECTIONS_ROOT, os.environ.get("PYTHONPATH")])))
        answer = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, timeout=60)
        assert answer.stdout.strip() == "[]"

    def test_the_action_plugin_assumes_the_module_defaults(self):
        from ansible_collections.jama.connect.plugins.modules.jama_token import main  # noqa: F401  the module imports
        from ansible_collections.jama.connect.plugins.module_utils.connection import connection_argument_spec
        assert action.DEFAULTS["allow_http"] == connection_argument_spec()["allow_http"]["default"]
        assert action.DEFAULTS["min_validity"] == 60 and action.DEFAULTS["fact_name"] == "jama_token"
