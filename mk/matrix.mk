# The ansible-core matrix; included by the Makefile (`-include mk/*.mk`), which defines BUILD,
# TARBALL and build. meta/runtime.yml's requires_ansible claims every ansible-core from 2.18 on:
# the full suite runs on requirements-demo.txt's ansible-core (2.19, Python 3.11), and `make matrix`
# tests the built artifact on the latest patch of each other minor, each on a controller Python it
# supports, spreading the Pythons (2.18 and 2.19: 3.11-3.13;
# 2.20 and 2.21: 3.12-3.14). What runs for each, and why, is in tools/matrix and the README.
# Entries are CORE@PYTHON; `make matrix MATRIX="2.18.19@3.13"` runs one.
MATRIX ?= 2.18.19@3.13 2.20.10@3.12 2.21.5@3.13
# The cores whose entry also runs ansible-test's import test (see tools/matrix).
export MATRIX_IMPORT ?= 2.18.19 2.21.5
# All at once: an entry spends much of its time waiting (pip, playbook start-up, the simulator).
MATRIX_JOBS ?= 3

.PHONY: matrix

matrix: build  ## sanity (core-dependent tests), units and a smoke test on every other ansible-core claimed
	@start=$$(date +%s); \
	  $(MAKE) --no-print-directory -j$(MATRIX_JOBS) --output-sync=target $(addprefix matrix-,$(MATRIX)) && \
	  echo "make matrix: $(words $(MATRIX)) ansible-core versions passed in $$(( $$(date +%s) - start )) s"

matrix-%:
	tools/matrix $(word 1,$(subst @, ,$*)) $(word 2,$(subst @, ,$*)) $(TARBALL)
