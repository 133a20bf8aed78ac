# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX credential type fails safe: rendered by AWX's rules, a credential that leaves out the TLS input verifies TLS.

Against the simulator serving HTTPS with a certificate of a private CA: a credential with only the URL,
client ID and secret must refuse the certificate (verification on, the empty CA path ignored); one that
names the CA bundle succeeds; only one that sets the insecure input to true gets through without it.
"""

from __future__ import annotations

import pytest

from jama_harness.awx import credential_type, injected
from jama_harness.seeds import ADMIN_CLIENT, TOKEN
from jama_sim import Simulator
from jama_sim.pki import Pki

# Whatever the developer's shell exports, the credential alone decides which CA bundle is trusted.
NO_CA_OVERRIDES = dict((name, None) for name in (
    "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return Pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def https_sim(pki):
    simulator = Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key)).start()
    yield simulator
    simulator.stop()


def rendered(sim, **more):
    inputs = dict(url=sim.base_url, client_id=ADMIN_CLIENT["client_id"], client_secret=ADMIN_CLIENT["client_secret"], **more)
    return injected(credential_type(), inputs)["env"]


def test_only_the_required_inputs_render_verification_on():
    env = injected(credential_type(), {"url": "https://jama.example.com", "client_id": "c", "client_secret": "s"})["env"]
    assert env == {"JAMA_URL": "https://jama.example.com", "JAMA_CLIENT_ID": "c", "JAMA_CLIENT_SECRET": "s",
                   "JAMA_VALIDATE_CERTS": "true", "JAMA_CA_PATH": ""}


@pytest.mark.parametrize("value, expected", [(False, "true"), (True, "false")])
def test_only_the_insecure_input_set_to_true_turns_verification_off(value, expected):
    env = injected(credential_type(), {"url": "https://h", "client_id": "c", "client_secret": "s", "insecure_skip_tls_verify": value})
    assert env["env"]["JAMA_VALIDATE_CERTS"] == expected


class TestAgainstHttps:
    @pytest.fixture(scope="class")
    @classmethod
    def run(cls, https_sim, pki, run_playbook_once):
        https_sim.control.reset()
        credentials = {"required only": rendered(https_sim), "with the CA bundle": rendered(https_sim, ca_path=str(pki.ca)),
                       "insecure": rendered(https_sim, insecure_skip_tls_verify=True)}
        tasks = [{"name": name, TOKEN: {"retries": 0, "timeout": 10, "fact_name": "token_%d" % index},
                  "environment": "{{ credentials[%r] }}" % name, "ignore_errors": True}
                 for index, name in enumerate(credentials)]
        return run_playbook_once([{"hosts": "localhost", "gather_facts": False, "tasks": tasks}],
                                 extra_vars={"credentials": credentials}, env=NO_CA_OVERRIDES)

    def test_required_inputs_only_refuse_an_untrusted_certificate(self, run, https_sim):
        entry = run.task("required only")
        assert entry["status"] == "failed", run.describe()
        message = entry["result"]["msg"]
        # Verification on, and the empty CA path taken as unset rather than as a file to open.
        assert "certificate verify failed" in message and "no such file" not in message, message

    def test_the_ca_bundle_input_is_used(self, run):
        entry = run.task("with the CA bundle")
        assert entry["status"] == "ok" and not entry["result"].get("warnings"), run.describe()

    def test_the_insecure_input_gets_through_with_a_warning(self, run):
        entry = run.task("insecure")
        assert entry["status"] == "ok", run.describe()
        assert any("validate_certs is false" in warning for warning in entry["result"].get("warnings", []))
