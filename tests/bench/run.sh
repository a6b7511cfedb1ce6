#!/usr/bin/env bash
# make bench: in-process benchmarks, then wrk against the real server on
# loopback (/healthz and /v1/enrich with seed-kursk.json), and the same wrk
# run against haproxy answering a fixed 200 on this machine, as a ratio.
set -euo pipefail
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
SECS=${BENCH_SECONDS:-10}
CONNS=${BENCH_CONNECTIONS:-32}
article="$SHARED/corpus/dev/seed-kursk.json"
for b in "$BUILD"/bench/*; do
	[ -x "$b" ] && "$b" "$article"
done
if ! command -v wrk >/dev/null || ! command -v haproxy >/dev/null; then
	echo "bench: installing wrk and haproxy" >&2
	apt-get install -y -qq wrk haproxy >/dev/null
fi
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT
python3 - "$article" > "$tmp/body.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
print(json.dumps({k: g.get(k) for k in ("id", "title", "text", "published")}))
PY
port=$((30000 + RANDOM % 10000))
"$BUILD/enricher" serve --port "$port" --log-requests 0 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
run() {  # name url [lua]
	local out
	if [ -n "${3:-}" ]; then
		out=$(BODY="$tmp/body.json" wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$3" "$2")
	else
		out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "$2")
	fi
	local rps p50 p99
	rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
	p50=$(awk '$1=="50%" {print $2}' <<<"$out")
	p99=$(awk '$1=="99%" {print $2}' <<<"$out")
	printf '%-28s %10s req/s   p50 %-9s p99 %-9s\n' "$1" "$rps" "$p50" "$p99"
	echo "$rps" > "$tmp/$1.rps"
}
echo "wrk: 2 threads, $CONNS connections, ${SECS}s each, loopback"
run enricher-healthz "http://127.0.0.1:$port/healthz"
run enricher-enrich "http://127.0.0.1:$port/v1/enrich" tests/bench/post.lua
echo "enricher peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$pid/status)"
kill "$pid"; wait "$pid" 2>/dev/null || true
hport=$((port + 1))
cat > "$tmp/haproxy.cfg" <<CFG
global
  maxconn 4096
  nbthread 2
defaults
  mode http
  timeout client 10s
  timeout connect 5s
  timeout server 10s
frontend fixed
  bind 127.0.0.1:$hport
  http-request return status 200 content-type text/plain string ok
CFG
haproxy -f "$tmp/haproxy.cfg" -db >/dev/null 2>&1 &
sleep 0.5
run haproxy-fixed-200 "http://127.0.0.1:$hport/"
awk -v a="$(cat "$tmp/enricher-healthz.rps")" -v b="$(cat "$tmp/haproxy-fixed-200.rps")" \
	'BEGIN { printf "enricher /healthz vs haproxy fixed 200: %.2f\n", a / b }'
