#!/usr/bin/env bash
# The CLI on 1,000,000 messy records (tools/gen_customers.py --messy, seeded) beside
# two baselines measured in the same hyperfine run: a program that only reads the
# file and writes one line per record (examples/baseline_lines.rs) and one that only
# parses each record with serde_json (examples/baseline_serde.rs). Then the peak RSS
# of the CLI with and without the duplicate check.
#
#   bash benches/cli/run.sh            # needs hyperfine (apt-get install -y hyperfine)
#
# Environment: RECORDS (default 1000000), RUNS (5), FILE (default
# $TMPDIR/vivamo_messy_$RECORDS.jsonl, generated when missing), OUT (where the
# hyperfine JSON and Markdown go; default target/bench-cli).
set -euo pipefail

RECORDS=${RECORDS:-1000000}
RUNS=${RUNS:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
FILE=${FILE:-${TMPDIR:-/tmp}/vivamo_messy_$RECORDS.jsonl}
OUT=${OUT:-$target/bench-cli}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install -y hyperfine)" >&2; exit 2; }

cd "$root"
cargo build --release --quiet --features cli --bin vivamo-validate
cargo build --release --quiet --example baseline_lines --example baseline_serde
if [ ! -s "$FILE" ]; then
    python3 tools/gen_customers.py --messy "$RECORDS" > "$FILE"
fi
mkdir -p "$OUT"
cli="$target/release/vivamo-validate"
examples="$target/release/examples"

hyperfine --warmup 1 --runs "$RUNS" -N --output null -i \
    --export-json "$OUT/hyperfine.json" --export-markdown "$OUT/hyperfine.md" \
    -n "baseline: read + one line a record" "$examples/baseline_lines $FILE" \
    -n "baseline: serde_json parse" "$examples/baseline_serde $FILE" \
    -n "vivamo-validate --output jsonl --no-duplicate-check" "$cli --output jsonl --no-duplicate-check $FILE" \
    -n "vivamo-validate --output jsonl" "$cli --output jsonl $FILE"

python3 - "$OUT/hyperfine.json" "$RECORDS" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
records = int(sys.argv[2])
print(f"\n| command | median | records/s | user + sys CPU per record |")
print("|---|---|---|---|")
for r in results:
    cpu = (sum(r["user"]) / len(r["user"]) if isinstance(r["user"], list) else r["user"]) + \
          (sum(r["system"]) / len(r["system"]) if isinstance(r["system"], list) else r["system"])
    print(f"| {r['command']} | {r['median']:.3f} s | {records / r['median']:,.0f} | {cpu / records * 1e6:.2f} µs |")
EOF

for flags in "--no-duplicate-check" ""; do
    /usr/bin/time -f "peak RSS %M KB: vivamo-validate --output jsonl $flags" \
        "$cli" --output jsonl $flags "$FILE" > /dev/null || true
done
