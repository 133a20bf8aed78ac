"""The command line: python -m jama_sim (start, first line, url/pid files, SIGTERM) and the seed generator."""

import json
import os
import signal
import subprocess
import sys

import pytest
import requests

from sim_http_helpers import CLIENTS, JamaApi

SIMULATOR_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STOP_TIMEOUT = 10


def environment():
    env = dict(os.environ)
    env["PYTHONPATH"] = SIMULATOR_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.fixture
def launch():
    """Start `python -m jama_sim ARGS`; every process started is stopped at the end of the test."""
    processes = []

    def start(*args):
        process = subprocess.Popen([sys.executable, "-m", "jama_sim"] + list(args), env=environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=STOP_TIMEOUT)


def write_seed(path, document):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document if isinstance(document, str) else json.dumps(document))
    return str(path)


class TestServe:
    def test_stops_by_itself_after_its_lifetime(self, launch, tmp_path):
        url_file = tmp_path / "url"
        process = launch("--lifetime", "1", "--url-file", str(url_file))
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert process.wait(timeout=STOP_TIMEOUT) == 0
        assert not url_file.exists()

    def test_prints_the_base_url_then_serves_until_sigterm(self, launch, tmp_path):
        url_file, pid_file = tmp_path / "url", tmp_path / "pid"
        process = launch("--context-path", "/contour", "--sso", "--url-file", str(url_file), "--pid-file", str(pid_file))
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:") and base_url.endswith("/contour")
        assert url_file.read_text(encoding="utf-8").strip() == base_url
        assert int(pid_file.read_text(encoding="utf-8")) == process.pid
        with JamaApi(base_url) as api:
            assert api.get("/rest/v1/users/current").status_code == 200
            assert api.get("/rest/v1/users/current", auth=("admin", "admin-password")).status_code == 401
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=STOP_TIMEOUT) == 0
        assert not url_file.exists() and not pid_file.exists()
        with pytest.raises(requests.exceptions.ConnectionError):
            requests.post(base_url + "/rest/oauth/token", auth=CLIENTS["admin"], timeout=5)

    def test_sigint_stops_cleanly_too(self, launch):
        process = launch("--token-lifetime", "120", "--rate-limit", "50")
        base_url = process.stdout.readline().strip()
        with JamaApi(base_url) as api:
            assert api.request_token().json()["expires_in"] == 119
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=STOP_TIMEOUT) == 0

    def test_a_json_seed_is_served(self, launch, tmp_path):
        seed = write_seed(tmp_path / "small.json", {"users": [{"username": "solo", "password": "pw"}]})
        process = launch("--seed", seed)
        base_url = process.stdout.readline().strip()
        with JamaApi(base_url) as api:
            assert api.get("/rest/v1/users/current", auth=("solo", "pw")).json()["data"]["username"] == "solo"


class TestBadSeed:
    @pytest.mark.parametrize("name,document,problem", [
        ("dup.yml", "users:\n  - {username: jdoe}\n  - {username: ann}\n  - {username: bob}\n  - {username: jdoe}\n",
         "users[3]: duplicate username 'jdoe'"),
        ("broken.yml", "users: [unclosed\n", "invalid YAML"),
        ("broken.json", "{\"users\": ", "invalid JSON"),
        ("list.json", "[1, 2]", "document: expected a mapping"),
    ])
    def test_exits_2_naming_the_file_and_the_problem(self, launch, tmp_path, name, document, problem):
        path = write_seed(tmp_path / name, document)
        process = launch("--seed", path)
        stdout, stderr = process.communicate(timeout=STOP_TIMEOUT)
        assert process.returncode == 2
        assert stdout == ""
        assert "seed %s: " % path in stderr and problem in stderr

    def test_missing_file(self, launch, tmp_path):
        process = launch("--seed", str(tmp_path / "absent.yml"))
        _stdout, stderr = process.communicate(timeout=STOP_TIMEOUT)
        assert process.returncode == 2 and "absent.yml: cannot read" in stderr


class TestGenerator:
    def generate(self, tmp_path, name, *args):
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "jama_sim.generate", "--out", str(out)] + list(args), env=environment(),
                       check=True, capture_output=True, timeout=60)
        return out

    def test_same_seed_same_file_and_the_simulator_serves_it(self, launch, tmp_path):
        first = self.generate(tmp_path, "a.json", "--users", "300", "--groups", "12", "--seed", "5")
        second = self.generate(tmp_path, "b.json", "--users", "300", "--groups", "12", "--seed", "5")
        assert first.read_bytes() == second.read_bytes()
        document = json.loads(first.read_text(encoding="utf-8"))
        assert len(document["users"]) == 300 and len(document["groups"]) == 12
        process = launch("--seed", str(first))
        base_url = process.stdout.readline().strip()
        with JamaApi(base_url) as api:
            total = api.get("/rest/v1/users", params={"includeInactive": "true"}).json()["meta"]["pageInfo"]["totalResults"]
            assert total == 300
            assert api.get("/rest/v1/users/current", client="ci").status_code == 403

    def test_default_size_is_ten_thousand_users(self, tmp_path):
        document = json.loads(self.generate(tmp_path, "big.json").read_text(encoding="utf-8"))
        assert len(document["users"]) == 10000 and len(document["groups"]) == 200
        assert len({user["username"] for user in document["users"]}) == 10000
