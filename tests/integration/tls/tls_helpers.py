# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A throwaway private PKI and a tiny loopback proxy for the TLS tests.

The PKI (a private CA, a server certificate for 127.0.0.1 and a made-up host name, a client
certificate, and an unrelated CA) is generated afresh per test session with ``cryptography``, so
no key material lives in the repository.

The proxy speaks HTTP CONNECT (for https URLs) and absolute-form forwarding (for http URLs), and
only ever connects to the one loopback port it was created for, whatever host the client names:
the tests can then use a host name that does not resolve, which proves the traffic went through it.
"""

from __future__ import annotations

import datetime
import ipaddress
import select
import socket
import socketserver
import threading
import urllib.parse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# A name under .invalid never resolves (RFC 6761): reaching it at all means the proxy carried the request.
PROXIED_HOST = "jama.proxied.invalid"


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _write_key(key, path):
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))


def _write_cert(cert, path):
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def _builder(subject, issuer, public_key):
    now = datetime.datetime.now(datetime.timezone.utc)
    return (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=2)))


def make_ca(directory, common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (_builder(_name(common_name), _name(common_name), key.public_key())
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False, key_agreement=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    cert_path = directory / ("%s.crt" % common_name.replace(" ", "-"))
    _write_cert(cert, cert_path)
    return key, cert, cert_path


def issue(directory, stem, ca_key, ca_cert, common_name, hosts=(), ips=(), client=False):
    key = ec.generate_private_key(ec.SECP256R1())
    builder = _builder(_name(common_name), ca_cert.subject, key.public_key())
    names = [x509.DNSName(host) for host in hosts] + [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    usage = ExtendedKeyUsageOID.CLIENT_AUTH if client else ExtendedKeyUsageOID.SERVER_AUTH
    builder = (builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False))
    cert = builder.sign(ca_key, hashes.SHA256())
    cert_path, key_path = directory / ("%s.crt" % stem), directory / ("%s.key" % stem)
    _write_cert(cert, cert_path)
    _write_key(key, key_path)
    return cert_path, key_path


class Pki:
    """Paths of the generated PEM files."""

    def __init__(self, directory):
        ca_key, ca_cert, self.ca = make_ca(directory, "Jama Test Private CA")
        other_key, other_cert, self.other_ca = make_ca(directory, "Unrelated Test CA")
        self.server_cert, self.server_key = issue(directory, "server", ca_key, ca_cert, "jama-simulator",
                                                  hosts=("localhost", PROXIED_HOST), ips=("127.0.0.1",))
        self.client_cert, self.client_key = issue(directory, "client", ca_key, ca_cert, "svc-ci", client=True)
        self.other_client_cert, self.other_client_key = issue(directory, "other-client", other_key, other_cert, "intruder", client=True)


class _ProxyHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(30)
        head = self._read_head()
        if head is None:
            return
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        parts = request_line.split(" ")
        if len(parts) != 3:
            return
        method, target, _version = parts
        self.server.seen.append(request_line)
        upstream = socket.create_connection(("127.0.0.1", self.server.upstream_port), timeout=30)
        try:
            if method == "CONNECT":
                self.request.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                # Absolute-form request for a plain-http URL: rewrite it to origin-form for the upstream.
                parsed = urllib.parse.urlsplit(target)
                origin_form = urllib.parse.urlunsplit(("", "", parsed.path or "/", parsed.query, ""))
                upstream.sendall(head.replace(target.encode("latin-1"), origin_form.encode("latin-1"), 1))
            self._pump(upstream)
        finally:
            upstream.close()

    def _read_head(self):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self.request.recv(65536)
            if not chunk or len(data) > 65536:
                return None
            data += chunk
        return data

    def _pump(self, upstream):
        sockets = [self.request, upstream]
        for _round in range(100000):  # bounded: one request exchange needs a handful of rounds
            readable, _writable, _errors = select.select(sockets, [], [], 30)
            if not readable:
                return
            for sock in readable:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is self.request else self.request).sendall(data)


class LoopbackProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy on 127.0.0.1 that forwards every request to 127.0.0.1:upstream_port and records request lines."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, upstream_port):
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.upstream_port = upstream_port
        self.seen = []
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self.shutdown()
        self.server_close()
        self._thread.join(10)
