# -*- coding: utf-8 -*-
# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# Internal to the jama.connect collection: not a public API, may change without notice.

"""The connection options every module takes, as an argument spec: no HTTP stack, so the controller can read them too."""

import os

from ansible.module_utils.errors import AnsibleFallbackNotFound

from ansible_collections.jama.connect.plugins.module_utils.rest.pacing import DEFAULT_RATE_LIMIT
from ansible_collections.jama.connect.plugins.module_utils.rest.retry import DEFAULT_RETRY_MAX_WAIT
from ansible_collections.jama.connect.plugins.module_utils.rest.url import ALLOW_HTTP_DEFAULT


def non_empty_env_fallback(*names):
    """The first of the environment variables ``names`` that is set and not empty; none: the option stays unset.

    Ansible's own env_fallback takes an empty variable as a value, but an empty JAMA_* variable is what
    a credential leaves behind for an input it does not fill (AWX renders every injector, filled or not):
    an empty JAMA_CA_PATH must not name a CA bundle, an empty JAMA_VALIDATE_CERTS not decide TLS.
    """
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    raise AnsibleFallbackNotFound


CONNECTION_ARGUMENT_SPEC = dict(
    # Not required=True: the check in validate_url can name the environment variable too.
    url=dict(type="str", fallback=(non_empty_env_fallback, ["JAMA_URL"])),
    client_id=dict(type="str"),
    client_secret=dict(type="str", no_log=True),
    token=dict(type="raw", no_log=True),
    auth_username=dict(type="str"),
    auth_password=dict(type="str", no_log=True),
    validate_certs=dict(type="bool", default=True, fallback=(non_empty_env_fallback, ["JAMA_VALIDATE_CERTS"])),
    ca_path=dict(type="path", fallback=(non_empty_env_fallback, ["JAMA_CA_PATH"])),
    client_cert=dict(type="path"),
    client_key=dict(type="path", no_log=False),
    proxy=dict(type="str"),
    timeout=dict(type="int", default=30),
    retries=dict(type="int", default=5),
    retry_max_wait=dict(type="int", default=DEFAULT_RETRY_MAX_WAIT),
    rate_limit=dict(type="float", default=DEFAULT_RATE_LIMIT, fallback=(non_empty_env_fallback, ["JAMA_RATE_LIMIT"])),
    http_agent=dict(type="str"),
    allow_http=dict(type="bool", default=ALLOW_HTTP_DEFAULT),
)
