#!/usr/bin/env bash
# make soak: wrk against /v1/enrich with a dev article for SOAK_SECONDS
# (default 60) on a server started here on a free loopback port; prints the
# server's RSS (VmRSS, /proc/PID/status) before, after a short warm-up, and
# after the run, with the throughput, latency and errors wrk saw. Fails if the
# server died, answered anything but 200, or grew more than SOAK_RSS_SLACK_KB
# (default 16384) between the warm-up and the end.
set -euo pipefail
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
SECS=${SOAK_SECONDS:-60}
CONNS=${SOAK_CONNECTIONS:-32}
SLACK=${SOAK_RSS_SLACK_KB:-16384}
article=${SOAK_ARTICLE:-$SHARED/corpus/dev/seed-kursk.json}
command -v wrk >/dev/null || apt-get install -y -qq wrk >/dev/null
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
python3 - "$article" >"$tmp/body.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
print(json.dumps({k: g.get(k) for k in ("id", "title", "text", "published") if g.get(k)}))
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BUILD/enricher" serve --port "$port" --host 127.0.0.1 --log-requests 0 --fetch-enabled 0 \
	2>"$tmp/server.log" &
pid=$!
for _ in $(seq 200); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }  # utime + stime, clock ticks
url="http://127.0.0.1:$port/v1/enrich"
rss_start=$(rss)
BODY="$tmp/body.json" wrk -t2 -c"$CONNS" -d5s -s tests/bench/post.lua "$url" >/dev/null
rss_warm=$(rss)
cpu0=$(cpu)
out=$(BODY="$tmp/body.json" wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s tests/bench/post.lua "$url")
cpu1=$(cpu)
rss_end=$(rss)
hz=$(getconf CLK_TCK)
printf '%s\n' "$out" | grep -E 'Requests/sec|Latency|50%|99%|requests in|Non-2xx|Socket errors' || true
cores=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$hz" -v s="$SECS" 'BEGIN {printf "%.2f", (b - a) / hz / s}')
echo "soak: $SECS s, $CONNS connections, $(wc -c <"$tmp/body.json") byte request"
echo "soak: server RSS ${rss_start} kB at start, ${rss_warm} kB after a 5 s warm-up, ${rss_end} kB after the run"
echo "soak: server CPU $cores cores on average during the run"
fail=0
kill -0 "$pid" 2>/dev/null || { echo "soak: the server died"; fail=1; }
if grep -qE 'Non-2xx|Socket errors' <<<"$out"; then echo "soak: errors during the run"; fail=1; fi
if [ $((rss_end - rss_warm)) -gt "$SLACK" ]; then
	echo "soak: RSS grew $((rss_end - rss_warm)) kB after the warm-up (bound $SLACK kB)"; fail=1
fi
exit $fail
