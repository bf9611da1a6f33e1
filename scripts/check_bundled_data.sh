#!/usr/bin/env bash
# CI: the committed data are exactly what the pinned PyPI releases produce.
#
#   tools/update_phone_metadata.py --check  installs the pinned `phonenumbers` wheel
#       (version and sha256 pinned in the script) into a throwaway venv, regenerates
#       src/phone/metadata.rs and tests/vectors/phone_differential.tsv from it, and fails
#       if either differs from the committed file;
#   data/update_disposable.py --check       downloads the pinned
#       `disposable-email-domains` and `publicsuffixlist` wheels (sha256 pinned; read as
#       zip files, nothing installed), rebuilds data/disposable_domains.txt, and fails if
#       it differs.
#   the test territory_dfas_are_current     regenerates the phone automata
#       (src/phone/territory_dfas.bin and .rs) from src/phone/metadata.rs and fails if
#       they differ (offline; it also runs in every `cargo test`);
#   the test nanp_table_is_current          regenerates src/phone/nanp_table.rs (the
#       +1 area code and exchange table) by walking those automata and fails if it
#       differs (offline, 0.1 s in release; run after the metadata change).
#
# Nothing is written. Needs Python 3.9+ with venv and HTTPS access to PyPI (pypi.org and
# files.pythonhosted.org); about 40 s. Exit status 1 names the stale file on stderr.
# The offline checks are in `cargo test`: tests/phone_tables.rs, tests/phone_differential.rs,
# tests/email_data.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tools/update_phone_metadata.py --check
python3 data/update_disposable.py --check
cargo test --release --lib territory_dfas_are_current
cargo test --release --lib nanp_table_is_current -- --ignored
