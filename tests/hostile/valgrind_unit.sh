#!/usr/bin/env bash
# Runs each unit-test binary under valgrind in one process (CK_FORK=no).
# Fails on a memory error or a definite/indirect leak in a binary whose tests
# all pass. A binary with failing tests under valgrind (timing bounds such as
# "loads in under 300 ms" do not hold at valgrind's speed) is reported but not
# judged: an assertion that fails skips its test's cleanup, so the leaks
# valgrind then sees are the failed test's, not the code's. The variable
# ENRICHER_UNDER_VALGRIND=1 is set so tests may relax such bounds.
set -u
export CK_FORK=no ENRICHER_UNDER_VALGRIND=1
status=0
for t in "$@"; do
	out=$(valgrind --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--suppressions=tests/hostile/valgrind.supp "$t" 2>&1)
	rc=$?
	summary=$(grep -E '^[0-9]+%: Checks: ' <<<"$out" | tail -1)
	if grep -qE 'Failures: [1-9]|Errors: [1-9]' <<<"$summary"; then
		echo "valgrind: $t: NOT JUDGED, tests fail under valgrind: $summary"
		grep -E ':[FE]:' <<<"$out" | head -5 | sed 's/^/    /'
	elif [ $rc -eq 99 ]; then
		echo "valgrind: $t: ERRORS"
		grep -E '^==[0-9]+==' <<<"$out" | head -60
		status=1
	elif [ $rc -ne 0 ]; then
		echo "valgrind: $t: exit $rc"; tail -5 <<<"$out"; status=1
	else
		echo "valgrind: $t: clean ($summary)"
	fi
done
exit $status
