# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The one source of truth for connection options: argument spec, auth-mode resolution, client construction.

The credentials (token, client id/secret, auth_username/auth_password) deliberately have no ``fallback``
in the argument spec, and no mutual exclusion: ``resolve_auth`` chooses by precedence (token, then
client credentials, then basic), so ``module_defaults`` may hold client credentials while one task
passes a token, and applies the environment itself, after the explicit options have chosen the
mode, so explicit options always win.
"""

import copy
import os
import re

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.jama.connect.plugins.module_utils.auth.token import access_token_of
from ansible_collections.jama.connect.plugins.module_utils.auth.credentials import BasicAuth, ClientCredentialsAuth, TokenAuth
from ansible_collections.jama.connect.plugins.module_utils.rest.client import JamaClient
from ansible_collections.jama.connect.plugins.module_utils.rest.errors import ConfigurationError
from ansible_collections.jama.connect.plugins.module_utils.rest.requests_import import require_requests
from ansible_collections.jama.connect.plugins.module_utils.rest.pacing import DEFAULT_RATE_LIMIT
from ansible_collections.jama.connect.plugins.module_utils.rest.retry import DEFAULT_RETRY_MAX_WAIT
from ansible_collections.jama.connect.plugins.module_utils.options import CONNECTION_ARGUMENT_SPEC
from ansible_collections.jama.connect.plugins.module_utils.rest.url import validate_url
from ansible_collections.jama.connect.plugins.module_utils.auth import secrets


def _mode(*option_and_variable):
    """One auth mode: {option: the environment variable it falls back to} (names of variables, never values)."""
    return dict(option_and_variable)


# Auth modes: name -> {option: environment variable}. Order is the order of the docs.
AUTH_MODES = {
    "token": _mode(("token", "JAMA_TOKEN")),
    "client_credentials": _mode(("client_id", "JAMA_CLIENT_ID"), ("client_secret", "JAMA_CLIENT_SECRET")),
    "basic": _mode(("auth_username", "JAMA_USERNAME"), ("auth_password", "JAMA_PASSWORD")),
}
SECRET_OPTIONS = frozenset(("token", "client_secret", "auth_password"))
# Secret options by the names they had before: a task that still passes one is refused as unsupported,
# and that refusal echoes the task's arguments, so their values are masked like any secret.
RETIRED_SECRET_OPTIONS = frozenset(("password",))


def connection_argument_spec(**extra):
    """A fresh copy of the connection options merged with a module's own options."""
    spec = copy.deepcopy(CONNECTION_ARGUMENT_SPEC)
    spec.update(copy.deepcopy(extra))
    return spec


def options_with_environment(given, environ):
    """The connection options as a module's argument spec makes them, for a caller without one (a lookup).

    ``given`` holds the options set explicitly. Each other option takes its environment variable, as the
    spec's fallback names it, when that is set and not empty (an empty one counts as unset), else its
    default; every value is converted to its type as for a module.
    """
    params = dict(given)
    spec = {}
    for name, option in CONNECTION_ARGUMENT_SPEC.items():
        option = dict(option)
        _how, variables = option.pop("fallback", (None, ()))
        if params.get(name) is None:
            params.pop(name, None)
            found = [environ[variable] for variable in variables if _given(environ.get(variable))]
            if found:
                params[name] = found[0]
        spec[name] = option
    result = ArgumentSpecValidator(spec).validate(params)
    if result.error_messages:
        raise ConfigurationError("; ".join(result.error_messages))
    return result.validated_parameters


def client_credentials_argument_spec(**extra):
    """The connection options without those of the token and basic modes, for a module that only mints tokens."""
    spec = connection_argument_spec(**extra)
    for mode in ("token", "basic"):
        for option in AUTH_MODES[mode]:
            spec.pop(option)
    return spec


def mask_url_credentials(register_secret, url):
    """Mask a secret embedded in url wherever the caller's output repeats it (a module's invocation)."""
    # The whole user:password@ part, not the user name alone: masking a plain word would blank it everywhere.
    match = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#]*)@", (url or "").strip())
    if match:
        register_secret(match.group(1) + "@")
        password = match.group(1).partition(":")[2]
        if password:
            register_secret(password)


def _given(value):
    return value is not None and value != ""


def _explicit_modes(params, modes):
    return [mode for mode in modes if any(_given(params.get(option)) for option in AUTH_MODES[mode])]


def _environment_modes(environ, modes):
    """Modes the environment sets completely, and those it sets only in part."""
    complete, partial = [], []
    for mode in modes:
        present = [variable for variable in AUTH_MODES[mode].values() if _given(environ.get(variable))]
        if len(present) == len(AUTH_MODES[mode]):
            complete.append(mode)
        elif present:
            partial.append(mode)
    return complete, partial


def _describe(mode, environ_names=False):
    names = AUTH_MODES[mode].values() if environ_names else AUTH_MODES[mode].keys()
    return "+".join(names)


def resolve_auth(params, environ, modes=tuple(AUTH_MODES)):
    """Pick one auth mode by precedence (token, client credentials, basic); explicit options win over the environment.

    Every explicitly given pair must be complete (its missing half may come from the environment),
    even when a mode of higher precedence wins: a half pair is a mistake worth reporting.
    Returns ``(mode, values, from_environment)`` where ``values`` maps each option of the mode to its
    value and ``from_environment`` names the options taken from the environment.
    """
    refused = [mode for mode in _explicit_modes(params, AUTH_MODES) if mode not in modes]
    if refused:
        raise ConfigurationError(
            "this module authenticates with %s only; remove %s" % (" or ".join(_describe(m) for m in modes),
                                                                   " and ".join(_describe(m) for m in refused)))
    explicit = _explicit_modes(params, modes)
    for mode in explicit[1:]:
        _mode_values(params, environ, mode)  # raises for a half pair that the winning mode would hide
    if explicit:
        mode = explicit[0]
    else:
        complete, partial = _environment_modes(environ, modes)
        if not complete and not partial:
            raise ConfigurationError(
                "no credentials: give %s" % ", or ".join("%s (env %s)" % (_describe(m), _describe(m, True)) for m in modes))
        mode = (complete or partial)[0]
    values, from_environment = _mode_values(params, environ, mode)
    return mode, values, from_environment


def _mode_values(params, environ, mode):
    """The options of one mode, each from the task or else the environment; ConfigurationError when one is missing."""
    values, from_environment = {}, []
    for option, variable in AUTH_MODES[mode].items():
        if _given(params.get(option)):
            values[option] = params[option]
        elif _given(environ.get(variable)):
            values[option] = environ[variable]
            from_environment.append(option)
        else:
            raise ConfigurationError("%s needs %s (option %s or env %s)" % (_describe(mode), option, option, variable))
    return values, from_environment


def check_credentials(mode, values):
    """Refuse credentials of a shape Jama never issues, before any of them reaches a request or a message."""
    if mode == "client_credentials":
        secrets.check_api_credential("client_id", values["client_id"])
        secrets.check_api_credential("client_secret", values["client_secret"])
    elif mode == "basic":
        secrets.check_password("auth_username", values["auth_username"])
        secrets.check_password("auth_password", values["auth_password"])


def build_auth(mode, values, min_validity=60, on_mint=None):
    if mode == "token":
        return TokenAuth(values["token"])
    if mode == "client_credentials":
        return ClientCredentialsAuth(values["client_id"], values["client_secret"], min_validity=min_validity,
                                     on_mint=on_mint)
    return BasicAuth(values["auth_username"], values["auth_password"])


def check_transport_options(params):
    """Raise ConfigurationError for numeric and TLS options that cannot work."""
    if params.get("timeout") is not None and params["timeout"] <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds")
    if params.get("retries") is not None and params["retries"] < 0:
        raise ConfigurationError("retries must be 0 or more")
    if params.get("retry_max_wait") is not None and params["retry_max_wait"] < 0:
        raise ConfigurationError("retry_max_wait must be 0 or more seconds")
    rate = params.get("rate_limit")
    if rate is not None and not 0 <= rate <= 1000:
        raise ConfigurationError("rate_limit must be between 0 (no pacing) and 1000 requests per second")
    if params.get("client_key") and not params.get("client_cert"):
        raise ConfigurationError("client_key needs client_cert")
    for option in ("ca_path", "client_cert", "client_key"):
        # Checked here so the message names the option; requests would only name the path.
        if params.get(option) and not os.path.exists(params[option]):
            raise ConfigurationError("%s: no such file or directory: %s" % (option, params[option]))


def client_from_module(module, auth_modes=tuple(AUTH_MODES), min_validity=60, environ=None, mask_minted_tokens=True):
    """Build the JamaClient for a module from its connection options; raise ConfigurationError when they cannot work."""
    require_requests(module)
    return client_from_options(module.params, os.environ if environ is None else environ, module.warn,
                               lambda secret: secrets.register(module, secret), auth_modes=auth_modes,
                               min_validity=min_validity, mask_minted_tokens=mask_minted_tokens)


def client_from_options(params, environ, warn, register_secret, auth_modes=tuple(AUTH_MODES), min_validity=60,
                        mask_minted_tokens=True):
    """Build the JamaClient for connection options, whoever holds them: a module, or a lookup on the controller.

    ``warn(message)`` reports a warning; ``register_secret(value)`` keeps a secret out of everything the caller
    prints. The credentials' environment variables are read from ``environ``.
    """
    mask_url_credentials(register_secret, params.get("url"))
    url = validate_url(params.get("url"), params.get("allow_http"))
    check_transport_options(params)
    mode, values, _from_environment = resolve_auth(params, environ, auth_modes)
    for option in SECRET_OPTIONS.intersection(values):
        register_secret(access_token_of(values[option]))
    check_credentials(mode, values)
    # jama_token returns the token it mints, as asked; every other caller keeps it out of its output.
    on_mint = register_secret if mask_minted_tokens else None
    auth = build_auth(mode, values, min_validity, on_mint)
    if not params.get("validate_certs", True):
        warn("validate_certs is false: the server certificate is not checked, so credentials and tokens could be intercepted")
    return JamaClient(
        url, auth, validate_certs=params.get("validate_certs", True), ca_path=params.get("ca_path"),
        client_cert=params.get("client_cert"), client_key=params.get("client_key"), proxy=params.get("proxy"),
        timeout=params.get("timeout", 30), retries=params.get("retries", 5), http_agent=params.get("http_agent"),
        rate_limit=params.get("rate_limit", DEFAULT_RATE_LIMIT),
        retry_max_wait=params.get("retry_max_wait", DEFAULT_RETRY_MAX_WAIT))
