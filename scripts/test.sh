#!/usr/bin/env bash
# Every test suite of the project, from a fresh machine: installs what is missing
# (Debian packages, Python venvs and npm packages under a cache directory,
# ${VIVAMO_CACHE:-~/.cache/vivamo-validate}), then runs the workspace's cargo tests,
# the hostile-input suite, a short fuzz run, the mock server's API fuzzing, the
# Python tests (Spark included) and the data check. Fails on the first
# failing suite. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n== %s\n' "$*"; }

# Debian packages the suites use: GNU time (peak memory in the hostile suite).
apt_install() {
    local missing=()
    for pair in "$@"; do
        [ -e "${pair%%:*}" ] || missing+=("${pair##*:}")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        section "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}
apt_install /usr/bin/time:time

section "cargo test (the workspace, every feature)"
cargo test --workspace --all-features

section "hostile inputs against the release binary (time and memory bounds)"
bash scripts/hostile.sh

section "fuzz targets, a short run each"
FUZZ_SECONDS="${FUZZ_SECONDS:-5}" bash scripts/fuzz.sh

section "the mock server against its OpenAPI document (schemathesis)"
bash crates/vivamo-mock/scripts/fuzz_api.sh

section "the npm package (node --test: vectors, differential, properties, headless Chromium)"
bash bindings/wasm/test.sh

section "the Python package (pytest: vectors, differential, engines, Spark)"
bash bindings/python/test.sh

section "bundled data are what the pinned PyPI releases produce"
bash scripts/check_bundled_data.sh

section "all suites passed"
