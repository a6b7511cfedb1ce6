#!/usr/bin/env bash
# make ops: two enricher instances behind haproxy (config/deploy/haproxy.cfg)
# health-checking /readyz; a client loop drives load through haproxy for
# OPS_SECONDS (20) while each instance in turn gets SIGTERM, drains (readyz
# 503 for drain_delay_ms while it still serves, then the listener closes and
# requests in flight finish), exits 0 and is started again. Asserts zero
# failed requests. Loopback only; about 25 s.
set -euo pipefail
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
SECS=${OPS_SECONDS:-20}
THREADS=${OPS_THREADS:-4}
DRAIN_MS=${OPS_DRAIN_MS:-2500}
command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_a=$(free_port); port_b=$(free_port); port_lb=$(free_port); port_stats=$(free_port)
article="$SHARED/corpus/dev/seed-kursk.json"
if [ -f "$article" ]; then
	python3 -c 'import json,sys; g=json.load(open(sys.argv[1])); print(json.dumps({"id": g["id"], "text": g["text"]}))' "$article" >"$tmp/body.json"
else
	echo '{"id":"ops","text":"The council said on Monday that the bridge would reopen."}' >"$tmp/body.json"
fi

declare -A pid_of
start() {  # name port
	"$BUILD/enricher" serve --port "$2" --host 127.0.0.1 --log-requests 0 --fetch-enabled 0 \
		--drain-delay-ms "$DRAIN_MS" --drain-timeout 10 2>>"$tmp/$1.log" &
	pid_of[$1]=$!
	pids+=("$!")
	for _ in $(seq 200); do
		curl -fs "http://127.0.0.1:$2/readyz" >/dev/null && return 0
		sleep 0.05
	done
	echo "ops: instance $1 did not become ready"; exit 1
}
lb_status() {  # server name -> UP, DOWN, ...
	curl -fs "http://127.0.0.1:$port_stats/stats;csv" | awk -F, -v s="$1" '$1=="replicas" && $2==s {print $18}'
}
wait_status() {  # server status timeout_s
	for _ in $(seq $(($3 * 20))); do
		[[ "$(lb_status "$1")" == "$2"* ]] && return 0
		sleep 0.05
	done
	echo "ops: haproxy did not see $1 $2 within $3 s (it says $(lb_status "$1"))"; exit 1
}

start a "$port_a"
start b "$port_b"
ENRICHER_LB_ADDR=127.0.0.1:$port_lb ENRICHER_A=127.0.0.1:$port_a ENRICHER_B=127.0.0.1:$port_b \
	ENRICHER_STATS_ADDR=127.0.0.1:$port_stats haproxy -db -f config/deploy/haproxy.cfg >"$tmp/haproxy.log" 2>&1 &
pids+=("$!")
wait_status a UP 10
wait_status b UP 10
echo "ops: instances on :$port_a and :$port_b, haproxy on :$port_lb; load for $SECS s with $THREADS clients"

python3 tests/ops/load.py "http://127.0.0.1:$port_lb/v1/enrich" "$tmp/body.json" "$SECS" "$THREADS" >"$tmp/load.json" &
load=$!
pids+=("$load")
t0=$(date +%s.%N)
elapsed() { awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}'; }
sleep 2
for name in a b; do
	port=$([ $name = a ] && echo "$port_a" || echo "$port_b")
	echo "ops: $(elapsed) s: SIGTERM to $name"
	kill -TERM "${pid_of[$name]}"
	wait_status "$name" DOWN 5
	echo "ops: $(elapsed) s: haproxy sees $name DOWN"
	rc=0; wait "${pid_of[$name]}" || rc=$?
	echo "ops: $(elapsed) s: $name exited $rc"
	[ "$rc" -eq 0 ] || { echo "ops: $name exited $rc, not 0"; tail "$tmp/$name.log"; exit 1; }
	start "$name" "$port"
	wait_status "$name" UP 10
	echo "ops: $(elapsed) s: $name restarted, haproxy sees it UP"
	sleep 1
done
wait "$load"
result=$(cat "$tmp/load.json")
retries=$(curl -fs "http://127.0.0.1:$port_stats/stats;csv" | awk -F, '$1=="replicas" && $2=="BACKEND" {print "retries " $16 ", redispatches " $17}')
echo "ops: load: $result"
echo "ops: haproxy: $retries"
python3 - "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
if r["requests"] < 100:
    sys.exit("ops: too few requests went through (%d)" % r["requests"])
if r["failures"]:
    sys.exit("ops: %d of %d requests failed: %s" % (r["failures"], r["requests"], r["kinds"]))
print("ops: %d requests, 0 failed, across two rolling restarts" % r["requests"])
PY
