#!/usr/bin/env bash
# Builds the npm package `vivamo-validate` into bindings/wasm/pkg/.
#
# Installs what it needs once: the wasm32-unknown-unknown target (rustup) and the
# wasm-bindgen-cli whose version is the wasm-bindgen crate's in Cargo.lock, into
# ${VIVAMO_CACHE:-~/.cache/vivamo-validate}/wasm-bindgen-<version> (about 7 minutes
# the first time; reused after). wasm-opt comes from the `binaryen` npm package
# (`npm ci` here) or PATH; without it the package is built unoptimized.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
profile=wasm-release
crate=vivamo_validate_wasm

version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' "$root/Cargo.lock")
[ -n "$version" ] || { echo "build.sh: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
cache=${VIVAMO_CACHE:-$HOME/.cache/vivamo-validate}
bindgen=$cache/wasm-bindgen-$version/bin/wasm-bindgen

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if ! "$bindgen" --version 2>/dev/null | grep -q " $version\$"; then
  echo "build.sh: installing wasm-bindgen-cli $version into $cache (once)" >&2
  # Not --locked: a version its lock file pins is missing from the registry.
  cargo install --root "$cache/wasm-bindgen-$version" wasm-bindgen-cli --version "$version"
fi

cargo build --manifest-path "$root/Cargo.toml" -p vivamo-validate-wasm \
  --target wasm32-unknown-unknown --profile "$profile"
wasm=$CARGO_TARGET_DIR/wasm32-unknown-unknown/$profile/$crate.wasm

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bindgen" --target web --no-typescript --out-dir "$work/web" "$wasm"
"$bindgen" --target nodejs --no-typescript --out-dir "$work/node" "$wasm"
# Both glues drive one module: the package ships it once.
cmp -s "$work/web/${crate}_bg.wasm" "$work/node/${crate}_bg.wasm" || {
  echo "build.sh: the web and nodejs targets gave different modules" >&2
  exit 1
}

wasm_opt=$here/node_modules/.bin/wasm-opt
[ -x "$wasm_opt" ] || wasm_opt=$(command -v wasm-opt || true)
out=$work/pkg
mkdir -p "$out"
if [ -n "$wasm_opt" ] && [ "${VIVAMO_WASM_OPT:-1}" != 0 ]; then
  # The features rustc enables for wasm32 by default; -Oz: smallest.
  "$wasm_opt" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$work/web/${crate}_bg.wasm" -o "$out/${crate}_bg.wasm"
else
  echo "build.sh: no wasm-opt (run npm ci in bindings/wasm); the module stays unoptimized" >&2
  cp "$work/web/${crate}_bg.wasm" "$out/"
fi
cp "$work/web/$crate.js" "$out/$crate.js"
cp "$work/node/$crate.js" "$out/$crate.cjs"
cp "$here/js/index.js" "$here/js/index.d.ts" "$here/js/package.json" "$here/README.md" "$out/"
cp "$here/js/index.d.ts" "$out/index.d.cts"

rm -rf "$here/pkg"
mv "$out" "$here/pkg"
echo "build.sh: $here/pkg ($(wc -c < "$here/pkg/${crate}_bg.wasm") bytes of wasm)"
