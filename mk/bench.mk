# Benchmarks: one jama_rest_access task against the equivalent ansible.builtin.uri playbook, on the
# simulator. Included by the Makefile (`-include mk/*.mk`), which defines BIN and install and exports
# ANSIBLE_COLLECTIONS_PATH and ANSIBLE_PYTHON_INTERPRETER. Figures are written, never asserted.
# Writes BENCHMARKS.md and docs/benchmarks.png; raw results go to benchmarks/results/ (git-ignored).
# About 5 minutes on an idle 2-core machine. BENCH_ARGS passes options, e.g. BENCH_ARGS="--reps 3".

BENCH_ARGS ?=

.PHONY: bench

bench: install  ## benchmarks against the simulator: writes BENCHMARKS.md and docs/benchmarks.png
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
