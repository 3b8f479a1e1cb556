"""What the locking design costs: short read-only connections, and imports beside busy readers.

    python -m bench.concurrency_bench

The app opens a read-only connection per query batch (so it never blocks an import) instead
of holding one connection open. This measures, on a database with 200,000 disbursements:
the latency of one query through a fresh connection against a cursor of a connection kept
open; and the time of a CLI import alone against the same import while three processes read
in a tight loop (the readers wait at the gate; the import goes first).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from bench.common import ROOT, big_workbook, median
from followup import store
from followup.filters import Filters
from followup.store import ingest

READERS = """
import json, sys, time
from pathlib import Path
from followup import store
from followup.filters import Filters
db, seconds = Path(sys.argv[1]), float(sys.argv[2])
waits, errors = [], 0
end = time.monotonic() + seconds
while time.monotonic() < end:
    start = time.monotonic()
    try:
        with store.reader(db) as con:
            store.run_query(con, "spend_by_year",
                            Filters(snapshot=store.latest_snapshot(con)).params())
    except Exception:
        errors += 1
    waits.append(time.monotonic() - start)
print(json.dumps({"runs": len(waits), "errors": errors, "max_wait": max(waits)}))
"""


def query_latency(db: Path, repeat: int = 200) -> tuple[float, float]:
    """Return median ms of one query via a fresh connection, and via a kept connection."""
    params = None
    fresh = []
    for _ in range(repeat):
        start = time.perf_counter()
        with store.reader(db) as con:
            params = params or Filters(snapshot=store.latest_snapshot(con)).params()
            store.run_query(con, "spend_by_year", params)
        fresh.append(time.perf_counter() - start)
    kept, con = [], duckdb.connect(str(db), read_only=True)
    for _ in range(repeat):
        start = time.perf_counter()
        store.run_query(con.cursor(), "spend_by_year", params)
        kept.append(time.perf_counter() - start)
    con.close()
    return median(fresh) * 1000, median(kept) * 1000


def timed_import(path: Path, db: Path) -> float:
    """Return the seconds of one CLI import into db."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "followup", "ingest", str(path), "--db", str(db),
                    "--as-of", dt.date.today().isoformat()], cwd=ROOT, check=True,
                   capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - start


def main() -> None:
    path = big_workbook()
    medium = big_workbook(4_000, 40_000, 400)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "followup.duckdb"
        ingest.ingest(path.read_bytes(), path.name, db, dt.date(2012, 12, 14))
        fresh, kept = query_latency(db)
        print(f"one query, fresh read-only connection: {fresh:6.2f} ms (median)")
        print(f"one query, cursor of a kept connection: {kept:6.2f} ms (median)")
        print(f"cost of not holding the file open:      {fresh - kept:6.2f} ms per query batch")
        alone = timed_import(medium, Path(folder) / "alone.duckdb")
        readers = [subprocess.Popen([sys.executable, "-c", READERS, str(db), "8"], cwd=ROOT,
                                    stdout=subprocess.PIPE, text=True,
                                    env={**os.environ, "PYTHONPATH": str(ROOT)})
                   for _ in range(3)]
        time.sleep(1)
        busy = timed_import(medium, db)
        reports = [json.loads(r.communicate()[0]) for r in readers]
        print(f"CLI import of 40,000 rows alone:        {alone:6.2f} s")
        print(f"same import beside 3 busy readers:      {busy:6.2f} s  ({busy / alone:.2f}x)")
        print(f"reader queries during the run:          {sum(r['runs'] for r in reports)}, "
              f"errors {sum(r['errors'] for r in reports)}, longest wait "
              f"{max(r['max_wait'] for r in reports):.2f} s")


if __name__ == "__main__":
    main()
