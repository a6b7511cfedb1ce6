#!/usr/bin/env bash
# Runs each test binary, prints its output, and closes with the plain
# "N passed, N failed" line summed over all Check suites.
set -u
pass=0; fail=0; bad=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out"
	# Check prints "NN%: Checks: C, Failures: F, Errors: E"
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
	if [ -n "$line" ]; then
		c=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
		f=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
		e=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
		pass=$((pass + c - f - e)); fail=$((fail + f + e))
	fi
	if [ $rc -ne 0 ]; then bad=$((bad + 1)); [ -z "$line" ] && fail=$((fail + 1)); fi
done
echo "tests: $pass passed, $fail failed"
[ $bad -eq 0 ] && [ $fail -eq 0 ]
