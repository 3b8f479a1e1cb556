"""Ingest speed and memory against merely reading the same workbook with pandas + openpyxl.

    python -m bench.ingest_bench [--repeat 3]

Generates (once) a workbook of 200,000 disbursements, 20,000 grants and 2,000 actions, then in
fresh processes: the baseline `pandas.read_excel(path, sheet_name=None, engine="openpyxl")`,
a bare Rust read for reference, and the whole `python -m followup ingest` (read, validate,
load into a new DuckDB file). Prints each time and the ratio baseline / ingest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import big_workbook, median, python, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    path = big_workbook()
    print(f"workbook: {path.name} ({path.stat().st_size / 2**20:.1f} MB)")
    reads = [run(python("import pandas as pd, sys; pd.read_excel(sys.argv[1], sheet_name=None, "
                        "engine='openpyxl')", str(path))) for _ in range(2)]
    baseline, base_mem = median([r[0] for r in reads]), max(r[1] for r in reads)
    print(f"pandas.read_excel(openpyxl), read only: {baseline:6.2f} s   peak {base_mem:5.0f} MB"
          "   (median of 2)")
    rust = median([run(python(
        "import fastexcel, sys; r = fastexcel.read_excel(sys.argv[1]); "
        "[r.load_sheet(n).to_arrow() for n in r.sheet_names]", str(path)))[0]
        for _ in range(args.repeat)])
    print(f"fastexcel, read only:                   {rust:6.2f} s")
    times, mems = [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as folder:
            seconds, mem = run([sys.executable, "-m", "followup", "ingest", str(path),
                                "--db", str(Path(folder) / "bench.duckdb")])
        times.append(seconds)
        mems.append(mem)
    ingest = median(times)
    print(f"python -m followup ingest (whole):      {ingest:6.2f} s   peak {max(mems):5.0f} MB"
          f"   (median of {args.repeat})")
    print(f"ratio pandas read / our whole ingest:   {baseline / ingest:6.1f}x  (target >= 10x)")
    print(f"peak memory of the ingest:              {max(mems):6.0f} MB (target < 600 MB)")


if __name__ == "__main__":
    main()
