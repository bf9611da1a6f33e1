#!/usr/bin/env bash
# Every test suite of the project, from a fresh machine: installs what is missing,
# then runs the workspace's cargo tests and the data check. Fails on the first
# failing suite. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

section() { printf '\n== %s\n' "$*"; }

section "cargo test (the workspace, every feature)"
cargo test --workspace --all-features

section "bundled data are what the pinned PyPI releases produce"
bash scripts/check_bundled_data.sh

section "all suites passed"
