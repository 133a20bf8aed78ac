"""Throwaway certificates for TLS tests: a CA, a server certificate for 127.0.0.1, a client certificate.

Uses the `cryptography` package when installed, else the openssl command; callers skip when neither is.
"""

import datetime
import ipaddress
import os
import shutil
import subprocess


def tls_tools_available():
    try:
        import cryptography  # noqa: F401  pylint: disable=unused-import,import-outside-toplevel
        return True
    except ImportError:
        return shutil.which("openssl") is not None


def make_certificates(directory):
    """Write ca.pem, server.pem/server.key, client.pem/client.key and rogue.pem/rogue.key (another CA's)."""
    try:
        import cryptography  # noqa: F401  pylint: disable=unused-import,import-outside-toplevel
    except ImportError:
        return make_certificates_with_openssl(directory)
    return _with_cryptography(directory)


def _with_cryptography(directory):
    # pylint: disable=import-outside-toplevel
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)

    def name(common_name):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])

    def issue(subject, key, issuer, issuer_key, is_ca, usage=None):
        builder = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True))
        if usage == "server":
            builder = builder.add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                            critical=False)
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        if usage == "client":
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        return builder.sign(issuer_key, hashes.SHA256())

    def write(stem, cert, key):
        with open(os.path.join(directory, stem + ".pem"), "wb") as handle:
            handle.write(cert.public_bytes(serialization.Encoding.PEM))
        with open(os.path.join(directory, stem + ".key"), "wb") as handle:
            handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))

    keys = {stem: ec.generate_private_key(ec.SECP256R1()) for stem in ("ca", "server", "client", "rogue")}
    ca = issue("Simulator Test CA", keys["ca"], "Simulator Test CA", keys["ca"], True)
    write("ca", ca, keys["ca"])
    write("server", issue("127.0.0.1", keys["server"], "Simulator Test CA", keys["ca"], False, "server"), keys["server"])
    write("client", issue("ci client", keys["client"], "Simulator Test CA", keys["ca"], False, "client"), keys["client"])
    write("rogue", issue("rogue", keys["rogue"], "rogue", keys["rogue"], False, "client"), keys["rogue"])
    return directory


def make_certificates_with_openssl(directory):
    def run(*args):
        subprocess.run(["openssl"] + list(args), cwd=directory, check=True, capture_output=True)

    with open(os.path.join(directory, "server.ext"), "w", encoding="utf-8") as handle:
        handle.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    with open(os.path.join(directory, "client.ext"), "w", encoding="utf-8") as handle:
        handle.write("extendedKeyUsage=clientAuth\n")
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out",
        "ca.pem", "-days", "1", "-subj", "/CN=Simulator Test CA")
    for stem, subject in (("server", "/CN=127.0.0.1"), ("client", "/CN=ci client")):
        run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", stem + ".key", "-out",
            stem + ".csr", "-subj", subject)
        run("x509", "-req", "-in", stem + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out",
            stem + ".pem", "-days", "1", "-extfile", stem + ".ext")
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "rogue.key", "-out",
        "rogue.pem", "-days", "1", "-subj", "/CN=rogue")
    return directory
