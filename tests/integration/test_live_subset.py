# Copyright: Contributors to the jama.connect collection
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The live subset (tests/live, `make test-live`) run against the simulator, so that it cannot rot and cannot write."""

import os
import subprocess
import sys
from pathlib import Path

LIVE_TESTS = Path(__file__).resolve().parents[1] / "live"
ADMIN = {"JAMA_CLIENT_ID": "admin-client", "JAMA_CLIENT_SECRET": "admin-secret-0f8e2c"}
TOKEN_ROUTE = "POST /rest/oauth/token"


def run_live_subset(env_changes):
    env = {key: value for key, value in os.environ.items() if not key.startswith("JAMA_")}
    env.update(env_changes)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", str(LIVE_TESTS)],
                          capture_output=True, text=True, timeout=600, check=False, env=env, cwd=str(LIVE_TESTS))


def test_live_subset_passes_and_sends_only_reads_and_token_requests(sim):
    completed = run_live_subset(dict(ADMIN, JAMA_URL=sim.base_url, JAMA_ALLOW_HTTP="1"))
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "skipped" not in output and " passed" in output, output
    by_route = sim.control.stats()["by_route"]
    assert by_route.get(TOKEN_ROUTE, 0) >= 4, by_route
    assert [route for route in by_route if not route.startswith("GET ") and route != TOKEN_ROUTE] == [], by_route
    assert ADMIN["JAMA_CLIENT_SECRET"] not in output


def test_live_subset_skips_naming_the_variables_without_them():
    completed = run_live_subset({})
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output
    assert "passed" not in output and "skipped" in output, output
    assert "live tests need JAMA_URL, JAMA_CLIENT_ID, JAMA_CLIENT_SECRET set" in output, output
