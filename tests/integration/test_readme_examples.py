# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every YAML example of the READMEs runs against the simulator, read from the READMEs at test time.

Which examples: every fenced block opened with ```yaml in README.md, playbooks/README.md and
roles/rest_api_access/README.md. Each becomes one test, named after its file and line.

How each is treated, by its shape:
- a list of plays (items with ``hosts``) runs as written; a play over a group other than localhost
  gets an inventory that puts localhost in that group;
- a list of tasks is wrapped in a play over localhost;
- anything else (an inventory, a vars file) is parsed and checked to be YAML only. Today those are
  the inventory ``inventory/jama.yml`` of the role README (test_role_inventory.py runs it against
  three simulators);
- a block holding a line ``# readme-test: yaml-only <reason>`` is parsed only, whatever its shape:
  the marker is the documented way to keep an example out of the run, and it needs a reason.

What the examples meet: an HTTPS simulator with the demo seed, reset before each example, trusted
through JAMA_CA_PATH; JAMA_URL, JAMA_CLIENT_ID and JAMA_CLIENT_SECRET name it and its admin client,
as the AWX credential type would. Placeholder URLs (any https://...example.com or
https://example.jamacloud.com, with any path) are pointed at the simulator, and the variables the
examples use get the simulator's values from EXAMPLE_VARIABLES: an example with a new variable
fails naming it until it is added there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jama_sim import Simulator
from jama_sim.pki import Pki

COLLECTION_ROOT = Path(__file__).resolve().parents[2]
READMES = ("README.md", "playbooks/README.md", "roles/rest_api_access/README.md")
FENCE = re.compile(r"^```yaml[ \t]*\n(.*?)^```", re.S | re.M)
YAML_ONLY_MARKER = re.compile(r"^\s*#\s*readme-test:\s*yaml-only\b(.*)$", re.M)
PLACEHOLDER_URL = re.compile(r"^https://([a-z0-9-]+\.)*(example\.com|example\.jamacloud\.com)(/\S*)?$")
ADMIN = {"client_id": "admin-client", "client_secret": "admin-secret-0f8e2c"}
CI = {"client_id": "ci-client", "client_secret": "ci-secret-5b7d1a"}
# The simulator's values for the variables the examples use (throwaway secrets of the demo seed).
EXAMPLE_VARIABLES = {
    "vault_jama_client_id": ADMIN["client_id"],
    "vault_jama_client_secret": ADMIN["client_secret"],
    "vault_ci_client_id": CI["client_id"],
    "vault_ci_client_secret": CI["client_secret"],
    # The initial password of a service account an example creates: a throwaway value for the simulator.
    "vault_svc_reporting_password": "example-initial-password",
}
LOCAL_HOSTS = ("localhost", "127.0.0.1")


class Example:
    def __init__(self, readme, line, text):
        self.readme, self.line, self.text = readme, line, text
        self.where = "%s:%d" % (readme, line)
        marker = YAML_ONLY_MARKER.search(text)
        self.skip_reason = marker.group(1).strip(" :-") if marker else None

    def parsed(self):
        try:
            return yaml.safe_load(self.text)
        except yaml.YAMLError as exc:
            pytest.fail("%s: the example is not valid YAML: %s" % (self.where, exc))

    def __repr__(self):
        return self.where


def examples():
    found = []
    for readme in READMES:
        path = COLLECTION_ROOT / readme
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            # The example's first line, counted from 1, is the line after the fence.
            found.append(Example(readme, text.count("\n", 0, match.start(1)) + 1, match.group(1)))
    return found


EXAMPLES = examples()


def shape(document):
    if isinstance(document, list) and document and all(isinstance(item, dict) for item in document):
        return "plays" if all("hosts" in item or "import_playbook" in item for item in document) else "tasks"
    return "data"


def test_the_readmes_have_examples():
    assert EXAMPLES, "no ```yaml example found in %s" % ", ".join(READMES)


@pytest.fixture(scope="module")
def https_simulator(tmp_path_factory):
    pki = Pki(tmp_path_factory.mktemp("pki"))
    with Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key)) as simulator:
        simulator.ca_path = str(pki.ca)
        yield simulator


def pointed_at(value, url):
    """The document with every placeholder URL replaced by the simulator's."""
    if isinstance(value, dict):
        return dict((key, pointed_at(item, url)) for key, item in value.items())
    if isinstance(value, list):
        return [pointed_at(item, url) for item in value]
    if isinstance(value, str) and PLACEHOLDER_URL.match(value.strip()):
        return url
    return value


def playbook_and_inventory(document, directory):
    wrapped = [{"name": "README example", "hosts": "localhost", "gather_facts": False, "tasks": document}]
    plays = document if shape(document) == "plays" else wrapped
    groups = sorted(set(play["hosts"] for play in plays if play.get("hosts") not in (None,) + LOCAL_HOSTS))
    inventory = directory / "example_inventory.ini"
    lines = ["localhost ansible_connection=local"]
    for group in groups:
        lines += ["[%s]" % group, "localhost"]
    inventory.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plays, inventory


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda example: example.where)
def test_readme_example(example, https_simulator, run_playbook, tmp_path):
    document = example.parsed()
    if example.skip_reason is not None:
        assert example.skip_reason, "%s: the readme-test: yaml-only marker needs a reason" % example.where
        pytest.skip("%s: YAML only (%s)" % (example.where, example.skip_reason))
    if shape(document) == "data":
        assert isinstance(document, dict) and document, "%s: neither plays, tasks nor a mapping" % example.where
        pytest.skip("%s: YAML only (an inventory or vars file, not a playbook)" % example.where)
    https_simulator.control.reset()
    plays, inventory = playbook_and_inventory(pointed_at(document, https_simulator.base_url), tmp_path)
    env = {"JAMA_URL": https_simulator.base_url, "JAMA_CLIENT_ID": ADMIN["client_id"],
           "JAMA_CLIENT_SECRET": ADMIN["client_secret"], "JAMA_CA_PATH": https_simulator.ca_path}
    run = run_playbook(plays, extra_vars=EXAMPLE_VARIABLES, env=env, args=("-i", str(inventory)), timeout=240)
    assert run.rc == 0 and not run.failed(), "%s: the example failed:\n%s" % (example.where, run.describe())
    assert run.results, "%s: the example ran no task:\n%s" % (example.where, run.describe())
    assert https_simulator.control.stats()["total"], "%s: the example never reached the simulator" % example.where
