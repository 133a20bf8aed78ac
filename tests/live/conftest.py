# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read-only live subset: the same playbook harness as tests/integration, pointed at a real instance.

The instance comes from the environment: JAMA_URL, JAMA_CLIENT_ID and JAMA_CLIENT_SECRET (required), and
JAMA_VALIDATE_CERTS and JAMA_CA_PATH (optional, read by the modules themselves). JAMA_ALLOW_HTTP=1 permits an
http:// URL, for the bundled simulator only;
JAMA_REST_ACCESS_GROUP names the access group where it is not REST API Users. Without the three required variables every test is skipped.

Fixtures: ``live`` (the instance: ``env`` for ansible-playbook and ``extra_vars``), ``run_playbook`` and
``run_playbook_once`` (as in tests/integration/conftest.py).
"""

import importlib.util
import os
from pathlib import Path

import pytest

REQUIRED = ("JAMA_URL", "JAMA_CLIENT_ID", "JAMA_CLIENT_SECRET")
OPTIONAL = ("JAMA_VALIDATE_CERTS", "JAMA_CA_PATH")
SKIP_MESSAGE = "live tests need %s set (optional: %s)" % (", ".join(REQUIRED), ", ".join(OPTIONAL + ("JAMA_REST_ACCESS_GROUP", "JAMA_ALLOW_HTTP")))


def _load_harness():
    path = Path(__file__).resolve().parents[1] / "integration" / "conftest.py"
    spec = importlib.util.spec_from_file_location("jama_connect_playbook_harness", str(path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_HARNESS = _load_harness()
# The harness's fixtures, registered here by name; it drops the caller's JAMA_* variables from every run,
# and `live.env` hands back exactly the ones the live subset uses.
collections_path = _HARNESS.collections_path
run_playbook = _HARNESS.run_playbook
run_playbook_once = _HARNESS.run_playbook_once


class LiveInstance:
    def __init__(self, environ):
        self.url = environ["JAMA_URL"]
        self.client_secret = environ["JAMA_CLIENT_SECRET"]
        self.env = dict((name, environ[name]) for name in REQUIRED + OPTIONAL if environ.get(name))
        allow_http = environ.get("JAMA_ALLOW_HTTP", "").lower() in ("1", "true", "yes")
        self.extra_vars = {"jama_allow_http": allow_http}
        if environ.get("JAMA_REST_ACCESS_GROUP"):
            self.extra_vars["rest_api_access_access_group"] = environ["JAMA_REST_ACCESS_GROUP"]


@pytest.fixture(scope="session")
def live():
    missing = [name for name in REQUIRED if not os.environ.get(name)]
    if missing:
        pytest.skip(SKIP_MESSAGE)
    return LiveInstance(os.environ)
