"""TLS: HTTPS with a server certificate, and optionally a required client certificate (mTLS gateway)."""

import pytest
import requests

from jama_sim import SimControl, Simulator
from jama_sim.pki import Pki
from sim_http_helpers import JamaApi


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    pki = Pki(tmp_path_factory.mktemp("tls"))
    return {"ca": str(pki.ca), "server": (str(pki.server_cert), str(pki.server_key)),
            "client": (str(pki.client_cert), str(pki.client_key)), "rogue": (str(pki.other_client_cert), str(pki.other_client_key))}


class TestServerCertificate:
    def test_https_base_url_and_a_verified_token_walk(self, certs):
        with Simulator(tls_cert=certs["server"][0], tls_key=certs["server"][1]) as simulator:
            assert simulator.base_url.startswith("https://127.0.0.1:")
            with JamaApi(simulator.base_url, verify=certs["ca"]) as api:
                assert api.get("/rest/v1/users/current").json()["data"]["username"] == "admin"
            assert SimControl(simulator.root_url, verify=certs["ca"]).stats()["total"] == 2

    def test_clients_that_do_not_trust_the_ca_fail(self, certs):
        with Simulator(tls_cert=certs["server"][0], tls_key=certs["server"][1]) as simulator:
            with pytest.raises(requests.exceptions.SSLError):
                requests.get(simulator.base_url + "/rest/v1/users", timeout=10)

    def test_plain_http_to_a_tls_port_gets_no_answer(self, certs):
        with Simulator(tls_cert=certs["server"][0], tls_key=certs["server"][1]) as simulator:
            with pytest.raises(requests.exceptions.ConnectionError):
                requests.get(simulator.base_url.replace("https:", "http:") + "/rest/v1/users", timeout=10)

    def test_cert_without_key_is_refused(self, certs):
        with pytest.raises(ValueError):
            Simulator(tls_cert=certs["server"][0])


@pytest.fixture(scope="module")
def mtls(certs):
    with Simulator(tls_cert=certs["server"][0], tls_key=certs["server"][1],
                   tls_client_ca=certs["ca"]) as simulator:
        yield simulator


class TestClientCertificate:
    def test_with_a_client_certificate_the_api_answers(self, mtls, certs):
        with JamaApi(mtls.base_url, verify=certs["ca"], cert=certs["client"]) as api:
            assert api.get("/rest/v1/users/current").status_code == 200

    def test_without_a_client_certificate_the_gateway_answers_400_html(self, mtls, certs):
        with JamaApi(mtls.base_url, verify=certs["ca"]) as api:
            answer = api.request_token()
        assert answer.status_code == 400
        assert "certificate" in answer.text

    def test_a_certificate_from_another_ca_fails_the_handshake(self, mtls, certs):
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(mtls.base_url + "/rest/oauth/token", verify=certs["ca"],
                          cert=certs["rogue"], timeout=10)

    def test_control_surface_needs_no_client_certificate(self, mtls):
        assert mtls.control.state()["managed_access"] is True
