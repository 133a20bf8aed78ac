"""Stand-in for the get-pip.py that ansible-test downloads when it bootstraps a virtualenv.

ansible-test fetches its pip bootstrap script from a host these machines cannot reach, and the
virtualenvs it makes do not see pip's configured CA bundle. Installed as
~/.ansible/test/cache/get_pip_<version>.py, this script gives the same result from the package
registry we can reach: pip from ensurepip, then upgraded to the requested version.
"""
import os
import ssl
import subprocess
import sys


# get-pip.py options that plain pip does not know.
GET_PIP_ONLY_OPTIONS = {"--no-setuptools", "--no-wheel"}


def system_ca_bundle():
    """The CA bundle pip is configured with here, else the one this Python's OpenSSL trusts by default."""
    for variable in ("PIP_CERT", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"):
        if os.path.isfile(os.environ.get(variable, "")):
            return os.environ[variable]
    default = ssl.get_default_verify_paths().cafile
    return default if default and os.path.isfile(default) else None


def main():
    requested = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
    install = [sys.executable, "-m", "pip", "install", "--quiet"]
    ca_bundle = system_ca_bundle()
    if ca_bundle:
        install += ["--cert", ca_bundle]
    subprocess.check_call(install + requested)


main()
