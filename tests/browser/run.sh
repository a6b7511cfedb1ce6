#!/usr/bin/env bash
# Runs the browser test of the page: finds Chromium (installs Debian's
# `chromium` when missing and we are root or have sudo without a password),
# then tests/browser/test_page.py. Without Chromium or python3 it prints
# "skipped: ..." and exits 0: a machine that cannot run a browser is not a
# failure of the page.
set -u
cd "$(dirname "$0")/../.."

have_chromium() {
	[ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ] && return 0
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 ||
		command -v google-chrome >/dev/null 2>&1
}

skip() {
	echo "skipped: $1"
	echo "browser: 0 passed, 0 failed"
	exit 0
}

if ! have_chromium && command -v apt-get >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo -n true 2>/dev/null && sudo="sudo -n"
	if [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; then
		echo "browser: installing chromium (apt-get)"
		$sudo apt-get update -qq >/dev/null 2>&1
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
			chromium >/dev/null 2>&1 || true
	fi
fi
have_chromium || skip "no Chromium, and it cannot be installed here (apt-get install chromium as root)"
command -v python3 >/dev/null 2>&1 || skip "no python3 to drive Chromium"
[ -x "${ENRICHER_BIN:-build/enricher}" ] || { echo "browser: ${ENRICHER_BIN:-build/enricher} is not built"; exit 1; }

exec timeout 180 python3 tests/browser/test_page.py
