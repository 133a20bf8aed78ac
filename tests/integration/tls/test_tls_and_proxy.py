# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS and proxies: a private CA through ca_path, verification failures, validate_certs false, mTLS, and a proxy.

The simulator serves HTTPS with a certificate from a private CA generated for this session; a second
simulator also requires a client certificate (as an mTLS gateway does). The proxy is a small CONNECT
and forward proxy on 127.0.0.1 that only ever connects to the simulator it fronts.
"""

from __future__ import annotations

import pytest

from jama_harness.seeds import ACCESS_GROUP, ADMIN_CLIENT, REST_ACCESS, TOKEN
from jama_sim import Simulator
from jama_sim.pki import Pki
from jama_harness.tls_proxy import PROXIED_HOST, LoopbackProxy

# Whatever the developer's shell exports, these tests decide which proxy (if any) is used.
NO_PROXY_ENV = dict((name, None) for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy",
                                              "ALL_PROXY", "all_proxy", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE"))


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return Pki(tmp_path_factory.mktemp("pki"), server_hosts=(PROXIED_HOST,))


@pytest.fixture(scope="module")
def https_sim(pki):
    simulator = Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key)).start()
    yield simulator
    simulator.stop()


@pytest.fixture(scope="module")
def mtls_sim(pki):
    simulator = Simulator(tls_cert=str(pki.server_cert), tls_key=str(pki.server_key), tls_client_ca=str(pki.ca)).start()
    yield simulator
    simulator.stop()


def play(tasks):
    return [{"name": "tls", "hosts": "localhost", "gather_facts": False,
             "tasks": [dict(entry, ignore_errors=True) for entry in tasks]}]


def grant(name, url, **options):
    args = dict(url=url, users=["kai.schmidt"], access_group=ACCESS_GROUP, retries=0, timeout=10, **ADMIN_CLIENT)
    args.update(options)
    return {"name": name, REST_ACCESS: args}


def token(name, url, **options):
    return {"name": name, TOKEN: dict(dict(url=url, retries=0, timeout=10, **ADMIN_CLIENT), **options)}


def members(simulator):
    return [group for group in simulator.control.state()["groups"] if group["name"] == ACCESS_GROUP][0]["members"]


def test_private_ca_verification_failures_and_validate_certs_false(run_playbook, https_sim, pki):
    https_sim.control.reset()
    url = https_sim.base_url
    assert url.startswith("https://")
    run = run_playbook(play([
        token("token via ca_path", url, ca_path=str(pki.ca)),
        grant("grant via ca_path", url, ca_path=str(pki.ca)),
        grant("grant via JAMA_CA_PATH", url, users=["zoe.taylor"]) | {"environment": {"JAMA_CA_PATH": str(pki.ca)}},
        grant("system trust refuses the private CA", url, users=["li.wei"]),
        grant("an unrelated CA refuses the certificate", url, users=["li.wei"], ca_path=str(pki.other_ca)),
        # Its own fact name: the fact of the first task would otherwise be reused without any request.
        token("token with an unrelated CA", url, ca_path=str(pki.other_ca), fact_name="other_ca_token"),
        grant("validate_certs false", url, users=["maria.garcia"], validate_certs=False),
    ]), env=NO_PROXY_ENV)

    for name in ("token via ca_path", "grant via ca_path", "grant via JAMA_CA_PATH", "validate_certs false"):
        assert run.task(name)["status"] == "ok", "%s: %s" % (name, run.describe())
    assert run.task("grant via ca_path")["result"]["changed"]
    for name in ("system trust refuses the private CA", "an unrelated CA refuses the certificate", "token with an unrelated CA"):
        result = run.task(name)
        msg = result["result"].get("msg", "")
        assert result["status"] == "failed", name
        assert "TLS connection to %s failed" % url in msg and "certificate verify failed" in msg, msg
        assert "ca_path" in msg, "the message should point to ca_path: %s" % msg
    warnings = run.task("validate_certs false")["result"].get("warnings", [])
    assert any("validate_certs is false" in warning for warning in warnings), warnings
    assert set(members(https_sim)) >= {"kai.schmidt", "zoe.taylor", "maria.garcia"}
    assert "li.wei" not in members(https_sim)


@pytest.mark.parametrize("option", ["ca_path", "client_cert"])
def test_missing_ca_bundle_or_client_cert_file_is_named(run_playbook, https_sim, pki, tmp_path, option):
    https_sim.control.reset()
    missing = str(tmp_path / "missing.pem")
    options = {"ca_path": str(pki.ca), option: missing}
    run = run_playbook(play([grant("missing file", https_sim.base_url, **options)]), env=NO_PROXY_ENV)
    result = run.task("missing file")
    assert result["status"] == "failed", run.describe()
    assert https_sim.control.stats()["total"] == 0
    msg = result["result"].get("msg", "")
    assert option in msg and missing in msg, "the message should name %s and the path: %r" % (option, msg[:500])


def test_mutual_tls_with_a_client_certificate(run_playbook, mtls_sim, pki):
    mtls_sim.control.reset()
    url = mtls_sim.base_url
    cert = dict(client_cert=str(pki.client_cert), client_key=str(pki.client_key))
    run = run_playbook(play([
        token("token with a client certificate", url, ca_path=str(pki.ca), **cert),
        grant("grant with a client certificate", url, ca_path=str(pki.ca), **cert),
        grant("grant with a certificate from another CA", url, ca_path=str(pki.ca), users=["li.wei"],
              client_cert=str(pki.other_client_cert), client_key=str(pki.other_client_key)),
    ]), env=NO_PROXY_ENV)
    assert run.task("token with a client certificate")["status"] == "ok", run.describe()
    assert run.task("grant with a client certificate")["status"] == "ok", run.describe()
    assert "kai.schmidt" in members(mtls_sim)
    untrusted = run.task("grant with a certificate from another CA")
    assert untrusted["status"] == "failed" and "li.wei" not in members(mtls_sim), run.describe()
    assert "TLS connection to %s failed" % url in untrusted["result"]["msg"] and "client_cert" in untrusted["result"]["msg"]


def test_mutual_tls_without_a_client_certificate_says_one_is_needed(run_playbook, mtls_sim, pki):
    mtls_sim.control.reset()
    run = run_playbook(play([grant("grant without a client certificate", mtls_sim.base_url, ca_path=str(pki.ca))]), env=NO_PROXY_ENV)
    refused = run.task("grant without a client certificate")
    msg = refused["result"].get("msg", "")
    assert refused["status"] == "failed" and "kai.schmidt" not in members(mtls_sim), run.describe()
    assert "certificate" in msg and "client_cert" in msg, "the message should say a client certificate is required: %r" % msg


def test_proxy_option_and_https_proxy_environment_are_honoured(run_playbook, https_sim, sim, pki):
    https_sim.control.reset()
    with LoopbackProxy(https_sim.port) as tls_proxy, LoopbackProxy(sim.port) as plain_proxy:
        # A host name that never resolves: only a proxy can carry these requests to the simulator.
        proxied_https = "https://%s:%d" % (PROXIED_HOST, https_sim.port)
        proxied_http = "http://%s:%d" % (PROXIED_HOST, sim.port)
        run = run_playbook(play([
            grant("grant through the proxy option", proxied_https, ca_path=str(pki.ca), proxy=tls_proxy.url),
            token("token through HTTPS_PROXY", proxied_https, ca_path=str(pki.ca)) | {"environment": {"HTTPS_PROXY": tls_proxy.url}},
            grant("grant over http through the proxy option", proxied_http, allow_http=True, proxy=plain_proxy.url),
            grant("no proxy, no route", proxied_https, ca_path=str(pki.ca)),
        ]), env=NO_PROXY_ENV)
        tunnels, forwarded = list(tls_proxy.seen), list(plain_proxy.seen)
    for name in ("grant through the proxy option", "token through HTTPS_PROXY", "grant over http through the proxy option"):
        assert run.task(name)["status"] == "ok", "%s: %s" % (name, run.describe())
    assert run.task("no proxy, no route")["status"] == "failed"
    assert "kai.schmidt" in members(https_sim) and "kai.schmidt" in members(sim)
    assert tunnels and all(line.startswith("CONNECT %s:%d " % (PROXIED_HOST, https_sim.port)) for line in tunnels), tunnels
    # Absolute-form request lines: the client asked the proxy to forward (later requests may share the connection).
    assert forwarded and all(line.split(" ")[1].startswith(proxied_http + "/rest/") for line in forwarded), forwarded
