"""The curl walk of a new user: get a token with client credentials, then call users/current."""

import http.client
import json
import shutil
import subprocess
import urllib.parse
import base64

import pytest

CURL_TIMEOUT = 20


@pytest.mark.skipif(not shutil.which("curl"), reason="needs the curl command")
def test_curl_token_then_current_user(sim):
    token_json = subprocess.run(
        ["curl", "--silent", "--show-error", "--fail", "--user", "ci-client:ci-secret-5b7d1a",
         "--data", "grant_type=client_credentials", sim.base_url + "/rest/oauth/token"],
        check=True, capture_output=True, text=True, timeout=CURL_TIMEOUT).stdout
    token = json.loads(token_json)["access_token"]
    sim.control.reset(seed=None)
    answer = subprocess.run(
        ["curl", "--silent", "--write-out", "\\n%{http_code}", "--header", "Authorization: Bearer " + token,
         sim.base_url + "/rest/v1/users/current"], check=True, capture_output=True, text=True, timeout=CURL_TIMEOUT).stdout
    assert answer.rsplit("\n", 1)[1] == "401", "a reset forgets issued tokens"


@pytest.mark.skipif(not shutil.which("curl"), reason="needs the curl command")
def test_curl_walk_for_a_listed_user(sim):
    def curl(*args):
        return subprocess.run(["curl", "--silent", "--show-error", "--fail"] + list(args), check=True, capture_output=True,
                              text=True, timeout=CURL_TIMEOUT).stdout

    token = json.loads(curl("-u", "admin-client:admin-secret-0f8e2c", "-d", "grant_type=client_credentials",
                            sim.base_url + "/rest/oauth/token"))["access_token"]
    current = json.loads(curl("-H", "Authorization: Bearer " + token, sim.base_url + "/rest/v1/users/current"))
    assert current["data"]["username"] == "admin"
    assert current["meta"]["status"] == "OK"


def test_stdlib_walk_for_the_ci_account_shows_the_missing_grant(sim):
    """The same two steps with only the standard library: svc-ci gets a token, then 403 until it is granted."""
    host = urllib.parse.urlsplit(sim.base_url).netloc
    connection = http.client.HTTPConnection(host, timeout=10)
    basic = base64.b64encode(b"ci-client:ci-secret-5b7d1a").decode()
    connection.request("POST", "/rest/oauth/token", body="grant_type=client_credentials",
                       headers={"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
    token = json.loads(connection.getresponse().read())["access_token"]
    connection.request("GET", "/rest/v1/users/current", headers={"Authorization": "Bearer " + token})
    answer = connection.getresponse()
    assert answer.status == 403
    assert json.loads(answer.read())["meta"]["message"] == "This user is not permitted to use the API"
    connection.close()
