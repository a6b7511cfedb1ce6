#!/usr/bin/env bash
# make hardening: checks an ELF (default build/enricher) for the hardening the
# Makefile asks for: PIE, full RELRO (GNU_RELRO + BIND_NOW), stack protector,
# FORTIFY_SOURCE, and a non-executable stack. Uses readelf only.
set -u
bin=${1:-build/enricher}
[ -f "$bin" ] || { echo "hardening: $bin not found (make first)"; exit 2; }
fail=0
check() {  # name, 0/1 result, detail
	if [ "$2" -eq 0 ]; then printf '  ok    %-18s %s\n' "$1" "$3"
	else printf '  FAIL  %-18s %s\n' "$1" "$3"; fail=1; fi
}
hdr=$(readelf -h "$bin"); ph=$(readelf -lW "$bin"); dyn=$(readelf -dW "$bin")
syms=$(readelf --dyn-syms -W "$bin")
echo "hardening: $bin"
grep -qE 'Type:[[:space:]]+DYN' <<<"$hdr" && grep -q 'PIE' <<<"$dyn"
check PIE $? "ELF type DYN with the PIE flag"
grep -q 'GNU_RELRO' <<<"$ph"
check RELRO $? "GNU_RELRO segment"
grep -qE 'BIND_NOW|FLAGS.*NOW' <<<"$dyn"
check BIND_NOW $? "symbols bound at load, so the GOT can be read-only (full RELRO)"
grep -q '__stack_chk_fail' <<<"$syms"
check stack-protector $? "calls __stack_chk_fail"
n=$(grep -cE '__[a-z0-9_]+_chk(@|$| )' <<<"$syms")
[ "$n" -gt 0 ]
check FORTIFY $? "$n fortified libc calls (__*_chk)"
! grep -E 'GNU_STACK' <<<"$ph" | grep -q 'RWE'
check NX-stack $? "GNU_STACK not executable"
! grep -qE 'TEXTREL' <<<"$dyn"
check no-TEXTREL $? "no text relocations"
! grep -qE '\(RPATH\)|\(RUNPATH\)' <<<"$dyn"
check no-RPATH $? "no RPATH/RUNPATH"
[ $fail -eq 0 ] && echo "hardening: all checks passed" || echo "hardening: FAILED"
exit $fail
