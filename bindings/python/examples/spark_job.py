"""Validate a customer CSV with Spark: `validate_table` inside `mapInArrow`.

    python examples/spark_job.py customers.csv out_dir [--master local[2]] [--one-partition]

Reads the CSV (header of the flat field names, every column a string), runs
`vivamo_validate.validate_table` on each partition's Arrow batches, and writes
the result (valid, errors, warnings, the normalized columns) as JSON files under
`out_dir`, partition by partition, in input order. The duplicate check (SPEC
§11.3) covers one partition; `--one-partition` makes it cover the whole file.
On a cluster the same script runs under spark-submit (see the README).
"""

import argparse
import itertools

from pyspark.sql import SparkSession

# validate_table's output, as a Spark schema.
OUTPUT_SCHEMA = ", ".join(
    ["valid boolean", "errors string", "warnings string"]
    + [f"{name} string" for name in ["externalCustomerId", "email", "phone", "firstName", "lastName", "street",
                                      "street2", "state", "city", "zip", "country", "createdAt"]]
)


def validate_partition(batches):
    """One partition: its batches as one stream, so duplicates are found across them."""
    import pyarrow as pa
    import vivamo_validate

    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    reader = pa.RecordBatchReader.from_batches(first.schema, itertools.chain([first], batches))
    # One thread per Spark task: Spark already runs a task per core.
    yield from vivamo_validate.validate_table(reader, threads=1).to_batches()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--master", default=None)
    parser.add_argument("--one-partition", action="store_true")
    args = parser.parse_args()
    builder = SparkSession.builder.appName("vivamo-validate")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    # Every column a string; an empty cell is null (absent), as in the CLI.
    df = (spark.read.option("header", True).option("inferSchema", False)
          .option("multiLine", True).option("escape", '"').csv(args.csv))
    if args.one_partition:
        df = df.coalesce(1)
    result = df.mapInArrow(validate_partition, OUTPUT_SCHEMA)
    result.write.mode("overwrite").json(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
