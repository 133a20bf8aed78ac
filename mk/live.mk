# The read-only live subset (tests/live) against a real Jama Connect instance; included by the Makefile
# (`-include mk/*.mk`), which defines BIN, INSTALLED and install and exports ANSIBLE_COLLECTIONS_PATH.
# Nothing in it writes: it reads, mints tokens, and runs jama_rest_access and the role in check mode.

LIVE_VARIABLES := JAMA_URL JAMA_CLIENT_ID JAMA_CLIENT_SECRET

.PHONY: test-live

test-live:  ## read-only checks against your instance: set JAMA_URL, JAMA_CLIENT_ID, JAMA_CLIENT_SECRET (optional JAMA_VALIDATE_CERTS, JAMA_CA_PATH)
	@missing=""; for name in $(LIVE_VARIABLES); do [ -n "$${!name}" ] || missing="$$missing $$name"; done; \
	if [ -n "$$missing" ]; then \
	  echo "test-live: skipped: set JAMA_URL, JAMA_CLIENT_ID and JAMA_CLIENT_SECRET (optional JAMA_VALIDATE_CERTS," \
	       "JAMA_CA_PATH) to run the read-only checks against your Jama instance; missing:$$missing"; \
	else $(MAKE) --no-print-directory test-live-run; fi

.PHONY: test-live-run
test-live-run: install
	cd $(INSTALLED) && $(abspath $(BIN)/python) -m pytest -q -rs -p no:cacheprovider tests/live
