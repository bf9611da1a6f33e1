"""Shared fixtures: the CLI binary and generated customer rows."""

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from vectors import REPO  # noqa: E402

# The flat shape: the CLI's CSV header (SPEC §10), validate_table's columns.
FLAT = ["externalCustomerId", "email", "phone", "firstName", "lastName", "street", "street2",
        "state", "city", "zip", "country", "createdAt"]


@pytest.fixture(scope="session")
def cli():
    """The CLI, from $VIVAMO_CLI or built with cargo (release, `cli` feature)."""
    path = os.environ.get("VIVAMO_CLI")
    if path:
        return path
    target = os.environ.get("CARGO_TARGET_DIR", str(REPO / "target"))
    subprocess.run(["cargo", "build", "--release", "--features", "cli", "--bin", "vivamo-validate"],
                   cwd=REPO, check=True)
    return str(Path(target) / "release" / "vivamo-validate")


def generated(n, seed=20240301):
    """`n` records from tools/gen_customers.py, flattened (CSV has no KYC)."""
    sys.path.insert(0, str(REPO / "tools"))
    import gen_customers

    rng = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        rec = gen_customers.record(i, rng)
        row = {k: v for k, v in rec["data"].items()}
        row["externalCustomerId"] = rec["externalCustomerId"]
        row["createdAt"] = rec.get("createdAt")
        rows.append({k: row.get(k) for k in FLAT})
    return rows


ODD = ["", " ", "\t", "\u00a0", "\u200b", "\ufeff", "\u202e", "é", "e\u0301", "＋", "Ⅻ", "٣",
       ",", '"', "\n", "\r\n", "'", "+", "@", ".", "-", "(0)", "ß", "İ", "🙂", "\x00", "\x7f", "x" * 300]


def mutate(rows, seed=7):
    """Typical and odd damage to flat rows: edits inside cells, blanks, case
    changes, CSV-special characters, copied ids and emails (duplicates)."""
    rng = random.Random(seed)
    out = []
    for row in rows:
        row = dict(row)
        for _ in range(rng.randint(1, 3)):
            key = rng.choice(FLAT)
            value = row.get(key) or ""
            kind = rng.random()
            if kind < 0.15:
                row[key] = None
            elif kind < 0.3:
                row[key] = value.upper() if rng.random() < 0.5 else value.lower()
            elif kind < 0.45 and out:
                other = rng.choice(out)
                row[key] = other.get(key)
            elif kind < 0.6:
                row[key] = " " + value + rng.choice(ODD)
            else:
                at = rng.randint(0, len(value))
                row[key] = value[:at] + rng.choice(ODD) + value[at:]
        out.append(row)
    return out


def as_json(row):
    """The record of a flat row in the API's shape; an empty cell is absent."""
    rec = {}
    data = {}
    for key in FLAT:
        value = row.get(key)
        if value is None or value == "":
            continue
        if key in ("externalCustomerId", "createdAt"):
            rec[key] = value
        else:
            data[key] = value
    rec["data"] = data
    return json.dumps(rec, ensure_ascii=False)
