"""Stand-in for the get-pip.py that ansible-test downloads when it bootstraps a virtualenv.

ansible-test fetches its pip bootstrap script from a host these machines cannot reach, and the
virtualenvs it makes do not see pip's configured CA bundle. Installed as
~/.ansible/test/cache/get_pip_<version>.py, this script gives the same result from the package
registry we can reach: pip from ensurepip, then upgraded to the requested version.
"""
import os
import subprocess
import sys

CA_BUNDLE = os.environ.get("JAMA_CI_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
# get-pip.py options that plain pip does not know.
GET_PIP_ONLY_OPTIONS = {"--no-setuptools", "--no-wheel"}


def main():
    requested = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
    subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade", "--default-pip"])
    install = [sys.executable, "-m", "pip", "install", "--quiet"]
    if os.path.exists(CA_BUNDLE):
        install += ["--cert", CA_BUNDLE]
    subprocess.check_call(install + requested)


main()
