#!/usr/bin/env bash
# A short run of every cargo-fuzz target (fuzz/README.md): FUZZ_SECONDS each
# (default 10). Installs cargo-fuzz from crates.io when it is missing. Uses a
# nightly toolchain when one is installed, else RUSTC_BOOTSTRAP=1 on stable
# (cargo-fuzz needs -Z flags). Exits non-zero on the first crash.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-10}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi

for target in $(cargo "${toolchain[@]}" fuzz list); do
    echo "fuzz: $target for ${seconds}s"
    mkdir -p "corpus/$target"
    set +e
    cargo "${toolchain[@]}" fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
        >"corpus/$target.log" 2>&1
    status=$?
    set -e
    # libFuzzer's chatter stays in the log; its summary and any report are shown.
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|Done)' \
        "corpus/$target.log" || true
    if [ "$status" -ne 0 ]; then
        tail -40 "corpus/$target.log" >&2
        echo "fuzz: $target failed (see fuzz/artifacts/$target/)" >&2
        exit 1
    fi
done
echo "fuzz: all targets ran ${seconds}s without a crash"
