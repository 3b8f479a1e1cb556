"""The command line's list queries at 250,000 rows: JSON and CSV against the query alone.

    python -m bench.cli_bench [--repeat 3] [--rows 250000]

Builds (through the store's writer, in SQL) a round whose `disbursement_list` has 250,000
rows: 31,250 grants of 8 years each, with partner names that Excel would read as formulas
among them. Then, each in a fresh process with stdout to /dev/null: the query alone (opened
read-only and run to an Arrow table, as the CLI opens it), and `python -m followup query
disbursement_list --format json` and `--format csv`. Prints the medians and the ratios.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench.common import median, python, run
from followup import store

YEARS = 8

FILL = [
    "INSERT INTO snapshots VALUES (1, DATE '2012-12-14', 'bench.xlsx', 'bench', "
    "TIMESTAMP '2012-12-14 10:00:00', NULL, 0, $grants, $grants * 8, 0)",
    "INSERT INTO grants SELECT 1, i::INTEGER, printf('G-%06d', i), 'Prosjekt ' || i, "
    "['IOM', 'UNODC', 'Østersjørådet', '=HYPERLINK(\"x\")', '-La Strada', 'ILO', "
    "'@OSSE'][i % 7 + 1], ['Hum', 'MR/DEM', 'Region'][i % 3 + 1], "
    "['Globalt', 'Europa', 'Afrika', 'Asia'][i % 4 + 1], NULL, DATE '2008-01-01', "
    "DATE '2015-12-31', (i * 1000.5)::DECIMAL(18, 2), "
    "CASE WHEN i % 3 = 0 THEN 'one-year' ELSE 'multi-year' END FROM range($grants) r(i)",
    "INSERT INTO disbursements SELECT 1, printf('G-%06d', i), 2008 + y, "
    "((i * 7919 + y * 104729) % 2000000 + 0.5 * (y % 2))::DECIMAL(18, 2) "
    "FROM range($grants) r(i), range(8) s(y)",
]

QUERY_ALONE = """
import sys
from pathlib import Path
from followup import store
from followup.filters import Filters
with store.reader(Path(sys.argv[1])) as con:
    store.relation(con, "disbursement_list", Filters(snapshot=1).params()).fetch_arrow_table()
"""


def database(path: Path, rows: int) -> Path:
    """Create the benchmark round with `rows` disbursement rows (grants × 8 years)."""
    with store.writer(path) as con:
        for statement in FILL:
            con.execute(statement, {"grants": rows // YEARS})
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows", type=int, default=250_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = database(Path(folder) / "bench.duckdb", args.rows)
        alone = median([run(python(QUERY_ALONE, str(db)))[0] for _ in range(args.repeat)])
        print(f"disbursement_list, {args.rows:,} rows, fresh processes, median of {args.repeat}")
        print(f"  the query alone (to Arrow):  {alone:6.2f} s")
        for fmt in ("json", "csv"):
            seconds, peak = zip(*[run([sys.executable, "-m", "followup", "query",
                                       "disbursement_list", "--db", str(db), "--format", fmt])
                                  for _ in range(args.repeat)])
            print(f"  --format {fmt:4}:              {median(seconds):6.2f} s   peak "
                  f"{max(peak):4.0f} MB   {median(seconds) / alone:4.2f}x the query alone"
                  "  (target <= 2x)")


if __name__ == "__main__":
    main()
