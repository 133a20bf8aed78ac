# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Controller side of jama_token: reuse a still-valid token fact without a request, and hide the token from output."""

import os
import time
from collections.abc import Mapping

from ansible.module_utils.parsing.convert_bool import boolean
from ansible.plugins.action import ActionBase

from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.auth.token import TOKEN_OPTIONS, fact_is_reusable
from ansible_collections.jama.connect.plugins.module_utils.options import CONNECTION_ARGUMENT_SPEC
from ansible_collections.jama.connect.plugins.module_utils.rest.url import ALLOW_HTTP_DEFAULT, validate_url

MODULE_NAME = "jama.connect.jama_token"
DEFAULTS = dict(((name, spec["default"]) for name, spec in TOKEN_OPTIONS.items()), allow_http=ALLOW_HTTP_DEFAULT)
# What jama_token takes: its own options and the connection options of the client-credentials mode.
KNOWN_OPTIONS = frozenset(TOKEN_OPTIONS) | (frozenset(CONNECTION_ARGUMENT_SPEC) - {"token", "auth_username", "auth_password"})


def plain(value):
    """A plain copy of a variable, so the result holds ordinary dicts and lists, not the caller's objects."""
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value


def option(args, name, convert):
    """A task argument converted as the module would; the default when absent; None when unreadable."""
    value = args.get(name)
    if value is None:
        return DEFAULTS[name]
    try:
        return convert(value)
    except (TypeError, ValueError):
        return None


def resolve_target(args, environ):
    """The (url, client_id) the module would use: task arguments first, then the environment; None when unknown."""
    if set(args) - KNOWN_OPTIONS:
        return None  # the module refuses what it does not take (a typo, a token): let it say so, even with a fact at hand
    raw_url = args.get("url") or environ.get("JAMA_URL")
    client_id = args.get("client_id") or environ.get("JAMA_CLIENT_ID")
    if not raw_url or not client_id:
        return None
    try:
        return validate_url(str(raw_url), bool(option(args, "allow_http", boolean))), str(client_id)
    except ConfigurationError:
        return None  # the module reports it


def existing_fact(task_vars, fact_name):
    fact = task_vars.get(fact_name)
    if not isinstance(fact, Mapping):
        fact = (task_vars.get("ansible_facts") or {}).get(fact_name)
    return fact if isinstance(fact, Mapping) else None


def reusable_fact(args, task_vars, environ, now):
    """The existing fact when it can stand in for a new token, else None."""
    fact_name = option(args, "fact_name", str)
    min_validity = option(args, "min_validity", int)
    check_access = option(args, "check_access", boolean)
    target = resolve_target(args, environ)
    if not fact_name or min_validity is None or min_validity < 0 or check_access is None or target is None:
        return None
    fact = plain(existing_fact(task_vars, fact_name))
    if fact is None or (check_access and not isinstance(fact.get("user"), Mapping)):
        return None
    url, client_id = target
    return fact if fact_is_reusable(fact, url, client_id, min_validity, now) else None


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _supports_check_mode = True  # read-only for Jama: runs for real in check mode
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        task_vars = task_vars or {}
        result = super(ActionModule, self).run(tmp, task_vars)
        args = dict(self._task.args)
        fact = reusable_fact(args, task_vars, os.environ, time.time())
        if fact is not None:
            result.update(changed=False, reused=True, token=fact, ansible_facts={option(args, "fact_name", str): fact})
        else:
            result.update(self._execute_module(module_name=MODULE_NAME, module_args=args, task_vars=task_vars))
        # Errors stay visible (they never carry the token); a result holding a token is censored like no_log.
        if "token" in result and not option(args, "expose_token", boolean):
            result["_ansible_no_log"] = True
        return result
