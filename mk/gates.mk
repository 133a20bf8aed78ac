# Release gates and the reliability/security suites: bandit, galaxy-importer, test-faults.
# Included by the Makefile (`-include mk/*.mk`), which defines BIN, BUILD, TARBALL, INSTALLED, install and build.

IMPORTER_VENV := .venv-importer
IMPORTER_BIN := $(IMPORTER_VENV)/bin
# Its own virtualenv: galaxy-importer pins ansible-lint, attrs and flake8 ranges that need not agree with
# requirements-dev.txt. ansible-core and ansible-lint are pinned to the versions we test with.
IMPORTER_PINS := galaxy-importer==0.4.44 ansible-core==2.19.14 ansible-lint==26.10.1
IMPORTER_OUT := $(BUILD)/galaxy-importer
FAULT_SUITES := tests/integration/faults tests/integration/security tests/integration/bad_input tests/integration/tls

.PHONY: pep8 bandit docs-lint galaxy-importer test-faults gates

$(IMPORTER_BIN)/.installed: mk/gates.mk
	$(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_BIN)/python -m pip install --quiet --upgrade pip
	$(IMPORTER_BIN)/python -m pip install --quiet $(IMPORTER_PINS)
	touch $@

# A skip must name its test and say why, as `# nosec B105 # <reason>` (bandit reads test ids up to the second #).
# The layout rules of ansible-test's pep8 sanity test, in seconds instead of at the end of the suite.
pep8: venv  ## pycodestyle with ansible-test's settings over every Python file
	$(BIN)/python -m pycodestyle --max-line-length 160 --ignore E402,W503,W504,E741 plugins tests benchmarks tools

bandit: venv  ## bandit security lint over plugins/, every skip explained
	$(BIN)/bandit -r plugins -q
	@if grep -rnE '#[[:space:]]*nosec' plugins | grep -vE '#[[:space:]]*nosec[[:space:]]+B[0-9]+([[:space:]]*,[[:space:]]*B[0-9]+)*[[:space:]]+#[[:space:]]*[^[:space:]]'; then \
	  echo "bandit: each # nosec above must name its test ids and a reason: '# nosec B105 # why'"; exit 1; fi

# The docs linter of the Ansible docsite, over the installed collection: extra docs, and with
# --plugin-docs every module's and the role's documentation (schema, markup, references).
# It asks ansible-doc (by name, on PATH) for the plugins' docs.
docs-lint: install  ## antsibull-docs lint-collection-docs --plugin-docs on the installed collection
	cd $(INSTALLED) && PATH="$(abspath $(BIN)):$$PATH" $(abspath $(BIN))/antsibull-docs lint-collection-docs --plugin-docs .

# galaxy-importer logs problems and still exits 0, so its log is the verdict: any ERROR or WARNING fails the gate.
galaxy-importer: build $(IMPORTER_BIN)/.installed  ## what Galaxy runs on upload, offline, without containers
	rm -rf $(IMPORTER_OUT) && mkdir -p $(IMPORTER_OUT)/tmp
	cd $(IMPORTER_OUT) && env GALAXY_IMPORTER_CONFIG=$(abspath mk/galaxy-importer.cfg) \
	  GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP=$(abspath $(IMPORTER_OUT)/tmp) GALAXY_IMPORTER_TMP_ROOT_DIR=$(abspath $(IMPORTER_OUT)/tmp) \
	  PATH=$(abspath $(IMPORTER_BIN)):$$PATH $(abspath $(IMPORTER_BIN)/python) -m galaxy_importer.main \
	  $(abspath $(TARBALL)) > import.log 2>&1; rc=$$?; cat import.log; \
	  if [ $$rc -ne 0 ] || ! grep -q 'Importer processing completed successfully' import.log; then \
	    echo "galaxy-importer: the import failed (exit $$rc)"; exit 1; fi; \
	  if grep -E '^(ERROR|WARNING|CRITICAL):' import.log >/dev/null; then \
	    echo "galaxy-importer: the import logged the problems above"; exit 1; fi
	@echo "galaxy-importer: clean import of $(TARBALL)"

test-faults: install  ## faults, secrets, bad input and TLS suites against the simulator
	cd $(INSTALLED) && $(abspath $(BIN)/python) -m pytest -q -p no:cacheprovider --import-mode=importlib $(FAULT_SUITES)

gates: bandit galaxy-importer  ## the release gates alone
