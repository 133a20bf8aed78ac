"""The benchmarks' own tests run from the checkout (`make units` runs them through `make bench-units`).

They import the benchmark package, the simulator and the collection as it stands in this checkout; the last
through the unit tests' own conftest, which puts ``ansible_collections.jama.connect`` on the path.
"""

import importlib.util
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "benchmarks"))
sys.path.insert(0, os.path.join(REPO, "tests", "simulator"))

_spec = importlib.util.spec_from_file_location("jama_unit_conftest", os.path.join(REPO, "tests", "unit", "conftest.py"))
_units = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_units)
pytest_configure = _units.pytest_configure
pytest_unconfigure = _units.pytest_unconfigure
