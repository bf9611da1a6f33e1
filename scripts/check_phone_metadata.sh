#!/usr/bin/env bash
# CI: the committed phone data are exactly what the pinned libphonenumber release produces.
#
# Runs `python3 tools/update_phone_metadata.py --check`, which installs the pinned PyPI
# `phonenumbers` wheel (version and sha256 pinned in the script) into a throwaway venv,
# regenerates src/phone/metadata.rs and tests/vectors/phone_differential.tsv from it, and
# exits 1 if either differs from the committed file (nothing is written). Needs Python 3.9+
# with venv and HTTPS access to PyPI (pypi.org and files.pythonhosted.org); about 30 s.
#
# The offline checks stay in `cargo test`: tests/phone_tables.rs (the table's invariants,
# and that every place names one release) and tests/phone_differential.rs (the library
# agrees with every committed libphonenumber verdict).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 tools/update_phone_metadata.py --check
