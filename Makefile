# jama.connect — developer commands. `make demo` and `make test` are the two that matter.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# `make demo` needs only the runtime (requirements-demo.txt): a small virtualenv of its own.
DEMO_VENV := .venv-demo
DEMO_BIN := $(DEMO_VENV)/bin
# Not a dot-directory: ansible-test skips every file below a hidden path component.
BUILD := build
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL := $(BUILD)/jama-connect-$(VERSION).tar.gz
COLLECTIONS := $(abspath $(BUILD)/collections)
INSTALLED := $(COLLECTIONS)/ansible_collections/jama/connect
# Ansible's interpreter discovery finds a pyenv shim that fails here: always name ours.
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export JAMA_TEST_PYTHON := $(abspath $(BIN)/python)
export ANSIBLE_PYTHON_INTERPRETER := $(JAMA_TEST_PYTHON)
# The demo and tests run against the implicit localhost on purpose: no inventory to warn about.
export ANSIBLE_LOCALHOST_WARNING := False
export ANSIBLE_INVENTORY_UNPARSED_WARNING := False
export ANSIBLE_NOCOLOR := 1
export ANSIBLE_FORCE_COLOR := 0
# pip would byte-compile every file of every package it installs (half a minute of CPU for .venv alone);
# Python compiles what is imported, when it is first imported, and most of it never is.
export PIP_NO_COMPILE := 1

# Per-area targets (role/molecule/AWX, faults, benchmarks) live beside this file.
-include mk/*.mk

.PHONY: help venv build install demo test units integration simulator-tests sanity changelog changelog-lint clean

help:  ## list the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
	  awk -F '\t' '{ name[NR] = $$1; text[NR] = $$2; if (length($$1) > width) width = length($$1) } \
	    END { for (i = 1; i <= NR; i++) printf "%-*s  %s\n", width, name[i], text[i] }'

$(BIN)/.installed: requirements.txt requirements-demo.txt requirements-matrix.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

$(DEMO_BIN)/.installed: requirements.txt requirements-demo.txt
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_BIN)/python -m pip install --quiet --upgrade pip
	$(DEMO_BIN)/python -m pip install --quiet -r requirements-demo.txt
	touch $@

venv: $(BIN)/.installed  ## create the virtualenv with the pinned tools

# Install the built tarball into $(COLLECTIONS) with the ansible-galaxy given as $(1): the dev
# virtualenv's for the tests, the demo's own for `make demo`.
galaxy-install = $(1) collection install --force -p $(COLLECTIONS) $(TARBALL) >/dev/null

# Building takes ansible-galaxy alone: the runtime's small virtualenv, not the dev tools.
build: $(DEMO_BIN)/.installed  ## build the collection tarball (needs only ansible-core: .venv-demo)
	mkdir -p $(BUILD) && rm -f $(BUILD)/*.tar.gz && $(DEMO_BIN)/ansible-galaxy collection build --force --output-path $(BUILD) .

install: build venv  ## install the built collection into a private collections path
	$(call galaxy-install,$(BIN)/ansible-galaxy)

demo: demo-role  ## the main job against the bundled simulator (the role: grant, verify, summary, rerun)

units: install  ## unit tests (pure logic) of the installed collection
	cd $(INSTALLED) && $(abspath $(BIN)/python) -m pytest -q -p no:cacheprovider --import-mode=importlib tests/unit

simulator-tests: venv  ## the simulator's own tests
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/simulator/tests

integration: install  ## modules and playbooks against the simulator, over real HTTP
	@# Two workers, one test file each: most of a playbook run is waiting (startup, backoff), not CPU.
	@# importlib mode: each suite imports its helpers from the harness package, never from a sibling test directory.
	cd $(INSTALLED) && $(abspath $(BIN)/python) -m pytest -q -p no:cacheprovider --import-mode=importlib -n 2 --dist loadfile tests/integration

sanity: install  ## ansible-test sanity, no ignore file
	bash tools/ansible-test-pip-bootstrap
	@# ansible-test lists files through the nearest enclosing git checkout, which would be this
	@# repository (where build/ is ignored): run it on a copy outside any checkout.
	tmp=$$(mktemp -d) && mkdir -p $$tmp/ansible_collections/jama && cp -a $(INSTALLED) $$tmp/ansible_collections/jama/ && \
	  pythons=$$(tools/pyenv-pythons $(abspath $(BUILD))/pythons) && \
	  cd $$tmp/ansible_collections/jama/connect && PATH="$$pythons:$$PATH" $(abspath $(BIN)/ansible-test) sanity --requirements --color no; \
	  rc=$$?; rm -rf $$tmp; exit $$rc

# antsibull-changelog asks ansible-doc (by name, on PATH) about the installed collection's plugins.
changelog: install  ## regenerate CHANGELOG.md from changelogs/ (fragments are kept until the next release)
	$(BIN)/antsibull-changelog lint
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/antsibull-changelog generate

changelog-lint: venv
	$(BIN)/antsibull-changelog lint

# Every suite of `make test`: the longest (integration) first, so that the others fill the time it spends
# waiting, then the fast ones, so a broken build still fails within a minute.
SUITES := integration changelog-lint pep8 bandit docs-lint units simulator-tests ansible-test-integration lint ee-check \
  molecule sanity galaxy-importer matrix
# Suites side by side: much of each is waiting (pip, ansible-playbook start-up, backoff, the simulator's
# throttle), so three at a time keep two cores busy. Each suite's output is printed whole when it ends.
TEST_JOBS ?= 3

test:  ## everything CI runs (TEST_JOBS suites at a time, default 3)
	@start=$$(date +%s); $(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target $(SUITES) && \
	  echo "make test: all suites passed in $$(( $$(date +%s) - start )) s"

clean:  ## remove build output (keeps the virtualenvs, the matrix's under build/matrix too)
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name matrix -exec rm -rf {} + 2>/dev/null || true
	rm -rf tests/output
