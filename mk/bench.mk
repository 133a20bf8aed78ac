# Benchmarks: jama_rest_access against the equivalent ansible.builtin.uri playbook, on the simulator.
# Included by the Makefile (`-include mk/*.mk`), which defines BIN and install and exports
# ANSIBLE_COLLECTIONS_PATH and ANSIBLE_PYTHON_INTERPRETER. Figures are written, never asserted.
# Writes BENCHMARKS.md and docs/benchmarks.png; raw results go to benchmarks/results/ (git-ignored).
# Not part of `make test`; about 35 minutes on a 2-core machine, most of it the module's paced runs at
# N = 1000 and the uri loop at N = 100 (both under Jama's 10 requests/s throttle). BENCH_N picks the sizes
# (`make bench BENCH_N="10 100"`); BENCH_ARGS passes other options, e.g. BENCH_ARGS="--parts real --reps 3".

BENCH_N ?= 10 100 1000
BENCH_ARGS ?=

.PHONY: bench bench-units

bench: install  ## benchmarks against the simulator: writes BENCHMARKS.md and docs/benchmarks.png
	$(BIN)/python benchmarks/run.py --sizes "$(BENCH_N)" $(BENCH_ARGS)

# The benchmarks' own tests (the cost model against the resolution code), from the checkout: the
# benchmarks are not part of the built collection. `make units`, and so `make test`, runs them.
bench-units: venv  ## the benchmarks' own tests
	$(BIN)/python -m pytest -q -p no:cacheprovider --import-mode=importlib benchmarks/tests

units: bench-units
