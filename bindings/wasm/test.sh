#!/usr/bin/env bash
# Builds the npm package and runs its tests: the vector files, the differential
# test against the CLI, the property tests, the package and README checks, and the
# demo page in headless Chromium. Installs what a fresh machine lacks first: the
# wasm target and the pinned wasm-bindgen-cli (build.sh), the npm dev dependencies,
# and Debian's chromium. Exits non-zero when anything fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
cd "$here"

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
chromium=${VIVAMO_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
fi

./build.sh
# The CLI, for the differential test.
cargo build --manifest-path "$root/Cargo.toml" --release --features cli
export VIVAMO_CLI=$CARGO_TARGET_DIR/release/vivamo-validate

node --test --test-reporter=spec tests/
