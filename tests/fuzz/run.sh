#!/usr/bin/env bash
# Runs the libFuzzer targets. Usage:
#   run.sh fuzz SECONDS    each target for SECONDS, from its seed corpus
#                          (tests/fuzz/corpus/<t>) plus what earlier runs
#                          found (build-fuzz/corpus/<t>); crashes are copied
#                          to tests/fuzz/regress/<t>/ to become regression
#                          inputs, and the run fails.
#   run.sh regress         each target once over its seeds and every file in
#                          tests/fuzz/regress/<t>/ (the crashes found so far).
# Prints executions per target. Run from the repository root.
set -uo pipefail
mode=${1:?fuzz or regress}
secs=${2:-60}
bin=${FUZZ_BIN:-build-fuzz/fuzz}
targets=${FUZZ_TARGETS:-"fuzz_request fuzz_text fuzz_analyze"}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
status=0
summary=""
for t in $targets; do
	seeds=tests/fuzz/corpus/$t
	regress=tests/fuzz/regress/$t
	mkdir -p "$regress"
	if [ "$mode" = regress ]; then
		files=$(find "$seeds" "$regress" -type f ! -name '.*' | sort)
		n=$(printf '%s\n' "$files" | grep -c . || true)
		# shellcheck disable=SC2086
		if out=$("$bin/$t" -runs=1 $files 2>&1); then
			summary+=$(printf '%-14s %4d inputs replayed: ok' "$t" "$n")$'\n'
		else
			printf '%s\n' "$out" | tail -40
			summary+=$(printf '%-14s %4d inputs replayed: FAILED' "$t" "$n")$'\n'
			status=1
		fi
		continue
	fi
	work=build-fuzz/corpus/$t
	crashes=build-fuzz/crashes/$t
	mkdir -p "$work" "$crashes"
	log=build-fuzz/$t.log
	"$bin/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-dict=tests/fuzz/enricher.dict -print_final_stats=1 \
		-artifact_prefix="$crashes/" "$work" "$seeds" >"$log" 2>&1
	rc=$?
	execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")
	cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1)
	found=$(find "$crashes" -type f | wc -l)
	if [ $rc -ne 0 ] || [ "$found" -gt 0 ]; then
		grep -E 'ERROR|SUMMARY|runtime error|==[0-9]+==' "$log" | head -20
		for f in "$crashes"/*; do
			[ -f "$f" ] && cp "$f" "$regress/" && echo "fuzz: $t: kept $f in $regress/"
		done
		status=1
		summary+=$(printf '%-14s %10s execs in %ss, %s, FOUND %d (log %s)' "$t" "${execs:-?}" "$secs" "$cov" "$found" "$log")$'\n'
	else
		summary+=$(printf '%-14s %10s execs in %ss, %s, nothing found' "$t" "${execs:-?}" "$secs" "$cov")$'\n'
	fi
done
printf '%s' "$summary"
exit $status
