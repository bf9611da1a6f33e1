"""examples/spark_job.py in Spark's local mode gives the CLI's verdicts on the
same CSV (a few thousand rows, with a timeout)."""

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FLAT, generated
from test_differential import run_cli, table_lines
from vectors import ordered

JOB = Path(__file__).resolve().parents[1] / "examples" / "spark_job.py"
ROWS = 3000

pytestmark = pytest.mark.skipif(shutil.which("java") is None and not os.environ.get("JAVA_HOME"),
                                reason="Spark needs Java (17), which is not installed")


def rows():
    """Generated rows, some repeated (duplicates) and some edited in ways a CSV
    round trip through Spark keeps (no line breaks or NULs)."""
    out = generated(ROWS)
    for i in range(0, ROWS, 50):
        out[i]["email"] = out[i - 1]["email"].upper()
        out[i + 1]["externalCustomerId"] = out[i]["externalCustomerId"]
        out[i + 2]["firstName"] = " é\u0301 "
        out[i + 3]["phone"] = "＋44 7400 123456"
    return out


def spark(tmp_path, csv_path, *flags):
    out = tmp_path / ("out" + "".join(flags).replace("-", "_"))
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    subprocess.run([sys.executable, str(JOB), str(csv_path), str(out), "--master", "local[2]", *flags],
                   check=True, timeout=600, env=env)
    lines = []
    for part in sorted(out.glob("part-*.json")):
        lines += [json.loads(l) for l in part.read_text(encoding="utf-8").splitlines()]
    # Spark's JSON writer drops nulls: give them back.
    return [dict({"errors": None, "warnings": None, **{k: None for k in FLAT}}, **l) for l in lines]


class Table:
    """Enough of a pyarrow.Table for table_lines."""

    def __init__(self, rows):
        self.rows = rows

    def to_pylist(self):
        return self.rows


def test_spark_job_matches_the_cli(cli, tmp_path):
    data = rows()
    csv_path = tmp_path / "customers.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(FLAT)
        for row in data:
            writer.writerow(["" if row[c] is None else row[c] for c in FLAT])
    # One partition: the duplicate check covers the whole file, as the CLI's does.
    got = table_lines(Table(spark(tmp_path, csv_path, "--one-partition")))
    expected = run_cli(cli, tmp_path, data, FLAT, [])
    assert len(got) == len(expected) == ROWS
    for i, (a, b) in enumerate(zip(got, expected)):
        assert ordered(a) == ordered(b), f"row {i + 1}"
    codes = {e["code"] for l in got for e in l.get("errors", [])}
    assert {"duplicate_email", "duplicate_external_id", "text_no_letters"} <= codes
