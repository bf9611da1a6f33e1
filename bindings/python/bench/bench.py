"""Rows/s and peak memory of validate_table against the CLI (same rows as CSV)
and a pure-Python pipeline (email-validator + phonenumbers, on a sample), in one
run. Each contender runs in its own process under /usr/bin/time (peak RSS).

    python bench.py --rows 1000000 --sample 50000 --cli PATH [--repeat 2]
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
FLAT = ["externalCustomerId", "email", "phone", "firstName", "lastName", "street", "street2",
        "state", "city", "zip", "country", "createdAt"]


def prepare(rows, work):
    """The rows as CSV (for the CLI) and as an Arrow IPC file (for the others)."""
    csv_path, arrow_path = work / f"rows_{rows}.csv", work / f"rows_{rows}.arrow"
    if csv_path.exists() and arrow_path.exists():
        return csv_path, arrow_path
    import random

    import pyarrow as pa

    sys.path.insert(0, str(REPO / "tools"))
    import gen_customers

    rng = random.Random(20240301)
    columns = {c: [] for c in FLAT}
    with open(csv_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(FLAT)
        for i in range(1, rows + 1):
            rec = gen_customers.record(i, rng)
            flat = dict(rec["data"], externalCustomerId=rec["externalCustomerId"], createdAt=rec["createdAt"])
            writer.writerow([flat.get(c, "") for c in FLAT])
            for c in FLAT:
                columns[c].append(flat.get(c))
    table = pa.table({c: pa.array(v, pa.string()) for c, v in columns.items()})
    with pa.OSFile(str(arrow_path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=65536)
    return csv_path, arrow_path


def timed(command, output):
    """Runs `command` with its output to the file `output`; returns (wall seconds,
    peak RSS in MiB, CPU seconds, the output)."""
    with open(output, "w") as out:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", *command], stdout=out, stderr=subprocess.PIPE,
                              text=True)
        wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command}: exit {done.returncode}\n{done.stderr}")
    peak_kib, user, system = done.stderr.strip().splitlines()[-1].split()
    return wall, int(peak_kib) / 1024, float(user) + float(system), Path(output).read_text()


CHILD_TABLE = """
import os, sys, time, pyarrow as pa, vivamo_validate as vv
table = pa.ipc.open_file(pa.memory_map(sys.argv[1])).read_all()
cpu = lambda: sum(os.times()[:2])
start, start_cpu = time.perf_counter(), cpu()
out = vv.validate_table(table)
elapsed, used = time.perf_counter() - start, cpu() - start_cpu
print(elapsed, used, out.num_rows)
"""

# What a data team writes without this package: the two PyPI validators of the
# fields that matter most, the rest left out (so it does less than the others).
CHILD_PYTHON = """
import sys, time, pyarrow as pa
import email_validator, phonenumbers
table = pa.ipc.open_file(pa.memory_map(sys.argv[1])).read_all().slice(0, int(sys.argv[2]))
rows = table.select(["email", "phone"]).to_pylist()
MOBILE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
start = time.perf_counter()
valid = 0
for row in rows:
    ok = True
    try:
        email_validator.validate_email(row["email"] or "", check_deliverability=False)
    except email_validator.EmailNotValidError:
        ok = False
    if row["phone"]:
        try:
            number = phonenumbers.parse(row["phone"], "US")
            ok = ok and phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in MOBILE
        except phonenumbers.NumberParseException:
            ok = False
    valid += ok
elapsed = time.perf_counter() - start
print(elapsed, elapsed, len(rows))
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=50_000)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--work", default=os.environ.get("VIVAMO_BENCH_DIR", "/tmp/vivamo-bench"))
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    csv_path, arrow_path = prepare(args.rows, work)
    results = {"cli": [], "table": [], "python": []}
    for _ in range(args.repeat):
        wall, peak, cpu, out = timed([args.cli, "--output", "jsonl", "--input", "csv", str(csv_path)], work / "cli.jsonl")
        assert out.count("\n") == args.rows
        results["cli"].append((args.rows / wall, args.rows / cpu, peak))
        _, peak, _, out = timed([sys.executable, "-c", CHILD_TABLE, str(arrow_path)], work / "table.out")
        elapsed, cpu, n = out.split()
        results["table"].append((int(n) / float(elapsed), int(n) / float(cpu), peak))
    _, peak, _, out = timed([sys.executable, "-c", CHILD_PYTHON, str(arrow_path), str(args.sample)], work / "python.out")
    elapsed, cpu, n = out.split()
    results["python"].append((int(n) / float(elapsed), int(n) / float(cpu), peak))
    notes = {
        "cli": "the whole process: CSV parsing and jsonl output included",
        "table": "the validate_table call on an in-memory pyarrow table",
        "python": f"email-validator + phonenumbers on {args.sample} rows, one thread; the rate scales linearly",
    }
    print(f"{args.rows:,} rows, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, best of {args.repeat} "
          f"(pure Python: one run)")
    best = {}
    for name, runs in results.items():
        rate, per_cpu, peak = max(runs)
        best[name] = (rate, max(r[1] for r in runs))
        print(f"{name:7} {rate:11,.0f} rows/s  {best[name][1]:11,.0f} rows/CPU-s  peak {peak:7.1f} MiB  "
              f"({notes[name]}; rows/s of each run: " + ", ".join(f"{r[0]:,.0f}" for r in runs) + ")")
    print(f"validate_table / CLI: {best['table'][0] / best['cli'][0]:.2f} in rows/s, "
          f"{best['table'][1] / best['cli'][1]:.2f} in rows per CPU-second; "
          f"validate_table / pure Python: {best['table'][0] / best['python'][0]:.0f}x; "
          f"{args.rows:,} rows in pure Python: {args.rows / best['python'][0]:.0f} s")


if __name__ == "__main__":
    main()
