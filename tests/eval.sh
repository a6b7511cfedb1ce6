#!/usr/bin/env bash
# make eval: starts a fresh build on a free port and runs the scorers:
# CoNLL-2003 testa (entities), the gold dev articles (entities, quotes,
# claims), this project's own articles (tests/articles), PolNeAR dev (quote
# attribution).
set -euo pipefail
BUILD=${BUILD:-build}
SHARED=${SHARED:-../shared}
port=$((40000 + RANDOM % 10000))
"$BUILD/enricher" serve --port "$port" --log-requests 0 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
base="http://127.0.0.1:$port"
echo "== CoNLL-2003 testa (score_conll.py)"
python3 "$SHARED/corpus/score_conll.py" "$SHARED/data/conll2003/testa.txt" --url "$base/v1/entities" | tail -n 3
echo "== dev articles (score.py)"
python3 "$SHARED/corpus/score.py" "$SHARED/corpus/dev" --url "$base/v1/enrich" | tail -n 6
echo "== this project's own articles (score.py tests/articles)"
python3 "$SHARED/corpus/score.py" tests/articles --url "$base/v1/enrich" | tail -n 6
echo "== PolNeAR dev (score_attribution.py)"
python3 "$SHARED/corpus/score_attribution.py" "$SHARED/data/polnear/dev" --url "$base/v1/quotes" | tail -n 3
