# Role, playbooks, molecule and AWX packaging targets; included by the Makefile (`-include mk/*.mk`).
# ansible-lint and molecule call other ansible-* tools by name, so the venv's bin goes first on PATH.
ROLE_PATH := PATH="$(abspath $(BIN)):$$PATH"

.PHONY: lint molecule ee-check demo-role

lint: install  ## ansible-lint, production profile, on the role and the playbooks
	$(ROLE_PATH) $(BIN)/ansible-lint --nocolor roles/ playbooks/

molecule: install  ## the role's molecule scenario, full sequence, against the simulator
	cd roles/rest_api_access && $(ROLE_PATH) $(abspath $(BIN))/molecule test

# meta/execution-environment.yml names its requirements relative to the collection root (that is how
# ansible-builder resolves a collection's file), so `create` runs on a copy placed beside
# requirements.txt, as in the collection; then introspection of the installed collection must
# find our Python requirement, which is what an EE build does with it.
ee-check: install  ## ansible-builder accepts meta/execution-environment.yml (create only, no container engine)
	ee_dir=$$(mktemp -d) && trap 'rm -rf "$$ee_dir"' EXIT && \
	  cp meta/execution-environment.yml requirements.txt "$$ee_dir"/ && \
	  $(ROLE_PATH) $(BIN)/ansible-builder create --file "$$ee_dir/execution-environment.yml" \
	    --context "$$ee_dir/context" --output-filename Containerfile && \
	  test -s "$$ee_dir/context/Containerfile" && test -s "$$ee_dir/context/_build/requirements.txt" && \
	  $(ROLE_PATH) $(BIN)/ansible-builder introspect $(COLLECTIONS) | grep -q 'from collection jama.connect' && \
	  echo "ee-check: the EE definition builds a context and introspection finds jama.connect's requirements"

demo-role: install  ## the role against the simulator: grant, verify, summarize, rerun unchanged
	@echo "demo: starting the Jama Connect simulator (seed tests/simulator/seeds/demo.yml); the first task names its URL and accounts"
	tools/with-simulator --seed tests/simulator/seeds/demo.yml -- \
	  $(BIN)/ansible-playbook playbooks/demo.yml -e ansible_python_interpreter=$(JAMA_TEST_PYTHON)
