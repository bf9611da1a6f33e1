"""Generated and mutated rows give identical verdicts and values through
validate_record, validate_table and the CLI's CSV input (`--output jsonl`)."""

import csv
import json
import subprocess

import pyarrow as pa
import pytest

import vivamo_validate as vv
from conftest import FLAT, as_json, generated, mutate
from vectors import ordered

N = 3000


@pytest.fixture(scope="module")
def rows():
    clean = generated(N)
    return clean + mutate(clean[: N // 2])


def run_cli(cli, tmp_path, rows, columns, flags):
    path = tmp_path / "rows.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
    done = subprocess.run([cli, "--output", "jsonl", "--input", "csv", *flags, str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode in (0, 1), done.stderr
    lines = [json.loads(l) for l in done.stdout.splitlines()]
    assert [l.pop("record") for l in lines] == list(range(1, len(rows) + 1))
    # Where each record came from (the CLI's source members) is not part of the
    # verdict that validate_record and validate_table return.
    for line in lines:
        assert line.pop("file") == str(path)
        assert isinstance(line.pop("line"), int)
        line.pop("externalCustomerId", None)
        # A CSV reader's own warning (a quoted cell holding a line break) is about
        # the file, not the record, so the table and record paths never give it.
        warnings = [w for w in line.get("warnings", []) if w["code"] != "csv_multiline_field"]
        if warnings:
            line["warnings"] = warnings
        else:
            line.pop("warnings", None)
    return lines


def table_lines(table):
    """validate_table's rows as the CLI's jsonl objects (without `record`)."""
    out = []
    for row in table.to_pylist():
        line = {"valid": row["valid"]}
        if row["valid"]:
            customer = {"externalCustomerId": row["externalCustomerId"], "data": {}}
            for key in FLAT[1:-1]:
                if row[key] is not None:
                    customer["data"][key] = row[key]
            if row["createdAt"] is not None:
                customer["createdAt"] = row["createdAt"]
            line["customer"] = customer
            assert row["errors"] is None
        else:
            line["errors"] = json.loads(row["errors"])
            assert all(row[key] is None for key in FLAT)
        if row["warnings"] is not None:
            line["warnings"] = json.loads(row["warnings"])
            assert line["warnings"], "no warnings is null, never []"
        out.append(line)
    return out


CONFIGS = [
    ({}, []),
    ({"environment": "sandbox", "report_unknown_fields": True, "reject_fixed_line_or_mobile": True,
      "states": "states_and_dc"},
     ["--environment", "sandbox", "--report-unknown-fields", "--reject-fixed-line-or-mobile",
      "--states", "states-dc"]),
]


@pytest.mark.parametrize("options, flags", CONFIGS)
def test_record_table_and_cli_agree(cli, tmp_path, rows, options, flags):
    # An unknown column, holding a value in some rows.
    columns = FLAT + ["segment"]
    rows = [dict(r, segment=("vip" if i % 7 == 0 else None)) for i, r in enumerate(rows)]
    table = pa.table({c: pa.array([r.get(c) for r in rows], pa.string()) for c in columns})

    # Without the duplicate check: record by record.
    cli_lines = run_cli(cli, tmp_path, rows, columns, flags + ["--no-duplicate-check"])
    by_record = []
    for row in rows:
        rec = json.loads(as_json(row))
        if row.get("segment"):
            rec["segment"] = row["segment"]
        by_record.append(vv.validate_record(json.dumps(rec, ensure_ascii=False), **options))
    by_table = table_lines(vv.validate_table(table, check_duplicates=False, **options))
    assert len(cli_lines) == len(by_record) == len(by_table) == len(rows)
    for i, (a, b, c) in enumerate(zip(cli_lines, by_record, by_table)):
        assert ordered(a) == ordered(b) == ordered(c), f"row {i + 1}: {rows[i]!r}"
    assert 0 < sum(l["valid"] for l in cli_lines) < len(rows)

    # With it (the default of both): the same rows turn into duplicates.
    cli_lines = run_cli(cli, tmp_path, rows, columns, flags)
    by_table = table_lines(vv.validate_table(table, **options))
    for i, (a, c) in enumerate(zip(cli_lines, by_table)):
        assert ordered(a) == ordered(c), f"row {i + 1}: {rows[i]!r}"
    codes = {e["code"] for l in by_table for e in l.get("errors", [])}
    assert {"duplicate_external_id", "duplicate_email"} <= codes


def test_batches_and_threads_do_not_change_the_answer(rows):
    table = pa.table({c: pa.array([r.get(c) for r in rows], pa.string()) for c in FLAT})
    whole = vv.validate_table(table)
    # Many small batches through a reader, on one thread.
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=97))
    assert vv.validate_table(reader, threads=1).equals(whole)
    # Large strings, string views and dictionaries read the same.
    for target in (pa.large_string(), pa.string_view()):
        assert vv.validate_table(table.cast(pa.schema([(c, target) for c in FLAT]))).equals(whole)
    encoded = pa.table({c: pa.array([r.get(c) for r in rows], pa.string()).dictionary_encode() for c in FLAT})
    assert vv.validate_table(encoded).equals(whole)
