#!/usr/bin/env bash
# The Python package's tests: a cached virtual environment with the pinned tools,
# the CLI (for the differential and Spark tests), the package built from source,
# then pytest over tests/ and the README's examples. Exits non-zero on failure,
# and when pytest collected no test.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="${VIVAMO_CACHE:-$HOME/.cache/vivamo-validate}"
venv="$cache/venv-py"
python="${PYTHON:-python3}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
# The venv first: pip runs its maturin as the build backend.
export PATH="$venv/bin:$PATH"

stamp="$venv/.requirements"
if [[ ! -x "$venv/bin/python" ]] || ! cmp -s "$here/requirements-dev.txt" "$stamp"; then
    echo "test.sh: setting up $venv" >&2
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements-dev.txt"
    cp "$here/requirements-dev.txt" "$stamp"
fi

echo "test.sh: building the CLI" >&2
(cd "$repo" && cargo build --quiet --release --features cli --bin vivamo-validate)
export VIVAMO_CLI="$CARGO_TARGET_DIR/release/vivamo-validate"

echo "test.sh: installing the package from source" >&2
# --no-build-isolation: build with the venv's pinned maturin, offline once cached.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall \
    --no-deps "$here"

cd "$here"
status=0
"$venv/bin/python" -m pytest -q -p no:cacheprovider --doctest-glob=README.md tests README.md "$@" || status=$?
if [[ $status -eq 5 ]]; then
    echo "test.sh: pytest collected no tests" >&2
    exit 1
fi
exit $status
