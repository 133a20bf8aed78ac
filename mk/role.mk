# Role, playbooks, molecule and AWX packaging targets; included by the Makefile (`-include mk/*.mk`).
# ansible-lint and molecule call other ansible-* tools by name, so the venv's bin goes first on PATH.
ROLE_PATH := PATH="$(abspath $(BIN)):$$PATH"

.PHONY: lint molecule ee-check demo-role

# Bare `ansible-lint` at the root of the collection, as Galaxy users and editors run it: on a copy of
# the checkout's files (tracked and new, not ignored) placed as ansible_collections/jama/connect,
# outside any git checkout (ansible-lint lists files through git), with that parent as the
# collections path. .ansible-lint sets the production profile; nothing is skipped.
lint: venv  ## ansible-lint, production profile, bare at the root of the collection (all of it)
	lint_dir=$$(mktemp -d) && trap 'rm -rf "$$lint_dir"' EXIT && \
	  mkdir -p "$$lint_dir/ansible_collections/jama/connect" && \
	  git ls-files -z --cached --others --exclude-standard | \
	    xargs -0 -I{} sh -c 'test ! -e "$$1" || printf "%s\0" "$$1"' _ {} | \
	    tar --null -T - -cf - | tar -xf - -C "$$lint_dir/ansible_collections/jama/connect" && \
	  cd "$$lint_dir/ansible_collections/jama/connect" && \
	  ANSIBLE_COLLECTIONS_PATH="$$lint_dir" $(ROLE_PATH) $(abspath $(BIN))/ansible-lint --nocolor

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

# Only the runtime: the demo's own small virtualenv (requirements-demo.txt), not the dev tools.
demo-role: build  ## the role against the simulator: grant, verify, summarize, rerun unchanged
	mkdir -p $(BUILD)/demo
	@echo "demo: starting the Jama Connect simulator (seed tests/simulator/seeds/demo.yml); the first task names its URL and accounts"
	$(call galaxy-install,$(DEMO_BIN)/ansible-galaxy)
	@# One simulator, three runs of the demo's plays, each with its own recap: the first run, the audit, the rerun.
	PYTHON=$(abspath $(DEMO_BIN)/python) ANSIBLE_PYTHON_INTERPRETER=$(abspath $(DEMO_BIN)/python) \
	  tools/with-simulator --seed tests/simulator/seeds/demo.yml -- sh -c 'for play in demo_grant demo_audit demo_rerun; do \
	    $(DEMO_BIN)/ansible-playbook playbooks/demo.yml --tags $$play -e ansible_python_interpreter=$(abspath $(DEMO_BIN)/python) \
	      -e jama_demo_report_dir=$(abspath $(BUILD))/demo || exit; done'
