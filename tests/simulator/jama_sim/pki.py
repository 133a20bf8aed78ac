"""A throwaway private PKI for TLS tests against the simulator (not part of Jama).

A private CA, a server certificate for 127.0.0.1 and localhost (plus any host names asked for), a
client certificate, and an unrelated CA with a client certificate of its own, generated afresh
with ``cryptography`` so that no key material lives in the repository.
"""

import datetime
import ipaddress
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


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
    """Paths of the generated PEM files (pathlib.Path), written into ``directory``."""

    def __init__(self, directory, server_hosts=()):
        directory = Path(directory)
        ca_key, ca_cert, self.ca = make_ca(directory, "Jama Test Private CA")
        other_key, other_cert, self.other_ca = make_ca(directory, "Unrelated Test CA")
        self.server_cert, self.server_key = issue(directory, "server", ca_key, ca_cert, "jama-simulator",
                                                  hosts=("localhost",) + tuple(server_hosts), ips=("127.0.0.1",))
        self.client_cert, self.client_key = issue(directory, "client", ca_key, ca_cert, "svc-ci", client=True)
        self.other_client_cert, self.other_client_key = issue(directory, "other-client", other_key, other_cert, "intruder", client=True)
