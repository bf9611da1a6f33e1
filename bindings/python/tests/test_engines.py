"""pandas, Polars and DuckDB hand validate_table the same rows as pyarrow does
(through their own Arrow exports), so they get the CLI's answers (see
test_differential.py, which compares the pyarrow path with the CLI)."""

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import vivamo_validate as vv
from conftest import FLAT, generated, mutate


@pytest.fixture(scope="module")
def table():
    rows = generated(2000)
    rows += mutate(rows[:1000])
    return pa.table({c: pa.array([r.get(c) for r in rows], pa.string()) for c in FLAT})


@pytest.fixture(scope="module")
def expected(table):
    return vv.validate_table(table)


def test_pandas(table, expected):
    df = table.to_pandas()
    assert vv.validate_table(df).equals(expected)
    # Columns in another order, and one the library does not know.
    df = df[list(reversed(FLAT))].assign(segment=1)
    assert vv.validate_table(df).equals(expected)


def test_polars(table, expected):
    df = pl.from_arrow(table)
    assert vv.validate_table(df).equals(expected)
    assert vv.validate_table(df.lazy().collect()).equals(expected)


def test_duckdb(table, expected):
    connection = duckdb.connect()
    connection.register("customers", table)
    relation = connection.sql("SELECT * FROM customers")
    assert vv.validate_table(relation).equals(expected)
    # A query's result, streamed in batches.
    reader = connection.sql("SELECT * FROM customers").to_arrow_reader(batch_size=500)
    assert vv.validate_table(reader).equals(expected)


def test_one_record_batch(table, expected):
    batch = table.combine_chunks().to_batches()[0]
    assert vv.validate_table(batch).equals(expected)
