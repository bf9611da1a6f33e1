#!/usr/bin/env bash
# API fuzzing of vivamo-mock against its own OpenAPI document with schemathesis
# (PyPI, pinned): generated requests for every operation, checking that no answer
# is a 5xx and that every answer's status, content type and body conform to the
# document. Bounded by MAX_EXAMPLES per operation (default 50).
#
#   crates/vivamo-mock/scripts/fuzz_api.sh            # debug build
#   PROFILE=release crates/vivamo-mock/scripts/fuzz_api.sh
#
# The venv lives under ${VIVAMO_CACHE:-$HOME/.cache/vivamo-validate}; it is made
# on first use. Exit status: schemathesis's (0 when every check passed).
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
MAX_EXAMPLES=${MAX_EXAMPLES:-50}
PROFILE=${PROFILE:-debug}
KEY=sk_test_vivamo_mock

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cache=${VIVAMO_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vivamo-validate}
venv="$cache/schemathesis-$SCHEMATHESIS_VERSION"

if [ ! -x "$venv/bin/schemathesis" ]; then
    echo "fuzz_api: installing schemathesis $SCHEMATHESIS_VERSION into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

cargo_flags=(-p vivamo-mock --quiet)
[ "$PROFILE" = release ] && cargo_flags+=(--release)
(cd "$root" && cargo build "${cargo_flags[@]}")
target=${CARGO_TARGET_DIR:-$root/target}
binary="$target/$PROFILE/vivamo-mock"

workdir=$(mktemp -d)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap cleanup EXIT

mkfifo "$workdir/stdout"
"$binary" --listen 127.0.0.1:0 --fixtures "$root/data/mock_fixtures.jsonl" \
    >"$workdir/stdout" 2>"$workdir/stderr" &
server_pid=$!
read -r line <"$workdir/stdout"
url=${line#listening on }
echo "fuzz_api: $line (pid $server_pid)" >&2

started=$(date +%s)
status=0
# Run from the scratch directory: schemathesis keeps a cache where it runs.
cd "$workdir"
"$venv/bin/schemathesis" run "$root/crates/vivamo-mock/openapi.json" \
    --url "$url" \
    --header "Authorization: Bearer $KEY" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --max-examples "$MAX_EXAMPLES" \
    --phases examples,coverage,fuzzing \
    --generation-deterministic \
    --no-color \
    || status=$?
echo "fuzz_api: schemathesis finished in $(( $(date +%s) - started )) s with status $status" >&2

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "fuzz_api: the server died" >&2
    cat "$workdir/stderr" >&2
    exit 1
fi
if grep -q "panicked" "$workdir/stderr"; then
    echo "fuzz_api: a handler panicked:" >&2
    cat "$workdir/stderr" >&2
    exit 1
fi
exit "$status"
