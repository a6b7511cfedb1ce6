# The page at GET /: a browser test with headless Chromium against the real
# binary (tests/browser/run.sh installs Chromium when it can, and skips with
# a message where it cannot).
.PHONY: browser-test

browser-test: deps
	@$(MAKE) --no-print-directory $(BUILD)/enricher
	@ENRICHER_BIN=$(BUILD)/enricher bash tests/browser/run.sh

# The README's screenshot (docs/page.png), from the page's example article.
.PHONY: page-screenshot
page-screenshot: $(BUILD)/enricher
	@mkdir -p docs
	@ENRICHER_BIN=$(BUILD)/enricher python3 tests/browser/screenshot.py docs/page.png
