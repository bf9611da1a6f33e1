#!/usr/bin/env bash
# Load test of vivamo-mock with wrk over loopback (client and server on one
# machine). For each store (the default temporary database, and a --db file),
# empty and holding 1,000,000 customers: GET /health as the baseline, GET of a
# stored customer, POST of new customers, and the server's memory. Every
# measurement is repeated ROUNDS times; the summary gives the medians.
#
#   crates/vivamo-mock/scripts/bench.sh        # needs wrk (apt-get install -y wrk)
#
# Environment: DURATION (default 10s), CONNECTIONS (16), THREADS (1), ROUNDS (3),
# CUSTOMERS (1000000; 0 skips the large runs), BINARY (a vivamo-mock to measure
# instead of building this one, e.g. an older build for a comparison).
set -euo pipefail

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
CUSTOMERS=${CUSTOMERS:-1000000}
KEY=sk_test_vivamo_mock

here=$(cd "$(dirname "$0")" && pwd)
crate=$(cd "$here/.." && pwd)
root=$(cd "$crate/../.." && pwd)
command -v wrk >/dev/null || { echo "bench: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
if [ -z "${BINARY:-}" ]; then
    (cd "$root" && cargo build --release -p vivamo-mock --quiet)
    BINARY="${CARGO_TARGET_DIR:-$root/target}/release/vivamo-mock"
fi

work=$(mktemp -d)
results="$work/results.tsv"
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
    "$BINARY" --listen 127.0.0.1:0 "$@" >"$work/out" 2>>"$work/stderr" &
    pid=$!
    local line
    read -r line <"$work/out"
    url=${line#listening on }
}

mb() { awk -v key="$1" '$1 == key":" {printf "%.1f", $2/1024}' "/proc/$pid/status"; }

# load STORE NAME WRK-ARGS...: one wrk run, printed and kept for the summary.
load() {
    local store=$1 name=$2
    shift 2
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$work/wrk" 2>&1
    local rps p50 p99 errors
    rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk")
    p50=$(awk '$1 == "50%" {print $2}' "$work/wrk")
    p99=$(awk '$1 == "99%" {print $2}' "$work/wrk")
    errors=$(awk '/Non-2xx/ {print $5}' "$work/wrk")
    printf '  %-30s %10s req/s   p50 %8s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$name" "$rps" "$p50" "$p99" "${errors:-0}" >>"$results"
}

# memory STORE WHEN: the server's resident memory now, kept for the summary.
memory() {
    local rss
    rss=$(mb VmRSS)
    printf '  %-30s %10s MB   (peak %s MB)\n' "RSS $2" "$rss" "$(mb VmHWM)"
    printf '%s\tRSS %s\t%s\tMB\t\t\n' "$1" "$2" "$rss" >>"$results"
}

# runs STORE GET-ARGS...: the baseline, the given GET, and POSTs of new customers.
runs() {
    local store=$1
    shift
    load "$store" "GET /health (baseline)" "$url/health"
    load "$store" "$1" "${@:2}"
    load "$store" "POST /v1/customers (new each)" -s "$crate/benches/post_customers.lua" "$url"
}

if [ "$CUSTOMERS" -gt 0 ]; then
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
fi

echo "machine: $(nproc) cores; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $ROUNDS round(s); $BINARY"
for round in $(seq "$ROUNDS"); do
    echo "round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"

    echo " default store, the 6 fixtures"
    start --fixtures "$root/data/mock_fixtures.jsonl"
    runs "default, 6" "GET /v1/customers/demo-user" -H "Authorization: Bearer $KEY" "$url/v1/customers/demo-user"
    memory "default, 6" "after the runs"
    stop

    echo " --db file, the 6 fixtures"
    rm -f "$work/small.db"*
    start --db "$work/small.db" --fixtures "$root/data/mock_fixtures.jsonl"
    runs "--db, 6" "GET /v1/customers/demo-user" -H "Authorization: Bearer $KEY" "$url/v1/customers/demo-user"
    memory "--db, 6" "after the runs"
    stop

    [ "$CUSTOMERS" -gt 0 ] || continue
    export BENCH_CUSTOMERS=$CUSTOMERS

    echo " default store, $CUSTOMERS customers"
    began=$(date +%s)
    start --fixtures "$fixtures"
    echo "  loaded in $(($(date +%s) - began)) s"
    memory "default, $CUSTOMERS" "after the load"
    runs "default, $CUSTOMERS" "GET a random customer" -s "$crate/benches/get_random.lua" "$url"
    memory "default, $CUSTOMERS" "after the runs"
    stop

    echo " --db file, $CUSTOMERS customers"
    rm -f "$work/large.db"*
    began=$(date +%s)
    start --db "$work/large.db" --fixtures "$fixtures"
    echo "  loaded in $(($(date +%s) - began)) s"
    memory "--db, $CUSTOMERS" "after the load"
    runs "--db, $CUSTOMERS" "GET a random customer" -s "$crate/benches/get_random.lua" "$url"
    memory "--db, $CUSTOMERS" "after the runs"
    echo "  files: $(cd "$work" && du -h large.db* | awk '{printf "%s %s  ", $2, $1}')"
    stop
    # A restart on the same file (no fixtures to load) shows the steady state.
    start --db "$work/large.db"
    load "--db, $CUSTOMERS" "GET a random one, restarted" -s "$crate/benches/get_random.lua" "$url"
    memory "--db, $CUSTOMERS" "after a restart and a run"
    stop
done

echo
echo "medians of $ROUNDS round(s):"
python3 - "$results" <<'PY'
import re, statistics, sys

def ms(text):
    value, unit = re.fullmatch(r"([0-9.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

rows = {}
for line in open(sys.argv[1]):
    store, name, value, p50, p99, errors = line.rstrip("\n").split("\t")
    rows.setdefault((store, name), []).append((value, p50, p99, errors))
for (store, name), runs in rows.items():
    if name.startswith("RSS"):
        print(f"{store:12} {name:32} {statistics.median(float(r[0]) for r in runs):10.1f} MB")
        continue
    rps = statistics.median(float(r[0]) for r in runs)
    p50 = statistics.median(ms(r[1]) for r in runs)
    p99 = statistics.median(ms(r[2]) for r in runs)
    errors = sum(int(r[3]) for r in runs)
    print(f"{store:12} {name:32} {rps:10,.0f} req/s   p50 {p50:6.2f} ms   p99 {p99:6.2f} ms"
          f"   non-2xx {errors}")
PY
