"""Benchmarks for jama.connect against the bundled simulator: run with `make bench` (benchmarks/run.py)."""

import os
import sys

# The simulator and the test harness live in the repository, not on sys.path; every module here may import them.
_REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for _path in (os.path.join(_REPO, "tests", "simulator"), os.path.join(_REPO, "tests", "harness")):
    if _path not in sys.path:
        sys.path.insert(0, _path)
