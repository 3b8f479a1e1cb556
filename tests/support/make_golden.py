"""Write what every query answers on the sample and on the three-round fixture, as JSON.

Run it in a checkout of the release to compare with (its `followup` and its test builders on
the path), e.g. the release before scoped rounds:

    git worktree add /tmp/old b9e5af1
    cd /tmp/old && PYTHONPATH=. python /path/to/tests/support/make_golden.py OUT.json

tests/store/test_migration.py builds the same databases with this release, takes away what
this release added (as a file of the earlier release lacks it), lets the upgrade migrate it,
and requires every answer to be the same.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sys
import tempfile
from pathlib import Path

from followup import store
from followup.filters import Filters

# the filters each query is asked with, besides none
FILTERS = ({}, {"regions": ("Europa",)}, {"sections": ("MR/DEM",)}, {"regions": ("Globalt",)},
           {"evaluations": ("Eval A",)})
SKIP = {"reminders"}  # its addresses are the contacts'; tests/reminders covers it


def plain(value):
    """Return a JSON value: decimals and dates as text."""
    if isinstance(value, decimal.Decimal | float):
        return str(round(decimal.Decimal(value), 4))
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def answers(db: Path, queries: list[str]) -> dict:
    """Return every query's rows for every round and filter, keyed by query, round, filter."""
    out = {}
    with store.reader(db) as con:
        rounds = [r["snapshot_id"] for r in store.snapshots(con)]
        keys = [k for (k,) in con.execute("SELECT DISTINCT action_key FROM actions "
                                          "ORDER BY 1").fetchall()]
        for name in queries:
            for snapshot in rounds:
                previous = store.previous_snapshot(con, snapshot)
                for filters in FILTERS:
                    params = Filters(snapshot=snapshot, **filters).params(previous=previous)
                    extra = [{"action": k} for k in keys] if name == "action_history" else [{}]
                    for more in extra:
                        cols, rows = store.run_query(con, name, {**params, **more})
                        key = f"{name}|{snapshot}|{json.dumps(filters)}|{json.dumps(more)}"
                        out[key] = [dict(zip(cols, map(plain, r))) for r in rows]
    return out


def main(out: str) -> None:
    from followup.store import ingest
    from tests.builders import three_rounds

    queries = [q for q in store.query_names() if q not in SKIP]
    result = {}
    with tempfile.TemporaryDirectory() as folder:
        sample = Path(folder) / "sample" / "followup.duckdb"
        sample.parent.mkdir()
        ingest.ensure_database(sample)
        result["sample"] = answers(sample, queries)
        three = Path(folder) / "three" / "followup.duckdb"
        three_rounds(three, Path(folder) / "in")
        result["three_rounds"] = answers(three, queries)
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=0, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
