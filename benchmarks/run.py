"""Benchmarks for jama.connect, the one command-line entry: `make bench` (or `python benchmarks/run.py --help`).

The code is the package benchmarks/jama_bench: organizations (orgs), the cost model (cost), running playbooks
and the simulator (runner), the measurements (real_path, measure), the report (report, report_sections) and the
plot (plot). `make bench` installs the collection first and exports ANSIBLE_COLLECTIONS_PATH and
ANSIBLE_PYTHON_INTERPRETER.
"""

import sys

from jama_bench.cli import main

if __name__ == "__main__":
    sys.exit(main())
