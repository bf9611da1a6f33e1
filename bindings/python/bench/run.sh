#!/usr/bin/env bash
# validate_table vs the CLI vs pure Python, in one run (see bench.py). Uses the
# venv that test.sh sets up, with the package installed; builds the CLI.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
venv="${VIVAMO_CACHE:-$HOME/.cache/vivamo-validate}/venv-py"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --quiet --release --features cli --bin vivamo-validate)
exec "$venv/bin/python" "$here/bench.py" --cli "$CARGO_TARGET_DIR/release/vivamo-validate" "$@"
