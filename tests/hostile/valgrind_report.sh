#!/usr/bin/env bash
# Fails when any valgrind log of the servers `make valgrind` ran holds an
# error or a definite/indirect leak; prints the summary of each log.
set -u
status=0
shopt -s nullglob
logs=(tests/out/valgrind-*.log)
if [ ${#logs[@]} -eq 0 ]; then
	echo "valgrind: no server logs in tests/out/"; exit 1
fi
for f in "${logs[@]}"; do
	if grep -qE 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]|Invalid (read|write|free)|uninitialised|Mismatched free' "$f"; then
		echo "valgrind: errors in $f:"; head -60 "$f"; status=1
	fi
done
echo "valgrind: ${#logs[@]} server processes checked: $([ $status -eq 0 ] && echo clean || echo ERRORS)"
exit $status
