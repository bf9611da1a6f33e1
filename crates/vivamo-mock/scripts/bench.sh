#!/usr/bin/env bash
# Load test of vivamo-mock with wrk over loopback (client and server on one
# machine): /health as the baseline, GET of a stored customer, POST of new
# customers, then the memory of a server holding 1,000,000 customers (file
# database, and in memory) and GETs against it.
#
#   crates/vivamo-mock/scripts/bench.sh        # needs wrk (apt-get install -y wrk)
#
# Environment: DURATION (default 10s), CONNECTIONS (16), THREADS (1),
# CUSTOMERS (1000000; 0 skips the large part), SKIP_MEMORY_DB=1 to skip the
# in-memory large run.
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
CUSTOMERS=${CUSTOMERS:-1000000}
KEY=sk_test_vivamo_mock

here=$(cd "$(dirname "$0")" && pwd)
crate=$(cd "$here/.." && pwd)
root=$(cd "$crate/../.." && pwd)
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
(cd "$root" && cargo build --release -p vivamo-mock --quiet)
binary="${CARGO_TARGET_DIR:-$root/target}/release/vivamo-mock"

work=$(mktemp -d)
pid=
stop() {
    if [ -n "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        pid=
    fi
}
trap 'stop; rm -rf "$work"' EXIT

# start ARGS...: starts the server, sets $pid and $url.
start() {
    rm -f "$work/out"
    mkfifo "$work/out"
    "$binary" --listen 127.0.0.1:0 "$@" >"$work/out" 2>>"$work/stderr" &
    pid=$!
    local line
    read -r line <"$work/out"
    url=${line#listening on }
}

rss() { awk '/^VmRSS/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status"; }
peak() { awk '/^VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status"; }

# load NAME WRK-ARGS...: one wrk run, summarized in one line.
load() {
    local name=$1
    shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$work/wrk" 2>&1
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk")
    p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
    errors=$(awk '/Non-2xx/ {print $5}' "$work/wrk")
    printf '%-34s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$THREADS -c$CONNECTIONS -d$DURATION"
start --fixtures "$root/data/mock_fixtures.jsonl"
load "GET /health (baseline)" "$url/health"
load "GET /v1/customers/demo-user" -H "Authorization: Bearer $KEY" "$url/v1/customers/demo-user"
load "POST /v1/customers (new each)" -s "$crate/benches/post_customers.lua" "$url"
created=$(curl -s -H "Authorization: Bearer $KEY" "$url/v1/customers?size=1" | sed 's/.*"total":\([0-9]*\).*/\1/')
echo "stored after the POST run: $created customers; server RSS $(rss)"
stop

[ "$CUSTOMERS" -gt 0 ] || exit 0
fixtures="$work/customers.jsonl"
python3 - "$fixtures" "$CUSTOMERS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
with open(path, "w") as out:
    for i in range(n):
        out.write('{"externalCustomerId":"m%d","data":{"email":"customer%d@example.com",'
                  '"firstName":"Ada","lastName":"Lovelace","city":"London","country":"GB"},'
                  '"createdAt":"2025-01-01T00:00:00.000Z"}\n' % (i, i))
PY
echo "fixtures: $CUSTOMERS customers, $(du -h "$fixtures" | cut -f1)"

began=$(date +%s)
start --db "$work/large.db" --fixtures "$fixtures"
echo "file database: loaded in $(( $(date +%s) - began )) s; RSS $(rss) (peak $(peak) while loading)"
BENCH_CUSTOMERS=$CUSTOMERS load "GET random of 1M (file db)" -s "$crate/benches/get_random.lua" "$url"
load "POST new into 1M (file db)" -s "$crate/benches/post_customers.lua" "$url"
echo "file database after the runs: RSS $(rss); file $(du -h "$work/large.db" | cut -f1)"
stop
# A restart on the same file (no fixtures to load) shows the steady state.
start --db "$work/large.db"
BENCH_CUSTOMERS=$CUSTOMERS load "GET random of 1M (file, restarted)" -s "$crate/benches/get_random.lua" "$url"
echo "file database restarted: RSS $(rss)"
stop

if [ "${SKIP_MEMORY_DB:-0}" != 1 ]; then
    began=$(date +%s)
    start --fixtures "$fixtures"
    echo "in-memory database: loaded in $(( $(date +%s) - began )) s; RSS $(rss) (peak $(peak))"
    BENCH_CUSTOMERS=$CUSTOMERS load "GET random of 1M (memory)" -s "$crate/benches/get_random.lua" "$url"
    stop
fi
