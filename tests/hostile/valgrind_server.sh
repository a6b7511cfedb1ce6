#!/usr/bin/env bash
# Stands in for build/enricher in the HTTP and hostile tests under
# `make valgrind` (ENRICHER_BIN=this script): runs the real binary
# (ENRICHER_REAL_BIN) under valgrind, one log per process in tests/out/.
# Errors and definite or indirect leaks make it exit 99.
exec valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--suppressions="$(dirname "$0")/valgrind.supp" \
	--log-file=tests/out/valgrind-%p.log \
	"${ENRICHER_REAL_BIN:-build/enricher}" "$@"
