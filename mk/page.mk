# The page at GET /: a browser test with headless Chromium against the real
# binary (tests/browser/run.sh installs Chromium when it can, and skips with
# a message where it cannot).
.PHONY: browser-test

browser-test: deps
	@$(MAKE) --no-print-directory $(BUILD)/enricher
	@ENRICHER_BIN=$(BUILD)/enricher bash tests/browser/run.sh
