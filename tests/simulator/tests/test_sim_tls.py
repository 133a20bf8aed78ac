"""TLS: HTTPS with a server certificate, and optionally a required client certificate (mTLS gateway)."""

import os
import shutil

import pytest
import requests

from jama_sim import SimControl, Simulator
from sim_http_helpers import JamaApi
from sim_tls_helpers import make_certificates, make_certificates_with_openssl, tls_tools_available

pytestmark = pytest.mark.skipif(not tls_tools_available(), reason="needs the cryptography package or the openssl command")


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    directory = make_certificates(str(tmp_path_factory.mktemp("tls")))
    return {stem: os.path.join(directory, stem) for stem in ("ca", "server", "client", "rogue")}


class TestServerCertificate:
    def test_https_base_url_and_a_verified_token_walk(self, certs):
        with Simulator(tls_cert=certs["server"] + ".pem", tls_key=certs["server"] + ".key") as simulator:
            assert simulator.base_url.startswith("https://127.0.0.1:")
            with JamaApi(simulator.base_url, verify=certs["ca"] + ".pem") as api:
                assert api.get("/rest/v1/users/current").json()["data"]["username"] == "admin"
            assert SimControl(simulator.root_url, verify=certs["ca"] + ".pem").stats()["total"] == 2

    def test_clients_that_do_not_trust_the_ca_fail(self, certs):
        with Simulator(tls_cert=certs["server"] + ".pem", tls_key=certs["server"] + ".key") as simulator:
            with pytest.raises(requests.exceptions.SSLError):
                requests.get(simulator.base_url + "/rest/v1/users", timeout=10)

    def test_plain_http_to_a_tls_port_gets_no_answer(self, certs):
        with Simulator(tls_cert=certs["server"] + ".pem", tls_key=certs["server"] + ".key") as simulator:
            with pytest.raises(requests.exceptions.ConnectionError):
                requests.get(simulator.base_url.replace("https:", "http:") + "/rest/v1/users", timeout=10)

    @pytest.mark.skipif(not shutil.which("openssl"), reason="needs the openssl command")
    def test_openssl_fallback_certificates_serve_too(self, tmp_path):
        directory = make_certificates_with_openssl(str(tmp_path))
        with Simulator(tls_cert=os.path.join(directory, "server.pem"), tls_key=os.path.join(directory, "server.key")) as simulator:
            with JamaApi(simulator.base_url, verify=os.path.join(directory, "ca.pem")) as api:
                assert api.request_token().status_code == 200

    def test_cert_without_key_is_refused(self, certs):
        with pytest.raises(ValueError):
            Simulator(tls_cert=certs["server"] + ".pem")


@pytest.fixture(scope="module")
def mtls(certs):
    with Simulator(tls_cert=certs["server"] + ".pem", tls_key=certs["server"] + ".key",
                   tls_client_ca=certs["ca"] + ".pem") as simulator:
        yield simulator


class TestClientCertificate:
    def test_with_a_client_certificate_the_api_answers(self, mtls, certs):
        with JamaApi(mtls.base_url, verify=certs["ca"] + ".pem", cert=(certs["client"] + ".pem", certs["client"] + ".key")) as api:
            assert api.get("/rest/v1/users/current").status_code == 200

    def test_without_a_client_certificate_the_gateway_answers_400_html(self, mtls, certs):
        with JamaApi(mtls.base_url, verify=certs["ca"] + ".pem") as api:
            answer = api.request_token()
        assert answer.status_code == 400
        assert "certificate" in answer.text

    def test_a_certificate_from_another_ca_fails_the_handshake(self, mtls, certs):
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(mtls.base_url + "/rest/oauth/token", verify=certs["ca"] + ".pem",
                          cert=(certs["rogue"] + ".pem", certs["rogue"] + ".key"), timeout=10)

    def test_control_surface_needs_no_client_certificate(self, mtls):
        assert mtls.control.state()["managed_access"] is True
