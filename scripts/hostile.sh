#!/usr/bin/env bash
# The hostile-input suite (tests/hostile.rs) against an optimized binary, so
# that its 2 s bound is the issue-12 target itself; a plain `cargo test` runs
# the same cases against the debug binary with a loose time bound.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo test --release --features cli --test hostile -- --nocapture --test-threads 1
