# ansible-test integration: the tests/integration/targets/<module> convention, each against its own simulator.
# Included by the Makefile (`-include mk/*.mk`), which defines BIN, BUILD, INSTALLED and install.

.PHONY: ansible-test-integration

# --local: the targets need no container, only the simulator they start on 127.0.0.1; pipelining spares
# each module a copy to a temporary file, as in the pytest suites. Run on a copy
# outside any git checkout, for the same reason as `make sanity`.
ansible-test-integration: install  ## ansible-test integration targets (one per module) against the bundled simulator
	tmp=$$(mktemp -d) && mkdir -p $$tmp/ansible_collections/jama && cp -a $(INSTALLED) $$tmp/ansible_collections/jama/ && \
	  cd $$tmp/ansible_collections/jama/connect && \
	  ANSIBLE_PIPELINING=1 $(abspath $(BIN)/ansible-test) integration --local --python-interpreter $(abspath $(BIN)/python) --color no $(TARGETS); \
	  rc=$$?; rm -rf $$tmp; exit $$rc
