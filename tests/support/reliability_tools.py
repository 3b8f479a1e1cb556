"""Compare databases exactly, and check that a round holds what its snapshot row says."""

from __future__ import annotations

import hashlib
from pathlib import Path

from followup import store

TABLES = ("snapshots", "actions", "grants", "disbursements")


def digest(db: Path) -> dict[str, str]:
    """Return a hash of every table's rows (sorted), to compare databases exactly."""
    with store.reader(db) as con:
        out = {}
        for table in TABLES:
            rows = con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out


def rounds(db: Path) -> list[dict]:
    with store.reader(db) as con:
        return store.snapshots(con)


def complete(db: Path, snapshot: dict) -> bool:
    """Return True when a round holds exactly the rows its snapshot row says it holds."""
    with store.reader(db) as con:
        counts = [store.one(con, f"SELECT count(*) FROM {t} WHERE snapshot_id = $s",
                            {"s": snapshot["snapshot_id"]})[0]
                  for t in ("actions", "grants")]
        pairs = store.one(con, "SELECT count(*) FROM disbursements WHERE snapshot_id = $s",
                          {"s": snapshot["snapshot_id"]})[0]
    return counts == [snapshot["actions"], snapshot["grants"]] and \
        pairs == snapshot["disbursements"]
