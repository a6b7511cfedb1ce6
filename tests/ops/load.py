#!/usr/bin/env python3
"""A bounded load loop for the rolling-restart test: THREADS clients, each on
a keep-alive connection, POST the article in BODY to URL for SECONDS and
count every answer that is not 200 (and every connection error) as a
failure. Prints one JSON line: requests, failures, and what they were."""
import http.client
import json
import sys
import threading
import time
import urllib.parse

url, body_path, seconds, threads = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
u = urllib.parse.urlsplit(url)
body = open(body_path, "rb").read()
lock = threading.Lock()
stats = {"requests": 0, "failures": 0, "kinds": {}, "max_latency_ms": 0.0}


def client():
    end = time.monotonic() + seconds
    conn = None
    while time.monotonic() < end:
        if conn is None:
            conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
        t = time.monotonic()
        kind = None
        try:
            conn.request("POST", u.path, body, {"Content-Type": "application/json"})
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                kind = "status %d" % r.status
            if r.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except Exception as e:  # any transport error is a failed request
            kind = type(e).__name__
            conn.close()
            conn = None
        ms = (time.monotonic() - t) * 1000
        with lock:
            stats["requests"] += 1
            stats["max_latency_ms"] = max(stats["max_latency_ms"], round(ms, 1))
            if kind:
                stats["failures"] += 1
                stats["kinds"][kind] = stats["kinds"].get(kind, 0) + 1
        time.sleep(0.002)


ts = [threading.Thread(target=client) for _ in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(json.dumps(stats))
