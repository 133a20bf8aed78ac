# The ansible-core matrix; included by the Makefile (`-include mk/*.mk`), which defines BUILD,
# TARBALL and build. meta/runtime.yml's requires_ansible claims every ansible-core from 2.16 on (what
# every supported Automation Platform release ships): the full suite runs on requirements-demo.txt's
# ansible-core (2.19, Python 3.11), and `make matrix` tests the built artifact on the oldest claimed
# (2.16, on Python 3.11 as Automation Platform's execution environments run it), one between, after
# the 2.19 data-tagging change (2.20, Python 3.12), and the newest (2.21, Python 3.13), each on the
# latest patch. What runs for each, and why, is in tools/matrix and the README.
# Entries are CORE@PYTHON; `make matrix MATRIX="2.16.19@3.11"` runs one.
MATRIX ?= 2.16.19@3.11 2.20.10@3.12 2.21.5@3.13
# The cores whose entry also runs ansible-test's import test (see tools/matrix): every one.
export MATRIX_IMPORT ?= $(foreach entry,$(MATRIX),$(word 1,$(subst @, ,$(entry))))
# All at once: an entry spends much of its time waiting (pip, playbook start-up, the simulator).
MATRIX_JOBS ?= 3

.PHONY: matrix

matrix: build venv  ## on the oldest, a middle and the newest ansible-core claimed: core-dependent sanity tests, units, a smoke test, the integration targets
	@start=$$(date +%s); \
	  $(MAKE) --no-print-directory -j$(MATRIX_JOBS) --output-sync=target $(addprefix matrix-,$(MATRIX)) && \
	  echo "make matrix: $(words $(MATRIX)) ansible-core versions passed in $$(( $$(date +%s) - start )) s"

matrix-%:
	tools/matrix $(word 1,$(subst @, ,$*)) $(word 2,$(subst @, ,$*)) $(TARBALL)
